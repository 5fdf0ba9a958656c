"""People within a document: names, honorifics, roles and affiliations."""

from __future__ import annotations

import pytest

from followthrough.analyse import analyse_texts, nlp
from followthrough.analyse.people import People, find_people


def people_in(text: str) -> People:
    return find_people(next(nlp.parse([text])))


def by_name(found: People) -> dict[str, object]:
    return {p.name: p for p in found.persons}


def test_name_forms_of_one_person_are_grouped() -> None:
    found = people_in(
        "Transport Secretary Helen Marsh announced the plan on Monday. Ms Marsh said it would take a year. "
        "Marsh later told reporters the money was in place."
    )
    (person,) = found.persons
    assert person.name == "Helen Marsh"
    assert [m.text for m in person.mentions if m.kind == "name"] == ["Helen Marsh", "Ms Marsh", "Marsh"]
    assert person.roles == ["Transport Secretary"] and person.gender == "f"


def test_a_name_starts_at_a_title_inside_it() -> None:
    from followthrough.analyse.people import _clean_name

    # The tagger can run the words before a title into the name ("instead of the M62 Mr Doyle said").
    assert _clean_name("M62 Mr Doyle", 40) == ("Mr Doyle", 44, 52)
    assert _clean_name("Labour Dr Ann Lee", 0) == ("Dr Ann Lee", 7, 17)
    assert _clean_name("Kemi Lord", 0) == ("Kemi Lord", 0, 9)  # a surname that is also a title stays


def test_who_chairs_a_body_is_a_role() -> None:
    found = by_name(people_in("Mira Osei, who chairs the Canal Trust, said the towpath would reopen. "
                              "Tom Vale, who leads Corby Council, agreed."))
    assert found["Mira Osei"].roles == ["chair of the Canal Trust"]  # type: ignore[attr-defined]
    assert found["Tom Vale"].roles == ["leader of Corby Council"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", [
    "'We will cut the fare,' said Nadia Kerr, Labour's shadow chancellor.",
    "'We will cut the fare,' said Labour's shadow chancellor Nadia Kerr.",
])
def test_a_partys_shadow_minister_has_party_and_role(text: str) -> None:
    person = by_name(people_in(text))["Nadia Kerr"]
    assert (person.party, person.roles) == ("Labour", ["shadow chancellor"])  # type: ignore[attr-defined]


def test_a_role_mention_resolves_to_its_holder_in_the_document() -> None:
    found = people_in(
        "Graham Oduya, the shadow transport secretary, criticised the plan. The shadow transport secretary said "
        "it came too late."
    )
    person = by_name(found)["Graham Oduya"]
    assert "the shadow transport secretary" in [m.text.lower() for m in person.mentions if m.kind == "role"]


def test_baroness_lady_and_surname_are_one_peer() -> None:
    found = people_in("Baroness Ruth Calder led the review. Lady Calder said the findings were stark. Calder left.")
    (person,) = found.persons
    assert person.name == "Ruth Calder" and person.gender == "f"
    assert {m.text for m in person.mentions} == {"Baroness Ruth Calder", "Lady Calder", "Calder"}


def test_sir_and_a_first_name_is_the_same_knight() -> None:
    found = people_in("Sir Alan Brook chaired the panel. Sir Alan said it would report in May.")
    (person,) = found.persons
    assert {m.text for m in person.mentions} == {"Sir Alan Brook", "Sir Alan"}


@pytest.mark.parametrize(
    ("text", "name", "party", "seat", "role"),
    [
        ("Liberal Democrat MP Fiona Reyes (Kendal and Lakes) asked a question.", "Fiona Reyes",
         "Liberal Democrat", "Kendal and Lakes", "MP"),
        ("Labour's Tom Hartley (Stourbridge North) welcomed it.", "Tom Hartley", "Labour", "Stourbridge North", "MP"),
        ("Priya Nair, Labour MP for Leeds Riverside, said it was overdue.", "Priya Nair", "Labour",
         "Leeds Riverside", "MP"),
        ("Reform MP Dale Whitford said the plan had failed.", "Dale Whitford", "Reform UK", None, "MP"),
        ("Harwich MP Joan Ellery said the port needed help.", "Joan Ellery", None, "Harwich", "MP"),
        ("Tory leader Martin Gale attacked the plan.", "Martin Gale", "Conservative", None, "Conservative leader"),
        ("Graham Oduya, the shadow home secretary, said it was weak.", "Graham Oduya", None, None,
         "shadow home secretary"),
    ],
)
def test_affiliations_read_from_the_copy(text: str, name: str, party: str | None, seat: str | None,
                                         role: str) -> None:
    person = by_name(people_in(text))[name]
    assert (person.party, person.constituency) == (party, seat)  # type: ignore[attr-defined]
    assert role in person.roles  # type: ignore[attr-defined]


def test_a_photo_credit_in_brackets_is_not_a_seat_or_a_person() -> None:
    found = people_in("Labour MP Dan Ferris (Jane Doe/PA) spoke first. Mr Ferris said he was angry.")
    assert [p.name for p in found.persons] == ["Dan Ferris"]
    assert found.persons[0].constituency is None


def test_a_question_headline_is_not_a_person() -> None:
    found = people_in("Will Labour keep its promise on rail fares?\nThe party said it would.")
    assert found.persons == []


def test_the_mp_for_a_seat_refers_back_to_the_mp_just_named() -> None:
    found = people_in(
        "Labour's Sam Doyle also spoke in the debate. The MP for Harbury said he found it galling."
    )
    person = by_name(found)["Sam Doyle"]
    assert person.constituency == "Harbury"  # type: ignore[attr-defined]


def test_words_of_a_title_case_headline_are_not_a_person() -> None:
    text = ("Storm Overflows: Live Register\n"
            "Helen Marsh said monitors on 2,000 overflows were already sending data.")
    (found,) = analyse_texts([(1, text, None)])  # as ingest analyses it: the headline gets its full stop
    assert set(by_name(found.people)) == {"Helen Marsh"}


def test_a_name_in_a_title_case_headline_is_still_a_person() -> None:
    text = "Sarah Champion Demands Answers On Grooming\nThe MP said she would keep asking."
    assert "Sarah Champion" in by_name(people_in(text))


def test_a_rank_before_a_name_is_not_a_given_name() -> None:
    found = by_name(people_in("Paymaster General Tom Glenn said the payments would start in May."))
    assert "Tom Glenn" in found and found["Tom Glenn"].first == "Tom"  # type: ignore[attr-defined]


def test_a_word_with_digits_is_not_part_of_a_name() -> None:
    found = people_in("HS2 Johnson said the line will be built.").persons
    assert all(not any(c.isdigit() for c in p.name) for p in found)


def test_a_portfolio_in_capitals_before_its_office_is_a_role() -> None:
    from followthrough.analyse import prepare

    text = "Every overflow will be on the register by May, the Water Minister told MPs."
    (draft,) = prepare([(1, text, "2026-01-14")]).drafts
    assert [r.role for r in draft.people.roles] == ["Water Minister"]


def test_a_name_never_runs_over_a_sentence_end() -> None:
    from followthrough.analyse import prepare

    text = "The charity wrote to Lady Smith. I think it is a betrayal, said its director, Ann Smith."
    (draft,) = prepare([(1, text, "2026-01-14")]).drafts
    assert all(". " not in p.name for p in draft.people.persons)


@pytest.mark.parametrize(("one", "other"), [
    ("the Water Minister", "Minister for Water"),
    ("Housing Minister", "Minister of State for Housing"),
    ("the Health Secretary", "Secretary of State for Health"),
])
def test_a_portfolio_named_before_or_after_its_office_is_one_office_with_one_holder(one: str, other: str) -> None:
    from followthrough.analyse.affiliations import is_single_holder, role_key

    assert role_key(one) == role_key(other)
    assert is_single_holder(one) and is_single_holder(other)


@pytest.mark.parametrize("title", ["a junior minister", "permanent secretary", "general secretary",
                                   "the minister", "a former minister", "foreign minister"])
def test_titles_many_hold_at_once_are_no_single_office(title: str) -> None:
    from followthrough.analyse.affiliations import is_single_holder

    assert not is_single_holder(title)


def test_american_titles_and_party_letters_are_not_names_or_seats() -> None:
    found = by_name(people_in("Senate Majority Leader John Doe said the Senate would vote. "
                              "Gov. Jane Smith (D) pledged to sign the bill."))
    assert set(found) == {"John Doe", "Jane Smith"}
    assert "MP" not in found["Jane Smith"].roles  # type: ignore[attr-defined]
    assert found["Jane Smith"].constituency is None  # type: ignore[attr-defined]


def test_a_name_between_commas_after_an_office_is_a_person_even_when_ner_misses_it() -> None:
    found = by_name(people_in("The company's CEO, Ana Ruiz, told investors the firm would cut costs by 2027."))
    assert "Ana Ruiz" in found
    # Words the text also writes in lower case are no name.
    assert by_name(people_in("The health minister, Last Week, said nothing last week.")) == {}
