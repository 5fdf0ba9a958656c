"""Numbered recommendations in a report: "Recommendation 1: …", "R2 …", or a numbered list under a heading.

Each keeps its number, its words (as a span) and its addressee where the text
names one ("The Department … should", "Water companies should").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Recommendation 3:", "Recommendation 3 –", "R3.", and "3." lines once a
# "Recommendations" heading has been seen.
_LABELLED = re.compile(r"^(?:Recommendation\s+(?P<a>\d{1,3})|R(?P<b>\d{1,3}))\b\s*[:.\-–—)]?\s*", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?P<c>\d{1,3})[.)]\s+")
_HEADING = re.compile(r"^(?:summary of |our |key )?recommendations:?$", re.IGNORECASE)
_ADDRESSEE = re.compile(r"^(?P<who>[A-Z][^.;:]{2,90}?)\s+(?:should|must|ought to|is asked to|needs to|will need to)\b")


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One numbered recommendation: its number, span and addressee."""

    number: int
    start: int
    end: int
    addressee: str | None


def find_recommendations(text: str) -> list[Recommendation]:
    """Numbered recommendations in a report's text, in order."""
    found: list[Recommendation] = []
    under_heading = False
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        start = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        if _HEADING.match(stripped):
            under_heading = True
            continue
        match = _LABELLED.match(stripped) or (_NUMBERED.match(stripped) if under_heading else None)
        if not match or len(stripped) <= match.end() + 10:
            continue
        number = int(next(g for g in match.groups() if g))
        body = stripped[match.end():]
        addressee = _ADDRESSEE.match(body)
        who = re.sub(r"^(?:the|The)\s+", "", addressee.group("who")) if addressee else None
        found.append(Recommendation(number, start + match.end(), start + len(stripped), who))
    return found
