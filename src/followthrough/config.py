"""Every setting in one place: defaults, overridable by ``FOLLOWTHROUGH_*`` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .errors import UsageError

# Suffixes each reader accepts; anything else in a directory walk is skipped.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    """A whole-number setting from the environment; a bad one is a usage error, not a traceback."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        raise UsageError(f"{name}={value!r}: expected a whole number") from None
    if number < minimum:
        raise UsageError(f"{name}={value!r}: must be at least {minimum}")
    return number


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time settings. ``Settings.from_env()`` reads ``FOLLOWTHROUGH_*`` overrides."""

    db: str = "followthrough.db"
    max_input_bytes: int = 20 * 1024 * 1024
    # Share of control characters above which a decoded file is judged binary.
    max_control_ratio: float = 0.01
    # An HTML page whose main text is shorter than this holds no article.
    min_article_chars: int = 50
    search_limit: int = 20
    snippet_tokens: int = 16
    spacy_model: str | None = None
    # Analyse documents (people, quotes) as they are ingested.
    analyse: bool = True
    # Documents analysed, linked and placed per transaction: the unit a rerun resumes from.
    analysis_chunk: int = 64

    @classmethod
    def from_env(cls) -> Settings:
        base = cls()
        return replace(
            base,
            db=os.environ.get("FOLLOWTHROUGH_DB") or base.db,
            max_input_bytes=_env_int("FOLLOWTHROUGH_MAX_INPUT_BYTES", base.max_input_bytes),
            spacy_model=os.environ.get("FOLLOWTHROUGH_SPACY_MODEL") or base.spacy_model,
            analysis_chunk=_env_int("FOLLOWTHROUGH_ANALYSIS_CHUNK", base.analysis_chunk),
            analyse=os.environ.get("FOLLOWTHROUGH_ANALYSE", "1").lower() not in ("0", "false", "no"),
        )
