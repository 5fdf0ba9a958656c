"""Story clustering scored on ECB+ (topics 1–35), without using its labels.

Each ECB+ document is placed online by ``link.stories.StoryIndex`` in file
order; B-cubed precision, recall and F1 are printed against topic labels and
against event labels (a topic's ``ecb`` and ``ecbplus`` halves are two events),
with documents per second. The same documents in a shuffled order give a
second clustering; their B-cubed agreement measures order sensitivity. ECB+
has no dates, so the time window plays no part here. Prints; asserts nothing.

    python bench/stories.py [--seed N]
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from followthrough.link.stories import JOIN_THRESHOLD, StoryIndex

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"
_TOKEN = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')


def read(path: Path) -> tuple[str, str]:
    """(first sentence as title, text) of an ECB+ token file."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for sentence, word in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences[int(sentence)].append(word)
    lines = [" ".join(words) for _, words in sorted(sentences.items())]
    return (lines[0] if lines else ""), "\n".join(lines)


def b_cubed(predicted: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    by_predicted: dict[int, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        by_predicted[cluster].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in predicted:
        mine, theirs = by_predicted[predicted[item]], by_gold[gold[item]]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    n = len(predicted)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster(order: list[Path], texts: dict[Path, tuple[str, str]]) -> tuple[dict[str, int], float]:
    index = StoryIndex()
    started = time.perf_counter()
    assigned = {}
    for n, path in enumerate(order):
        title, text = texts[path]
        assigned[path.name] = index.add(n, title, text)
    return assigned, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = sorted(DATA.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    if not files:
        print(f"bench/stories.py: {DATA} not found; nothing measured", file=sys.stderr)
        return 0
    texts = {path: read(path) for path in files}
    topics = {p.name: p.parent.name for p in files}
    events = {p.name: p.parent.name + ("+" if p.stem.endswith("ecbplus") else "") for p in files}
    in_order, seconds = cluster(files, texts)
    shuffled = files[:]
    random.Random(args.seed).shuffle(shuffled)
    other_order, _ = cluster(shuffled, texts)
    stories = len(set(in_order.values()))
    print(f"data:      ECB+ topics 1-35, {len(files)} documents, {len(set(topics.values()))} topics, "
          f"{len(set(events.values()))} events; {stories} stories found (join threshold {JOIN_THRESHOLD})")
    print(f"versions:  followthrough {version('followthrough')}, Python {platform.python_version()}, one process")
    print(f"speed:     {len(files) / seconds:,.0f} documents/s (clustering only, in file order)")
    print("| against | B-cubed precision | recall | F1 |")
    print("| --- | --- | --- | --- |")
    for name, gold in (("topic labels", topics), ("event labels", events)):
        p, r, f = b_cubed(in_order, gold)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    relabelled = {k: str(v) for k, v in other_order.items()}
    p, r, f = b_cubed(in_order, relabelled)
    print(f"| the same documents shuffled (order sensitivity) | {p:.3f} | {r:.3f} | {f:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
