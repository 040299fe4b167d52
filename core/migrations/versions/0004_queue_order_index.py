"""waiting tickets in call order: one index per service and day replaces ix_tickets_waiting

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 02:35:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

WAITING = sa.text("status = 'waiting'")


def upgrade() -> None:
    op.drop_index("ix_tickets_waiting", table_name="tickets")
    op.create_index(
        "ix_tickets_queue",
        "tickets",
        [
            "service_id",
            "business_date",
            sa.text("(CASE WHEN priority = 'regular' THEN 1 ELSE 0 END)"),
            "queue_pos",
            "id",
        ],
        sqlite_where=WAITING,
        postgresql_where=WAITING,
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_queue", table_name="tickets")
    op.create_index(
        "ix_tickets_waiting",
        "tickets",
        ["service_id", "queue_pos"],
        sqlite_where=WAITING,
        postgresql_where=WAITING,
    )
