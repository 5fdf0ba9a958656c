"""What a reader sees of a story: who covered it and when, what each outlet stressed, and a brief.

The brief is extractive: three to five sentences from the story's own
documents, chosen for how much of the story's vocabulary they carry, with a
preference for lead paragraphs and against repeating each other, each cited
by document and character span. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection

from ..analyse.keywords import STOPWORDS, stem
from ..errors import FollowthroughError
from ..model import BriefSentence, OutletCoverage, RelatedDocument, RelatedStory, StoryDetail, StorySummary
from ..store import stories as rows

# People listed per story, terms and people per outlet, sentences in a brief.
KEY_PEOPLE = 5
OUTLET_TERMS = 5
OUTLET_PEOPLE = 3
BRIEF_MIN, BRIEF_MAX = 3, 5
# A brief sentence has between these many words.
SENTENCE_WORDS = (8, 60)
# Two brief sentences sharing more than this share of their content words say the same thing.
OVERLAP = 0.5
# Sentences among the first few of a document (the lead) weigh more, by this factor.
LEAD_SENTENCES, LEAD_BONUS = 3, 1.5
UNKNOWN_OUTLET = "(outlet unknown)"

# A sentence ends at . ! ? (and any closing quote) before white space and a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])['’\"”]?(?=\s+[‘'\"“A-Z0-9])|\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


class UnknownStory(FollowthroughError):
    def __init__(self, story_id: int) -> None:
        super().__init__(f"no story with id {story_id}")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences in ``text``, trimmed; line breaks always end one."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + len(piece) - len(piece.lstrip())
        yield left, left + len(stripped)


def _words(text: str) -> list[str]:
    return [w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOPWORDS and len(w) > 2]


def summaries(connection: Connection, story_id: int | None = None) -> list[StorySummary]:
    """Every story (or one), earliest first."""
    stories = rows.story_rows(connection, story_id)
    members = rows.members(connection, [s.id for s in stories])
    people = rows.people_by_document(connection, [m.id for group in members.values() for m in group])
    found = []
    for story in stories:
        group = members[story.id]
        outlets = list(dict.fromkeys(m.outlet for m in group if m.outlet))
        named: Counter[str] = Counter()
        mentions: Counter[str] = Counter()
        for member in group:
            named.update(people[member.id].keys())
            mentions.update(people[member.id])
        key = sorted(named, key=lambda name: (-named[name], -mentions[name], name))[:KEY_PEOPLE]
        found.append(StorySummary(story.id, story.title, story.first_seen, story.last_seen,
                                  tuple(m.id for m in group), tuple(outlets), tuple(key), story.thread_id))
    return found


def detail(connection: Connection, story_id: int) -> StoryDetail:
    """A story's brief, timeline, coverage by outlet and related stories."""
    found = summaries(connection, story_id)
    if not found:
        raise UnknownStory(story_id)
    summary = found[0]
    story = rows.story_rows(connection, story_id)[0]
    group = rows.members(connection, [story_id])[story_id]
    originals = [m.id for m in group if m.copy_of is None]
    texts = rows.texts(connection, [m.id for m in group])
    people = rows.people_by_document(connection, [m.id for m in group] + [m.copy_of for m in group if m.copy_of])
    for member in group:
        if member.copy_of:  # a copy is not analysed: its people are its original's
            people[member.id] = people[member.copy_of]
    timeline: dict[str, list[int]] = defaultdict(list)
    for member in group:
        timeline[(member.published or "")[:10]].append(member.id)
    coverage = _coverage(group, texts, people)
    related = tuple(RelatedStory(r.id, r.title, r.first_seen, r.last_seen, round(similarity, 3))
                    for r, similarity in rows.related(connection, story_id))
    return StoryDetail(
        summary=summary,
        brief=tuple(brief({i: texts[i] for i in originals}, json.loads(story.centroid))),
        timeline=tuple((day, tuple(ids)) for day, ids in sorted(timeline.items(), key=lambda i: (i[0] == "", i[0]))),
        coverage=coverage,
        first=_first(coverage),
        related=related,
    )


def _first(coverage: tuple[OutletCoverage, ...]) -> str | None:
    """The outlet that had the story first, if one was strictly earlier than the rest (as far as times say)."""
    if not coverage or coverage[0].first_published is None:
        return None
    if len(coverage) > 1 and coverage[1].first_published == coverage[0].first_published:
        return None
    return coverage[0].outlet


def _coverage(group: list[rows.Member], texts: dict[int, str], people: dict[int, dict[str, int]]
              ) -> tuple[OutletCoverage, ...]:
    by_outlet: dict[str, list[rows.Member]] = defaultdict(list)
    for member in group:  # earliest first, so outlets come in the order they covered it
        by_outlet[member.outlet or UNKNOWN_OUTLET].append(member)
    words = {m.id: Counter(_words(texts[m.id])) for m in group}
    story_words: Counter[str] = Counter()
    for counts in words.values():
        story_words.update(counts)
    story_total = sum(story_words.values()) or 1
    found = []
    for outlet, members in by_outlet.items():
        own: Counter[str] = Counter()
        for member in members:
            own.update(words[member.id])
        total = sum(own.values()) or 1
        # Log-ratio of the outlet's rate to the whole story's, for words the outlet used more than once.
        scored = {w: n * math.log((n / total) / (story_words[w] / story_total)) for w, n in own.items() if n > 1}
        if len(by_outlet) == 1:
            scored = {w: float(n) for w, n in own.items() if n > 1}
        named = {part.lower() for m in members for name in people[m.id] for part in name.split()}
        terms = _distinct_stems(sorted((w for w in scored if w not in named), key=lambda w: (-scored[w], w)))
        found.append(OutletCoverage(outlet, tuple(m.id for m in members), members[0].published,
                                    tuple(terms[:OUTLET_TERMS]), _distinctive_people(members, group, people)))
    return tuple(found)


def _distinct_stems(words: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for word in words:
        if stem(word) not in seen:
            seen.add(stem(word))
            kept.append(word)
    return kept


def _distinctive_people(members: list[rows.Member], group: list[rows.Member],
                        people: dict[int, dict[str, int]]) -> tuple[str, ...]:
    """People this outlet named in a larger share of its documents than the other outlets did."""
    mine = {m.id for m in members}
    others = [m.id for m in group if m.id not in mine]
    own_share: Counter[str] = Counter()
    for member in mine:
        own_share.update({name: 1 / len(mine) for name in people[member]})
    other_share: Counter[str] = Counter()
    for other in others:
        other_share.update({name: 1 / len(others) for name in people[other]})
    score = {name: share - other_share[name] for name, share in own_share.items()}
    return tuple(sorted((n for n, s in score.items() if s > 0), key=lambda n: (-score[n], n))[:OUTLET_PEOPLE])


def brief(texts: dict[int, str], centroid: dict[str, float]) -> list[BriefSentence]:
    """Three to five sentences that carry the story's vocabulary, in the order they were published."""
    candidates = []
    for order, (document_id, text) in enumerate(texts.items()):
        for position, (start, end) in enumerate(sentences(text)):
            sentence = text[start:end]
            words = _words(sentence)
            # Headlines, standfirst questions and captions inform less than reported sentences.
            if not SENTENCE_WORDS[0] <= len(sentence.split()) <= SENTENCE_WORDS[1] or sentence[-1] not in ".'’\"”" \
                    or sentence.rstrip("'’\"”").endswith("?"):
                continue
            stems = {stem(w) for w in words}
            score = sum(centroid.get(s, 0.0) for s in stems) / math.sqrt(len(words) or 1)
            if position < LEAD_SENTENCES:
                score *= LEAD_BONUS
            candidates.append((score, order, document_id, start, end, stems))
    chosen: list[tuple[float, int, int, int, int, set[str]]] = []
    for candidate in sorted(candidates, key=lambda c: (-c[0], c[1], c[3])):
        if len(chosen) == BRIEF_MAX:
            break
        if any(len(candidate[5] & c[5]) > OVERLAP * min(len(candidate[5]), len(c[5])) for c in chosen):
            continue
        if len(chosen) >= BRIEF_MIN and candidate[0] < chosen[0][0] / 2:
            break
        chosen.append(candidate)
    chosen.sort(key=lambda c: (c[1], c[3]))
    return [BriefSentence(c[2], c[3], c[4], texts[c[2]][c[3]:c[4]]) for c in chosen]


def related_documents(connection: Connection, document_id: int, limit: int = 10) -> list[RelatedDocument]:
    """Other documents of this document's story, then of its related stories."""
    story_id = rows.story_of(connection, document_id)
    if story_id is None:
        return []
    story_ids = [story_id] + [r.id for r, _ in rows.related(connection, story_id)]
    members = rows.members(connection, story_ids)
    found: list[RelatedDocument] = []
    for sid in story_ids:
        for m in sorted(members[sid], key=lambda m: -m.similarity):
            if m.id != document_id and len(found) < limit:
                found.append(RelatedDocument(m.id, m.title, m.outlet, m.published, sid, sid == story_id))
    return found
