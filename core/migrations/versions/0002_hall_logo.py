"""hall logo

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("halls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("logo", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("logo_type", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # Not a copy of the table on SQLite: dropping ``halls`` (every table refers to it) fails
    # with foreign keys on. SQLite 3.35 and newer drop a column in place.
    with op.batch_alter_table("halls", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("logo_type")
        batch_op.drop_column("logo")
