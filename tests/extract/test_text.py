"""Plain-text inputs: the first line is the title; a dateline in the header dates the text."""

from __future__ import annotations

import pytest

from followthrough.acquire import RawInput
from followthrough.dates import Moment, parse_moment
from followthrough.extract import extract


def _published(text: str, given: str | None = None) -> Moment | None:
    raw = RawInput("statement.txt", text.encode(), "text")
    (doc,) = extract(raw, published=parse_moment(given) if given else None).documents
    return doc.published


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("Volume 771: debated on Tuesday 3 March 2026", "2026-03-03"),
        ("House of Commons, urgent question, 4 February 2026", "2026-02-04"),
        ("Published: 16 June 2025, 14:05", "2025-06-16"),
        ("June 16, 2025", "2025-06-16"),
        ("By Jane Okoro, Political Editor, 3 March 2026", "2026-03-03"),
    ],
)
def test_a_dateline_in_the_header_dates_the_text(header: str, day: str) -> None:
    text = f"Rail fares frozen\n{header}\nThe minister said fares would be frozen until March 2027.\n"
    assert _published(text, "2020-01-01") == Moment(day, "day")


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    text = ("Rail fares frozen\nThe review will report to ministers by its final deadline of 3 March 2026\n"
            "Fares will be frozen.\n")
    assert _published(text, "2026-01-10") == Moment("2026-01-10", "day")
    assert _published(text) is None
