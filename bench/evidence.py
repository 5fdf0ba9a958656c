"""Evidence pairs: does a later sentence bear on a commitment, and how (analyse/stance.py).

Data (built by train/evidence_pairs.py, the way train/evidence.py builds its training pairs):

- written held out: the pairs of the written timelines whose id hashes into the test set
  (t01, t07, t10, t11), fixed before training; never trained on.
- stories held out: the two held-out stories (data/README.md), their gold evidence spans with
  their stance, and as "none" every other sentence of their later pages and every other
  commitment's gold evidence, each paired with each commitment; never trained or tuned on.
- stories tuned on: the same for the six other stories, which the models were trained and
  tuned on (so their figures flatter).

For each: pair accuracy (the stance, "none" included, over every pair), per-stance precision,
recall and F1, and the ledger's evidence accuracy over the pairs, right stance / (gold evidence
+ spurious links), as bench/ledger.py counts it. "gated" also requires the sentence to be an
evidence candidate (analyse.evidence.judge), as the pipeline finds them. Relevance ranking: for
each gold evidence sentence, whether a commitment it bears on is the one bears_on scores highest
among its story's (or written timeline's) commitments made before it, which are also each
pair's rivals. Prints tables; asserts nothing.

    python bench/evidence.py
"""

from __future__ import annotations

import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))

from evidence_pairs import (  # noqa: E402
    Pair,
    gold_pairs,
    rivals,
    shared_ready,
    stories,
    written_held_out,
    written_pairs,
)
from followthrough.analyse import embed, evidence, stance  # noqa: E402

STANCES = [s for s in evidence.STANCE_NAMES if s != "none"]


def predict(pairs: Sequence[Pair], vectors: dict[str, np.ndarray]) -> tuple[list[str], list[float]]:
    """Each pair's stance and relevance from stance.assess_sentence, the sentence's other commitments as rivals."""
    promises = {texts: stance.promise(texts, np.array([vectors[t] for t in texts]))
                for texts in {p.commitment for p in pairs}}
    sentences = {(p.group, p.sentence_id): p.sentence for p in pairs}
    found: dict[tuple[str, str, str], stance.Assessment] = {}
    for key, choices in rivals(pairs).items():
        sentence = sentences[key]
        verdicts = stance.assess_sentence(sentence, vectors[sentence], [promises[texts] for _, texts in choices])
        for (cid, _), verdict in zip(choices, verdicts, strict=True):
            found[(*key, cid)] = verdict
    ordered = [found[(p.group, p.sentence_id, p.commitment_id)] for p in pairs]
    return [v.stance for v in ordered], [v.relevance for v in ordered]


def per_stance(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, tuple[float, float, float, int]]:
    result = {}
    for name in STANCES:
        tp = sum(g == p == name for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == name != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == name != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[name] = (precision, recall, f1, tp + fn)
    return result


def evidence_accuracy(gold: Sequence[str], predicted: Sequence[str]) -> str:
    right = sum(g != "none" and g == p for g, p in zip(gold, predicted, strict=True))
    total = sum(g != "none" for g in gold)
    spurious = sum(g == "none" and p != "none" for g, p in zip(gold, predicted, strict=True))
    linked_wrong = sum(g != "none" and p != "none" and g != p for g, p in zip(gold, predicted, strict=True))
    missed = sum(g != "none" and p == "none" for g, p in zip(gold, predicted, strict=True))
    value = right / (total + spurious) if total + spurious else 0.0
    return f"{value:.3f} ({right}/{total}+{spurious}; {linked_wrong} wrong stance, {missed} missed)"


def ranking(pairs: Sequence[Pair], relevance: Sequence[float]) -> str:
    """Gold evidence sentences whose top-scored commitment (among their group's) is one they bear on."""
    scores: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    bears: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pair, score in zip(pairs, relevance, strict=True):
        key = (pair.group, pair.sentence_id)
        scores[key][pair.commitment_id] = score
        if pair.stance != "none":
            bears[key].add(pair.commitment_id)
    top1 = [max(scores[k], key=lambda c: scores[k][c]) in wanted for k, wanted in bears.items()]
    choices = np.mean([len(scores[k]) for k in bears]) if bears else 0.0
    return f"{np.mean(top1):.3f} ({sum(top1)}/{len(top1)} sentences; {choices:.1f} commitments to choose from)"


def report(name: str, pairs: Sequence[Pair], vectors: dict[str, np.ndarray]) -> None:
    gold = [p.stance for p in pairs]
    predicted, relevance = predict(pairs, vectors)
    gated = [p if evidence.judge(pair.sentence) is not None else "none"
             for p, pair in zip(predicted, pairs, strict=True)]
    accuracy = np.mean([g == p for g, p in zip(gold, predicted, strict=True)])
    positives = [p for p in pairs if p.stance != "none"]
    candidates = sum(evidence.judge(p.sentence) is not None for p in positives)
    print(f"\n### {name}\n")
    print(f"pairs {len(pairs)} ({len(positives)} evidence, {Counter(gold)['none']} none); "
          f"pair accuracy {accuracy:.3f}; evidence pairs found as candidates {candidates}/{len(positives)}")
    print(f"evidence accuracy: model {evidence_accuracy(gold, predicted)}; "
          f"gated by candidates {evidence_accuracy(gold, gated)}")
    print(f"relevance ranking, top-1: {ranking(pairs, relevance)}\n")
    print("| stance | gold | precision | recall | F1 |")
    print("| --- | --- | --- | --- | --- |")
    for stance_name, (p, r, f, n) in per_stance(gold, predicted).items():
        print(f"| {stance_name} | {n} | {p:.3f} | {r:.3f} | {f:.3f} |")


def main() -> int:
    if not shared_ready():
        print("bench/evidence.py: ../shared/data/timelines not found; nothing measured", file=sys.stderr)
        return 0
    if not embed.available():
        print(f"bench/evidence.py: the {embed.MODEL_NAME} weights are not installed ({embed.INSTALL}); "
              "nothing measured", file=sys.stderr)
        return 0
    written = [p for p in written_pairs() if written_held_out(p.group.split(":")[1])]
    held_out = gold_pairs(stories(held_out=True))
    tuned = gold_pairs(stories(held_out=False))
    texts = sorted({p.sentence for p in written + held_out + tuned}
                   | {t for p in written + held_out + tuned for t in p.commitment})
    started = time.perf_counter()
    vectors = dict(zip(texts, embed.embed(texts), strict=True))
    embedding = time.perf_counter() - started
    model = stance.load()
    print(f"data: written held-out timelines {sorted({p.group for p in written})}; "
          f"stories held out {stories(held_out=True)}; tuned on {stories(held_out=False)}")
    print(f"model: {stance.MODEL_PATH.name}, threshold {model.threshold}, chosen by "
          f"{model.about.get('chosen_by', '?')}: {model.about.get('choice')}")
    print(f"versions: followthrough {version('followthrough')}, Python {platform.python_version()}, "
          f"numpy {np.__version__}, {embed.MODEL_NAME}; {len(texts)} texts embedded in {embedding:.1f}s")
    report("written timelines, held out (never trained on)", written, vectors)
    report("stories held out (never trained or tuned on)", held_out, vectors)
    report("stories tuned on (trained and tuned on: flatters)", tuned, vectors)
    started = time.perf_counter()
    predict(held_out, vectors)
    elapsed = time.perf_counter() - started
    sentences = len({(p.group, p.sentence_id) for p in held_out})
    print(f"\nspeed: assess_sentence {elapsed / sentences * 1e3:.2f} ms per sentence against "
          f"{len(held_out) / sentences:.1f} commitments ({elapsed / len(held_out) * 1e6:.0f} µs per pair; "
          f"vectors given), over the held-out stories' {sentences} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
