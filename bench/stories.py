"""Story clustering scored on ECB+ (topics 1–35) without using its labels, and its cost as a corpus grows.

Each ECB+ document is placed online by ``link.stories.StoryIndex`` in file
order, with the people, organisations and places spaCy names in it as extra
features (as ingest uses them; ``--no-entities`` for words only). Stories are
scored with B-cubed precision, recall and F1 against event labels (a topic's
``ecb`` and ``ecbplus`` halves are two events) and threads of related stories
against topic labels, with documents per second. Shuffled orders measure order
sensitivity: their agreement with the file-order result and their scores.
ECB+ has no dates, so the time windows play no part there. Then synthetic
streams of 1k, 10k and 100k dated documents show the time to place a document
as the corpus grows: in the index alone, and through the store (SQLite, in
batches of 100, as ingest does it). Prints; asserts nothing.

    python bench/stories.py [--seed N] [--orders N] [--no-entities] [--scale SIZES] [--db-scale SIZES]
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import insert, select

from followthrough.analyse import ANALYSIS_VERSION, ENTITY_LABELS, nlp
from followthrough.link.placement import entity_features, place_documents
from followthrough.link.stories import JOIN_THRESHOLD, RELATED_THRESHOLD, RELATED_WINDOW_DAYS, StoryIndex
from followthrough.store import Store, schema

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


def named_entities(files: list[Path], texts: dict[Path, tuple[str, str]]) -> dict[Path, Counter[str]]:
    """People, organisations and places spaCy finds in each text, as story features.

    Ingest uses registry people ids and the stored organisations and places;
    here people are their names as written, which is the nearest without a registry.
    """
    found = {}
    for path, doc in zip(files, nlp.parse(texts[p][1] for p in files), strict=True):
        named: Counter[str] = Counter(f"{e.label_}:{e.text.casefold()}" for e in doc.ents
                                      if e.label_ in ENTITY_LABELS or e.label_ == "PERSON")
        found[path] = entity_features(named)
    return found


def cluster(
    order: list[Path], texts: dict[Path, tuple[str, str]], features: dict[Path, Counter[str]]
) -> tuple[dict[str, int], dict[str, int], float]:
    """Stories and threads of each document (by file name), and the seconds the clustering took."""
    index = StoryIndex()
    started = time.perf_counter()
    stories = {}
    for n, path in enumerate(order):
        title, text = texts[path]
        stories[path.name] = index.add(n, title, text, features=features.get(path))[0]
    thread_of = index.threads()
    seconds = time.perf_counter() - started
    return stories, {name: thread_of[story] for name, story in stories.items()}, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--orders", type=int, default=10, help="shuffled orders to measure order sensitivity")
    parser.add_argument("--entities", action=argparse.BooleanOptionalAction, default=True,
                        help="people, organisations and places as features, as ingest uses them [default: on]")
    parser.add_argument("--db-scale", default="1000,10000,100000",
                        help="synthetic corpus sizes to place through the store ('' for none)")
    parser.add_argument("--scale", default="1000,10000,100000", help="synthetic corpus sizes ('' for none)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.scale.split(",") if n]
    ecb(args)
    if sizes:
        scale(sizes, args.seed)
    db_sizes = [int(n) for n in args.db_scale.split(",") if n]
    if db_sizes:
        db_scale(db_sizes, args.seed)
    return 0


def ecb(args: argparse.Namespace) -> None:
    """Cluster ECB+ in file order and in shuffled orders; print the scores."""
    files = sorted(DATA.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    if not files:
        print(f"bench/stories.py: {DATA} not found; ECB+ not measured", file=sys.stderr)
        return
    texts = {path: read(path) for path in files}
    topics = {p.name: p.parent.name for p in files}
    events = {p.name: p.parent.name + ("+" if p.stem.endswith("ecbplus") else "") for p in files}
    features = named_entities(files, texts) if args.entities else {}
    stories, threads, seconds = cluster(files, texts, features)
    print(f"data:      ECB+ topics 1-35, {len(files)} documents, {len(set(topics.values()))} topics, "
          f"{len(set(events.values()))} events; {len(set(stories.values()))} stories, "
          f"{len(set(threads.values()))} threads found")
    print(f"settings:  join threshold {JOIN_THRESHOLD}, related threshold {RELATED_THRESHOLD}; "
          + ("people, organisations and places as features (spaCy NER)" if args.entities else "words only"))
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
        other_stories, other_threads, _ = cluster(shuffled, texts, features)
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


def _word(prefix: str, number: int) -> str:
    """A made-up word of letters only (the index ignores words with digits)."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return prefix + letters + "k"


def synthetic(n: int, seed: int) -> Iterator[tuple[int, str, str, date, int]]:
    """``n`` synthetic articles: 100 a day, each about one of a stream of short-lived events.

    Words are drawn from a Zipf-like background vocabulary (most of each text)
    and from the event's own words (names, places, the event's nouns); an event
    runs for a few days and gets a handful to a few dozen articles.
    """
    rng = random.Random(seed)
    background = [_word("w", i) for i in range(30_000)]
    weights = [1 / (i + 1) for i in range(len(background))]
    day0, per_day = date(2020, 1, 1), 100
    events: list[tuple[list[str], int, int]] = []  # (words, last day, event number)
    made = 0
    for number in range(n):
        day = number // per_day
        events = [e for e in events if e[1] >= day]
        if not events or rng.random() < 0.08:
            words = [_word("e", made * 30 + i) for i in range(30)] + rng.sample(background[2000:], 10)
            events.append((words, day + rng.randint(1, 6), made))
            made += 1
        words, _, event = rng.choice(events)
        body = rng.choices(background, weights, k=180) + rng.choices(words, k=120)
        rng.shuffle(body)
        yield number, " ".join(rng.sample(words, 6)), " ".join(body), day0 + timedelta(days=day), event


def scale(sizes: list[int], seed: int) -> None:
    """Per-document clustering time as the corpus grows: the last 1,000 documents of each size."""
    print("\nscale: synthetic corpora, 100 documents a day; time to place each of the last 1,000 documents")
    print("| documents | events | stories | B-cubed F1 vs events | stories in memory at the end "
          "| ms per document (last 1,000) | ms per document (all) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        corpus = list(synthetic(size, seed))
        index = StoryIndex()
        last_day, tail, started = None, 0.0, time.perf_counter()
        placed = {}
        for number, title, text, day, _ in corpus:
            if day != last_day:  # once a day, forget stories nothing can join or relate to any more
                index.evict(day - timedelta(days=RELATED_WINDOW_DAYS))
                last_day = day
            if number == size - 1000:
                tail = time.perf_counter()
            placed[str(number)] = index.add(number, title, text, day)[0]
        ended = time.perf_counter()
        gold = {str(number): str(event) for number, *_, event in corpus}
        f1 = b_cubed(placed, gold)[2]
        print(f"| {size:,} | {len(set(gold.values())):,} | {len(set(placed.values())):,} | {f1:.3f} | "
              f"{len(index.stories):,} | {(ended - tail) * 1e3 / 1000:.3f} | {(ended - started) * 1e3 / size:.3f} |")


def db_scale(sizes: list[int], seed: int, batch: int = 100) -> None:
    """The same streams placed through the store, in ingest-sized batches: the path ``ingest`` takes."""
    print(f"\nscale through the store (SQLite): batches of {batch} documents placed as ingest places them")
    print("| documents | stories | B-cubed F1 vs events | ms per document (last 1,000) | ms per document (all) |")
    print("| --- | --- | --- | --- | --- |")
    for size in sizes:
        corpus = list(synthetic(size, seed))
        with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "scale.db")) as store:
            placing = tail = 0.0
            for start in range(0, size, batch):
                rows = [{"identity": f"synthetic:{n}", "title": title, "text": text, "chars": len(text),
                         "content_hash": f"synthetic:{n}", "added_at": "2026-01-01T00:00:00+00:00",
                         "published": day.isoformat(), "published_precision": "day",
                         "analysed_version": ANALYSIS_VERSION}
                        for n, title, text, day, _ in corpus[start : start + batch]]
                with store.transaction() as connection:
                    connection.execute(insert(schema.documents), rows)
                    ids = list(connection.execute(select(schema.documents.c.id).where(
                        schema.documents.c.identity.in_([r["identity"] for r in rows]))).scalars())
                began = time.perf_counter()
                with store.transaction() as connection:
                    place_documents(connection, ids)
                spent = time.perf_counter() - began
                placing += spent
                if start >= size - 1000:
                    tail += spent
            with store.transaction() as connection:
                placed = {row.identity.split(":")[1]: row.story_id for row in connection.execute(
                    select(schema.documents.c.identity, schema.story_documents.c.story_id).join(
                        schema.story_documents, schema.story_documents.c.document_id == schema.documents.c.id))}
        gold = {str(number): str(event) for number, *_, event in corpus}
        print(f"| {size:,} | {len(set(placed.values())):,} | {b_cubed(placed, gold)[2]:.3f} | "
              f"{tail * 1e3 / min(size, 1000):.3f} | {placing * 1e3 / size:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
