"""Commitments across documents: one ledger entry per commitment, and the evidence on it.

The same commitment reported by several outlets, or repeated later, becomes one
entry with every source and the earliest date it was made. A later passage
reporting an outcome becomes evidence for the commitments it shares enough
content words with, when it was written after they were made.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from ..analyse import Findings
from ..analyse.commitments import AUTHOR, Commitment
from ..analyse.keywords import keywords
from ..dates import day_of
from ..model import Actor, CommitmentEntry, DeadlineEntry, EvidenceEntry, Span, Speaker, TargetEntry
from ..store import ledger as rows
from .registry import holder_of
from .status import Evidence, status_as_of

# Two commitments are one when they share this many content words, covering
# this share of the shorter one's words, and their actors do not disagree.
SAME_MIN_WORDS = 2
SAME_MIN_SHARE = 0.6
# A passage is evidence for a commitment when it covers this share of its words.
EVIDENCE_MIN_WORDS = 2
EVIDENCE_MIN_SHARE = 0.4
_KIND_RANK = {"pledge": 3, "accepted recommendation": 3, "recommendation": 2, "announcement": 1}


def _actors_agree(existing: Any, person_id: int | None, org: str | None, role: str | None) -> bool:
    if existing.actor_person_id is not None and person_id is not None:
        return bool(existing.actor_person_id == person_id)
    if existing.actor_org and org:
        return str(existing.actor_org).casefold() == org.casefold()
    if existing.actor_role and role:
        return str(existing.actor_role).casefold() == role.casefold()
    return True


def _share(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def link_commitments(connection: Connection, findings: Findings, registry: dict[int, int | None]) -> list[int]:
    """Merge a document's commitments into the ledger; returns the ids of entries touched."""
    document_id = findings.document_id
    touched: list[int] = []
    for found in findings.commitments:
        if found.actor_org == AUTHOR:
            found.actor_org = rows.document_outlet(connection, document_id)  # "We will …" in its own voice
        person_id = registry.get(found.actor_person) if found.actor_person is not None else None
        words = keywords(found.action)
        match = None
        if found.kind == "recommendation":
            # A report's recommendations are each their own entry, however alike.
            commitment_id = rows.create_commitment(connection, **_values(found, person_id, document_id))
            rows.add_recommendation(connection, document_id=document_id, number=found.number, start=found.start,
                                    end=found.end, addressee=found.actor_org, commitment_id=commitment_id)
            _add_source(connection, commitment_id, found, document_id, words)
            touched.append(commitment_id)
            continue
        for candidate_id, known in rows.similar_commitments(connection, words, SAME_MIN_WORDS).items():
            existing = rows.commitment(connection, candidate_id)
            if _share(words, known) < SAME_MIN_SHARE or not _actors_agree(
                existing, person_id, found.actor_org, found.actor_role
            ):
                continue
            if rows.has_source_sentence(connection, candidate_id, document_id, found.start):
                continue  # a sibling from the same sentence ("including X, as well as Y"), not a repeat
            match = existing
            break
        if match is None:
            commitment_id = rows.create_commitment(connection, **_values(found, person_id, document_id))
        else:
            commitment_id = match.id
            rows.update_commitment(connection, commitment_id, **_merged(match, found, person_id, document_id))
        _add_source(connection, commitment_id, found, document_id, words)
        touched.append(commitment_id)
        if found.kind == "accepted recommendation":
            accept_recommendations(connection, commitment_id, found)
    return touched


def _add_source(connection: Connection, commitment_id: int, found: Commitment, document_id: int,
                words: set[str]) -> None:
    rows.add_source(connection, commitment_id=commitment_id, document_id=document_id, start=found.start,
                    end=found.end, action_start=found.action_start, action_end=found.action_end,
                    said_on=found.said_on.isoformat() if found.said_on else None)
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
    return {"deadline_text": deadline.text,
            "deadline_start": deadline.start.isoformat() if deadline.start else None,
            "deadline_end": deadline.end.isoformat() if deadline.end else None,
            "deadline_precision": deadline.precision,
            "deadline_document_id": document_id, "deadline_span_start": deadline.timex.start,
            "deadline_span_end": deadline.timex.end}


def _values(found: Commitment, person_id: int | None, document_id: int) -> dict[str, Any]:
    return {"actor_person_id": person_id, "actor_role": found.actor_role, "actor_org": found.actor_org,
            "action": found.action, "kind": found.kind, "confidence": found.confidence,
            "made_on": found.said_on.isoformat() if found.said_on else None,
            **_deadline_values(found, document_id)}


def _merged(existing: Any, found: Commitment, person_id: int | None, document_id: int) -> dict[str, Any]:
    """What a new report adds to a known commitment: an earlier date, a deadline, a fuller actor."""
    changes: dict[str, Any] = {}
    said_on = found.said_on.isoformat() if found.said_on else None
    if said_on and (existing.made_on is None or said_on < existing.made_on):
        changes["made_on"] = said_on
    if existing.deadline_end is None and found.deadline is not None:
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
                           said_on=candidate.said_on.isoformat() if candidate.said_on else None)
        for candidate in findings.evidence
    ]


def _bears_on(connection: Connection, commitment: Any, commitment_words: set[str], candidate: Any,
              candidate_words: set[str]) -> float | None:
    """How strongly a passage bears on a commitment, or None when it does not."""
    shared = commitment_words & candidate_words
    if len(shared) < EVIDENCE_MIN_WORDS or len(shared) / len(commitment_words) < EVIDENCE_MIN_SHARE:
        return None
    if candidate.document_id in rows.commitment_documents(connection, commitment.id):
        return None  # a report of the promise is not evidence about it
    if commitment.made_on and candidate.said_on and candidate.said_on[:10] <= commitment.made_on[:10]:
        return None  # evidence comes after the promise
    return len(shared) / len(commitment_words)


def link_evidence(connection: Connection, commitment_ids: list[int], candidate_ids: list[int]) -> None:
    """Link new commitments to known passages and new passages to known commitments."""
    for commitment_id in set(commitment_ids):
        commitment = rows.commitment(connection, commitment_id)
        if commitment is None:
            continue
        words = keywords(commitment.action)
        for candidate_id, candidate_words in rows.similar_candidates(connection, words, EVIDENCE_MIN_WORDS).items():
            candidate = rows.candidate(connection, candidate_id)
            score = _bears_on(connection, commitment, words, candidate, candidate_words)
            if score is not None:
                rows.link_evidence(connection, commitment_id, candidate_id, score)
    for candidate_id in set(candidate_ids):
        candidate = rows.candidate(connection, candidate_id)
        candidate_words = rows.candidate_keywords(connection, candidate_id)
        for commitment_id, words in rows.similar_commitments(connection, candidate_words, EVIDENCE_MIN_WORDS).items():
            commitment = rows.commitment(connection, commitment_id)
            score = _bears_on(connection, commitment, words, candidate, candidate_words)
            if score is not None:
                rows.link_evidence(connection, commitment_id, candidate_id, score)


def resolve_actor_roles(connection: Connection) -> None:
    """Commitments made by an office ("the Home Secretary") get the holder of the day as their actor.

    Run over every such commitment: a later document may be the first to say who held the office.
    """
    for row in rows.role_commitments(connection):
        holder = holder_of(connection, row.actor_role, row.made_on)
        if holder is not None:
            rows.update_commitment(connection, row.id, actor_person_id=holder)


def entries(
    connection: Connection, as_of: date, actor: str | None = None, status: str | None = None
) -> list[CommitmentEntry]:
    """The ledger as of a date, optionally only one actor's or one status's entries."""
    found = []
    for row in rows.list_commitments(connection):
        evidence = [Evidence(e["document_id"], e["start"], e["end"], e["stance"],
                             day_of(e["said_on"]))
                    for e in row["evidence"]]
        deadline_end = day_of(row["deadline_end"])
        state, reason = status_as_of(deadline_end, row["deadline_text"], evidence, as_of)
        who = Speaker(row["actor_person_id"], row["person_name"]) if row["actor_person_id"] else None
        if who is None and row["actor_role"]:
            who = Speaker(None, row["actor_role"])
        entry = CommitmentEntry(
            id=row["id"], actor=Actor(who, row["actor_org"]), action=row["action"],
            text=" ".join(row["sources"][0]["words"].split()) if row["sources"] else row["action"],
            kind=row["kind"], confidence=round(row["confidence"], 2), made_on=row["made_on"],
            deadline=DeadlineEntry(row["deadline_text"], row["deadline_start"], row["deadline_end"])
            if row["deadline_end"] else None,
            targets=_unique_targets(row["targets"]), status=state, status_reason=reason,
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
