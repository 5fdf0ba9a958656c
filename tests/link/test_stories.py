"""Online story clustering: same event together, different events apart, time windows respected, meaning used."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from followthrough.analyse import embed
from followthrough.link.stories import JOIN, RELATED, Story, StoryIndex, Threshold

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


def _bridge_toll_and_floods(with_floods: bool) -> StoryIndex:
    """A story on a bridge toll near a flood-and-bridge story, which may have a flood story in its thread."""
    index = StoryIndex(related=Threshold(meaning=0.25, blended=0.2, words=0.15))
    floods = [Story(1, centroid={"flood": 1.0}, related={2: 0.7})] if with_floods else []
    bridge = Story(2, centroid={"flood": 1.0, "bridge": 1.0}, related={1: 0.7} if with_floods else {}, thread=1)
    index.load([*floods, bridge, Story(3, centroid={"bridge": 1.0, "toll": 3.0})], {}, 3, 4)
    index.relate(index.stories[3])
    return index


def test_a_story_is_linked_to_a_thread_only_if_close_to_its_stories_on_average() -> None:
    # Close enough to the flood-and-bridge story alone (word cosine 0.22), so linked to it...
    alone = _bridge_toll_and_floods(with_floods=False)
    assert alone.threads()[3] == alone.threads()[2]
    # ...but not once that story's thread holds a flood story it shares nothing with (mean cosine 0.11):
    # one close pair does not chain a bridge toll into the floods' thread.
    index = _bridge_toll_and_floods(with_floods=True)
    assert index.thread_margin(3, 1) < 0
    assert index.threads() == {1: 1, 2: 1, 3: 3} and not index.stories[3].related


# Another report of the flood: a few words in common ("Carlisle", "bridge"), the same event.
FLOOD_RETOLD = ("Carlisle bridge shut as floodwater rises", "Police shut the crossing after heavy rain, residents "
                "near the banks were told to leave and schools stayed shut until Monday.")
# Two earthquakes: one kind of event, two events.
QUAKE = ("Earthquake kills dozens in eastern Turkey", "A magnitude 6.8 earthquake struck Elazig province on Friday "
         "night, killing at least 35 people and trapping others under collapsed buildings, Turkey's disaster "
         "agency said.")
QUAKE_ELSEWHERE = ("Strong earthquake shakes central Chile", "A magnitude 7.1 quake hit near Valparaiso on Tuesday, "
                   "toppling homes and killing four people as rescuers searched the rubble, Chilean officials said.")

needs_weights = pytest.mark.skipif(not embed.available(), reason=f"the {embed.MODEL_NAME} weights are not "
                                   f"installed: {embed.INSTALL}")


def _leads(*documents: tuple[str, str]) -> list[np.ndarray]:
    """Each document's lead embedding, as analysis makes it (title, then the start of the text)."""
    return list(embed.embed([f"{title}. {text}" for title, text in documents]))


@needs_weights
def test_meaning_joins_a_report_that_shares_few_words_with_the_story() -> None:
    leads = _leads(FLOOD, BUDGET, FLOOD_RETOLD)
    for with_meaning in (False, True):
        index = StoryIndex()
        first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5), lead=leads[0] if with_meaning else None)
        index.add(2, *BUDGET, day=date(2026, 1, 5), lead=leads[1] if with_meaning else None)
        retold, _ = index.add(3, *FLOOD_RETOLD, day=date(2026, 1, 6), lead=leads[2] if with_meaning else None)
        # Words alone fall short of the join threshold; with the meaning they clear the blend's.
        assert (retold == first) is with_meaning


@needs_weights
def test_two_events_of_one_kind_form_a_thread_but_not_a_story() -> None:
    leads = _leads(QUAKE, BUDGET, QUAKE_ELSEWHERE)
    index = StoryIndex()
    turkey, _ = index.add(1, *QUAKE, day=date(2026, 1, 5), lead=leads[0])
    budget, _ = index.add(2, *BUDGET, day=date(2026, 1, 6), lead=leads[1])
    chile, _ = index.add(3, *QUAKE_ELSEWHERE, day=date(2026, 1, 9), lead=leads[2])
    assert chile != turkey
    threads = index.threads()
    assert threads[chile] == threads[turkey] != threads[budget]


def _unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_a_story_vector_is_the_normalised_mean_of_its_members_leads() -> None:
    index = StoryIndex()
    first, again = _unit(1), _unit(2)
    story, _ = index.add(1, *FLOOD, day=date(2026, 1, 5), lead=first)
    assert index.add(2, *FLOOD_LATER, day=date(2026, 1, 6), lead=again)[0] == story
    vector = index.stories[story].vector
    assert vector is not None and np.allclose(vector, (first + again) / np.linalg.norm(first + again), atol=1e-6)


def test_where_either_side_has_no_lead_words_alone_decide_against_their_own_threshold() -> None:
    # Meaning that would forbid the join (opposite vectors) is not there to forbid it: words decide.
    for leads in ((None, _unit(3)), (_unit(3), None)):
        index = StoryIndex(join=Threshold(meaning=0.9, blended=0.5, words=JOIN.words), related=RELATED)
        first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5), lead=leads[0])
        assert index.add(2, *FLOOD_LATER, day=date(2026, 1, 6), lead=leads[1])[0] == first
    # With both leads there, the blend decides: opposite meanings keep the same words apart.
    index = StoryIndex(join=Threshold(meaning=0.9, blended=0.5, words=JOIN.words), related=RELATED)
    first, _ = index.add(1, *FLOOD, day=date(2026, 1, 5), lead=_unit(3))
    assert index.add(2, *FLOOD_LATER, day=date(2026, 1, 6), lead=-_unit(3))[0] != first
