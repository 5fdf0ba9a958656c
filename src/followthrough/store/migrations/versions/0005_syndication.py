"""Near-duplicate copies: MinHash signatures, their LSH bands, and which document a copy repeats.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("copy_of", sa.Integer))
    op.create_table(
        "document_signatures",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "signature_bands",
        sa.Column("band", sa.String, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("band", "document_id"),
    )


def downgrade() -> None:
    op.drop_table("signature_bands")
    op.drop_table("document_signatures")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("copy_of")
