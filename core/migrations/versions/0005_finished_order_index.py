"""finished tickets of a service and day in finish order: the wait estimate's last few

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DONE = sa.text("status = 'done'")


def upgrade() -> None:
    op.create_index(
        "ix_tickets_finished",
        "tickets",
        ["service_id", "business_date", "finished_at", "id"],
        sqlite_where=DONE,
        postgresql_where=DONE,
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_finished", table_name="tickets")
