"""Split aggregator pages into the articles they hold.

News aggregators print a lead article followed by a "Related Articles" list in
which each entry repeats a house pattern::

    Rhyl Journal            <- outlet
    23 minutes ago          <- age, relative to when the page was made
    - Rhyl Journal          <- outlet again (a byline link; sometimes absent)
    Headline
    Body ...

Each entry becomes its own document with its own outlet, title and time. Site
furniture around the list (calls to action, comment widgets, the list's own
heading) belongs to no article and is trimmed from the edges of every part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import is_relative_age

# Standalone lines that are page chrome, not article text. Matched against a
# whole stripped line, case-insensitively.
FURNITURE = re.compile(
    r"^(?:"
    r"try our ai features|explore what .{1,60} can do for you:?"
    r"|comments?(?: \(\d+\))?|no comments yet\.*|be the first to comment\.*|show comments|load more comments"
    r"|related (?:articles|stories|content|news|posts)|more (?:stories|articles|news)(?: from .{1,40})?"
    r"|you (?:may|might) also like|recommended(?: for you)?|most read|read more|read next|trending"
    r"|advertisement|sponsored(?: content)?|share(?: this (?:article|story))?|sign up|subscribe"
    r")$",
    re.IGNORECASE,
)
# An outlet line: a short name, not a sentence.
_MAX_OUTLET_CHARS = 60
_BYLINE_REPEAT = re.compile(r"^[-–—•·]\s*(?P<name>.+)$")


@dataclass(frozen=True, slots=True)
class Part:
    """One article found in a page: where it lies in the page text, and what the list said of it."""

    start: int
    end: int
    title: str | None = None
    outlet: str | None = None
    age: str | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(raw.strip(), offset + lead, offset + len(raw.rstrip())))
        offset += len(raw) + 1
    return lines


def _looks_like_outlet(line: str) -> bool:
    return (
        0 < len(line) <= _MAX_OUTLET_CHARS
        and not line.endswith((".", ":", "?", "!", ","))
        and not FURNITURE.match(line)
        and not is_relative_age(line)
    )


def _entry_at(lines: list[_Line], i: int) -> tuple[str, str, int] | None:
    """If an entry header starts at line ``i``, return (outlet, age, index of headline)."""
    if i + 2 >= len(lines):
        return None
    outlet, age = lines[i].text, lines[i + 1].text
    if not (_looks_like_outlet(outlet) and is_relative_age(age)):
        return None
    headline = i + 2
    repeat = _BYLINE_REPEAT.match(lines[headline].text)
    if repeat and repeat.group("name").strip().casefold() == outlet.casefold():
        headline += 1
    if headline >= len(lines):
        return None
    return outlet, age, headline


def _trimmed(lines: list[_Line]) -> list[_Line]:
    first, last = 0, len(lines)
    while first < last and FURNITURE.match(lines[first].text):
        first += 1
    while last > first and FURNITURE.match(lines[last - 1].text):
        last -= 1
    return lines[first:last]


def split_digest(text: str) -> list[Part]:
    """Find the articles in a page's text; a page that is not a digest gives one part.

    The first part is the lead article (it may be absent when the page is only a
    list); the rest carry the outlet, age and headline their entry printed.
    """
    lines = _lines(text)
    entries: list[tuple[int, str, str, int]] = []
    i = 0
    while i < len(lines):
        found = _entry_at(lines, i)
        if found:
            outlet, age, headline = found
            entries.append((i, outlet, age, headline))
            i = headline + 1
        else:
            i += 1
    if not entries:
        kept = _trimmed(lines)
        return [Part(kept[0].start, kept[-1].end)] if kept else []

    parts: list[Part] = []
    lead = _trimmed(lines[: entries[0][0]])
    if lead:
        parts.append(Part(lead[0].start, lead[-1].end))
    for n, (_, outlet, age, headline) in enumerate(entries):
        stop = entries[n + 1][0] if n + 1 < len(entries) else len(lines)
        body = _trimmed(lines[headline:stop])
        if body:
            parts.append(Part(body[0].start, body[-1].end, title=lines[headline].text, outlet=outlet, age=age))
    return parts
