"""The tables, as SQLAlchemy Core metadata: what the code queries.

Migrations in ``migrations/versions`` create and change them; a change here
needs a new migration there.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("name_key", String, nullable=False, unique=True),  # casefolded name
    Column("domain", String),
    Column("kind", String),  # news, government, parliament, inquiry
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    # "url:<canonical url>" for an http(s) URL, "source:<path>#<part>[:<title>]" for a file,
    # else "sha256:<content hash>".
    Column("identity", String, nullable=False, unique=True),
    Column("url", String),
    Column("title", Text),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    Column("author", String),
    Column("published", String),  # ISO 8601 cut to its precision
    Column("published_precision", String),
    Column("published_text", String),  # the relative words it came from, if any
    Column("text", Text, nullable=False),
    Column("chars", Integer, nullable=False),
    Column("content_hash", String, nullable=False),
    Column("digest_of", String),
    Column("added_at", String, nullable=False),
    Column("analysed_version", Integer),  # the analysis that produced its findings
    Column("copy_of", Integer),  # the document this one is a near-duplicate copy of
    Column("failed_version", Integer),  # the analysis that failed on it, not retried unless asked
    Column("analysis_error", Text),  # why it failed
    Column("lead_vector", LargeBinary),  # the embedding of its title and lead (float32)
    Column("vector_model", String),  # the model that made its vectors
    Index("ix_documents_content_hash", "content_hash"),
    Index("ix_documents_published", "published"),
)

# A document's earlier texts: when the input at its URL or path changed, the new text
# replaced the old (whose findings were dropped); the old stays here, unsearchable.
document_revisions = Table(
    "document_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String, nullable=False),
    Column("replaced_at", String, nullable=False),
    Index("ix_document_revisions_document", "document_id"),
)

origins = Table(
    "origins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("source", String, nullable=False),
    Column("part", Integer, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("added_at", String, nullable=False),
    UniqueConstraint("document_id", "source", "part", name="uq_origins_document_source_part"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("name_key", String, nullable=False),
    Column("first", String),
    Column("surname", String),
    Column("gender", String),
    Column("party", String),
    Column("constituency", String),
    Column("member_id", String, unique=True),
)

person_aliases = Table(
    "person_aliases",
    metadata,
    Column("person_id", Integer, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
    Column("alias", String, nullable=False),
    Column("alias_key", String, nullable=False),
    PrimaryKeyConstraint("person_id", "alias_key"),
)

# What a document said of a person (role, party, seat) and when; or what a
# members list said. Roles over time are computed from these.
affiliations = Table(
    "affiliations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column("role", String),
    Column("role_key", String),
    Column("party", String),
    Column("constituency", String),
    Column("seen_on", String),
    Column("source", String, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("persons.id", ondelete="SET NULL")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String, nullable=False),
    Column("kind", String, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", Integer, ForeignKey("persons.id", ondelete="SET NULL")),
    Column("speaker_text", String),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("role", String),
    Column("cue", String),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("kind", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

commitments = Table(
    "commitments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_person_id", Integer, ForeignKey("persons.id", ondelete="SET NULL")),
    Column("actor_role", String),
    Column("actor_org", String),
    Column("action", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("made_on", String),
    Column("deadline_text", String),
    Column("deadline_start", String),
    Column("deadline_end", String),
    Column("deadline_precision", String),
    Column("deadline_document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Column("deadline_span_start", Integer),
    Column("deadline_span_end", Integer),
    Column("made_on_precision", String),  # day, month or year
    Column("deadline_condition", String),  # "a Labour government takes office": due once that is dated
    Column("probability", Float),  # the commitment model's, for the surest source
)

commitment_sources = Table(
    "commitment_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("action_start", Integer, nullable=False),
    Column("action_end", Integer, nullable=False),
    Column("said_on", String),  # when the words were said (the report's own time words), else reported_on
    Column("reported_on", String),  # the document's date
    Column("role", String),  # made, restated, revised
    Column("reason", Text),  # why it joined this commitment
    Column("similarity", Float),
    Column("deadline_text", String),  # the deadline this source gave, if any
    Column("deadline_end", String),
    Column("deadline_condition", String),
    Column("vector", LargeBinary),  # the sentence's embedding (float32)
)

commitment_keywords = Table(
    "commitment_keywords",
    metadata,
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
    Column("keyword", String, nullable=False),
    PrimaryKeyConstraint("commitment_id", "keyword"),
)

targets = Table(
    "targets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String),
    Column("what", String),
    Column("qualifier", String),
)

# Sentences that report an outcome; evidence links the ones that bear on a commitment.
evidence_candidates = Table(
    "evidence_candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("stance", String, nullable=False),
    Column("cue", String),
    Column("said_on", String),
    Column("vector", LargeBinary),
)

candidate_keywords = Table(
    "candidate_keywords",
    metadata,
    Column("candidate_id", Integer, ForeignKey("evidence_candidates.id", ondelete="CASCADE"), nullable=False),
    Column("keyword", String, nullable=False),
    PrimaryKeyConstraint("candidate_id", "keyword"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
    Column("candidate_id", Integer, ForeignKey("evidence_candidates.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Column("stance", String),  # the passage's stance towards this commitment
    Column("reason", Text),
    PrimaryKeyConstraint("commitment_id", "candidate_id"),
)

recommendations = Table(
    "recommendations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("addressee", String),
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="SET NULL")),
    Column("accepted_by", Integer, ForeignKey("commitments.id", ondelete="SET NULL")),
)

document_signatures = Table(
    "document_signatures",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

signature_bands = Table(
    "signature_bands",
    metadata,
    Column("band", String, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("band", "document_id"),
)

# Stories: documents about one event. ``centroid`` is the story's term weights as JSON.
stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text),
    Column("first_seen", String),
    Column("last_seen", String),
    Column("size", Integer, nullable=False),
    Column("centroid", Text, nullable=False),
    Column("thread_id", Integer, nullable=False),
    Column("vector", LargeBinary),  # the normalised mean of its members' lead embeddings (float32)
    Column("vector_weight", Float),  # the length of their sum: how far the next member moves the mean
    Index("ix_stories_last_seen", "last_seen"),
    Index("ix_stories_thread", "thread_id"),
)

story_documents = Table(
    "story_documents",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("similarity", Float, nullable=False),
    Index("ix_story_documents_story", "story_id"),
)

story_links = Table(
    "story_links",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("related_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("similarity", Float, nullable=False),
    PrimaryKeyConstraint("story_id", "related_id"),
)

# How many clustered documents each term appears in: the story index's document frequencies.
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String, primary_key=True),
    Column("df", Integer, nullable=False),
)

# Organisations and places named in a document, as the analysis found them.
entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("label", String, nullable=False),
    Column("text", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_entities_document", "document_id"),
)

# The story index's inverted index: which stories' centroids hold each term.
story_postings = Table(
    "story_postings",
    metadata,
    Column("term", String, nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("last_seen", String),  # the story's, so a lookup scans only stories seen recently enough
    PrimaryKeyConstraint("term", "story_id"),
    Index("ix_story_postings_story", "story_id"),
    Index("ix_story_postings_term_seen", "term", "last_seen"),
)
