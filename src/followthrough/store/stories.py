"""SQL for stories: membership, centroids, links between stories and the index's term frequencies."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update

from ..analyse.embed import MODEL_NAME
from ..dates import day_of
from ..link.stories import Story, Vector
from . import schema

# Stories loaded for documents without a date: the most recently started ones.
UNDATED_STORIES = 2000


@dataclass(frozen=True, slots=True)
class Pending:
    """A document waiting to be placed in a story."""

    id: int
    title: str | None
    text: str
    day: date | None
    lead: Vector | None = None  # the embedding of its title and lead, if made by the model stories compare


def _vector(blob: bytes | None) -> Vector | None:
    return None if blob is None else np.frombuffer(blob, dtype=np.float32)


def _lead(blob: bytes | None, model: str | None) -> Vector | None:
    """A stored lead embedding, if the model stories compare by made it (another model's vectors do not compare)."""
    return _vector(blob) if model == MODEL_NAME else None


def _day(value: str | None) -> date | None:
    return day_of(value)


def unplaced(connection: Connection, document_ids: list[int]) -> list[Pending]:
    """Those of ``document_ids`` that are analysed originals in no story yet, oldest first (undated last)."""
    docs, members = schema.documents, schema.story_documents
    found: list[Pending] = []
    for start in range(0, len(document_ids), 500):
        chunk = document_ids[start : start + 500]
        query = (select(docs.c.id, docs.c.title, docs.c.text, docs.c.published, docs.c.lead_vector,
                        docs.c.vector_model)
                 .outerjoin(members, members.c.document_id == docs.c.id)
                 .where(docs.c.id.in_(chunk), docs.c.copy_of.is_(None), docs.c.analysed_version.is_not(None),
                        members.c.document_id.is_(None)))
        found += [Pending(r.id, r.title, r.text, _day(r.published), _lead(r.lead_vector, r.vector_model))
                  for r in connection.execute(query)]
    return sorted(found, key=lambda p: (p.day is None, p.day or date.min, p.id))


def people_in(connection: Connection, document_ids: list[int]) -> dict[int, Counter[int]]:
    """How often each registry person is mentioned in each document."""
    mentions = schema.mentions
    found: dict[int, Counter[int]] = {i: Counter() for i in document_ids}
    query = (select(mentions.c.document_id, mentions.c.person_id, func.count().label("n"))
             .where(mentions.c.document_id.in_(document_ids), mentions.c.person_id.is_not(None))
             .group_by(mentions.c.document_id, mentions.c.person_id))
    for row in connection.execute(query):
        found[row.document_id][row.person_id] = row.n
    return found


def entities_in(connection: Connection, document_ids: list[int]) -> dict[int, Counter[str]]:
    """How often each organisation or place (by label and casefolded name) is named in each document."""
    table = schema.entities
    found: dict[int, Counter[str]] = {i: Counter() for i in document_ids}
    for row in connection.execute(select(table.c.document_id, table.c.label, table.c.text)
                                  .where(table.c.document_id.in_(document_ids))):
        found[row.document_id][f"{row.label}:{row.text.casefold()}"] += 1
    return found


def clustered_documents(connection: Connection) -> int:
    """How many documents (originals) the stories hold: the corpus size the index's weights use."""
    return int(connection.execute(select(func.coalesce(func.sum(schema.stories.c.size), 0))).scalar_one())


def next_story_id(connection: Connection) -> int:
    return int(connection.execute(select(func.coalesce(func.max(schema.stories.c.id), 0))).scalar_one()) + 1


def document_frequencies(connection: Connection, terms: Iterable[str]) -> dict[str, int]:
    table, wanted, found = schema.story_terms, sorted(set(terms)), {}
    for start in range(0, len(wanted), 500):
        query = select(table.c.term, table.c.df).where(table.c.term.in_(wanted[start : start + 500]))
        found.update({row.term: row.df for row in connection.execute(query)})
    return found


def add_document_frequencies(connection: Connection, counts: Counter[str]) -> None:
    table = schema.story_terms
    known = document_frequencies(connection, counts)
    new = [{"term": t, "df": n} for t, n in counts.items() if t not in known]
    if new:
        connection.execute(insert(table), new)
    old = [{"key": t, "count": known[t] + n} for t, n in counts.items() if t in known]
    if old:
        connection.execute(update(table).where(table.c.term == bindparam("key")).values(df=bindparam("count")), old)


def _story(row: Any, related: dict[int, dict[int, float]]) -> Story:
    vector = _vector(row.vector)
    return Story(row.id, centroid=json.loads(row.centroid), first_seen=_day(row.first_seen),
                 last_seen=_day(row.last_seen), related=related.get(row.id, {}),
                 lead_sum=None if vector is None else vector * np.float32(row.vector_weight), thread=row.thread_id)


def _with_links(connection: Connection, rows: list[Any]) -> list[Story]:
    """Stories from their rows, each with the links it has."""
    links = schema.story_links
    related: dict[int, dict[int, float]] = {}
    found = [r.id for r in rows]
    for start in range(0, len(found), 500):
        query = select(links).where(links.c.story_id.in_(found[start : start + 500]))
        for link in connection.execute(query):
            related.setdefault(link.story_id, {})[link.related_id] = link.similarity
    return [_story(row, related) for row in rows]


def candidate_stories(
    connection: Connection, lookups: Iterable[set[str]], since: date | None, undated: bool, per_lookup: int
) -> list[Story]:
    """For each set of lookup terms, the ``per_lookup`` stories holding most of them; seen on or after ``since``.

    With ``undated`` (documents without a date to place), stories of any date
    qualify, but only among the most recently started ones.
    """
    table, postings = schema.stories, schema.story_postings
    recent = []
    if since is not None:
        recent.append(postings.c.last_seen >= since.isoformat())
    if undated:
        newest = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        recent.append(postings.c.story_id > newest - UNDATED_STORIES)
    if not recent:
        return []
    ids: set[int] = set()
    for terms in filter(None, lookups):
        for condition in recent:  # one query per condition: each can use an index
            query = (select(postings.c.story_id).where(postings.c.term.in_(sorted(terms)), condition)
                     .group_by(postings.c.story_id).order_by(func.count().desc(), postings.c.story_id.desc())
                     .limit(per_lookup))
            ids.update(connection.execute(query).scalars())
        if since is not None:  # stories from undated documents are candidates for any date
            query = (select(postings.c.story_id).where(postings.c.term.in_(sorted(terms)),
                                                       postings.c.last_seen.is_(None))
                     .group_by(postings.c.story_id).order_by(func.count().desc()).limit(per_lookup))
            ids.update(connection.execute(query).scalars())
    if not ids:
        return []
    conditions = []
    if since is not None:
        conditions.append(or_(table.c.last_seen >= since.isoformat(), table.c.last_seen.is_(None)))
    if undated:
        conditions.append(table.c.id > newest - UNDATED_STORIES)
    rows: list[Any] = []
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        rows += connection.execute(select(table).where(table.c.id.in_(chunk), or_(*conditions)))
    return _with_links(connection, rows)


def thread_stories(
    connection: Connection, threads: set[int], loaded: set[int], since: date | None, per_thread: int
) -> list[Story]:
    """The stories of these threads not among ``loaded``: in each, the ``per_thread`` most recently seen.

    With ``since``, only those seen on or after it (or undated).
    """
    table = schema.stories
    rank = func.row_number().over(partition_by=table.c.thread_id,
                                  order_by=(table.c.last_seen.is_(None).desc(), table.c.last_seen.desc(),
                                            table.c.id.desc()))
    rows: list[Any] = []
    listed = sorted(threads)
    for start in range(0, len(listed), 500):
        query = select(table, rank.label("rank")).where(table.c.thread_id.in_(listed[start : start + 500]))
        if since is not None:
            query = query.where(or_(table.c.last_seen >= since.isoformat(), table.c.last_seen.is_(None)))
        ranked = query.subquery()
        rows += [r for r in connection.execute(select(ranked).where(ranked.c.rank <= per_thread))
                 if r.id not in loaded]
    return _with_links(connection, rows)


def update_postings(connection: Connection, story: Story, before: set[str]) -> None:
    """Keep the postings of one story in step with its centroid's terms and its last date."""
    postings = schema.story_postings
    after = set(story.centroid)
    gone, new = sorted(before - after), sorted(after - before)
    last_seen = story.last_seen.isoformat() if story.last_seen else None
    for start in range(0, len(gone), 500):
        connection.execute(delete(postings).where(postings.c.story_id == story.id,
                                                  postings.c.term.in_(gone[start : start + 500])))
    connection.execute(update(postings).where(postings.c.story_id == story.id).values(last_seen=last_seen))
    if new:
        connection.execute(insert(postings), [{"term": t, "story_id": story.id, "last_seen": last_seen}
                                              for t in new])


def save_story(connection: Connection, story: Story, title: str | None, added: int, is_new: bool) -> None:
    """Write a story's centroids, dates and size (``added`` documents more than stored).

    The centroid vector is stored normalised, with the length of the sum it
    came from, so the next member moves it as much as it would have in memory.
    """
    table = schema.stories
    vector = story.vector
    values = {"centroid": json.dumps(story.centroid, separators=(",", ":")),
              "first_seen": story.first_seen.isoformat() if story.first_seen else None,
              "last_seen": story.last_seen.isoformat() if story.last_seen else None,
              "vector": None if vector is None else vector.astype(np.float32).tobytes(),
              "vector_weight": None if vector is None or story.lead_sum is None
              else float(np.linalg.norm(story.lead_sum))}
    if is_new:
        connection.execute(insert(table).values(id=story.id, title=title, size=added, thread_id=story.id, **values))
    else:
        connection.execute(update(table).where(table.c.id == story.id).values(size=table.c.size + added, **values))


def add_member(connection: Connection, document_id: int, story_id: int, similarity: float) -> None:
    connection.execute(insert(schema.story_documents).values(
        document_id=document_id, story_id=story_id, similarity=similarity))


def link(connection: Connection, story_id: int, related_id: int, similarity: float) -> None:
    """Record two stories as related (both ways) and put them in one thread (the older one's)."""
    links, table = schema.story_links, schema.stories
    existing = select(links.c.story_id).where(links.c.story_id == story_id, links.c.related_id == related_id)
    if connection.execute(existing).first() is not None:
        return
    connection.execute(insert(links), [
        {"story_id": story_id, "related_id": related_id, "similarity": similarity},
        {"story_id": related_id, "related_id": story_id, "similarity": similarity},
    ])
    threads = [connection.execute(select(table.c.thread_id).where(table.c.id == i)).scalar_one()
               for i in (story_id, related_id)]
    connection.execute(update(table).where(table.c.thread_id.in_(threads)).values(thread_id=min(threads)))


def attach_copies(connection: Connection, document_ids: list[int]) -> int:
    """Put each near-duplicate copy among ``document_ids`` in its original's story; returns how many."""
    docs, members = schema.documents, schema.story_documents
    placed = members.alias("placed")
    rows: list[Any] = []
    for start in range(0, len(document_ids), 500):
        query = (select(docs.c.id, members.c.story_id)
                 .join(members, members.c.document_id == docs.c.copy_of)
                 .outerjoin(placed, placed.c.document_id == docs.c.id)
                 .where(docs.c.id.in_(document_ids[start : start + 500]), docs.c.copy_of.is_not(None),
                        placed.c.document_id.is_(None)))
        rows += connection.execute(query)
    for row in rows:
        add_member(connection, row.id, row.story_id, 1.0)
    for story_id in {r.story_id for r in rows}:
        days = [d for d in map(_day, connection.execute(
            select(docs.c.published).join(members, members.c.document_id == docs.c.id)
            .where(members.c.story_id == story_id)).scalars()) if d]
        if days:
            connection.execute(update(schema.stories).where(schema.stories.c.id == story_id).values(
                first_seen=min(days).isoformat(), last_seen=max(days).isoformat()))
    return len(rows)


@dataclass(frozen=True, slots=True)
class Member:
    """A document of a story, as coverage needs it."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    copy_of: int | None
    similarity: float


def story_rows(connection: Connection, story_id: int | None = None) -> list[Any]:
    table = schema.stories
    query = select(table).order_by(table.c.first_seen.is_(None), table.c.first_seen, table.c.id)
    if story_id is not None:
        query = query.where(table.c.id == story_id)
    return list(connection.execute(query))


def members(connection: Connection, story_ids: list[int]) -> dict[int, list[Member]]:
    """The documents of each story, earliest published first (undated last)."""
    docs, outlets, table = schema.documents, schema.outlets, schema.story_documents
    query = (select(table.c.story_id, docs.c.id, docs.c.title, outlets.c.name.label("outlet"), docs.c.published,
                    docs.c.copy_of, table.c.similarity)
             .join(docs, docs.c.id == table.c.document_id)
             .outerjoin(outlets, outlets.c.id == docs.c.outlet_id)
             .where(table.c.story_id.in_(story_ids))
             .order_by(docs.c.published.is_(None), docs.c.published, docs.c.id))
    found: dict[int, list[Member]] = {i: [] for i in story_ids}
    for row in connection.execute(query):
        found[row.story_id].append(Member(row.id, row.title, row.outlet, row.published, row.copy_of,
                                          row.similarity))
    return found


def people_by_document(connection: Connection, document_ids: list[int]) -> dict[int, dict[str, int]]:
    """Registry people named in each document (by name), with how often."""
    mentions, persons = schema.mentions, schema.persons
    query = (select(mentions.c.document_id, persons.c.name, func.count().label("n"))
             .join(persons, persons.c.id == mentions.c.person_id)
             .where(mentions.c.document_id.in_(document_ids))
             .group_by(mentions.c.document_id, persons.c.name))
    found: dict[int, dict[str, int]] = {i: {} for i in document_ids}
    for row in connection.execute(query):
        found[row.document_id][row.name] = row.n
    return found


def texts(connection: Connection, document_ids: list[int]) -> dict[int, str]:
    docs = schema.documents
    return {r.id: r.text for r in connection.execute(select(docs.c.id, docs.c.text).where(docs.c.id.in_(document_ids)))}


def related(connection: Connection, story_id: int) -> list[tuple[Any, float]]:
    """Stories linked to this one and the rest of its thread, most similar first."""
    table, links = schema.stories, schema.story_links
    linked = {r.related_id: r.similarity for r in connection.execute(
        select(links.c.related_id, links.c.similarity).where(links.c.story_id == story_id))}
    thread = select(table.c.thread_id).where(table.c.id == story_id).scalar_subquery()
    rows = connection.execute(select(table).where(
        or_(table.c.id.in_(list(linked)), table.c.thread_id == thread), table.c.id != story_id))
    return sorted(((r, linked.get(r.id, 0.0)) for r in rows), key=lambda pair: (-pair[1], pair[0].id))


def story_of(connection: Connection, document_id: int) -> int | None:
    table = schema.story_documents
    return connection.execute(select(table.c.story_id).where(table.c.document_id == document_id)).scalar()
