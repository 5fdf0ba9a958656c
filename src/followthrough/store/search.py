"""Full-text search: the user's words to an FTS5 query, ranked by BM25."""

from __future__ import annotations

import re

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from ..dates import Moment
from ..errors import UsageError
from ..model import SearchHit

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}
# Title matches count for more than body matches.
TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0
MARK = "**"


def fts_query(query: str) -> str:
    """Translate what a user types into a safe FTS5 expression.

    Words become quoted terms (all must match), "double-quoted phrases" stay
    phrases, a trailing ``*`` asks for a prefix, and upper-case AND, OR and NOT
    keep their meaning. Anything else FTS5 would parse as syntax is quoted away.

    >>> fts_query('cold cases')
    '"cold" "cases"'
    >>> fts_query('"national inquiry" OR commission*')
    '"national inquiry" OR "commission"*'
    """
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(query):
        if phrase:
            if re.search(r"\w", phrase):
                parts.append(f'"{phrase}"')
        elif word in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(word)
        else:
            prefix = word.endswith("*")
            word = word.strip("*").replace('"', "")
            if re.search(r"\w", word):
                parts.append(f'"{word}"' + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if not parts:
        raise UsageError(f"search: nothing to search for in {query!r}")
    return " ".join(parts)


def search_documents(
    connection: Connection,
    query: str,
    *,
    outlet: str | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    limit: int = 20,
    snippet_tokens: int = 16,
) -> list[SearchHit]:
    """Documents matching ``query``, best first, with highlighted snippets."""
    conditions = ["documents_fts MATCH :query"]
    params: dict[str, object] = {"query": fts_query(query), "limit": limit, "tokens": snippet_tokens}
    if outlet:
        conditions.append("o.name_key = :outlet")
        params["outlet"] = outlet.casefold()
    if since:
        conditions.append("d.published >= :since")
        params["since"] = since.value
    if until:
        # Published values are ISO strings cut to their precision, so everything
        # within the --until day (or month, or minute) sorts below its value
        # followed by "~", which is above every character ISO 8601 uses.
        conditions.append("d.published < :until")
        params["until"] = until.value + "~"
    sql = text(
        f"""
        SELECT d.id, d.title, o.name AS outlet, d.published,
               snippet(documents_fts, 1, '{MARK}', '{MARK}', '…', :tokens) AS snippet,
               bm25(documents_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS rank
        FROM documents_fts
        JOIN documents d ON d.id = documents_fts.rowid
        LEFT JOIN outlets o ON o.id = d.outlet_id
        WHERE {' AND '.join(conditions)}
        ORDER BY rank, d.id
        LIMIT :limit
        """
    )
    try:
        rows = connection.execute(sql, params).all()
    except OperationalError as exc:
        raise UsageError(f"search: cannot run query {query!r} ({exc.orig})") from exc
    return [
        SearchHit(id=r.id, title=r.title, outlet=r.outlet, published=r.published,
                  snippet=" ".join(r.snippet.split()), score=-r.rank)
        for r in rows
    ]
