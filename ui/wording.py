"""How every program names the queue's enums to people: priorities, ticket statuses, states.

One wording each, so the kiosk, the counter and the board never name the same thing two
ways. Source texts are Bahasa Indonesia; English comes from assets/translations/ui_en.ts,
all in the one translation context ``CONTEXT``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.domain.enums import CounterState, Priority, TicketStatus

CONTEXT = "SharedWording"
# str(): PySide6 types QT_TRANSLATE_NOOP as returning object; lupdate still finds the texts,
# which it reads only from a literal context name.

PRIORITY_NAMES = {
    Priority.LANSIA: str(QT_TRANSLATE_NOOP("SharedWording", "Lansia")),
    Priority.DISABILITAS: str(QT_TRANSLATE_NOOP("SharedWording", "Penyandang disabilitas")),
    Priority.IBU_HAMIL: str(QT_TRANSLATE_NOOP("SharedWording", "Ibu hamil / membawa anak")),
}
STATUS_NAMES = {
    TicketStatus.CALLED: str(QT_TRANSLATE_NOOP("SharedWording", "Dipanggil")),
    TicketStatus.SERVING: str(QT_TRANSLATE_NOOP("SharedWording", "Sedang dilayani")),
    TicketStatus.WAITING: str(QT_TRANSLATE_NOOP("SharedWording", "Menunggu")),
    TicketStatus.PARKED: str(QT_TRANSLATE_NOOP("SharedWording", "Ditunda")),
}
STATE_NAMES = {
    CounterState.OPEN: str(QT_TRANSLATE_NOOP("SharedWording", "Buka")),
    CounterState.BREAK: str(QT_TRANSLATE_NOOP("SharedWording", "Istirahat")),
    CounterState.CLOSED: str(QT_TRANSLATE_NOOP("SharedWording", "Tutup")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def priority_name(priority: Priority) -> str:
    """The priority group in the current language; "" for the regular lane."""
    name = PRIORITY_NAMES.get(priority)
    return _tr(name) if name else ""


def status_name(status: TicketStatus) -> str:
    """A ticket's status as a person at the counter or the board sees it (its code when the
    front ends never show it)."""
    name = STATUS_NAMES.get(status)
    return _tr(name) if name else status.value


def state_name(state: CounterState) -> str:
    return _tr(STATE_NAMES[state])
