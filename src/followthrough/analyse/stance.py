"""How a later sentence bears on a commitment: its stance, and whether it is about that commitment at all.

Two small learned models, run in numpy from weights shipped in ``models/evidence.json``
(written by ``train/evidence.py``, which says what data chose them):

- ``stance(sentence, vector)``: what the sentence reports, whichever commitment it is about:
  delivered, partly delivered, progress, delayed, at risk, dropped, contradicted, or none.
  Logistic regression over the sentence's MiniLM vector and the cue families of
  ``analyse.evidence`` that its words match.
- ``bears_on(commitment_texts, commitment_vectors, sentence, sentence_vector)``: the probability
  that a sentence reporting an outcome reports it on *this* commitment. Logistic regression over
  the cosine of the vectors, and the content words, named things and numbers the two share.

``assess`` puts them together for one pair: the sentence's stance towards the commitment, or
none. Vectors come from ``analyse.embed`` (one per sentence and per commitment text, computed
once by the caller); everything here is a few hundred multiplications per call.

Two rules sit over the models, each for a case they cannot see from the sentence alone: a
promise *not* to do something is contradicted when it is done, and a figure moving against a
commitment's aim ("leakage rose" on "cut leakage") contradicts it. A question reports nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import FollowthroughError
from . import evidence
from .keywords import STOPWORDS, keywords

MODEL_PATH = Path(__file__).parent / "models" / "evidence.json"
# The stances that say the promise is being or has been carried out: doing what was
# promised not to be done contradicts a negative promise.
_DOING = frozenset({"delivered", "partly delivered", "progress"})

_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?|[A-Z]{2,}\d*|[A-Z]+\d+[A-Z\d]*)\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Assessment:
    """One sentence's bearing on one commitment: the stance (or "none"), how sure, and why."""

    stance: str
    probability: float  # of the stance given (for "none": that the pair reports nothing)
    relevance: float  # bears_on: that the sentence is about this commitment
    reason: str


@dataclass(frozen=True, slots=True)
class _Logistic:
    """A fitted logistic regression: standardise, multiply, softmax (or a sigmoid for one output)."""

    classes: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    weights: NDArray[np.float64]  # [outputs, features]
    bias: NDArray[np.float64]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Logistic:
        return cls(tuple(data["classes"]), np.asarray(data["mean"], dtype=np.float64),
                   np.asarray(data["scale"], dtype=np.float64), np.asarray(data["weights"], dtype=np.float64),
                   np.asarray(data["bias"], dtype=np.float64))

    def probabilities(self, features: NDArray[np.float64]) -> NDArray[np.float64]:
        z = self.weights @ ((features - self.mean) / self.scale) + self.bias
        if len(self.classes) == 2:  # one output: the second class's log-odds
            p = 1.0 / (1.0 + math.exp(-float(z[0])))
            return np.array([1.0 - p, p])
        z -= z.max()
        e = np.exp(z)
        result: NDArray[np.float64] = e / e.sum()
        return result


@dataclass(frozen=True, slots=True)
class EvidenceModel:
    """The stance and relevance models and the threshold that turns them into a link."""

    stance: _Logistic
    relevance: _Logistic
    # A pair is evidence when relevance × P(some stance) reaches this (chosen in training).
    threshold: float
    about: dict[str, Any]


def load(path: Path = MODEL_PATH) -> EvidenceModel:
    """The models, read once per process."""
    return _load(path)


@lru_cache(maxsize=2)
def _load(path: Path) -> EvidenceModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return EvidenceModel(_Logistic.from_json(data["stance"]), _Logistic.from_json(data["relevance"]),
                             float(data["threshold"]), dict(data.get("about", {})))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FollowthroughError(f"cannot read the evidence model {path} ({exc}); rebuild it: "
                                 "python train/evidence.py") from exc


def stance_features(sentence: str, vector: ArrayLike) -> NDArray[np.float64]:
    """The sentence's vector, then one feature per cue family, then a few about its figures."""
    found = evidence.cues(sentence)
    direction = evidence.figure_direction(sentence)
    extra = [float(s in found) for s in evidence.STANCE_NAMES[:-1]] + [
        float(direction > 0), float(direction < 0), float(bool(_NUMBER.search(sentence))),
        float(evidence.is_question(sentence)),
    ]
    return np.concatenate([np.asarray(vector, dtype=np.float64).reshape(-1), extra])


def stance_probabilities(sentence: str, vector: ArrayLike, model: EvidenceModel | None = None) -> dict[str, float]:
    """Each stance's probability (and "none"'s) for a sentence, whatever commitment it is about."""
    model = model or load()
    if evidence.is_question(sentence):
        return {name: float(name == "none") for name in evidence.STANCE_NAMES}
    p = model.stance.probabilities(stance_features(sentence, vector))
    return {name: float(value) for name, value in zip(model.stance.classes, p, strict=True)}


def stance(sentence: str, vector: ArrayLike, model: EvidenceModel | None = None) -> tuple[str, float]:
    """The sentence's most likely stance (or "none") and its probability.

    A question reports nothing: ``stance("Will the line be scrapped?", v)`` is ``("none", 1.0)``.
    """
    probabilities = stance_probabilities(sentence, vector, model)
    label = max(probabilities, key=lambda k: probabilities[k])
    return label, probabilities[label]


def named_things(text: str) -> set[str]:
    """Capitalised words and acronyms ("Leeds", "HS2", "Ofwat"), function words left out."""
    return {m.group().lower() for m in _NAME.finditer(text) if m.group().lower() not in STOPWORDS}


def numbers(text: str) -> set[str]:
    """The numbers a text names, commas dropped ("£1,200" and "1200" are one)."""
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def relevance_features(commitment_texts: Sequence[str], commitment_vectors: ArrayLike, sentence: str,
                       sentence_vector: ArrayLike) -> NDArray[np.float64]:
    """Cosines (best and mean over the commitment's texts) and the words, names and numbers shared."""
    rows = np.atleast_2d(np.asarray(commitment_vectors, dtype=np.float64))
    v = np.asarray(sentence_vector, dtype=np.float64).reshape(-1)
    cosines = rows @ v / np.maximum(np.linalg.norm(rows, axis=1) * np.linalg.norm(v), 1e-12)
    promise = " ".join(commitment_texts)
    own, theirs = keywords(sentence), keywords(promise)
    shared = own & theirs
    names = named_things(sentence) & named_things(promise)
    figures = numbers(sentence) & numbers(promise)
    return np.array([
        float(cosines.max()), float(cosines.mean()),
        len(shared) / max(len(own), 1), math.log1p(len(shared)),
        math.log1p(len(names)), math.log1p(len(figures)),
    ])


def bears_on(commitment_texts: Sequence[str], commitment_vectors: ArrayLike, sentence: str,
             sentence_vector: ArrayLike, model: EvidenceModel | None = None) -> float:
    """The probability that a sentence reporting an outcome reports it on this commitment, 0 to 1.

    ``commitment_texts`` are the sentences that make or restate the commitment, and
    ``commitment_vectors`` their vectors, one row each (the best-matching text counts most).
    """
    model = model or load()
    features = relevance_features(commitment_texts, commitment_vectors, sentence, sentence_vector)
    return float(model.relevance.probabilities(features)[1])


def assess(commitment_texts: Sequence[str], commitment_vectors: ArrayLike, sentence: str,
           sentence_vector: ArrayLike, model: EvidenceModel | None = None) -> Assessment:
    """The sentence's stance towards the commitment, or "none" when it reports nothing on it."""
    model = model or load()
    return decide(stance_probabilities(sentence, sentence_vector, model),
                  bears_on(commitment_texts, commitment_vectors, sentence, sentence_vector, model),
                  " ".join(commitment_texts), sentence, model.threshold)


def decide(probabilities: dict[str, float], relevance: float, promise: str, sentence: str,
           threshold: float) -> Assessment:
    """``assess`` from the two models' outputs: a link when relevance × P(some stance) reaches the threshold."""
    outcome = 1.0 - probabilities["none"]
    score = relevance * outcome
    if outcome <= 0.0 or score < threshold:
        why = "a question" if evidence.is_question(sentence) else (
            f"relevance {relevance:.2f} × outcome {outcome:.2f} below {threshold:.2f}")
        return Assessment("none", 1.0 - score, relevance, why)
    label = max((k for k in probabilities if k != "none"), key=lambda k: probabilities[k])
    probability = score * probabilities[label] / outcome
    if label in _DOING and evidence.negated(promise):
        return Assessment("contradicted", probability, relevance, f"{label} on a promise not to do it")
    aim, moved = evidence.aim_direction(promise), evidence.figure_direction(sentence)
    if label in _DOING and aim and moved and aim != moved:
        return Assessment("contradicted", probability, relevance, "a figure moving against the promise's aim")
    return Assessment(label, probability, relevance,
                      f"model: {label} {probabilities[label]:.2f}, relevance {relevance:.2f}")
