"""Headlines get the full stop the parser expects; offsets map back exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followthrough.analyse import analyse_texts, original_offset, with_full_stops


def test_full_stops_go_only_after_unpunctuated_lines() -> None:
    text = "Rail plan delayed\nThe minister said so.\nWhat next?\n'Soon,'\nEnd"
    prepared, inserted = with_full_stops(text)
    assert prepared == "Rail plan delayed.\nThe minister said so.\nWhat next?\n'Soon,'\nEnd"
    assert inserted == [17]


@given(st.text(alphabet="ab .\n'?", max_size=60))
def test_every_original_character_maps_back_to_itself(text: str) -> None:
    prepared, inserted = with_full_stops(text)
    kept = [i for i in range(len(prepared)) if i not in inserted]
    assert "".join(prepared[i] for i in kept) == text
    for original, i in enumerate(kept):
        assert original_offset(i, inserted) == original


def test_findings_index_the_text_as_given() -> None:
    text = "Rail plan delayed\nHelen Marsh said: 'It will open in May.'"
    (found,) = analyse_texts([(1, text, None)])
    (quote,) = found.quotes
    assert text[quote.start : quote.end] == "'It will open in May.'"
    (person,) = found.people.persons
    assert [text[m.start : m.end] for m in person.mentions] == ["Helen Marsh"]
    assert text[quote.speaker_start : quote.speaker_end] == "Helen Marsh"
