"""Publication times with their precision, and the relative ages news pages print.

A time is kept as an ISO 8601 string cut to what is known ("2025-06-16" when only
the day is known) plus a precision word, so nothing pretends to know more than
the source said. Relative ages ("23 minutes ago") resolve against the time of the
page that printed them, never against the clock.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil import parser as dateutil_parser

from .errors import UsageError

PRECISIONS = ("year", "month", "day", "hour", "minute", "second")


@dataclass(frozen=True, slots=True)
class Moment:
    """A point in time known to ``precision``; ``value`` is ISO 8601 cut to that precision."""

    value: str
    precision: str

    @property
    def start(self) -> datetime:
        """The earliest instant the moment can denote (naive when the source gave no zone)."""
        text = self.value
        if self.precision == "year":
            text += "-01-01"
        elif self.precision == "month":
            text += "-01"
        return datetime.fromisoformat(text)


def _coarser(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) < PRECISIONS.index(b) else b


def format_moment(moment: datetime, precision: str) -> Moment:
    """Cut ``moment`` to ``precision``; aware times are stored in UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    if precision == "year":
        return Moment(f"{moment.year:04d}", precision)
    if precision == "month":
        return Moment(f"{moment.year:04d}-{moment.month:02d}", precision)
    if precision == "day":
        return Moment(moment.date().isoformat(), precision)
    timespec = "seconds" if precision == "second" else "minutes"  # an hour is written "T14:00"
    return Moment(moment.replace(microsecond=0).isoformat(timespec=timespec), precision)


_ISO_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?\s*$")


def parse_moment(text: str) -> Moment:
    """Parse a date or date-time as a publisher or user writes it.

    Accepts ISO 8601 ("2025-06-16", "2025-06", "2025-06-16T14:05:00+01:00") and
    RFC 2822 ("Mon, 16 Jun 2025 14:05:00 GMT"); other unambiguous forms
    ("16 June 2025") go through dateutil. Raises ``ValueError`` when unreadable.

    >>> parse_moment("2025-06-16")
    Moment(value='2025-06-16', precision='day')
    """
    text = text.strip()
    if not text:
        raise ValueError("empty date")
    try:
        return _parse_moment(text)
    except (OverflowError, OSError) as exc:  # a date at the calendar's edge, shifted out of it by its zone
        raise ValueError(f"date out of range {text!r}") from exc


def _parse_moment(text: str) -> Moment:
    partial = _ISO_PARTIAL.match(text)
    if partial:
        year, month = partial.groups()
        if int(year) < 1:
            raise ValueError(f"no year {year} in {text!r}")
        if month:
            if not 1 <= int(month) <= 12:
                raise ValueError(f"no month {month} in {text!r}")
            return Moment(f"{year}-{month}", "month")
        return Moment(year, "year")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return Moment(moment.date().isoformat(), "day")
        return format_moment(moment, _time_precision(text))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(text)
        return format_moment(moment, _time_precision(text))
    except (TypeError, ValueError, IndexError):
        pass
    # dayfirst: a bare "03/04/2025" is ambiguous, so refuse it rather than guess.
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", text):
        raise ValueError(f"ambiguous date {text!r}: use ISO 8601 (YYYY-MM-DD)")
    try:
        moment = dateutil_parser.parse(text, default=datetime(1, 1, 1))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"unreadable date {text!r}") from exc
    if moment.year == 1:
        raise ValueError(f"date without a year {text!r}")
    has_time = bool(re.search(r"\d:\d", text))
    return format_moment(moment, _time_precision(text) if has_time else "day")


def _time_precision(text: str) -> str:
    if re.search(r"\d{1,2}:\d{2}:\d{2}", text):
        return "second"
    if re.search(r"\d{1,2}:\d{2}", text):
        return "minute"
    if re.search(r"T\d{2}(?!:)", text):
        return "hour"
    return "day"


def parse_user_moment(text: str, option: str = "--published") -> Moment:
    """``parse_moment`` for a value the user typed: a bad one is a usage error."""
    try:
        return parse_moment(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from exc


# "23 minutes ago", "an hour ago", "2 days ago", "a week ago", "yesterday", "just now".
_UNIT_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
}
_UNIT_PRECISION = {"second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "day"}
AGE_PATTERN = re.compile(
    r"^(?:(?P<count>\d+|an?|one)\s+(?P<unit>sec(?:ond)?|min(?:ute)?|hour|hr|day|week)s?\s+ago"
    r"|(?P<word>just now|yesterday|today))$",
    re.IGNORECASE,
)
_UNIT_ALIASES = {"sec": "second", "min": "minute", "hr": "hour"}


def is_relative_age(text: str) -> bool:
    """True for the age lines aggregator pages print ("23 minutes ago")."""
    return AGE_PATTERN.match(text.strip()) is not None


def resolve_age(text: str, reference: Moment | None) -> Moment | None:
    """Resolve a relative age against the time of the page that printed it.

    The result is never more precise than the reference: "23 minutes ago" on a
    page known only to the day gives that day. With no reference there is no
    answer (``None``), not a guess from the clock.

    >>> resolve_age("23 minutes ago", Moment("2025-06-16T12:00", "minute"))
    Moment(value='2025-06-16T11:37', precision='minute')
    """
    match = AGE_PATTERN.match(text.strip())
    if match is None or reference is None:
        return None
    word = (match.group("word") or "").lower()
    if word:
        seconds = 86400 if word == "yesterday" else 0
        unit_precision = "day" if word in ("yesterday", "today") else "minute"
    else:
        count_text = match.group("count").lower()
        count = 1 if count_text in ("a", "an", "one") else int(count_text)
        unit = match.group("unit").lower()
        unit = _UNIT_ALIASES.get(unit, unit)
        seconds = count * _UNIT_SECONDS[unit]
        unit_precision = _UNIT_PRECISION[unit]
    precision = _coarser(reference.precision, unit_precision)
    if PRECISIONS.index(reference.precision) < PRECISIONS.index("day"):
        return reference  # a year or month reference cannot be refined by an age
    moment = reference.start - timedelta(seconds=seconds)
    if precision == "day" and reference.precision == "day" and seconds < 86400:
        # Less than a day before a day-precision reference: the same day is
        # the best estimate (the page time within that day is unknown).
        return reference
    return format_moment(moment, precision)


def day_of(value: str | None) -> date | None:
    """The day a stored time names, or ``None`` when it names none (missing, only a year or a month).

    >>> day_of("2025-06-16T14:05"), day_of("2025-04"), day_of(None)
    (datetime.date(2025, 6, 16), None, None)
    """
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def middle_of(value: str | None) -> date | None:
    """A stored time as one day, for distances between times: a month is its 15th, a year its 1 July."""
    if not value:
        return None
    day = day_of(value)
    if day is not None:
        return day
    try:
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 15)
        if len(value) == 4:
            return date(int(value), 7, 1)
    except ValueError:
        return None
    return None


def today_utc() -> date:
    """The current UTC date: only for defaults the user can override (``--as-of``)."""
    return datetime.now(UTC).date()


__all__ = [
    "Moment",
    "day_of",
    "middle_of",
    "format_moment",
    "is_relative_age",
    "parse_moment",
    "parse_user_moment",
    "resolve_age",
    "today_utc",
]
