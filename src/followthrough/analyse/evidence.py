"""Passages that may bear on a commitment: something delivered, begun, delayed or dropped.

Found sentence by sentence from the verbs news copy uses for each outcome; which
commitment a passage bears on is decided later, across documents, by
``link.ledger`` (it needs the commitments made before the passage was written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from .keywords import keywords
from .nlp import text_of

# Each stance and the words that signal it, strongest first. A negated
# delivery ("has not yet been funded") contradicts a claim of delivery.
STANCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dropped", re.compile(
        r"\b(?:scrapped|abandoned|dropped|ditched|axed|shelved|cancell?ed|u-turn(?:ed)?|paused|halted"
        r"|put on hold|ruled out|watered down|no longer (?:go ahead|proceed))\b", re.I)),
    ("delayed", re.compile(
        r"\b(?:delayed|postponed|pushed back|put back|slipped|behind schedule|missed (?:the|its|a) deadline"
        r"|later than (?:planned|promised)|will not be ready|not be ready until|deferred)\b", re.I)),
    ("contradicted", re.compile(
        r"\b(?:(?:has|have|had)\s+not\s+(?:yet\s+)?been|(?:none|no)\s+of\s+.{0,60}?(?:has|have)\s+(?:yet\s+)?been"
        r"|not\s+yet\s+been|has yet to|have yet to|no sign of|there (?:is|are|was|were) no)\b", re.I)),
    ("partly delivered", re.compile(
        r"\b(?:partly|partially|only (?:some|part|\d+|one|two|three|four|five) of|the first (?:of|phase|stage))\b",
        re.I)),
    ("delivered", re.compile(
        r"\b(?:(?:has|have|had)\s+(?:now\s+)?(?:been\s+)?(?:published|launched|opened|introduced|appointed|set up"
        r"|established|completed|delivered|begun|started|passed|enacted|implemented|rolled out|funded|created"
        r"|unveiled|announced the)|(?:was|were)\s+(?:published|launched|appointed|set up|established|opened"
        r"|completed|introduced|passed|enacted|funded|created)|goes live|went live|(?:is|are) now live"
        r"|came into force|comes into force|came into effect|(?:published|launched|opened|unveiled|introduced"
        r"|began|begun)\s+(?:the|its|a|on)\b)", re.I)),
    ("progress", re.compile(
        r"\b(?:under ?way|is being|are being|has begun work|began work|on track|making progress|first meeting"
        r"|has started work|consultation (?:opened|opens|began))\b", re.I)),
)


@dataclass(slots=True)
class EvidenceCandidate:
    """A sentence that reports an outcome, with what it is about."""

    start: int
    end: int
    stance: str
    cue: str
    said_on: date | None
    keywords: set[str] = field(default_factory=set)
    vector: Any = None  # its sentence's embedding, when the embedding model is installed


def find_evidence(doc: Doc, said_on: date | None) -> list[EvidenceCandidate]:
    """Sentences reporting delivery, progress, delay, abandonment or contradiction."""
    text = text_of(doc)
    found: list[EvidenceCandidate] = []
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        for line in _lines(text, start, end):
            _judge(text, line, said_on, found)
    return found


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at line breaks: the parser sometimes runs a paragraph into the next."""
    pieces, position = [], start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        if text[position:stop].strip():
            pieces.append((position, stop))
        position = stop + 1
    return pieces


def _judge(text: str, span: tuple[int, int], said_on: date | None, found: list[EvidenceCandidate]) -> None:
    """Add the span as a candidate if it reports an outcome (a question reports none)."""
    start, end = span
    words = text[start:end]
    if words.rstrip("'’\"” ").endswith("?"):
        return
    for stance, pattern in STANCES:
        match = pattern.search(words)
        if match:
            found.append(EvidenceCandidate(start, end, stance, match.group(), said_on, keywords(words)))
            return
