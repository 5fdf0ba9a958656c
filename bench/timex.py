"""Time expressions scored on TempEval-3 (TimeBank and AQUAINT, TimeML).

Each document's creation time (DCT) is the reference date. Extraction is scored
strict (same span) and relaxed (overlapping spans, one to one); value accuracy
is over relaxed matches; value F1 counts a match only when the value is right
too, the TempEval-3 way. Prints a table; asserts nothing.

    python bench/timex.py [--errors]
"""

from __future__ import annotations

import argparse
import html
import platform
import re
import sys
import time
from collections import Counter
from datetime import date
from importlib.metadata import version
from pathlib import Path

from followthrough.analyse.timex import find_timexes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


def read_tml(path: Path) -> tuple[date, str, list[tuple[int, int, str, str]]]:
    """(DCT, plain text of <TEXT>, gold timexes as (start, end, type, value))."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})', raw)
    assert dct, path
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text, gold, position, open_timex = [], [], 0, None
    last = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[last : tag.start()])
        text.append(piece)
        position += len(piece)
        last = tag.end()
        closing, name, attributes = tag.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            values = dict(re.findall(r'(\w+)="([^"]*)"', attributes))
            open_timex = (position, values.get("type", ""), values.get("value", ""))
        elif open_timex:
            gold.append((open_timex[0], position, open_timex[1], open_timex[2]))
            open_timex = None
    text.append(html.unescape(body[last:]))
    return date.fromisoformat(dct.group(1)), "".join(text), gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print wrong values and misses")
    args = parser.parse_args()
    files = sorted((DATA / "TimeBank").glob("*.tml")) + sorted((DATA / "AQUAINT").glob("*.tml"))
    if not files:
        print(f"bench/timex.py: {DATA} not found; nothing measured", file=sys.stderr)
        return 0
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = 0
    misses: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        reference, text, gold = read_tml(path)
        predicted = find_timexes(text, reference)
        n_gold += len(gold)
        n_pred += len(predicted)
        spans = {(p.start, p.end) for p in predicted}
        strict += sum(1 for g in gold if (g[0], g[1]) in spans)
        used: set[int] = set()
        for g_start, g_end, g_type, g_value in gold:
            match = next((n for n, p in enumerate(predicted)
                          if n not in used and p.start < g_end and g_start < p.end), None)
            if match is None:
                if args.errors:
                    misses[text[g_start:g_end].lower()] += 1
                continue
            used.add(match)
            relaxed += 1
            found = predicted[match]
            type_ok += found.type == g_type
            if found.value == g_value:
                value_ok += 1
            elif args.errors:
                print(f"{path.stem} ref {reference}: {text[g_start:g_end]!r} gold {g_value} got {found.value} "
                      f"({found.text!r})")
        if args.errors:
            for n, p in enumerate(predicted):
                if n not in used:
                    print(f"{path.stem}: spurious {p.text!r} {p.value}")
    elapsed = time.perf_counter() - started
    if args.errors:
        print("misses:", misses.most_common(60))

    def f1(tp: int) -> tuple[float, float, float]:
        p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    print(f"data:      TempEval-3 TimeBank + AQUAINT, {len(files)} documents, {n_gold} gold TIMEX3, {n_pred} found")
    print(f"versions:  followthrough {version('followthrough')}, Python {platform.python_version()}; {elapsed:.1f}s")
    print("| measure | precision | recall | F1 |")
    print("| --- | --- | --- | --- |")
    for name, tp in (("extraction, strict", strict), ("extraction, relaxed", relaxed), ("value", value_ok)):
        p, r, f = f1(tp)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print(f"value accuracy on found expressions: {value_ok / relaxed if relaxed else 0:.3f} ({value_ok}/{relaxed}); "
          f"type accuracy {type_ok / relaxed if relaxed else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
