"""Documents given as JSON: one object, a list of objects, or JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError

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
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, InputError(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
                continue
            except RecursionError:
                yield number, InputError(where, "JSON nested too deeply")
                continue
            yield number, value if isinstance(value, dict) else InputError(where, "expected a JSON object")
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from exc
    except RecursionError:
        raise InputError(source, "JSON nested too deeply") from None
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield number, item
        else:
            yield number, InputError(f"{source}[{number - 1}]", "expected a JSON object")
