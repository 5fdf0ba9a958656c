"""The ledger's history and meaning: why each source joined a commitment and what it said of the
deadline; stances per evidence link with their reason; sentence embeddings for sources, evidence
candidates and document leads; conditional deadlines and the precision of dates.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_ADDED = {
    "commitment_sources": [
        sa.Column("reported_on", sa.String),  # the document's date; said_on is when the words were said
        sa.Column("role", sa.String),  # made, restated, revised
        sa.Column("reason", sa.Text),  # why it joined this commitment
        sa.Column("similarity", sa.Float),
        sa.Column("deadline_text", sa.String),
        sa.Column("deadline_end", sa.String),
        sa.Column("deadline_condition", sa.String),
        sa.Column("vector", sa.LargeBinary),
    ],
    "commitments": [
        sa.Column("made_on_precision", sa.String),
        sa.Column("deadline_condition", sa.String),
        sa.Column("probability", sa.Float),
    ],
    "evidence": [
        sa.Column("stance", sa.String),  # this passage's stance towards this commitment
        sa.Column("reason", sa.Text),
    ],
    "evidence_candidates": [sa.Column("vector", sa.LargeBinary)],
    "documents": [sa.Column("lead_vector", sa.LargeBinary), sa.Column("vector_model", sa.String)],
}


def upgrade() -> None:
    for table, columns in _ADDED.items():
        for column in columns:
            op.add_column(table, column)


def downgrade() -> None:
    for table, columns in _ADDED.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column.name)
