"""Generated batches of good and hostile inputs through `followthrough ingest`: never a traceback, one line
per bad input, and every good document stored and analysed.

500 batches in CI (``CI=true``), fewer on a developer's machine.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.cli import main

BATCHES = 500 if os.environ.get("CI") else 40
MAX_BYTES = 20_000  # the input size limit during these runs, so oversized inputs are cheap to make

WORDS = st.sampled_from(
    "the council minister will pledged promised to reopen build publish by before May 2027 within three months "
    "£3m 800 cases Ms Lee said 'We will' ‘ ’ “ ” , . ? ; — café naïve".split(" "))
HOSTILE = st.sampled_from(["\x1b[31m", "\x07", "\x00", "\x1b]0;x\x07", "\u200b", "\ufeff", "\r", "\u2028", "\x85",
                           "\t", "\ud800", "\udfff", "🙂", "\u202e"])
DATES = st.one_of(st.none(), st.sampled_from([
    "2026-01-05", "2025-04", "2025", "9999-12-31T23:30:00-05:00", "0001-01-01T00:30:00+05:00", "0000", "",
    "yesterday", "2025-13-40", "Mon, 16 Jun 2025 14:05:00 GMT", "16 June 2025", "03/04/2025"]),
    st.text(max_size=12))


@dataclass(frozen=True)
class Good:
    """A document that must be stored and analysed, whatever else is in the batch."""

    kind: str  # txt, json, jsonl
    body: str
    published: str | None


@dataclass(frozen=True)
class Bad:
    """An input that must fail alone, with one line naming it."""

    suffix: str
    data: bytes


def _text(words: list[str], hostile: list[str]) -> str:
    pieces = list(words)
    for n, char in enumerate(hostile):
        pieces.insert((n * 7) % (len(pieces) + 1), char)
    return " ".join(pieces)


goods = st.builds(
    Good,
    kind=st.sampled_from(["txt", "json", "jsonl"]),
    body=st.builds(_text, st.lists(WORDS, min_size=3, max_size=40), st.lists(HOSTILE, max_size=4)),
    published=DATES,
)

bads = st.one_of(
    st.just(Bad(".txt", b"")),
    st.just(Bad(".txt", b" \n\t\n")),
    st.builds(lambda tail: Bad(".txt", b"%PDF-1.7\n" + tail), st.binary(max_size=200)),
    st.builds(lambda head: Bad(".txt", head + b"\x00\x00\x00binary"), st.binary(max_size=50)),
    st.builds(lambda n: Bad(".json", b"[" * n + b"]" * n), st.integers(2_000, 9_000)),
    st.builds(lambda n: Bad(".json", b'{"a":' * n + b"1" + b"}" * n), st.integers(2_000, 3_000)),
    st.builds(lambda junk: Bad(".json", b"{" + junk.encode("utf-8", "surrogatepass")),
              st.text(max_size=40)),
    st.just(Bad(".json", b'[1, "two", null]')),
    st.just(Bad(".json", b'{"title": "no text here"}')),
    st.builds(lambda charset: Bad(".html", b'<html><head><meta charset="' + charset.encode()
                                  + b'"></head><body><p>' + b"\xff\xfe\x81 broken " * 10 + b"</p></body></html>"),
              st.sampled_from(["base64", "rot13", "zlib", "hex", "bz2", "utf-8", "nonsense-charset"])),
    st.just(Bad(".html", b"<html><body><nav>Home</nav></body></html>")),
    st.builds(lambda n: Bad(".txt", b"a" * (MAX_BYTES + n)), st.integers(1, 500)),
    st.just(Bad(".pdf", b"%PDF-1.4 not for us")),
)


def _write_good(folder: Path, n: int, good: Good) -> Path:
    # A unique number keeps every good text distinct (equal texts would rightly be one document).
    body = f"Report {n}: {good.body}"
    record = {"title": f"Item {n}", "text": body}
    if good.published is not None:
        record["published"] = good.published
    path = folder / f"good-{n}.{good.kind}"
    if good.kind == "txt":
        # A raw NUL byte marks a file as binary, and a lone surrogate cannot be written as UTF-8: in a
        # text file they are bad input; in JSON they come as the escapes "\u0000" and "\ud800".
        body = re.sub("[\x00\ud800-\udfff]", "", body)
        path.write_text(f"Item {n}\n{body}\n", encoding="utf-8")
    else:
        path.write_text(json.dumps(record), encoding="utf-8")
    return path


@settings(max_examples=BATCHES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(goods, bads), min_size=1, max_size=6))
def test_generated_batches_never_give_a_traceback_and_lose_no_good_document(batch: list[Good | Bad]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        paths, bad_names, good_count = [], [], 0
        for n, item in enumerate(batch):
            if isinstance(item, Good):
                paths.append(str(_write_good(folder, n, item)))
                good_count += 1
            else:
                path = folder / f"bad-{n}{item.suffix}"
                path.write_bytes(item.data)
                paths.append(str(path))
                bad_names.append(path.name)
        db = folder / "batch.db"
        result = CliRunner().invoke(main, ["--db", str(db), "ingest", *paths, "--published", "2026-01-05"],
                                    env={"FOLLOWTHROUGH_MAX_INPUT_BYTES": str(MAX_BYTES)})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output
        assert result.exit_code == (1 if bad_names else 0), result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        for name in bad_names:
            assert len([e for e in errors if name in e]) == 1, (name, result.stderr)
        assert len(errors) == len(bad_names), result.stderr
        with sqlite3.connect(db) as connection:
            # A near-duplicate of another good document is stored as its copy and not analysed again.
            stored = connection.execute("SELECT count(*), count(coalesce(analysed_version, copy_of)), "
                                        "count(failed_version) FROM documents").fetchone()
            texts = [r[0] for r in connection.execute("SELECT title || text FROM documents")]
        assert stored == (good_count, good_count, 0)
        assert not any(c in text for text in texts for c in "\x00\x07\x1b\ud800")
