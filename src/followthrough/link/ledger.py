"""Commitments across documents: one ledger entry per commitment, every source that made or restated it,
the deadline revisions, and the later passages that bear on it.

A commitment found in a document joins a known one when they are the same promise:
their actors agree (the same person, the same government) and they say the same
thing — sentence embeddings close (``MERGE_SIMILARITY``), or many content words
shared. Each source keeps why it joined (the similarity, the words shared), its
role (made, restated, revised: a restatement with a new deadline) and its own
date and deadline, so a merge can be explained and undone.

A later passage bears on a commitment when it was written after the commitment
was made, in another document, and says the same thing closely enough
(embedding similarity and shared words); its stance (delivered, progress,
delayed, at risk, dropped, contradicted) comes with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import Connection

from ..analyse import Findings, anchors, stance
from ..analyse.affiliations import normalise_party
from ..analyse.commitments import AUTHOR, Commitment
from ..analyse.keywords import keywords
from ..dates import day_of, middle_of
from ..errors import NotFoundError
from ..model import (
    Actor,
    CommitmentEntry,
    CommitmentHistory,
    DeadlineEntry,
    EvidenceEntry,
    LedgerEvent,
    Span,
    Speaker,
    TargetEntry,
)
from ..store import ledger as rows
from .registry import holder_of
from .status import Deadline, Evidence, status_as_of

# Two findings are one commitment when their sentences' embeddings are at least this similar (cosine)
# and their actors agree; without embeddings, when they share this many content words covering this
# share of the shorter one's. Chosen on the pairs of findings of the six tuning timeline stories: at
# 0.6, 18 of 92 same-commitment pairs merge against 10 of 606 others (sentence similarity alone
# separates restatements poorly; within one article, a lower bar merged different promises).
MERGE_SIMILARITY = 0.6
# A different named person asks for more: the same words from two people are two commitments
# unless they say nearly the same thing (a minister repeating a predecessor's promise).
MERGE_SIMILARITY_OTHER_PERSON = 0.85
# A restatement by the same person or organisation with the same deadline that shares a content word
# needs only this similarity ("The register will go live by the end of May" restates "publish the
# register … by the end of May": 0.49).
MERGE_SIMILARITY_SAME_DEADLINE = 0.45
# A restatement whose deadline is more than FAR_DEADLINE_DAYS from the commitment's must be at least
# this similar to merge (as a revision): "by 2030" and "by 2035" are more often two targets than one moved.
MERGE_SIMILARITY_FAR_DEADLINE = 0.8
FAR_DEADLINE_DAYS = 366
SAME_MIN_WORDS = 2
SAME_MIN_SHARE = 0.6
# A passage is evidence for a commitment when its embedding is at least this similar, or (without
# embeddings) when it shares this many content words covering this share of the commitment's words.
EVIDENCE_SIMILARITY = 0.5
# The relevance (analyse.stance.bears_on) a passage needs to be linked to the commitment it is most about.
# Chosen on the six tuning stories (bench/ledger.py): 0.3 linked 16 right and 71 wrong, 0.5 9 and 30,
# 0.7 3 and 12; every commitment the models let through (no argmax) 29 and 137.
EVIDENCE_RELEVANCE = 0.5
# Below this probability of its stance the stance model defers to the passage's cue. On the six tuning
# stories 0.0 (the model always), 0.5 and 0.7 gave the same evidence and status accuracy (8 or 7 right
# links of 125); the cue is right on plain reports that the model gets wrong ("has returned").
STANCE_SURE = 0.5
EVIDENCE_MIN_WORDS = 2
# With embeddings, the commitments a passage is judged against also include those with a source at
# least this similar to it (at most EVIDENCE_RETRIEVED of them), whether or not they share a word.
EVIDENCE_RETRIEVAL = 0.35
EVIDENCE_RETRIEVED = 20
# The commitments a passage is judged against also include those sharing this many content words with it.
# On the six tuning stories 2 (fewer rivals, so higher relevance) linked 46 wrong against 35 with 1, for
# the same 12 right, and ingest ran about 15% faster.
EVIDENCE_SHARED_WORDS = 1
# Entries whose sources are this similar are judged as one promise when a passage is weighed against them.
FRAGMENT_SIMILARITY = 0.75
EVIDENCE_MIN_SHARE = 0.4
# Deadlines closer than this are the same deadline restated, not a revision.
REVISION_DAYS = 14
# At most this many of an actor's commitments are compared with a new finding besides those sharing words.
ACTOR_CANDIDATES = 200
_KIND_RANK = {"pledge": 3, "accepted recommendation": 3, "recommendation": 2, "announcement": 1}
# Outlets whose own voice ("We will …") is the government's: departments, agencies, councils, GOV.UK.
_OFFICIAL_OUTLET = re.compile(
    r"\b(?:department|ministry|office|treasury|cabinet|government|council|agency|authority|commission|gov\.uk"
    r"|prime minister|number 10|downing street|nhs|executive|assembly|parliament(?! ?\[))\b", re.IGNORECASE)
_MIRROR = re.compile(r"\[via |parallel parliament|theyworkforyou|hansard", re.IGNORECASE)


def vector_bytes(vector: Any) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def vector_of(data: bytes | None) -> np.ndarray | None:
    return None if not data else np.frombuffer(data, dtype=np.float32)


def similar(vector: np.ndarray | None, candidates: list[np.ndarray | None]) -> list[float]:
    """Cosine similarity of a vector to each candidate (vectors are unit length); 0 where one is missing."""
    if vector is None:
        return [0.0] * len(candidates)
    return [float(vector @ c) if c is not None else 0.0 for c in candidates]


def official_voice(outlet: str | None) -> str | None:
    """Whose "We will …" an unquoted statement is: an official publisher's, never a newspaper's or a mirror's."""
    if not outlet or _MIRROR.search(outlet) or not _OFFICIAL_OUTLET.search(outlet):
        return None
    return "the Government" if outlet.strip().lower() in ("gov.uk", "www.gov.uk") else outlet


def _same_name(a: str, b: str) -> bool:
    def key(name: str) -> str:
        return re.sub(r"^the\s+|[^a-z0-9]", "", name.casefold())

    return key(a) == key(b) or key(b).startswith(key(a)) and len(key(a)) >= 4


def _actors_agree(existing: Any, person_id: int | None, org: str | None, role: str | None,
                  said_on: date | None = None) -> bool:
    if existing.actor_person_id is not None and person_id is not None:
        if existing.actor_person_id != person_id and existing.actor_org and org:
            # Two people speaking for two bodies ("we" of the Ferry Board's chair and the Health Trust's).
            return _bodies_agree(str(existing.actor_org), middle_of(existing.made_on), org, said_on)
        return True  # checked by similarity: the bar is higher for two different people
    if existing.actor_org and org:
        return _bodies_agree(str(existing.actor_org), middle_of(existing.made_on), org, said_on)
    if existing.actor_role and role:
        return str(existing.actor_role).casefold() == role.casefold()
    return True


def _is_government(name: str) -> bool:
    return bool(re.search(r"government|department|ministry|office|treasury|secretary|minister", name, re.I))


def _party(name: str) -> str | None:
    """The party an actor's name is ("Labour", "the Labour Party", "Tories"), or None."""
    return normalise_party(re.sub(r"^the\s+|\s+party$", "", name.strip(), flags=re.IGNORECASE))


def _bodies_agree(a: str, a_on: date | None, b: str, b_on: date | None) -> bool:
    """Whether two organisations can be one actor of one promise.

    The same name; two names of one government ("the Government", "the Home Office"); or a party
    and the government it was part of when that government spoke: Labour's pledge of 2023 is the
    Government's promise in 2025, but not the Conservative government's of 2020 (``analyse.anchors``).
    """
    if a.casefold() == b.casefold():
        return True
    party_a, party_b = _party(a), _party(b)
    if party_a and party_b:
        return party_a == party_b
    if party_a or party_b:
        party, government, on = (party_a, b, b_on) if party_a else (party_b, a, a_on)
        if party is None or on is None or not _is_government(government):
            return False
        sitting = anchors.current_government(on, anchors.country_of_party(party))
        return sitting is not None and party in sitting.parties
    return _is_government(a) and _is_government(b)


def _share(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass(frozen=True, slots=True)
class _Match:
    commitment: Any
    score: float
    reason: str


def _best_match(connection: Connection, found: Commitment, person_id: int | None, words: set[str],
                document_id: int) -> _Match | None:
    """The known commitment this finding restates, if any, with why."""
    candidates = rows.similar_commitments(connection, words, 1)
    for commitment_id in rows.commitments_of_actor(connection, person_id, found.actor_org, ACTOR_CANDIDATES):
        candidates.setdefault(commitment_id, rows.commitment_keywords(connection, commitment_id))
    if not candidates:
        return None
    vectors = rows.source_vectors(connection, list(candidates))
    best: _Match | None = None
    for candidate_id, known in candidates.items():
        existing = rows.commitment(connection, candidate_id)
        if existing is None or existing.kind == "recommendation":
            continue
        if not _actors_agree(existing, person_id, found.actor_org, found.actor_role, found.said_on):
            continue
        if rows.has_source_sentence(connection, candidate_id, document_id, found.start):
            continue  # a sibling from the same sentence ("including X, as well as Y"), not a repeat
        if _different_figures(existing.action, found.action) or _new_figures(connection, existing, found):
            continue  # "68 per cent by 2030" is not "net zero by 2050", however alike the sentences
        semantic = max(similar(found.vector, vectors.get(candidate_id, [])), default=0.0)
        shared = words & known
        bar = MERGE_SIMILARITY
        if existing.actor_person_id is not None and person_id is not None and existing.actor_person_id != person_id:
            bar = MERGE_SIMILARITY_OTHER_PERSON
        if _far_deadlines(existing, found):
            bar = max(bar, MERGE_SIMILARITY_FAR_DEADLINE)
        if semantic >= bar:
            score, reason = semantic, f"similar sentence ({semantic:.2f})"
        elif semantic >= MERGE_SIMILARITY_SAME_DEADLINE and shared and _same_deadline(existing, found) \
                and _same_actor(existing, person_id, found.actor_org):
            score, reason = semantic, f"same actor and deadline, related sentence ({semantic:.2f})"
        elif found.vector is None and len(shared) >= SAME_MIN_WORDS and _share(words, known) >= SAME_MIN_SHARE:
            score, reason = _share(words, known), f"shared words ({', '.join(sorted(shared)[:5])})"
        else:
            continue
        if shared:
            reason += f"; shared words {', '.join(sorted(shared)[:5])}"
        if best is None or score > best.score:
            best = _Match(existing, score, reason)
    return best


_FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?"
                     r"(?:\s?(?:%|per ?cent\b|percent\b|billion\b|bn\b|million\b|m\b|k\b))?", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Numbers that are times, not amounts: dates ("21 May", "May 21", "2020-02-11") and durations
# ("in 10 to 12 weeks", "within 100 days"); they are the deadline's business, not the promise's figures.
_NOT_AMOUNTS = re.compile(
    rf"\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b\d[\d,.]*(?:\s*(?:to|-|–|or|and)\s*\d[\d,.]*)?\s*(?:days?|weeks?|months?|years?|hours?|decades?)\b",
    re.IGNORECASE)


def _figures(text: str) -> set[str]:
    """The amounts a text names ("300", "68%", "1000", "3million"); years, dates and durations left out."""
    text = _NOT_AMOUNTS.sub(" ", text)
    found = set()
    for match in _FIGURE.finditer(text):
        figure = re.sub(r"[\s,]", "", match.group()).lower()
        figure = figure.replace("percent", "%").replace("bn", "billion")
        if not _YEAR.fullmatch(figure):
            found.add(re.sub(r"(?<=\d)m$", "million", figure))
    return found


def _different_figures(a: str, b: str) -> bool:
    """Whether two actions each name amounts and share none: two targets, not one restated."""
    first, second = _figures(a), _figures(b)
    return bool(first and second and not first & second)


def _new_figures(connection: Connection, existing: Any, found: Commitment) -> bool:
    """Whether a finding's amounts appear nowhere in what a commitment's sources say, though they name amounts.

    An entry whose first words were vague ("make loan payments more affordable") and which a later
    report gave a figure ("forgive $10,000") does not take another figure ("$20,000 for Pell Grant
    recipients"): that is a second promise, however alike the sentences.
    """
    own = _figures(found.action)
    if not own:
        return False
    known = set().union(*(_figures(text) for text in rows.source_texts(connection, existing.id)))
    return bool(known) and not own & known


def _deadline_gap(existing: Any, found: Commitment) -> int | None:
    """Days between a finding's deadline and the commitment's; None when either has none."""
    new_end = found.deadline.end if found.deadline else None
    old_end = day_of(existing.deadline_end)
    return abs((new_end - old_end).days) if new_end and old_end else None


def _same_deadline(existing: Any, found: Commitment) -> bool:
    """Whether a finding gives the commitment's own deadline (to within REVISION_DAYS)."""
    gap = _deadline_gap(existing, found)
    return gap is not None and gap <= REVISION_DAYS


def _same_actor(existing: Any, person_id: int | None, org: str | None) -> bool:
    """Whether a finding names the commitment's own actor: the same person, or the same organisation."""
    if existing.actor_person_id is not None and person_id is not None:
        return bool(existing.actor_person_id == person_id)
    return bool(existing.actor_org and org and str(existing.actor_org).casefold() == org.casefold())


def _far_deadlines(existing: Any, found: Commitment) -> bool:
    """Whether a finding's deadline is more than a year from the commitment's (a new target, or a big revision)."""
    gap = _deadline_gap(existing, found)
    return gap is not None and gap > FAR_DEADLINE_DAYS


def link_commitments(connection: Connection, findings: Findings, registry: dict[int, int | None]) -> list[int]:
    """Merge a document's commitments into the ledger; returns the ids of entries touched."""
    document_id = findings.document_id
    reported_on = findings.said_on
    touched: list[int] = []
    outlet = rows.document_outlet(connection, document_id)
    for found in findings.commitments:
        if found.actor_org == AUTHOR:  # "We will …" in the document's own voice
            found.actor_org = official_voice(outlet)
        elif found.actor_org and outlet and _same_name(found.actor_org, outlet) and not official_voice(outlet):
            found.actor_org = None  # the paper that reports a promise did not make it
        person_id = registry.get(found.actor_person) if found.actor_person is not None else None
        words = keywords(found.action)
        if found.kind == "recommendation":
            # A report's recommendations are each their own entry, however alike.
            commitment_id = rows.create_commitment(connection, **_values(found, person_id, document_id))
            rows.add_recommendation(connection, document_id=document_id, number=found.number, start=found.start,
                                    end=found.end, addressee=found.actor_org, commitment_id=commitment_id)
            _add_source(connection, commitment_id, found, document_id, words, reported_on, "made",
                        "a numbered recommendation of the report", None)
            touched.append(commitment_id)
            continue
        match = _pointed_to(connection, found, person_id, touched) or _best_match(connection, found, person_id,
                                                                                 words, document_id)
        if match is None:
            commitment_id = rows.create_commitment(connection, **_values(found, person_id, document_id))
            role, reason, score = "made", "first report of it", None
        else:
            commitment_id = match.commitment.id
            rows.update_commitment(connection, commitment_id, **_merged(match.commitment, found, person_id,
                                                                         document_id))
            role = "revised" if _revises(match.commitment, found) else "restated"
            reason, score = match.reason, match.score
        _add_source(connection, commitment_id, found, document_id, words, reported_on, role, reason, score)
        touched.append(commitment_id)
        if found.kind == "accepted recommendation":
            accept_recommendations(connection, commitment_id, found)
    return touched


def _pointed_to(connection: Connection, found: Commitment, person_id: int | None, touched: list[int]) -> _Match | None:
    """The entry of the earlier commitment this one names ("That consultation will open in the spring"),
    when their actors agree: the same promise, given a deadline or restated."""
    if found.points_to is None or found.points_to >= len(touched):
        return None
    existing = rows.commitment(connection, touched[found.points_to])
    if existing is None or existing.kind == "recommendation" or not _actors_agree(
            existing, person_id, found.actor_org, found.actor_role, found.said_on):
        return None
    return _Match(existing, 1.0, "names the promise made just before it")


def _revises(existing: Any, found: Commitment) -> bool:
    """Whether a restatement gives a new deadline (not the same one in other words)."""
    gap = _deadline_gap(existing, found)
    return gap is not None and gap > REVISION_DAYS


def _add_source(connection: Connection, commitment_id: int, found: Commitment, document_id: int,
                words: set[str], reported_on: str | None, role: str, reason: str, score: float | None) -> None:
    deadline = found.deadline
    rows.add_source(connection, commitment_id=commitment_id, document_id=document_id, start=found.start,
                    end=found.end, action_start=found.action_start, action_end=found.action_end,
                    said_on=found.said_on.isoformat() if found.said_on else None, reported_on=reported_on,
                    role=role, reason=reason, similarity=score,
                    deadline_text=deadline.text if deadline else None,
                    deadline_end=deadline.end.isoformat() if deadline and deadline.end else None,
                    deadline_condition=deadline.condition if deadline else None,
                    vector=vector_bytes(found.vector))
    rows.add_keywords(connection, commitment_id, words)
    rows.add_targets(connection, [
        {"commitment_id": commitment_id, "document_id": document_id, "start": t.start, "end": t.end,
         "value": t.value, "unit": t.unit, "what": t.what, "qualifier": t.qualifier}
        for t in found.targets
    ])


def accept_recommendations(connection: Connection, commitment_id: int, found: Commitment) -> None:
    """"We accept the review's recommendations": link the report named (its author or title) to this acceptance.

    The report is the latest earlier one with recommendations whose author or
    title shares a word with what was accepted; its recommendations become
    accepted commitments.
    """
    if "recommendation" not in found.action.lower():
        return
    wanted = keywords(found.action) - {"accept", "recommend", "full", "review", "report", "inquiry"}
    made_on = found.said_on.isoformat() if found.said_on else None
    best: tuple[int, int] | None = None
    for report in rows.reports_with_recommendations(connection, made_on):
        shared = len(wanted & keywords(" ".join(filter(None, (report.title, report.author, report.outlet)))))
        if shared and (best is None or shared > best[0]):
            best = (shared, report.document_id)
    if best is not None:
        rows.accept_report(connection, best[1], commitment_id)


def _deadline_values(found: Commitment, document_id: int) -> dict[str, Any]:
    deadline = found.deadline
    if deadline is None:
        return {}
    return {"deadline_text": deadline.text, "deadline_start": deadline.start.isoformat() if deadline.start else None,
            "deadline_end": deadline.end.isoformat() if deadline.end else None,
            "deadline_precision": deadline.precision, "deadline_document_id": document_id,
            "deadline_span_start": deadline.timex.start, "deadline_span_end": deadline.timex.end,
            "deadline_condition": deadline.condition}


def _values(found: Commitment, person_id: int | None, document_id: int) -> dict[str, Any]:
    return {"actor_person_id": person_id, "actor_role": found.actor_role, "actor_org": found.actor_org,
            "action": found.action, "kind": found.kind, "confidence": found.confidence,
            "probability": found.probability,
            "made_on": found.said_on.isoformat() if found.said_on else None,
            "made_on_precision": found.made_precision if found.said_on else None,
            **_deadline_values(found, document_id)}


def _merged(existing: Any, found: Commitment, person_id: int | None, document_id: int) -> dict[str, Any]:
    """What a new source adds to a known commitment: an earlier date, a first deadline, a fuller actor.

    A later deadline revision does not overwrite the original here: the deadline in force on a
    day is worked out from the sources when the ledger is read.
    """
    changes: dict[str, Any] = {}
    said_on = found.said_on.isoformat() if found.said_on else None
    if said_on and (existing.made_on is None or said_on < existing.made_on):
        changes["made_on"] = said_on
        changes["made_on_precision"] = found.made_precision
    if existing.deadline_end is None and existing.deadline_condition is None and found.deadline is not None:
        changes.update(_deadline_values(found, document_id))
    if existing.actor_person_id is None and person_id is not None:
        changes["actor_person_id"] = person_id
    if existing.actor_org is None and found.actor_org:
        changes["actor_org"] = found.actor_org
    if _KIND_RANK.get(found.kind, 0) > _KIND_RANK.get(existing.kind, 0):
        changes["kind"] = found.kind
    if found.confidence > existing.confidence:
        changes["confidence"] = found.confidence
    return changes


def store_evidence_candidates(connection: Connection, findings: Findings) -> list[int]:
    return [
        rows.add_candidate(connection, candidate.keywords, document_id=findings.document_id,
                           start=candidate.start, end=candidate.end, stance=candidate.stance, cue=candidate.cue,
                           said_on=candidate.said_on.isoformat() if candidate.said_on else None,
                           vector=vector_bytes(getattr(candidate, "vector", None)))
        for candidate in findings.evidence
    ]


def _bears_on(connection: Connection, commitment: Any, commitment_words: set[str], candidate: Any,
              candidate_words: set[str]) -> tuple[float, str] | None:
    """Without sentence embeddings: whether a passage shares enough of a commitment's words to bear on it."""
    shared = commitment_words & candidate_words
    if len(shared) >= EVIDENCE_MIN_WORDS and len(shared) / len(commitment_words) >= EVIDENCE_MIN_SHARE:
        return len(shared) / len(commitment_words), f"shared words ({', '.join(sorted(shared)[:5])})"
    return None


def _written_after(commitment: Any, candidate: Any) -> bool:
    """Evidence is written after the promise was made (and is not one of the sentences that make it:
    ``_restates``).

    A later page that restates the promise and then reports on it ("Biden pledged to … but has not
    come close") is evidence; so is a report that dates the promise earlier ("in January she vowed …")
    and says what became of it. A page with no date may bear on a commitment (it is linked, undated),
    but the status never rests on it (``link.status``): it cannot say whether it came before or after
    the deadline.
    """
    made, written = day_of(commitment.made_on), day_of(candidate.said_on)
    return made is None or written is None or written > made


def _restates(spans: list[tuple[int, int, int]], candidate: Any) -> bool:
    """Whether a passage is one of the sentences (``spans``) that make or restate a commitment."""
    return any(document_id == candidate.document_id and start < candidate.end and candidate.start < end
               for document_id, start, end in spans)


@dataclass(slots=True)
class SourceIndex:
    """The embeddings of every commitment's sources, loaded once for a batch of passages to judge."""

    owners: list[int]
    matrix: np.ndarray  # one column per source, in the order of ``owners``
    columns: dict[int, list[int]]  # each commitment's columns
    # Read once per batch: judging passages changes no commitment, source or sentence.
    _texts: dict[int, list[str]] = field(default_factory=dict)
    _rows: dict[int, Any] = field(default_factory=dict)
    _spans: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    _promises: dict[tuple[int, ...], stance.Promise] = field(default_factory=dict)
    _keywords: dict[int, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, connection: Connection) -> SourceIndex:
        owners, matrix = rows.all_source_vectors(connection)
        columns: dict[int, list[int]] = {}
        for column, owner in enumerate(owners):
            columns.setdefault(owner, []).append(column)
        return cls(owners, np.ascontiguousarray(matrix.T) if matrix.size else matrix, columns)

    def vectors(self, commitment_ids: list[int]) -> dict[int, list[np.ndarray]]:
        """The embeddings of each commitment's sources (those that have one), as ``rows.source_vectors``."""
        return {i: [self.matrix[:, c] for c in self.columns[i]] for i in commitment_ids if i in self.columns}

    def keywords(self, connection: Connection, commitment_ids: list[int]) -> dict[int, set[str]]:
        """Each commitment's keywords (``rows.commitment_keywords``), read once per batch."""
        missing = [i for i in commitment_ids if i not in self._keywords]
        if missing:
            self._keywords.update(rows.keywords_of(connection, missing))
        return {i: self._keywords[i] for i in commitment_ids}

    def commitment(self, connection: Connection, commitment_id: int) -> Any:
        if commitment_id not in self._rows:
            self._rows[commitment_id] = rows.commitment(connection, commitment_id)
        return self._rows[commitment_id]

    def spans(self, connection: Connection, commitment_id: int) -> list[tuple[int, int, int]]:
        """Where the commitment is made or restated: (document, start, end) of each source sentence."""
        if commitment_id not in self._spans:
            self._spans[commitment_id] = list(rows.commitment_spans(connection, commitment_id))
        return self._spans[commitment_id]

    def promise(self, connection: Connection, group: list[tuple[Any, np.ndarray]]) -> stance.Promise:
        """The relevance model's profile of commitments judged as one (``_fragments``)."""
        key = tuple(c.id for c, _ in group)
        if key not in self._promises:
            texts = self.texts(connection, list(key))
            self._promises[key] = stance.promise([t for i in key for t in texts[i]],
                                                 np.vstack([m for _, m in group]))
        return self._promises[key]

    def texts(self, connection: Connection, commitment_ids: list[int]) -> dict[int, list[str]]:
        """The sentences of each commitment's sources (``rows.source_texts``), read once per batch."""
        missing = [i for i in commitment_ids if i not in self._texts]
        if missing:
            found = rows.source_texts_of(connection, missing)
            self._texts.update({i: found.get(i, []) for i in missing})
        return {i: self._texts[i] for i in commitment_ids}

    def nearest(self, vector: np.ndarray, floor: float, limit: int) -> list[int]:
        """The commitments (at most ``limit``) with a source at least ``floor`` similar to ``vector``."""
        if not self.owners:
            return []
        scores = vector.astype(np.float32).reshape(1, -1) @ self.matrix
        best: dict[int, float] = {}
        for row in np.flatnonzero(scores[0] >= floor):
            owner = self.owners[row]
            best[owner] = max(best.get(owner, -1.0), float(scores[0, row]))
        return sorted(best, key=lambda owner: -best[owner])[:limit]


def _assess(connection: Connection, candidate_id: int, index: SourceIndex) -> None:
    """(Re)decide which commitments a passage reports on, and how: its links are replaced.

    The commitments it may be about are those sharing a content word with it and, with sentence
    embeddings, those whose sources mean much the same (evidence seldom repeats a promise's words:
    "has not come close to keeping that pledge"); only those made before it was written count. The
    stance and relevance models then judge each against the others (``analyse.stance``); without
    embeddings, shared words decide and the passage's cue gives the stance.
    """
    candidate = rows.candidate(connection, candidate_id)
    if candidate is None:
        return
    rows.unlink_candidate(connection, candidate_id)
    words = rows.candidate_keywords(connection, candidate_id)
    ids = set(rows.commitments_sharing(connection, words, EVIDENCE_SHARED_WORDS))
    vector = vector_of(candidate.vector)
    if vector is not None:
        ids.update(index.nearest(vector, EVIDENCE_RETRIEVAL, EVIDENCE_RETRIEVED))
    known = index.keywords(connection, sorted(ids))
    commitments = [(index.commitment(connection, i), words_of) for i, words_of in sorted(known.items())]
    # A passage that restates a promise ("the promise to build 1,000 schemes is unachievable") is about
    # that promise: it stays in the running, so that it is not taken for news of another one.
    restated = {c.id for c, _ in commitments if c is not None and _restates(index.spans(connection, c.id), candidate)}
    commitments = [(c, known) for c, known in commitments if c is not None and (
        c.id in restated or _written_after(c, candidate))]
    if not commitments or len(restated) == len(commitments):
        return
    vectors = index.vectors([c.id for c, _ in commitments]) if vector is not None else {}
    # Commitments without sentence vectors (a report's numbered recommendations; no embedding model):
    # shared words decide, and the passage's cue gives the stance.
    for commitment, known_words in commitments:
        if not vectors.get(commitment.id) and commitment.id not in restated:
            found = _bears_on(connection, commitment, known_words, candidate, words)
            if found is not None:
                rows.link_evidence(connection, commitment.id, candidate_id, found[0], candidate.stance, found[1])
    commitments = [(c, known_words) for c, known_words in commitments if vectors.get(c.id)]
    if vector is None or not commitments:
        return
    sentence = rows.words(connection, candidate.document_id, candidate.start, candidate.end)
    groups = _fragments([(c, np.vstack(vectors[c.id])) for c, _ in commitments], vector)
    promises = [index.promise(connection, group) for group in groups]
    verdicts = stance.assess_sentence(sentence, vector, promises)
    # A passage reports on the commitment it is most about: on the tuning stories, linking it to every
    # commitment the models let through gave five wrong links for each right one.
    best = max(range(len(verdicts)), key=lambda n: verdicts[n].relevance)
    verdict = verdicts[best]
    if any(c.id in restated for c, _ in groups[best]):
        return  # most about a promise it restates: its own words are no evidence on it
    if verdict.stance != "none" and verdict.relevance >= EVIDENCE_RELEVANCE:
        label = verdict.stance
        if verdict.reason.startswith("model:") and stance.stance_probabilities(sentence, vector)[label] < STANCE_SURE \
                and _same_direction(label, candidate.stance):
            label = candidate.stance  # the model is unsure of the stance: the cue's ("has returned": delivered)
        for commitment, _ in groups[best]:  # entries that restate one promise all hear of it
            rows.link_evidence(connection, commitment.id, candidate_id, verdict.relevance, label,
                               f"{verdict.reason}; cue '{candidate.cue}'")


_FORWARD = {"delivered", "partly delivered", "progress"}


def _same_direction(a: str, b: str) -> bool:
    """Whether two stances point the same way: towards delivery, or away from it.

    An unsure model defers to the cue only then: "progress" read from a sentence whose cue is
    "U-turn" (about another promise) must not become "dropped".
    """
    return (a in _FORWARD) == (b in _FORWARD)


def _fragments(commitments: list[tuple[Any, np.ndarray]], vector: np.ndarray) -> list[list[tuple[Any, np.ndarray]]]:
    """Commitments grouped where their sources say much the same, the one nearest the passage first in each.

    The relevance model weighs a commitment against its rivals; entries the merge left apart that
    restate one promise are no rivals of each other, so they are judged as one.
    """
    nearest = sorted(commitments, key=lambda pair: -float((pair[1] @ vector).max()))
    groups: list[list[tuple[Any, np.ndarray]]] = []
    for commitment, matrix in nearest:
        for group in groups:
            if max(float((matrix @ other.T).max()) for _, other in group) >= FRAGMENT_SIMILARITY:
                group.append((commitment, matrix))
                break
        else:
            groups.append([(commitment, matrix)])
    return groups


def link_evidence(connection: Connection, commitment_ids: list[int], candidate_ids: list[int]) -> None:
    """Judge new passages, and known passages that new commitments may be the subject of."""
    touched = set(candidate_ids)
    for commitment_id in sorted(set(commitment_ids)):
        words = rows.commitment_keywords(connection, commitment_id)
        touched.update(rows.similar_candidates(connection, words, EVIDENCE_SHARED_WORDS))
    if not touched and not commitment_ids:
        return
    index = SourceIndex.load(connection)
    # And those near them in meaning, as a passage finds its commitments: a passage stored before the
    # promise it reports on must end as linked as one stored after it, whatever the order of ingest.
    columns = sorted({c for i in set(commitment_ids) for c in index.columns.get(i, [])})
    if columns:
        made = [c.made_on for c in map(partial(rows.commitment, connection), set(commitment_ids)) if c is not None]
        since = min(map(str, made)) if made and all(made) else None  # an undated promise: every passage
        touched.update(rows.candidates_near(connection, np.ascontiguousarray(index.matrix[:, columns]),
                                            EVIDENCE_RETRIEVAL, since))
    for candidate_id in sorted(touched):
        _assess(connection, candidate_id, index)


def resolve_actor_roles(connection: Connection) -> None:
    """Commitments made by an office ("the Home Secretary") get the holder of the day as their actor.

    Run over every such commitment: a later document may be the first to say who held the office.
    """
    for row in rows.role_commitments(connection):
        holder = holder_of(connection, row.actor_role, row.made_on)
        if holder is not None:
            rows.update_commitment(connection, row.id, actor_person_id=holder)


def deadlines_of(row: dict[str, Any]) -> list[Deadline]:
    """The commitment's deadlines as they were given: the first, then each revision from its day."""
    found = []
    if row["deadline_end"] or row.get("deadline_condition"):
        found.append(Deadline(day_of(row["made_on"]), day_of(row["deadline_end"]), row["deadline_text"],
                              row.get("deadline_condition")))
    for source in row["sources"]:
        if source.get("role") == "revised" and (source.get("deadline_end") or source.get("deadline_condition")):
            found.append(Deadline(day_of(source["said_on"]), day_of(source["deadline_end"]), source["deadline_text"],
                                  source.get("deadline_condition")))
    return found


def entries(
    connection: Connection, as_of: date, actor: str | None = None, status: str | None = None
) -> list[CommitmentEntry]:
    """The ledger as of a date, optionally only one actor's or one status's entries."""
    found = []
    for row in rows.list_commitments(connection):
        evidence = [Evidence(e["document_id"], e["start"], e["end"], e.get("link_stance") or e["stance"],
                             day_of(e["said_on"])) for e in row["evidence"]]
        deadlines = deadlines_of(row)
        state, reason = status_as_of(deadlines, evidence, as_of)
        who = Speaker(row["actor_person_id"], row["person_name"]) if row["actor_person_id"] else None
        if who is None and row["actor_role"]:
            who = Speaker(None, row["actor_role"])
        current = _deadline_entry(deadlines, as_of)
        entry = CommitmentEntry(
            id=row["id"], actor=Actor(who, row["actor_org"]), action=row["action"],
            text=" ".join(row["sources"][0]["words"].split()) if row["sources"] else row["action"],
            kind=row["kind"], confidence=round(row["confidence"], 2), made_on=row["made_on"],
            deadline=current, targets=_unique_targets(row["targets"]), status=state, status_reason=reason,
            sources=tuple(Span(s["document_id"], s["start"], s["end"]) for s in row["sources"]),
            evidence=tuple(EvidenceEntry(e.document_id, e.start, e.end, e.stance,
                                         e.date.isoformat() if e.date else None) for e in evidence),
        )
        if actor and not _actor_matches(entry, actor):
            continue
        if status and entry.status != status:
            continue
        found.append(entry)
    return found


def _deadline_entry(deadlines: list[Deadline], as_of: date) -> DeadlineEntry | None:
    from .status import deadline_in_force

    current = deadline_in_force(deadlines, as_of)
    if current is None or (current.end is None and not current.condition):
        return None
    return DeadlineEntry(current.text or "", current.said_on.isoformat() if current.said_on else "",
                         current.end.isoformat() if current.end else "")


def _unique_targets(targets: list[dict[str, Any]]) -> tuple[TargetEntry, ...]:
    seen: dict[tuple[float, str | None], TargetEntry] = {}
    for target in targets:
        key = (target["value"], target["unit"])
        seen.setdefault(key, TargetEntry(target["value"], target["unit"], target["what"]))
    return tuple(seen.values())


def _actor_matches(entry: CommitmentEntry, wanted: str) -> bool:
    wanted = wanted.casefold()
    names = [entry.actor.organisation or ""]
    if entry.actor.person is not None:
        names.append(entry.actor.person.name or "")
    return any(wanted in name.casefold() for name in names)


def history(connection: Connection, commitment_id: int, as_of: date) -> CommitmentHistory:
    """A commitment's timeline: made, restated, deadline revisions and evidence, with the status after each."""
    entry = next((e for e in entries(connection, as_of) if e.id == commitment_id), None)
    if entry is None:
        raise NotFoundError(f"no commitment with id {commitment_id}")
    (row,) = [r for r in rows.list_commitments(connection) if r["id"] == commitment_id]
    deadlines = deadlines_of(row)
    evidence = [Evidence(e["document_id"], e["start"], e["end"], e.get("link_stance") or e["stance"],
                         day_of(e["said_on"])) for e in row["evidence"]]
    steps: list[tuple[date | None, str, dict[str, Any], str]] = []
    for source in row["sources"]:
        said = day_of(source["said_on"]) or day_of(source.get("reported_on"))
        detail = source.get("reason") or ""
        if source.get("deadline_text"):
            detail = f"deadline '{source['deadline_text']}'" + (
                f" ({source['deadline_end']})" if source.get("deadline_end") else "") + f"; {detail}"
        steps.append((said, source.get("role") or "restated", source, detail))
    for item in row["evidence"]:
        stance = item.get("link_stance") or item["stance"]
        steps.append((day_of(item["said_on"]), "evidence", item,
                      f"{stance}" + (f"; {item['link_reason']}" if item.get("link_reason") else "")))
    steps.sort(key=lambda s: (s[0] is None, s[0] or date.min, s[1] != "made"))
    events = []
    for day, kind, item, detail in steps:
        state = status_as_of(deadlines, evidence, day)[0] if day else "—"
        words = " ".join(str(item.get("words") or "").split()) or rows.words(connection, item["document_id"],
                                                                            item["start"], item["end"])
        events.append(LedgerEvent(day.isoformat() if day else None, kind, item["document_id"], item["start"],
                                  item["end"], words, detail, state))
    return CommitmentHistory(entry, tuple(events))
