"""Stories: documents about the same event thread, grouped online as they arrive.

Each document is a TF-IDF vector over its content words (title words count
twice). It joins the story whose centroid it is most similar to, if similar
enough and (when dates are known) recent enough; otherwise it starts a story.
Candidates come from an inverted index over each story's strongest terms and
only stories active within a time window are kept, so the cost of placing a
document does not grow with the size of the corpus.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..analyse.keywords import STOPWORDS, stem

# Cosine similarity to a story's centroid at or above which a document joins it.
JOIN_THRESHOLD = 0.15
# Terms kept per document vector and per story centroid, and used to look up candidates.
DOCUMENT_TERMS = 40
STORY_TERMS = 80
LOOKUP_TERMS = 12
# A story takes no new document dated more than this after its last one.
WINDOW_DAYS = 21
# At most this many candidate stories are scored per document.
MAX_CANDIDATES = 50


def term_counts(title: str | None, text: str) -> Counter[str]:
    """Stemmed content-word counts; title words count twice."""
    counts: Counter[str] = Counter()
    for weight, words in ((2, title or ""), (1, text)):
        for word in words.split():
            word = word.strip(".,;:!?'\"‘’“”()[]—–-").lower()
            if len(word) > 2 and word.isalpha() and word not in STOPWORDS:
                counts[stem(word)] += weight
    return counts


@dataclass(slots=True)
class Story:
    """A story as the index holds it: members, centroid and the dates it spans."""

    id: int
    documents: list[int] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    first_seen: date | None = None
    last_seen: date | None = None


class StoryIndex:
    """Online clustering of documents into stories, with document frequencies kept as it goes."""

    def __init__(self) -> None:
        self.stories: dict[int, Story] = {}
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.df: Counter[str] = Counter()
        self.documents = 0
        self._next = 1

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        n = self.documents
        weights = {t: (1 + math.log(c)) * math.log((n + 1) / (self.df[t] + 1) + 1) for t, c in counts.items()}
        top = sorted(weights.items(), key=lambda item: -item[1])[:DOCUMENT_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    def _candidates(self, vector: dict[str, float], day: date | None) -> list[Story]:
        hits: Counter[int] = Counter()
        for term, _ in sorted(vector.items(), key=lambda item: -item[1])[:LOOKUP_TERMS]:
            for story_id in self.postings.get(term, ()):
                hits[story_id] += 1
        found = []
        for story_id, _ in hits.most_common(MAX_CANDIDATES * 2):
            story = self.stories[story_id]
            if day and story.last_seen and (day - story.last_seen).days > WINDOW_DAYS:
                continue
            if day and story.first_seen and (story.first_seen - day).days > WINDOW_DAYS:
                continue
            found.append(story)
            if len(found) == MAX_CANDIDATES:
                break
        return found

    @staticmethod
    def _cosine(vector: dict[str, float], centroid: dict[str, float]) -> float:
        norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
        return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm

    def add(self, document_id: int, title: str | None, text: str, day: date | None = None) -> int:
        """Place a document in a story (joining or starting one); returns the story id."""
        counts = term_counts(title, text)
        self.documents += 1
        self.df.update(counts.keys())
        vector = self._vector(counts)
        best, score = None, 0.0
        for story in self._candidates(vector, day):
            similarity = self._cosine(vector, story.centroid)
            if similarity > score:
                best, score = story, similarity
        if best is None or score < JOIN_THRESHOLD:
            best = Story(self._next)
            self.stories[best.id] = best
            self._next += 1
        self._join(best, document_id, vector, day)
        return best.id

    def _join(self, story: Story, document_id: int, vector: dict[str, float], day: date | None) -> None:
        story.documents.append(document_id)
        for term, weight in vector.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + weight
        if len(story.centroid) > STORY_TERMS:
            kept = dict(sorted(story.centroid.items(), key=lambda item: -item[1])[:STORY_TERMS])
            for term in set(story.centroid) - set(kept):
                self.postings[term].discard(story.id)
            story.centroid = kept
        for term in story.centroid:
            self.postings[term].add(story.id)
        if day:
            story.first_seen = min(filter(None, (story.first_seen, day)))
            story.last_seen = max(filter(None, (story.last_seen, day)))
