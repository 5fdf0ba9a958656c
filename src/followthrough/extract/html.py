"""Main text and metadata of an HTML page. The one module that calls trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from ..dates import Moment, parse_moment


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: Moment | None


# htmldate pads a date known only to the day with midnight; that is no time.
_MIDNIGHT = re.compile(r"T00:00:00$")
# htmldate keeps only the day of most dates. Publishers state the full time in
# these meta tags and in JSON-LD; when they agree with htmldate's day, the
# stated time is kept.
_TIME_META = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publishdate|dc\.date\.issued|sailthru\.date)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _stated_time(html: str) -> Moment | None:
    """The publication time a page states in its head, to the second where given."""
    candidates = [m.group(1) for tag in _TIME_META.finditer(html) if (m := _CONTENT.search(tag.group()))]
    candidates += _JSON_LD_DATE.findall(html)
    for candidate in candidates:
        try:
            return parse_moment(candidate)
        except ValueError:
            continue
    return None


def read_page(html: str, url: str | None = None) -> Page:
    """Extract the main text, title, site name, author, date and canonical URL."""
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    if not isinstance(found, trafilatura.settings.Document):
        return Page("", None, None, None, None, None)
    published = None
    if found.date:
        try:
            published = parse_moment(_MIDNIGHT.sub("", found.date))
        except ValueError:
            published = None
    stated = _stated_time(html)
    if stated and (published is None or stated.start.date() == published.start.date()):
        published = stated
    return Page(
        text=found.text or "",
        title=found.title or None,
        outlet=found.sitename or None,
        author=found.author or None,
        url=found.url or None,
        published=published,
    )
