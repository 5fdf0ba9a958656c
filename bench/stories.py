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

from followthrough.link.stories import JOIN_THRESHOLD, RELATED_THRESHOLD, StoryIndex

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


def cluster(order: list[Path], texts: dict[Path, tuple[str, str]]) -> tuple[dict[str, int], dict[str, int], float]:
    """Stories and threads of each document (by file name), and the seconds the clustering took."""
    index = StoryIndex()
    started = time.perf_counter()
    stories = {}
    for n, path in enumerate(order):
        title, text = texts[path]
        stories[path.name] = index.add(n, title, text)[0]
    thread_of = index.threads()
    seconds = time.perf_counter() - started
    return stories, {name: thread_of[story] for name, story in stories.items()}, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--orders", type=int, default=5, help="shuffled orders to measure order sensitivity")
    args = parser.parse_args()
    files = sorted(DATA.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    if not files:
        print(f"bench/stories.py: {DATA} not found; nothing measured", file=sys.stderr)
        return 0
    texts = {path: read(path) for path in files}
    topics = {p.name: p.parent.name for p in files}
    events = {p.name: p.parent.name + ("+" if p.stem.endswith("ecbplus") else "") for p in files}
    stories, threads, seconds = cluster(files, texts)
    print(f"data:      ECB+ topics 1-35, {len(files)} documents, {len(set(topics.values()))} topics, "
          f"{len(set(events.values()))} events; {len(set(stories.values()))} stories, "
          f"{len(set(threads.values()))} threads found")
    print(f"settings:  join threshold {JOIN_THRESHOLD}, related threshold {RELATED_THRESHOLD}")
    print(f"versions:  followthrough {version('followthrough')}, Python {platform.python_version()}, one process")
    print(f"speed:     {len(files) / seconds:,.0f} documents/s (clustering only, in file order)")
    print("| clustering | against | B-cubed precision | recall | F1 |")
    print("| --- | --- | --- | --- | --- |")
    for found, found_name in ((stories, "stories"), (threads, "threads")):
        for gold, gold_name in ((events, "event labels"), (topics, "topic labels")):
            p, r, f = b_cubed(found, gold)
            print(f"| {found_name} | {gold_name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    rng = random.Random(args.seed)
    agreement: dict[str, list[float]] = defaultdict(list)
    scores: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.orders):
        shuffled = files[:]
        rng.shuffle(shuffled)
        other_stories, other_threads, _ = cluster(shuffled, texts)
        agreement["stories"].append(b_cubed(stories, {k: str(v) for k, v in other_stories.items()})[2])
        agreement["threads"].append(b_cubed(threads, {k: str(v) for k, v in other_threads.items()})[2])
        scores["stories"].append(b_cubed(other_stories, events)[2])
        scores["threads"].append(b_cubed(other_threads, topics)[2])
    print(f"\n{args.orders} shuffled orders: B-cubed F1 of each against the file-order result (agreement), "
          "and against the labels")
    print("| clustering | agreement mean | min | F1 vs labels mean | min | max |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, gold_name in (("stories", "events"), ("threads", "topics")):
        a, f = agreement[name], scores[name]
        print(f"| {name} (vs {gold_name}) | {sum(a) / len(a):.3f} | {min(a):.3f} | {sum(f) / len(f):.3f} | "
              f"{min(f):.3f} | {max(f):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
