"""Document → findings: people, their roles and affiliations, and quotes.

``analyse_texts`` is a pure function of the texts (and the spaCy model): it
reads no database and no clock, so it runs in a process pool or on Ray as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import nlp
from .people import People, find_people
from .quotes import Quote, find_all_quotes

# Bumped when analysis changes enough that stored findings should be redone.
ANALYSIS_VERSION = 1

__all__ = ["ANALYSIS_VERSION", "Findings", "analyse_texts"]


@dataclass(slots=True)
class Findings:
    """What analysis found in one document."""

    document_id: int
    said_on: str | None  # when the words were published, ISO 8601
    people: People
    quotes: list[Quote]


def analyse_texts(items: Iterable[tuple[int, str, str | None]], model: str | None = None) -> Iterator[Findings]:
    """Analyse ``(document_id, text, published)`` items, batching them through spaCy."""
    batch = list(items)
    for (document_id, _text, published), doc in zip(batch, nlp.parse((t for _, t, _ in batch), model), strict=True):
        people = find_people(doc)
        yield Findings(document_id, published, people, find_all_quotes(doc, people))
