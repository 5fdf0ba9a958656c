"""Quote attribution on sentences written for each convention."""

from __future__ import annotations

from followthrough.analyse import nlp
from followthrough.analyse.people import find_people
from followthrough.analyse.quotes import Quote, find_all_quotes


def attributed(text: str) -> list[tuple[str, str | None, str, str | None]]:
    """(quoted words, speaker name or unnamed words, kind, cue) for each quote."""
    doc = next(nlp.parse([text]))
    people = find_people(doc)

    def who(q: Quote) -> str | None:
        if q.speaker is not None:
            return people.by_key(q.speaker).name
        return q.role or q.speaker_text

    return [(text[q.start : q.end], who(q), q.kind, q.cue) for q in find_all_quotes(doc, people)]


def test_cue_after_the_quote_with_a_pronoun() -> None:
    text = "Helen Marsh spoke to MPs on Monday. 'We will publish the register by May,' she said."
    assert attributed(text) == [("'We will publish the register by May,'", "Helen Marsh", "direct", "said")]


def test_inverted_cue_after_the_quote() -> None:
    text = "Graham Oduya opposed the plan. 'It is a map, not a solution,' added Oduya."
    assert attributed(text)[-1][1:] == ("Graham Oduya", "direct", "added")


def test_cue_before_the_quote_with_a_colon() -> None:
    text = "Mr Oduya said: 'The minister can publish all the maps she likes.'"
    assert attributed(text) == [("'The minister can publish all the maps she likes.'", "Oduya", "direct", "said")]


def test_a_new_person_named_between_quotes_takes_the_next_he() -> None:
    text = (
        "Sam Doyle said: 'We need answers.' Labour's Peter Quinn (Harbury) asked about costs. "
        "He said: 'Who will pay for it?'"
    )
    assert [a[1] for a in attributed(text)] == ["Sam Doyle", "Peter Quinn"]


def test_a_quote_without_a_cue_goes_on_in_the_same_voice() -> None:
    text = "'The money is there,' Ms Marsh said. 'The work starts in April.'"
    assert [a[1] for a in attributed(text)] == ["Marsh", "Marsh"]


def test_partial_quote_inside_reported_speech() -> None:
    text = "Helen Marsh said the old system had 'let down every family that relied on it'."
    (quote,) = [a for a in attributed(text) if a[2] == "partial"]
    assert quote == ("'let down every family that relied on it'", "Helen Marsh", "partial", "said")


def test_reported_speech_without_quotation_marks() -> None:
    text = "Helen Marsh said any company that broke the rules would lose its licence."
    assert attributed(text) == [
        ("any company that broke the rules would lose its licence", "Helen Marsh", "reported", "said")
    ]


def test_an_unnamed_source() -> None:
    text = "A Downing Street spokesman said: 'The Prime Minister has full confidence in her.'"
    assert attributed(text)[0][1:3] == ("A Downing Street spokesman", "direct")


def test_scare_quotes_are_not_quotes() -> None:
    text = "The so-called 'bonfire of quangos' began in 2010 and cost more than expected."
    assert attributed(text) == []


def test_an_unattributed_quote_has_no_speaker() -> None:
    text = "The sign on the door read nothing.\n'No entry after dark for anyone at all, whatever the reason.'"
    assert [a[1] for a in attributed(text)] == [None]


def test_american_style_with_the_cue_between_two_halves() -> None:
    text = '"We will win this," Senator Carla Diaz said. "And we will win it fairly."'
    assert [a[1] for a in attributed(text)] == ["Carla Diaz", "Carla Diaz"]


def test_a_quote_introduced_by_a_paragraph_ending_in_a_colon() -> None:
    text = "Governor Ray Hollis put it simply:\n\n\"Nobody will be left behind.\""
    assert attributed(text)[0][1] == "Ray Hollis"


def test_reported_speech_before_its_attribution() -> None:
    text = "Helen Marsh visited the depot on Friday. Work on the new line will resume in March, she said."
    assert attributed(text) == [("Work on the new line will resume in March", "Helen Marsh", "reported", "said")]


def test_reported_speech_with_an_inverted_attribution() -> None:
    text = "The scheme has cost twice what was budgeted, said Graham Oduya, the council's finance chief."
    assert attributed(text) == [("The scheme has cost twice what was budgeted", "Graham Oduya", "reported", "said")]


def test_reported_speech_with_the_attribution_inside_it() -> None:
    text = "The register, Ms Marsh said, would be open to every household by the summer."
    (quote,) = attributed(text)
    assert quote[0].startswith("The register") and quote[0].endswith("by the summer")
    assert quote[1:] == ("Marsh", "reported", "said")


def test_reported_speech_with_other_reporting_verbs() -> None:
    text = "Helen Marsh noted that no household had yet been charged for the new meters."
    assert attributed(text) == [
        ("no household had yet been charged for the new meters", "Helen Marsh", "reported", "noted")
    ]


def test_according_to_a_source_at_either_end() -> None:
    before = "According to the Environment Agency, spills from storm overflows rose by a fifth last year."
    after = "Spills from storm overflows rose by a fifth last year, according to the Environment Agency."
    assert attributed(before) == [
        ("spills from storm overflows rose by a fifth last year", "the Environment Agency", "reported", "According")
    ]
    assert attributed(after) == [
        ("Spills from storm overflows rose by a fifth last year", "the Environment Agency", "reported", "according")
    ]


def test_a_comma_clause_after_a_direct_quote_is_not_reported_again() -> None:
    text = "'We will not raise the fares this year, whatever happens,' the minister said."
    assert [a[2] for a in attributed(text)] == ["direct"]
