"""Stories keep the centroid of their members' lead embeddings, so placement compares meaning as well as words.

Stories stored before this have none: they are compared by words until a
document with an embedding joins them.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("vector", sa.LargeBinary))
    op.add_column("stories", sa.Column("vector_weight", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("vector_weight")
        batch.drop_column("vector")
