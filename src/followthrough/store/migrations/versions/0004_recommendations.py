"""Numbered recommendations of reports, each also a ledger entry, and who accepted them.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("addressee", sa.String),
        sa.Column("commitment_id", sa.Integer, sa.ForeignKey("commitments.id", ondelete="SET NULL")),
        sa.Column("accepted_by", sa.Integer, sa.ForeignKey("commitments.id", ondelete="SET NULL")),
    )
    op.create_index("ix_recommendations_document", "recommendations", ["document_id"])


def downgrade() -> None:
    op.drop_table("recommendations")
