"""Bytes to Documents: decode, find the main text and metadata, split digests.

``extract`` is a pure function of its input and options: no database, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import islice

from ..acquire import RawInput
from ..config import Settings
from ..dates import Moment, parse_moment, resolve_age
from ..errors import InputError
from ..model import Document, Origin
from . import json_records
from .decode import declared_charset, decode
from .digest import split_digest
from .html import read_page
from .normalise import clean_field, clean_text, content_hash

__all__ = ["Extraction", "clean_text", "content_hash", "extract", "split_digest"]


@dataclass(slots=True)
class Extraction:
    """The documents one input held, and the parts of it that could not be read."""

    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract(
    raw: RawInput,
    *,
    published: Moment | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Turn one input into documents.

    ``published`` and ``outlet`` fill in what the input itself does not say.
    Raises ``InputError`` when nothing in the input can be read; a JSON Lines
    file with some bad lines returns the good ones and lists the bad.
    """
    settings = settings or Settings()
    declared = declared_charset(raw.data) if raw.kind == "html" else None
    text = decode(raw.data, raw.source, declared, settings.max_control_ratio)
    if raw.kind == "html":
        result = _from_html(text, raw.source, published, outlet, settings)
    elif raw.kind in ("json", "jsonl"):
        result = _from_json(text, raw.source, raw.kind == "jsonl", published, outlet)
    else:
        result = _from_text(text, raw.source, published, outlet)
    result.documents = [replace(d, title=clean_field(d.title), url=clean_field(d.url), outlet=clean_field(d.outlet),
                                author=clean_field(d.author)) for d in result.documents]
    return result


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None


def _split(
    text: str,
    source: str,
    *,
    title: str | None,
    url: str | None,
    outlet: str | None,
    author: str | None,
    published: Moment | None,
) -> Extraction:
    """Split a cleaned page text into its articles (one when it is not a digest)."""
    parts = split_digest(text)
    if not parts:
        raise InputError(source, "no text after removing page furniture")
    result = Extraction()
    is_digest = any(part.outlet for part in parts)
    for number, part in enumerate(parts):
        body = text[part.start : part.end]
        origin = Origin(source, number, part.start, part.end)
        if part.outlet is None:  # the lead article: the page's own metadata
            result.documents.append(Document(
                text=body, origin=origin, title=title or _first_line(body), url=url,
                outlet=outlet, author=author, published=published,
            ))
        else:
            result.documents.append(Document(
                text=body, origin=origin, title=part.title, outlet=part.outlet,
                published=resolve_age(part.age or "", published), published_text=part.age,
                digest_of=url or source,
            ))
    if is_digest and published is None:
        result.warnings.append(f"{source}: digest has no publication time, so its articles' ages "
                               "('23 minutes ago') stay unresolved; give --published")
    return result


_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
# A header line that states when the text was published or said: "Published: 3 March 2026",
# "Tuesday 3 March 2026", "Volume 760: debated on Tuesday 3 March 2026", "House of Commons, 4 February 2026".
_DATELINE = re.compile(
    rf"^(?:(?:published|updated|posted|dated?|first published)\s*(?:on|:)?\s*"
    rf"|.{{0,60}}\bdebated on |(?:[^\s.:!?,]+[ ,]+){{1,8}})?{_WEEKDAY}(?P<day>{_DAY})"
    rf"(?:,? (?:at )?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|[A-Z]{{3,4}})?)?$",
    re.IGNORECASE,
)
# Lines of a plain-text file's head searched for such a line.
HEADER_LINES = 6


def _head(text: str) -> str:
    """The first ``HEADER_LINES + 1`` lines of a text with blank lines dropped, without splitting the rest."""
    end, found = 0, 0
    while found <= HEADER_LINES:
        newline = text.find("\n", end)
        if newline < 0:
            return text
        found += bool(text[end:newline].strip())
        end = newline + 1
    return text[:end]


def _dateline(text: str) -> Moment | None:
    """The date a plain text's header gives for itself: a short line that ends in it ("London, 3 March 2026")."""
    lines = (line.strip() for line in _head(text).split("\n"))
    for line in islice(filter(None, lines), 1, HEADER_LINES + 1):
        match = _DATELINE.match(line) if len(line) <= 100 else None
        if match:
            try:
                return parse_moment(match.group("day").replace(",", ""))
            except ValueError:
                continue
    return None


def _from_text(text: str, source: str, published: Moment | None, outlet: str | None) -> Extraction:
    cleaned = clean_text(text)
    if not cleaned:
        raise InputError(source, "file holds no text")
    published = _dateline(cleaned) or published
    return _split(cleaned, source, title=None, url=None, outlet=outlet, author=None, published=published)


def _from_html(
    html: str, source: str, published: Moment | None, outlet: str | None, settings: Settings
) -> Extraction:
    page = read_page(html)
    cleaned = clean_text(page.text)
    if len(cleaned) < settings.min_article_chars:
        raise InputError(source, "no article text found in the HTML page")
    return _split(
        cleaned, source, title=page.title, url=page.url, outlet=page.outlet or outlet,
        author=page.author, published=page.published or published,
    )


def _from_json(
    text: str, source: str, lines: bool, published: Moment | None, outlet: str | None
) -> Extraction:
    result = Extraction()
    for part, record in json_records.records(text, source, lines):
        if isinstance(record, InputError):
            result.errors.append(record)
            continue
        where = f"{source}:{part}" if lines else f"{source}[{part - 1}]"
        body = clean_text(json_records.field(record, "text") or "")
        if not body:
            result.errors.append(InputError(where, "record has no text"))
            continue
        record_published = published
        date_text = json_records.field(record, "published")
        if date_text:
            try:
                record_published = parse_moment(date_text)
            except ValueError as exc:
                result.warnings.append(f"{where}: {exc}; the record's date was not used")
                record_published = published
        result.documents.append(Document(
            text=body,
            origin=Origin(source, part),
            title=json_records.field(record, "title") or _first_line(body),
            url=json_records.field(record, "url"),
            outlet=json_records.field(record, "outlet") or outlet,
            author=json_records.field(record, "author"),
            published=record_published,
        ))
    if not result.documents and not result.errors:
        raise InputError(source, "no JSON objects found")
    return result
