"""The story index's postings: candidate stories are found by term instead of loading every active story.

Revision ID: 0008
Revises: 0007
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postings = op.create_table(
        "story_postings",
        sa.Column("term", sa.String, nullable=False),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("term", "story_id"),
    )
    op.create_index("ix_story_postings_story", "story_postings", ["story_id"])
    connection = op.get_bind()
    rows = [{"term": term, "story_id": story_id}
            for story_id, centroid in connection.execute(sa.text("SELECT id, centroid FROM stories"))
            for term in json.loads(centroid)]
    if rows:
        op.bulk_insert(postings, rows)


def downgrade() -> None:
    op.drop_index("ix_story_postings_story", "story_postings")
    op.drop_table("story_postings")
