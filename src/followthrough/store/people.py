"""SQL for the people registry, mentions, affiliations and quotes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from ..model import Person, RoleSpan, Speaker, StoredQuote
from . import schema


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    name: str
    first: str | None
    surname: str | None
    gender: str | None
    party: str | None
    constituency: str | None
    member_id: str | None


def _row(row: Any) -> PersonRow:
    return PersonRow(row.id, row.name, row.first, row.surname, row.gender, row.party, row.constituency,
                     row.member_id)


def candidates(connection: Connection, name_key: str | None, first: str | None, surname: str | None) -> list[PersonRow]:
    """Registry people who could be this name: same full name or alias, or same surname."""
    persons, aliases = schema.persons, schema.person_aliases
    conditions = []
    if name_key:
        conditions.append(persons.c.name_key == name_key)
        conditions.append(persons.c.id.in_(select(aliases.c.person_id).where(aliases.c.alias_key == name_key)))
    if surname:
        conditions.append(func.lower(persons.c.surname) == surname.lower())
    if not conditions:
        return []
    rows = connection.execute(select(persons).where(or_(*conditions)).order_by(persons.c.id))
    found = [_row(r) for r in rows]
    if first:
        # With a first name, a same-surname person with another first name is someone else.
        found = [p for p in found if p.first is None or p.first.lower() == first.lower()
                 or (name_key is not None and _has_alias(connection, p.id, name_key))]
    return found


def _has_alias(connection: Connection, person_id: int, key: str) -> bool:
    aliases = schema.person_aliases
    query = select(aliases.c.person_id).where(aliases.c.person_id == person_id, aliases.c.alias_key == key)
    return connection.execute(query).first() is not None


def alias_keys(connection: Connection, person_id: int) -> set[str]:
    aliases = schema.person_aliases
    return set(connection.execute(select(aliases.c.alias_key).where(aliases.c.person_id == person_id)).scalars())


def by_member_id(connection: Connection, member_id: str) -> PersonRow | None:
    row = connection.execute(select(schema.persons).where(schema.persons.c.member_id == member_id)).first()
    return _row(row) if row else None


def create_person(connection: Connection, **values: Any) -> int:
    result = connection.execute(insert(schema.persons).values(**values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def update_person(connection: Connection, person_id: int, **values: Any) -> None:
    if values:
        connection.execute(update(schema.persons).where(schema.persons.c.id == person_id).values(**values))


def add_aliases(connection: Connection, person_id: int, aliases: dict[str, str]) -> None:
    """Record ``{alias_key: alias}`` for a person, skipping those already known."""
    table = schema.person_aliases
    known = alias_keys(connection, person_id)
    new = [{"person_id": person_id, "alias": alias, "alias_key": key} for key, alias in aliases.items()
           if key not in known]
    if new:
        connection.execute(insert(table), new)


def add_affiliation(connection: Connection, **values: Any) -> None:
    connection.execute(insert(schema.affiliations).values(**values))


def role_holders(connection: Connection, role_key: str, on: str | None) -> list[tuple[int, str | None]]:
    """People a role was read of, with the date nearest ``on`` each was seen in it."""
    table = schema.affiliations
    rows = connection.execute(
        select(table.c.person_id, table.c.seen_on).where(table.c.role_key == role_key)
    ).all()
    return [(r.person_id, r.seen_on) for r in rows]


def delete_findings(connection: Connection, document_id: int) -> None:
    """Forget what analysis found in a document, before it is analysed again."""
    for table in (schema.quotes, schema.mentions, schema.affiliations, schema.entities):
        connection.execute(delete(table).where(table.c.document_id == document_id))


def insert_rows(connection: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(schema.metadata.tables[table_name]), rows)


def unanalysed(connection: Connection, version: int, ids: list[int] | None) -> list[tuple[int, str, str | None]]:
    docs = schema.documents
    # A near-duplicate copy is not analysed: its findings are its original's.
    query = select(docs.c.id, docs.c.text, docs.c.published).where(docs.c.copy_of.is_(None)).order_by(docs.c.id)
    if ids is not None:
        query = query.where(docs.c.id.in_(ids))
    else:
        # A document this analysis failed on waits until it is asked for by id.
        query = query.where(or_(docs.c.analysed_version.is_(None), docs.c.analysed_version != version),
                            or_(docs.c.failed_version.is_(None), docs.c.failed_version != version))
    return [(r.id, r.text, r.published) for r in connection.execute(query)]


def still_pending(connection: Connection, version: int, ids: list[int]) -> set[int]:
    """Those of ``ids`` no other process has analysed (by ``version``) since they were read."""
    docs = schema.documents
    query = select(docs.c.id).where(docs.c.id.in_(ids), or_(docs.c.analysed_version.is_(None),
                                                            docs.c.analysed_version != version))
    return set(connection.execute(query).scalars())


def mark_analysed(connection: Connection, document_id: int, version: int, lead_vector: bytes | None = None) -> None:
    """Record that ``version`` of the analysis is done on a document, with its lead's embedding if made."""
    from ..analyse.embed import MODEL_NAME

    docs = schema.documents
    connection.execute(update(docs).where(docs.c.id == document_id).values(
        analysed_version=version, failed_version=None, analysis_error=None, lead_vector=lead_vector,
        vector_model=MODEL_NAME if lead_vector is not None else None))


def mark_failed(connection: Connection, document_id: int, version: int, reason: str) -> None:
    """Record that ``version`` of the analysis failed on a document, and why; it is not retried unasked."""
    docs = schema.documents
    connection.execute(update(docs).where(docs.c.id == document_id).values(
        failed_version=version, analysis_error=reason))


def failed(connection: Connection) -> list[tuple[int, int, str]]:
    """Documents whose analysis failed: (id, the analysis version, the reason)."""
    docs = schema.documents
    query = select(docs.c.id, docs.c.failed_version, docs.c.analysis_error).where(
        docs.c.failed_version.is_not(None)).order_by(docs.c.id)
    return [(r.id, r.failed_version, r.analysis_error or "") for r in connection.execute(query)]


def drop_orphans(connection: Connection) -> None:
    """Remove people nothing refers to any more (no mention, quote or members-list entry)."""
    persons = schema.persons
    used = select(schema.mentions.c.person_id).where(schema.mentions.c.person_id.is_not(None))
    quoted = select(schema.quotes.c.speaker_id).where(schema.quotes.c.speaker_id.is_not(None))
    connection.execute(delete(persons).where(and_(
        persons.c.member_id.is_(None), persons.c.id.not_in(used), persons.c.id.not_in(quoted),
    )))


def list_people(connection: Connection) -> list[Person]:
    """Every registry person with aliases and roles over time, by name."""
    persons, aliases, affiliations = schema.persons, schema.person_aliases, schema.affiliations
    alias_map: dict[int, list[str]] = {}
    for alias in connection.execute(select(aliases.c.person_id, aliases.c.alias).order_by(aliases.c.alias)):
        alias_map.setdefault(alias.person_id, []).append(alias.alias)
    role_map: dict[int, dict[str, list[str | None]]] = {}
    titles: dict[tuple[int, str], str] = {}
    query = select(affiliations.c.person_id, affiliations.c.role, affiliations.c.role_key, affiliations.c.seen_on)
    for seen in connection.execute(query.where(affiliations.c.role.is_not(None))):
        titles.setdefault((seen.person_id, seen.role_key), seen.role)
        role_map.setdefault(seen.person_id, {}).setdefault(seen.role_key, []).append(seen.seen_on)
    people = []
    for row in connection.execute(select(persons).order_by(persons.c.surname, persons.c.name)):
        roles = []
        for key, dates in role_map.get(row.id, {}).items():
            known = sorted(d for d in dates if d)
            roles.append(RoleSpan(titles[(row.id, key)], known[0] if known else None, known[-1] if known else None))
        roles.sort(key=lambda r: (r.first_seen or "", r.title))
        names = [a for a in alias_map.get(row.id, []) if a != row.name]
        people.append(Person(row.id, row.name, tuple(dict.fromkeys(names)), row.party, row.constituency,
                             row.member_id, tuple(roles)))
    return people


def list_quotes(connection: Connection, speaker: str | None = None) -> list[StoredQuote]:
    """Stored quotes in document order; ``speaker`` matches a name, alias or unnamed source."""
    quotes, persons, docs, aliases = schema.quotes, schema.persons, schema.documents, schema.person_aliases
    query = (
        select(quotes, persons.c.name.label("person_name"),
               func.substr(docs.c.text, quotes.c.start + 1, quotes.c.end - quotes.c.start).label("words"))
        .select_from(quotes.join(docs, docs.c.id == quotes.c.document_id)
                     .outerjoin(persons, persons.c.id == quotes.c.speaker_id))
        .order_by(quotes.c.document_id, quotes.c.start)
    )
    if speaker:
        # The user's words are matched literally: "_" and "%" are not wildcards.
        escaped = speaker.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        named = select(aliases.c.person_id).where(aliases.c.alias_key.like(pattern, escape="\\"))
        query = query.where(or_(
            func.lower(persons.c.name).like(pattern, escape="\\"), quotes.c.speaker_id.in_(named),
            func.lower(quotes.c.speaker_text).like(pattern, escape="\\"),
            func.lower(quotes.c.role).like(pattern, escape="\\"),
        ))
    found = []
    for row in connection.execute(query):
        if row.speaker_id is not None:
            who: Speaker | None = Speaker(row.speaker_id, row.person_name)
        elif row.role or row.speaker_text:
            who = Speaker(None, row.speaker_text or row.role)
        else:
            who = None
        found.append(StoredQuote(row.id, row.document_id, who, row.words, row.start, row.end, row.kind, row.cue))
    return found
