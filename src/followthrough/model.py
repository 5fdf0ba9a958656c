"""The objects of DESIGN.md as typed dataclasses.

Stages pass these between each other; the store turns them into rows. A finding
never copies text it can point at: it keeps ``(document_id, start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import Moment


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document's words came from: a file, stdin or a URL, and which part of it.

    ``part`` numbers the documents one input held (articles of a digest, lines of
    a JSON Lines file); ``start``/``end`` locate the document in the decoded input
    when it is a slice of it.
    """

    source: str
    part: int = 0
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article, statement or report as extracted, before it is stored."""

    text: str
    origin: Origin
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: Moment | None = None
    # The words the publication time was read from, when they were relative
    # ("23 minutes ago"); kept so the time can be re-resolved later.
    published_text: str | None = None
    # The enclosing page when this document was split out of a digest.
    digest_of: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document as a listing shows it, without its text."""

    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    chars: int
    copy_of: int | None = None  # the document this one is a near-duplicate copy of


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as the store holds it, with its id and every origin."""

    id: int
    title: str | None
    text: str
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    published_precision: str | None
    content_hash: str
    origins: tuple[Origin, ...] = field(default_factory=tuple)
    copy_of: int | None = None

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked search result; ``snippet`` marks matched terms with ``**``."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role a person was seen in, and the first and last dates it was read."""

    title: str
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """A canonical person in the registry."""

    id: int
    name: str
    aliases: tuple[str, ...]
    party: str | None
    constituency: str | None
    member_id: str | None
    roles: tuple[RoleSpan, ...]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: a registry person, or an unnamed source (``id`` None)."""

    id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A quote as stored: its document, span, kind, cue and speaker."""

    id: int
    document_id: int
    speaker: Speaker | None
    text: str
    start: int
    end: int
    kind: str
    cue: str | None


@dataclass(frozen=True, slots=True)
class Span:
    """Where something was read: a document and a character range in its text."""

    document_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TargetEntry:
    value: float
    unit: str | None
    what: str | None


@dataclass(frozen=True, slots=True)
class DeadlineEntry:
    text: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    document_id: int
    start: int
    end: int
    stance: str
    date: str | None


@dataclass(frozen=True, slots=True)
class Actor:
    person: Speaker | None
    organisation: str | None


@dataclass(frozen=True, slots=True)
class CommitmentEntry:
    """One ledger entry: what was promised, by whom, by when, and where it stands as of a date."""

    id: int
    actor: Actor
    action: str
    text: str
    kind: str
    confidence: float
    made_on: str | None
    deadline: DeadlineEntry | None
    targets: tuple[TargetEntry, ...]
    status: str
    status_reason: str
    sources: tuple[Span, ...]
    evidence: tuple[EvidenceEntry, ...]


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as ``stories`` lists it: its documents, outlets and key people."""

    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    documents: tuple[int, ...]
    outlets: tuple[str, ...]  # in order of first coverage
    people: tuple[str, ...]  # most widely mentioned first
    thread: int  # the first story of the thread of related stories this one belongs to


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """One sentence of a story brief, with where it was read."""

    document_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """How one outlet covered a story: when, how much, and what it stressed more than the others."""

    outlet: str
    documents: tuple[int, ...]
    first_published: str | None
    terms: tuple[str, ...]
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RelatedStory:
    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    similarity: float


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """Everything ``story ID`` shows."""

    summary: StorySummary
    brief: tuple[BriefSentence, ...]
    timeline: tuple[tuple[str, tuple[int, ...]], ...]  # (day, documents published that day), undated last as ""
    coverage: tuple[OutletCoverage, ...]
    first: str | None  # the outlet that had it first; None when the earliest times tie or are unknown
    related: tuple[RelatedStory, ...]


@dataclass(frozen=True, slots=True)
class RelatedDocument:
    """An article related to another: in the same story, or in a related story."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    story_id: int
    same_story: bool


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    """One step in a commitment's history: made, restated, revised, or a piece of evidence."""

    day: str | None  # when it happened (None: an undated page)
    kind: str  # made, restated, revised, evidence
    document_id: int
    start: int
    end: int
    words: str
    detail: str  # the deadline it gave, the stance, why it joined
    status: str  # the commitment's status after this step


@dataclass(frozen=True, slots=True)
class CommitmentHistory:
    """What ``commitment ID`` shows: the entry as of a date, and its timeline."""

    entry: CommitmentEntry
    events: tuple[LedgerEvent, ...]
