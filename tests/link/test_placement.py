"""Placing stored documents in stories: long batches, windows, features, copies and lead embeddings."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import insert, select

from followthrough.analyse import ANALYSIS_VERSION
from followthrough.analyse.embed import MODEL_NAME
from followthrough.link import placement
from followthrough.link.placement import place_documents
from followthrough.link.stories import Story
from followthrough.store import Store, schema
from followthrough.store import stories as rows
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


# Lead embeddings made up for the case: unit vectors near one direction per event.
_DIRECTIONS = np.random.default_rng(10).standard_normal((2, 384)).astype(np.float32)


def _lead(event: int, seed: int) -> np.ndarray:
    vector = _DIRECTIONS[event] + 0.5 * np.random.default_rng(seed).standard_normal(384).astype(np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "placed.db")) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _fresh_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placement, "_said", set())


Placed = tuple[str, str, str, np.ndarray | None]


def _place(store: Store, documents: list[Placed], model: str = MODEL_NAME) -> list[int]:
    """Store analysed documents (title, text, day, lead embedding) as ingest leaves them, and place them."""
    with store.transaction() as connection:
        ids = []
        for title, text, day, lead in documents:
            identity = f"test:{title}:{day}"
            connection.execute(insert(schema.documents).values(
                identity=identity, title=title, text=text, chars=len(text), content_hash=identity,
                added_at="2026-01-01T00:00:00+00:00", published=day, published_precision="day",
                analysed_version=ANALYSIS_VERSION, lead_vector=None if lead is None else lead.tobytes(),
                vector_model=None if lead is None else model))
            ids.append(connection.execute(select(schema.documents.c.id).where(
                schema.documents.c.identity == identity)).scalar_one())
        place_documents(connection, ids)
    return ids


def _stories(store: Store) -> list[dict]:
    with store.transaction() as connection:
        return [dict(row._mapping) for row in connection.execute(select(schema.stories).order_by(schema.stories.c.id))]


def test_a_story_stores_the_normalised_mean_of_its_members_lead_vectors(store: Store) -> None:
    first, again, later = _lead(0, 1), _lead(0, 2), _lead(0, 3)
    _place(store, [("Floods close Carlisle bridge", FLOOD, "2024-01-05", first),
                   ("Carlisle bridge still shut", FLOOD_AGAIN, "2024-01-07", again)])
    [story] = _stories(store)
    total = first + again
    assert np.allclose(np.frombuffer(story["vector"], dtype=np.float32), total / np.linalg.norm(total), atol=1e-6)
    assert story["vector_weight"] == pytest.approx(float(np.linalg.norm(total)), rel=1e-6)
    # Read back, the story holds the sum again; a document joining in a later batch moves the mean as in memory.
    with store.transaction() as connection:
        [loaded] = rows.candidate_stories(connection, [{"carlisl"}], None, undated=True, per_lookup=10)
    assert loaded.lead_sum is not None and np.allclose(loaded.lead_sum, total, atol=1e-5)
    _place(store, [("Carlisle bridge reopens", FLOOD_LATER_AGAIN, "2024-01-09", later)])
    [story] = _stories(store)
    total += later
    assert story["size"] == 3
    assert np.allclose(np.frombuffer(story["vector"], dtype=np.float32), total / np.linalg.norm(total), atol=1e-6)


def test_without_lead_vectors_stories_are_placed_by_words_and_the_log_says_so_once(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="followthrough.link.placement"):
        _place(store, [("Floods close Carlisle bridge", FLOOD, "2024-01-05", None),
                       ("Budget raises fuel duty", BUDGET, "2024-01-06", None)])
        _place(store, [("Carlisle bridge still shut", FLOOD_AGAIN, "2024-01-07", None)])
    stories = _stories(store)
    assert [s["size"] for s in stories] == [2, 1]
    assert all(s["vector"] is None and s["vector_weight"] is None for s in stories)
    said = [r.getMessage() for r in caplog.records if "no lead embedding" in r.getMessage()]
    assert said == ["stories: 2 of 2 documents have no lead embedding (analysed before embeddings, or without the "
                    "model); placing them by words, people, organisations and places only (said once)"]


def test_a_story_stored_without_a_vector_takes_one_from_the_first_member_that_has_one(store: Store) -> None:
    _place(store, [("Floods close Carlisle bridge", FLOOD, "2024-01-05", None)])
    lead = _lead(0, 4)
    _place(store, [("Carlisle bridge still shut", FLOOD_AGAIN, "2024-01-07", lead)])
    [story] = _stories(store)
    assert story["size"] == 2
    assert np.allclose(np.frombuffer(story["vector"], dtype=np.float32), lead, atol=1e-6)
    assert story["vector_weight"] == pytest.approx(1.0, rel=1e-6)


def test_a_vector_another_model_made_is_not_compared(store: Store) -> None:
    _place(store, [("Floods close Carlisle bridge", FLOOD, "2024-01-05", _lead(0, 5))], model="another-model")
    [story] = _stories(store)
    assert story["vector"] is None


def test_a_story_loaded_brings_the_most_recent_stories_of_its_thread(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "threads.db")) as store, store.transaction() as connection:
        for story_id, day in ((1, date(2024, 1, 5)), (2, date(2024, 3, 1)), (3, date(2025, 6, 1))):
            rows.save_story(connection, Story(story_id, centroid={"flood": 1.0}, first_seen=day, last_seen=day),
                            None, 1, is_new=True)
        rows.link(connection, 1, 2, 0.5)
        rows.link(connection, 2, 3, 0.5)
        # The two most recent of the thread, less the one already loaded.
        mates = rows.thread_stories(connection, {1}, {3}, None, per_thread=2)
        assert [(s.id, s.thread, s.related) for s in mates] == [(2, 1, {1: 0.5, 3: 0.5})]
        # Only those seen since the date given.
        assert {s.id for s in rows.thread_stories(connection, {1}, set(), date(2024, 2, 1), per_thread=5)} == {2, 3}
