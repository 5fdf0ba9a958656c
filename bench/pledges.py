"""The sentence-level pledge decision scored on MiMac manifesto sentences.

Data: ../shared/data/pledges/mimac-india-en.trn.jsonl (Fornaciari et al. 2021):
6,952 English sentences from Indian party manifestos labelled pledge 1/0. A
sentence counts as a pledge when followthrough's commitment finder finds at
least one commitment in it. Nothing is trained, so no cross-validation is
needed: every sentence is a test sentence. Prints a table; asserts nothing.

    python bench/pledges.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from followthrough.analyse import analyse_texts, nlp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "pledges" / "mimac-india-en.trn.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"bench/pledges.py: {DATA} not found; nothing measured", file=sys.stderr)
        return 0
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    items = [(n, " ".join(row["text"].split()), "2014-01-01") for n, row in enumerate(rows)]
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for row, findings in zip(rows, analyse_texts(items), strict=True):
        gold = row["pledge"] == "1"
        predicted = bool(findings.commitments)
        outcomes = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}
        outcome = outcomes[(gold, predicted)]
        counts[outcome] += 1
        if outcome in ("fp", "fn") and shown[outcome] < args.errors:
            shown[outcome] += 1
            print(f"{outcome}: {row['text'].strip()[:160]}")
    elapsed = time.perf_counter() - started
    precision = counts["tp"] / (counts["tp"] + counts["fp"]) if counts["tp"] + counts["fp"] else 0.0
    recall = counts["tp"] / (counts["tp"] + counts["fn"]) if counts["tp"] + counts["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"data:      MiMac India (English), {len(rows)} sentences, {counts['tp'] + counts['fn']} pledges")
    print(f"versions:  followthrough {version('followthrough')}, spaCy {version('spacy')}, model {nlp.model_name()}, "
          f"Python {platform.python_version()}; {elapsed:.0f}s")
    print("| decision | precision | recall | F1 |")
    print("| --- | --- | --- | --- |")
    print(f"| sentence has a commitment (the trained commitment model; MiMac is out of its domain) "
          f"| {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    print(f"counts: {dict(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
