"""Real faults on real processes: ``kill -9`` in the middle of an ingest, and several ingests into one file
at once. Either way the database ends up as an uninterrupted, serial run would have left it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Our own small corpus: promises, later reports on them, quotes, and two wire copies.
_TOPICS = [
    ("Ferry", "the Ferry Board", "restore the night ferry", "sail again", "Ana Ruiz"),
    ("Library", "Fenwick Council", "reopen the central library", "reopened its doors", "Tom Hale"),
    ("Bridge", "the Roads Agency", "rebuild the Mill Lane bridge", "opened to traffic", "Dee Park"),
    ("Clinic", "the Health Trust", "open a walk-in clinic in Ashby", "saw its first patients", "Raj Ode"),
]
_MONTHS = ["January", "February", "March", "April", "May", "June"]


def write_corpus(folder: Path) -> list[Path]:
    """Eighteen short documents over six months about four promises."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (topic, body, promise, done, person) in enumerate(_TOPICS):
        month = _MONTHS[n]
        paths.append(folder / f"{n:02d}-promise.txt")
        paths[-1].write_text(
            f"{topic} plan announced\nPublished: 3 {month} 2026\n\n"
            f"{person}, who chairs {body}, said {body} will {promise} by the end of the year.\n"
            f"'We will {promise} and we will publish a timetable within three months,' {person} said.\n"
            f"Critics said the plan was vague.\n")
        paths.append(folder / f"{n:02d}-report.txt")
        paths[-1].write_text(
            f"{topic} update\nPublished: 20 {_MONTHS[n + 2]} 2026\n\n"
            f"{body.capitalize()} has published the timetable to {promise}.\n"
            f"Work is under way, {person} told reporters, and the first stage has been completed.\n")
        paths.append(folder / f"{n:02d}-later.txt")
        paths[-1].write_text(
            f"{topic} news\nPublished: 28 {_MONTHS[n + 2]} 2026\n\n"
            f"The {topic.lower()} project {done} this week after the plan was delayed by a month.\n"
            f"{person} said the work had been delivered.\n")
        if n < 2:  # a wire copy carried by a second paper
            paths.append(folder / f"{n:02d}-wire-copy.txt")
            paths[-1].write_text(paths[n * 4].read_text() + "Additional reporting by agencies.\n")
    return paths


def followthrough(db: Path, *args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FOLLOWTHROUGH_ANALYSIS_CHUNK": "3"}
    return subprocess.Popen([sys.executable, "-m", "followthrough.cli", "--db", str(db), *args],  # type: ignore[call-overload]
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **kwargs)


def run_to_end(db: Path, *args: str) -> tuple[int, str]:
    process = followthrough(db, *args)
    _, stderr = process.communicate(timeout=600)
    return process.returncode, stderr.decode()


_VOLATILE = {"added_at", "replaced_at"}  # when a row was written, not what it says


def content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (without write times), sorted: two databases with equal content compare equal."""
    with sqlite3.connect(db) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'documents_fts%' "
            "AND name NOT LIKE 'sqlite_%'")]
        found = {}
        for table in tables:
            columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})") if r[1] not in _VOLATILE]
            rows = connection.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            found[table] = sorted(rows, key=repr)
        found["search"] = connection.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'timetable' ORDER BY rowid").fetchall()
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "in"
    write_corpus(folder)
    return folder


class Reference:
    """What an uninterrupted, serial ingest leaves: the database's content, its ledger, and how long it took."""

    def __init__(self, db: Path, duration: float) -> None:
        self.content = content(db)
        self.ledger = ledger(db)
        self.duration = duration


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    db = tmp_path_factory.mktemp("reference") / "ref.db"
    started = time.monotonic()
    code, stderr = run_to_end(db, "ingest", str(corpus))
    assert code == 0, stderr
    found = Reference(db, time.monotonic() - started)
    assert found.content["evidence"] and found.content["commitments"] and found.content["stories"]
    assert found.content["quotes"] and any(row for row in found.content["documents"])
    return found


def test_a_kill_at_any_moment_then_the_same_command_gives_the_same_database(
        corpus: Path, reference: Reference, tmp_path: Path) -> None:
    chooser = random.Random(20261201)
    outcomes = []
    for attempt in range(20):
        db = tmp_path / f"killed-{attempt}.db"
        process = followthrough(db, "ingest", str(corpus))
        time.sleep(chooser.uniform(0.2, reference.duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        code, stderr = run_to_end(db, "ingest", str(corpus))
        assert code == 0 and "Traceback" not in stderr, stderr
        outcomes.append(content(db) == reference.content)
    assert outcomes == [True] * 20


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_ingests_store_each_document_once_and_agree_with_a_serial_run(
        corpus: Path, reference: Reference, tmp_path: Path, writers: int) -> None:
    files = sorted(str(p) for p in corpus.iterdir())
    db = tmp_path / "shared.db"
    # Overlapping and disjoint inputs: each writer takes its own share plus every third file.
    shares = [[f for n, f in enumerate(files) if n % writers == w or n % 3 == 0] for w in range(writers)]
    processes = [followthrough(db, "ingest", *share) for share in shares]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0 and "Traceback" not in stderr.decode(), stderr.decode()
    with sqlite3.connect(db) as connection:
        identities = [r[0] for r in connection.execute("SELECT identity FROM documents")]
    assert len(identities) == len(set(identities)) == len(reference.content["documents"])
    assert ledger(db) == reference.ledger


def test_the_ledger_does_not_depend_on_the_order_documents_arrive_in(corpus: Path, reference: Reference,
                                                                    tmp_path: Path) -> None:
    """Newest first, one file at a time: a report stored before its promise ends linked as in a serial run."""
    from click.testing import CliRunner

    from followthrough.cli import main

    db = tmp_path / "backwards.db"
    for path in sorted(corpus.iterdir(), reverse=True):
        result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(path)])
        assert result.exit_code == 0, result.output
    assert ledger(db) == reference.ledger


def ledger(db: Path) -> set[tuple[object, ...]]:
    """The ledger without ids: each commitment as its sources, with its actor, deadline and evidence.

    Ids differ between runs that took documents in another order, and so does which of two wire copies
    arrived first and became the original: a source is named by its document's family (the original and
    its copies) and the words it covers.
    """
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT id, identity, copy_of, text FROM documents").fetchall()
        family: dict[int, list[str]] = {}
        for document_id, identity, copy_of, _ in rows:
            family.setdefault(copy_of or document_id, []).append(identity)
        names = {document_id: tuple(sorted(family[copy_of or document_id]))
                 for document_id, _, copy_of, _ in rows}
        texts = {document_id: text for document_id, _, _, text in rows}

        def span(document_id: int, start: int, end: int) -> tuple[object, ...]:
            return names[document_id], texts[document_id][start:end]

        sources: dict[int, set[tuple[object, ...]]] = {}
        for commitment_id, document_id, start, end in connection.execute(
                'SELECT commitment_id, document_id, start, "end" FROM commitment_sources'):
            sources.setdefault(commitment_id, set()).add(span(document_id, start, end))
        evidence: dict[int, set[tuple[object, ...]]] = {}
        for commitment_id, document_id, start, end, stance in connection.execute(
                'SELECT e.commitment_id, c.document_id, c.start, c."end", c.stance FROM evidence e '
                "JOIN evidence_candidates c ON c.id = e.candidate_id"):
            evidence.setdefault(commitment_id, set()).add((*span(document_id, start, end), stance))
        return {(frozenset(sources.get(i, ())), org, role, deadline, frozenset(evidence.get(i, ())))
                for i, org, role, deadline in connection.execute(
                    "SELECT id, actor_org, actor_role, deadline_end FROM commitments")}
