"""Placing stored documents in stories: the story index, loaded from and written back to the store.

Only what a batch can touch is loaded: the stories seen within the join
window before the batch's earliest date (or, for undated documents, among the
latest started) that share a lookup term with the batch's documents (found
through the stored postings), and the document frequencies of the batch's
terms. Only a story the batch starts looks further back, over the related
window, for an earlier story to link to. With each story come the most
recent stories of its thread (at most ``THREAD_STORIES``), against which a
link between two threads is checked. So placing a document costs about the
same in a small database as in a large one.

A document is compared by meaning as well as words when analysis stored the
embedding of its title and lead (``documents.lead_vector``); one without it
(analysed before embeddings, or without the model installed) is placed by
words, people, organisations and places alone, and the log says so once.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Connection

from ..store import stories as rows
from .stories import (
    LOOKUP_TERMS,
    MAX_CANDIDATES,
    RELATED_WINDOW_DAYS,
    THREAD_STORIES,
    WINDOW_DAYS,
    Story,
    StoryIndex,
    strongest,
    term_counts,
)

# Stories are loaded for this many times the lookup terms of each document in a batch.
LOOKUP_MARGIN = 2
logger = logging.getLogger(__name__)

# A person the registry found in a document counts as this many occurrences of a term (at most three
# mentions counted); an organisation or place as one per mention, at most three.
PERSON_WEIGHT = 2


def person_features(people: Counter[int]) -> Counter[str]:
    """The people in a document as index terms (a registry id is the same person in every document)."""
    return Counter({f"person:{person_id}": PERSON_WEIGHT * min(n, 3) for person_id, n in people.items()})


def entity_features(entities: Counter[str]) -> Counter[str]:
    """Organisations and places as index terms: the whole name is one term ("GPE:new york")."""
    return Counter({key: min(n, 3) for key, n in entities.items()})


def place_documents(connection: Connection, document_ids: Iterable[int]) -> int:
    """Place those documents not yet in a story: analysed originals by similarity, copies with their original.

    Returns how many were placed.
    """
    ids = sorted(set(document_ids))
    pending = rows.unplaced(connection, ids)
    if pending:
        _place(connection, pending)
    return len(pending) + rows.attach_copies(connection, ids)


def _with_thread_mates(
    connection: Connection, stories: list[Story], loaded: set[int], since: date | None
) -> list[Story]:
    """These stories and the recent stories of their threads not among ``loaded``."""
    mates = rows.thread_stories(connection, {s.thread for s in stories}, loaded | {s.id for s in stories}, since,
                                THREAD_STORIES)
    return stories + mates


def _relate_new_stories(
    connection: Connection, index: StoryIndex, new: list[int], stored: set[int]
) -> tuple[list[Story], set[tuple[int, int]]]:
    """Look over the related window for earlier stories like those the batch started, and link them.

    Returns the stories this loaded (written back if a link changed them) and the links they already had.
    """
    if not new:
        return [], set()
    days = [index.stories[s].first_seen for s in new]
    dated = [d for d in days if d]
    since = min(dated) - timedelta(days=RELATED_WINDOW_DAYS) if dated else None
    lookups = [set(strongest(index.stories[s].centroid, LOOKUP_TERMS)) for s in new]
    earlier = [s for s in rows.candidate_stories(connection, lookups, since, len(dated) < len(days),
                                                 per_lookup=MAX_CANDIDATES)
               if s.id not in index.stories and s.id not in stored]
    earlier = _with_thread_mates(connection, earlier, set(index.stories) | stored, since)
    known = {(s.id, other) for s in earlier for other in s.related}
    index.load(earlier, {}, index.documents, 0)
    for story_id in new:
        index.relate(index.stories[story_id])
    return earlier, known


_said: set[str] = set()


def _say_once(message: str, *args: object) -> None:
    if message not in _said:
        _said.add(message)
        logger.warning(message, *args)


def _place(connection: Connection, pending: list[rows.Pending]) -> None:
    ids = [p.id for p in pending]
    without = sum(p.lead is None for p in pending)
    if without:
        _say_once("stories: %d of %d documents have no lead embedding (analysed before embeddings, or without "
                  "the model); placing them by words, people, organisations and places only (said once)",
                  without, len(pending))
    people, entities = rows.people_in(connection, ids), rows.entities_in(connection, ids)
    features = {p.id: term_counts(p.title, p.text) + person_features(people[p.id]) + entity_features(entities[p.id])
                for p in pending}
    days = [p.day for p in pending if p.day]
    since = min(days) - timedelta(days=WINDOW_DAYS) if days else None
    undated = len(days) < len(pending)
    index = StoryIndex()
    index.load([], rows.document_frequencies(connection, {t for c in features.values() for t in c}),
               rows.clustered_documents(connection), rows.next_story_id(connection))
    # Only the stories that share most lookup terms with each document of the batch (with a margin:
    # weights shift as the batch goes in), as many as the index would score for it.
    lookups = [set(index.lookup_terms(c, LOOKUP_MARGIN * LOOKUP_TERMS)) for c in features.values()]
    loaded = rows.candidate_stories(connection, lookups, since, undated, per_lookup=MAX_CANDIDATES)
    loaded = _with_thread_mates(connection, loaded, set(),
                                min(days) - timedelta(days=RELATED_WINDOW_DAYS) if days else None)
    index.load(loaded, {}, index.documents, 0)
    before = {s.id: set(s.centroid) for s in loaded}
    known_links = {(s.id, other) for s in loaded for other in s.related}
    stored = {s.id for s in loaded}
    titles: dict[int, str | None] = {}
    added: Counter[int] = Counter()
    members: list[tuple[int, int, float]] = []
    last_day = None
    for item in pending:  # oldest first, undated last
        if item.day and item.day != last_day:
            index.evict(item.day - timedelta(days=RELATED_WINDOW_DAYS))
            last_day = item.day
        story_id, similarity = index.add_counts(item.id, features[item.id], item.day, item.lead)
        if story_id not in stored and story_id not in titles:
            titles[story_id] = item.title
        added[story_id] += 1
        members.append((item.id, story_id, similarity))
    earlier, earlier_links = _relate_new_stories(connection, index, [s for s in titles if s in index.stories], stored)
    before.update({s.id: set(s.centroid) for s in earlier})
    known_links |= earlier_links
    stored.update(s.id for s in earlier)
    for story_id in index.changed:
        story = index.story(story_id)
        rows.save_story(connection, story, titles.get(story_id), added[story_id], is_new=story_id not in stored)
        rows.update_postings(connection, story, before.get(story_id, set()))
    for document_id, story_id, similarity in members:
        rows.add_member(connection, document_id, story_id, similarity)
    for story_id in index.changed:
        for other, similarity in index.story(story_id).related.items():
            if story_id < other and (story_id, other) not in known_links:
                rows.link(connection, story_id, other, similarity)
    rows.add_document_frequencies(connection, index.df_changed)
