"""Time expressions, normalised against when the words were said.

``find_timexes(text, reference)`` finds dates, times, durations and sets in
English news copy and gives each a TIMEX3-style value ("2025-04-20", "P3Y",
"2025-W03", "2025-SP", "PRESENT_REF"). Relative expressions ("yesterday",
"last week", "on Friday", "next spring", "before Easter") resolve against
``reference``, the time the words were published or said — never the clock.
A reference known only to the month or year (``When``) keeps only what it
decides; with no reference only absolute expressions ("by 2030") are kept.

For a commitment, ``made_on`` finds when it was made from the sentence's own
time words ("In January, she asked …" in a June report is January), and
``find_deadline`` the date range it is due by, counted from then — or from the
event a condition names ("within the first year of a Labour government",
see ``anchors``). ``deadline_range`` does the same for one expression.

Rule-based on purpose: every value can be traced to the rule that made it, and
the rules are the conventions of the genre (British and American dates, the
financial year, the parliamentary term), not one corpus.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from . import anchors

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Duration units: TIMEX3 letter, and whether it is a time (PT…) unit.
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
}

_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
          r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBER = (r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) and a half"
           r"|\d+(?:\.\d+)?"
           r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
           r"|eight|nine))?"
           r"|a hundred|a half|a couple of|a few|few|half an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
           r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|several|many|some|an?)")
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_PART = r"(?:morning|afternoon|evening|night)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_APPROX = r"(?:around|about|roughly|approximately|some|nearly|almost|up to|more than|less than|at least|over)"

# Words that make a bare weekday or month point forward ("will meet on Friday").
# Promising is about what is to come: "promised to publish it in March" said in June is next March.
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|intends? to|expected to|scheduled|due to|is to|are to"
    r"|next|coming|upcoming|(?:promise|pledge|vow|commit|undertake)[sd]? to|(?:promising|pledging|vowing) to"
    r"|committed to|undertook to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: where it is, what kind, and its normalised value."""

    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None  # APPROX, START, MID, END, BEFORE, AFTER, ON_OR_BEFORE

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"text": self.text, "start": self.start, "end": self.end,
                                    "type": self.type, "value": self.value}
        if self.mod:
            found["mod"] = self.mod
        return found


Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class When:
    """A time known to the day, the week, the month or the year: when a text was dated or a promise made.

    >>> When.parse("2025-04"), str(When(date(2025, 4, 1), "month"))
    (When(day=datetime.date(2025, 4, 1), precision='month'), '2025-04')
    """

    day: date  # the first day of the period (a Monday for a week)
    precision: Precision = "day"

    @classmethod
    def of(cls, value: date | When) -> When:
        return value if isinstance(value, When) else cls(value)

    @classmethod
    def parse(cls, value: str | None) -> When | None:
        """A stored or typed time to its precision: "2025-06-16T14:05", "2025-W25", "2025-06", "2025"; else ``None``."""
        if not value:
            return None
        try:
            if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
                return cls(date(int(m[1]), int(m[2]), int(m[3])))
            if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
                return cls(date.fromisocalendar(int(m[1]), int(m[2]), 1), "week")
            if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
                return cls(date(int(m[1]), int(m[2]), 1), "month")
            if m := re.fullmatch(r"(\d{4})", value):
                return cls(date(int(m[1]), 1, 1), "year")
        except ValueError:
            return None
        return None

    @classmethod
    def covering(cls, first: date, last: date) -> When | None:
        """The narrowest day, week, month or year holding a range; ``None`` when it crosses a year's end."""
        if first == last:
            return cls(first)
        if first.weekday() == 0 and last == first + timedelta(days=6):
            return cls(first, "week")
        if (first.year, first.month) == (last.year, last.month):
            return cls(first.replace(day=1), "month")
        if first.year == last.year:
            return cls(date(first.year, 1, 1), "year")
        return None

    @property
    def last(self) -> date:
        """The last day of the period."""
        if self.precision == "day":
            return self.day
        if self.precision == "week":
            return self.day + timedelta(days=6)
        if self.precision == "month":
            return _last_day(self.day.year, self.day.month)
        return date(self.day.year, 12, 31)

    def __str__(self) -> str:
        if self.precision == "week":
            return _week(self.day)
        return {"day": self.day.isoformat(), "month": self.day.isoformat()[:7], "year": str(self.day.year)}[
            self.precision]


def word_number(text: str) -> float | None:
    """'three' → 3, 'twenty-four' → 24, 'a' → 1, '2.5' → 2.5; None for vague counts ('several')."""
    text = text.lower().strip()
    if text.endswith(" and a half"):
        whole = word_number(text.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    if text in ("several", "many", "some", "a few", "a couple of"):
        return None if text != "a couple of" else 2
    if text.startswith("half"):
        return 0.5
    if text == "a half":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total = 0.0
    for part in re.split(r"[- ]", text):
        if part in ("a", "an") and total == 0:
            total = 1
        elif part == "hundred":
            total = (total or 1) * 100
        elif part in NUMBER_WORDS:
            total += NUMBER_WORDS[part]
        else:
            return None
    return total or None


def _fmt_number(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _duration(count: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    letter, is_time = UNITS[unit]
    if unit == "fortnight" and count is not None:
        count *= 2
    if count is not None and not float(count).is_integer() and letter in ("Y", "M", "D", "H", "W"):
        # "half a year" → P6M, "one and a half hours" → PT90M: TIMEX3 values are integers.
        smaller = {"Y": ("M", 12, False), "M": ("W", 4, False), "W": ("D", 7, False), "D": ("H", 24, True),
                   "H": ("M", 60, True)}[letter]
        letter, count, is_time = smaller[0], count * smaller[1], smaller[2]
    return f"P{'T' if is_time else ''}{_fmt_number(count)}{letter}"


def _future(text: str, start: int) -> bool:
    """Whether the sentence around an expression speaks of the future ("will meet on Friday")."""
    before = re.split(r"[.!?]\s|\n", text[max(0, start - 100) : start])[-1]
    after = re.split(r"[.!?](?:\s|$)|\n", text[start : start + 60])[0]
    return bool(_FUTURE.search(before) or _FUTURE.search(after))


def _nearest_year(month: int, day: int | None, reference: date, forward: bool | None) -> int:
    """The year that puts a month (and day) nearest the reference; not before it when ``forward``."""
    def at(year: int) -> date:
        return date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))

    years = [reference.year - 1, reference.year, reference.year + 1]
    if forward:
        floor = reference if day is not None else reference.replace(day=1)
        years = [y for y in years if (at(y) if day is not None else date(y, month, 1)) >= floor]
    return min(years, key=lambda y: abs((at(y) - reference).days))


def _weekday(target: int, reference: date, direction: str) -> date:
    """The weekday nearest the reference: ``past`` (on or before), ``future`` (after), ``last``, ``next``."""
    delta = (target - reference.weekday()) % 7
    if direction == "future":
        return reference + timedelta(days=delta or 7)
    if direction == "next":
        return reference + timedelta(days=delta or 7)
    back = (reference.weekday() - target) % 7
    if direction == "last":
        return reference - timedelta(days=back or 7)
    return reference - timedelta(days=back)


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _parliament_end(reference: date) -> date | None:
    """The last day of the UK Parliament sitting on a day (``anchors``): what "this Parliament" is due by."""
    sitting = anchors.parliament_sitting(reference)
    return sitting.last_day if sitting is not None else None


# "by March", "before the spring": a month or season after these words is one still to come. ("until"
# is left out: "closed until March" is as often past; so are weekdays and days, "by Friday" in news
# copy being as often a report of what happened by then.)
_BY = re.compile(r"\b(?:by|before|no later than|in time for|ahead of)\s+(?:the\s+)?$", re.IGNORECASE)


def _forward(text: str, start: int) -> bool:
    """Whether a month or season looks forward: future words around it, or a deadline word before it."""
    return _future(text, start) or bool(_BY.search(text[max(0, start - 20) : start]))


# A rule's normaliser: (match, reference date, whole text) → (type, value, mod), or None to reject.
Found = tuple[str, str, str | None]
Normaliser = Callable[[re.Match[str], date, str], Found | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    normalise: Normaliser


_RULES: list[_Rule] = []


def _rule(pattern: str) -> Callable[[Normaliser], Normaliser]:
    def register(function: Normaliser) -> Normaliser:
        _RULES.append(_Rule(re.compile(pattern, re.IGNORECASE), function))
        return function

    return register


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


_APPROX_MODS = {
    "around": "APPROX", "about": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "up to": "EQUAL_OR_LESS", "less than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "more than": "MORE_THAN", "over": "MORE_THAN",
}
_MOD_WORDS = {"early": "START", "mid": "MID", "middle": "MID", "late": "END", "end": "END"}


# British "16 June 2025" and American "June 16, 2025"; the year is optional.
@_rule(rf"\b(?:(?:on\s+)?{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})\b,?\s*(?P<y>{_YEAR})?\b")
@_rule(rf"\b(?:(?:on\s+)?{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?:,?\s*(?P<y>{_YEAR})\b)?")
def _calendar_day(m: re.Match[str], ref: date, text: str) -> Found | None:
    day, month = int(re.sub(r"\D", "", m.group("d"))), _month(m.group("m"))
    year = int(m.group("y")) if m.group("y") else _nearest_year(month, day, ref, _future(text, m.start()))
    if day > calendar.monthrange(year, month)[1]:
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", None


@_rule(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
def _iso(m: re.Match[str], ref: date, text: str) -> Found | None:
    return "DATE", m.group(), None


@_rule(rf"\b(?:(?P<mod>early|mid|late|the end of|the start of|the beginning of|the middle of)[- ]?\s*)?"
       rf"(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?\b")
def _month_year(m: re.Match[str], ref: date, text: str) -> Found | None:
    name = m.group("m").lower()
    if name in ("may", "march") and not (m.group("y") or m.group("mod")):
        # "may" and "march" are also a verb: only as a month after a preposition.
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(r"\b(?:in|of|since|until|till|by|from|to|last|next|this|early|late|mid|before|after|"
                         r"during|through)\s*-?$", before) or not m.group("m")[0].isupper():
            return None
    if len(name) <= 4 and not name.endswith(".") and name not in ("may", "june", "july") and not m.group("y"):
        return None  # "Jan" alone is more often a name than a month
    month = _month(name)
    year = int(m.group("y")) if m.group("y") else _nearest_year(month, None, ref, _forward(text, m.start()))
    mod_text = (m.group("mod") or "").lower()
    mod = next((v for k, v in _MOD_WORDS.items() if k in mod_text), None)
    if "start" in mod_text or "beginning" in mod_text:
        mod = "START"
    return "DATE", f"{year:04d}-{month:02d}", mod


@_rule(r"\b(?:(?P<rel>last|next|this|previous|coming)\s+)?(?P<w>" + _WEEKDAY + r")(?:\s+(?P<p>" + _PART + r"))?\b")
def _weekday_rule(m: re.Match[str], ref: date, text: str) -> Found | None:
    rel = (m.group("rel") or "").lower()
    direction = {"last": "last", "previous": "last", "next": "next", "coming": "next"}.get(rel)
    if direction is None:
        direction = "future" if _future(text, m.start()) else "past"
    day = _weekday(WEEKDAYS[m.group("w").lower()], ref, direction)
    if m.group("p"):
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[m.group('p').lower()]}", None
    return "DATE", day.isoformat(), None


@_rule(r"\b(?:today|this\s+(?P<p>morning|afternoon|evening)|tonight|yesterday(?:\s+(?P<yp>" + _PART + r"))?"
       r"|last night|tomorrow(?:\s+(?P<tp>" + _PART + r"))?)\b")
def _deictic_day(m: re.Match[str], ref: date, text: str) -> Found | None:
    word = m.group().lower()
    if word == "today":
        return "DATE", ref.isoformat(), None
    if word.startswith("this"):
        return "TIME", f"{ref.isoformat()}T{PARTS_OF_DAY[m.group('p').lower()]}", None
    if word == "tonight":
        return "TIME", f"{ref.isoformat()}TNI", None
    if word == "last night":
        return "TIME", f"{(ref - timedelta(days=1)).isoformat()}TNI", None
    yesterday = word.startswith("yesterday")
    day = ref + timedelta(days=-1 if yesterday else 1)
    part = m.group("yp" if yesterday else "tp")
    if part:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part.lower()]}", None
    return "DATE", day.isoformat(), None


@_rule(r"\b(?:(?P<mod>early|late|later|earlier)\s+)?(?P<rel>last|next|this|the coming|the current|the past|the previous"
       r"|the next|the last)\s+(?P<u>week|month|year|quarter|weekend|decade|century)\b")
def _relative_unit(m: re.Match[str], ref: date, text: str) -> Found | None:
    rel, unit = m.group("rel").lower(), m.group("u").lower()
    if rel in ("the past", "the last") and unit != "weekend":
        return "DURATION", _duration(1, unit), None
    step = {"last": -1, "the previous": -1, "next": 1, "the coming": 1, "the next": 1}.get(rel, 0)
    mod = {"early": "START", "late": "END", "later": "END", "earlier": "START"}.get((m.group("mod") or "").lower())
    if unit == "week":
        return "DATE", _week(ref + timedelta(weeks=step)), mod
    if unit == "weekend":
        saturday = _weekday(5, ref, "next" if step > 0 else "past" if step == 0 else "last")
        return "DATE", f"{_week(saturday)}-WE", mod
    if unit == "month":
        day = ref + relativedelta(months=step)
        return "DATE", f"{day.year:04d}-{day.month:02d}", mod
    if unit == "quarter":
        return "DATE", _quarter(ref + relativedelta(months=3 * step)), mod
    if unit == "decade":
        return "DATE", f"{(ref.year // 10 + step)}X", mod
    if unit == "century":
        return "DATE", f"{(ref.year // 100 + step)}XX", mod
    return "DATE", f"{ref.year + step:04d}", mod


# Seasons that name a thing rather than a time: "the Spring Statement", "the winter fuel payment".
_SEASON_AS_NAME = re.compile(r"\s+(?:statements?|budgets?|spending|fuel|conference|forecast|economic)\b", re.IGNORECASE)


@_rule(rf"\b(?:(?P<rel>last|next|this|the coming|the)\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b")
def _season(m: re.Match[str], ref: date, text: str) -> Found | None:
    rel = (m.group("rel") or "").lower()
    if not rel and not m.group("y"):
        before = text[max(0, m.start() - 8) : m.start()].lower()
        if not re.search(r"\b(?:in|by|until|this|over)\s+$", before):
            return None  # "summer" as a noun, not a time
    if not m.group("y") and _SEASON_AS_NAME.match(text, m.end()):
        return None
    season = SEASONS[m.group("s").lower()]
    if m.group("y"):
        year = int(m.group("y"))
    elif rel == "last":
        year = ref.year - 1 if _season_index(season) >= _season_index(_season_of(ref)) else ref.year
    elif rel in ("next", "the coming"):
        # The first one to begin after the reference: "next winter" said in January is the one after this.
        year = next(y for y in range(ref.year - 1, ref.year + 2) if _season_span(y, season)[0] > ref)
    else:
        year = ref.year
        if _forward(text, m.start()):
            # The one now under way or still to come: "by the spring" said in December is next spring.
            year = next(y for y in range(ref.year - 1, ref.year + 2) if _season_span(y, season)[1] >= ref)
    return "DATE", f"{year:04d}-{season}", None


def _season_span(year: int, season: str) -> tuple[date, date]:
    return value_range(f"{year:04d}-{season}") or (date(year, 1, 1), date(year, 12, 31))


@_rule(rf"\b(?:(?P<mod>early|mid|late)[- ]?)?(?P<what>{_SEASON}|{_MONTH})\s+(?:of\s+)?(?P<rel>next|last|this)\s+year\b")
def _season_or_month_of_year(m: re.Match[str], ref: date, text: str) -> Found | None:
    """'spring next year', 'April next year', 'the autumn of last year'."""
    what = m.group("what")
    year = ref.year + {"next": 1, "last": -1}.get(m.group("rel").lower(), 0)
    mod = _MOD_WORDS.get((m.group("mod") or "").lower())
    if what.lower() in SEASONS:
        return "DATE", f"{year:04d}-{SEASONS[what.lower()]}", mod
    if what.lower() in ("may", "march") and not what[0].isupper():
        return None
    return "DATE", f"{year:04d}-{_month(what):02d}", mod


def _season_of(day: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")


def _season_index(season: str) -> int:
    return ["WI", "SP", "SU", "FA"].index(season)


@_rule(rf"\b(?:the\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
       rf"(?:\s+of\s+(?P<y>{_YEAR}|the year|this year|last year|next year))?\b")
def _quarter_rule(m: re.Match[str], ref: date, text: str) -> Found | None:
    year_text = (m.group("y") or "").lower()
    year = int(year_text) if year_text.isdigit() else ref.year + {"last year": -1, "next year": 1}.get(year_text, 0)
    return "DATE", f"{year:04d}-Q{ORDINALS[m.group('o').lower()]}", None


@_rule(rf"\b(?:the\s+)?(?P<o>first|second)\s+half\s+of\s+(?P<y>{_YEAR}|the year|this year|last year|next year)\b")
def _half(m: re.Match[str], ref: date, text: str) -> Found | None:
    year_text = m.group("y").lower()
    year = int(year_text) if year_text.isdigit() else ref.year + {"last year": -1, "next year": 1}.get(year_text, 0)
    return "DATE", f"{year:04d}-H{1 if m.group('o').lower() == 'first' else 2}", None


@_rule(rf"\b(?P<mod>early|mid|late)[- ]?(?P<y>{_YEAR})\b")
def _mod_year(m: re.Match[str], ref: date, text: str) -> Found | None:
    return "DATE", m.group("y"), _MOD_WORDS[m.group("mod").lower()]


@_rule(rf"\b(?:the\s+)?(?P<edge>end|close|start|beginning)\s+of\s+(?:the\s+)?(?P<w>this year|the year|next year"
       rf"|last year|{_YEAR}|this month|the month|next month|the decade|this decade|the parliament|this parliament)\b")
def _end_of(m: re.Match[str], ref: date, text: str) -> Found | None:
    what = m.group("w").lower()
    mod = "START" if m.group("edge").lower() in ("start", "beginning") else "END"
    if what.isdigit():
        return "DATE", what, mod
    if "parliament" in what:
        end = _parliament_end(ref)
        return ("DATE", end.isoformat(), "ON_OR_BEFORE") if end and mod == "END" else None
    if "month" in what:
        day = ref + relativedelta(months=1 if what.startswith("next") else 0)
        return "DATE", f"{day.year:04d}-{day.month:02d}", mod
    if "decade" in what:
        return "DATE", f"{ref.year // 10}X", mod
    return "DATE", str(ref.year + {"next year": 1, "last year": -1}.get(what, 0)), mod


@_rule(r"\b(?:this|the current|the next|the last|the previous)\s+(?:parliament(?:ary\s+term)?"
       r"|(?:first|second|third)\s+(?:parliamentary\s+)?term)\b")
def _parliament(m: re.Match[str], ref: date, text: str) -> Found | None:
    """"this Parliament", "this parliamentary term", "this first term" (a government's, not a school's): the
    sitting UK Parliament's legal end; not in American text, where a term is a president's."""
    if not m.group().lower().startswith(("this", "the current")):
        return None
    if "parliament" not in m.group().lower() and anchors.country_of(text) == "US":
        return None
    end = _parliament_end(ref)
    return ("DATE", end.isoformat(), "ON_OR_BEFORE") if end else None


@_rule(r"\b(?P<h>easter(?:\s+sunday|\s+monday)?|good friday|christmas(?:\s+day|\s+eve)?|boxing day"
       r"|new year's(?:\s+day|\s+eve)|thanksgiving(?:\s+day)?|halloween|valentine's day|bonfire night)"
       r"(?:\s+(?P<y>" + _YEAR + r"))?\b")
def _holiday(m: re.Match[str], ref: date, text: str) -> Found | None:
    name = m.group("h").lower()
    forward = _future(text, m.start())

    def on(year: int) -> date:
        sunday: date = easter(year)
        if name.startswith("easter"):
            return sunday + timedelta(days=1 if name.endswith("monday") else 0)
        if name == "good friday":
            return sunday - timedelta(days=2)
        if name.startswith("thanksgiving"):
            first = date(year, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                 "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
                 "halloween": (10, 31), "valentine's day": (2, 14), "bonfire night": (11, 5)}[name]
        return date(year, *fixed)

    if m.group("y"):
        return "DATE", on(int(m.group("y"))).isoformat(), None
    # "before Easter", "by Christmas": a deadline looks forward.
    forward = forward or bool(_DEADLINE_LEAD.search(text[max(0, m.start() - 20) : m.start()]))
    options = [on(ref.year - 1), on(ref.year), on(ref.year + 1)]
    if forward:
        options = [d for d in options if d >= ref]
    return "DATE", min(options, key=lambda d: abs((d - ref).days)).isoformat(), None


@_rule(rf"\b(?P<n>{_NUMBER})\s+(?P<u>{_UNIT})\s+(?P<dir>ago|earlier|before|later|after|from now|hence)\b")
def _offset(m: re.Match[str], ref: date, text: str) -> Found | None:
    if m.group("dir").lower() in ("before", "after") and re.match(r"\s+[A-Za-z£$]", text[m.end() :]):
        # "three months after the board promised …", "two weeks before the election": counted from an
        # event the words name, not from the date of the text.
        return None
    count = word_number(m.group("n"))
    unit = m.group("u").lower().rstrip("s").replace("centurie", "century")
    sign = -1 if m.group("dir").lower() in ("ago", "earlier", "before") else 1
    if count is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    n = int(count) * sign
    sentence = re.split(r"[.!?]\s", text[max(0, m.start() - 200) : m.end() + 200])
    if unit == "year" and count == 1 and any("quarter" in part for part in sentence):
        # Earnings copy: "up 5% from a year earlier" compares with the year-ago quarter.
        return "DATE", _quarter(ref - relativedelta(months=3) + relativedelta(years=n)), None
    if unit in ("day",):
        return "DATE", (ref + timedelta(days=n)).isoformat(), None
    if unit in ("week", "fortnight"):
        return "DATE", _week(ref + timedelta(weeks=n * (2 if unit == "fortnight" else 1))), None
    if unit == "month":
        day = ref + relativedelta(months=n)
        return "DATE", f"{day.year:04d}-{day.month:02d}", None
    if unit == "year":
        return "DATE", f"{ref.year + n:04d}", None
    if unit == "decade":
        return "DATE", f"{(ref.year + 10 * n) // 10}X", None
    if unit in ("hour", "minute", "second"):
        return None
    return None


@_rule(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?:(?P<ctx>the\s+(?:past|last|next|first|coming|previous|following)|within|for|over|in|after)\s+)?"
       rf"(?P<n>{_NUMBER})[- ](?P<u>{_UNIT})(?P<adj>[- ]long|[- ]old)?\b")
def _duration_rule(m: re.Match[str], ref: date, text: str) -> Found | None:
    count = word_number(m.group("n"))
    unit = m.group("u").lower()
    if unit.rstrip("s") == "second" and m.group("n").lower() == "a":
        return None
    if m.group("adj") and "old" in m.group("adj").lower():
        return None  # "a five-year-old"
    if count is None and m.group("n").lower() in ("some", "many") and not m.group("ctx"):
        return None
    ctx = (m.group("ctx") or "").lower()
    approx = (m.group("approx") or "").lower()
    if approx == "over" and ctx.startswith("the "):
        approx = ""  # "over the next five years": a span, not "more than"
    if ctx == "in" and m.group("n").lower() in ("a", "an") and re.search(
        r"\b\d+\s+[a-z]+\s*$", text[max(0, m.start() - 25) : m.start()].lower()
    ):
        return "SET", _duration(1, unit), None  # "30 days in a year": a rate, not a time limit
    return "DURATION", _duration(count, unit), _APPROX_MODS.get(approx)


@_rule(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<pre>for|over|in|within|recent|the past|the last)?\s*"
       r"(?P<u>years|decades|months|weeks|days|hours|centuries)\b")
def _vague_duration(m: re.Match[str], ref: date, text: str) -> Found | None:
    pre = (m.group("pre") or "").lower()
    if not pre:
        return None
    unit = m.group("u").lower()
    letter = {"years": "Y", "decades": "DE", "months": "M", "weeks": "W", "days": "D", "hours": "TH",
              "centuries": "CE"}[unit]
    if letter == "TH":
        return "DURATION", "PTXH", None
    if pre == "recent":
        return "DURATION", f"PX{letter}", None
    return "DURATION", f"PX{letter}", None


@_rule(r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|fortnightly"
       r"|(?:every|each|per|a)\s+(?:day|week|month|year|quarter|hour|night|morning|evening|weekend))\b")
def _set(m: re.Match[str], ref: date, text: str) -> Found | None:
    word = m.group().lower().split()[-1]
    if m.group().lower().startswith("a ") and not re.match(r"\s*(?:[.,;]|$)", text[m.end() : m.end() + 2]):
        return None  # "a year" as a duration, handled elsewhere
    value = {"daily": "P1D", "day": "P1D", "nightly": "P1D", "night": "P1D", "morning": "P1D", "evening": "P1D",
             "weekly": "P1W", "week": "P1W", "weekend": "P1W", "fortnightly": "P2W", "monthly": "P1M",
             "month": "P1M", "annually": "P1Y", "yearly": "P1Y", "year": "P1Y", "quarterly": "P1Q",
             "quarter": "P1Q", "hourly": "PT1H", "hour": "PT1H"}[word]
    return "SET", value, None


@_rule(r"\b(?:now|currently|at present|presently|nowadays|current|at the moment|these days|the present)\b")
def _present(m: re.Match[str], ref: date, text: str) -> Found | None:
    return "DATE", "PRESENT_REF", None


@_rule(r"\b(?:recently|recent|the past|lately|in the past)\b")
def _past(m: re.Match[str], ref: date, text: str) -> Found | None:
    return "DATE", "PAST_REF", None


@_rule(r"\b(?:the future|in future|(?:in|over) the coming (?:days|weeks|months|years)|future)\b")
def _future_ref(m: re.Match[str], ref: date, text: str) -> Found | None:
    word = m.group().lower()
    before = text[max(0, m.start() - 9) : m.start()].lower()
    if word == "future" and not re.search(r"\b(?:the|in|near|for)\s+$", before):
        return None
    return "DATE", "FUTURE_REF", None


@_rule(r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]?)?(?:(?P<y>1[5-9]\d|20\d)0s\b|'(?P<s>\d)0s\b)")
def _decade(m: re.Match[str], ref: date, text: str) -> Found | None:
    mod = _MOD_WORDS.get((m.group("mod") or "").lower())
    if m.group("y"):
        return "DATE", f"{m.group('y')}X", mod
    return "DATE", f"19{m.group('s')}X", mod


# The UK financial year "2025-26" (or "2025/26"): 1 April 2025 to 31 March 2026 (the government's
# year; the tax year starts on 6 April). Valued "FY2025-26", which ``value_range`` reads.
@_rule(r"\b(?:(?:the\s+)?(?:financial|fiscal|tax)\s+year\s+)?(?P<y>(?:19|20)\d\d)\s?[-/–]\s?(?P<y2>\d\d)\b"
       r"(?:\s+(?:financial|fiscal|tax)\s+year\b)?")
def _financial_year(m: re.Match[str], ref: date, text: str) -> Found | None:
    year = int(m.group("y"))
    if int(m.group("y2")) != (year + 1) % 100 or text[m.end() : m.end() + 1] in ("-", "/"):
        return None  # "2025-10" or "2025-10-01" is a month or a day, not a financial year
    return "DATE", f"FY{year}-{m.group('y2')}", None


# "Before the summer recess": the Commons usually rises for the summer in the last week of July,
# so we take the recess as due by 31 July (July, mod END).
@_rule(rf"\b(?:the\s+)?(?:(?P<y>{_YEAR})\s+)?summer\s+recess\b")
def _summer_recess(m: re.Match[str], ref: date, text: str) -> Found | None:
    if m.group("y"):
        return "DATE", f"{m.group('y')}-07", "END"
    year = ref.year + (1 if _forward(text, m.start()) and ref > date(ref.year, 7, 31) else 0)
    return "DATE", f"{year:04d}-07", "END"


@_rule(rf"\b(?:(?P<pre>in|by|since|until|till|before|after|during|from|of|through|to|fiscal|calendar|the year"
       rf"|early|late|mid|'s)\s+)?(?P<y>{_YEAR})\b(?!\s*(?:%|per cent|percent|people|pounds|dollars))")
def _year(m: re.Match[str], ref: date, text: str) -> Found | None:
    before = text[max(0, m.start("y") - 2) : m.start("y")]
    after = text[m.end("y") : m.end("y") + 2]
    # "£2025", "1,999", "2025.5", "12,2025": amounts, not years.
    if before[-1:] in ("$", "£", "€", "#") or re.search(r"\d[,.]$", before) or re.match(r"\d|[.,]\d", after):
        return None
    return "DATE", m.group("y"), None


@_rule(r"\b(?P<h>[01]?\d|2[0-3])(?:[.:](?P<min>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?=\W|$)|\b(?P<w>noon|midday|midnight)\b")
def _clock(m: re.Match[str], ref: date, text: str) -> Found | None:
    if m.group("w"):
        hour = {"noon": 12, "midday": 12, "midnight": 0}[m.group("w").lower()]
        minute = 0
    else:
        hour, minute = int(m.group("h")), int(m.group("min") or 0)
        if m.group("ap").lower().startswith("p") and hour < 12:
            hour += 12
        if m.group("ap").lower().startswith("a") and hour == 12:
            hour = 0
    return "TIME", f"{ref.isoformat()}T{hour:02d}:{minute:02d}", None


# Words that may precede a deadline and belong to it: "before Easter", "by 2029".
_DEADLINE_LEAD = re.compile(r"\b(?P<w>before|by|until|till|no later than|in time for|ahead of)\s+$", re.IGNORECASE)
# Two references far apart: an expression that means the same against both names its own date.
_UNANCHORED = (date(1971, 3, 9), date(2043, 10, 22))


def find_timexes(text: str, reference: date | When | None, start: int = 0, end: int | None = None) -> list[Timex]:
    """Every time expression in ``text`` (or ``text[start:end]``), normalised against ``reference``, in text order.

    A reference known only to the month or the year keeps the expressions whose value it decides
    ("next year" in a text of November 2024, not "yesterday"); with no reference, only those that
    need none ("by 2030", "16 June 2025", "within three months").

    >>> [t.value for t in find_timexes("She will publish it before Easter.", date(2025, 1, 16))]
    ['2025-04-20']
    >>> [t.value for t in find_timexes("It is due by 2030, from next year.", None)]
    ['2030']
    """
    matches = _matches(text, start, end)
    if isinstance(reference, date):
        return _find(text, reference, matches)
    first, last = (reference.day, reference.last) if reference is not None else _UNANCHORED
    if first == last:
        return _find(text, first, matches)
    agreed = set(_find(text, last, matches))
    return [t for t in _find(text, first, matches) if t in agreed]


def _matches(text: str, start: int, end: int | None) -> list[tuple[_Rule, re.Match[str]]]:
    """Every rule's matches, found once whatever the references they are normalised against."""
    return [(rule, match) for rule in _RULES
            for match in rule.pattern.finditer(text, start, len(text) if end is None else end)
            if match.end() != match.start()]


def _find(text: str, reference: date, matches: list[tuple[_Rule, re.Match[str]]]) -> list[Timex]:
    candidates: list[tuple[int, int, str, str, str | None]] = []
    for rule, match in matches:
        found = rule.normalise(match, reference, text)
        if found is None:
            continue
        kind, value, mod = found
        first, last = match.start(), match.end()
        # Trim leading prepositions a rule allowed for context ("in 2009" → "2009").
        lead = re.match(r"(?i)(?:on|in|for|over|within|by|since|until|till|before|after|during|from|of"
                        r"|through|to)\s+", text[first:last])
        if lead and kind != "DURATION" or (lead and kind == "DURATION" and lead.group().strip().lower() in
                                            ("in", "for", "over", "within", "after", "by", "of", "to")):
            first += lead.end()
        candidates.append((first, last, kind, value, mod))
    # Longest match wins; ties go to the earlier rule.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[Timex] = []
    for first, last, kind, value, mod in candidates:
        if any(first < e and s < last for s, e in taken):
            continue
        taken.append((first, last))
        chosen.append(Timex(text[first:last], first, last, kind, value, mod))
    return sorted(chosen, key=lambda t: t.start)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def value_range(value: str, reference: date | None = None) -> tuple[date, date] | None:
    """The first and last day a DATE value covers: "2025-04" → 1–30 April 2025."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return date(int(m[1]), int(m[2]), 1), _last_day(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})", value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        first = 3 * int(m[2]) - 2
        return date(int(m[1]), first, 1), _last_day(int(m[1]), first + 2)
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return (date(int(m[1]), 1, 1), date(int(m[1]), 6, 30)) if m[2] == "1" else \
               (date(int(m[1]), 7, 1), date(int(m[1]), 12, 31))
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (monday + timedelta(days=5) if value.endswith("WE") else monday), monday + timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        year = int(m[1])
        return {"SP": (date(year, 3, 1), date(year, 5, 31)), "SU": (date(year, 6, 1), date(year, 8, 31)),
                "FA": (date(year, 9, 1), date(year, 11, 30)),
                "WI": (date(year, 12, 1), _last_day(year + 1, 2))}[m[2]]
    if m := re.fullmatch(r"FY(\d{4})-\d{2}", value):
        return date(int(m[1]), 4, 1), date(int(m[1]) + 1, 3, 31)
    if m := re.fullmatch(r"(\d{3})X", value):
        return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    return None


def add_duration(start: date, value: str) -> date | None:
    """``start`` plus a duration value ("P3M" → three months later); ``None`` when vague."""
    m = re.fullmatch(r"P(?:T)?(\d+(?:\.\d+)?)(Y|M|W|D|H|Q|DE|CE)", value)
    if not m or value.startswith("PT"):
        return None
    count = float(m[1])
    unit = m[2]
    months = {"Y": 12, "M": 1, "Q": 3, "DE": 120, "CE": 1200}.get(unit)
    if months:
        later: date = start + relativedelta(months=round(count * months))
        return later
    return start + timedelta(days=count * (7 if unit == "W" else 1))


@dataclass(slots=True)
class Deadline:
    """When something is due: the words, the date range, how precise it is, and any condition.

    ``start`` is the day the count began (when the promise was made, or when its condition was
    met), ``end`` the last day to keep it. A promise waiting on an event that has not happened, or
    is not in ``anchors``, keeps the ``condition`` words with no ``end`` ("conditional"); one due
    only after an event ("after the election") has a ``start`` and no ``end`` ("after"). With no
    date to count from there is no ``start``.
    """

    text: str
    start: date | None
    end: date | None
    precision: str  # day, week, month, quarter, season, year, duration, term, vague, conditional, after
    timex: Timex
    condition: str | None = None


# What a vague limit gives when a promise needs a date: promise trackers read "within weeks" as
# about two months, so we do; "within days" as a fortnight and "within months" as half a year.
# "Within years" is too vague to date, as are "soon" and "as soon as possible".
VAGUE_LIMITS = {"D": "P14D", "W": "P8W", "M": "P6M"}
_LIMIT_LEAD = re.compile(r"\b(?:within|in|in a matter of|in the (?:next|coming)(?: few)?|over the (?:next|coming)"
                         r"(?: few)?)\s+$", re.IGNORECASE)
_COMING = re.compile(r"(?:the\s+)?(?:coming|next(?:\s+few)?)\s+(?P<u>days|weeks|months)$", re.IGNORECASE)
# "A four-year college", "a five-year ban", "a two-year freeze": a duration naming a kind of thing,
# or how long a state lasts, not a time by which something is done ("a three-month review" is one).
_NOT_A_LIMIT = re.compile(r"(?:[- ](?!(?:of|on|in|into|for|to|by)\b)[a-z]+){0,2}?[- ]?"
                          r"(?:olds?|colleges?|universit(?:y|ies)|degrees?|courses?|sentences?|bonds?|gilts?"
                          r"|mortgages?|fix(?:es|ed)?|terms?|contracts?|visas?|bans?|freezes?|caps?|highs?|lows?"
                          r"|records?|deals?|leases?|licen[cs]es?|guarantees?|warrant(?:y|ies)|averages?)\b",
                          re.IGNORECASE)


def deadline_range(timex: Timex, said_on: date | When | None, text: str | None = None) -> Deadline | None:
    """The range by which a promise using ``timex`` is due, counted from when it was said (``said_on``).

    "before Easter" → said_on … Easter Sunday; "within three months" or "a
    three-month review" → said_on … said_on + 3 months; "by 2029" → … 31 Dec 2029;
    "early 2026" → … 30 April 2026. With ``text`` (where ``timex`` was found), vague
    limits get a date ("within weeks": 8 weeks) and kinds are told from limits ("a
    four-year college" is none). A promise made in a month or a year counts a duration
    from the end of it; with no ``said_on`` only dates that need none ("by 2030") are due.
    """
    made = When.of(said_on) if said_on is not None else None
    if timex.mod in ("MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE"):
        return None  # "more than 30 days in a year" is a threshold, not a time limit
    if timex.type == "DURATION" or timex.value == "FUTURE_REF":
        return _duration_deadline(timex, made, text)
    if timex.type not in ("DATE", "TIME") or timex.value.endswith("_REF"):
        return None
    covered = value_range(timex.value.split("T")[0] if re.match(r"\d{4}-\d{2}-\d{2}T", timex.value) else timex.value)
    if covered is None:
        return None
    first, last = _narrowed(*covered, timex)
    if made is not None and last < made.day:
        return None  # a time already past when it was said is no deadline
    if made is not None and first == last == made.day and re.search(r"\d", timex.text) and not (
            text and _BY_LEAD.search(text[max(0, timex.start - 24) : timex.start])):
        # The day it was said, written as a date: the page's own stamp ("date 2020-02-11 A minister will …")
        # or the day of the announcement ("announced further payments … on 21 May 2024"), not a limit.
        return None
    precision = _precision(timex.value) if (first, last) == covered else _span_precision(first, last)
    return Deadline(timex.text, made.day if made else None, last, precision, timex)


def _duration_deadline(timex: Timex, made: When | None, text: str | None) -> Deadline | None:
    if made is None:
        return None
    value = timex.value
    if text is not None and _NOT_A_LIMIT.match(text, timex.end):
        return None
    if value == "FUTURE_REF" or "X" in value:
        # Vague: a limit only after "within", "in the coming", … ("for weeks" is how long, not by when).
        coming = _COMING.search(timex.text)
        unit = coming.group("u")[0].upper() if coming else value[-1]
        lead = text[max(0, timex.start - 24) : timex.start] if text is not None else ""
        if unit not in VAGUE_LIMITS or not (coming or _LIMIT_LEAD.search(lead)):
            return None
        end = add_duration(made.last, VAGUE_LIMITS[unit])
        return Deadline(timex.text, made.day, end, "vague", timex) if end else None
    if text is not None and not _is_limit(text, timex):
        return None  # "the largest programme for almost 40 years": how long, not by when
    end = add_duration(made.last, value)
    if end is None:
        return None
    return Deadline(timex.text, made.day, end, "duration" if made.precision == "day" else made.precision, timex)


# What makes a span of time a limit: "within six months", "in three years", "over the next decade",
# "it will take around three years", "the inquiry will last two years", "a six-week review".
_SPAN_LEAD = re.compile(r"\b(?:within|in|inside|over|in a matter of"
                        r"|(?:in|over|during|for) the (?:next|coming|following)(?: few)?"
                        r"|take|takes|taking|took|last|lasts|lasting|run for|runs for|running for)"
                        r"(?:\s+(?:about|around|roughly|approximately|some|nearly|almost|up to|at most|no more than"
                        r"|less than|under|just))?(?:\s+\w+\s+(?:to|or))?\s+$", re.IGNORECASE)  # "in 10 to 12 weeks"


# "The biggest change in almost 40 years", "the first time in a decade": a span looking back, not a limit.
_LOOK_BACK = re.compile(r"\b(?:biggest|largest|greatest|highest|lowest|worst|best|most|least|first|fastest|slowest"
                        r"|deepest|longest|sharpest|only|unprecedented)\b[^,.;:]{0,60}\b(?:in|for)\s+$", re.IGNORECASE)


def _is_limit(text: str, timex: Timex) -> bool:
    words = text[timex.start : timex.end]
    lead = text[max(0, timex.start - 80) : timex.start]
    if _LOOK_BACK.search(re.sub(r"(?:about|around|almost|nearly|over|more than|some)\s+$", "", lead)):
        return False
    if "-" in words and not words.endswith("-"):  # "a three-month review", "a six-week audit"
        return True
    if re.match(r"(?:the\s+)?(?:next|coming|following)\b", words, re.IGNORECASE):
        return True  # "the next five years" itself says from now
    return bool(_SPAN_LEAD.search(text, max(0, timex.start - 40), timex.start))


def _narrowed(first: date, last: date, timex: Timex) -> tuple[date, date]:
    """'early 2026' is its first third, 'mid-2025' its middle third; 'the start of next year' its first day."""
    if timex.mod not in ("START", "MID"):
        return first, last
    if timex.mod == "START" and re.search(r"\b(?:start|beginning)\b", timex.text, re.IGNORECASE):
        return first, first
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months >= 3:
        third = months // 3
        begin = first + relativedelta(months=third if timex.mod == "MID" else 0)
        return begin, begin + relativedelta(months=third) - timedelta(days=1)
    third = ((last - first).days + 1) // 3
    begin = first + timedelta(days=third if timex.mod == "MID" else 0)
    return begin, begin + timedelta(days=third - 1)


def _span_precision(first: date, last: date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return "day"
    return "month" if first.year == last.year else "year"


def _precision(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return "day"
    if re.search(r"-W\d", value):
        return "week"
    if "-Q" in value or "-H" in value:
        return "quarter"
    if re.search(r"-(SP|SU|FA|WI)$", value):
        return "season"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "year"


# Conditions: a promise due some time after an event ("within the first year of a Labour
# government", "within 100 days of taking office", "on day one") counts from the event, found in
# ``anchors`` from the first one on or after the day it was made.
_PARTY_WORDS = (r"(?:Labour|Conservative|Tory|Liberal Democrat|Lib Dem|Reform(?: UK)?|Green|SNP|Democratic"
                r"|Republican|GOP)")
_LEADERS = "|".join(sorted({g.leader.split()[-1] for g in anchors.GOVERNMENTS} - {"May"}))
_WHO = rf"(?:{_PARTY_WORDS}|{_LEADERS})"
_OFFICE = r"(?:government|administration|presidency|premiership)"
# What a span of office is counted from: "of a Labour government", "of taking office", "in office".
_ANCHOR = re.compile(
    r"\s+(?:of|after|from|in|into)\s+(?:"
    rf"(?P<this>this|the\s+current|the\s+present)\s+(?:(?P<this_who>{_WHO})\s+)?{_OFFICE}"
    rf"|(?P<article>a|an|the)?\s*(?P<new>(?:(?:new|next|incoming|future|second)\s+)*)(?:(?P<who>{_WHO})\s+)?"
    rf"(?P<office>{_OFFICE})"
    r"|(?:taking|assuming|entering|coming\s+(?:in)?to|winning|returning\s+to)\s+(?:office|power|government"
    r"|the\s+(?:general\s+|next\s+)?election)"
    r"|(?:being|getting)\s+(?:re-?)?elected"
    rf"|(?:his|her|their|its|our|my)\s+(?:(?:new|second)\s+)?(?:(?P<own_office>{_OFFICE})|term|election)"
    r"|office|power|government)\b",
    re.IGNORECASE,
)
# The span itself: "within the first year", "in our first 100 days", "by the end of its first term".
_SPAN = re.compile(
    r"\b(?:within|in|during|over|by\s+the\s+end\s+of)\s+(?:(?P<own>its|our|their|his|her|my)\s+|the\s+|a\s+)?"
    rf"(?P<first>first\s+)?(?:(?P<n>{_NUMBER})[\s-]+)?(?P<u>day|week|month|year|term)s?\b",
    re.IGNORECASE,
)
_DAY_ONE = re.compile(r"\b(?:on|from)\s+(?:day\s+(?:one|1)\b|(?P<own>the|its|our|their|his|her|my)\s+(?:very\s+)?"
                      r"first\s+day\b)", re.IGNORECASE)
_ELECTION = re.compile(r"\b(?P<rel>before|after|by)\s+the\s+(?:(?:next|coming|general|presidential)\s+)*election\b"
                       r"(?!\s+(?:results?|outcomes?|campaigns?|manifestos?|count|night|debates?)\b)", re.IGNORECASE)
_NEXT_PARLIAMENT = re.compile(r"\b(?:by\s+the\s+end\s+of|in|during|within)\s+the\s+next\s+parliament\b", re.IGNORECASE)
# A whole promise made for when its maker is in office: "A Labour government would …", "if elected".
_IF_IN_OFFICE = re.compile(
    rf"\b(?:(?:a|an)\s+(?:(?:new|future|incoming)\s+)*(?P<who>{_WHO})\s+(?P<office>government|administration)"
    r"\s+(?:would|will|'d)\b"
    rf"|under\s+(?:a|an)\s+(?:(?:new|future)\s+)*(?P<under>{_WHO})\s+(?:government|administration)\b"
    r"|if\s+(?:(?:we|they|he|she|I)\s+(?:are|is|am|were|was|get|gets)\s+)?(?:re-?)?elected\b"
    rf"|if\s+(?:we|they|he|she|I|(?P<wins>{_WHO}))\s+wins?\s+(?:the\s+)?(?:(?:next|general)\s+)*(?:election|power)\b"
    r"|once\s+(?:in\s+(?:office|power|government)|elected)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Condition:
    """Condition words found in a promise, and what they wait for."""

    start: int
    end: int
    words: str
    kind: str  # office, before election, by election, after election, next parliament
    duration: str | None = None  # "P1Y", "P0D" (day one), "TERM"; None for no span
    inclusive: bool = False  # "the first year of": the day office is taken is its first day
    who: str | None = None  # a party or a leader's surname
    office: str | None = None
    current: bool = False  # "this government": already in office
    new: bool = False  # "a new government": not the same one carrying on


def _conditions(text: str, start: int, end: int) -> list[_Condition]:
    """Condition words within ``text[start:end]``, in text order."""
    found: list[_Condition] = []
    for span in _SPAN.finditer(text, start, end):
        anchor = _ANCHOR.match(text, span.end(), end)
        if anchor is None and not (span.group("own") and span.group("first")):
            continue  # "within three months" counts from when it was said
        unit = span.group("u").lower()
        count = word_number(span.group("n")) if span.group("n") else 1
        if count is None:
            continue
        duration = "TERM" if unit == "term" else _duration(count, unit)
        found.append(_office_condition(text, span.start(), anchor.end() if anchor else span.end(), anchor, duration,
                                       inclusive=bool(span.group("first"))))
    for day_one in _DAY_ONE.finditer(text, start, end):
        anchor = _ANCHOR.match(text, day_one.end(), end)
        bare = day_one.group("own") in (None, "its", "our", "their", "his", "her", "my")
        if anchor is None and (not bare or re.match(r"\s+of\b", text[day_one.end() : end])):
            continue  # "on the first day of the month", "from day one of the scheme"
        found.append(_office_condition(text, day_one.start(), anchor.end() if anchor else day_one.end(), anchor,
                                       "P0D", inclusive=False))
    for election in _ELECTION.finditer(text, start, end):
        found.append(_Condition(election.start(), election.end(), election.group(),
                                f"{election.group('rel').lower()} election",
                                office="presidency" if "presidential" in election.group().lower() else None))
    for parliament in _NEXT_PARLIAMENT.finditer(text, start, end):
        found.append(_Condition(parliament.start(), parliament.end(), parliament.group(), "next parliament"))
    found.sort(key=lambda c: c.start)
    return [c for n, c in enumerate(found) if not any(o.start < c.end and c.start < o.end for o in found[:n])]


def _office_condition(text: str, start: int, end: int, anchor: re.Match[str] | None, duration: str,
                      inclusive: bool) -> _Condition:
    if anchor is None:
        return _Condition(start, end, text[start:end], "office", duration, inclusive)
    adjectives = (anchor.group("new") or "").lower()
    who = anchor.group("this_who") or anchor.group("who")
    # "this government", or "the government" with nothing to make it a future one: the one in office.
    current = bool(anchor.group("this")) or (
        (anchor.group("article") or "").lower() == "the" and not adjectives.strip() and not who)
    office = (anchor.group("office") or anchor.group("own_office") or "").lower() or None
    return _Condition(start, end, text[start:end], "office", duration, inclusive, who=who, office=office,
                      current=current, new="new" in adjectives)


def _country(condition: _Condition, text: str) -> anchors.Country | None:
    if condition.who:
        party = anchors.party_of(condition.who)
        if party is not None:
            return anchors.country_of_party(party)
        leader = anchors.leader_named(condition.who)
        if leader is not None:
            return leader.country
    if condition.office in ("administration", "presidency"):
        return "US"
    if condition.office == "premiership":
        return "UK"
    return anchors.country_of(text)


def _event(condition: _Condition, made: When | None, text: str) -> date | None:
    """The day a condition was met: office taken, or the election, on or after the promise."""
    if made is None:
        return None
    country = _country(condition, text)
    if country is None:
        return None
    if condition.kind.endswith("election"):
        if condition.kind == "before election" and country == "UK":
            return anchors.latest_next_election(made.day)
        return anchors.next_election(made.day, country)
    if condition.current:
        government = anchors.current_government(made.day, country)
    else:
        party = anchors.party_of(condition.who) if condition.who else None
        leader = condition.who if condition.who and party is None else None
        government = anchors.next_government(made.day, country, party=party, leader=leader, new=condition.new)
    return government.took_office if government is not None else None


def _conditional_deadline(condition: _Condition, made: When | None, text: str) -> Deadline | None:
    """A deadline counted from the event a condition names; without that event's date, one with no end."""
    words = condition.words
    timex = Timex(words, condition.start, condition.end, "DURATION" if condition.duration else "DATE",
                  condition.duration or "FUTURE_REF")
    begun = made.day if made else None
    if condition.kind == "next parliament":
        parliament = anchors.next_parliament(made.day) if made else None
        if parliament is None:
            return Deadline(words, begun, None, "conditional", timex, words)
        return Deadline(words, begun, parliament.last_day, "day", timex, words)
    event = _event(condition, made, text)
    if event is None:
        return Deadline(words, begun, None, "conditional", timex, words)
    if condition.kind in ("before election", "by election"):
        polling_eve = event - timedelta(days=1 if condition.kind == "before election" else 0)
        return Deadline(words, begun, polling_eve, "day", timex, words) if not begun or polling_eve >= begun else None
    if condition.kind == "after election" or condition.duration is None:
        return Deadline(words, event, None, "after", timex, words)
    end = _office_end(condition, event, _country(condition, text))
    if end is None:
        return Deadline(words, event, None, "conditional", timex, words)
    if made is not None and end < made.day:
        return None  # "in the first year of the government", said in its third: no deadline
    return Deadline(words, event, end, "day", timex, words)


def _office_end(condition: _Condition, took_office: date, country: anchors.Country | None) -> date | None:
    if condition.duration == "TERM":
        if country == "US":
            four_years: date = took_office + relativedelta(years=4)
            return four_years - timedelta(days=1)
        parliament = anchors.parliament_sitting(took_office)
        return parliament.last_day if parliament is not None else None
    later = add_duration(took_office, condition.duration or "P0D")
    if later is None:
        return None
    return later - timedelta(days=1) if condition.inclusive else later


def find_deadline(text: str, sentence: tuple[int, int], action: tuple[int, int], made: date | When | None,
                  timexes: Sequence[Timex] | None = None, reference: date | When | None = None,
                  announced: Sequence[tuple[int, int]] | None = None) -> Deadline | None:
    """The deadline of a promised action ``text[action]``, counted from ``made`` (see ``made_on``).

    The first expression in the action that sets one: a condition ("within the first year of a
    Labour government", "on day one", "before the next election") or a time expression, resolved
    against when the promise was made. A sentence that makes the whole promise conditional ("A
    Labour government would …", "if elected") counts a span from the event it waits for, and
    marks a dated deadline with the condition. ``reference`` is the text's date: ``timexes``
    found against it are used when the promise was made then (the usual case), and a promise made
    in a period holding it ("this year") counts from it, not from the period's end.

    >>> text = "A Labour government would set up the company within its first year."
    >>> find_deadline(text, (0, len(text)), (26, len(text) - 1), date(2022, 9, 27)).end
    datetime.date(2025, 7, 4)
    """
    start, end = action
    if made is not None and reference is not None:
        made, dated = When.of(made), When.of(reference)
        if made.day <= dated.day and dated.last <= made.last:
            made = dated  # made "this year", or "in March" in a text of 20 March: no later than the text
    conditions = _conditions(text, start, end)
    same = timexes is not None and reference is not None and made is not None and When.of(reference) == When.of(made)
    if timexes is None or not same:
        timexes = find_timexes(text, made, start, min(len(text), end + 40))
    timexes = [t for t in timexes if start <= t.start < end and not any(c.start <= t.start < c.end for c in conditions)
               and not _made_in_action(text, action, t, announced)  # "announced the plan in April": when
               and not _THROUGHOUT.search(text, max(0, t.start - 40), t.start)
               and not _in_past_aside(text, sentence, t)]
    found: Deadline | None = None
    for _, item in sorted([(c.start, c) for c in conditions] + [(t.start, t) for t in timexes],
                          key=lambda pair: pair[0]):
        found = (_conditional_deadline(item, When.of(made) if made else None, text) if isinstance(item, _Condition)
                 else deadline_range(item, made, text))
        if found is not None:
            break
    if found is None and (fronted := _FRONTED_LIMIT.match(text, sentence[0], start)) is not None:
        # "Within the first 100 days of a Labour government, we will publish …", "By 2030, we will …": the
        # limit put before the clause it governs.
        return find_deadline(text, sentence, (fronted.start(), fronted.end()), made, None, reference, announced)
    if found is None and _BY_THEN.search(text, start, end):
        found = _earlier_date(text, sentence, start, made)
    if found is None or found.condition is not None:
        return found
    cue = _IF_IN_OFFICE.search(text, sentence[0], sentence[1])
    if cue is None:
        return found
    words = re.sub(r"\s+(?:would|will|'d)$", "", cue.group(), flags=re.IGNORECASE)
    whole = _Condition(cue.start(), cue.end(), words, "office",
                       who=cue.group("who") or cue.group("under") or cue.group("wins"), office=cue.group("office"))
    if found.timex.type != "DURATION" and found.timex.value != "FUTURE_REF":
        return replace(found, condition=whole.words)  # "by 2030" stays 2030
    event = _event(whole, When.of(made) if made else None, text)
    if event is None or made is None or found.end is None:
        return replace(found, end=None, precision="conditional", condition=whole.words)
    # The same span, counted from taking office: "within two years" of it, "within weeks" of it.
    later = add_duration(event, found.timex.value) or event + (found.end - When.of(made).last)
    return replace(found, start=event, end=later, precision="day", condition=whole.words)


# A limit that opens a sentence, before a comma ("Within the first 100 days of a Labour government, …", "By
# 2030, …"). Not "In January, …" or "On Monday, …": those say when something was said or done.
_FRONTED_LIMIT = re.compile(
    r"\s*[‘'\"“]?(?:within|by|before|no later than|over the next|in the next|on day one|from day one)\b"
    r"[^,.;:]{0,80}(?=,)", re.IGNORECASE)
# A period the action lasts, not a limit: "freeze fares for the whole of this Parliament", "throughout 2026".
_THROUGHOUT = re.compile(r"\b(?:for (?:the )?(?:whole|rest|duration|length|remainder|life) of|throughout)\s+$",
                         re.IGNORECASE)
# Words that make the date after them a limit ("by 21 May", "no later than 3 June").
_BY_LEAD = re.compile(r"\b(?:by|before|until|till|no later than|deadline of|due on)\s+(?:the\s+)?$", re.IGNORECASE)
# A deadline named earlier in the sentence and pointed back to: "some claims will be paid in 2025, but not
# all will be completed by then".
_BY_THEN = re.compile(r"\b(?:by|until|before)\s+(?:then|that (?:time|point|date|stage))\b", re.IGNORECASE)


def _earlier_date(text: str, sentence: tuple[int, int], start: int, made: date | When | None) -> Deadline | None:
    """The deadline of the last date in the sentence before ``start``, for an action due "by then"."""
    earlier = [t for t in find_timexes(text, made, sentence[0], start) if t.end <= start and t.type == "DATE"]
    return deadline_range(earlier[-1], made, text) if earlier else None


# When a promise was made: a time after these words is not ("since 2019", "until March", "by June").
_NOT_WHEN_LEAD = re.compile(r"\b(?:since|until|till|by|before|after|from|to|through|for|between|within|of|than)"
                            r"\s+(?:the\s+)?$", re.IGNORECASE)
# Words that open a clause of their own: a time inside it belongs to that clause, not the promise.
_OWN_CLAUSE = re.compile(r"\b(?:who|which|whose|whom|that|when|while|whereas|although|though|because|since|after"
                         r"|before|until|unless|if|where)\b", re.IGNORECASE)
# Between a time and the promise, words that start another clause ("Cases rose in 2019, and she promised …").
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:and|but|while|whereas|although|though|because|which|who|whose|where|when)\b",
                           re.IGNORECASE)
_OPENS_WORDS = re.compile(r"\b(said|says|told|added|wrote)((?:\s+(?:MPs|reporters|the \w+))?)\s*:\s*[‘'\"“]",
                          re.IGNORECASE)
# ", published on 3 March,": a participle phrase describing something else.
_PARTICIPLE = re.compile(r"\s*(?:[a-z]+ed|made|set|written|given|taken|held|brought|built|sent|seen|known|drawn"
                         r"|shown|begun|won)\b", re.IGNORECASE)
_ASIDE = re.compile(r",\s*(?:who|which|whose)\b[^,]*,", re.IGNORECASE)
_TO_COME = re.compile(r"\b(?:will|would|shall|is to|are to|is due|are due)\b|['’]ll\b", re.IGNORECASE)


def _in_past_aside(text: str, sentence: tuple[int, int], timex: Timex) -> bool:
    """Whether a time sits in an aside about the past: "The review, which the Home Secretary ordered in
    January, will report within six months" is due in six months, not in January."""
    return any(aside.start() < timex.start < aside.end() and not _TO_COME.search(aside.group())
               for aside in _ASIDE.finditer(text, sentence[0], sentence[1]))


# After the promise, a time is when it was made only with a reporting verb: "…, she said in April".
_REPORTED = re.compile(r"\b(?:said|says|told|announced|promised|pledged|vowed|confirmed|wrote|added|insisted|stated"
                       r"|declared|committed|agreed|undertook|guaranteed|revealed|unveiled|asked|ordered"
                       r"|commissioned)\b", re.IGNORECASE)
_ELECTION_NAMED = re.compile(rf"\s+(?:(?:{_PARTY_WORDS}|general|presidential|election|party)\s+)*"
                             r"(?:election|manifesto|platform)\b", re.IGNORECASE)
_MANIFESTO_FOR = re.compile(r"\b(?:manifesto|platform)\s+(?:for|at|in|of)\s+the\s+$", re.IGNORECASE)


def made_on(text: str, sentence: tuple[int, int], action: tuple[int, int] | None, reference: date | When | None,
            timexes: Sequence[Timex] | None = None, announced: Sequence[tuple[int, int]] | None = None) -> When | None:
    """When the commitment in ``text[sentence]`` was made: the time its own words give, else ``reference``.

    The time must govern the verb that makes or reports the promise ("In January, she asked …",
    "Johnson promised in 2019 to …", "last month the minister vowed", "…, she said in April"), not
    sit inside the promised action ``text[action]`` (a deadline: "promised in March to publish it
    by June" was made in March), in another clause, or after ``reference`` (the date of the text);
    a month or weekday without a year is the latest one not after it (one a few days or weeks after
    it is taken for a sign the reference is stale, and left). "The 2019 manifesto" and
    "at the 2019 election" are that election's day. ``timexes`` are the text's, found against
    ``reference`` (found again in the sentence when not given). No reference, no date.

    >>> text = "In January, the department asked her to lead a six-week review."
    >>> str(made_on(text, (0, len(text)), (40, 63), date(2025, 6, 16)))
    '2025-01'
    """
    if reference is None:
        return None
    said = When.of(reference)
    first, last = sentence
    if timexes is None:
        timexes = find_timexes(text, said, first, last)
    best: tuple[int, When] | None = None
    for timex in timexes:
        if not first <= timex.start < last or timex.type not in ("DATE", "TIME") or timex.value.endswith("_REF"):
            continue
        inside = action is not None and action[0] <= timex.start < action[1]
        if inside and not _made_in_action(text, action, timex, announced):  # type: ignore[arg-type]
            continue  # inside the promised action: a deadline
        election = _election_named(text, timex)
        if election is None and not _governs(text, sentence, timex):
            continue
        if action is not None and not inside and not _reaches(text, action, timex):
            continue
        when = When(election) if election is not None else _past_reading(timex, said)
        if when is None or when.day > said.last:
            continue
        distance = abs(action[0] - timex.end) if action is not None and timex.end <= action[0] else \
            1000 + abs(timex.start - (action[1] if action is not None else last))
        if best is None or distance < best[0]:
            best = (distance, when)
    if best is None:
        election = _before_election(text, first, action[0] if action is not None else last, said)
        if election is not None:
            return When(election)
    return best[1] if best is not None else said


# An action that is itself a past announcement ("announced the plan in April, calling it …"): its own
# time, before any "to", "that" or "would", is when the promise was made, not a deadline. The past
# verbs, as words (commitments reads them off the parse) and as the pattern that opens such an action.
ANNOUNCED_VERBS = frozenset(
    "announced unveiled launched published set pledged promised vowed committed confirmed revealed introduced"
    .split())
_ANNOUNCED_ACTION = re.compile(
    "(?:" + "|".join("set out" if verb == "set" else verb for verb in sorted(ANNOUNCED_VERBS)) + r")\b", re.IGNORECASE)
_AFTER_THE_ANNOUNCING = re.compile(r"\b(?:to|that|would|will|by|until|before|within|from|for|and|but)\b",
                                   re.IGNORECASE)
_DEADLINE_LEAD = re.compile(r"(?:by|until|before|within|from|for|no later than|next|later|the (?:end|start))\b",
                            re.IGNORECASE)


def _made_in_action(text: str, action: tuple[int, int], timex: Timex,
                    announced: Sequence[tuple[int, int]] | None = None) -> bool:
    """Whether a time inside the action dates its announcing verb: "announced the scheme on 14 April".

    ``announced``, when the caller has the parse, are the spans of the times that modify the verb
    itself ("announced payments to living beneficiaries on 21 May": "to" is no infinitive there);
    without it the words between the verb and the time decide.
    """
    if announced is not None:
        return (timex.start, timex.end) in announced
    return bool(_ANNOUNCED_ACTION.match(text, action[0])) \
        and not _AFTER_THE_ANNOUNCING.search(text, action[0], timex.start) \
        and not _DEADLINE_LEAD.match(text, timex.start)


# "Before the election, Labour had vowed …": a promise made during a campaign that a later text reports.
_BEFORE_ELECTION = re.compile(
    r"\b(?:before|ahead of|in the run-up to|during) the (?:last |recent |\d{4} )?(?:general |presidential )?"
    r"(?:election|campaign)\b|\b(?:during|on) the (?:election )?campaign(?: trail)?\b", re.IGNORECASE)


def _before_election(text: str, start: int, end: int, said: When) -> date | None:
    """The eve of the last election before ``said`` when ``text[start:end]`` dates the promise to its campaign."""
    if not _BEFORE_ELECTION.search(text, start, end):
        return None
    country = anchors.country_of(text)
    lists = {"UK": anchors.UK_GENERAL_ELECTIONS, "US": anchors.US_PRESIDENTIAL_ELECTIONS}
    held = [d for name, days in lists.items() if country in (None, name) for d in days if d <= said.last]
    return max(held) - timedelta(days=1) if held else None


def _governs(text: str, sentence: tuple[int, int], timex: Timex) -> bool:
    """Whether a time can be the main clause's: not "since 2019", not in a relative or subordinate clause."""
    first = sentence[0]
    if _NOT_WHEN_LEAD.search(text[max(first, timex.start - 12) : timex.start]):
        return False
    clause_start = max([first] + [text.rfind(mark, first, timex.start) + 1 for mark in ",;:(—–"])
    clause = text[clause_start : timex.start]
    if _OWN_CLAUSE.search(clause):
        return False
    # ", published on 3 March, the plan …": a participle phrase about something else, closed by a comma;
    # not "The Education Secretary, Anna Price, announced on Monday that …", the sentence's own verb.
    return not (clause_start > first and text[clause_start - 1] == "," and _PARTICIPLE.match(clause)
                and _closed(text, timex))


def _closed(text: str, timex: Timex) -> bool:
    """Whether a comma (or the text's end) closes the phrase right after a time ("published on 3 March, …")."""
    words = text[timex.start : timex.end].rstrip()
    return words.endswith(",") or text[timex.end : timex.end + 2].lstrip(" ")[:1] in (",", "")


def _reaches(text: str, action: tuple[int, int], timex: Timex) -> bool:
    """Whether nothing but the promise's own clause lies between a time and the promised action."""
    if timex.end <= action[0]:
        # "On Thursday the minister said: 'We will …'": the colon opens her words, not another clause.
        between = _OPENS_WORDS.sub(r"\1\2 ", _ASIDE.sub(",", text[timex.end : action[0]]))
        return not _CLAUSE_BREAK.search(between)
    between = _ASIDE.sub(",", text[action[1] : timex.start])
    return bool(_REPORTED.search(between)) and not _CLAUSE_BREAK.search(between)


def _past_reading(timex: Timex, said: When) -> When | None:
    """The time a past expression names, read back from the reference: "in March" said in February is last March."""
    value = timex.value.split("T")[0] if re.match(r"\d{4}-\d{2}-\d{2}T", timex.value) else timex.value
    covered = value_range(value)
    if covered is None:
        return None
    first, last = covered
    if first > said.last:
        if re.search(r"\d{4}|\b(?:next|coming|tomorrow|later)\b", timex.text, re.IGNORECASE):
            return None  # a time to come: a deadline, not when it was made
        if first == last and re.search(_WEEKDAY, timex.text, re.IGNORECASE):
            first, last = first - timedelta(days=7), last - timedelta(days=7)
        elif (first - said.last).days <= 31:
            # "On October 28, she announced …" on a page dated 24 October: the page's date is more likely
            # stale than the words a year old. Trust neither.
            return None
        else:
            first, last = first - relativedelta(years=1), last - relativedelta(years=1)
        if first > said.last:
            return None
    return When.covering(first, last)


def _election_named(text: str, timex: Timex) -> date | None:
    """The polling day of "the 2019 election", "Labour's 2024 manifesto", "the manifesto for the 2019 election"."""
    if not re.fullmatch(r"\d{4}", timex.value):
        return None
    after = _ELECTION_NAMED.match(text, timex.end)
    if after is None and not _MANIFESTO_FOR.search(text[max(0, timex.start - 30) : timex.start]):
        return None
    year = int(timex.value)
    words = (after.group() if after else "").lower()
    uk = [] if "presidential" in words or "platform" in words else \
        [d for d in anchors.UK_GENERAL_ELECTIONS if d.year == year]
    us = [d for d in anchors.US_PRESIDENTIAL_ELECTIONS if d.year == year]
    if uk and us:
        country = anchors.country_of(text)
        return uk[0] if country == "UK" else us[0] if country == "US" else None
    return next(iter(uk or us), None)
