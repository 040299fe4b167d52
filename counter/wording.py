"""How the workstation words durations and waits.

Source texts are Bahasa Indonesia; English comes from assets/translations/counter_en.ts.
Priorities, ticket statuses and counter states are worded in ui.wording, as in every
program; rule refusals come from core (``error.message(lang)``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication


def seconds_between(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return max(0, int((end - start).total_seconds()))


def stopwatch(seconds: int | None) -> str:
    """12:05 or 1:02:05, for counters that tick every second; "–" when not started."""
    if seconds is None:
        return "–"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def minutes_text(seconds: int | float | None) -> str:
    """A wait in whole minutes: "< 1 mnt", "23 mnt", "1 j 05 mnt"."""
    if seconds is None:
        return "–"
    minutes = int(seconds // 60)
    if minutes < 1:
        return QCoreApplication.translate("Wording", "< 1 mnt")
    if minutes < 60:
        return QCoreApplication.translate("Wording", "%1 mnt").replace("%1", str(minutes))
    return (
        QCoreApplication.translate("Wording", "%1 j %2 mnt")
        .replace("%1", str(minutes // 60))
        .replace("%2", f"{minutes % 60:02d}")
    )


def duration_text(seconds: float | None) -> str:
    """A mean service time: "7 mnt 30 dtk", "45 dtk"."""
    if seconds is None:
        return "–"
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes == 0:
        return QCoreApplication.translate("Wording", "%1 dtk").replace("%1", str(secs))
    return (
        QCoreApplication.translate("Wording", "%1 mnt %2 dtk")
        .replace("%1", str(minutes))
        .replace("%2", f"{secs:02d}")
    )
