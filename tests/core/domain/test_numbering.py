from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.domain.numbering import business_date, format_number, split_number


@pytest.mark.parametrize(
    ("prefix", "seq", "number"),
    [("A", 1, "A001"), ("A", 42, "A042"), ("AB", 999, "AB999"), ("B", 1000, "B1000")],
)
def test_format_and_split(prefix: str, seq: int, number: str) -> None:
    assert format_number(prefix, seq) == number
    assert split_number(number) == (prefix, seq)


def test_split_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="not a ticket number"):
        split_number("12A")


@pytest.mark.parametrize(
    ("utc", "zone", "day"),
    [
        # 23:59:59 and 00:00:01 WIB are different business days
        ("2026-11-23T16:59:59", "Asia/Jakarta", date(2026, 11, 23)),
        ("2026-11-23T17:00:01", "Asia/Jakarta", date(2026, 11, 24)),
        # WITA is UTC+8, WIT is UTC+9
        ("2026-11-23T15:59:59", "Asia/Makassar", date(2026, 11, 23)),
        ("2026-11-23T16:00:00", "Asia/Makassar", date(2026, 11, 24)),
        ("2026-11-23T14:59:59", "Asia/Jayapura", date(2026, 11, 23)),
        ("2026-11-23T15:00:00", "Asia/Jayapura", date(2026, 11, 24)),
    ],
)
def test_business_date_follows_the_hall_zone(utc: str, zone: str, day: date) -> None:
    assert business_date(datetime.fromisoformat(utc).replace(tzinfo=UTC), zone) == day
