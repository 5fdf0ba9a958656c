"""Transcripts: speeches under their speakers' lines, in Hansard's layout and with colons."""

from __future__ import annotations

from datetime import date

from followthrough.analyse import analyse_texts
from followthrough.analyse.transcript import find_turns

DEBATE = """Rail Fares: Northern Routes

The Secretary of State for Transport (Helen Marsh)
With permission, Mr Speaker, I will make a statement on fares. We will freeze regulated fares on northern
routes until March 2027.

Mr Graham Oduya (Harbury) (Con)
The Secretary of State has announced a freeze before. Can she tell the House who will pay for it?

Helen Marsh
The Treasury has set aside the money. I will write to the hon. Gentleman with the figures.

Sarah Lyle (Northfield) (LD)
Will the Secretary of State commit to a review of station staffing within six months?

Mr Speaker
Order. I call the Minister.

Helen Marsh
Yes. I will ask officials to report back within six months.
"""

HEARING = """Committee on Water: oral evidence

Chair: Welcome to the committee. Please introduce yourself.
Dr Ruth Ames: I am the chief inspector. We will publish every spill record by June.
Chair: Thank you.
Dr Ruth Ames: We have already hired forty staff.
"""

NEWS = """Council approves new bus lanes

Helen Marsh
Transport correspondent

The council approved the lanes on Tuesday. 'We will open them in May,' said the leader, Ruth Ames.
"""


def test_hansard_speeches_have_their_speakers_seats_and_parties() -> None:
    turns = find_turns(DEBATE)
    assert [t.name for t in turns] == [
        "Helen Marsh", "Mr Graham Oduya", "Helen Marsh", "Sarah Lyle", None, "Helen Marsh"]
    assert (turns[1].seat, turns[1].party) == ("Harbury", "Conservative")
    assert (turns[3].seat, turns[3].party) == ("Northfield", "Liberal Democrat")
    assert turns[0].office == "Secretary of State for Transport"
    assert turns[4].office == "Speaker"
    assert DEBATE[turns[2].start : turns[2].end].startswith("The Treasury has set aside")
    assert DEBATE[turns[2].start : turns[2].end].endswith("with the figures.")


def test_speaker_before_a_colon() -> None:
    turns = find_turns(HEARING)
    assert [(t.name, t.office) for t in turns] == [
        (None, "Chair"), ("Dr Ruth Ames", None), (None, "Chair"), ("Dr Ruth Ames", None)]
    speech = HEARING[turns[1].start : turns[1].end]
    assert speech == "I am the chief inspector. We will publish every spill record by June."


def test_a_byline_in_a_news_article_is_not_a_speaker() -> None:
    assert find_turns(NEWS) == []


def test_speeches_are_quotes_and_their_promises_belong_to_the_speaker() -> None:
    (found,) = analyse_texts([(1, DEBATE, "2026-03-03")])
    people = {p.name: p for p in found.people.persons}
    assert (people["Graham Oduya"].party, people["Graham Oduya"].constituency) == ("Conservative", "Harbury")
    assert (people["Sarah Lyle"].party, people["Sarah Lyle"].constituency) == ("Liberal Democrat", "Northfield")
    assert "Secretary of State for Transport" in people["Helen Marsh"].roles
    assert "Speaker" not in people
    speeches = [(found.people.by_key(q.speaker).name if q.speaker is not None else q.role, DEBATE[q.start : q.end])
                for q in found.quotes if q.kind == "direct"]
    assert [who for who, _ in speeches] == [
        "Helen Marsh", "Graham Oduya", "Helen Marsh", "Sarah Lyle", "Speaker", "Helen Marsh"]
    actions = {c.action: found.people.by_key(c.actor_person).name for c in found.commitments
               if c.actor_person is not None}
    freeze = next(a for a in actions if a.startswith("freeze regulated fares"))
    assert actions[freeze] == "Helen Marsh"
    assert actions["ask officials to report back within six months"] == "Helen Marsh"
    deadline = next(c.deadline for c in found.commitments if c.action.startswith("freeze")).end
    assert deadline == date(2027, 3, 31)
    assert not any("station staffing" in c.action for c in found.commitments)  # a question, not a promise


MIRROR = """Rail Fares: Northern Routes

Commons Chamber
Read Full debate Read Hansard Text

Helen Marsh Portrait The Secretary of State for Transport (Helen Marsh)
- View Speech - Hansard - - - Excerpts

We will freeze regulated fares on northern routes until March 2027.

Graham Oduya Portrait Mr Graham Oduya (Harbury) (Con)
- Hansard - - - Excerpts

Who will pay for it?
"""

EXCERPT = """Rail Fares: Northern Routes

Helen Marsh Excerpts
Tuesday 3rd March 2026

Helen Marsh Portrait Helen Marsh
- Hansard - - - Excerpts

I will ask officials to report back within six months.
"""


def test_a_hansard_mirrors_portrait_captions_name_the_speakers() -> None:
    turns = find_turns(MIRROR)
    assert [(t.name, t.office, t.seat, t.party) for t in turns] == [
        ("Helen Marsh", "Secretary of State for Transport", None, None),
        ("Mr Graham Oduya", None, "Harbury", "Conservative")]
    speech = MIRROR[turns[0].start : turns[0].end]
    assert speech == "We will freeze regulated fares on northern routes until March 2027."


def test_one_speech_under_a_mirrors_caption_is_a_transcript() -> None:
    (turn,) = find_turns(EXCERPT)
    assert turn.name == "Helen Marsh"
    (found,) = analyse_texts([(1, EXCERPT, "2026-03-03")])
    (promise,) = [c for c in found.commitments if c.action.startswith("ask officials")]
    assert found.people.by_key(promise.actor_person).name == "Helen Marsh"
