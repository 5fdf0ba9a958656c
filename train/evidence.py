"""Train the evidence models (analyse/stance.py) and write src/followthrough/analyse/models/evidence.json.

    python train/evidence.py [--out PATH]

Data (see train/evidence_pairs.py): the written pairs of the eleven training timelines and the
pairs derived from the gold ledgers of the six tuning stories. Never the written held-out
timelines (t01, t07, t10, t11) nor the two held-out stories.

- stance: one row per distinct sentence and stance (a sentence that is evidence on no commitment
  is "none"); multinomial logistic regression over stance.stance_features.
- relevance: one row per pair whose sentence is evidence on some commitment of its story or
  timeline, positive when it is evidence on this one; logistic regression over
  stance.relevance_features.
- The regularisation of each, the weight given to the rarer classes and the link threshold are
  chosen by grouped cross-validation (each story or written timeline wholly in one fold) to
  maximise the ledger's evidence accuracy on the held-in folds: right stance / (gold + spurious).

Needs scikit-learn (the ``train`` extra) and ../shared/data (the timeline pages); without the
latter it says so and stops. Seeds are fixed, so a rerun writes the same file.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evidence_pairs import (
    HELD_OUT,
    Pair,
    gold_pairs,
    rivals,
    shared_ready,
    stories,
    written_held_out,
    written_pairs,
)
from followthrough.analyse import embed
from followthrough.analyse import stance as model
from followthrough.analyse.evidence import STANCE_NAMES

OUT = Path(__file__).resolve().parents[1] / "src" / "followthrough" / "analyse" / "models" / "evidence.json"
SEED = 0
FOLDS = 6
STANCE_C = (0.1, 0.3, 1.0, 3.0)
RELEVANCE_C = (0.1, 1.0, 10.0)
# How far towards balanced the class weights go: 0 none, 1 fully balanced.
BALANCE = (0.5, 1.0)
THRESHOLDS = tuple(round(float(t), 3) for t in np.arange(0.05, 0.95, 0.025))


@dataclass
class Prepared:
    """Pairs with their feature rows: stance rows per distinct sentence, relevance rows per pair."""

    pairs: list[Pair]
    vectors: dict[str, np.ndarray]
    sentence_features: dict[str, np.ndarray]
    relevance: np.ndarray  # one row per pair


def prepare(pairs: list[Pair]) -> Prepared:
    texts = sorted({p.sentence for p in pairs} | {t for p in pairs for t in p.commitment})
    vectors = dict(zip(texts, embed.embed(texts), strict=True))
    sentence_features = {p.sentence_id: model.stance_features(p.sentence, vectors[p.sentence]) for p in pairs}
    return Prepared(pairs, vectors, sentence_features, relevance_matrix(pairs, vectors))


def relevance_matrix(pairs: Sequence[Pair], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """Each pair's relevance features, the sentence's other commitments as rivals (stance.relevance_table)."""
    promises = {texts: model.promise(texts, np.array([vectors[t] for t in texts]))
                for texts in {p.commitment for p in pairs}}
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        members[(pair.group, pair.sentence_id)].append(i)
    result = np.zeros((len(pairs), 9))
    for key, choices in rivals(pairs).items():
        sentence = pairs[members[key][0]].sentence
        table = model.relevance_table(sentence, vectors[sentence], [promises[texts] for _, texts in choices])
        row_of = {cid: n for n, (cid, _) in enumerate(choices)}
        for i in members[key]:
            result[i] = table[row_of[pairs[i].commitment_id]]
    return result


def stance_rows(data: Prepared, index: Sequence[int]) -> tuple[np.ndarray, list[str]]:
    """One row per distinct (sentence, stance) among the pairs: its stances on any commitment, else none."""
    stances: dict[str, set[str]] = defaultdict(set)
    for i in index:
        pair = data.pairs[i]
        stances[pair.sentence_id].add(pair.stance)
    rows, labels = [], []
    for sentence_id, found in sorted(stances.items()):
        reported = sorted(found - {"none"}) or ["none"]
        for label in reported:
            rows.append(data.sentence_features[sentence_id])
            labels.append(label)
    return np.array(rows), labels


def relevance_rows(data: Prepared, index: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs whose sentence is evidence on some commitment of its group; positive when on this one."""
    evidence = {(data.pairs[i].group, data.pairs[i].sentence_id) for i in index if data.pairs[i].stance != "none"}
    chosen = [i for i in index if (data.pairs[i].group, data.pairs[i].sentence_id) in evidence]
    return data.relevance[chosen], np.array([data.pairs[i].stance != "none" for i in chosen], dtype=int)


def weights_for(labels: Sequence[Any], balance: float) -> np.ndarray:
    """Sample weights between none (balance 0) and sklearn's "balanced" (balance 1)."""
    values, counts = np.unique(np.asarray(labels), return_counts=True)
    full = {v: len(labels) / (len(values) * c) for v, c in zip(values, counts, strict=True)}
    return np.array([full[label] ** balance for label in labels])


def fit_logistic(x: np.ndarray, y: Sequence[Any], c: float, balance: float) -> dict[str, Any]:
    """Fit a standardised logistic regression; return it as stance.py's JSON shape."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    fitted = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    fitted.fit((x - mean) / scale, y, sample_weight=weights_for(y, balance))
    classes = [str(k) for k in fitted.classes_]
    if len(classes) == 2:
        classes = ["no", "yes"]
    return {"classes": classes, "mean": mean.tolist(), "scale": scale.tolist(),
            "weights": fitted.coef_.tolist(), "bias": fitted.intercept_.tolist()}


def evidence_accuracy(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, int, int, int]:
    """(accuracy, right, gold evidence, spurious): the ledger's evidence accuracy over pairs."""
    right = sum(g != "none" and g == p for g, p in zip(gold, predicted, strict=True))
    total = sum(g != "none" for g in gold)
    spurious = sum(g == "none" and p != "none" for g, p in zip(gold, predicted, strict=True))
    return right / max(total + spurious, 1), right, total, spurious


def folds(data: Prepared) -> list[list[int]]:
    """Grouped folds: every pair of one story or written timeline in the same fold, fixed by the seed."""
    groups = sorted({p.group for p in data.pairs})
    order = np.random.default_rng(SEED).permutation(len(groups))
    fold_of = {groups[g]: n % FOLDS for n, g in enumerate(order)}
    # The six stories go one to a fold, so every fold is tested on real pages.
    for n, story in enumerate(sorted(g for g in groups if not g.startswith("written:"))):
        fold_of[story] = n % FOLDS
    return [[i for i, p in enumerate(data.pairs) if fold_of[p.group] == k] for k in range(FOLDS)]


def cross_validate(data: Prepared) -> dict[str, Any]:
    """Choose C for each model, the class balance and the threshold by grouped cross-validation."""
    splits = folds(data)
    every = range(len(data.pairs))
    trains = [sorted(set(every) - set(test)) for test in splits]
    order = [i for test in splits for i in test]
    gold = [data.pairs[i].stance for i in order]
    # Out-of-fold outputs of each model under each setting, in ``order``.
    relevance: dict[float, list[float]] = {}
    for c in RELEVANCE_C:
        relevance[c] = []
        for train, test in zip(trains, splits, strict=True):
            fitted = model._Logistic.from_json(fit_logistic(*relevance_rows(data, train), c, 0.0))
            relevance[c].extend(float(fitted.probabilities(data.relevance[i])[1]) for i in test)
    best: dict[str, Any] = {"score": -1.0}
    for balance in BALANCE:
        for c_stance in STANCE_C:
            stances: list[dict[str, float]] = []
            for train, test in zip(trains, splits, strict=True):
                fitted = model._Logistic.from_json(fit_logistic(*stance_rows(data, train), c_stance, balance))
                stances.extend(probabilities(fitted, data.pairs[i].sentence,
                                             data.sentence_features[data.pairs[i].sentence_id]) for i in test)
            for c_relevance, scores in relevance.items():
                # The stance a link gets does not depend on the threshold, only whether there is one.
                linked = [model.decide(p, r, " ".join(data.pairs[i].commitment), data.pairs[i].sentence, 0.0).stance
                          for i, p, r in zip(order, stances, scores, strict=True)]
                link_scores = [r * (1.0 - p["none"]) for p, r in zip(stances, scores, strict=True)]
                for threshold in THRESHOLDS:
                    predicted = [label if x >= threshold else "none"
                                 for label, x in zip(linked, link_scores, strict=True)]
                    score = _score(data, order, gold, predicted)
                    if score > best["score"]:
                        best = {"score": score, "stance_c": c_stance, "relevance_c": c_relevance,
                                "balance": balance, "threshold": threshold,
                                "figures": _figures(data, order, gold, predicted)}
            print(f"  balance {balance} stance C {c_stance}: best so far {best['score']:.3f} "
                  f"({best['stance_c']}, {best['relevance_c']}, {best['balance']}, {best['threshold']}) "
                  f"{best['figures']}", file=sys.stderr)
    return best


def probabilities(fitted: model._Logistic, sentence: str, features: np.ndarray) -> dict[str, float]:
    """stance.stance_probabilities with the features already computed."""
    if model.evidence.is_question(sentence):
        return {name: float(name == "none") for name in STANCE_NAMES}
    return {name: float(value) for name, value in zip(fitted.classes, fitted.probabilities(features), strict=True)}


def _parts(data: Prepared, order: Sequence[int], gold: Sequence[str], predicted: Sequence[str]
           ) -> dict[str, tuple[float, int, int, int]]:
    written = [n for n, i in enumerate(order) if data.pairs[i].origin == "written"]
    ledger = [n for n, i in enumerate(order) if data.pairs[i].origin != "written"]
    return {name: evidence_accuracy([gold[n] for n in part], [predicted[n] for n in part])
            for name, part in (("written", written), ("stories", ledger))}


def _score(data: Prepared, order: Sequence[int], gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The mean of the evidence accuracy on the written timelines and on the stories' pages."""
    parts = _parts(data, order, gold, predicted)
    return float(np.mean([value[0] for value in parts.values()]))


def _figures(data: Prepared, order: Sequence[int], gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    return {name: {"evidence accuracy": round(a, 3), "right": r, "gold": t, "spurious": s}
            for name, (a, r, t, s) in _parts(data, order, gold, predicted).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not shared_ready():
        print("train/evidence.py: ../shared/data/timelines not found; the gold ledgers' pages are needed. "
              "Nothing written.", file=sys.stderr)
        return 0
    if not embed.available():
        print(f"train/evidence.py: the {embed.MODEL_NAME} weights are not installed ({embed.INSTALL}). "
              "Nothing written.", file=sys.stderr)
        return 0
    import sklearn

    written = [p for p in written_pairs() if not written_held_out(p.group.split(":")[1])]
    tuning = stories(held_out=False)
    assert not set(tuning) & set(HELD_OUT)
    pairs = written + gold_pairs(tuning)
    print(f"training pairs: {len(written)} written ({len({p.group for p in written})} timelines), "
          f"{len(pairs) - len(written)} from {len(tuning)} stories", file=sys.stderr)
    data = prepare(pairs)
    best = cross_validate(data)
    every = list(range(len(pairs)))
    stance_x, stance_y = stance_rows(data, every)
    relevance_x, relevance_y = relevance_rows(data, every)
    result = {
        "about": {
            "what": "followthrough evidence models: stance of a sentence, relevance of a sentence to a commitment",
            "trained_by": "train/evidence.py",
            "data": {"written timelines": sorted({p.group for p in written}),
                     "stories": tuning, "pairs": len(pairs), "stance rows": len(stance_y),
                     "relevance rows": len(relevance_y)},
            "chosen_by": f"{FOLDS}-fold grouped cross-validation on the same data, maximising the mean "
                         "evidence accuracy (written pairs, story pairs)",
            "choice": {k: best[k] for k in ("stance_c", "relevance_c", "balance", "threshold")},
            "cross_validated": best["figures"],
            "features": {"stance": "MiniLM vector (384), cue families (7), figure up, figure down, number, "
                                   "question",
                         "relevance": "best cosine, mean cosine, shared content words / sentence's, "
                                      "log(1 + shared words), log(1 + shared names), log(1 + shared numbers), "
                                      "best cosine - best rival's, word share - best rival's, "
                                      "log(1 + shared words no rival uses)"},
            "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                         "numpy": np.__version__, "embedding": embed.MODEL_NAME},
            "seed": SEED,
        },
        "threshold": best["threshold"],
        "stance": fit_logistic(stance_x, stance_y, best["stance_c"], best["balance"]),
        "relevance": fit_logistic(relevance_x, relevance_y, best["relevance_c"], 0.0),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(_rounded(result), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (cross-validated: {json.dumps(best['figures'])}; choice {result['about']['choice']})",
          file=sys.stderr)
    return 0


def _rounded(value: Any) -> Any:
    """Floats to six significant digits: the file stays small and diffs stay readable."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
