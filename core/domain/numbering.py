"""Ticket numbers and business days."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

PREFIX_PATTERN = re.compile(r"^[A-Z]{1,2}$")


def format_number(prefix: str, seq: int) -> str:
    """A001 … A999, then A1000: at least three digits, never truncated."""
    return f"{prefix}{seq:03d}"


def split_number(number: str) -> tuple[str, int]:
    match = re.fullmatch(r"([A-Z]{1,2})(\d+)", number.strip().upper())
    if not match:
        raise ValueError(f"{number!r} is not a ticket number such as A012")
    return match.group(1), int(match.group(2))


def business_date(instant: datetime, tz_name: str) -> date:
    """The hall-local calendar day an instant belongs to."""
    return instant.astimezone(ZoneInfo(tz_name)).date()
