"""The two seed documents end to end (read from ../shared/seeds, skipped when absent)."""

from __future__ import annotations

import pytest

from .conftest import SEEDS, Run, json_lines, require_shared


@pytest.fixture
def seeded(run: Run) -> Run:
    require_shared(SEEDS)
    result = run("ingest", str(SEEDS), "--published", "2025-06-16")
    assert result.exit_code == 0, result.stderr
    return run


def test_seeds_give_five_documents_with_their_outlets(seeded: Run) -> None:
    rows = json_lines(seeded("documents", "--json").stdout)
    assert len(rows) == 5
    assert sorted(r["outlet"] for r in rows if r["outlet"]) == ["Rhyl Journal", "South Wales Argus", "Telegraph"]
    titles = {r["outlet"]: r["title"] for r in rows}
    assert titles["Telegraph"] == "Asylum seekers behind new grooming gang cases"
    assert titles["Rhyl Journal"].startswith("British involvement in Iran-Israel conflict")


def test_seeds_twice_still_five(seeded: Run) -> None:
    again = seeded("ingest", str(SEEDS), "--published", "2025-06-16")
    assert again.exit_code == 0
    assert "added 0, updated 0, unchanged 5, failed 0" in again.stderr
    assert len(json_lines(seeded("documents", "--json").stdout)) == 5


def test_search_cold_cases_finds_the_telegraph_first(seeded: Run) -> None:
    hits = json_lines(seeded("search", "cold cases", "--json").stdout)
    assert hits[0]["outlet"] == "Telegraph"


def test_digest_furniture_belongs_to_no_article(seeded: Run) -> None:
    for row in json_lines(seeded("documents", "--json").stdout):
        text = json_lines(seeded("show", str(row["id"]), "--json").stdout)[0]["text"]
        for furniture in ("Try Our AI Features", "No comments yet", "Related Articles", "can do for you"):
            assert furniture not in text, (row["title"], furniture)


def test_related_articles_are_dated_from_the_digest(seeded: Run) -> None:
    rows = json_lines(seeded("documents", "--json").stdout)
    assert {r["published"] for r in rows} == {"2025-06-16"}
    shown = [json_lines(seeded("show", str(r["id"]), "--json").stdout)[0] for r in rows if r["outlet"]]
    assert {s["published_precision"] for s in shown} == {"day"}


def test_lead_article_keeps_its_last_paragraph_and_title(seeded: Run) -> None:
    rows = json_lines(seeded("documents", "--json").stdout)
    lead = next(r for r in rows if r["title"].startswith("Will Labour actually act"))
    text = json_lines(seeded("show", str(lead["id"]), "--json").stdout)[0]["text"]
    assert text.endswith("when this row first surfaced earlier in the year.")
