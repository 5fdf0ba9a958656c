"""Composes the stages for one batch of inputs: acquire → extract → store → analyse → link.

Each input is read, extracted and stored on its own: a failure is reported
against that input and the batch goes on; what was stored before is untouched.
New documents are then analysed together (spaCy batches them), linked to
the people registry and the ledger, and placed in stories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .acquire import collect_inputs, read_input
from .acquire.files import STDIN
from .analyse import ANALYSIS_VERSION, analyse_texts
from .config import Settings
from .dates import Moment
from .errors import InputError
from .extract import extract
from .link import ledger, placement, registry
from .store import Store
from .store import ledger as ledger_rows
from .store import people as people_rows

# Documents analysed and linked per transaction.
ANALYSIS_CHUNK = 64


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
) -> IngestReport:
    """Ingest files, directories (recursively) and ``-`` (stdin) into ``store``.

    ``published`` and ``outlet`` fill in what an input does not say itself.
    ``on_input`` is called after each input, for progress and messages.
    New documents are analysed unless ``analyse`` (default: the setting) is false.
    """
    settings = settings or Settings()
    report = IngestReport()
    for item in plan(paths):
        outcome = _ingest_one(store, item, published, outlet, settings, stdin)
        report.outcomes.append(outcome)
        if on_input:
            on_input(outcome)
    store.mark_copies(report.document_ids)
    if settings.analyse if analyse is None else analyse:
        analyse_documents(store, settings=settings)
        with store.transaction() as connection:  # copies join their original's story
            placement.place_documents(connection, report.document_ids)
    return report


def analyse_documents(store: Store, ids: list[int] | None = None, *, settings: Settings | None = None) -> int:
    """Analyse documents and link their findings; returns how many were analysed.

    With ``ids`` those documents are (re)analysed; without, every document not
    yet analysed by the current analysis. Running it twice changes nothing.
    """
    settings = settings or Settings()
    with store.transaction() as connection:
        pending = people_rows.unanalysed(connection, ANALYSIS_VERSION, ids)
    done: list[int] = []
    commitments: list[int] = []
    candidates: list[int] = []
    for start in range(0, len(pending), ANALYSIS_CHUNK):
        chunk = pending[start : start + ANALYSIS_CHUNK]
        findings = list(analyse_texts(chunk, settings.spacy_model))
        with store.transaction() as connection:
            for found in findings:
                ledger_rows.delete_document(connection, found.document_id)
                people = registry.link_document(connection, found)
                commitments += ledger.link_commitments(connection, found, people)
                candidates += ledger.store_evidence_candidates(connection, found)
                people_rows.mark_analysed(connection, found.document_id, ANALYSIS_VERSION)
        done.extend(f.document_id for f in findings)
    if done:
        with store.transaction() as connection:
            registry.resolve_roles(connection, done)
            ledger.resolve_actor_roles(connection)
            ledger.link_evidence(connection, commitments, candidates)
            people_rows.drop_orphans(connection)
    with store.transaction() as connection:
        placement.place_documents(connection, done)
    return len(done)


def _ingest_one(
    store: Store,
    item: str | InputError,
    published: Moment | None,
    outlet: str | None,
    settings: Settings,
    stdin: BinaryIO | None,
) -> InputOutcome:
    if isinstance(item, InputError):
        return InputOutcome(item.source, errors=[str(item)])
    outcome = InputOutcome("<stdin>" if item == STDIN else item)
    try:
        raw = read_input(item, settings, stdin)
        extraction = extract(raw, published=published, outlet=outlet, settings=settings)
    except InputError as exc:
        outcome.errors.append(str(exc))
        return outcome
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
    return outcome
