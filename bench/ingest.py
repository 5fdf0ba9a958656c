"""Ingest throughput (read, decode, extract, store; no analysis): documents/s and MB/s.

Default data: the PolNeAR training texts in ../shared/data/polnear/train/text
(840 US political news articles). Prints a table; asserts nothing.

    python bench/ingest.py [FOLDER] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from followthrough import Store, ingest, parse_moment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=3, help="runs, each into a fresh database; best is reported")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"bench/ingest.py: {folder} not found; nothing measured", file=sys.stderr)
        return 0
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    timings = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp, Store.open(os.path.join(tmp, "bench.db")) as store:
            start = time.perf_counter()
            report = ingest(store, [str(folder)], published=parse_moment("2016-01-01"), analyse=False)
            timings.append(time.perf_counter() - start)
            stored = store.count_documents()
    best = min(timings)
    print(f"data:       {folder} ({len(files)} files, {megabytes:.1f} MB)")
    print(f"stored:     {stored} documents ({report.failed} inputs failed)")
    print(f"machine:    {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"versions:   followthrough {version('followthrough')}, SQLAlchemy {version('sqlalchemy')}, "
          f"SQLite {__import__('sqlite3').sqlite_version}")
    print(f"runs:       {', '.join(f'{t:.2f}s' for t in timings)} (best of {args.repeat})")
    print("| stage | documents/s | MB/s |")
    print("| --- | --- | --- |")
    print(f"| ingest (read, decode, extract, store) | {len(files) / best:.0f} | {megabytes / best:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
