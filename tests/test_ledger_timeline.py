"""A commitment followed over months: made, restated with a new deadline, delivered; what a page with
no date can and cannot say; and who the actor is (never the paper that reports it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run, json_lines

# Our own small story, as a JSON feed an exporter would give.
RECORDS = [
    {"title": "Night ferry to return", "outlet": "Fen Gazette", "url": "https://fen.example/ferry-1",
     "published": "2026-01-10",
     "text": "The transport minister, Dana Holt, said the night ferry to Orkney would return by the end of June.\n"
             "'We will bring back the night ferry to Orkney by the end of June,' Ms Holt told reporters."},
    {"title": "Night ferry delayed", "outlet": "North Courier", "url": "https://north.example/ferry-2",
     "published": "2026-04-02",
     "text": "The transport minister, Dana Holt, said the night ferry to Orkney would now return by the end of "
             "September, after repairs to the harbour took longer than planned."},
    {"title": "Night ferry is back", "outlet": "Fen Gazette", "url": "https://fen.example/ferry-3",
     "published": "2026-09-20",
     "text": "The night ferry to Orkney has returned, with the first sailing leaving Aberdeen on Friday evening."},
    {"title": "Ferry memories", "outlet": "Harbour Blog", "url": "https://blog.example/ferry",
     "text": "The night ferry to Orkney has been restored, passengers told the blog."},
    {"title": "Our promise", "outlet": "Fen Gazette", "url": "https://fen.example/editorial",
     "published": "2026-01-12",
     "text": "We will keep campaigning for a better ferry service for the islands."},
]


@pytest.fixture
def ferry(run: Run, tmp_path: Path) -> Run:
    feed = tmp_path / "ferry.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    result = run("ingest", str(feed))
    assert result.exit_code == 0, result.stderr
    return run


def _ferry_entry(run: Run, as_of: str) -> dict:
    entries = json_lines(run("commitments", "--as-of", as_of, "--json").stdout)
    matching = [e for e in entries if "ferry" in e["text"].lower() and e["actor"]["person"]]
    assert len(matching) == 1, [e["action"] for e in entries]
    return matching[0]


def test_one_promise_from_two_papers_is_one_entry_with_its_revision(ferry: Run) -> None:
    entry = _ferry_entry(ferry, "2026-02-01")
    assert entry["actor"]["person"]["name"] == "Dana Holt"
    assert entry["made_on"] == "2026-01-10"
    assert len({s["document_id"] for s in entry["sources"]}) == 2
    assert entry["deadline"]["end"] == "2026-06-30"  # as said in January
    assert _ferry_entry(ferry, "2026-05-01")["deadline"]["end"] == "2026-09-30"  # the April revision


def test_the_status_follows_the_deadline_in_force_and_the_dated_report(ferry: Run) -> None:
    assert _ferry_entry(ferry, "2026-02-01")["status"] == "open"
    assert _ferry_entry(ferry, "2026-07-15")["status"] == "open"  # revised to September in April
    delivered = _ferry_entry(ferry, "2026-10-01")
    assert delivered["status"] == "delivered"
    # The page of Sunday 20 September says the first sailing left "on Friday evening": the 18th.
    assert {e["date"] for e in delivered["evidence"] if e["stance"] == "delivered"} >= {"2026-09-18"}


def test_the_timeline_shows_each_step_with_the_status_after_it(ferry: Run) -> None:
    entry = _ferry_entry(ferry, "2026-10-01")
    (shown,) = json_lines(ferry("commitment", str(entry["id"]), "--as-of", "2026-10-01", "--json").stdout)
    kinds = [(e["day"], e["kind"]) for e in shown["events"]]
    assert kinds[0] == ("2026-01-10", "made")
    assert ("2026-04-02", "revised") in kinds
    assert any(kind == "evidence" and day == "2026-09-18" for day, kind in kinds)
    assert shown["events"][-1]["status"] in ("delivered", "—")
    text = ferry("commitment", str(entry["id"]), "--as-of", "2026-10-01").stdout
    assert "Dana Holt" in text and "revised" in text


def test_a_page_without_a_date_decides_nothing(ferry: Run) -> None:
    entry = _ferry_entry(ferry, "2026-08-01")
    assert entry["status"] != "delivered"
    for evidence in entry["evidence"]:
        assert evidence["date"] is not None or evidence["stance"]  # kept, but undated


def test_a_paper_is_never_the_actor(ferry: Run) -> None:
    entries = json_lines(ferry("commitments", "--as-of", "2026-10-01", "--json").stdout)
    outlets = {"fen gazette", "north courier", "harbour blog"}
    assert not [e for e in entries if (e["actor"]["organisation"] or "").casefold() in outlets]


GRANTS = [
    {"title": "Relief plan", "outlet": "Fen Gazette", "url": "https://fen.example/relief-1", "published": "2026-02-01",
     "text": "The education secretary, Omar Pike, promised to make college loan repayments easier for nurses."},
    {"title": "Relief detail", "outlet": "North Courier", "url": "https://north.example/relief-2",
     "published": "2026-03-01",
     "text": "The education secretary, Omar Pike, promised to make college loan repayments easier for nurses by "
             "cancelling $5,000 of their loans."},
    {"title": "More relief", "outlet": "Fen Gazette", "url": "https://fen.example/relief-3", "published": "2026-04-01",
     "text": "The education secretary, Omar Pike, promised to make college loan repayments easier for apprentices by "
             "cancelling $15,000 of their loans."},
]


def test_a_new_figure_is_a_second_promise_not_a_restatement(run: Run, tmp_path: Path) -> None:
    feed = tmp_path / "grants.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in GRANTS) + "\n")
    assert run("ingest", str(feed)).exit_code == 0
    entries = json_lines(run("commitments", "--json").stdout)
    (first,) = [e for e in entries if any(s["document_id"] == 1 for s in e["sources"])]
    # The entry took the $5,000 restatement; the $15,000 for apprentices is another promise.
    assert sorted(s["document_id"] for s in first["sources"]) == [1, 2], entries
