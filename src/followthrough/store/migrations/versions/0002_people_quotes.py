"""People registry, mentions, affiliations read from text, and quotes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("analysed_version", sa.Integer))
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("name_key", sa.String, nullable=False),
        sa.Column("first", sa.String),
        sa.Column("surname", sa.String),
        sa.Column("gender", sa.String),
        sa.Column("party", sa.String),
        sa.Column("constituency", sa.String),
        sa.Column("member_id", sa.String, unique=True),
    )
    op.create_index("ix_persons_name_key", "persons", ["name_key"])
    op.create_index("ix_persons_surname", "persons", ["surname"])
    op.create_table(
        "person_aliases",
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.String, nullable=False),
        sa.Column("alias_key", sa.String, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "alias_key"),
    )
    op.create_index("ix_person_aliases_alias_key", "person_aliases", ["alias_key"])
    op.create_table(
        "affiliations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE")),
        sa.Column("role", sa.String),
        sa.Column("role_key", sa.String),
        sa.Column("party", sa.String),
        sa.Column("constituency", sa.String),
        sa.Column("seen_on", sa.String),
        sa.Column("source", sa.String, nullable=False),  # "text" or "members list"
    )
    op.create_index("ix_affiliations_person", "affiliations", ["person_id"])
    op.create_index("ix_affiliations_role_key", "affiliations", ["role_key"])
    op.create_index("ix_affiliations_document", "affiliations", ["document_id"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="SET NULL")),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
    )
    op.create_index("ix_mentions_document", "mentions", ["document_id"])
    op.create_index("ix_mentions_person", "mentions", ["person_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="SET NULL")),
        sa.Column("speaker_text", sa.String),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("role", sa.String),
        sa.Column("cue", sa.String),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_quotes_document", "quotes", ["document_id"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker_id"])


def downgrade() -> None:
    for table in ("quotes", "mentions", "affiliations", "person_aliases", "persons"):
        op.drop_table(table)
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("analysed_version")
