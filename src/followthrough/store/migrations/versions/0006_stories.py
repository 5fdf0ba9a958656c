"""Stories: which story each document belongs to, the stories' centroids, links and term frequencies.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_seen", sa.String),
        sa.Column("last_seen", sa.String),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("centroid", sa.Text, nullable=False),
        sa.Column("thread_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_index("ix_stories_thread", "stories", ["thread_id"])
    op.create_table(
        "story_documents",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_index("ix_story_documents_story", "story_documents", ["story_id"])
    op.create_table(
        "story_links",
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("related_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "related_id"),
    )
    op.create_table(
        "story_terms",
        sa.Column("term", sa.String, primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_terms")
    op.drop_table("story_links")
    op.drop_index("ix_story_documents_story", "story_documents")
    op.drop_table("story_documents")
    op.drop_index("ix_stories_thread", "stories")
    op.drop_index("ix_stories_last_seen", "stories")
    op.drop_table("stories")
