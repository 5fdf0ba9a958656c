"""`followthrough ingest` through its runner: summaries, exit codes, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FIXTURES, Run, json_lines

GOOD = "Council pledges new bridge\nThe council will build a footbridge by 2027, its leader said.\n"


def _stored(run: Run) -> list[dict[str, object]]:
    """Every stored document in full, to compare before and after a failure."""
    ids = [row["id"] for row in json_lines(run("documents", "--json").stdout)]
    return [json_lines(run("show", str(i), "--json").stdout)[0] for i in ids]


def test_ingest_a_text_file_then_list_show_and_search(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(GOOD)
    result = run("ingest", str(path), "--published", "2026-02-01", "--outlet", "Fen Post")
    assert result.exit_code == 0
    assert result.stderr.strip() == "added 1, updated 0, unchanged 0, failed 0"

    (row,) = json_lines(run("documents", "--json").stdout)
    assert row == {"id": 1, "title": "Council pledges new bridge", "outlet": "Fen Post", "url": None,
                   "published": "2026-02-01", "chars": len(GOOD.strip()), "copy_of": None}
    (shown,) = json_lines(run("show", "1", "--json").stdout)
    assert shown["text"] == GOOD.strip()
    assert shown["origins"] == [{"source": str(path.resolve()), "part": 0, "start": 0, "end": len(GOOD.strip())}]
    (hit,) = json_lines(run("search", "footbridge", "--json").stdout)
    assert set(hit) >= {"id", "title", "outlet", "published", "snippet", "score"}
    assert "**footbridge**" in hit["snippet"]


def test_ingest_twice_adds_nothing(run: Run) -> None:
    first = run("ingest", str(FIXTURES), "--published", "2026-03-05")
    assert first.exit_code == 1  # no_article.html fails, the rest go in
    assert "added 5, updated 0, unchanged 0, failed 1" in first.stderr
    before = _stored(run)
    again = run("ingest", str(FIXTURES), "--published", "2026-03-05")
    assert again.exit_code == 1
    assert "added 0, updated 0, unchanged 5, failed 1" in again.stderr
    assert _stored(run) == before


def test_stdin(run: Run) -> None:
    result = run("ingest", "-", "--published", "2026-03-01", input=GOOD)
    assert result.exit_code == 0 and "added 1" in result.stderr
    assert run("ingest", "-", input=GOOD).stderr.strip() == "added 0, updated 0, unchanged 1, failed 0"


def test_quiet_prints_no_summary_but_still_errors(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("ingest", "--quiet", str(empty))
    assert result.stderr.strip() == f"error: {empty}: empty file"


# Each bad input: how to make it, and what the one-line message must say.
BadInput = Callable[[Path], Path]


def _write(name: str, data: bytes) -> BadInput:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _missing(folder: Path) -> Path:
    return folder / "does-not-exist.txt"


def _no_article(folder: Path) -> Path:
    return _write("404.html", (FIXTURES / "no_article.html").read_bytes())(folder)


BAD_INPUTS: list[tuple[str, BadInput, str]] = [
    ("empty", _write("empty.txt", b""), "empty file"),
    ("binary", _write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file (a PNG image), not text"),
    ("binary-nul", _write("data.txt", b"abc\x00\x01\x02" * 50), "binary file (contains NUL bytes), not text"),
    ("invalid-utf8", _write("broken.txt", "Pledge: café ".encode() + b"\xe9t\xe9 \xc3("), "invalid UTF-8 at byte 14"),
    ("no-article", _no_article, "no article text found in the HTML page"),
    ("too-large", _write("huge.txt", b"word " * 400), "file is 2.0 KB, over the 1000 bytes limit"),
    ("missing", _missing, "no such file or directory"),
    ("bad-json", _write("bad.json", b'{"title": "x"'), "invalid JSON"),
    ("unsupported", _write("report.pdf", b"%PDF-1.4"), "unsupported file type '.pdf'"),
]


@pytest.mark.parametrize(("label", "make", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_named_the_rest_goes_in_and_nothing_stored_changes(
    run: Run, tmp_path: Path, label: str, make: BadInput, reason: str
) -> None:
    env = {"FOLLOWTHROUGH_MAX_INPUT_BYTES": "1000"}
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(GOOD)
    assert run("ingest", str(earlier), "--published", "2026-02-01", env=env).exit_code == 0
    before = _stored(run)

    bad = make(tmp_path)
    alone = run("ingest", str(bad), env=env)
    assert alone.exit_code == 1
    assert f"error: {bad}: {reason}" in alone.stderr
    assert "Traceback" not in alone.output
    assert _stored(run) == before

    later = tmp_path / "later.txt"
    later.write_text("Second story\nThe mayor will review parking charges next spring.\n")
    batch = run("ingest", str(bad), str(later), env=env)
    assert batch.exit_code == 1
    assert "added 1, updated 0, unchanged 0, failed 1" in batch.stderr
    after = _stored(run)
    assert after[: len(before)] == before
    assert [d["title"] for d in after[len(before):]] == ["Second story"]


def test_cp1252_file_is_decoded_and_stored(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Minister’s ‘pledge’\nIt will cost £3m – a café owner said…".encode("cp1252"))
    assert run("ingest", str(path)).exit_code == 0
    (shown,) = json_lines(run("show", "1", "--json").stdout)
    assert shown["text"] == "Minister’s ‘pledge’\nIt will cost £3m – a café owner said…"


def test_default_size_limit_is_20_mb(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (20 * 1024 * 1024 + 1))
    result = run("ingest", str(path))
    assert result.exit_code == 1 and "over the 20.0 MB limit" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "Missing argument"),
        (["ingest", "x.txt", "--published", "next week"], "--published: unreadable date"),
        (["search", "x", "--since", "03/04/2025"], "--since: ambiguous date"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_show_unknown_id(run: Run) -> None:
    result = run("show", "99")
    assert result.exit_code == 1 and result.stderr.strip() == "error: no document with id 99"


def test_directories_are_walked_recursively_skipping_hidden_and_other_files(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Deep story\nIt is deep.")
    (tmp_path / "a" / "notes.md").write_text("# not ingested")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("Secret\nNot ingested.")
    (tmp_path / "a" / "feed.jsonl").write_text(json.dumps({"title": "From feed", "text": "Feed text."}) + "\n")
    result = run("ingest", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(r["title"] for r in json_lines(run("documents", "--json").stdout)) == ["Deep story", "From feed"]
