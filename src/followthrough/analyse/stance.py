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

Rules sit over the models. Three read the sentence: being accused of a U-turn is no U-turn;
words that say outright a promise was kept ("fulfilling a campaign promise", "received Royal
Assent") are a delivery; words that say it was given up ("abandoned her promise") are a drop.
Three are for cases the models cannot see from the sentence alone: a promise *not* to do
something is contradicted when it is done; a promise to scrap something is delivered when it is
dropped; and a figure moving against a commitment's aim ("leakage rose" on
"cut leakage") contradicts it. A question reports nothing.
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

# The least probability of "delivered" (or "dropped") for a sentence that says outright a promise was
# kept (or given up).
KEPT_FLOOR = 0.6
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
    return _probabilities(sentence, stance_features(sentence, vector), model.stance)


def _probabilities(sentence: str, features: NDArray[np.float64], fitted: _Logistic) -> dict[str, float]:
    if evidence.is_question(sentence):
        return {name: float(name == "none") for name in evidence.STANCE_NAMES}
    found = {name: float(p) for name, p in zip(fitted.classes, fitted.probabilities(features), strict=True)}
    if evidence.criticised_change(sentence):
        # Accused of a U-turn is not a U-turn: whatever the vector says, nothing was dropped.
        found["none"] += found["dropped"]
        found["dropped"] = 0.0
    if evidence.says_kept(sentence) and found["delivered"] < KEPT_FLOOR:
        # "…, fulfilling a campaign promise": the words say the promise was kept, whatever the vector says.
        moved = min(found["none"], KEPT_FLOOR - found["delivered"])
        found["none"] -= moved
        found["delivered"] += moved
    if evidence.says_given_up(sentence) and found["dropped"] < KEPT_FLOOR:
        # "has abandoned her promise to …": given up, not merely at risk, whatever the vector says.
        rest = 1.0 - found["dropped"]
        for name in found:
            if name != "dropped" and rest > 0:
                found[name] *= (1.0 - KEPT_FLOOR) / rest
        found["dropped"] = KEPT_FLOOR
    return found


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


Commitment = tuple[Sequence[str], ArrayLike]  # a commitment's texts and their vectors, one row each


@dataclass(frozen=True, slots=True)
class Promise:
    """A commitment as the relevance model reads it, worked out once: unit vectors, words, names, numbers.

    Make one per commitment with ``promise(texts, vectors)`` and reuse it for every sentence.
    """

    texts: tuple[str, ...]
    vectors: NDArray[np.float64]  # unit rows, one per text
    words: frozenset[str]
    names: frozenset[str]
    figures: frozenset[str]
    text: str  # the texts joined, for the rules in ``decide``


def promise(texts: Sequence[str], vectors: ArrayLike) -> Promise:
    """A commitment's profile from the sentences that make or restate it and their vectors (one row each)."""
    rows = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    joined = " ".join(texts)
    return Promise(tuple(texts), rows, frozenset(keywords(joined)), frozenset(named_things(joined)),
                   frozenset(numbers(joined)), joined)


def relevance_table(sentence: str, sentence_vector: ArrayLike, promises: Sequence[Promise]) -> NDArray[np.float64]:
    """One row of relevance features per commitment, each against the others as its rivals.

    Per commitment: the best and mean cosine over its texts, the share of the sentence's
    content words it uses, how many words, names and numbers the two share; then how much
    higher its best cosine and word share are than the best rival's, and the shared words no
    rival uses.
    """
    v = np.asarray(sentence_vector, dtype=np.float64).reshape(-1)
    v = v / max(float(np.linalg.norm(v)), 1e-12)
    own, names, figures = keywords(sentence), named_things(sentence), numbers(sentence)
    best = np.array([float((p.vectors @ v).max()) for p in promises])
    mean = np.array([float((p.vectors @ v).mean()) for p in promises])
    shared = [own & p.words for p in promises]
    share = np.array([len(words) / max(len(own), 1) for words in shared])
    users: dict[str, int] = {}
    for words in shared:
        for word in words:
            users[word] = users.get(word, 0) + 1
    rows = []
    for i, p in enumerate(promises):
        others = np.delete(np.arange(len(promises)), i)
        rival_best = float(best[others].max()) if len(others) else 0.0
        rival_share = float(share[others].max()) if len(others) else 0.0
        rows.append([best[i], mean[i], share[i], math.log1p(len(shared[i])), math.log1p(len(names & p.names)),
                     math.log1p(len(figures & p.figures)), best[i] - rival_best, share[i] - rival_share,
                     math.log1p(sum(users[w] == 1 for w in shared[i]))])
    return np.array(rows, dtype=np.float64).reshape(len(promises), 9)


def relevance_features(commitment_texts: Sequence[str], commitment_vectors: ArrayLike, sentence: str,
                       sentence_vector: ArrayLike, rivals: Sequence[Commitment] = ()) -> NDArray[np.float64]:
    """``relevance_table``'s row for one commitment, given as texts and vectors, against its rivals."""
    promises = [promise(commitment_texts, commitment_vectors), *(promise(t, v) for t, v in rivals)]
    row: NDArray[np.float64] = relevance_table(sentence, sentence_vector, promises)[0]
    return row


def bears_on(commitment_texts: Sequence[str], commitment_vectors: ArrayLike, sentence: str,
             sentence_vector: ArrayLike, rivals: Sequence[Commitment] = (), model: EvidenceModel | None = None
             ) -> float:
    """The probability that a sentence reporting an outcome reports it on this commitment, 0 to 1.

    ``commitment_texts`` are the sentences that make or restate the commitment, and
    ``commitment_vectors`` their vectors, one row each (the best-matching text counts most).
    ``rivals`` are the other commitments the sentence could be about (say, its story's made
    before it), each as (texts, vectors): a sentence closer to a rival bears less on this one.
    For many commitments at once, ``assess_sentence`` is cheaper.
    """
    model = model or load()
    features = relevance_features(commitment_texts, commitment_vectors, sentence, sentence_vector, rivals)
    return float(model.relevance.probabilities(features)[1])


def assess(commitment_texts: Sequence[str], commitment_vectors: ArrayLike, sentence: str,
           sentence_vector: ArrayLike, rivals: Sequence[Commitment] = (), model: EvidenceModel | None = None
           ) -> Assessment:
    """The sentence's stance towards the commitment, or "none" when it reports nothing on it (see ``bears_on``)."""
    model = model or load()
    promises = [promise(commitment_texts, commitment_vectors), *(promise(t, v) for t, v in rivals)]
    return assess_sentence(sentence, sentence_vector, promises, model)[0]


def assess_sentence(sentence: str, sentence_vector: ArrayLike, promises: Sequence[Promise],
                    model: EvidenceModel | None = None) -> list[Assessment]:
    """The sentence against each commitment it could be about (the others are each one's rivals), in order.

    The pipeline's entry point: the stance is worked out once, the relevance of every
    commitment in one table. Pass the commitments the sentence may report on, such as those
    of its story made before it was written.
    """
    model = model or load()
    if not promises:
        return []
    probabilities = stance_probabilities(sentence, sentence_vector, model)
    table = relevance_table(sentence, sentence_vector, promises)
    return [decide(probabilities, float(model.relevance.probabilities(row)[1]), p.text, sentence, model.threshold)
            for p, row in zip(promises, table, strict=True)]


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
    if label == "dropped" and evidence.undoes(promise):
        return Assessment("delivered", probability, relevance, "dropped, on a promise to undo it")
    if label in _DOING and evidence.negated(promise):
        return Assessment("contradicted", probability, relevance, f"{label} on a promise not to do it")
    aim, moved = evidence.aim_direction(promise), evidence.figure_direction(sentence)
    if label in _DOING and aim and moved and aim != moved:
        return Assessment("contradicted", probability, relevance, "a figure moving against the promise's aim")
    return Assessment(label, probability, relevance,
                      f"model: {label} {probabilities[label]:.2f}, relevance {relevance:.2f}")
