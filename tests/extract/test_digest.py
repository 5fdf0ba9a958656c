"""Aggregator pages split into one document per article, furniture dropped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followthrough.acquire import RawInput
from followthrough.dates import Moment, parse_moment
from followthrough.extract import extract, split_digest
from followthrough.extract.digest import FURNITURE

from ..conftest import FIXTURES


def _digest(published: Moment | None = None) -> list:
    raw = RawInput("digest.txt", (FIXTURES / "digest.txt").read_bytes(), "text")
    return extract(raw, published=published).documents


def test_digest_gives_lead_and_each_related_article() -> None:
    docs = _digest(parse_moment("2026-03-05T18:00"))
    assert [d.title for d in docs] == [
        "Council confirms bus lane review after month of complaints",
        "Ferry operator adds winter sailings",
        "School meals pilot extended to ten more towns",
        "Hospital car park charges scrapped for night staff",
    ]
    assert [d.outlet for d in docs] == [None, "Harbour Herald", "Valley Times", "Moorland Post"]


def test_related_articles_resolve_their_age_against_the_page_time() -> None:
    docs = _digest(parse_moment("2026-03-05T18:00"))
    assert [d.published for d in docs] == [
        Moment("2026-03-05T18:00", "minute"),
        Moment("2026-03-05T17:48", "minute"),
        Moment("2026-03-05T17:00", "hour"),
        Moment("2026-03-02", "day"),
    ]
    assert [d.published_text for d in docs[1:]] == ["12 minutes ago", "an hour ago", "3 days ago"]


def test_a_day_precision_page_time_gives_day_precision_ages() -> None:
    docs = _digest(parse_moment("2026-03-05"))
    assert docs[1].published == Moment("2026-03-05", "day")
    assert docs[3].published == Moment("2026-03-02", "day")


def test_without_a_page_time_ages_stay_unresolved_and_are_kept() -> None:
    docs = _digest(None)
    assert all(d.published is None for d in docs)
    assert docs[2].published_text == "an hour ago"


def test_furniture_belongs_to_no_article() -> None:
    for doc in _digest():
        for line in doc.text.split("\n"):
            assert not FURNITURE.match(line.strip()), line
    lead = _digest()[0]
    assert lead.text.endswith("'before the school holidays'.")


def test_each_article_is_the_exact_slice_of_the_page_it_came_from() -> None:
    from followthrough.extract import clean_text

    page = clean_text((FIXTURES / "digest.txt").read_text())
    for doc in _digest():
        assert page[doc.origin.start : doc.origin.end] == doc.text


def test_an_ordinary_article_is_one_part() -> None:
    text = "Minister resigns\nThe minister resigned on Friday.\nShe said: 'It is time.'"
    parts = split_digest(text)
    assert len(parts) == 1 and parts[0].outlet is None
    assert text[parts[0].start : parts[0].end] == text


def test_a_page_that_is_only_a_list_has_no_lead() -> None:
    text = "Related Articles\nCoast Gazette\n5 minutes ago\n- Coast Gazette\nPier reopens\nThe pier reopened."
    parts = split_digest(text)
    assert [(p.outlet, p.title) for p in parts] == [("Coast Gazette", "Pier reopens")]


_LINES = st.sampled_from([
    "Harbour Herald", "- Harbour Herald", "12 minutes ago", "an hour ago", "Related Articles", "Comments",
    "A headline about ferries", "The council said it would act.", "", "  ", "Try Our AI Features",
])


@given(st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=30))
def test_parts_are_ordered_disjoint_slices_of_any_page(lines: list[str]) -> None:
    text = "\n".join(lines)
    last_end = 0
    for part in split_digest(text):
        assert last_end <= part.start < part.end <= len(text)
        assert text[part.start : part.end].strip() == text[part.start : part.end]
        last_end = part.end
