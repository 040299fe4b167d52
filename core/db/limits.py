"""What a column can hold, read from the models themselves, so input is checked against the
schema before it reaches the database.

Both engines are held to the stricter one: PostgreSQL refuses a VARCHAR(200) value of 201
characters and an INTEGER beyond 2³¹−1, where SQLite would store the first and overflow
only past 2⁶³−1. A value that passes here is stored the same way on both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, Integer, SmallInteger, String

SMALLINT_RANGE = (-(2**15), 2**15 - 1)
INTEGER_RANGE = (-(2**31), 2**31 - 1)
BIGINT_RANGE = (-(2**63), 2**63 - 1)


def column(model: type, name: str) -> Column[Any] | None:
    """The column ``name`` of a model class, or None when it has no such column."""
    table = getattr(model, "__table__", None)
    return None if table is None else table.columns.get(name)


def max_length(target: Any) -> int | None:
    """The most characters a String column (or model attribute) holds; None: no limit."""
    kind = _type(target)
    return kind.length if isinstance(kind, String) else None


def integer_range(target: Any) -> tuple[int, int] | None:
    """The whole numbers an integer column (or model attribute) holds on both engines."""
    kind = _type(target)
    if isinstance(kind, BigInteger):  # before Integer: BigInteger is an Integer
        return BIGINT_RANGE
    if isinstance(kind, SmallInteger):
        return SMALLINT_RANGE
    if isinstance(kind, Integer):
        return INTEGER_RANGE
    return None


def _type(target: Any) -> Any:
    return getattr(target, "type", None)
