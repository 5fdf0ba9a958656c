"""One Person per real person, across documents.

A document's people are matched to the registry by full name or alias; a
surname alone links only when exactly one registered person has it, so two
people who share a surname stay apart. A seat or member id that disagrees keeps
two records apart too. People named only by office ("the Home Secretary") are
resolved after the whole batch is in, to whoever the registry has seen in that
office nearest the date the words were said.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, or_, select, update

from ..analyse import Findings
from ..analyse.affiliations import HONORIFIC_PATTERN, is_single_holder, normalise_party, role_key
from ..analyse.people import MP_FOR, LocalPerson
from ..dates import middle_of
from ..errors import InputError
from ..store import people as rows
from ..store import schema

_HONORIFICS = re.compile(rf"^(?:(?:Rt\.? Hon\.?|The Rt Hon|Hon\.?)\s+)?(?:{HONORIFIC_PATTERN}\s+)?", re.IGNORECASE)
_POST_NOMINALS = re.compile(r"(?:\s+(?:MP|KC|QC|MSP|MBE|OBE|CBE|DBE|PC))+$")
# A role read of someone counts for the same office this long either side.
ROLE_WINDOW_DAYS = 2 * 365
MEMBERS_COLUMNS = ("display_as", "party_text", "pcon_name", "member_id")


def plain_name(name: str) -> str:
    """A name without honorifics or letters after it: 'Rt Hon Yvette Cooper MP' → 'Yvette Cooper'."""
    name = " ".join(name.split())
    name = _POST_NOMINALS.sub("", _HONORIFICS.sub("", name))
    return name.strip()


def name_key(name: str) -> str:
    return " ".join(re.sub(r"[.,]", "", plain_name(name)).casefold().replace("’", "'").split())


def alias_key(name: str) -> str:
    """Aliases keep their honorific ("Lady Casey"), compared without case or full stops."""
    return " ".join(re.sub(r"[.,]", "", name).casefold().replace("’", "'").split())


def _split(name: str) -> tuple[str | None, str | None]:
    words = plain_name(name).split()
    if not words:
        return None, None
    if len(words) == 1:
        return None, words[0]
    return words[0], words[-1]


def resolve_person(connection: Connection, person: LocalPerson) -> int | None:
    """The registry id for a document's person, creating one when nobody matches."""
    key = name_key(person.name)
    found = [
        c for c in rows.candidates(connection, key if person.full else None, person.first, person.surname)
        if not (c.constituency and person.constituency and c.constituency != person.constituency)
        and (person.gender is None or c.gender in (None, person.gender))
    ]
    if person.full:
        exact = [c for c in found if c.first is not None]
        if exact:
            best = sorted(exact, key=lambda c: (
                c.constituency != person.constituency, c.member_id is None, c.id))[0]
            return best.id
        if len(found) == 1:  # known so far by surname alone: now we know the full name
            rows.update_person(connection, found[0].id, name=plain_name(person.name), name_key=key,
                               first=person.first)
            return found[0].id
        return _create(connection, person)
    if len(found) > 1:
        # "Ms Cooper" among several Coopers: the one already known by that very form.
        written = {alias_key(m.text) for m in person.mentions if m.kind == "name"}
        found = [c for c in found if written & rows.alias_keys(connection, c.id)]
    if len(found) == 1:
        return found[0].id
    if not found and person.surname and not _shared_surname(connection, person.surname):
        return _create(connection, person)
    return None  # a surname several people share: no guess


def _shared_surname(connection: Connection, surname: str) -> bool:
    return len(rows.candidates(connection, None, None, surname)) > 1


def _create(connection: Connection, person: LocalPerson) -> int:
    name = plain_name(person.name)
    return rows.create_person(
        connection, name=name, name_key=name_key(name), first=person.first, surname=person.surname,
        gender=person.gender, party=person.party, constituency=person.constituency,
    )


def link_document(connection: Connection, findings: Findings) -> dict[int, int | None]:
    """Store one document's people, mentions, affiliations and quotes, replacing earlier ones.

    Returns the registry id of each of the document's people (by their key in the findings).
    """
    document_id, said_on = findings.document_id, findings.said_on
    rows.delete_findings(connection, document_id)
    registry: dict[int, int | None] = {}
    mentions: list[dict[str, Any]] = []
    for person in findings.people.persons:
        person_id = resolve_person(connection, person)
        registry[person.key] = person_id
        for mention in person.mentions:
            mentions.append({"document_id": document_id, "person_id": person_id, "start": mention.start,
                             "end": mention.end, "text": mention.text, "kind": mention.kind})
        if person_id is None:
            continue
        written = sorted({m.text for m in person.mentions if m.kind == "name"})
        rows.add_aliases(connection, person_id, {alias_key(w): w for w in written})
        _record_affiliations(connection, person_id, person, document_id, said_on)
    for role in findings.people.roles:
        if role.person is None:
            anaphor = registry.get(role.anaphor) if role.anaphor is not None else None
            mentions.append({"document_id": document_id, "person_id": anaphor, "start": role.start,
                             "end": role.end, "text": role.text, "kind": "role-anaphor" if anaphor else "role"})
    rows.insert_rows(connection, "mentions", mentions)
    rows.insert_rows(connection, "quotes", [
        {"document_id": document_id, "speaker_id": registry.get(q.speaker) if q.speaker is not None else None,
         "speaker_text": q.speaker_text, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
         "role": q.role, "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end, "kind": q.kind,
         "start": q.start, "end": q.end}
        for q in findings.quotes
    ])
    rows.insert_rows(connection, "entities", [
        {"document_id": document_id, "label": e.label, "text": e.text, "start": e.start, "end": e.end}
        for e in findings.entities
    ])
    return registry


def _record_affiliations(
    connection: Connection, person_id: int, person: LocalPerson, document_id: int, said_on: str | None
) -> None:
    base = {"person_id": person_id, "document_id": document_id, "party": person.party,
            "constituency": person.constituency, "seen_on": said_on, "source": "text"}
    roles: list[str | None] = list(person.roles) or [None]
    for role in roles:
        if role is None and not (person.party or person.constituency):
            continue
        rows.add_affiliation(connection, role=role, role_key=role_key(role) if role else None, **base)
    current = connection.execute(
        select(schema.persons.c.member_id).where(schema.persons.c.id == person_id)
    ).scalar()
    if current is None:  # a members list outranks what the copy says
        changes = {k: v for k, v in (("party", person.party), ("constituency", person.constituency)) if v}
        rows.update_person(connection, person_id, **changes)


def _days_apart(a: str | None, b: str | None) -> int:
    first, second = middle_of(a), middle_of(b)
    if first is None or second is None:
        return ROLE_WINDOW_DAYS  # unknown dates: at the edge of the window
    return abs((first - second).days)


def holder_of(connection: Connection, role: str, said_on: str | None, constituency: str | None = None) -> int | None:
    """Who the registry has seen in ``role`` nearest ``said_on``; ``None`` when nobody, or a tie."""
    if constituency:
        members = connection.execute(
            select(schema.persons.c.id).where(schema.persons.c.constituency == constituency)
        ).scalars().all()
        return members[0] if len(members) == 1 else None
    if not is_single_holder(role):
        return None
    seen: dict[int, int] = {}
    for person_id, seen_on in rows.role_holders(connection, role_key(role), said_on):
        gap = _days_apart(seen_on, said_on)
        if gap <= ROLE_WINDOW_DAYS:
            seen[person_id] = min(gap, seen.get(person_id, gap))
    if not seen:
        return None
    ranked = sorted(seen.items(), key=lambda item: item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def resolve_roles(connection: Connection, document_ids: list[int]) -> None:
    """Give unresolved role mentions and role-named speakers the office holder of their day.

    Earlier documents whose offices are still unresolved are tried again too: a later
    document may be the first to say who held the office.
    """
    docs, mentions, quotes = schema.documents, schema.mentions, schema.quotes
    waiting = select(mentions.c.document_id).where(mentions.c.kind.in_(("role", "role-anaphor")),
                                                   mentions.c.person_id.is_(None))
    unnamed_speakers = select(quotes.c.document_id).where(quotes.c.role.is_not(None), quotes.c.speaker_id.is_(None))
    document_ids = sorted(set(document_ids) | set(connection.execute(waiting).scalars())
                          | set(connection.execute(unnamed_speakers).scalars()))
    dates = dict(connection.execute(select(docs.c.id, docs.c.published).where(docs.c.id.in_(document_ids))).all())
    pending = connection.execute(select(mentions.c.id, mentions.c.document_id, mentions.c.text).where(
        mentions.c.document_id.in_(document_ids),
        or_(and_(mentions.c.person_id.is_(None), mentions.c.kind == "role"), mentions.c.kind == "role-anaphor"),
    )).all()
    for mention in pending:
        text = re.sub(r"^(?:the|a|an|this|his|her)\s+", "", mention.text, flags=re.IGNORECASE)
        seat = MP_FOR.search(text)
        holder = holder_of(connection, text, dates.get(mention.document_id), seat.group("seat") if seat else None)
        if holder is not None:
            connection.execute(update(mentions).where(mentions.c.id == mention.id).values(
                person_id=holder, kind="role"))
    unnamed = connection.execute(select(quotes.c.id, quotes.c.document_id, quotes.c.role).where(
        quotes.c.document_id.in_(document_ids), quotes.c.role.is_not(None),
    )).all()
    for quote in unnamed:
        seat = MP_FOR.search(quote.role)
        holder = holder_of(connection, quote.role, dates.get(quote.document_id), seat.group("seat") if seat else None)
        if holder is not None:
            connection.execute(update(quotes).where(quotes.c.id == quote.id).values(speaker_id=holder))


def import_members(connection: Connection, path: Path) -> tuple[int, int]:
    """Load a members list (display_as, party_text, pcon_name, member_id); returns (added, updated)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in MEMBERS_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(str(path), f"not a members list: missing column(s) {', '.join(missing)}")
            entries = list(reader)
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file or directory") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"unreadable CSV ({exc})") from exc
    added = updated = 0
    for entry in entries:
        if any(entry.get(c) is None for c in MEMBERS_COLUMNS):
            continue  # a short row: too few fields to be a member
        name = plain_name(entry["display_as"])
        member_id = entry["member_id"].strip()
        if not name or not member_id:
            continue
        first, surname = _split(name)
        party = normalise_party(entry["party_text"]) or entry["party_text"].strip() or None
        values = {"party": party, "constituency": entry["pcon_name"].strip() or None, "member_id": member_id}
        existing = rows.by_member_id(connection, member_id)
        if existing is None:
            same = [c for c in rows.candidates(connection, name_key(name), first, surname)
                    if c.member_id is None and c.first is not None and name_key(c.name) == name_key(name)]
            existing = same[0] if len(same) == 1 else None
        if existing is None:
            person_id = rows.create_person(connection, name=name, name_key=name_key(name), first=first,
                                           surname=surname, **values)
            added += 1
        else:
            person_id = existing.id
            rows.update_person(connection, person_id, **values)
            updated += 1
        rows.add_aliases(connection, person_id, {alias_key(entry["display_as"]): entry["display_as"].strip()})
        connection.execute(schema.affiliations.delete().where(
            schema.affiliations.c.person_id == person_id, schema.affiliations.c.source == "members list"))
        rows.add_affiliation(connection, person_id=person_id, document_id=None, role="MP", role_key="mp",
                             party=party, constituency=values["constituency"], seen_on=None,
                             source="members list")
    return added, updated
