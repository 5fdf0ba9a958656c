"""Nothing stops the batch, nothing is lost: one test for each way an input, an argument or a database
can go wrong. Each checks the message, the exit code, and that what is stored is intact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from followthrough.analyse import nlp
from followthrough.cli import main
from followthrough.store import Store

from .conftest import Run, json_lines

GOOD = "Council pledges new bridge\nThe council will build a footbridge by 2027, its leader said.\n"


def _count(db: str, where: str = "1") -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"SELECT count(*) FROM documents WHERE {where}").fetchone()[0])


def _good(tmp_path: Path, name: str = "good.txt", text: str = GOOD) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# 1. One document never poisons later analysis -------------------------------------------------


def test_a_text_longer_than_the_parsers_limit_is_analysed_in_pieces(
        run: Run, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Scaled down so the test is quick: pieces of 2,000 characters against a 5,000-character limit.
    monkeypatch.setattr(nlp, "PIECE_CHARS", 2_000)
    monkeypatch.setattr(nlp.load(), "max_length", 5_000)
    paragraph = "The council will repair the old bridge by 2027, the leader said. It was a wet day.\n\n"
    long_text = "Bridge report\n" + paragraph * 200
    result = run("ingest", _good(tmp_path, "long.txt", long_text), _good(tmp_path), "--published", "2026-01-05")
    assert result.exit_code == 0, result.stderr
    assert _count(db, "analysed_version IS NOT NULL") == 2
    (long_doc,) = [d for d in json_lines(run("documents", "--json").stdout) if d["title"] == "Bridge report"]
    commitments = [c for c in json_lines(run("commitments", "--json", "--as-of", "2026-02-01").stdout)
                   if any(s["document_id"] == long_doc["id"] for s in c["sources"])]
    assert commitments and all(s["end"] <= len(long_text) for c in commitments for s in c["sources"])


def test_a_record_dated_only_to_the_month_is_stored_and_analysed_and_later_batches_still_run(
        run: Run, db: str, tmp_path: Path) -> None:
    record = {"title": "Plan", "text": "The Home Office will publish a plan by June, the minister said.",
              "published": "2025-04", "url": "https://news.example/plan"}
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(record))
    assert run("ingest", str(feed)).exit_code == 0
    (row,) = json_lines(run("documents", "--json").stdout)
    assert row["published"] == "2025-04"
    shown = json_lines(run("show", str(row["id"]), "--json").stdout)[0]
    assert shown["published_precision"] == "month"
    later = run("ingest", _good(tmp_path), "--published", "2026-01-05")
    assert later.exit_code == 0
    assert _count(db, "analysed_version IS NOT NULL") == 2


def test_a_document_whose_analysis_fails_is_marked_failed_not_retried_and_retried_on_demand(
        run: Run, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followthrough import analyse

    real = analyse.find_evidence

    def broken(doc, *args):  # type: ignore[no-untyped-def]
        if "footbridge" in doc.text:
            raise ValueError("a rule tripped over this text")
        return real(doc, *args)

    monkeypatch.setattr(analyse, "find_evidence", broken)
    other = _good(tmp_path, "other.txt", "Ferry news\nThe ferry will sail again in May, the operator said.\n")
    result = run("ingest", _good(tmp_path), other, "--published", "2026-01-05")
    assert result.exit_code == 1
    assert "analysis failed (ValueError: a rule tripped over this text)" in result.stderr
    assert "added 2" in result.stderr and "analysis failed 1" in result.stderr
    (failed,) = json_lines(run("documents", "--failed", "--json").stdout)
    assert failed["reason"] == "ValueError: a rule tripped over this text"
    assert _count(db, "analysed_version IS NOT NULL") == 1  # the other document went on
    again = run("analyse")
    assert "analysed 0 documents" in again.stderr  # not retried forever
    monkeypatch.setattr(analyse, "find_evidence", real)
    retried = run("analyse", str(failed["id"]))
    assert retried.exit_code == 0 and "analysed 1 documents" in retried.stderr
    assert json_lines(run("documents", "--failed", "--json").stdout) == []


# 2. One bad input never aborts the batch ------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("base64.html", b'<html><head><meta charset="base64"></head><body><p>'
                    + "Caf\u00e9 news ".encode("latin-1") * 20 + b"\xff</p></body></html>", "invalid UTF-8"),
    ("rot13.html", b'<html><head><meta charset="rot13"></head><body>\xff\xfe\x81</body></html>', "UTF-8"),
    ("zlib.html", b'<html><head><meta charset="zlib"></head><body>\x81\x8d</body></html>', "UTF-8"),
])
def test_hostile_inputs_fail_alone_with_one_line(run: Run, db: str, tmp_path: Path, name: str, content: bytes,
                                                 reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("ingest", str(bad), _good(tmp_path), "--published", "2026-01-05")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and reason in errors[0]
    assert "Traceback" not in result.stderr
    assert _count(db, "analysed_version IS NOT NULL") == 1


def test_a_deeply_nested_line_in_json_lines_loses_only_that_line(run: Run, db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {"title": "Ferry", "text": "The ferry will sail again in May, the operator said."}
    feed.write_text(json.dumps(good) + "\n" + "[" * 50_000 + "\n"
                    + json.dumps({"title": "Bridge", "text": GOOD}) + "\n")
    result = run("ingest", str(feed), "--published", "2026-01-05")
    assert result.exit_code == 1
    assert "feed.jsonl:2: JSON nested too deeply" in result.stderr
    assert _count(db) == 2


def test_a_lone_surrogate_and_control_characters_are_cleaned_not_fatal(run: Run, db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text('{"title": "Alarm\\u001b]0;owned\\u0007 bell\\u0000", '
                    '"text": "The council will \\ud800 mend the \\u001b[31mroad\\u001b[0m by May.\\u0007"}')
    result = run("ingest", str(feed), "--published", "2026-01-05")
    assert result.exit_code == 0, result.stderr
    (shown,) = json_lines(run("show", "1", "--json").stdout)
    assert shown["title"] == "Alarm ]0;owned bell"
    assert shown["text"] == "The council will \ufffd mend the [31mroad[0m by May."
    listing = run("documents").stdout
    assert "\x1b" not in listing and "\x07" not in listing and "\x00" not in listing


def test_control_characters_already_stored_are_escaped_on_output(run: Run, db: str, tmp_path: Path) -> None:
    run("ingest", _good(tmp_path), "--published", "2026-01-05")
    with sqlite3.connect(db) as connection:  # as an older version might have stored it
        connection.execute("UPDATE documents SET title = 'Evil\x1b[2J\x07\x9b title'")
    listing = run("documents").stdout
    assert "Evil\\x1b[2J\\x07\\x9b title" in listing and "\x1b" not in listing
    as_json = run("documents", "--json").stdout
    assert "\x1b" not in as_json and "\x9b" not in as_json
    assert json_lines(as_json)[0]["title"] == "Evil\x1b[2J\x07\x9b title"


@pytest.mark.parametrize("published", ["9999-12-31T23:30:00-05:00", "0001-01-01T00:30:00+05:00", "0000",
                                       "2025-13", "not a date"])
def test_dates_at_the_calendars_edge_are_warnings_not_crashes(run: Run, db: str, tmp_path: Path,
                                                             published: str) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"title": "Edge", "text": "The council will mend the road by May.",
                                "published": published}))
    result = run("ingest", str(feed))
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert "the record's date was not used" in result.stderr
    assert _count(db, "analysed_version IS NOT NULL") == 1


def test_a_path_that_cannot_be_searched_is_one_error(run: Run, db: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked" / "inner.txt"
    real_is_dir = Path.is_dir

    def refusing(self: Path) -> bool:  # root ignores permissions, so the refusal is simulated
        if "locked" in self.parts:
            raise PermissionError(13, "Permission denied")
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", refusing)
    result = run("ingest", str(locked), _good(tmp_path), "--published", "2026-01-05")
    assert result.exit_code == 1
    assert f"error: {locked}: permission denied" in result.stderr
    assert _count(db) == 1


# 5. Identity: nothing is thrown away, nothing stale stays searchable ---------------------------


def test_records_with_blank_or_junk_urls_are_different_documents(run: Run, db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"title": t, "text": f"The {t.lower()} will reopen in May.", "url": u})
                              for t, u in (("Bridge", ""), ("Tunnel", "N/A"), ("Ferry", "none"))))
    result = run("ingest", str(feed), "--published", "2026-01-05")
    assert "added 3, updated 0" in result.stderr
    assert _count(db) == 3


def test_a_corrected_record_under_the_same_url_is_an_update(run: Run, db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    record = {"title": "Bridge", "text": "The council will reopen the bridge in May.", "url": "https://n.example/b"}
    feed.write_text(json.dumps(record))
    run("ingest", str(feed), "--published", "2026-01-05")
    feed.write_text(json.dumps(record | {"text": "The council will reopen the bridge in June."}))
    result = run("ingest", str(feed), "--published", "2026-01-05")
    assert "added 0, updated 1, unchanged 0" in result.stderr
    assert _count(db) == 1 and _count(db, "analysed_version IS NOT NULL") == 1
    assert json_lines(run("search", "June", "--json").stdout)
    assert run("search", "May").stdout == ""


# 6. Database errors are one line with exit status 3 -------------------------------------------


def test_a_read_only_database_is_one_clear_line(run: Run, db: str, tmp_path: Path) -> None:
    run("ingest", _good(tmp_path), "--published", "2026-01-05")
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = CliRunner().invoke(main, ["--db", url, "ingest", _good(tmp_path, "b.txt", "Ferry\nThe ferry sails.")])
    assert result.exit_code == 3
    assert result.stderr.startswith("error: database") and "read-only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "INSERT" not in result.stderr


def test_a_corrupt_database_is_one_clear_line(run: Run, db: str, tmp_path: Path) -> None:
    for n in range(12):
        _good(tmp_path, f"d{n}.txt", f"Story {n}\nMs Lee said the council will mend road {n} by May 2027.\n" * 30)
    run("ingest", str(tmp_path), "--published", "2026-01-05")
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(Path(db).read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # every page but the first two: the schema survives
        data[offset : offset + 64] = b"\xde\xad" * 32
    Path(db).write_bytes(bytes(data))
    codes = []
    for command in (["quotes"], ["stories"], ["commitments"], ["documents"], ["search", "road"]):
        result = CliRunner().invoke(main, ["--db", db, *command])
        codes.append(result.exit_code)
        assert result.exit_code in (0, 3), (command, result.output)
        assert "Traceback" not in result.output
        if result.exit_code == 3:
            assert result.stderr.startswith(f"error: database {db}:")
            assert len(result.stderr.strip().splitlines()) == 1
    assert 3 in codes  # the damage was seen, and said so


def test_a_database_from_a_newer_version_is_refused(run: Run, db: str, tmp_path: Path) -> None:
    run("ingest", _good(tmp_path), "--published", "2026-01-05")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    result = run("documents")
    assert result.exit_code == 3
    assert "written by a newer followthrough (schema 9999)" in result.stderr


def test_another_applications_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    result = CliRunner().invoke(main, ["--db", str(foreign), "documents"])
    assert result.exit_code == 3 and "not a followthrough database (it holds tables notes)" in result.stderr
    with sqlite3.connect(foreign) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["notes"]


def test_an_empty_sqlite_file_is_taken(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with Store.open(str(empty)) as store:
        assert store.count_documents() == 0


def test_sql_errors_never_print_their_parameters(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        assert store.engine.hide_parameters


# 8. Arguments never give a traceback ----------------------------------------------------------


@pytest.mark.parametrize(("args", "code", "message"), [
    (["show", "9223372036854775808"], 2, "not in the range"),
    (["show", "99999999999999999999999"], 2, "not in the range"),
    (["story", "0"], 2, "not in the range"),
    (["analyse", "9223372036854775808"], 2, "not in the range"),
    (["commitments", "--as-of", "0000"], 2, "no year 0000"),
    (["search", "bridge", "--since", "9999-12-31T23:30:00-05:00"], 2, "out of range"),
    (["search", "bridge", "--until", "99999-01-01"], 2, "--until"),
])
def test_bad_arguments_are_usage_errors(run: Run, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    run("ingest", _good(tmp_path), "--published", "2026-01-05")
    result = run(*args)
    assert result.exit_code == code and message in result.stderr
    assert "Traceback" not in result.stderr


def test_published_year_zero_is_refused(run: Run, db: str, tmp_path: Path) -> None:
    result = run("ingest", _good(tmp_path), "--published", "0000")
    assert result.exit_code == 2 and "no year 0000" in result.stderr
    assert not Path(db).exists() or _count(db) == 0


def test_a_huge_limit_is_capped(run: Run, tmp_path: Path) -> None:
    run("ingest", _good(tmp_path), "--published", "2026-01-05")
    result = run("search", "footbridge", "--limit", "99999999999999999999")
    assert result.exit_code == 0 and "footbridge" in result.stdout


def test_a_bad_size_setting_is_one_line_for_every_command(run: Run) -> None:
    for args in (["documents"], ["ingest", "-"]):
        result = run(*args, env={"FOLLOWTHROUGH_MAX_INPUT_BYTES": "lots"}, input="x")
        assert result.exit_code == 2
        assert "FOLLOWTHROUGH_MAX_INPUT_BYTES='lots': expected a whole number" in result.stderr


def test_a_short_row_in_a_members_list_is_passed_over(run: Run, tmp_path: Path) -> None:
    members = tmp_path / "members.csv"
    members.write_text("display_as,party_text,pcon_name,member_id\nAnna Price,Labour,Fenwick,101\nBo Yates\n")
    result = run("people", "import", str(members))
    assert result.exit_code == 0 and "added 1" in result.stderr


def test_speaker_filters_are_literal_not_wildcards(run: Run, tmp_path: Path) -> None:
    run("ingest", _good(tmp_path, "q.txt", "Ferry\n'The ferry will sail in May,' Anna Price said.\n"),
        "--published", "2026-01-05")
    assert json_lines(run("quotes", "--json").stdout)
    assert run("quotes", "--speaker", "_").stdout == ""
    assert run("quotes", "--speaker", "%").stdout == ""
    assert json_lines(run("quotes", "--speaker", "price", "--json").stdout)
