"""Document → findings: people, their roles and affiliations, and quotes.

``analyse_texts`` is a pure function of the texts (and the spaCy model): it
reads no database and no clock, so it runs in a process pool or on Ray as is.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..dates import day_of
from . import nlp
from .commitments import Commitment, find_commitments, recommendation_commitments
from .evidence import EvidenceCandidate, find_evidence
from .people import People, find_people
from .quotes import Quote, Resolver, find_all_quotes
from .recommendations import find_recommendations
from .timex import find_timexes
from .transcript import find_turns

# Bumped when analysis changes enough that stored findings should be redone.
ANALYSIS_VERSION = 5

__all__ = ["ANALYSIS_VERSION", "Failure", "Findings", "analyse_texts", "failure_reason"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Findings:
    """What analysis found in one document."""

    document_id: int
    said_on: str | None  # when the words were published, ISO 8601
    people: People
    quotes: list[Quote]
    commitments: list[Commitment]
    evidence: list[EvidenceCandidate]
    entities: list[Entity]


@dataclass(slots=True)
class Entity:
    """An organisation or place named in a document (people are in ``People``)."""

    label: str  # ORG, GPE (countries, cities), LOC, FAC
    text: str
    start: int
    end: int


_POSSESSIVE = re.compile(r"['’]s?$")
# spaCy entity labels kept as organisations and places.
ENTITY_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def find_entities(doc: Doc, people: People) -> list[Entity]:
    """Organisations and places, minus anything inside a person's mention or a role ("Home" in "Home Secretary")."""
    taken = [(m.start, m.end) for person in people.persons for m in person.mentions]
    taken += [(r.start, r.end) for r in people.roles]
    found, whole = [], nlp.text_of(doc)
    for ent in doc.ents:
        start = ent.start_char + (4 if whole.startswith(("The ", "the "), ent.start_char) else 0)
        text = _POSSESSIVE.sub("", whole[start : ent.end_char].strip())
        if ent.label_ not in ENTITY_LABELS or len(text) < 2 or not text[0].isupper() or "\n" in text:
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        found.append(Entity(ent.label_, text, start, start + len(text)))
    return found


# A line that ends without punctuation: a headline, a standfirst, a caption.
_UNTERMINATED = re.compile(r"(?<=[^\s.!?:;,'\"’”)\]…—–-])\n")


def with_full_stops(text: str, also: Iterable[int] = ()) -> tuple[str, list[int]]:
    """The text with a full stop before each line break that lacks one, and where they went.

    spaCy's parser runs a headline into the sentence below it ("Rail\nHelen
    Marsh said …" has "Rail" as part of the subject); given the full stop it
    expects, it parses both right. ``also`` are further offsets that end a
    sentence (a transcript's speaker lines). Offsets are mapped back with
    ``original_offset``.
    """
    positions = sorted({m.start() for m in _UNTERMINATED.finditer(text)} | set(also))
    if not positions:
        return text, []
    pieces, last = [], 0
    for position in positions:
        pieces.append(text[last:position])
        pieces.append(".")
        last = position
    pieces.append(text[last:])
    return "".join(pieces), [p + n for n, p in enumerate(positions)]


def original_offset(offset: int, inserted: list[int]) -> int:
    """An offset into the text with full stops, as an offset into the original text."""
    return offset - bisect_left(inserted, offset)


def _map_back(
    people: People, quotes: list[Quote], commitments: list[Commitment], evidence: list[EvidenceCandidate],
    inserted: list[int],
) -> None:
    def back(value: int | None) -> int | None:
        return None if value is None else original_offset(value, inserted)

    for commitment in commitments:
        commitment.start, commitment.end = original_offset(commitment.start, inserted), original_offset(
            commitment.end, inserted)
        commitment.action_start = original_offset(commitment.action_start, inserted)
        commitment.action_end = original_offset(commitment.action_end, inserted)
        for target in commitment.targets:
            target.start, target.end = original_offset(target.start, inserted), original_offset(target.end, inserted)
        if commitment.deadline is not None:
            timex = commitment.deadline.timex
            commitment.deadline.timex = replace(timex, start=original_offset(timex.start, inserted),
                                                end=original_offset(timex.end, inserted))
    for candidate in evidence:
        candidate.start, candidate.end = original_offset(candidate.start, inserted), original_offset(
            candidate.end, inserted)

    for person in people.persons:
        for mention in person.mentions:
            mention.start = original_offset(mention.start, inserted)
            mention.end = original_offset(mention.end, inserted)
    for role in people.roles:
        role.start, role.end = original_offset(role.start, inserted), original_offset(role.end, inserted)
    for quote in quotes:
        quote.start, quote.end = original_offset(quote.start, inserted), original_offset(quote.end, inserted)
        quote.cue_start, quote.cue_end = back(quote.cue_start), back(quote.cue_end)
        quote.speaker_start, quote.speaker_end = back(quote.speaker_start), back(quote.speaker_end)


def _speaker_line_ends(text: str) -> list[int]:
    """Where a transcript's speaker lines end without a full stop: "Mr Graham Oduya (Harbury) (Con)"."""
    return [t.label_end for t in find_turns(text)
            if text[t.label_end : t.label_end + 1] == "\n" and text[t.label_end - 1] not in ".!?:"]


@dataclass(frozen=True, slots=True)
class Failure:
    """A document whose analysis failed, and why: it is reported and the others go on."""

    document_id: int
    reason: str


def analyse_texts(
    items: Iterable[tuple[int, str, str | None]], model: str | None = None
) -> Iterator[Findings | Failure]:
    """Analyse ``(document_id, text, published)`` items, batching them through spaCy.

    Every span in the findings is an offset into the text as given. A document
    the rules fail on gives a ``Failure`` in its place; the others are analysed.
    """
    batch = list(items)
    prepared = [with_full_stops(text, _speaker_line_ends(text)) for _, text, _ in batch]
    docs = nlp.parse((text for text, _ in prepared), model)
    for (document_id, _text, published), (prepared_text, inserted), doc in zip(batch, prepared, docs, strict=True):
        try:
            yield _analyse_one(document_id, published, prepared_text, inserted, doc)
        except Exception as exc:  # one document's failure is reported against it; the batch goes on
            logger.warning("analysis of document %s failed", document_id, exc_info=True)
            yield Failure(document_id, failure_reason(exc))


def failure_reason(exc: BaseException) -> str:
    """An exception as one short line: its type and first line."""
    first = (str(exc).strip().split("\n") or [""])[0][:200]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _analyse_one(document_id: int, published: str | None, prepared_text: str, inserted: list[int],
                 doc: Doc) -> Findings:
    said_on = day_of(published)
    turns = find_turns(prepared_text)
    people = find_people(doc, turns)
    resolver = Resolver(doc, people)  # one per document: it parses every mention's span
    quotes = find_all_quotes(doc, people, resolver, turns)
    timexes = find_timexes(prepared_text, said_on) if said_on else []
    commitments = find_commitments(doc, people, quotes, timexes, said_on, resolver)
    recommendations = find_recommendations(prepared_text)
    if recommendations:
        numbered = recommendation_commitments(doc, recommendations, timexes, said_on)
        inside = [(c.start, c.end) for c in numbered]
        commitments = numbered + [c for c in commitments
                                  if not any(s <= c.action_start < e for s, e in inside)]
    evidence = find_evidence(doc, said_on)
    entities = find_entities(doc, people)
    if inserted:
        _map_back(people, quotes, commitments, evidence, inserted)
        for entity in entities:
            entity.start = original_offset(entity.start, inserted)
            entity.end = original_offset(entity.end, inserted)
    return Findings(document_id, published, people, quotes, commitments, evidence, entities)
