"""Analysis survives any text, and every span it reports lies inside that text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.analyse import analyse_texts

WORDS = st.sampled_from(
    "the minister will said pledged promised to by before Easter within three months £3m 800 cases Mr Ms "
    "Cooper Home Secretary we accept recommendations including as well as Recommendation 1: should 2025 "
    "next spring would have ' ‘ ’ \" , . ? \n".split(" ") + ["\n", "'", "\u2019"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(WORDS, max_size=60).map(" ".join), st.text(max_size=200)))
def test_any_text_gives_findings_within_bounds(text: str) -> None:
    (found,) = analyse_texts([(1, text, "2025-06-16")])
    for quote in found.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
    for commitment in found.commitments:
        assert 0 <= commitment.start <= commitment.action_start < commitment.action_end <= len(text)
        assert commitment.end <= len(text)
    for person in found.people.persons:
        for mention in person.mentions:
            assert text[mention.start : mention.end] == mention.text
    for entity in found.entities:
        assert text[entity.start : entity.end] == entity.text
