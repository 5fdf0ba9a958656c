"""The labelled data's sources: read the text a stand-off label points into, split it into sentences,
and turn a quoted passage into a character span.

A source is named by its path under ``../shared/data`` ("polnear/train/text/NAME.txt",
"timelines/STORY/001.json", "tempeval3/TimeBank/NAME.tml"). Offsets always index the
text ``read_source`` returns for it: the file itself, the ``text`` field of a timeline page,
or the plain text inside a TimeML file's ``<TEXT>`` element.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_available() -> bool:
    return SHARED_DATA.is_dir()


@lru_cache(maxsize=4096)
def read_source(ref: str) -> str:
    """The text a source reference points into."""
    path = SHARED_DATA / ref
    if ref.startswith("timelines/"):
        return str(json.loads(path.read_text(encoding="utf-8"))["text"])
    if ref.endswith(".tml"):
        sys.path.insert(0, str(ROOT / "bench"))
        from timex import read_tml  # bench/timex.py reads TimeML

        return read_tml(path)[1]
    return path.read_text(encoding="utf-8")


def source_date(ref: str) -> str | None:
    """When a source was published, as far as it says (ISO 8601, maybe only a year or month)."""
    if ref.startswith("timelines/"):
        value = json.loads((SHARED_DATA / ref).read_text(encoding="utf-8")).get("published")
        return str(value) if value else None
    if ref.endswith(".tml"):
        raw = (SHARED_DATA / ref).read_text(encoding="utf-8")
        found = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})', raw)
        return found.group(1) if found else None
    if ref.startswith("polnear/"):
        name = Path(ref).stem
        found = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
        return found.group(1) if found else None
    return None


def sentence_spans(texts: list[str]) -> Iterator[list[tuple[int, int]]]:
    """Sentences of each text as followthrough's analysis sees them (cut at line breaks too)."""
    from followthrough.analyse import commitment_model, nlp, original_offset, with_full_stops

    prepared = [with_full_stops(text) for text in texts]
    for (_, inserted), doc in zip(prepared, nlp.parse(t for t, _ in prepared), strict=True):
        spans = [(original_offset(a, inserted), original_offset(b, inserted))
                 for a, b in commitment_model.sentence_spans(doc)]
        yield [(a, b) for a, b in spans if b > a]


def locate(text: str, quote: str, near: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text`` (the occurrence nearest ``near``), spaces matched loosely."""
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    hits = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not hits:
        return None
    if near is None:
        return hits[0]
    return min(hits, key=lambda h: abs(h[0] - near))
