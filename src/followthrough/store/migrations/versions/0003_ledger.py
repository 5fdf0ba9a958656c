"""The ledger: commitments, their sources, targets, evidence candidates and evidence.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("actor_person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="SET NULL")),
        sa.Column("actor_role", sa.String),
        sa.Column("actor_org", sa.String),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("made_on", sa.String),
        sa.Column("deadline_text", sa.String),
        sa.Column("deadline_start", sa.String),
        sa.Column("deadline_end", sa.String),
        sa.Column("deadline_precision", sa.String),
        sa.Column("deadline_document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="SET NULL")),
        sa.Column("deadline_span_start", sa.Integer),
        sa.Column("deadline_span_end", sa.Integer),
    )
    op.create_table(
        "commitment_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("commitment_id", sa.Integer, sa.ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("action_start", sa.Integer, nullable=False),
        sa.Column("action_end", sa.Integer, nullable=False),
        sa.Column("said_on", sa.String),
    )
    op.create_index("ix_commitment_sources_commitment", "commitment_sources", ["commitment_id"])
    op.create_index("ix_commitment_sources_document", "commitment_sources", ["document_id"])
    op.create_table(
        "commitment_keywords",
        sa.Column("commitment_id", sa.Integer, sa.ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("keyword", sa.String, nullable=False),
        sa.PrimaryKeyConstraint("commitment_id", "keyword"),
    )
    op.create_index("ix_commitment_keywords_keyword", "commitment_keywords", ["keyword"])
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("commitment_id", sa.Integer, sa.ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String),
        sa.Column("what", sa.String),
        sa.Column("qualifier", sa.String),
    )
    op.create_index("ix_targets_commitment", "targets", ["commitment_id"])
    op.create_table(
        "evidence_candidates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("stance", sa.String, nullable=False),
        sa.Column("cue", sa.String),
        sa.Column("said_on", sa.String),
    )
    op.create_index("ix_evidence_candidates_document", "evidence_candidates", ["document_id"])
    op.create_table(
        "candidate_keywords",
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("evidence_candidates.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("keyword", sa.String, nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", "keyword"),
    )
    op.create_index("ix_candidate_keywords_keyword", "candidate_keywords", ["keyword"])
    op.create_table(
        "evidence",
        sa.Column("commitment_id", sa.Integer, sa.ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("evidence_candidates.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("commitment_id", "candidate_id"),
    )
    op.create_index("ix_evidence_candidate", "evidence", ["candidate_id"])


def downgrade() -> None:
    for table in ("evidence", "candidate_keywords", "evidence_candidates", "targets", "commitment_keywords",
                  "commitment_sources", "commitments"):
        op.drop_table(table)
