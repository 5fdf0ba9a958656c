"""Near-duplicate copies: the same wire story, lightly edited, in several papers.

MinHash (datasketch) over five-word shingles estimates how much two texts
share; locality-sensitive hashing in bands finds the candidates through an
index, so the cost of checking a new document does not grow with the corpus.
A copy keeps its own row and origin but points at the first copy seen, and
is not analysed again: its quotes and commitments are not counted twice.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 32, 4  # BANDS * ROWS == NUM_PERM; candidates from about 0.4 similarity
SHINGLE = 5
SEED = 1
# Estimated Jaccard similarity of five-word shingles at or above which a text is
# a copy. Regional papers cut or rewrite the last paragraphs of wire copy, so a
# copy shares well over half its shingles; two reports of one event by different
# writers share almost none.
COPY_THRESHOLD = 0.6
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (``NUM_PERM`` unsigned 32-bit values)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(_shingles(text)))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def band_keys(values: np.ndarray) -> list[str]:
    """One key per band: texts that agree on any band are candidate copies."""
    return [f"{band}:" + ".".join(str(v) for v in values[band * ROWS : (band + 1) * ROWS]) for band in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def to_bytes(values: np.ndarray) -> bytes:
    return values.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.uint64)
