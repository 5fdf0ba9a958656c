"""Transcripts: debates, committee hearings, interviews — speeches under their speakers' names.

Hansard prints each speech under a line naming the speaker: "Mr Graham Oduya
(Harbury) (Con)", "The Secretary of State for Transport (Helen Marsh)", later
just "Helen Marsh"; other transcripts put the name before a colon on the same
line ("Ms Marsh: We will …"). Everything up to the next speaker's line is that
person's speech, in their own words, with no quotation marks.

A line counts as a speaker's only when it is unmistakable (an honorific, a
seat or party in brackets, an office with the holder's name in brackets, the
chair), or when it repeats the name of such a speaker; and a document is read
as a transcript only when it holds at least two unmistakable turns (or one
mirror's portrait caption with its links, which no news article prints), so a
byline or a one-line caption in a news article is never taken for a speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .affiliations import HONORIFIC_PATTERN, normalise_party

# Party abbreviations Hansard prints in brackets after a member's seat.
HANSARD_PARTIES = {
    "con": "Conservative", "lab": "Labour", "lab/co-op": "Labour", "ld": "Liberal Democrat",
    "snp": "SNP", "pc": "Plaid Cymru", "dup": "DUP", "uup": "UUP", "sdlp": "SDLP", "sf": "Sinn Féin",
    "ind": "Independent", "green": "Green", "reform": "Reform UK", "alba": "Alba", "tuv": "TUV",
    "apni": "Alliance", "alliance": "Alliance", "spk": "Speaker", "lib dem": "Liberal Democrat",
}
# Transcripts need at least this many unmistakable speaker lines.
MIN_STRONG_TURNS = 2
_NAME = r"[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,3}"
_BRACKETS = r"(?:\s*\((?P<{}>[^()\n]{{1,60}})\))?"
# The label ends at a colon or the line's end (where analysis may have put a full stop).
_END = r"(?:\.(?=\n))?\s*(?::[ \t]*|\n|$)"
# "The Secretary of State for Transport (Helen Marsh)", "The Prime Minister (Keir Starmer):"
_OFFICE_LINE = re.compile(
    rf"^(?P<office>The [A-Z][^\n()]{{2,120}}?)\s+\((?P<name>(?:{HONORIFIC_PATTERN}\s+)?{_NAME})\)"
    + _BRACKETS.format("party") + _END,
    re.MULTILINE,
)
# "Mr Graham Oduya (Harbury) (Con)", "Dr Al Pinkerton:", "Helen Marsh"
_NAME_LINE = re.compile(
    rf"^(?P<name>(?P<honorific>{HONORIFIC_PATTERN}\s+)?{_NAME})"
    + _BRACKETS.format("seat") + _BRACKETS.format("party") + _END,
    re.MULTILINE,
)
# Hansard mirrors print a portrait's caption, then the speaker, then a line of links:
# "Helen Marsh Portrait The Secretary of State for Transport (Helen Marsh)" or
# "Graham Oduya Portrait Mr Graham Oduya (Harbury) (Con)", then "- View Speech - Hansard - - - Excerpts".
_LINKS = r"(?P<links>[ \t]*\n-[^\n]*\b(?:Hansard|Speech|Excerpts)\b[^\n]*(?=\n|$))?"
_PORTRAIT_LINE = re.compile(
    rf"^{_NAME} Portrait (?:(?P<office>The [A-Z][^\n()]{{2,120}}?)\s+\((?P<office_name>(?:{HONORIFIC_PATTERN}\s+)?"
    rf"{_NAME})\)|(?P<name>(?:{HONORIFIC_PATTERN}\s+)?{_NAME})" + _BRACKETS.format("seat") + ")"
    + _BRACKETS.format("party") + r"[ \t]*\.?" + _LINKS + r"[ \t]*(?:\n|$)",
    re.MULTILINE,
)
# The chair: "Mr Speaker", "Madam Deputy Speaker", "The Chair", "Chair:".
_CHAIR_LINE = re.compile(
    r"^(?P<office>(?:Mr|Madam) (?:Deputy )?Speaker|The Chair(?:man|woman|person)?|Chair)" + _END,
    re.MULTILINE,
)


@dataclass(slots=True)
class Turn:
    """One speech in a transcript: who (as the speaker line names them) and the span of their words."""

    label_start: int
    label_end: int
    name: str | None  # the speaker's name as printed, None for the chair
    name_start: int | None
    name_end: int | None
    office: str | None  # "Secretary of State for Transport", "Speaker"
    seat: str | None
    party: str | None
    start: int
    end: int


@dataclass(slots=True)
class _Label:
    start: int
    end: int  # where the speech begins
    label_end: int
    name: str | None
    name_start: int | None
    office: str | None
    seat: str | None
    party: str | None
    strong: bool
    certain: bool = False  # a mirror's portrait caption with its line of links: a transcript on its own


def _party(text: str | None) -> str | None:
    if not text:
        return None
    return HANSARD_PARTIES.get(text.strip().lower()) or normalise_party(text)


def _label_end(match: re.Match[str]) -> int:
    """The end of the speaker's label, before the colon or line break."""
    return match.start() + len(match.group().rstrip(": \t\n"))


def _labels(text: str) -> list[_Label]:
    found: dict[int, _Label] = {}
    for match in _PORTRAIT_LINE.finditer(text):
        name_group = "office_name" if match.group("office") else "name"
        office = re.sub(r"^The\s+", "", match.group("office")) if match.group("office") else None
        seat, party = match.group("seat"), match.group("party")
        if seat and not party and _party(seat):
            seat, party = None, seat
        found[match.start()] = _Label(match.start(), match.end(), match.end(name_group), match.group(name_group),
                                      match.start(name_group), office, seat, _party(party), True,
                                      bool(match.group("links")))
    for match in _OFFICE_LINE.finditer(text):
        office = re.sub(r"^The\s+", "", match.group("office"))
        found.setdefault(match.start(), _Label(match.start(), match.end(), _label_end(match), match.group("name"),
                                               match.start("name"), office, None, _party(match.group("party")), True))
    for match in _CHAIR_LINE.finditer(text):
        office = "Speaker" if "Speaker" in match.group("office") else "Chair"
        found.setdefault(match.start(), _Label(match.start(), match.end(), _label_end(match), None, None,
                                               office, None, None, True))
    for match in _NAME_LINE.finditer(text):
        if match.start() in found:
            continue
        name = match.group("name").rstrip(".")  # "Helen Marsh." where analysis ended the line
        seat, party = match.group("seat"), match.group("party")
        if seat and not party and _party(seat):
            seat, party = None, seat  # "Dr Al Pinkerton (LD)": the one bracket holds the party
        if party and not _party(party):
            continue  # "(Aaron Chown/PA)", "(pictured)": not a party
        strong = bool(match.group("honorific") or seat or party)
        found[match.start()] = _Label(match.start(), match.end(), _label_end(match), name,
                                      match.start("name"), None, seat, _party(party), strong)
    return [found[k] for k in sorted(found)]


def _surname(name: str) -> str:
    return re.sub(rf"^{HONORIFIC_PATTERN}\s+", "", name).split()[-1].lower()


def find_turns(text: str) -> list[Turn]:
    """The speeches of a transcript, in order; none when the text is not a transcript."""
    labels = _labels(text)
    if sum(label.strong for label in labels) < MIN_STRONG_TURNS and not any(label.certain for label in labels):
        return []
    speakers = {_surname(label.name) for label in labels if label.strong and label.name}
    kept = [label for label in labels
            if label.strong or (label.name and label.end > label.label_end and _surname(label.name) in speakers
                                and text[label.label_end : label.end].strip(" \t") in ("", "\n", ":"))]
    turns = []
    for label, following in zip(kept, [*kept[1:], None], strict=True):
        start, end = label.end, following.start if following else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        name_end = label.name_start + len(label.name) if label.name and label.name_start is not None else None
        turns.append(Turn(label.start, label.label_end, label.name, label.name_start, name_end, label.office,
                          label.seat, label.party, start, end))
    return turns
