"""Sentence spans and story briefs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followthrough.link.coverage import brief, sentences

TEXT = ("Council to close three libraries\n"
        "The council will close three branch libraries in March, its leader said on Monday. "
        "'We have no choice,' said Jo Bell, the council's leader. 'The budget is gone.' "
        "Is this the end of the public library? "
        "Campaigners said the closures would leave the estate without a library for the first time since 1958.")


def test_sentences_end_at_full_stops_closing_quotes_and_line_breaks() -> None:
    found = [TEXT[s:e] for s, e in sentences(TEXT)]
    assert found[0] == "Council to close three libraries"
    assert found[1] == "The council will close three branch libraries in March, its leader said on Monday."
    assert found[2] == "'We have no choice,' said Jo Bell, the council's leader."
    assert found[3] == "'The budget is gone.'"
    assert found[4] == "Is this the end of the public library?"


def test_brief_skips_headlines_and_questions_and_cites_spans() -> None:
    centroid = {"librari": 1.0, "close": 0.8, "council": 0.5, "closur": 0.5, "budget": 0.2}
    chosen = brief({7: TEXT}, centroid)
    assert chosen and all(b.document_id == 7 and TEXT[b.start : b.end] == b.text for b in chosen)
    assert not any(b.text.endswith("?") or b.text == "Council to close three libraries" for b in chosen)
    assert [b.start for b in chosen] == sorted(b.start for b in chosen)
    assert chosen[0].text.startswith("The council will close")


def test_brief_does_not_repeat_itself() -> None:
    one = "The council will close three branch libraries in March, its leader said on Monday."
    two = "The council will close three branch libraries in March, the leader said on Monday."
    chosen = brief({1: one, 2: two}, {"librari": 1.0, "council": 1.0, "close": 1.0})
    assert len(chosen) == 1


@given(st.text(alphabet=st.sampled_from(list("ab .?!'’\"\n AZ9")), max_size=120))
def test_sentence_spans_are_trimmed_pieces_in_order(text: str) -> None:
    last = 0
    for start, end in sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end
    chosen = brief({1: text}, {"aaa": 1.0})
    assert all(text[b.start : b.end] == b.text for b in chosen)
