"""The only place with SQL: open a database, migrate it, add and read documents.

SQLite (WAL) is the embedded default; any SQLAlchemy URL can be given instead.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from ..dates import Moment
from ..errors import NotFoundError, StoreError, UsageError
from ..extract.normalise import content_hash
from ..model import Document, DocumentSummary, Origin, Person, SearchHit, StoredDocument, StoredQuote
from . import people as people_rows
from . import schema
from .search import search_documents

__all__ = ["AddResult", "Store", "database_error", "database_url", "forget_document", "identity", "usable_url"]

MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(target: str) -> str:
    """A SQLAlchemy URL for ``target``: a URL as given, else an SQLite file path."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Pragmas for every SQLite connection, and transactions begun by us, not by the driver."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        # The driver's own BEGIN cannot say IMMEDIATE; _sqlite_begin emits it instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_S * 1000}")  # writers queue for the lock, not fail
        _use_wal(cursor)
        # In WAL mode NORMAL cannot corrupt the database; it only skips an
        # fsync per commit (a power cut may lose the last transactions).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


_BUSY_TIMEOUT_S = 60


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Put the file in WAL mode (readers never block the writer, nor it them), once per file.

    Changing the journal mode needs the file to itself and SQLite reports "locked"
    at once, without waiting, when another process is opening the same new file:
    so the change is made only when needed and retried, like any other wait for a lock.
    """
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    pause = 0.01
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not ("locked" in str(exc) or "busy" in str(exc)) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def _sqlite_begin(connection: Connection) -> None:
    """A writing transaction takes the write lock at once (BEGIN IMMEDIATE), so a
    read-then-insert never races another process; a reading one takes no lock."""
    writes = connection.get_execution_options().get("writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def forget_document(connection: Connection, document_id: int) -> None:
    """Forget everything found in and built from a document's text: findings, ledger sources, story place."""
    from . import ledger as ledger_rows

    people_rows.delete_findings(connection, document_id)
    ledger_rows.delete_document(connection, document_id)
    for table in (schema.story_documents, schema.document_signatures, schema.signature_bands):
        connection.execute(delete(table).where(table.c.document_id == document_id))
    docs = schema.documents
    connection.execute(update(docs).where(docs.c.copy_of == document_id).values(copy_of=None))


def database_error(target: str, exc: BaseException) -> StoreError:
    """One clear line for a database that cannot be used, without SQL or its parameters."""
    orig = getattr(exc, "orig", None) or exc
    reason = str(orig).split("\n")[0] or type(orig).__name__
    hints = {
        "readonly": "the file or its directory is read-only",
        "malformed": "the file is corrupt (database disk image is malformed)",
        "not a database": "the file is not an SQLite database",
        "unable to open": "the file cannot be opened",
        "locked": "another process holds the database lock for too long",
    }
    hint = next((text for key, text in hints.items() if key in reason.lower()), None)
    return StoreError(f"database {target}: {hint + ' (' + reason + ')' if hint else reason}")


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


def usable_url(url: str | None) -> bool:
    """Whether a URL can name a document: http(s) with a host. "N/A", "" or "file:x" cannot."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def identity(document: Document, source: str | None = None) -> str:
    """What makes an input the same document when it comes again, even with a changed text.

    Its http(s) URL when it has one; else the file it came from and its place in
    it (with its title when the file holds several documents, so a record moving
    down a JSON Lines file is not taken for another); else, for stdin, its text.
    """
    if usable_url(document.url):
        return f"url:{str(document.url).strip()}"
    if source and source != "<stdin>":
        part = document.origin.part
        title = " ".join((document.title or "").split()).casefold() if part else ""
        return f"source:{source}#{part}" + (f":{title}" if title else "")
    return f"sha256:{content_hash(document.text)}"


class Store:
    """A followthrough database. ``Store.open(path_or_url)`` creates and migrates it."""

    def __init__(self, engine: Engine, target: str | None = None) -> None:
        self.engine = engine
        self.target = target or str(engine.url)

    @classmethod
    def open(cls, target: str) -> Store:
        """Open (creating if need be) and migrate a database; refuse one that is not ours.

        Raises ``UsageError`` for an unusable path or URL and ``StoreError`` for a
        database that cannot be used (read-only, corrupt, another application's, newer).
        """
        url = database_url(target)
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///file:"):  # file: is an SQLite URI
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.is_dir():
                raise UsageError(f"--db {target}: directory {str(parent)!r} does not exist")
        try:
            # hide_parameters: an SQL error never prints the values (article text) it was given.
            engine = create_engine(url, hide_parameters=True)
        except Exception as exc:  # SQLAlchemy raises several types for a bad URL
            raise UsageError(f"--db {target}: not a usable database URL ({exc})") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        store = cls(engine, target)
        try:
            store.migrate()
        except StoreError:
            engine.dispose()
            raise
        except (DBAPIError, sqlite3.Error) as exc:
            engine.dispose()
            raise database_error(target, exc) from exc
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
        """Bring the schema up to the newest migration; a no-op when it is current.

        Runs under the write lock, so two processes opening a new file at once
        migrate it once. A database holding other tables and no schema version of
        ours is refused, as is one stamped by a newer followthrough.
        """
        with self.transaction() as connection:
            config = self._alembic_config(connection)
            scripts = ScriptDirectory.from_config(config)
            head = scripts.get_current_head()
            current = MigrationContext.configure(connection).get_current_revision()
            if current == head:
                return
            if current is None:
                tables = [t for t in inspect(connection).get_table_names() if not t.startswith("sqlite_")]
                if tables:
                    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
                    raise StoreError(f"database {self.target}: not a followthrough database (it holds tables "
                                     f"{shown}); give a new file or an empty database")
            else:
                try:
                    scripts.get_revision(current)
                except Exception as exc:  # alembic raises its own error types for an unknown revision
                    raise StoreError(f"database {self.target}: written by a newer followthrough (schema "
                                     f"{current}); upgrade followthrough to use it") from exc
            command.upgrade(config, "head")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A writing transaction: it holds the write lock from its first statement to its commit."""
        with self.engine.connect() as connection:
            connection.execution_options(writes=True)
            with connection.begin():
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
        origin = document.origin
        source = absolute_source or origin.source
        key = identity(document, source)
        outlet_id = self._outlet_id(connection, document.outlet) if document.outlet else None
        row = connection.execute(select(docs).where(docs.c.identity == key)).first()
        if row is not None and row.content_hash != digest:
            self._replace_text(connection, row, document, digest, outlet_id)
            self._add_origin(connection, row.id, source, origin)
            return AddResult(row.id, "updated")
        if row is None:
            row = connection.execute(
                select(docs).where(docs.c.content_hash == digest).order_by(docs.c.id).limit(1)
            ).first()
        if row is None:
            values = {
                "identity": key,
                "url": document.url if usable_url(document.url) else None,
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
    def _replace_text(connection: Connection, row: Any, document: Document, digest: str,
                      outlet_id: int | None) -> None:
        """The input at a known URL or path now holds another text: it replaces the old one.

        The old text is kept as a revision (no longer searchable), what was found in
        it is forgotten, and the document waits to be analysed and placed again.
        """
        docs = schema.documents
        connection.execute(insert(schema.document_revisions).values(
            document_id=row.id, title=row.title, text=row.text, content_hash=row.content_hash, replaced_at=_now()))
        forget_document(connection, row.id)
        values: dict[str, Any] = {
            "text": document.text, "chars": len(document.text), "content_hash": digest,
            "title": document.title or row.title, "analysed_version": None, "failed_version": None,
            "analysis_error": None, "copy_of": None,
        }
        if outlet_id is not None:
            values["outlet_id"] = outlet_id
        if document.author:
            values["author"] = document.author
        if document.published is not None:
            values["published"] = document.published.value
            values["published_precision"] = document.published.precision
        connection.execute(update(docs).where(docs.c.id == row.id).values(**values))

    @staticmethod
    def _fill_missing(row: Any, document: Document, outlet_id: int | None) -> dict[str, Any]:
        filled: dict[str, Any] = {}
        if row.outlet_id is None and outlet_id is not None:
            filled["outlet_id"] = outlet_id
        if row.url is None and usable_url(document.url):
            filled["url"] = document.url
        if row.published is None and document.published is not None:
            filled["published"] = document.published.value
            filled["published_precision"] = document.published.precision
        for name in ("title", "author"):
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

    def titles(self, document_ids: list[int]) -> dict[int, str | None]:
        docs = schema.documents
        with self.engine.connect() as connection:
            return dict(connection.execute(select(docs.c.id, docs.c.title).where(docs.c.id.in_(document_ids))).all())

    def failed_documents(self) -> list[tuple[int, int, str]]:
        """Documents the analysis failed on: (id, analysis version, reason). ``analyse ID`` retries one."""
        with self.engine.connect() as connection:
            return people_rows.failed(connection)

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
