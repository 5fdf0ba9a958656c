"""Does a newly found commitment restate one already in the ledger? A small learned decision.

Sentence similarity alone separates restatements poorly: two outlets reporting one promise
share its figures, its deadline and its actor more reliably than its wording ("create 1,000
jobs in Aberdeen" / "1000 new energy jobs in Scotland"), and two promises of one minister in
one speech can read alike ("publish quarterly reports" / "update Parliament annually"). So the
decision weighs, for a finding and a known entry:

- how alike their sentences are (the cosine of their MiniLM embeddings, the best over the
  entry's sources) and how many content words of the promise they share;
- whether their actors are the same person or body, two parts of one government, in conflict,
  or unknown;
- whether their deadlines agree, differ a little (a revision) or a lot (another target);
- whether they name the same figures, or different ones;
- whether they come from one document, and how far apart they were made.

A logistic regression over these (``FEATURES``), trained by ``train/merge.py`` on the findings of
the six tuning timeline stories against our gold (pairs of findings of one gold commitment are
restatements, of two gold commitments are not), shipped in ``models/merge.json`` with the
threshold chosen by cross-validation over the stories and the figures it was measured on. The
ledger (``link.ledger``) merges a finding into the entry it scores highest with, at or above the
threshold, and keeps the probability and the features that carried it as the reason.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[1] / "analyse" / "models" / "merge.json"

FEATURES = (
    "similarity",  # cosine of the sentences (best over the entry's sources)
    "similarity_high",  # how far it is above 0.6, where wording alone already says "the same"
    "word_share",  # shared content words of the actions over the smaller set
    "words_shared",  # how many (up to four), over four
    "same_person",
    "other_person",  # both named, different people
    "same_body",  # the same organisation by name
    "one_government",  # two names of one government (the Government, a department, a minister's office)
    "actors_conflict",  # two organisations that are not one government
    "actor_unknown",  # either has no actor
    "same_deadline",  # within 14 days
    "near_deadline",  # within a year: a revision more often than another target
    "far_deadline",  # more than a year apart
    "one_deadline",  # only one of them has a deadline
    "same_figure",  # they name an amount in common
    "different_figures",  # each names amounts, none in common
    "same_document",
    "made_apart",  # log days between when they were made, over 8 (0 when either is undated)
    "undated",  # either has no date
    "same_kind",
    "similar_same_actor",  # similarity where the actor is the same person or body
)
# Deadlines within this many days are the same deadline restated.
SAME_DEADLINE_DAYS = 14
FAR_DEADLINE_DAYS = 366

_GOVERNMENT = re.compile(r"government|department|ministry|office|treasury|secretary|minister|cabinet|home office",
                         re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?"
                     r"(?:\s?(?:%|per ?cent\b|percent\b|billion\b|bn\b|million\b|m\b|k\b))?", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


def figures(text: str) -> frozenset[str]:
    """The amounts a text names ("300", "68%", "1000", "3million"), years left out (those are deadlines)."""
    found = set()
    for match in _FIGURE.finditer(text):
        figure = re.sub(r"[\s,]", "", match.group()).lower()
        figure = figure.replace("percent", "%").replace("bn", "billion")
        if not _YEAR.fullmatch(figure):
            found.add(re.sub(r"(?<=\d)m$", "million", figure))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Side:
    """What the decision needs of one side of a pair: a new finding, or an entry already in the ledger."""

    person_id: int | None
    organisation: str | None
    words: frozenset[str]  # content words of the action
    figures: frozenset[str]
    deadline_end: date | None
    made_on: date | None
    documents: frozenset[int]
    kind: str


def is_government(name: str) -> bool:
    return bool(_GOVERNMENT.search(name))


def features(new: Side, old: Side, similarity: float) -> np.ndarray:
    """The pair's features, in the order of ``FEATURES``."""
    shared = new.words & old.words
    smaller = min(len(new.words), len(old.words))
    both_people = new.person_id is not None and old.person_id is not None
    same_person = both_people and new.person_id == old.person_id
    a, b = (new.organisation or "").casefold(), (old.organisation or "").casefold()
    same_body = bool(a and b and a == b)
    one_government = bool(a and b and not same_body and is_government(a) and is_government(b))
    conflict = bool(a and b and not same_body and not one_government)
    unknown = (new.person_id is None and not a) or (old.person_id is None and not b)
    gap = abs((new.deadline_end - old.deadline_end).days) if new.deadline_end and old.deadline_end else None
    apart = abs((new.made_on - old.made_on).days) if new.made_on and old.made_on else None
    same_actor = same_person or (same_body and not both_people)
    values = (
        similarity,
        max(0.0, similarity - 0.6),
        len(shared) / smaller if smaller else 0.0,
        min(len(shared), 4) / 4,
        same_person,
        both_people and not same_person,
        same_body,
        one_government,
        conflict,
        unknown,
        gap is not None and gap <= SAME_DEADLINE_DAYS,
        gap is not None and SAME_DEADLINE_DAYS < gap <= FAR_DEADLINE_DAYS,
        gap is not None and gap > FAR_DEADLINE_DAYS,
        (new.deadline_end is None) != (old.deadline_end is None),
        bool(new.figures & old.figures),
        bool(new.figures and old.figures and not new.figures & old.figures),
        bool(new.documents & old.documents),
        math.log1p(apart) / 8 if apart is not None else 0.0,
        apart is None,
        new.kind == old.kind,
        similarity if same_actor else 0.0,
    )
    return np.array(values, dtype=np.float64)


def explain(row: np.ndarray) -> str:
    """The features that carried a decision, in words: "same person, same deadline, similar sentence 0.71"."""
    on = dict(zip(FEATURES, row, strict=True))
    parts = [f"similar sentence ({on['similarity']:.2f})"]
    parts += [name.replace("_", " ") for name in ("same_person", "same_body", "one_government", "same_deadline",
                                                   "same_figure", "same_document") if on[name]]
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Model:
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, row: np.ndarray) -> float:
        return 1.0 / (1.0 + math.exp(-float(row @ self.weights + self.bias)))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model | None:
    """The shipped decision, or None when the model file is absent (the ledger then uses its word rule)."""
    if not path.exists():
        return None
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw["features"]) != FEATURES:
        return None  # written for other features: retrain (train/merge.py)
    return Model(np.array(raw["weights"], dtype=np.float64), float(raw["bias"]), float(raw["threshold"]))
