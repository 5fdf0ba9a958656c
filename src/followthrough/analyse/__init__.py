"""Document → findings: people, their roles and affiliations, and quotes.

``analyse_texts`` is a pure function of the texts (and the spaCy model): it
reads no database and no clock, so it runs in a process pool or on Ray as is.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.tokens import Doc

from . import commitment_model, embed, nlp
from .commitment_model import ScoredSentence
from .commitments import (
    Commitment,
    actor_is_official,
    commitment_in_sentence,
    find_commitments,
    link_pointers,
    recommendation_commitments,
    speaker_is_official,
)
from .evidence import EvidenceCandidate, find_evidence
from .people import People, find_people
from .quotes import Quote, Resolver, find_all_quotes
from .recommendations import find_recommendations
from .timex import Timex, When, deadline_range, find_timexes
from .transcript import find_turns

# Bumped when analysis changes enough that stored findings should be redone.
ANALYSIS_VERSION = 8
# Words of a document's text (after its title) that its lead embedding covers: what a reader of a
# news page takes in before deciding what it is about, and kept short because embedding costs.
LEAD_WORDS = 40

__all__ = ["ANALYSIS_VERSION", "Batch", "Failure", "Findings", "analyse_texts", "embed_batch", "failure_reason",
           "finish", "prepare"]

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
    sentences: list[ScoredSentence] = field(default_factory=list)  # what the commitment model judged
    lead_vector: np.ndarray | None = None  # the embedding of the title and lead, for stories


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
    items: Iterable[tuple[int, str, str | None]], model: str | None = None, *, keep_features: bool = False,
    titles: dict[int, str | None] | None = None,
) -> Iterator[Findings | Failure]:
    """Analyse ``(document_id, text, published)`` items, batching them through spaCy and the embedder.

    Every span in the findings is an offset into the text as given. A document
    the rules fail on gives a ``Failure`` in its place; the others are analysed.
    ``keep_features`` keeps each scored sentence's features (for training); ``titles``, the
    documents' titles, go into the lead each document is embedded by (for stories).
    """
    batch = prepare(items, model, keep_features=keep_features, titles=titles)
    yield from finish(batch, embed_batch(batch))


@dataclass(slots=True)
class Batch:
    """Documents parsed and read by the rules, waiting for their sentences' embeddings (``embed_batch``).

    The three steps are apart so that a caller can embed one batch on a second thread while
    spaCy parses the next (the embedder's matrix products release the interpreter's lock).
    """

    drafts: list[_Draft | Failure]
    titles: dict[int, str | None]


def prepare(items: Iterable[tuple[int, str, str | None]], model: str | None = None, *, keep_features: bool = False,
            titles: dict[int, str | None] | None = None) -> Batch:
    """Parse and apply the rules: everything but the embeddings and what depends on them."""
    batch = list(items)
    prepared = [with_full_stops(text, _speaker_line_ends(text)) for _, text, _ in batch]
    docs = nlp.parse((text for text, _ in prepared), model)
    drafts: list[_Draft | Failure] = []
    for (document_id, _text, published), (prepared_text, inserted), doc in zip(batch, prepared, docs, strict=True):
        try:
            drafts.append(_first_pass(document_id, published, prepared_text, inserted, doc, keep_features))
        except Exception as exc:  # one document's failure is reported against it; the batch goes on
            logger.warning("analysis of document %s failed", document_id, exc_info=True)
            drafts.append(Failure(document_id, failure_reason(exc)))
    return Batch(drafts, titles or {})


def embed_batch(batch: Batch) -> dict[tuple[int, int, int], np.ndarray] | None:
    """The embeddings a prepared batch needs, in one call to the embedder (None without the model)."""
    return _embed_sentences([d for d in batch.drafts if isinstance(d, _Draft)], batch.titles)


def finish(batch: Batch, vectors: dict[tuple[int, int, int], np.ndarray] | None) -> Iterator[Findings | Failure]:
    """The commitment model's decisions, evidence and entities, with every span mapped back to the text."""
    for draft in batch.drafts:
        if isinstance(draft, Failure):
            yield draft
            continue
        try:
            yield _second_pass(draft, vectors, batch.titles.get(draft.document_id))
        except Exception as exc:
            logger.warning("analysis of document %s failed", draft.document_id, exc_info=True)
            yield Failure(draft.document_id, failure_reason(exc))


@dataclass(slots=True)
class _Draft:
    """A document after the rules, waiting for its sentences' vectors and the model's decision."""

    document_id: int
    published: str | None
    said_on: When | None  # when the document was published, to its precision
    text: str  # as parsed, with the full stops added
    inserted: list[int]
    doc: Doc
    people: People
    quotes: list[Quote]
    timexes: list[Timex]
    resolver: Resolver
    commitments: list[Commitment]
    numbered: list[Commitment]  # a report's recommendations: kept whatever the model says
    sentences: list[ScoredSentence]
    evidence: list[EvidenceCandidate]
    keep_features: bool


def _first_pass(document_id: int, published: str | None, prepared_text: str, inserted: list[int],
                doc: Doc, keep_features: bool) -> _Draft:
    said_on = When.parse(published)
    turns = find_turns(prepared_text)
    people = find_people(doc, turns)
    resolver = Resolver(doc, people)  # one per document: it parses every mention's span
    quotes = find_all_quotes(doc, people, resolver, turns)
    # Without a date only absolute times ("by 2030") resolve; with a month or a year, what that decides.
    timexes = find_timexes(prepared_text, said_on)
    commitments = find_commitments(doc, people, quotes, timexes, said_on, resolver)
    numbered: list[Commitment] = []
    recommendations = find_recommendations(prepared_text)
    if recommendations:
        numbered = recommendation_commitments(doc, recommendations, timexes,
                                              said_on.day if said_on and said_on.precision == "day" else None)
        inside = [(c.start, c.end) for c in numbered]
        commitments = [c for c in commitments if not any(s <= c.action_start < e for s, e in inside)]
    sentences = _sentences_to_score(doc, commitments, quotes, people, timexes, said_on, keep_features)
    # A page dated only to a month or a year reports by the end of it, at the latest.
    evidence = find_evidence(doc, said_on.last if said_on else None, said_on, timexes)
    return _Draft(document_id, published, said_on, prepared_text, inserted, doc, people, quotes, timexes,
                  resolver, commitments, numbered, sentences, evidence, keep_features)


def _in(commitment: Commitment, start: int, end: int) -> bool:
    return start <= commitment.action_start < end


def _sentences_to_score(doc: Doc, commitments: list[Commitment], quotes: list[Quote], people: People,
                        timexes: list[Timex], said_on: When | None, keep_features: bool) -> list[ScoredSentence]:
    """The sentences the commitment model will judge: those a rule fired in or with a trigger word."""
    text = nlp.text_of(doc)
    model = commitment_model.load()
    scored = []
    for start, end in commitment_model.sentence_spans(doc):
        inside = [c for c in commitments if _in(c, start, end)]
        if not inside and not commitment_model.TRIGGER.search(text, start, end):
            continue
        in_quote, official = speaker_is_official(quotes, people, start + (end - start) // 2)
        official_actor = any(actor_is_official(c, people) for c in inside)
        deadline = any(start <= t.start < end and (deadline_range(t, said_on) if said_on else
                                                   t.type in ("DATE", "DURATION")) is not None for t in timexes)
        features = commitment_model.signals(doc, start, end, inside, in_quote, official, bool(deadline),
                                            official_actor)
        hashed = commitment_model.buckets(text[start:end])
        # A first opinion without the embedding: sentences it rules out are never embedded.
        first = model.without_embedding.probability(features, hashed, None) if model else 1.0
        scored.append(ScoredSentence(start, end, first, features, hashed))
    return scored


def lead(title: str | None, text: str, words: int = LEAD_WORDS) -> str:
    """A document's title and the first words of its text: what a story compares it by."""
    head = " ".join(text.split()[:words])
    return f"{title}. {head}" if title and not text.startswith(title) else head


def _embed_sentences(drafts: list[_Draft], titles: dict[int, str | None]
                     ) -> dict[tuple[int, int, int], np.ndarray] | None:
    """One vector per scored sentence, evidence candidate and lead of the batch (one call to the embedder).

    None when the embedding model is not installed: the rules and the model without embeddings decide.
    The lead's key is (document, -1, -1).
    """
    model = commitment_model.load()
    floor = model.floor if model else 0.0
    wanted = list(dict.fromkeys(
        [(d.document_id, s.start, s.end, d.text[s.start : s.end]) for d in drafts for s in d.sentences
         if s.probability >= floor]
        + [(d.document_id, e.start, e.end, d.text[e.start : e.end]) for d in drafts for e in d.evidence]
        + [(d.document_id, -1, -1, lead(titles.get(d.document_id), d.text)) for d in drafts]
        + [(d.document_id, _CONTEXT - s.start, s.end, context) for d in drafts for s in d.sentences
           if s.probability >= max(floor, CONTEXT_FLOOR)
           and (context := _in_context(d.doc, s.start, s.end)) is not None]
        + [(d.document_id, _ACTION - c.action_start, c.action_end, d.text[c.action_start : c.action_end])
           for d in drafts for s in d.sentences if s.probability >= floor
           for c in _siblings(d.commitments, s.start, s.end)]))
    if not wanted or not embed.available():
        return None
    vectors = embed.embed([w[3] for w in wanted])
    return {(w[0], w[1], w[2]): vectors[n] for n, w in enumerate(wanted)}


# The key of a sentence's vector read with the sentence before it: (document, _CONTEXT - start, end).
_CONTEXT = -2
# The key of the vector of one of several commitments of a sentence, read from its action alone:
# (document, _ACTION - action start, action end). The action alone ("publish a timetable within three
# months") reads the same whoever promised it: merging asks that the actors agree (link.ledger).
_ACTION = -3


def _siblings(commitments: list[Commitment], start: int, end: int) -> list[Commitment]:
    """The commitments of a sentence that holds more than one ("publish the list …, and open the
    scheme …"): each is embedded by its own action, or merging and evidence could not tell them apart."""
    inside = [c for c in commitments if _in(c, start, end)]
    return inside if len(inside) > 1 else []
# Only a sentence the model without the embedding already thinks likely (its decision threshold, 0.375,
# trained 2026-12-02) is also read with the one before: on the first 100 PolNeAR train texts this
# embeds 0.18 such texts (13 tokens) a document instead of 0.38 (26), and bench/ledger.py gave the same
# figures on the timeline stories either way.
CONTEXT_FLOOR = 0.375
# Words that point back to what an earlier sentence named: "both will be built", "the scheme will reopen".
_POINTING = frozenset("it they them both this these those its their".split())
_TIMES = frozenset({"DATE", "TIME"})
_NAMED_BEFORE = frozenset(
    "plan plans scheme project policy proposal proposals move measure measures changes promise pledge "
    "commitment target programme line lines route leg legs".split())


def _in_context(doc: Doc, start: int, end: int) -> str | None:
    """The sentence with the one before it, when it names what it is about only by pointing back.

    "Both will be finished within the decade" says nothing of which lines;
    read with the sentence before, its vector is about them, so later reports that name the lines
    find it, and restatements that name them merge with it. None when the sentence names its
    subject itself (a proper noun, no pointing word) or opens the document.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    # "this winter", "that year": a time, not a pointer to what came before.
    pointing = any(t.lower_ in _POINTING and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "det")
                   and t.ent_type_ not in _TIMES and t.head.ent_type_ not in _TIMES for t in span)
    vague = not any(t.pos_ == "PROPN" for t in span) and any(
        t.lower_ in _NAMED_BEFORE and any(c.lower_ in ("the", "this", "that", "these") for c in t.children)
        for t in span)
    if not (pointing or vague):
        return None
    before = doc[span.start - 1].sent
    text = nlp.text_of(doc)
    return f"{text[before.start_char : before.end_char].strip()} {text[start:end]}"


def _headline_end(text: str, inserted: list[int], title: str | None) -> int:
    """Where the text's headline ends, when its first line is the document's title written as one (else 0).

    A headline has no full stop of its own (``with_full_stops`` may have put one there); a first
    line that ends as a sentence does is a sentence, whatever the title says.
    """
    end = text.find("\n")
    if not title or end < 1:
        return 0
    line = text[:end].rstrip().rstrip("'\"’”)]")
    if end - 1 not in inserted and line.endswith((".", "!", "?", "…")):
        return 0

    def key(words: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", words).casefold().split())

    return end if key(text[:end]) == key(title) else 0


def _second_pass(draft: _Draft, vectors: dict[tuple[int, int, int], np.ndarray] | None,
                 title: str | None = None) -> Findings:
    doc = draft.doc
    model = commitment_model.load()
    # A headline sums up the article in a few words ("Minister promises live map 'before the summer'"):
    # the body says who promised what, so a commitment is never taken from the headline alone.
    headline = _headline_end(draft.text, draft.inserted, title)
    commitments = [c for c in draft.commitments if c.start >= headline]
    if model is not None:
        kept: list[Commitment] = []
        for sentence in draft.sentences:
            vector = vectors.get((draft.document_id, sentence.start, sentence.end)) if vectors else None
            sentence.vector = vector
            if vector is None and vectors is not None:
                continue  # ruled out by the first opinion: sentence.probability is that opinion's
            chosen = model.with_embedding if vector is not None else model.without_embedding
            sentence.probability = chosen.probability(sentence.features or {}, sentence.buckets or [], vector)
            if not chosen.decides(sentence.features or {}, sentence.probability):
                continue
            if sentence.start < headline:
                continue
            inside = [c for c in commitments if _in(c, sentence.start, sentence.end)]
            if not inside and any(c.start < sentence.end and sentence.start < c.end for c in draft.numbered):
                continue  # a report's numbered recommendation: already its own entry, with its addressee
            if not inside:
                made = commitment_in_sentence(doc, sentence.start, sentence.end, draft.people, draft.quotes,
                                              draft.timexes, draft.said_on, draft.resolver)
                inside = [made] if made is not None else []
            in_context = vectors.get((draft.document_id, _CONTEXT - sentence.start, sentence.end)) if vectors else None
            for commitment in inside:
                commitment.probability = round(sentence.probability, 3)
                commitment.confidence = sentence.probability
                commitment.vector = in_context if in_context is not None else vector
                if len(inside) > 1 and vectors:
                    commitment.vector = vectors.get(
                        (draft.document_id, _ACTION - commitment.action_start, commitment.action_end),
                        commitment.vector)
            kept.extend(inside)
        commitments = kept
    commitments = draft.numbered + commitments
    link_pointers(draft.text, commitments)
    if not draft.keep_features:
        for sentence in draft.sentences:
            sentence.features = sentence.buckets = None
    evidence = draft.evidence
    if vectors is not None:
        for candidate in evidence:
            candidate.vector = vectors.get((draft.document_id, candidate.start, candidate.end))
        for commitment in commitments:
            if commitment.vector is None:
                holder = next((s for s in draft.sentences if _in(commitment, s.start, s.end)), None)
                commitment.vector = vectors.get((draft.document_id, holder.start, holder.end)) \
                    if holder else None
    entities = find_entities(doc, draft.people)
    people, quotes, inserted = draft.people, draft.quotes, draft.inserted
    sentences = draft.sentences
    if inserted:
        _map_back(people, quotes, commitments, evidence, inserted)
        for entity in entities:
            entity.start = original_offset(entity.start, inserted)
            entity.end = original_offset(entity.end, inserted)
        for sentence in sentences:
            sentence.start = original_offset(sentence.start, inserted)
            sentence.end = original_offset(sentence.end, inserted)
    lead_vector = vectors.get((draft.document_id, -1, -1)) if vectors else None
    return Findings(draft.document_id, draft.published, people, quotes, commitments, evidence, entities,
                    sentences, lead_vector)


def failure_reason(exc: BaseException) -> str:
    """An exception as one short line: its type and first line."""
    first = (str(exc).strip().split("\n") or [""])[0][:200]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
