"""Wire copies in several papers are one story told once: found, kept, not analysed twice."""

from __future__ import annotations

import json
from pathlib import Path

from followthrough.link import syndication

from ..conftest import Run, json_lines

WIRE = (
    "Ministers will publish a national register of empty homes by the end of the year, the Housing Secretary "
    "Rosa Quint told MPs on Tuesday. The register will list every property left empty for more than two years. "
    "'Empty homes are a scandal when families are waiting for somewhere to live,' Ms Quint said. Councils will "
    "be given new powers to bring the homes back into use, she added, with the first 20 councils to start in "
    "April."
)
REGIONAL_ENDING = " Harbury council said it welcomed the plan but wanted more money."


def _write(folder: Path, name: str, records: list[dict[str, str]]) -> str:
    path = folder / name
    path.write_text("\n".join(json.dumps(r) for r in records))
    return str(path)


def test_signatures_estimate_shared_text() -> None:
    same = syndication.similarity(syndication.signature(WIRE), syndication.signature(WIRE + REGIONAL_ENDING))
    other = syndication.similarity(syndication.signature(WIRE),
                                   syndication.signature("The match ended in a draw after extra time in Leeds."))
    assert same >= syndication.COPY_THRESHOLD > other


def test_a_lightly_edited_copy_points_at_the_first_and_is_not_analysed_again(run: Run, tmp_path: Path) -> None:
    feed = _write(tmp_path, "feed.jsonl", [
        {"title": "Empty homes register promised", "outlet": "Harbury Post", "published": "2026-03-03",
         "text": WIRE},
        {"title": "Register of empty homes by end of year", "outlet": "Vale Gazette", "published": "2026-03-04",
         "text": WIRE + REGIONAL_ENDING},
        {"title": "Cup final", "outlet": "Vale Gazette", "published": "2026-03-04",
         "text": "The cup final ended in a draw after extra time, and the replay will be held in Leeds."},
    ])
    assert run("ingest", feed).exit_code == 0
    documents = json_lines(run("documents", "--json").stdout)
    assert [d["copy_of"] for d in documents] == [None, 1, None]
    quotes = json_lines(run("quotes", "--json").stdout)
    assert {q["document_id"] for q in quotes} == {1}  # the copy's quotes are its original's
    register = [e for e in json_lines(run("commitments", "--json", "--as-of", "2026-03-10").stdout)
                if "register of empty homes" in e["text"]]
    assert len(register) == 1 and {s["document_id"] for s in register[0]["sources"]} == {1}
    again = run("ingest", feed)
    assert "unchanged 3" in again.stderr
    assert [d["copy_of"] for d in json_lines(run("documents", "--json").stdout)] == [None, 1, None]
