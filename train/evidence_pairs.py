"""Commitment–sentence pairs with the sentence's stance towards the commitment, for training and measuring.

Two sources, split before any training:

- ``data/evidence/written.jsonl``: pairs we wrote, in fifteen timelines. A timeline is held out
  when the SHA-1 of its id is divisible by four (``written_held_out``): t01, t07, t10, t11.
- the gold ledgers ``data/ledger/STORY.json`` over the timeline pages in ``../shared/data``:
  each gold evidence span with its stance for its commitment (the commitment's text is its
  mention spans); as ``none``, every other sentence of the story's later pages paired with that
  commitment, and the gold evidence of the story's *other* commitments on those pages. The
  stories in ``HELD_OUT`` are never trained or tuned on.

A page is *later* than a commitment when its date comes after ``made_on`` (compared at the
precision both have) or, on the same date, it holds no mention that makes the commitment; an
undated page, or a commitment with no date, counts as later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from corpus import ROOT, read_source, sentence_spans, source_date

WRITTEN = ROOT / "data" / "evidence" / "written.jsonl"
GOLD = ROOT / "data" / "ledger"
HELD_OUT = ("post-office-horizon-redress", "petrol-diesel-car-ban-2030")

Span = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class Pair:
    """A commitment (its texts), a sentence and the sentence's stance towards it."""

    commitment: tuple[str, ...]
    sentence: str
    stance: str
    group: str  # the written timeline ("written:t03") or gold story ("hs2-northern-leg")
    commitment_id: str
    sentence_id: str  # the same sentence has the same id in every pair it is in
    origin: str  # "written", "gold evidence", "other sentence", "other evidence"


def written_held_out(timeline: str) -> bool:
    """Whether a written timeline is in the held-out test set (fixed before any training)."""
    return int(hashlib.sha1(timeline.encode()).hexdigest(), 16) % 4 == 0


def written_pairs() -> list[Pair]:
    """Every pair of ``data/evidence/written.jsonl``."""
    pairs = []
    for line in WRITTEN.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        commitment, sentence = _text(row["commitment"]), _text(row["sentence"])
        pairs.append(Pair((commitment,), sentence, row["stance"], f"written:{row['timeline']}",
                          f"{row['timeline']}:{commitment}", f"{row['timeline']}:{sentence}", "written"))
    return pairs


def _text(item: dict[str, object]) -> str:
    if "text" in item:
        return str(item["text"])
    return read_source(str(item["source"]))[int(str(item["start"])) : int(str(item["end"]))]


def stories(held_out: bool) -> list[str]:
    """The gold ledgers' stories: the two held out, or the six tuned on."""
    names = sorted(p.stem for p in GOLD.glob("*.json"))
    return [n for n in names if (n in HELD_OUT) == held_out]


def gold(story: str) -> dict[str, object]:
    return dict(json.loads((GOLD / f"{story}.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=16)
def story_sentences(story: str) -> dict[str, list[tuple[int, int]]]:
    """Each page of a story (its source reference) and its sentences as followthrough splits them."""
    refs = sorted(f"timelines/{p.parent.name}/{p.name}" for p in (ROOT.parent / "shared" / "data" / "timelines"
                                                                    / story).glob("*.json"))
    texts = [read_source(ref) for ref in refs]
    return dict(zip(refs, sentence_spans(texts), strict=True))


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and min(a[2], b[2]) > max(a[1], b[1])


def later(page: str, commitment: dict[str, object]) -> bool:
    """Whether a page comes after the commitment was made (see the module's note)."""
    page_date, made = source_date(page), commitment.get("made_on")
    if not page_date or not made:
        return True
    k = min(len(page_date), len(str(made)))
    if page_date[:k] != str(made)[:k]:
        return page_date[:k] > str(made)[:k]
    return not any(m["source"] == page and m["role"] == "made" for m in _mentions(commitment))


def _mentions(commitment: dict[str, object]) -> list[dict[str, object]]:
    return list(commitment["mentions"])  # type: ignore[call-overload]


def story_pairs(story: str) -> list[Pair]:
    """A gold story's pairs: gold evidence, other later sentences and other commitments' evidence."""
    ledger = gold(story)
    commitments: list[dict[str, object]] = list(ledger["commitments"])  # type: ignore[call-overload]
    evidence: list[dict[str, object]] = list(ledger["evidence"])  # type: ignore[call-overload]
    sentences = story_sentences(story)

    def span(item: dict[str, object]) -> Span:
        return str(item["source"]), int(str(item["start"])), int(str(item["end"]))

    def words(where: Span) -> str:
        return " ".join(read_source(where[0])[where[1] : where[2]].split())

    every_evidence = [span(e) for e in evidence]
    pairs: list[Pair] = []
    for commitment in commitments:
        cid = str(commitment["id"])
        texts = tuple(dict.fromkeys(words(span(m)) for m in _mentions(commitment)))
        own = [e for e in evidence if e["commitment"] == cid]
        own_spans = [span(e) for e in own]
        for item in own:
            where = span(item)
            pairs.append(Pair(texts, words(where), str(item["stance"]), story, cid, _id(where), "gold evidence"))
        seen = set(own_spans)
        for item in evidence:
            where = span(item)
            if where in seen or any(_overlaps(where, o) for o in own_spans) or not later(where[0], commitment):
                continue
            seen.add(where)
            pairs.append(Pair(texts, words(where), "none", story, cid, _id(where), "other evidence"))
        for page, spans in sentences.items():
            if not later(page, commitment):
                continue
            for start, end in spans:
                where = (page, start, end)
                if any(_overlaps(where, e) for e in every_evidence):
                    continue
                pairs.append(Pair(texts, words(where), "none", story, cid, _id(where), "other sentence"))
    return pairs


def _id(where: Span) -> str:
    return f"{where[0]}:{where[1]}-{where[2]}"


def gold_pairs(names: Iterable[str]) -> list[Pair]:
    return [p for story in names for p in story_pairs(story)]


def rivals(pairs: Iterable[Pair]) -> dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]]:
    """For each sentence (group, sentence id), every commitment it is paired with: what it could be about."""
    found: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
    for pair in pairs:
        found.setdefault((pair.group, pair.sentence_id), {})[pair.commitment_id] = pair.commitment
    return {key: sorted(value.items()) for key, value in found.items()}


def shared_ready() -> bool:
    return (ROOT.parent / "shared" / "data" / "timelines").is_dir()


__all__ = ["HELD_OUT", "Pair", "gold_pairs", "rivals", "shared_ready", "stories", "story_pairs", "written_held_out",
           "written_pairs"]
