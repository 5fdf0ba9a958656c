"""Stories on the command line: the sample corpus, the seeds, order, idempotence and provenance."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, Run, json_lines, require_shared

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _stories(run: Run) -> list[dict]:
    result = run("stories", "--json")
    assert result.exit_code == 0, result.output
    return json_lines(result.output)


def _story_of(stories: list[dict], document_id: int) -> dict:
    return next(s for s in stories if document_id in s["documents"])


def _titles(run: Run) -> dict[str, int]:
    return {d["title"]: d["id"] for d in json_lines(run("documents", "--json").output)}


def test_sample_corpus_groups_the_announcement_and_links_the_follow_up(run: Run) -> None:
    run("ingest", str(EXAMPLES), "--quiet")
    ids = _titles(run)
    stories = _stories(run)
    announcement = _story_of(stories, ids["Minister promises live map of every sewage overflow 'before the summer'"])
    wire = _story_of(stories, ids["Water firms face live spill register within months"])
    copy = _story_of(stories, ids["Live sewage spill map promised by end of May"])
    commons = _story_of(stories, ids["Storm Overflows: Live Register"])
    assert announcement == wire == copy == commons  # the urgent question three weeks on is the same story
    assert announcement["outlets"] == [
        "The Riverside Courier", "Northern Evening Post", "Wessex Gazette", "Hansard (House of Commons)"]
    assert announcement["people"][0] == "Helen Marsh"
    assert (announcement["first_seen"], announcement["last_seen"]) == ("2026-01-14", "2026-02-04")
    follow_up = _story_of(stories, ids["Sewage overflow register goes live, days after deadline"])
    # Months later: not the same story, but the same thread.
    assert follow_up["id"] != announcement["id"] and follow_up["thread"] == announcement["thread"]
    review = _story_of(stories, ids["Independent Review of Storm Overflow Reporting: final report"])
    assert review["id"] != announcement["id"]
    assert set(d for s in stories for d in s["documents"]) == set(ids.values())


def test_story_brief_cites_spans_of_the_stored_text(run: Run) -> None:
    run("ingest", str(EXAMPLES), "--quiet")
    story = json_lines(run("story", "1", "--json", "--as-of", "2026-07-01").output)[0]
    assert 3 <= len(story["brief"]) <= 5
    for sentence in story["brief"]:
        text = json_lines(run("show", str(sentence["document_id"]), "--json").output)[0]["text"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["document_id"] in story["documents"]
        assert not sentence["text"].endswith("?")
    assert story["timeline"] == [{"day": "2026-01-14", "documents": [1]}, {"day": "2026-01-15", "documents": [2, 3]},
                                 {"day": "2026-02-04", "documents": [4]}]
    assert story["first"] == "The Riverside Courier"
    assert [c["outlet"] for c in story["coverage"]] == story["outlets"]
    assert all(q["document_id"] in story["documents"] for q in story["quotes"]) and story["quotes"]
    assert any("register" in c["action"] for c in story["commitments"])
    assert story["related"] and story["related"][0]["title"].startswith("Sewage overflow register goes live")


def test_story_text_lists_every_part(run: Run) -> None:
    run("ingest", str(EXAMPLES), "--quiet")
    result = run("story", "1", "--as-of", "2026-07-01")
    assert result.exit_code == 0
    for heading in ("Brief", "Timeline", "Outlets", "Related stories", "Quotes (", "Commitments ("):
        assert f"\n{heading}" in result.output
    listing = run("stories").output
    assert "Minister promises live map" in listing and "outlets: The Riverside Courier" in listing


def test_an_unknown_story_is_a_clear_error(run: Run) -> None:
    run("ingest", str(EXAMPLES), "--quiet")
    result = run("story", "999")
    assert result.exit_code == 1 and "no story with id 999" in result.output


def test_ingesting_again_changes_no_story(run: Run) -> None:
    run("ingest", str(EXAMPLES), "--quiet")
    before = _stories(run)
    run("ingest", str(EXAMPLES), "--quiet")
    assert _stories(run) == before


def test_arrival_order_does_not_split_the_sample_stories(run: Run, tmp_path: Path) -> None:
    late, early = tmp_path / "late", tmp_path / "early"
    late.mkdir(), early.mkdir()
    for path in EXAMPLES.iterdir():
        shutil.copy(path, (late if path.name.startswith("2026-06") else early) / path.name)
    run("ingest", str(late), "--quiet")
    run("ingest", str(early), "--quiet")
    stories = _stories(run)
    ids = _titles(run)
    announcement = _story_of(stories, ids["Minister promises live map of every sewage overflow 'before the summer'"])
    assert ids["Water firms face live spill register within months"] in announcement["documents"]
    follow_up = _story_of(stories, ids["Sewage overflow register goes live, days after deadline"])
    assert follow_up["thread"] == announcement["thread"] and follow_up["id"] != announcement["id"]


def test_show_lists_related_articles(run: Run) -> None:
    run("ingest", str(EXAMPLES), "--quiet")
    shown = json_lines(run("show", "1", "--json").output)[0]
    related = {r["id"]: r for r in shown["related"]}
    assert related[2]["same_story"] and related[3]["same_story"]
    assert any(not r["same_story"] for r in related.values())
    assert "related:    2 (same story" in run("show", "1").output


@pytest.mark.parametrize("january_first", [False, True])
def test_seed_stories(run: Run, january_first: bool) -> None:
    batches = [(require_shared(SEEDS / "000_00827acb07091305.txt"), "2025-06-16"),
               (require_shared(SEEDS / "003_757b5797b1efc748.txt"), "2025-01-16")]
    for path, published in reversed(batches) if january_first else batches:
        run("ingest", str(path), "--published", published, "--quiet")
    docs = json_lines(run("documents", "--json").output)
    by_outlet = {d["outlet"]: d["id"] for d in docs}
    lead = next(d["id"] for d in docs if d["outlet"] is None and d["published"].startswith("2025-06"))
    audit = next(d["id"] for d in docs if d["published"].startswith("2025-01"))
    stories = _stories(run)
    june = _story_of(stories, lead)
    assert by_outlet["Telegraph"] in june["documents"]
    # The victim's reaction piece joins the June story, or (when January's audit came first and its words
    # weigh less) starts a story of its own in the same thread: the lead embeddings (0.44) pull it less
    # than the shared words alone did.
    reaction = _story_of(stories, by_outlet["South Wales Argus"])
    if january_first:
        assert reaction["id"] == june["id"] or reaction["thread"] == june["thread"]
    else:
        assert reaction["id"] == june["id"]
    iran = _story_of(stories, by_outlet["Rhyl Journal"])
    assert iran["documents"] == [by_outlet["Rhyl Journal"]]
    january = _story_of(stories, audit)
    assert january["id"] != june["id"] and january["thread"] == june["thread"] != iran["thread"]
    assert {"Yvette Cooper", "Louise Casey"} <= set(june["people"])
    detail = json_lines(run("story", str(june["id"]), "--json").output)[0]
    assert january["id"] in [r["id"] for r in detail["related"]]
    assert detail["first"] is None  # all three on the same day: no outlet was first as far as the times say
