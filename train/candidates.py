"""Sentences to label, written to a work file outside the repository (they hold third-party text).

    python train/candidates.py timelines STORY [STORY ...] --out /tmp/work/x.jsonl
    python train/candidates.py polnear train --files 40 --skip 0 --out /tmp/work/y.jsonl
    python train/candidates.py timebank --files 30 --out /tmp/work/z.jsonl

Timeline pages give every sentence; PolNeAR and TimeBank give the sentences with a
word that can start a commitment (``TRIGGER``) and one in ten of the others, so the
label set is rich in the hard cases. Files are taken in a fixed order (sorted by the
SHA-1 of their name), so the same arguments always give the same sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

from corpus import SHARED_DATA, read_source, sentence_spans, shared_available

TRIGGER = re.compile(
    r"\b(?:will|won[’']t|[’']ll|shall|would|wouldn[’']t|going to|pledg\w*|promis\w*|vow\w*|commit\w*|undert[ao]\w*"
    r"|guarantee\w*|plan(?:s|ned)? to|intend\w* to|aim(?:s|ed)? to|(?:is|are|was|were) to|set to|agree[sd]? to"
    r"|announc\w*|accept\w*|target\w*)\b",
    re.IGNORECASE,
)


def _order(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()


def _rows(refs: list[str], every: bool) -> list[dict[str, object]]:
    texts = [read_source(ref) for ref in refs]
    rows: list[dict[str, object]] = []
    for ref, text, spans in zip(refs, texts, sentence_spans(texts), strict=True):
        for start, end in spans:
            words = text[start:end]
            keep = every or TRIGGER.search(words) or int(_order(f"{ref}:{start}"), 16) % 10 == 0
            if keep and len(words.split()) >= 3:
                rows.append({"source": ref, "start": start, "end": end, "text": words})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", choices=("timelines", "polnear", "timebank"))
    parser.add_argument("names", nargs="*", help="timeline stories, or the PolNeAR split (train/dev)")
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if not shared_available():
        print(f"train/candidates.py: {SHARED_DATA} not found", file=sys.stderr)
        return 1
    if args.corpus == "timelines":
        refs = [f"timelines/{story}/{p.name}" for story in args.names
                for p in sorted((SHARED_DATA / "timelines" / story).glob("*.json"))]
        rows = _rows(refs, every=True)
    elif args.corpus == "polnear":
        split = (args.names or ["train"])[0]
        names = sorted((p.name for p in (SHARED_DATA / "polnear" / split / "text").glob("*.txt")), key=_order)
        refs = [f"polnear/{split}/text/{n}" for n in names[args.skip : args.skip + args.files]]
        rows = _rows(refs, every=False)
    else:
        names = sorted((p.name for p in (SHARED_DATA / "tempeval3" / "TimeBank").glob("*.tml")), key=_order)
        refs = [f"tempeval3/TimeBank/{n}" for n in names[args.skip : args.skip + args.files]]
        rows = _rows(refs, every=False)
    with open(args.out, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences from {len(refs)} sources -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
