"""Time expressions resolve against when the words were said, never the clock."""

from __future__ import annotations

from datetime import date

import pytest

from followthrough.analyse.timex import deadline_range, find_timexes

from ..conftest import Run, json_lines

JAN_16 = date(2025, 1, 16)  # a Thursday
JUNE_16 = date(2025, 6, 16)  # a Monday


def values(text: str, reference: date) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, reference)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("a timetable before Easter", JAN_16, ("Easter", "DATE", "2025-04-20")),
        ("a three-month review", JAN_16, ("three-month", "DURATION", "P3M")),
        ("within three months", JAN_16, ("three months", "DURATION", "P3M")),
        ("it would take around three years", JUNE_16, ("around three years", "DURATION", "P3Y")),
        ("by the end of the year", JUNE_16, ("the end of the year", "DATE", "2025")),
        ("by 2029", JUNE_16, ("2029", "DATE", "2029")),
        ("the plan will start next spring", JUNE_16, ("next spring", "DATE", "2026-SP")),
        ("the commission begins in April", JAN_16, ("April", "DATE", "2025-04")),
        ("within this parliament", JUNE_16, ("this parliament", "DATE", "2029-07-08")),
        ("she told MPs this afternoon", JUNE_16, ("this afternoon", "TIME", "2025-06-16TAF")),
        ("the week of 13 January", JAN_16, ("13 January", "DATE", "2025-01-13")),
        ("on June 3, 2024 the bill passed", JAN_16, ("June 3, 2024", "DATE", "2024-06-03")),
        ("he said on Friday", JAN_16, ("Friday", "DATE", "2025-01-10")),
        ("they will meet on Friday", JAN_16, ("Friday", "DATE", "2025-01-17")),
        ("last week", JAN_16, ("last week", "DATE", "2025-W02")),
        ("yesterday", JAN_16, ("yesterday", "DATE", "2025-01-15")),
        ("two decades of failure", JAN_16, ("two decades", "DURATION", "P2DE")),
        ("the 1990s", JAN_16, ("the 1990s", "DATE", "199X")),
        ("the third quarter", JAN_16, ("the third quarter", "DATE", "2025-Q3")),
        ("reports published annually", JAN_16, ("annually", "SET", "P1Y")),
        ("the problem is now clear", JAN_16, ("now", "DATE", "PRESENT_REF")),
        ("three years ago", JUNE_16, ("three years ago", "DATE", "2022")),
    ],
)
def test_normalised_values(text: str, reference: date, expected: tuple[str, str, str]) -> None:
    assert expected in values(text, reference)


def test_may_the_verb_is_not_a_month() -> None:
    assert values("Ministers may act soon.", JAN_16) == []


def test_money_and_counts_are_not_years() -> None:
    assert values("It cost £2025 and 1,999 people came.", JAN_16) == []


def test_deadlines_from_when_the_words_were_said() -> None:
    (easter,) = find_timexes("a clear timetable before Easter", JAN_16)
    assert deadline_range(easter, JAN_16).end == date(2025, 4, 20)  # type: ignore[union-attr]
    (audit,) = find_timexes("a three-month review", JAN_16)
    assert deadline_range(audit, JAN_16).end == date(2025, 4, 16)  # type: ignore[union-attr]
    (inquiry,) = find_timexes("it would take around three years", JUNE_16)
    assert deadline_range(inquiry, JUNE_16).end == date(2028, 6, 16)  # type: ignore[union-attr]
    (end_of_year,) = find_timexes("by the end of the year", JUNE_16)
    assert deadline_range(end_of_year, JUNE_16).end == date(2025, 12, 31)  # type: ignore[union-attr]


def test_a_past_date_is_no_deadline() -> None:
    (past,) = find_timexes("in 2009", JUNE_16)
    assert deadline_range(past, JUNE_16) is None


def test_the_same_words_on_another_day_give_another_date() -> None:
    assert values("before Easter", date(2026, 1, 5)) == [("Easter", "DATE", "2026-04-05")]


def test_timex_command(run: Run) -> None:
    result = run("timex", "--reference-date", "2025-01-16", "a clear timetable before Easter", "--json")
    assert json_lines(result.stdout) == [
        {"text": "Easter", "start": 25, "end": 31, "type": "DATE", "value": "2025-04-20"}
    ]
    piped = run("timex", "--reference-date", "2025-01-16", "-", "--json", input="within three months")
    assert json_lines(piped.stdout)[0]["value"] == "P3M"


def test_timex_command_needs_a_usable_date(run: Run) -> None:
    result = run("timex", "--reference-date", "soon", "today")
    assert result.exit_code == 2 and "--reference-date" in result.stderr
