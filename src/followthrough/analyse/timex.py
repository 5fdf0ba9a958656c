"""Time expressions, normalised against when the words were said.

``find_timexes(text, reference)`` finds dates, times, durations and sets in
English news copy and gives each a TIMEX3-style value ("2025-04-20", "P3Y",
"2025-W03", "2025-SP", "PRESENT_REF"). Relative expressions ("yesterday",
"last week", "on Friday", "next spring", "before Easter") resolve against
``reference``, the time the words were published or said — never the clock.
``deadline_range`` turns one into the date range a promise is due by.

Rule-based on purpose: every value can be traced to the rule that made it, and
the rules are the conventions of the genre (British and American dates, the
financial quarter, the parliamentary term), not one corpus.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

# UK parliaments: (first sitting, latest possible end). "This parliament" in a
# pledge means by the end of the one sitting when it was made.
PARLIAMENTS = (
    (date(2017, 6, 13), date(2019, 11, 6)),
    (date(2019, 12, 17), date(2024, 5, 30)),
    (date(2024, 7, 9), date(2029, 8, 15)),
)

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
           r"|a hundred|a half|a couple of|a few|half an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
           r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|several|many|some|an?)")
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_PART = r"(?:morning|afternoon|evening|night)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_APPROX = r"(?:around|about|roughly|approximately|some|nearly|almost|up to|more than|less than|at least|over)"

# Words that make a bare weekday or month point forward ("will meet on Friday").
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|intends? to|expected to|scheduled|due to|is to|are to"
    r"|next|coming|upcoming)\b",
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
    for first, last in PARLIAMENTS:
        if first <= reference <= last:
            return last
    return None


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
    year = int(m.group("y")) if m.group("y") else _nearest_year(month, None, ref, _future(text, m.start()))
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


@_rule(rf"\b(?:(?P<rel>last|next|this|the coming|the)\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b")
def _season(m: re.Match[str], ref: date, text: str) -> Found | None:
    rel = (m.group("rel") or "").lower()
    if not rel and not m.group("y"):
        before = text[max(0, m.start() - 8) : m.start()].lower()
        if not re.search(r"\b(?:in|by|until|this|over)\s+$", before):
            return None  # "summer" as a noun, not a time
    season = SEASONS[m.group("s").lower()]
    if m.group("y"):
        year = int(m.group("y"))
    elif rel == "last":
        year = ref.year - 1 if _season_index(season) >= _season_index(_season_of(ref)) else ref.year
    elif rel in ("next", "the coming"):
        year = ref.year + 1 if _season_index(season) <= _season_index(_season_of(ref)) else ref.year
    else:
        year = ref.year
        if _future(text, m.start()) and _season_index(season) < _season_index(_season_of(ref)):
            year += 1
    return "DATE", f"{year:04d}-{season}", None


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


@_rule(rf"\b(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?P<w>this year|the year|next year|last year|{_YEAR}"
       r"|this month|the month|next month|the decade|this decade|the parliament|this parliament)\b")
def _end_of(m: re.Match[str], ref: date, text: str) -> Found | None:
    what = m.group("w").lower()
    if what.isdigit():
        return "DATE", what, "END"
    if "parliament" in what:
        end = _parliament_end(ref)
        return ("DATE", end.isoformat(), "ON_OR_BEFORE") if end else None
    if "month" in what:
        day = ref + relativedelta(months=1 if what.startswith("next") else 0)
        return "DATE", f"{day.year:04d}-{day.month:02d}", "END"
    if "decade" in what:
        return "DATE", f"{ref.year // 10}X", "END"
    return "DATE", str(ref.year + {"next year": 1, "last year": -1}.get(what, 0)), "END"


@_rule(r"\b(?:this|the current|the next|the last|the previous)\s+parliament\b")
def _parliament(m: re.Match[str], ref: date, text: str) -> Found | None:
    if not m.group().lower().startswith(("this", "the current")):
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
    if ctx == "in" and m.group("n").lower() in ("a", "an") and re.search(
        r"\b\d+\s+[a-z]+\s*$", text[max(0, m.start() - 25) : m.start()].lower()
    ):
        return "SET", _duration(1, unit), None  # "30 days in a year": a rate, not a time limit
    return "DURATION", _duration(count, unit), _APPROX_MODS.get((m.group("approx") or "").lower())


@_rule(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<pre>for|over|in|recent|the past|the last)?\s*"
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


@_rule(r"\b(?:the future|in future|in the coming (?:days|weeks|months|years)|future)\b")
def _future_ref(m: re.Match[str], ref: date, text: str) -> Found | None:
    word = m.group().lower()
    before = text[max(0, m.start() - 9) : m.start()].lower()
    if word == "future" and not re.search(r"\b(?:the|in|near|for)\s+$", before):
        return None
    return "DATE", "FUTURE_REF", None


@_rule(r"\b(?:the\s+)?(?P<y>1[5-9]\d|20\d)0s\b|\b'(?P<s>\d)0s\b")
def _decade(m: re.Match[str], ref: date, text: str) -> Found | None:
    if m.group("y"):
        return "DATE", f"{m.group('y')}X", None
    return "DATE", f"19{m.group('s')}X", None


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


def find_timexes(text: str, reference: date) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``reference``, in text order.

    >>> [t.value for t in find_timexes("She will publish it before Easter.", date(2025, 1, 16))]
    ['2025-04-20']
    """
    candidates: list[tuple[int, int, str, str, str | None]] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            if match.end() == match.start():
                continue
            found = rule.normalise(match, reference, text)
            if found is None:
                continue
            kind, value, mod = found
            start, end = match.start(), match.end()
            # Trim leading prepositions a rule allowed for context ("in 2009" → "2009").
            lead = re.match(r"(?i)(?:on|in|for|over|within|by|since|until|till|before|after|during|from|of"
                            r"|through|to)\s+", text[start:end])
            if lead and kind != "DURATION" or (lead and kind == "DURATION" and lead.group().strip().lower() in
                                                ("in", "for", "over", "within", "after", "by", "of", "to")):
                start += lead.end()
            candidates.append((start, end, kind, value, mod))
    # Longest match wins; ties go to the earlier rule.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[Timex] = []
    for start, end, kind, value, mod in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(Timex(text[start:end], start, end, kind, value, mod))
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
    """When something is due: the words, the date range, and how precise it is."""

    text: str
    start: date
    end: date
    precision: str  # day, week, month, quarter, season, year, duration, term
    timex: Timex


def deadline_range(timex: Timex, said_on: date) -> Deadline | None:
    """The range by which a promise using ``timex`` is due, counted from when it was said.

    "before Easter" → said_on … Easter Sunday; "within three months" or "a
    three-month review" → said_on … said_on + 3 months; "by 2029" → … 31 Dec 2029.
    """
    if timex.mod in ("MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE"):
        return None  # "more than 30 days in a year" is a threshold, not a time limit
    if timex.type == "DURATION":
        end = add_duration(said_on, timex.value)
        return Deadline(timex.text, said_on, end, "duration", timex) if end else None
    if timex.type not in ("DATE", "TIME") or timex.value.endswith("_REF"):
        return None
    covered = value_range(timex.value.split("T")[0] if re.match(r"\d{4}-\d{2}-\d{2}T", timex.value) else timex.value)
    if covered is None:
        return None
    first, last = covered
    if last < said_on:
        return None  # a time already past when it was said is no deadline
    precision = _precision(timex.value)
    return Deadline(timex.text, said_on, last, precision, timex)


def _precision(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return "day"
    if "-W" in value:
        return "week"
    if "-Q" in value or "-H" in value:
        return "quarter"
    if re.search(r"-(SP|SU|FA|WI)$", value):
        return "season"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "year"
