"""Placing stored documents in stories: long batches, windows, features and copies."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run, json_lines

FLOOD = ("Flood water closed the Carlisle bridge as the river Eden rose overnight and the Environment Agency "
         "issued severe flood warnings for Carlisle.")
FLOOD_AGAIN = ("The Carlisle bridge stayed shut as the river Eden kept rising and the Environment Agency kept its "
               "severe flood warnings for Carlisle in place.")
FLOOD_LATER = ("Two years on, the river Eden burst its banks at Carlisle again and the Environment Agency closed the "
               "bridge under severe flood warnings.")
FLOOD_LATER_AGAIN = ("Carlisle's bridge remained closed on Monday as the Eden flood peaked and the Environment Agency "
                     "warned of more rain.")
BUDGET = "The Chancellor set out a budget with higher fuel duty and a cut in stamp duty for first-time buyers."


def _write(path: Path, records: list[tuple[str, str, str]]) -> Path:
    lines = [json.dumps({"title": t, "text": x, "published": p, "outlet": "Test Gazette",
                         "url": f"https://example.org/{path.stem}/{n}"}) for n, (t, x, p) in enumerate(records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_batch_spanning_years_keeps_stories_apart_by_time(run: Run, tmp_path: Path) -> None:
    batch = _write(tmp_path / "batch.jsonl", [
        ("Floods close Carlisle bridge", FLOOD, "2024-01-05"),
        ("Carlisle bridge still shut", FLOOD_AGAIN, "2024-01-07"),
        ("Budget raises fuel duty", BUDGET, "2024-01-06"),
        ("Floods close Carlisle bridge again", FLOOD_LATER, "2025-11-02"),
        ("Carlisle bridge shut again", FLOOD_LATER_AGAIN, "2025-11-03"),
    ])
    assert run("ingest", str(batch), "--quiet").exit_code == 0
    stories = json_lines(run("stories", "--json").output)
    spans = sorted((s["first_seen"], s["last_seen"], len(s["documents"])) for s in stories)
    assert spans == [("2024-01-05", "2024-01-07", 2), ("2024-01-06", "2024-01-06", 1),
                     ("2025-11-02", "2025-11-03", 2)]
    # Nearly two years apart: too far to be linked as related.
    assert len({s["thread"] for s in stories}) == 3


def test_a_later_batch_joins_a_stored_story(run: Run, tmp_path: Path) -> None:
    run("ingest", str(_write(tmp_path / "one.jsonl", [("Floods close Carlisle bridge", FLOOD, "2024-01-05")])),
        "--quiet")
    run("ingest", str(_write(tmp_path / "two.jsonl", [("Carlisle bridge still shut", FLOOD_AGAIN, "2024-01-09"),
                                                       ("Budget raises fuel duty", BUDGET, "2024-01-09")])), "--quiet")
    stories = json_lines(run("stories", "--json").output)
    flood = next(s for s in stories if s["title"] == "Floods close Carlisle bridge")
    assert len(flood["documents"]) == 2 and flood["last_seen"] == "2024-01-09"
    assert len(stories) == 2


def test_a_later_batch_links_its_new_story_to_one_months_earlier(run: Run, tmp_path: Path) -> None:
    run("ingest", str(_write(tmp_path / "winter.jsonl", [("Floods close Carlisle bridge", FLOOD, "2024-01-05"),
                                                          ("Budget raises fuel duty", BUDGET, "2024-01-06")])),
        "--quiet")
    # Eight months on: far outside the window in which a story takes new documents, within the related one.
    run("ingest", str(_write(tmp_path / "autumn.jsonl", [("Carlisle bridge shut again", FLOOD_LATER_AGAIN,
                                                           "2024-09-02")])), "--quiet")
    stories = {s["title"]: s for s in json_lines(run("stories", "--json").output)}
    winter, autumn = stories["Floods close Carlisle bridge"], stories["Carlisle bridge shut again"]
    assert winter["id"] != autumn["id"] and winter["thread"] == autumn["thread"]
    assert stories["Budget raises fuel duty"]["thread"] != winter["thread"]
