"""Dates and times as people in the hall read them, in Indonesian or English."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.clock import zone_label
from core.language import as_language

DAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def local(instant: datetime, tz_name: str) -> datetime:
    return instant.astimezone(ZoneInfo(tz_name))


def long_date(instant: datetime, tz_name: str, lang: str = "id") -> str:
    """ "Senin, 23 November 2026" in the hall's time zone."""
    return written_date(local(instant, tz_name), lang)


def written_date(day: date | datetime, lang: str = "id") -> str:
    """ "Senin, 23 November 2026" for a date already in hall time; no OS locale needed."""
    lang = as_language(lang)
    return f"{DAYS[lang][day.weekday()]}, {day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def clock_time(instant: datetime, tz_name: str, seconds: bool = False) -> str:
    """ "09:30 WIB" (or WITA, WIT) in the hall's time zone."""
    moment = local(instant, tz_name)
    shown = moment.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{shown} {zone_label(tz_name, instant)}"


def date_and_time(instant: datetime, tz_name: str, lang: str = "id") -> str:
    return f"{long_date(instant, tz_name, lang)} {clock_time(instant, tz_name)}"
