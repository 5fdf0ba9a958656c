"""Throughput of the whole pipeline against spaCy alone on the same texts.

Full: ingest (read, decode, extract, store) plus analysis (spaCy, people,
quotes) and linking, into a fresh SQLite database. spaCy alone: ``nlp.pipe``
over the same texts with the same components and batch size. The ratio
(full / spaCy alone, in documents per second) is the figure README reports:
1.0 would mean everything but spaCy is free. The two runs alternate for
several rounds and each keeps its fastest time (on a shared machine the
slower runs measure the neighbours, not the code). A third run is the full
pipeline with the sentence embedder switched off (as where its weights are not
installed: the commitment model without the embedding, stories by words):
the difference is what embedding adds to a document's analysis, with the
pipeline's overlap of embedding and parsing on the second core. Prints a
table; asserts nothing.

    python bench/pipeline.py [FOLDER] [--limit N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from followthrough import Store, ingest, parse_moment
from followthrough.analyse import nlp

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=300, help="documents to use (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds, fastest kept (default 3)")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"bench/pipeline.py: {folder} not found; nothing measured", file=sys.stderr)
        return 0
    files = sorted(p for p in folder.rglob("*.txt"))[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in files]
    words = sum(len(t.split()) for t in texts)
    pipeline = nlp.load()  # loaded once, outside both timings

    from followthrough.analyse import embed
    from followthrough.link import syndication  # noqa: F401  (imported once, as a long-running ingest has it)

    spacy_times, full_times, plain_times = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        for path in files:
            shutil.copy(path, inputs / path.name)
        for round_number in range(args.rounds):
            start = time.perf_counter()
            for _ in pipeline.pipe(texts, batch_size=nlp.BATCH_SIZE):
                pass
            spacy_times.append(time.perf_counter() - start)
            with Store.open(os.path.join(tmp, f"bench{round_number}.db")) as store:
                start = time.perf_counter()
                report = ingest(store, [str(inputs)], published=parse_moment("2016-01-01"), analyse=True)
                full_times.append(time.perf_counter() - start)
                quotes, people = len(store.quotes()), len(store.people())
            with Store.open(os.path.join(tmp, f"plain{round_number}.db")) as store, _no_embeddings(embed):
                start = time.perf_counter()
                ingest(store, [str(inputs)], published=parse_moment("2016-01-01"), analyse=True)
                plain_times.append(time.perf_counter() - start)
    spacy_seconds, full_seconds, plain_seconds = min(spacy_times), min(full_times), min(plain_times)

    n = len(files)
    print(f"data:      {folder} ({n} documents, {words:,} words; {report.added} stored, {report.failed} failed)")
    print(f"found:     {quotes} quotes, {people} people")
    print(f"machine:   {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, one process")
    print(f"versions:  followthrough {version('followthrough')}, spaCy {version('spacy')}, "
          f"model {nlp.model_name()} ({', '.join(pipeline.pipe_names)})")
    print("| run | seconds | documents/s | words/s |")
    print("| --- | --- | --- | --- |")
    print(f"| spaCy alone | {spacy_seconds:.1f} | {n / spacy_seconds:.1f} | {words / spacy_seconds:,.0f} |")
    print(f"| ingest + analysis + link | {full_seconds:.1f} | {n / full_seconds:.1f} | {words / full_seconds:,.0f} |")
    print(f"| ingest + analysis + link, no embeddings | {plain_seconds:.1f} | {n / plain_seconds:.1f} "
          f"| {words / plain_seconds:,.0f} |")
    print(f"embeddings add {(full_seconds - plain_seconds) / spacy_seconds:.0%} of spaCy's time "
          f"({1000 * (full_seconds - plain_seconds) / n:.0f} ms a document; no embeddings: every round "
          f"{', '.join(f'{t:.1f}' for t in plain_times)} s)")
    print(f"ratio (full / spaCy alone): {spacy_seconds / full_seconds:.2f} (fastest of {args.rounds} rounds each; "
          f"every round: spaCy {', '.join(f'{t:.1f}' for t in spacy_times)} s, "
          f"full {', '.join(f'{t:.1f}' for t in full_times)} s)")
    return 0


@contextmanager
def _no_embeddings(embed: ModuleType) -> Iterator[None]:
    """The embedder reported missing inside the block, as on a machine without its weights."""
    available = embed.available
    embed.available = lambda *args, **kwargs: False
    try:
        yield
    finally:
        embed.available = available


if __name__ == "__main__":
    sys.exit(main())
