"""today's tickets of a hall and of a counter: two indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:55:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_hall_day", "tickets", ["hall_id", "business_date"])
    op.create_index("ix_tickets_counter_day", "tickets", ["counter_id", "business_date"])


def downgrade() -> None:
    op.drop_index("ix_tickets_counter_day", table_name="tickets")
    op.drop_index("ix_tickets_hall_day", table_name="tickets")
