"""Publication times keep their precision; relative ages resolve against the page."""

from __future__ import annotations

import pytest

from followthrough.dates import Moment, parse_moment, resolve_age


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-16", Moment("2025-06-16", "day")),
        ("2025-06", Moment("2025-06", "month")),
        ("2025", Moment("2025", "year")),
        ("2025-06-16T14:05", Moment("2025-06-16T14:05", "minute")),
        ("2025-06-16T14:05:09+01:00", Moment("2025-06-16T13:05:09+00:00", "second")),
        ("2025-06-16T14:05:09Z", Moment("2025-06-16T14:05:09+00:00", "second")),
        ("Mon, 16 Jun 2025 14:05:00 GMT", Moment("2025-06-16T14:05:00+00:00", "second")),
        ("16 June 2025", Moment("2025-06-16", "day")),
    ],
)
def test_parse_moment(text: str, expected: Moment) -> None:
    assert parse_moment(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "03/04/2025", "2025-13", "June"])
def test_unreadable_or_ambiguous_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_moment(text)


@pytest.mark.parametrize(
    ("age", "reference", "expected"),
    [
        ("23 minutes ago", Moment("2025-06-16T12:00", "minute"), Moment("2025-06-16T11:37", "minute")),
        ("an hour ago", Moment("2025-06-16T12:00", "minute"), Moment("2025-06-16T11:00", "hour")),
        ("2 hours ago", Moment("2025-06-16T01:00", "minute"), Moment("2025-06-15T23:00", "hour")),
        ("23 minutes ago", Moment("2025-06-16", "day"), Moment("2025-06-16", "day")),
        ("3 days ago", Moment("2025-06-16", "day"), Moment("2025-06-13", "day")),
        ("a week ago", Moment("2025-06-16", "day"), Moment("2025-06-09", "day")),
        ("yesterday", Moment("2025-06-16T09:00", "minute"), Moment("2025-06-15", "day")),
        ("5 mins ago", Moment("2025-06-16T09:00", "minute"), Moment("2025-06-16T08:55", "minute")),
    ],
)
def test_resolve_age(age: str, reference: Moment, expected: Moment) -> None:
    assert resolve_age(age, reference) == expected


def test_an_age_without_a_reference_is_unknown_not_now() -> None:
    assert resolve_age("23 minutes ago", None) is None
