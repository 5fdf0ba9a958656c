"""The store: migrations, identity, origins and full-text search."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from followthrough.dates import parse_moment
from followthrough.errors import FollowthroughError, UsageError
from followthrough.model import Document, Origin
from followthrough.store import Store
from followthrough.store.search import fts_query


def _doc(text: str, source: str = "a.txt", part: int = 0, **fields: object) -> Document:
    return Document(text=text, origin=Origin(source, part), **fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(str(tmp_path / "s.db")) as opened:
        yield opened


def test_a_new_database_is_migrated_to_the_newest_schema(store: Store) -> None:
    assert store.schema_version() == "0011"
    tables = set(inspect(store.engine).get_table_names())
    assert {"documents", "outlets", "origins", "documents_fts", "alembic_version"} <= tables
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with Store.open(path) as first:
        first.add_documents([_doc("The pledge was made.")])
    with Store.open(path) as second:
        assert second.count_documents() == 1 and second.schema_version() == "0011"


def test_same_text_under_two_names_is_stored_once_with_both_origins(store: Store) -> None:
    (first,) = store.add_documents([_doc("The minister promised a review.", "a.txt")])
    (second,) = store.add_documents([_doc("The  minister promised\na review.", "copy/b.txt")])
    assert first.status == "added" and second.status == "updated" and first.id == second.id
    assert [o.source for o in store.document(first.id).origins] == ["a.txt", "copy/b.txt"]
    assert store.count_documents() == 1


def test_the_same_input_twice_changes_nothing(store: Store) -> None:
    doc = _doc("The minister promised a review.", outlet="Gazette")
    store.add_documents([doc])
    (again,) = store.add_documents([doc])
    assert again.status == "unchanged"
    assert len(store.document(again.id).origins) == 1


def test_a_canonical_url_identifies_a_document_and_a_corrected_text_replaces_the_old(store: Store) -> None:
    url = "https://paper.example/story"
    (first,) = store.add_documents([_doc("First version of the story.", url=url)])
    (second,) = store.add_documents([_doc("Corrected version of the story.", "b.html", url=url)])
    assert first.id == second.id and second.status == "updated"
    assert store.document(first.id).text == "Corrected version of the story."
    assert [h.id for h in store.search("corrected")] == [first.id]
    assert store.search("first") == []  # the old text is kept as a revision, not searchable
    with store.engine.connect() as connection:
        kept = connection.execute(text("SELECT text FROM document_revisions")).scalars().all()
    assert kept == ["First version of the story."]


@pytest.mark.parametrize("url", [None, "", "N/A", "none", "file:///tmp/x.html", "javascript:void(0)", "http://"])
def test_a_blank_or_junk_url_is_not_an_identity(store: Store, url: str | None) -> None:
    results = store.add_documents([
        _doc("The first article, about bridges.", "feed.jsonl", 1, url=url, title="Bridges"),
        _doc("The second article, about tunnels.", "feed.jsonl", 2, url=url, title="Tunnels"),
    ])
    assert [r.status for r in results] == ["added", "added"]
    assert store.count_documents() == 2
    assert all(d.url is None for d in store.documents())


def test_an_edited_file_at_the_same_path_is_an_update_not_a_second_document(store: Store) -> None:
    (first,) = store.add_documents([_doc("The council will mend the bridge.")], absolute_source="/in/note.txt")
    (again,) = store.add_documents([_doc("The council will mend the bridge.")], absolute_source="/in/note.txt")
    (edited,) = store.add_documents([_doc("The council will mend the tunnel.")], absolute_source="/in/note.txt")
    assert (first.status, again.status, edited.status) == ("added", "unchanged", "updated")
    assert first.id == edited.id and store.count_documents() == 1
    assert store.search("bridge") == [] and [h.id for h in store.search("tunnel")] == [first.id]


def test_missing_metadata_is_filled_in_later(store: Store) -> None:
    (first,) = store.add_documents([_doc("Words of the story.")])
    store.add_documents([_doc("Words of the story.", "b.txt", outlet="Courier", published=parse_moment("2026-01-02"))])
    stored = store.document(first.id)
    assert (stored.outlet, stored.published) == ("Courier", "2026-01-02")


def test_outlets_are_matched_without_case(store: Store) -> None:
    store.add_documents([_doc("One.", outlet="The Courier"), _doc("Two.", "b.txt", outlet="the courier")])
    assert {d.outlet for d in store.documents()} == {"The Courier"}


def test_search_ranks_filters_and_highlights(store: Store) -> None:
    store.add_documents([
        _doc("Ministers promised to reopen 800 cold cases.", title="Cold cases reopened", outlet="Herald",
             published=parse_moment("2025-06-16")),
        _doc("It was a cold morning. Several cases of flu.", "b.txt", title="Weather", outlet="Post",
             published=parse_moment("2025-06-10")),
        _doc("Nothing relevant at all.", "c.txt", title="Other", outlet="Herald",
             published=parse_moment("2025-06-17")),
    ])
    hits = store.search("cold cases")
    assert [h.title for h in hits] == ["Cold cases reopened", "Weather"]
    assert "**cold** **cases**" in hits[0].snippet
    assert hits[0].score > hits[1].score
    assert [h.title for h in store.search("cold cases", outlet="post")] == ["Weather"]
    assert [h.title for h in store.search("cold", since=parse_moment("2025-06-11"))] == ["Cold cases reopened"]
    assert [h.title for h in store.search("cold", until=parse_moment("2025-06-10"))] == ["Weather"]
    assert [h.title for h in store.search("case")] == ["Cold cases reopened", "Weather"]  # stemmed


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "NEAR(", "col:umn", "*", "a - b", "'; DROP TABLE"])
def test_hostile_queries_do_not_break_search(store: Store, query: str) -> None:
    store.add_documents([_doc("Some words here.")])
    try:
        store.search(query)
    except UsageError as exc:
        assert "nothing to search for" in str(exc)


def test_fts_query_keeps_phrases_and_operators() -> None:
    assert fts_query('"national inquiry" OR commission') == '"national inquiry" OR "commission"'
    assert fts_query("OR cold AND") == '"cold"'


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database, just some notes " * 100)
    with pytest.raises(FollowthroughError, match="not an SQLite database"):
        Store.open(str(bogus))


def test_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        Store.open(str(tmp_path / "nowhere" / "s.db"))


def test_a_database_at_the_first_schema_is_migrated_without_loss(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = Store(engine)._alembic_config(connection)
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO documents (identity, title, text, chars, content_hash, added_at) "
            "VALUES ('sha256:x', 'Old', 'Old words.', 10, 'x', '2026-01-01T00:00:00+00:00')"
        ))
    engine.dispose()
    with Store.open(str(path)) as store:
        assert store.schema_version() == "0011"
        assert store.document(1).text == "Old words."
        assert "quotes" in inspect(store.engine).get_table_names()


def test_stories_stored_before_the_postings_get_them_on_migration(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    path = tmp_path / "stories.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(Store(engine)._alembic_config(connection), "0007")
        connection.execute(text(
            "INSERT INTO stories (id, title, size, centroid, thread_id) "
            "VALUES (1, 'Floods', 1, '{\"flood\": 0.8, \"bridg\": 0.6}', 1)"
        ))
    engine.dispose()
    with Store.open(str(path)) as store, store.engine.connect() as connection:
        rows = connection.execute(text("SELECT term, story_id FROM story_postings ORDER BY term")).all()
        assert [tuple(r) for r in rows] == [("bridg", 1), ("flood", 1)]


def test_many_openers_of_one_new_file_at_once_all_get_it(tmp_path: Path) -> None:
    """Switching a new file to WAL needs it to itself, and SQLite refuses at once rather than waiting:
    openers that collide wait and retry, so none fails with 'database is locked'."""
    import threading

    failures: list[BaseException] = []
    for round_ in range(15):
        target = str(tmp_path / f"new-{round_}.db")
        start = threading.Barrier(8)

        def open_it(target: str = target, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                Store.open(target).close()
            except BaseException as exc:  # collected, so the assertion names what failed
                failures.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
