"""Composes the stages for one batch of inputs: acquire → extract → store → analyse → link.

Each input is read, extracted and stored on its own: a failure is reported
against that input and the batch goes on; what was stored before is untouched.
New documents are then analysed in chunks (spaCy batches them); each chunk is
linked to the people registry and the ledger and placed in stories in one
transaction, so a run killed at any moment is finished by running it again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from .acquire import collect_inputs, read_input
from .acquire.files import STDIN
from .analyse import ANALYSIS_VERSION, Batch, Failure, Findings, embed_batch, failure_reason, finish, prepare
from .config import Settings
from .dates import Moment
from .errors import InputError
from .extract import extract
from .link import ledger, placement, registry
from .store import Store, database_error
from .store import ledger as ledger_rows
from .store import people as people_rows

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class InputOutcome:
    """What happened to one input."""

    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class IngestReport:
    """The outcome of a batch; ``failed`` counts inputs (or records) that could not be stored."""

    outcomes: list[InputOutcome] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # documents whose analysis failed

    @property
    def added(self) -> int:
        return sum(o.added for o in self.outcomes)

    @property
    def updated(self) -> int:
        return sum(o.updated for o in self.outcomes)

    @property
    def unchanged(self) -> int:
        return sum(o.unchanged for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(len(o.errors) for o in self.outcomes)

    @property
    def document_ids(self) -> list[int]:
        return [i for o in self.outcomes for i in o.document_ids]


@dataclass(slots=True)
class AnalysisReport:
    """What an analysis run did: the documents analysed and those it failed on."""

    analysed: list[int] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def plan(paths: Iterable[str]) -> list[str | InputError]:
    """The inputs a batch will read, in order; unusable paths appear as errors."""
    return collect_inputs(paths)


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    published: Moment | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    on_input: Callable[[InputOutcome], None] | None = None,
    analyse: bool | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestReport:
    """Ingest files, directories (recursively) and ``-`` (stdin) into ``store``.

    ``published`` and ``outlet`` fill in what an input does not say itself.
    ``on_input`` is called after each input, for progress and messages;
    ``on_failure`` for each document whose analysis failed.
    New documents are analysed unless ``analyse`` (default: the setting) is false.
    Raises ``StoreError`` only when the database itself cannot be written.
    """
    settings = settings or Settings()
    report = IngestReport()
    for item in plan(paths):
        outcome = _ingest_one(store, item, published, outlet, settings, stdin)
        report.outcomes.append(outcome)
        if on_input:
            on_input(outcome)
    if settings.analyse if analyse is None else analyse:
        report.failures = analyse_documents(store, settings=settings, on_failure=on_failure).failures
        with store.transaction() as connection:  # copies join their original's story
            placement.place_documents(connection, report.document_ids)
    return report


def analyse_documents(
    store: Store,
    ids: list[int] | None = None,
    *,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> AnalysisReport:
    """Analyse documents, link their findings and place them in stories.

    With ``ids`` those documents are (re)analysed, failed ones included; without,
    every document not yet analysed by the current analysis, except those it
    failed on. Each chunk of documents is analysed, linked (people, ledger,
    evidence, roles) and placed in one transaction, so an interrupted run leaves
    whole chunks done and the same command finishes the rest: the result is the
    same as an uninterrupted run. Running it twice changes nothing.
    """
    settings = settings or Settings()
    with store.engine.connect() as connection:
        pending = people_rows.unanalysed(connection, ANALYSIS_VERSION, ids)
    report = AnalysisReport()
    chunks = [pending[start : start + settings.analysis_chunk]
              for start in range(0, len(pending), settings.analysis_chunk)]
    # While one chunk is embedded on a second thread, the next is parsed: the embedder's matrix
    # products release the interpreter's lock, so the two share the machine's cores.
    with ThreadPoolExecutor(max_workers=1) as embedder:
        waiting: tuple[list[tuple[int, str, str | None]], Batch, Future[Any]] | None = None
        for chunk in [*chunks, None]:
            ready = None
            if chunk is not None:
                batch = prepare(chunk, settings.spacy_model, titles=store.titles([i for i, _, _ in chunk]))
                ready = (chunk, batch, embedder.submit(embed_batch, batch))
            if waiting is not None:
                _store_chunk(store, ids, *waiting, report, on_failure)
            waiting = ready
    return report


def _store_chunk(store: Store, ids: list[int] | None, chunk: list[tuple[int, str, str | None]], batch: Batch,
                 vectors: Future[Any], report: AnalysisReport, on_failure: Callable[[Failure], None] | None) -> None:
    """Finish one chunk's analysis and link it, in one transaction."""
    results = list(finish(batch, vectors.result()))
    with store.transaction() as connection:
        wanted = {i for i, _, _ in chunk} if ids is not None else people_rows.still_pending(
            connection, ANALYSIS_VERSION, [i for i, _, _ in chunk])
        chunk_failures = _link_chunk(connection, [r for r in results if r.document_id in wanted])
    failed = {f.document_id for f in chunk_failures}
    report.analysed += [r.document_id for r in results if r.document_id in wanted and r.document_id not in failed]
    report.failures += chunk_failures
    for failure in chunk_failures:
        if on_failure:
            on_failure(failure)


def _link_chunk(connection: Connection, results: list[Findings | Failure]) -> list[Failure]:
    """Store and link one chunk's findings; a document that fails is marked failed, the others go on."""
    done: list[int] = []
    failures: list[Failure] = []
    commitments: list[int] = []
    candidates: list[int] = []
    for found in results:
        if isinstance(found, Failure):
            failures.append(found)
            people_rows.mark_failed(connection, found.document_id, ANALYSIS_VERSION, found.reason)
            continue
        try:
            with connection.begin_nested():  # a savepoint: a failure undoes this document only
                ledger_rows.delete_document(connection, found.document_id)
                people = registry.link_document(connection, found)
                new_commitments = ledger.link_commitments(connection, found, people)
                new_candidates = ledger.store_evidence_candidates(connection, found)
                people_rows.mark_analysed(connection, found.document_id, ANALYSIS_VERSION,
                                          ledger.vector_bytes(found.lead_vector))
        except OperationalError:
            raise  # the database itself failed: no point going on
        except Exception as exc:  # reported against the document; the rest of the chunk goes on
            logger.warning("linking document %s failed", found.document_id, exc_info=True)
            failure = Failure(found.document_id, failure_reason(exc))
            failures.append(failure)
            people_rows.mark_failed(connection, found.document_id, ANALYSIS_VERSION, failure.reason)
            continue
        commitments += new_commitments
        candidates += new_candidates
        done.append(found.document_id)
    if done:
        registry.resolve_roles(connection, done)
        ledger.resolve_actor_roles(connection)
        ledger.link_evidence(connection, commitments, candidates)
        people_rows.drop_orphans(connection)
        placement.place_documents(connection, done)
    return failures


def _ingest_one(
    store: Store,
    item: str | InputError,
    published: Moment | None,
    outlet: str | None,
    settings: Settings,
    stdin: BinaryIO | None,
) -> InputOutcome:
    """Read, extract and store one input; whatever goes wrong is reported against it alone."""
    if isinstance(item, InputError):
        return InputOutcome(item.source, errors=[str(item)])
    name = "<stdin>" if item == STDIN else item
    outcome = InputOutcome(name)
    try:
        raw = read_input(item, settings, stdin)
        extraction = extract(raw, published=published, outlet=outlet, settings=settings)
        outcome.errors.extend(str(e) for e in extraction.errors)
        outcome.warnings.extend(extraction.warnings)
        source = raw.source if item == STDIN else str(Path(item).resolve())
        for result in store.add_documents(extraction.documents, absolute_source=source):
            outcome.document_ids.append(result.id)
            if result.status == "added":
                outcome.added += 1
            elif result.status == "updated":
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        store.mark_copies(outcome.document_ids)
    except InputError as exc:
        outcome.errors.append(str(exc))
    except (OperationalError, sqlite3.OperationalError) as exc:
        raise database_error(store.target, exc) from exc  # the database, not the input, failed
    except Exception as exc:  # anything else is this input's problem: report it, go on with the rest
        logger.warning("input %s failed", name, exc_info=True)
        outcome.errors.append(f"{name}: could not be stored ({failure_reason(exc)})")
        outcome.document_ids.clear()
    return outcome
