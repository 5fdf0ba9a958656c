"""SQL for the ledger: commitments, sources, targets, evidence candidates and evidence."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, case, delete, exists, func, insert, or_, select, update

from . import schema


def _insert(connection: Connection, table_name: str, values: dict[str, Any]) -> int:
    key = connection.execute(insert(schema.metadata.tables[table_name]).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def delete_document(connection: Connection, document_id: int) -> None:
    """Forget a document's commitment sources, targets and evidence candidates; drop sourceless commitments."""
    for table in (schema.commitment_sources, schema.targets, schema.evidence_candidates, schema.recommendations):
        connection.execute(delete(table).where(table.c.document_id == document_id))
    sourced = select(schema.commitment_sources.c.commitment_id)
    connection.execute(delete(schema.commitments).where(schema.commitments.c.id.not_in(sourced)))


def similar_commitments(connection: Connection, words: set[str], minimum: int) -> dict[int, set[str]]:
    """Commitments sharing at least ``minimum`` keywords with ``words``, with all their keywords."""
    return keywords_of(connection, commitments_sharing(connection, words, minimum))


def commitments_sharing(connection: Connection, words: set[str], minimum: int) -> list[int]:
    """The ids of commitments sharing at least ``minimum`` keywords with ``words``."""
    table = schema.commitment_keywords
    if not words:
        return []
    return list(connection.execute(
        select(table.c.commitment_id).where(table.c.keyword.in_(words)).group_by(table.c.commitment_id)
        .having(func.count() >= minimum)).scalars())


def keywords_of(connection: Connection, commitment_ids: Iterable[int]) -> dict[int, set[str]]:
    """``commitment_keywords`` for several commitments in one query."""
    table = schema.commitment_keywords
    found: dict[int, set[str]] = {i: set() for i in commitment_ids}
    if found:
        query = select(table).where(table.c.commitment_id.in_(bindparam("ids", expanding=True)))
        for row in connection.execute(query, {"ids": sorted(found)}):
            found[row.commitment_id].add(row.keyword)
    return found


def similar_candidates(connection: Connection, words: set[str], minimum: int) -> dict[int, set[str]]:
    """Evidence candidates sharing at least ``minimum`` keywords with ``words``."""
    table = schema.candidate_keywords
    if not words:
        return {}
    shared = (select(table.c.candidate_id).where(table.c.keyword.in_(words)).group_by(table.c.candidate_id)
              .having(func.count() >= minimum))
    found: dict[int, set[str]] = {}
    for row in connection.execute(select(table).where(table.c.candidate_id.in_(shared))):
        found.setdefault(row.candidate_id, set()).add(row.keyword)
    return found


def commitment(connection: Connection, commitment_id: int) -> Any:
    return connection.execute(select(schema.commitments).where(schema.commitments.c.id == commitment_id)).first()


def commitment_documents(connection: Connection, commitment_id: int) -> set[int]:
    table = schema.commitment_sources
    return set(connection.execute(select(table.c.document_id).where(table.c.commitment_id == commitment_id))
               .scalars())


def commitment_spans(connection: Connection, commitment_id: int) -> list[tuple[int, int, int]]:
    """(document, start, end) of each sentence that makes or restates a commitment."""
    table = schema.commitment_sources
    query = select(table.c.document_id, table.c.start, table.c.end).where(table.c.commitment_id == commitment_id)
    return [(row.document_id, row.start, row.end) for row in connection.execute(query)]


def all_source_vectors(connection: Connection) -> tuple[list[int], Any]:
    """Every commitment source's embedding as one matrix, with the commitment each row belongs to."""
    import numpy as np

    table = schema.commitment_sources
    owners: list[int] = []
    vectors: list[Any] = []
    query = select(table.c.commitment_id, table.c.vector).where(table.c.vector.is_not(None)).order_by(table.c.id)
    for row in connection.execute(query):
        owners.append(row.commitment_id)
        vectors.append(np.frombuffer(row.vector, dtype=np.float32))
    return owners, (np.vstack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32))


def candidates_near(connection: Connection, vectors: Any, floor: float, since: str | None,
                    batch: int = 4096) -> set[int]:
    """Passages whose embedding is at least ``floor`` similar to one of ``vectors`` (columns of a matrix).

    Only passages written in or after the month of ``since`` (or undated) are read, in batches.
    """
    import numpy as np

    table = schema.evidence_candidates
    query = select(table.c.id, table.c.vector).where(table.c.vector.is_not(None))
    if since:
        query = query.where(or_(table.c.said_on.is_(None), table.c.said_on >= since[:7]))
    found: set[int] = set()
    for part in connection.execute(query.order_by(table.c.id)).partitions(batch):
        matrix = np.vstack([np.frombuffer(row.vector, dtype=np.float32) for row in part])
        near = np.flatnonzero((matrix @ vectors >= floor).any(axis=1))
        found.update(part[int(n)].id for n in near)
    return found


def candidate(connection: Connection, candidate_id: int) -> Any:
    table = schema.evidence_candidates
    return connection.execute(select(table).where(table.c.id == candidate_id)).first()


def create_commitment(connection: Connection, **values: Any) -> int:
    return _insert(connection, "commitments", values)


def update_commitment(connection: Connection, commitment_id: int, **values: Any) -> None:
    if values:
        table = schema.commitments
        connection.execute(update(table).where(table.c.id == commitment_id).values(**values))


def add_source(connection: Connection, **values: Any) -> None:
    _insert(connection, "commitment_sources", values)


def add_keywords(connection: Connection, commitment_id: int, words: Iterable[str]) -> None:
    table = schema.commitment_keywords
    known = set(connection.execute(select(table.c.keyword).where(table.c.commitment_id == commitment_id)).scalars())
    new = [{"commitment_id": commitment_id, "keyword": w} for w in sorted(set(words) - known)]
    if new:
        connection.execute(insert(table), new)


def add_targets(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(schema.targets), rows)


def add_candidate(connection: Connection, words: set[str], **values: Any) -> int:
    candidate_id = _insert(connection, "evidence_candidates", values)
    if words:
        connection.execute(insert(schema.candidate_keywords),
                           [{"candidate_id": candidate_id, "keyword": w} for w in sorted(words)])
    return candidate_id


def link_evidence(connection: Connection, commitment_id: int, candidate_id: int, score: float, stance: str,
                  reason: str) -> None:
    table = schema.evidence
    exists = connection.execute(select(table.c.score).where(
        table.c.commitment_id == commitment_id, table.c.candidate_id == candidate_id)).first()
    if exists is None:
        connection.execute(insert(table).values(commitment_id=commitment_id, candidate_id=candidate_id, score=score,
                                                stance=stance, reason=reason))


def unlink_candidate(connection: Connection, candidate_id: int) -> None:
    table = schema.evidence
    connection.execute(delete(table).where(table.c.candidate_id == candidate_id))


def source_texts(connection: Connection, commitment_id: int) -> list[str]:
    """The sentences that make or restate a commitment, in the order of its sources.

    Where a sentence holds another commitment too ("publish the list …, and open the scheme …"),
    the words of this one's action alone.
    """
    return source_texts_of(connection, [commitment_id]).get(commitment_id, [])


def source_texts_of(connection: Connection, commitment_ids: Iterable[int]) -> dict[int, list[str]]:
    """``source_texts`` for several commitments in one query (those without any are left out)."""
    wanted = sorted(set(commitment_ids))
    if not wanted:
        return {}
    found: dict[int, list[str]] = {}
    for owner, text in connection.execute(_source_texts_query(), {"ids": wanted}):
        found.setdefault(owner, []).append(" ".join(str(text).split()))
    return found


@lru_cache(maxsize=1)
def _source_texts_query() -> Select[Any]:
    """Built once: composing this select (an alias, a correlated EXISTS) costs more than running it."""
    sources, docs = schema.commitment_sources, schema.documents
    other = sources.alias("other")
    sibling = exists().where(other.c.document_id == sources.c.document_id, other.c.start == sources.c.start,
                             other.c.commitment_id != sources.c.commitment_id)
    words = case((sibling, func.substr(docs.c.text, sources.c.action_start + 1,
                                       sources.c.action_end - sources.c.action_start)),
                 else_=func.substr(docs.c.text, sources.c.start + 1, sources.c.end - sources.c.start))
    return (select(sources.c.commitment_id, words)
            .select_from(sources.join(docs, docs.c.id == sources.c.document_id))
            .where(sources.c.commitment_id.in_(bindparam("ids", expanding=True)), sources.c.vector.is_not(None))
            .order_by(sources.c.commitment_id, sources.c.id))


def commitment_keywords(connection: Connection, commitment_id: int) -> set[str]:
    table = schema.commitment_keywords
    return set(connection.execute(select(table.c.keyword).where(table.c.commitment_id == commitment_id)).scalars())


def commitments_of_actor(connection: Connection, person_id: int | None, org: str | None, limit: int) -> list[int]:
    """The latest commitments of a person, or else of an organisation (by name): merge candidates."""
    table = schema.commitments
    if person_id is not None:
        condition = table.c.actor_person_id == person_id
    elif org:
        condition = func.lower(table.c.actor_org) == org.casefold()
    else:
        return []
    return list(connection.execute(select(table.c.id).where(condition).order_by(table.c.id.desc()).limit(limit))
                .scalars())


def source_vectors(connection: Connection, commitment_ids: list[int]) -> dict[int, list[Any]]:
    """The sentence embeddings of each commitment's sources (those that have one)."""
    import numpy as np

    table = schema.commitment_sources
    found: dict[int, list[Any]] = {}
    for start in range(0, len(commitment_ids), 500):
        chunk = commitment_ids[start : start + 500]
        for row in connection.execute(select(table.c.commitment_id, table.c.vector).where(
                table.c.commitment_id.in_(chunk), table.c.vector.is_not(None)).order_by(table.c.id)):
            found.setdefault(row.commitment_id, []).append(np.frombuffer(row.vector, dtype=np.float32))
    return found


def role_commitments(connection: Connection) -> list[Any]:
    table = schema.commitments
    return list(connection.execute(select(table.c.id, table.c.actor_role, table.c.made_on).where(
        table.c.actor_role.is_not(None))))


def has_source_sentence(connection: Connection, commitment_id: int, document_id: int, start: int) -> bool:
    table = schema.commitment_sources
    return connection.execute(select(table.c.id).where(
        table.c.commitment_id == commitment_id, table.c.document_id == document_id, table.c.start == start,
    )).first() is not None


def candidate_keywords(connection: Connection, candidate_id: int) -> set[str]:
    table = schema.candidate_keywords
    return set(connection.execute(select(table.c.keyword).where(table.c.candidate_id == candidate_id)).scalars())


def list_commitments(connection: Connection) -> list[dict[str, Any]]:
    """Every commitment with its sources, targets and evidence, as plain rows."""
    c, persons = schema.commitments, schema.persons
    rows = connection.execute(
        select(c, persons.c.name.label("person_name")).select_from(
            c.outerjoin(persons, persons.c.id == c.c.actor_person_id)).order_by(c.c.made_on, c.c.id)
    ).mappings().all()
    found = {row["id"]: {**row, "sources": [], "targets": [], "evidence": []} for row in rows}
    sources, docs = schema.commitment_sources, schema.documents
    source_columns = [c for c in sources.c if c.name != "vector"]
    for row in connection.execute(
        select(*source_columns, func.substr(docs.c.text, sources.c.start + 1, sources.c.end - sources.c.start)
               .label("words")).select_from(sources.join(docs, docs.c.id == sources.c.document_id))
        .order_by(sources.c.said_on, sources.c.id)
    ).mappings():
        if row["commitment_id"] in found:
            found[row["commitment_id"]]["sources"].append(dict(row))
    for row in connection.execute(select(schema.targets).order_by(schema.targets.c.id)).mappings():
        if row["commitment_id"] in found:
            found[row["commitment_id"]]["targets"].append(dict(row))
    e, cand = schema.evidence, schema.evidence_candidates
    for row in connection.execute(
        select(e.c.commitment_id, e.c.score, e.c.stance.label("link_stance"), e.c.reason.label("link_reason"),
               cand.c.id, cand.c.document_id, cand.c.start, cand.c.end, cand.c.stance, cand.c.cue, cand.c.said_on)
        .select_from(e.join(cand, cand.c.id == e.c.candidate_id))
        .order_by(cand.c.said_on, cand.c.id)
    ).mappings():
        if row["commitment_id"] in found:
            found[row["commitment_id"]]["evidence"].append(dict(row))
    return list(found.values())


def words(connection: Connection, document_id: int, start: int, end: int) -> str:
    """The words at a span of a document, on one line."""
    docs = schema.documents
    text = connection.execute(select(func.substr(docs.c.text, start + 1, end - start))
                              .where(docs.c.id == document_id)).scalar()
    return " ".join(str(text or "").split())


def document_outlet(connection: Connection, document_id: int) -> str | None:
    """The outlet that published a document, whose voice its unquoted "we" is."""
    docs, outlets = schema.documents, schema.outlets
    return connection.execute(select(outlets.c.name).select_from(docs.join(outlets, outlets.c.id == docs.c.outlet_id))
                              .where(docs.c.id == document_id)).scalar()


def add_recommendation(connection: Connection, **values: Any) -> None:
    _insert(connection, "recommendations", values)


def reports_with_recommendations(connection: Connection, before: str | None) -> list[Any]:
    """Documents holding numbered recommendations, published on or before ``before``."""
    docs, outlets, recs = schema.documents, schema.outlets, schema.recommendations
    query = (select(docs.c.id.label("document_id"), docs.c.title, docs.c.author, outlets.c.name.label("outlet"))
             .select_from(docs.outerjoin(outlets, outlets.c.id == docs.c.outlet_id))
             .where(docs.c.id.in_(select(recs.c.document_id))))
    if before:
        query = query.where(docs.c.published <= before + "~")
    return list(connection.execute(query.order_by(docs.c.published.desc())))


def accept_report(connection: Connection, document_id: int, commitment_id: int) -> None:
    """Mark a report's recommendations accepted by a commitment; their entries become accepted ones."""
    recs = schema.recommendations
    connection.execute(update(recs).where(recs.c.document_id == document_id).values(accepted_by=commitment_id))
    owned = select(recs.c.commitment_id).where(recs.c.document_id == document_id)
    connection.execute(update(schema.commitments).where(schema.commitments.c.id.in_(owned))
                       .values(kind="accepted recommendation"))


def list_recommendations(connection: Connection) -> list[dict[str, Any]]:
    recs, docs = schema.recommendations, schema.documents
    query = (select(recs, docs.c.title.label("report"),
                    func.substr(docs.c.text, recs.c.start + 1, recs.c.end - recs.c.start).label("text"))
             .select_from(recs.join(docs, docs.c.id == recs.c.document_id))
             .order_by(recs.c.document_id, recs.c.number))
    return [dict(row) for row in connection.execute(query).mappings()]
