"""The ledger end to end on real pages: the timelines of ../shared/data/timelines against our gold.

All 78 pages (eight stories, real dates: full, partial or missing) are ingested into one fresh
database, as a user would; the ledger is then compared with the stand-off gold in data/ledger/.

- An entry *matches* a gold commitment when one of its sources overlaps one of the gold's mentions.
- precision: listed entries (with a source in the stories' pages) that match a gold commitment;
  recall: gold commitments matched by an entry; entries per gold commitment: matched entries over
  matched gold commitments.
- deadline accuracy: matched gold commitments whose main entry (the one holding most of its
  mentions) has the gold deadline (to within 7 days for a day, 31 for a month, 92 for a year) or,
  like the gold, none.
- status accuracy: the gold's status points (commitment, date, status); the main entry's status as
  of that date must be the gold's; an unmatched commitment counts as wrong.
- evidence accuracy: gold evidence linked to the right entry with the right stance, over gold
  evidence plus the evidence the system linked to matched entries that is not in the gold (each
  passage and stance counted once per gold commitment, however many of its entries hold it).

The stories held out before any tuning (data/README.md) are reported apart from the six tuned on.
Prints a table; asserts nothing.

    python bench/ledger.py [--errors] [--held-out-errors] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import difflib
import json
import platform
import sys
import tempfile
import time
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from followthrough import Settings, Store, ingest
from followthrough.extract.normalise import clean_text
from followthrough.link import ledger

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "timelines"
GOLD = ROOT / "data" / "ledger"
HELD_OUT = ("post-office-horizon-redress", "petrol-diesel-car-ban-2030")
TOLERANCE = {"day": 7, "month": 31, "year": 92}


def offset_map(raw: str, stored: str) -> list[tuple[int, int]]:
    """Matching blocks (raw start, stored start, length) that turn a raw offset into a stored one."""
    matcher = difflib.SequenceMatcher(None, raw, stored, autojunk=False)
    return [(a, b) for a, b, size in matcher.get_matching_blocks() if size]


def moved(blocks: list[tuple[int, int]], offset: int) -> int:
    at = bisect_right([a for a, _ in blocks], offset) - 1
    if at < 0:
        return 0
    a, b = blocks[at]
    return b + (offset - a)


@dataclass
class Doc:
    id: int
    published: str | None
    blocks: list[tuple[int, int]]


@dataclass
class Scores:
    entries: int = 0
    matched_entries: int = 0
    gold: int = 0
    found: int = 0
    deadlines: int = 0
    deadlines_right: int = 0
    status: int = 0
    status_right: int = 0
    evidence_gold: int = 0
    evidence_right: int = 0
    evidence_extra: int = 0
    errors: list[str] = field(default_factory=list)


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return max(0, min(a[2], b[2]) - max(a[1], b[1])) if a[0] == b[0] else 0


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value and len(value) == 10 else None


def score(stories: list[str], golds: dict[str, Any], docs: dict[str, Doc], connection: Any,
          as_of_all: date) -> Scores:
    result = Scores()
    story_docs = {d.id for ref, d in docs.items() if ref.split("/")[0] in stories}

    def span(item: dict[str, Any]) -> tuple[int, int, int]:
        doc = docs[item["source"].removeprefix("timelines/")]
        return doc.id, moved(doc.blocks, item["start"]), moved(doc.blocks, item["end"])

    entries = [e for e in ledger.entries(connection, as_of_all)
               if any(s.document_id in story_docs for s in e.sources)]
    result.entries = len(entries)
    mentions = {(story, c["id"]): [span(m) for m in c["mentions"]]
                for story in stories for c in golds[story]["commitments"]}
    by_gold: dict[tuple[str, str], list[tuple[int, Any]]] = defaultdict(list)
    for entry in entries:
        sources = [(s.document_id, s.start, s.end) for s in entry.sources]
        best = max(((sum(_overlap(s, m) > 0 for s in sources for m in spans), key)
                    for key, spans in mentions.items()), default=(0, None))
        if best[0]:
            result.matched_entries += 1
            by_gold[best[1]].append((best[0], entry))  # type: ignore[index]
        else:
            result.errors.append(f"not in gold: {entry.id} {entry.actor.organisation or ''} {entry.action[:70]!r}")
    for story in stories:
        for commitment in golds[story]["commitments"]:
            key = (story, commitment["id"])
            result.gold += 1
            found = by_gold.get(key)
            statuses = [s for s in golds[story].get("status", []) if s["commitment"] == commitment["id"]]
            result.status += len(statuses)
            evidence = [e for e in golds[story].get("evidence", []) if e["commitment"] == commitment["id"]]
            result.evidence_gold += len(evidence)
            deadline = commitment.get("deadline") or {}
            result.deadlines += 1
            if not found:
                result.errors.append(f"missed: {key} {commitment['summary'][:70]!r}")
                continue
            result.found += 1
            main = max(found, key=lambda pair: pair[0])[1]
            gold_end = _day(deadline.get("end"))
            system_end = _day(main.deadline.end) if main.deadline else None
            tolerance = TOLERANCE.get(deadline.get("precision") or "day", 7)
            if (gold_end is None and system_end is None) or (
                    gold_end and system_end and abs((gold_end - system_end).days) <= tolerance):
                result.deadlines_right += 1
            else:
                result.errors.append(f"deadline {key}: gold {gold_end} got {system_end} "
                                     f"({main.deadline.text if main.deadline else None!r})")
            for point in statuses:
                (now,) = [e for e in ledger.entries(connection, date.fromisoformat(point["as_of"]))
                          if e.id == main.id]
                if now.status == point["status"]:
                    result.status_right += 1
                else:
                    result.errors.append(f"status {key} as of {point['as_of']}: gold {point['status']} "
                                         f"got {now.status} ({now.status_reason[:90]})")
            # The evidence of the gold commitment's entries, as a set: a passage linked to two entries that
            # restate the commitment is one piece of evidence on it, right or wrong once.
            linked = list(dict.fromkeys((x.document_id, x.start, x.end, x.stance)
                                        for _, e in found for x in e.evidence))
            used = set()
            for item in evidence:
                where = span(item)
                hit = next((n for n, link in enumerate(linked)
                            if _overlap(where, link[:3]) and link[3] == item["stance"]), None)
                if hit is None:
                    result.errors.append(f"evidence {key} {item['source']}:{item['start']} {item['stance']} "
                                         f"not linked: {_why_not(connection, where, found)}")
                else:
                    used.add(hit)
                    result.evidence_right += 1
            gold_spans = [span(item) for item in evidence]
            for n, link in enumerate(linked):
                if n not in used and not any(_overlap(link[:3], g) for g in gold_spans):
                    result.evidence_extra += 1
                    result.errors.append(f"evidence {key}: extra link doc {link[0]}:{link[1]} {link[3]}")
    return result


def _why_not(connection: Any, where: tuple[int, int, int], found: list[tuple[int, Any]]) -> str:
    """What became of the words of a gold piece of evidence: no candidate, linked elsewhere, wrong stance."""
    from sqlalchemy import text

    candidates = connection.execute(text(
        "SELECT id, stance, cue FROM evidence_candidates WHERE document_id = :d AND start < :e AND \"end\" > :s"),
        {"d": where[0], "s": where[1], "e": where[2]}).all()
    if not candidates:
        return "no candidate there"
    ours = {e.id for _, e in found}
    said = []
    for candidate in candidates:
        links = connection.execute(text("SELECT commitment_id, stance, score FROM evidence WHERE candidate_id = :c"),
                                   {"c": candidate.id}).all()
        told = ", ".join(f"{'ours' if link.commitment_id in ours else 'other'} #{link.commitment_id} "
                         f"{link.stance} {link.score:.2f}" for link in links) or "unlinked"
        said.append(f"candidate {candidate.stance} ('{candidate.cue}') -> {told}")
    return "; ".join(said)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def report(name: str, s: Scores) -> dict[str, float]:
    figures = {
        "precision": _ratio(s.matched_entries, s.entries),
        "recall": _ratio(s.found, s.gold),
        "deadline accuracy": _ratio(s.deadlines_right, s.deadlines),
        "status accuracy": _ratio(s.status_right, s.status),
        "evidence accuracy": _ratio(s.evidence_right, s.evidence_gold + s.evidence_extra),
        "entries per gold commitment": _ratio(s.matched_entries, s.found),
    }
    print(f"| {name} | {figures['precision']:.3f} ({s.matched_entries}/{s.entries}) | "
          f"{figures['recall']:.3f} ({s.found}/{s.gold}) | {figures['deadline accuracy']:.3f} | "
          f"{figures['status accuracy']:.3f} ({s.status_right}/{s.status}) | "
          f"{figures['evidence accuracy']:.3f} ({s.evidence_right}/{s.evidence_gold}+{s.evidence_extra}) | "
          f"{figures['entries per gold commitment']:.2f} |")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every miss, extra and wrong value")
    parser.add_argument("--held-out-errors", action="store_true", help="also for the held-out stories")
    parser.add_argument("--keep", metavar="FOLDER", help="build the database in FOLDER and keep it (for inspection)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"bench/ledger.py: {DATA} not found; nothing measured", file=sys.stderr)
        return 0
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
    files = sorted(DATA.glob("*/*.json"))
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or scratch
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "ledger.db").unlink(missing_ok=True)
        store = Store.open(str(Path(folder) / "ledger.db"))
        started = time.perf_counter()
        result = ingest(store, [str(p) for p in files], settings=Settings())
        elapsed = time.perf_counter() - started
        docs: dict[str, Doc] = {}
        for outcome, path in zip(result.outcomes, files, strict=True):
            (document_id,) = outcome.document_ids
            stored = store.document(document_id)
            raw = json.loads(path.read_text(encoding="utf-8"))["text"]
            assert clean_text(raw) == stored.text or stored.copy_of, path
            docs[f"{path.parent.name}/{path.name}"] = Doc(document_id, stored.published,
                                                          offset_map(raw, stored.text))
        outlets = {(d.outlet or "").casefold() for d in store.documents()} - {""}
        with store.engine.connect() as connection:
            listed = ledger.entries(connection, date(2026, 12, 1))
        outlet_actors = [e for e in listed if (e.actor.organisation or "").casefold() in outlets]
        last = date(2026, 12, 1)
        tuned = [s for s in golds if s not in HELD_OUT]
        with store.engine.connect() as connection:
            scores = {"tuned on (6 stories)": score(tuned, golds, docs, connection, last),
                      "held out (2 stories)": score(list(HELD_OUT), golds, docs, connection, last)}
        store.close()
    print(f"data:      {len(files)} timeline pages, 8 stories; gold in data/ledger/ "
          f"({sum(len(g['commitments']) for g in golds.values())} commitments)")
    print(f"versions:  followthrough {version('followthrough')}, Python {platform.python_version()}; "
          f"ingest with analysis {len(files) / elapsed:.1f} documents/s ({elapsed:.1f}s)")
    print(f"entries whose actor is an outlet: {len(outlet_actors)} of {len(listed)}"
          + "".join(f"\n  {e.id} {e.actor.organisation}: {e.action[:60]!r}" for e in outlet_actors[:10]))
    print("| stories | precision | recall | deadline acc. | status acc. | evidence acc. | entries/gold |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, s in scores.items():
        report(name, s)
    if args.errors:
        for name, s in scores.items():
            if "held out" in name and not args.held_out_errors:
                continue
            print(f"\n{name}:")
            for line in s.errors:
                print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
