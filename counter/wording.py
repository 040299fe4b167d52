"""How the workstation words things: durations, priorities, ticket statuses, counter states.

Source texts are Bahasa Indonesia; English comes from assets/translations/counter_en.ts.
Rule refusals are not worded here: they come from core (``error.message(lang)``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.domain.enums import CounterState, Priority, TicketStatus

CONTEXT = "Wording"
# str(): PySide6 types QT_TRANSLATE_NOOP as returning object; lupdate still finds the texts.

PRIORITY_NAMES = {
    Priority.LANSIA: str(QT_TRANSLATE_NOOP("Wording", "Lansia")),
    Priority.DISABILITAS: str(QT_TRANSLATE_NOOP("Wording", "Disabilitas")),
    Priority.IBU_HAMIL: str(QT_TRANSLATE_NOOP("Wording", "Ibu hamil / anak")),
}
STATUS_NAMES = {
    TicketStatus.CALLED: str(QT_TRANSLATE_NOOP("Wording", "Dipanggil")),
    TicketStatus.SERVING: str(QT_TRANSLATE_NOOP("Wording", "Sedang dilayani")),
    TicketStatus.WAITING: str(QT_TRANSLATE_NOOP("Wording", "Menunggu")),
    TicketStatus.PARKED: str(QT_TRANSLATE_NOOP("Wording", "Ditunda")),
}
STATE_NAMES = {
    CounterState.OPEN: str(QT_TRANSLATE_NOOP("Wording", "Buka")),
    CounterState.BREAK: str(QT_TRANSLATE_NOOP("Wording", "Istirahat")),
    CounterState.CLOSED: str(QT_TRANSLATE_NOOP("Wording", "Tutup")),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Wording", text)


def priority_name(priority: Priority) -> str:
    return tr(PRIORITY_NAMES.get(priority, "")) if priority.is_priority else ""


def status_name(status: TicketStatus) -> str:
    name = STATUS_NAMES.get(status)
    return tr(name) if name else status.value


def state_name(state: CounterState) -> str:
    return tr(STATE_NAMES[state])


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
