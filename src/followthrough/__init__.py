"""followthrough: who promised what, and did it happen?

The public Python API::

    from followthrough import Store, ingest
    with Store.open("news.db") as store:
        report = ingest(store, ["articles/"], published=parse_moment("2025-06-16"))
        for hit in store.search("cold cases"):
            print(hit.title, hit.snippet)
"""

from .config import Settings
from .dates import Moment, parse_moment
from .errors import FollowthroughError, InputError, NotFoundError, UsageError
from .extract import Extraction, extract
from .model import Document, DocumentSummary, Origin, SearchHit, StoredDocument
from .pipeline import IngestReport, InputOutcome, ingest
from .store import Store

__all__ = [
    "Document",
    "DocumentSummary",
    "Extraction",
    "FollowthroughError",
    "IngestReport",
    "InputError",
    "InputOutcome",
    "Moment",
    "NotFoundError",
    "Origin",
    "SearchHit",
    "Settings",
    "Store",
    "StoredDocument",
    "UsageError",
    "extract",
    "ingest",
    "parse_moment",
]
