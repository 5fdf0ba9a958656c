"""The story index's postings: candidate stories are found by term, among those seen recently enough.

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
        sa.Column("last_seen", sa.String),
        sa.PrimaryKeyConstraint("term", "story_id"),
    )
    op.create_index("ix_story_postings_story", "story_postings", ["story_id"])
    op.create_index("ix_story_postings_term_seen", "story_postings", ["term", "last_seen"])
    connection = op.get_bind()
    rows = [{"term": term, "story_id": story_id, "last_seen": last_seen}
            for story_id, centroid, last_seen in connection.execute(
                sa.text("SELECT id, centroid, last_seen FROM stories"))
            for term in json.loads(centroid)]
    if rows:
        op.bulk_insert(postings, rows)


def downgrade() -> None:
    op.drop_index("ix_story_postings_term_seen", "story_postings")
    op.drop_index("ix_story_postings_story", "story_postings")
    op.drop_table("story_postings")
