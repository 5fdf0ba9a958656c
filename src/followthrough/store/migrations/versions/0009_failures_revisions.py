"""Analysis failures kept with their reason, and earlier texts of documents whose text changed.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("failed_version", sa.Integer))
    op.add_column("documents", sa.Column("analysis_error", sa.Text))
    op.create_table(
        "document_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String, nullable=False),
        sa.Column("replaced_at", sa.String, nullable=False),
    )
    op.create_index("ix_document_revisions_document", "document_revisions", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_document_revisions_document", "document_revisions")
    op.drop_table("document_revisions")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("analysis_error")
        batch.drop_column("failed_version")
