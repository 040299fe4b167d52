"""Every row of every table, to see that a refused command changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db.database import Database
from core.db.models import Base


def fingerprint(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, in primary-key order."""
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            return {
                table.name: [
                    tuple(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    )
                ]
                for table in Base.metadata.sorted_tables
            }
    finally:
        db.dispose()
