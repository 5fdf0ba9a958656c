"""The only place with SQL: open a database, migrate it, add and read documents.

SQLite (WAL) is the embedded default; any SQLAlchemy URL can be given instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import DatabaseError, OperationalError

from ..dates import Moment
from ..errors import FollowthroughError, NotFoundError, UsageError
from ..extract.normalise import content_hash
from ..model import Document, DocumentSummary, Origin, Person, SearchHit, StoredDocument, StoredQuote
from . import people as people_rows
from . import schema
from .search import search_documents

__all__ = ["AddResult", "Store", "database_url"]

MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(target: str) -> str:
    """A SQLAlchemy URL for ``target``: a URL as given, else an SQLite file path."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL cannot corrupt the database; it only skips an
        # fsync per commit (a power cut may lose the last transactions).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


@dataclass(frozen=True, slots=True)
class AddResult:
    """What adding one extracted document did: ``added``, ``updated`` or ``unchanged``."""

    id: int
    status: str


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def identity(document: Document) -> str:
    """A document is its canonical URL when it has one, else the hash of its text."""
    if document.url:
        return f"url:{document.url}"
    return f"sha256:{content_hash(document.text)}"


class Store:
    """A followthrough database. ``Store.open(path_or_url)`` creates and migrates it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str) -> Store:
        url = database_url(target)
        if url.startswith("sqlite:///"):
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.is_dir():
                raise UsageError(f"--db {target}: directory {str(parent)!r} does not exist")
        try:
            engine = create_engine(url)
        except Exception as exc:  # SQLAlchemy raises several types for a bad URL
            raise UsageError(f"--db {target}: not a usable database URL ({exc})") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            store.migrate()
        except (DatabaseError, OperationalError) as exc:
            raise FollowthroughError(f"--db {target}: cannot open database ({exc.orig})") from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------

    def _alembic_config(self, connection: Connection) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        return config

    def schema_version(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def migrate(self) -> None:
        """Bring the schema up to the newest migration; a no-op when it is current."""
        with self.engine.begin() as connection:
            config = self._alembic_config(connection)
            head = ScriptDirectory.from_config(config).get_current_head()
            current = MigrationContext.configure(connection).get_current_revision()
            if current != head:
                command.upgrade(config, "head")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    # -- documents --------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document], absolute_source: str | None = None) -> list[AddResult]:
        """Store documents from one input in one transaction; the same input twice adds nothing.

        A document already known by its URL or by its text gets the new origin
        recorded and any metadata it lacked filled in; its text is not changed,
        so offsets into it stay valid.
        """
        results = []
        with self.transaction() as connection:
            for document in documents:
                results.append(self._add(connection, document, absolute_source))
        return results

    def _add(self, connection: Connection, document: Document, absolute_source: str | None) -> AddResult:
        docs = schema.documents
        digest = content_hash(document.text)
        key = identity(document)
        row = connection.execute(select(docs).where(docs.c.identity == key)).first()
        if row is None:
            row = connection.execute(
                select(docs).where(docs.c.content_hash == digest).order_by(docs.c.id).limit(1)
            ).first()
        outlet_id = self._outlet_id(connection, document.outlet) if document.outlet else None
        origin = document.origin
        source = absolute_source or origin.source
        if row is None:
            values = {
                "identity": key,
                "url": document.url,
                "title": document.title,
                "outlet_id": outlet_id,
                "author": document.author,
                "published": document.published.value if document.published else None,
                "published_precision": document.published.precision if document.published else None,
                "published_text": document.published_text,
                "text": document.text,
                "chars": len(document.text),
                "content_hash": digest,
                "digest_of": document.digest_of,
                "added_at": _now(),
            }
            document_id = _inserted_id(connection.execute(insert(docs).values(**values)))
            self._add_origin(connection, document_id, source, origin)
            return AddResult(document_id, "added")

        document_id = row.id
        filled = self._fill_missing(row, document, outlet_id)
        if filled:
            connection.execute(update(docs).where(docs.c.id == document_id).values(**filled))
        new_origin = self._add_origin(connection, document_id, source, origin)
        return AddResult(document_id, "updated" if (filled or new_origin) else "unchanged")

    @staticmethod
    def _fill_missing(row: Any, document: Document, outlet_id: int | None) -> dict[str, Any]:
        filled: dict[str, Any] = {}
        if row.outlet_id is None and outlet_id is not None:
            filled["outlet_id"] = outlet_id
        if row.published is None and document.published is not None:
            filled["published"] = document.published.value
            filled["published_precision"] = document.published.precision
        for name in ("title", "author", "url"):
            if getattr(row, name) is None and getattr(document, name):
                filled[name] = getattr(document, name)
        return filled

    @staticmethod
    def _add_origin(connection: Connection, document_id: int, source: str, origin: Origin) -> bool:
        table = schema.origins
        exists = connection.execute(
            select(table.c.id).where(
                table.c.document_id == document_id, table.c.source == source, table.c.part == origin.part
            )
        ).first()
        if exists:
            return False
        connection.execute(insert(table).values(
            document_id=document_id, source=source, part=origin.part,
            start=origin.start, end=origin.end, added_at=_now(),
        ))
        return True

    @staticmethod
    def _outlet_id(connection: Connection, name: str) -> int:
        table = schema.outlets
        key = " ".join(name.split()).casefold()
        found = connection.execute(select(table.c.id).where(table.c.name_key == key)).scalar()
        if found is not None:
            return int(found)
        return _inserted_id(connection.execute(insert(table).values(name=" ".join(name.split()), name_key=key)))

    def _select_documents(self) -> Any:
        docs, outlets = schema.documents, schema.outlets
        return select(docs, outlets.c.name.label("outlet")).select_from(
            docs.outerjoin(outlets, outlets.c.id == docs.c.outlet_id)
        )

    def documents(self, outlet: str | None = None) -> list[DocumentSummary]:
        """Every document, by publication time (unknown last), then by id."""
        docs, outlets = schema.documents, schema.outlets
        query = select(
            docs.c.id, docs.c.title, outlets.c.name.label("outlet"), docs.c.url, docs.c.published, docs.c.chars,
            docs.c.copy_of,
        ).select_from(docs.outerjoin(outlets, outlets.c.id == docs.c.outlet_id)).order_by(
            docs.c.published.is_(None), docs.c.published, docs.c.id
        )
        if outlet:
            query = query.where(schema.outlets.c.name_key == outlet.casefold())
        with self.engine.connect() as connection:
            return [DocumentSummary(r.id, r.title, r.outlet, r.url, r.published, r.chars, r.copy_of)
                    for r in connection.execute(query)]

    def document(self, document_id: int) -> StoredDocument:
        docs, table = schema.documents, schema.origins
        with self.engine.connect() as connection:
            row = connection.execute(self._select_documents().where(docs.c.id == document_id)).first()
            if row is None:
                raise NotFoundError(f"no document with id {document_id}")
            origin_rows = connection.execute(
                select(table).where(table.c.document_id == document_id).order_by(table.c.id)
            )
            origins = tuple(Origin(o.source, o.part, o.start, o.end) for o in origin_rows)
        return self._stored(row, origins)

    def count_documents(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(schema.documents)).scalar_one())

    @staticmethod
    def _stored(row: Any, origins: tuple[Origin, ...]) -> StoredDocument:
        return StoredDocument(
            id=row.id, title=row.title, text=row.text, url=row.url, outlet=row.outlet,
            author=row.author, published=row.published, published_precision=row.published_precision,
            content_hash=row.content_hash, origins=origins, copy_of=row.copy_of,
        )

    def search(
        self,
        query: str,
        *,
        outlet: str | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
        limit: int = 20,
        snippet_tokens: int = 16,
    ) -> list[SearchHit]:
        with self.engine.connect() as connection:
            return search_documents(connection, query, outlet=outlet, since=since, until=until,
                                    limit=limit, snippet_tokens=snippet_tokens)

    def people(self) -> list[Person]:
        """The people registry, with aliases and roles over time."""
        with self.engine.connect() as connection:
            return people_rows.list_people(connection)

    def quotes(self, speaker: str | None = None) -> list[StoredQuote]:
        """Stored quotes, optionally only those whose speaker matches ``speaker``."""
        with self.engine.connect() as connection:
            return people_rows.list_quotes(connection, speaker)

    def mark_copies(self, document_ids: list[int]) -> dict[int, int]:
        """Find which new documents are near-duplicate copies of earlier ones; returns {copy: original}."""
        from ..link import syndication

        docs, signatures, bands = schema.documents, schema.document_signatures, schema.signature_bands
        copies: dict[int, int] = {}
        with self.transaction() as connection:
            for document_id in sorted(document_ids):
                if connection.execute(select(signatures.c.document_id)
                                      .where(signatures.c.document_id == document_id)).first():
                    continue  # seen before: nothing changes
                text = connection.execute(select(docs.c.text).where(docs.c.id == document_id)).scalar_one()
                values = syndication.signature(text)
                keys = syndication.band_keys(values)
                candidates = connection.execute(
                    select(bands.c.document_id, signatures.c.signature, docs.c.copy_of)
                    .select_from(bands.join(signatures, signatures.c.document_id == bands.c.document_id)
                                 .join(docs, docs.c.id == bands.c.document_id))
                    .where(bands.c.band.in_(keys), bands.c.document_id != document_id).distinct()
                ).all()
                best = max(((syndication.similarity(values, syndication.from_bytes(c.signature)), c)
                            for c in candidates), default=None, key=lambda pair: pair[0])
                connection.execute(insert(signatures).values(document_id=document_id,
                                                             signature=syndication.to_bytes(values)))
                if best is not None and best[0] >= syndication.COPY_THRESHOLD:
                    original = best[1].copy_of or best[1].document_id
                    connection.execute(update(docs).where(docs.c.id == document_id).values(copy_of=original))
                    copies[document_id] = original
                else:
                    connection.execute(insert(bands), [{"band": k, "document_id": document_id} for k in keys])
        return copies
