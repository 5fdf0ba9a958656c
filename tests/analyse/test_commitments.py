"""Commitment detection on sentences written for each case."""

from __future__ import annotations

from datetime import date

import pytest

from followthrough.analyse import Findings, analyse_texts, prepare
from followthrough.analyse.commitments import Commitment, commitment_in_sentence, speakers_side
from followthrough.analyse.people import LocalPerson

SAID = "2026-03-02"


def commitments(text: str) -> Findings:
    (found,) = analyse_texts([(1, text, SAID)])
    return found


def actions(text: str) -> list[str]:
    return [c.action for c in commitments(text).commitments]


def rules(text: str) -> list[tuple[str | None, str]]:
    """(organisation, action) of what the rules themselves find, before the model judges it."""
    (draft,) = prepare([(1, text, SAID)]).drafts
    return [(c.actor_org, c.action) for c in draft.commitments]


def fallback(text: str) -> Commitment | None:
    """The commitment the model's fallback reads in a whole text taken as one sentence."""
    (draft,) = prepare([(1, text, SAID)]).drafts
    return commitment_in_sentence(draft.doc, 0, len(text), draft.people, draft.quotes, draft.timexes,
                                  draft.said_on, draft.resolver)


def fallback_action(text: str) -> str | None:
    found = fallback(text)
    return found.action if found else None


@pytest.mark.parametrize(
    ("text", "action", "kind"),
    [
        ("The Housing Secretary Rosa Quint pledged to build 300,000 homes a year by 2030.",
         "build 300,000 homes a year by 2030", "pledge"),
        ("Ms Quint promised to publish the plan before Easter.", "publish the plan before Easter", "pledge"),
        ("The Environment Agency will open a new flood office in Carlisle.",
         "open a new flood office in Carlisle", "announcement"),
        ("'We will scrap the fee,' the minister Tom Reid said.", "scrap the fee", "pledge"),
        ("Tom Reid, the minister, said fines would be doubled for repeat offenders.",
         "fines would be doubled for repeat offenders", "announcement"),
        ("The Prime Minister, Ann Lowe, has ordered the Treasury to review the scheme.",
         "review the scheme", "announcement"),
    ],
)
def test_commitments_are_found(text: str, action: str, kind: str) -> None:
    found = commitments(text).commitments
    assert [(c.action, c.kind) for c in found] == [(action, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "I call on the Government to publish the report in full.",
        "Ministers should publish the report in full.",
        "Will the minister publish the report before the summer?",
        "The council would have acted if it had known.",
        "It will rain across the north tomorrow.",
        "Continued growth will create new jobs across the region.",
        "Last year the council built 200 new homes.",
        "He will have heard what I said in the House.",
    ],
)
def test_not_commitments(text: str) -> None:
    assert actions(text) == []


def test_deadline_resolves_from_when_it_was_said() -> None:
    (found,) = commitments("Ms Quint promised to publish the plan within three months.").commitments
    assert found.deadline is not None
    assert (found.deadline.text, found.deadline.end) == ("three months", date(2026, 6, 2))


def test_targets_with_values_units_and_what() -> None:
    (found,) = commitments("The minister Tom Reid pledged to fund up to four pilot areas and spend £3m on "
                           "new buses.").commitments
    assert [(t.value, t.unit, t.what, t.qualifier) for t in found.targets] == [
        (4.0, None, "pilot areas", "up to"), (3e6, "GBP", None, None)
    ]


def test_a_minister_speaks_for_the_department() -> None:
    found = commitments("Home Secretary Ann Ridley said the Home Office would hire 500 more caseworkers.")
    (commitment,) = found.commitments
    person = found.people.by_key(commitment.actor_person)  # type: ignore[arg-type]
    assert person.name == "Ann Ridley" and commitment.actor_org == "Home Office"


def test_a_party_government_still_to_be_elected_is_the_party() -> None:
    (commitment,) = commitments("The opposition leader said a Green government will build a national rail "
                                "network by 2035.").commitments
    assert commitment.actor_org == "Green"
    (sitting,) = commitments("The government will publish the road safety strategy by June.").commitments
    assert sitting.actor_org == "the Government"


def test_every_span_indexes_the_text_as_given() -> None:
    text = "Rail plan\nMs Quint promised to publish the plan before Easter."
    (found,) = analyse_texts([(1, text, SAID)])
    (commitment,) = found.commitments
    assert text[commitment.action_start : commitment.action_end] == "publish the plan before Easter"
    assert commitment.deadline is not None
    assert text[commitment.deadline.timex.start : commitment.deadline.timex.end] == "Easter"


def test_the_business_of_the_moment_is_not_a_promise() -> None:
    # A courtesy in the debate is procedure by the labelling guide (data/README.md), not a commitment.
    for text in ("I will write to the hon. Member with the figures.",
                 "With permission, Mr Speaker, I will make a statement on rail fares.",
                 "I will give way to the hon. Member in a moment.",
                 "I will come to that point later in my speech."):
        assert actions(text) == [], text


def test_a_headline_is_never_a_commitment_of_its_own() -> None:
    title = "Minister vows Elmford line will reopen 'by the spring'"
    text = f"{title}\nThe transport minister, Dana Holt, said the department would reopen the Elmford line by April."
    (found,) = analyse_texts([(1, text, SAID)], titles={1: title})
    assert [c.start >= len(title) for c in found.commitments] == [True]
    # A first line written as a sentence is one, even when the page uses it as its title.
    sentence = "The department will reopen the Elmford line by April."
    (found,) = analyse_texts([(1, f"{sentence}\nMore follows.", SAID)], titles={1: sentence})
    assert [c.start for c in found.commitments] == [0]


def test_a_bare_reporting_verb_is_no_action() -> None:
    assert fallback_action("The chairman of the new company told.") is None  # "told" names nothing to check
    # After a reporting verb, the promise is what was told.
    assert fallback_action("The chairman told MPs the company would turn a profit within this Parliament.") == \
        "turn a profit within this Parliament"


def test_a_thing_that_is_promised_stays_in_the_action() -> None:
    # Without its subject the entry would read "leave in ten weeks".
    assert fallback_action("The first ferry to the island will leave in ten weeks.") == \
        "The first ferry to the island will leave in ten weeks"
    # A relative clause's "when" is not part of what is promised.
    assert fallback_action("Ministers have named early July as the month when the new bridge will open.") == \
        "the new bridge will open"
    # Who acts is not part of the action.
    assert fallback_action("The council will resurface Mill Lane by March.") == "resurface Mill Lane by March"
    assert fallback_action("The chief executive will publish the accounts in May.") == "publish the accounts in May"


def test_it_after_a_body_that_reports_is_that_body() -> None:
    def made(text: str) -> tuple[str | None, str] | None:
        found = fallback(text)
        return (found.actor_org, found.action) if found else None

    assert made("The council confirmed that it will resurface the road by June.") == \
        ("council", "resurface the road by June")
    # "It" after a person, or "it would be …", is no one who can act.
    assert made("The minister said it would be a difficult winter.") is None
    assert made("The council said it would be a difficult winter.") is None
    assert made("The water board said it will not affect bills this year.") is None  # a thing, not the board


def test_the_rules_read_it_after_a_reporting_body_as_that_body() -> None:
    # The rules themselves, before the model: a candidate whose actor is the body that reported it.
    assert rules("The county council announced in May that it would run a winter ferry timetable to the island.") == \
        [("county council", "run a winter ferry timetable to the island")]
    assert rules("The county council said it will not affect summer sailings.") == []
    assert rules("It will snow on the hills tonight.") == []


def test_it_opening_a_sentence_is_the_body_the_sentence_before_was_about() -> None:
    assert rules("The county council met on Monday. It will resurface Mill Lane by March.") == \
        [("county council", "resurface Mill Lane by March")]
    # Not a body that can act, or a verb for what things do: no one promised anything.
    assert rules("The storm reached the coast on Monday. It will move north tomorrow.") == []
    assert rules("The county council met on Monday. It will be a busy spring.") == []
    assert rules("Ms Kaur spoke on Monday. It will resurface Mill Lane by March.") == []


def test_a_pledge_told_by_its_noun_is_its_owners() -> None:
    assert rules("The county council's promise to resurface Mill Lane by March was repeated on Monday.") == \
        [("county council", "resurface Mill Lane by March")]
    assert rules("Critics doubt the Treasury's pledge of cutting fuel duty by 5p.") == \
        [("Treasury", "cutting fuel duty by 5p")]
    # Whose pledge it is must be said: "a pledge to …" holds no one to anything.
    assert rules("A pledge to cut waiting lists proved popular on the doorstep.") == []


def test_the_day_an_announcement_was_made_is_no_deadline() -> None:
    # "to" here is a preposition, not "plans to …": the parse, not the words between, says so.
    text = "The Culture Secretary announced grants to 40 rural museums on 3 March, with the first payments due by June."
    (found,) = analyse_texts([(1, text, "2025-06-16")])
    (commitment,) = found.commitments
    assert commitment.said_on == date(2025, 3, 3)
    assert commitment.deadline is not None and commitment.deadline.end == date(2025, 6, 30)


def test_a_ministerial_statements_own_we_is_the_government() -> None:
    text = ("Flood Defences: Review\n\nThe following Statement was made in the House of Commons on Monday 2 March.\n"
            "“The Government accept the review's findings in full.\n"
            "We will publish a progress report every quarter and update the House each year.")
    found = commitments(text)
    report = next(c for c in found.commitments if "progress report" in c.action)
    assert report.actor_org == "the Government"
    column = "Flood Defences: Review\n\nWe will publish a progress report on the defences every quarter."
    assert [c.actor_org for c in commitments(column).commitments] == ["(the author)"]  # the publisher's voice


def test_we_in_a_quote_is_the_side_its_speaker_speaks_for() -> None:
    assert rules("'We will publish the flood register by June,' the environment minister said.") == [
        ("the Government", "publish the flood register by June")]
    assert rules("'We will open ten new depots by the summer,' said Corvid's chief executive Lena Marsh.") == [
        ("Corvid", "open ten new depots by the summer")]
    # A speaker of unknown standing is the actor alone: an editor's "we" is nobody's government.
    assert rules("'We will publish the flood register by June,' said Ann Holt, the newspaper's editor.") == [
        (None, "publish the flood register by June")]


@pytest.mark.parametrize(
    ("roles", "party", "side"),
    [
        (["chair of the Harbour Board"], None, "Harbour Board"),
        (["Home Secretary"], None, "Home Office"),
        (["Prime Minister"], None, "the Government"),
        (["Secretary of State for Levelling Up"], None, "the Government"),
        (["shadow transport secretary"], "Labour", "Labour"),
        (["MP for Hexham"], "Conservative", "Conservative"),
        (["spokesman for the Department for Education"], None, "Department for Education"),
        (["the paper's editor"], None, None),
    ],
)
def test_whose_we_a_speaker_says(roles: list[str], party: str | None, side: str | None) -> None:
    person = LocalPerson(0, "Sam Lee", "Sam", "Lee", party=party, roles=roles)
    assert speakers_side(person, None) == side


def test_a_past_act_is_no_promise_whatever_the_model_says() -> None:
    assert fallback("The ferry service resumed this week after the plan was delayed by a month.") is None
    assert fallback("The trust has completed the plan for the new ward.") is None
    assert fallback_action("Officials drew up a plan to reopen the line by 2027.") == (
        "drew up a plan to reopen the line by 2027")


def test_committed_to_doing_is_a_pledge() -> None:
    assert rules("The council has committed to building a new pool in Ashby by 2028.") == [
        ("council", "building a new pool in Ashby by 2028")]
    assert rules("The agency is committed to opening the depot by May.") == [("agency", "opening the depot by May")]


def test_the_future_progressive_is_a_promise_as_officials_say_it() -> None:
    assert rules("We will be introducing a Bill to license every letting agent.") == [
        ("(the author)", "introducing a Bill to license every letting agent")]
    assert rules("It will be raining across the north tomorrow.") == []


def test_an_embedded_question_is_no_promise_whatever_the_model_says() -> None:
    assert fallback("Ministers met hauliers to hear how the new levy would affect them.") is None
    assert fallback("Officials asked whether the ferry would run on time.") is None
    assert fallback_action("The minister said the depot would reopen in May.") == "the depot would reopen in May"


def test_a_pictures_credit_is_not_part_of_the_promise() -> None:
    text = "The new ferry will enter service in March (Jane Holt/PA), the transport minister said."
    assert actions(text) == ["The new ferry will enter service in March"]


def test_a_bare_body_is_the_body_named_before_it() -> None:
    assert rules("Labour set out its transport plans on Monday. The party will reopen the Corby line by 2029.") \
        == [("Labour", "reopen the Corby line by 2029")]
    assert rules("The Flood Claims Service opened in May. The service will settle every claim by June.") == \
        [("Flood Claims Service", "settle every claim by June")]
    # No party named: the party is unknown, not "party".
    assert [org for org, _ in rules("The party will reopen the Corby line by 2029.")] in ([], [None])


def test_the_subject_of_a_passive_is_not_who_acts() -> None:
    found = fallback("An interim chief executive will be appointed to lead the new body by March.")
    assert found is not None and (found.actor_role, found.actor_org, found.actor_person) == (None, None, None)
    assert rules("The bridge will be rebuilt by the county council by 2028.")[0][0] == "county council"


def test_a_place_described_is_not_an_actor() -> None:
    # NER often takes a city for an organisation; "X will be home to …" describes it.
    assert rules("Carlisle will be home to the new agency's headquarters.") == []
    assert rules("Carlisle will be home to the new agency's headquarters, the minister said.")[0][0] == "the Government"


def test_a_name_modifying_the_subject_is_not_the_actor() -> None:
    # "Pell Grant recipients": NER reads a person, but the subject is the recipients; the body that said it acts.
    found = rules("Pell Grant holders will see $12,000 of their college debt written off, the White House said.")
    assert found[0][0] == "White House"


def test_a_sentence_that_points_back_is_read_with_the_one_before() -> None:
    from followthrough.analyse import _in_context
    from followthrough.analyse.nlp import load

    doc = load()("The minister backed the lines to Leeds and Manchester. Both will be built by 2035. "
                 "The Environment Agency will open a flood office in Carlisle.")
    both = doc.text.index("Both")
    assert _in_context(doc, both, doc.text.index(" The Env")) == \
        "The minister backed the lines to Leeds and Manchester. Both will be built by 2035."
    agency = doc.text.index("The Env")
    assert _in_context(doc, agency, len(doc.text)) is None  # it names what it is about
    assert _in_context(doc, 0, both - 1) is None  # the first sentence has nothing before it


def test_a_delivery_of_something_promised_is_no_new_commitment() -> None:
    # The promise is only named ("promised by the minister in May"); the sentence reports its delivery.
    found = fallback("The new flood map promised by the minister in May has been published, a week late.")
    assert found is None
    # A thing promised that is still to come is one.
    assert fallback("The new flood map promised by the minister in May will be published in July.") is not None


def test_a_deadline_someone_set_is_no_new_commitment() -> None:
    # "the deadline she set" only names the promise; the sentence reports its delivery.
    assert fallback("The flood map promised in March has been published, a week after the deadline she set "
                    "in the Commons.") is None
    # An intending verb counts only with the act it aims at ("set to publish").
    assert fallback_action("The agency is set to publish the flood map in July.") is not None


def test_an_action_keeps_the_apostrophes_inside_its_words() -> None:
    (found,) = commitments("The minister said she would accept Dr Ada Kerr's review in full.").commitments
    assert "Kerr's review" in found.action and "'" not in found.action.replace("Kerr's", "")


@pytest.mark.parametrize(("text", "expected"), [
    # Two clauses, each with its own auxiliary: two promises, each with its own deadline.
    ("We will publish the list of villages within six weeks, and we will open the voucher scheme in the autumn.",
     [("publish the list of villages within six weeks", "2026-04-13"),
      ("open the voucher scheme in the autumn", "2026-11-30")]),
    # Two verbs under one auxiliary, each with its own object: two promises of one actor.
    ("We will publish quarterly reports on progress and update Parliament annually.",
     [("publish quarterly reports on progress", None), ("update Parliament annually", None)]),
    # Two verbs sharing one object are one promise.
    ("The council will build and run the new depot by 2028.", [("build and run the new depot by 2028", "2028-12-31")]),
])
def test_coordinated_promises_are_each_their_own(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = commitments(text).commitments
    assert [(c.action, c.deadline.end.isoformat() if c.deadline else None) for c in found] == expected


def test_a_list_of_aims_under_one_auxiliary_is_not_split() -> None:
    text = ("The Environment Agency will restore wetlands, build stronger flood banks, create jobs and drive growth "
            "in the sector.")
    assert len(rules(text)) == 1


def test_remaining_committed_to_doing_is_a_pledge() -> None:
    assert actions("The minister said the council remained committed to building 200 homes by 2028.") == [
        "building 200 homes by 2028"]


def test_what_became_of_a_pledge_named_by_its_noun_is_not_a_new_one() -> None:
    assert rules("But the Governor's pledge to cap insulin at $35 has stalled in the legislature.") == []
    assert rules("Critics attacked Labour's pledge to create 1,000 jobs in Aberdeen.") == [
        ("Labour", "create 1,000 jobs in Aberdeen")]


def test_a_body_speaking_through_a_spokesperson_is_the_body() -> None:
    (found,) = commitments('A Home Office spokesperson said: "We will publish the figures next month."').commitments
    assert found.actor_org == "Home Office"


def test_the_closing_attribution_is_who_promised_even_after_an_unpunctuated_headline() -> None:
    text = ("Minister promises live map of every overflow 'before the summer'\n"
            "Every storm overflow will appear on a live public register before the summer, the Water Minister "
            "told MPs this afternoon.")
    found = [c for c in commitments(text).commitments if "register" in c.action]
    assert found and found[0].actor_role == "Water Minister"


def test_a_promise_given_up_is_no_new_commitment() -> None:
    assert fallback("The minister has abandoned her promise to extend free school meals by September.") is None


@pytest.mark.parametrize(("text", "person", "body"), [
    # The name in apposition to an office, where the parser hangs it on the office's body.
    ("The leader of Fenwick Council, Tom Hale, said the council would freeze parking charges until 2028.",
     "Tom Hale", "Fenwick Council"),
    # "it" after a person named with a body's title is that body.
    ("The chief executive of the Flood Agency, Dana Holt, said it would publish the flood map by May.",
     "Dana Holt", "Flood Agency"),
    ("Tesco's chief executive, Ken Murphy, said it would open 40 new stores next year.", "Ken Murphy", "Tesco"),
])
def test_a_person_named_beside_a_bodys_title_speaks_for_the_body(text: str, person: str, body: str) -> None:
    (draft,) = prepare([(1, text, SAID)]).drafts
    names = {p.key: p.name for p in draft.people.persons}
    assert [(names.get(c.actor_person), c.actor_org) for c in draft.commitments] == [(person, body)]


def test_it_after_a_minister_is_no_promise_of_the_government() -> None:
    assert rules("Jane Cole, the Health Secretary, said it would be a difficult winter.") == []


def test_a_promise_that_names_the_one_before_it_points_back_to_it() -> None:
    text = ("The minister said: 'We will consult on making directors personally liable for illegal spills. "
            "That consultation will open in the spring.'")
    found = commitments(text).commitments
    pointers = [c.points_to for c in found]
    assert len(found) == 2 and pointers == [None, 0]


def test_a_definite_noun_is_no_pointer_back() -> None:
    text = ("The agency will set up a new company to run the ferries. "
            "The company will hire 200 crew by the end of the year.")
    assert all(c.points_to is None for c in commitments(text).commitments)


def test_a_speakers_name_on_the_next_line_is_not_part_of_the_promise_before_it() -> None:
    text = ("Ferries (Islands)\n\nMr Ian Ross (Harbury) (Con)\nWhen will the night ferry return?\n\n"
            "The Minister for Transport (Dana Holt)\nWe will restore the night ferry by June.\n\n"
            "Ian Ross\nThat is too late.\n")
    (found,) = commitments(text).commitments
    assert text[found.start : found.end] == "We will restore the night ferry by June."


@pytest.mark.parametrize(("text", "body"), [
    # Company names NER takes for a person's, or for nothing: the last word says what they are.
    ("Rail update\n\nNetwork Rail said it will complete the electrification of the line by 2029.", "Network Rail"),
    ("Thames Water said it would cut leaks by a fifth by 2030.", "Thames Water"),
])
def test_a_company_named_by_what_it_runs_is_a_body_not_a_person(text: str, body: str) -> None:
    (draft,) = prepare([(1, text, SAID)]).drafts
    assert [(c.actor_person, c.actor_org) for c in draft.commitments] == [(None, body)]
