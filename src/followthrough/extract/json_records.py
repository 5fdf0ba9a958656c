"""Documents given as JSON: one object, a list of objects, or JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from ..errors import InputError

# Deeper than this is no export's record but a hostile file; checked before parsing, because a
# parse that runs into Python's recursion limit can also break code that runs beside it.
MAX_NESTING = 200
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def nesting(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (strings ignored).

    >>> nesting('{"a": [1, {"b": "[[["}]}')
    3
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0)


def _loads(text: str) -> Any:
    if nesting(text) > MAX_NESTING:
        raise RecursionError
    return json.loads(text)

# Field names publishers' exports and scrapers use for the same thing.
FIELDS = {
    "title": ("title", "headline", "name"),
    "text": ("text", "body", "content", "article", "maintext"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "source_domain"),
    "published": ("published", "date", "published_at", "date_publish", "pubdate", "datetime"),
    "author": ("author", "byline", "authors"),
}


def field(record: dict[str, Any], name: str) -> str | None:
    """The first non-empty value among a field's known names, as a string (nested values as plain text)."""
    for key in FIELDS[name]:
        value = record.get(key)
        if isinstance(value, list):
            value = ", ".join(_plain(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name")
        if value not in (None, "") and not isinstance(value, (dict, list)):
            return _plain(value)
    return None


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or ""
    return value if isinstance(value, str) else "" if isinstance(value, (dict, list)) else str(value)


def records(text: str, source: str, lines: bool) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Yield ``(part, record)`` for each object, or an ``InputError`` for a bad one.

    A broken line in a JSON Lines file fails alone; a broken JSON file fails whole.
    """
    if lines:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                value = _loads(line)
            except json.JSONDecodeError as exc:
                yield number, InputError(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
                continue
            except RecursionError:
                yield number, InputError(where, "JSON nested too deeply")
                continue
            yield number, value if isinstance(value, dict) else InputError(where, "expected a JSON object")
        return
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from exc
    except RecursionError:
        raise InputError(source, "JSON nested too deeply") from None
    items = value if isinstance(value, list) else [value]
    if items and not any(isinstance(item, dict) for item in items):
        raise InputError(source, "expected a JSON object or a list of objects")
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield number, item
        else:
            yield number, InputError(f"{source}[{number - 1}]", "expected a JSON object")
