"""counter short name

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counters", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("short_name", sa.String(length=24), nullable=False, server_default="")
        )


def downgrade() -> None:
    # In place on SQLite (3.35+): recreating ``counters`` fails while tickets refer to it.
    with op.batch_alter_table("counters", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("short_name")
