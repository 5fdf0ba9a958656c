"""Direct-quote extraction and source attribution scored on PolNeAR.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in US
political news as Source / Cue / Content spans in brat standoff. A gold direct
quote is a Content fragment that opens with a quotation mark. A predicted
direct quote matches exactly when both spans agree once outer marks, spaces and
trailing commas/full stops are set aside, and by overlap when they share any
character (one to one). The same for every attribution PolNeAR marks
(direct, partial and indirect; the whole content, a leading "that" set
aside) against all our quotes. Source accuracy is over overlap-matched quotes with a
gold source: right when the predicted speaker words overlap the gold source
span, or name the same person (a shared name word).

    python bench/quotes.py [--split dev|train] [--limit N]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from followthrough.analyse import Findings, analyse_texts, nlp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
MARKS = "\"'“”‘’"
TRIM = MARKS + " \n\t,."
SKIP_WORDS = {"the", "a", "an", "mr", "mrs", "ms", "dr", "of", "and", "said", "his", "her"}


@dataclass
class Gold:
    start: int
    end: int
    sources: list[tuple[int, int]]
    source_text: str


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _without_that(text: str, start: int, end: int) -> tuple[int, int]:
    """PolNeAR's reported content keeps the "that" which opens it; ours does not: set it aside."""
    if text[start : start + 5].lower() == "that " and end - start > 5:
        return _trim(text, start + 5, end)
    return start, end


def read_gold(ann: Path, text: str, direct_only: bool = True) -> list[Gold]:
    """The gold direct quotes (content fragments opening with a mark), or every attribution's whole content."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            ident, info, *_ = line.split("\t")
            label, offsets = info.split(" ", 1)
            fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[ident] = (label, fragments)  # type: ignore[assignment]
        elif line.startswith("E"):
            relations.append(dict(part.split(":") for part in line.split("\t")[1].split()[1:]))
    gold = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content is None:
            continue
        source = spans.get(relation.get("Source", ""))
        source_fragments = source[1] if source else []
        source_text = " ".join(text[s:e] for s, e in source_fragments)
        if not direct_only:
            whole = _without_that(text, *_trim(text, min(s for s, _ in content[1]), max(e for _, e in content[1])))
            gold.append(Gold(*whole, source_fragments, source_text))
            continue
        for start, end in content[1]:
            fragment = text[start:end].lstrip()
            if fragment[:1] in MARKS:
                gold.append(Gold(*_trim(text, start, end), source_fragments, source_text))
    return gold


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in SKIP_WORDS and len(w) > 1}


def score(anns: list[Path], texts: list[str], results: list[Findings], direct_only: bool,
          errors: bool = False) -> dict[str, int]:
    """Counts of gold, predicted and matched quotes, and of right sources among the matched."""
    counts = {"gold": 0, "pred": 0, "exact_pred": 0, "exact_gold": 0, "overlap": 0, "with_source": 0, "source_ok": 0}
    for ann, text, found in zip(anns, texts, results, strict=True):
        gold = read_gold(ann, text, direct_only)
        people = found.people
        predicted = [q for q in found.quotes if q.kind == "direct" or not direct_only]
        counts["gold"] += len(gold)
        counts["pred"] += len(predicted)
        trimmed = [_trim(text, q.start, q.end) for q in predicted]
        if not direct_only:
            trimmed = [_without_that(text, *span) for span in trimmed]
        gold_spans = {(g.start, g.end) for g in gold}
        counts["exact_pred"] += sum(1 for t in trimmed if t in gold_spans)
        counts["exact_gold"] += sum(1 for g in gold if (g.start, g.end) in set(trimmed))
        used: set[int] = set()
        for g in gold:
            for n, (q, (s, e)) in enumerate(zip(predicted, trimmed, strict=True)):
                if n in used or not (s < g.end and g.start < e):
                    continue
                used.add(n)
                counts["overlap"] += 1
                if g.sources:
                    counts["with_source"] += 1
                    name = people.by_key(q.speaker).name if q.speaker is not None else ""
                    spoken = q.speaker_start is not None and any(
                        q.speaker_start < se and ss < (q.speaker_end or 0) for ss, se in g.sources)
                    named = bool(_name_words(name) & _name_words(g.source_text))
                    counts["source_ok"] += spoken or named
                    if errors and not (spoken or named):
                        print(f"--- gold source {g.source_text!r}; predicted {q.speaker_text!r} -> {name!r} "
                              f"[{q.cue}]\n    {text[max(0, q.start - 150):q.end + 80]!r}")
                break
    return counts


def _prf(counts: dict[str, int], tp_pred: int, tp_gold: int) -> tuple[float, float, float]:
    p = tp_pred / counts["pred"] if counts["pred"] else 0.0
    r = tp_gold / counts["gold"] if counts["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="print each wrong source, for error analysis")
    args = parser.parse_args()
    folder = DATA / args.split
    if not folder.is_dir():
        print(f"bench/quotes.py: {folder} not found; nothing measured", file=sys.stderr)
        return 0
    annotations = sorted((folder / "attributions").glob("*.ann"))
    # Articles annotated twice: score the first annotator's file only.
    seen, chosen = set(), []
    for ann in annotations:
        stem = ann.stem.rsplit("_", 1)[0]
        if stem not in seen:
            seen.add(stem)
            chosen.append((ann, folder / "text" / f"{stem}.txt"))
    chosen = chosen[: args.limit] if args.limit else chosen
    texts = [t.read_text(encoding="utf-8") for _, t in chosen]

    started = time.perf_counter()
    found = list(analyse_texts([(n, text, None) for n, text in enumerate(texts)]))
    elapsed = time.perf_counter() - started
    print(f"data:      PolNeAR {args.split}, {len(chosen)} articles")
    print(f"versions:  followthrough {version('followthrough')}, spaCy {version('spacy')}, "
          f"model {nlp.model_name()}, Python {platform.python_version()}")
    print(f"time:      {elapsed:.1f}s")
    anns = [ann for ann, _ in chosen]
    for direct_only in (True, False):
        counts = score(anns, texts, found, direct_only, args.errors)
        exact = _prf(counts, counts["exact_pred"], counts["exact_gold"])
        overlap = _prf(counts, counts["overlap"], counts["overlap"])
        accuracy = counts["source_ok"] / counts["with_source"] if counts["with_source"] else 0.0
        what = ("direct quotes (content fragments opening with a quotation mark) against our direct quotes"
                if direct_only else
                "all attributions (direct, partial, indirect; whole content) against all our quotes")
        print(f"\n{what}: {counts['gold']} gold, {counts['pred']} predicted")
        print("| measure | precision | recall | F1 |")
        print("| --- | --- | --- | --- |")
        print(f"| content, exact | {exact[0]:.3f} | {exact[1]:.3f} | {exact[2]:.3f} |")
        print(f"| content, overlap | {overlap[0]:.3f} | {overlap[1]:.3f} | {overlap[2]:.3f} |")
        print(f"| source accuracy (overlap-matched, {counts['with_source']} with a gold source) | | | {accuracy:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
