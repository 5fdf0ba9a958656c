"""Online story clustering: same event together, different events apart, time windows respected."""

from __future__ import annotations

from datetime import date

from followthrough.link.stories import StoryIndex

FLOOD = ("Floods close Carlisle bridge", "Flood water closed the Carlisle bridge as the river Eden rose overnight "
         "and the Environment Agency issued severe flood warnings for the city.")
FLOOD_LATER = ("Carlisle bridge reopens after floods", "The Carlisle bridge reopened as the river Eden fell and "
               "the Environment Agency lifted its severe flood warnings for the city.")
BUDGET = ("Chancellor sets out budget", "The Chancellor set out a budget with higher fuel duty and a cut in "
          "stamp duty for first-time buyers.")


def test_the_same_event_joins_one_story_and_another_starts_its_own() -> None:
    index = StoryIndex()
    first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5))
    budget, _ = index.add(2, *BUDGET, day=date(2026, 1, 6))
    later, _ = index.add(3, *FLOOD_LATER, day=date(2026, 1, 9))
    assert first == later != budget
    story = index.stories[first]
    assert story.documents == [1, 3]
    assert (story.first_seen, story.last_seen) == (date(2026, 1, 5), date(2026, 1, 9))


def test_a_story_long_gone_quiet_is_not_joined() -> None:
    index = StoryIndex()
    first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5))
    assert index.add(2, *FLOOD_LATER, day=date(2026, 9, 1))[0] != first


def test_idle_stories_are_evicted_and_changed_ones_kept_for_writing_back() -> None:
    index = StoryIndex()
    first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5))
    budget, _ = index.add(2, *BUDGET, day=date(2027, 3, 1))
    assert index.evict(date(2027, 1, 1)) == 1
    assert first not in index.stories and index.story(first).documents == [1]
    assert index.add(3, *FLOOD_LATER, day=date(2027, 3, 2))[0] not in (first, budget)


def test_related_stories_form_a_thread() -> None:
    index = StoryIndex()
    first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5))
    index.add(2, *BUDGET, day=date(2026, 1, 6))
    later, _ = index.add(3, *FLOOD_LATER, day=date(2026, 3, 1))  # past the join window, within the related one
    assert later != first
    threads = index.threads()
    assert threads[later] == threads[first] == first
    assert len(set(threads.values())) == 2
