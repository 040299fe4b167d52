"""The board's words. Sources are Indonesian; English comes from display_en.qm.

Painted widgets ask for their text at paint time, so a language switch shows at the next
repaint. Every string is written out in a translate() call for pyside6-lupdate to find;
priorities, ticket statuses and counter states are ui.wording's, as in every program.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.domain.enums import CounterState, TicketStatus
from ui import wording as shared

STATES = {state.value: state for state in CounterState}


def now_calling() -> str:
    return QCoreApplication.translate("Board", "Nomor antrean")


def calling_badge() -> str:
    return QCoreApplication.translate("Board", "Dipanggil")


def recall_badge() -> str:
    return QCoreApplication.translate("Board", "Panggilan ulang")


def priority_badge() -> str:
    return QCoreApplication.translate("Board", "Prioritas")


def please_go_to() -> str:
    return QCoreApplication.translate("Board", "Silakan menuju")


def counter_label() -> str:
    return QCoreApplication.translate("Board", "Loket")


def counter_by_number(number: int) -> str:
    """'Loket 3': what the board shows when a loket's name is too long to show large."""
    return f"{counter_label()} {number}"


def counters_title() -> str:
    return QCoreApplication.translate("Board", "Layanan loket")


def recent_title() -> str:
    return QCoreApplication.translate("Board", "Panggilan sebelumnya")


def no_calls_yet() -> str:
    return QCoreApplication.translate("Board", "Belum ada panggilan")


def waiting_first_call() -> str:
    return QCoreApplication.translate("Board", "Nomor yang dipanggil tampil di sini")


def idle_number() -> str:
    return "—"


def state_name(state: str) -> str:
    """A counter's state as the board state keeps it ("open", "break", "closed"), worded as
    every program words it; anything else reads as closed."""
    return shared.state_name(STATES.get(state, CounterState.CLOSED))


def ticket_status(status: str | None) -> str:
    """The status of a counter's current ticket: serving, else called."""
    shown = TicketStatus.SERVING if status == TicketStatus.SERVING else TicketStatus.CALLED
    return shared.status_name(shown)


def counter_free() -> str:
    return QCoreApplication.translate("Board", "Menunggu panggilan")


def counter_on_break() -> str:
    return QCoreApplication.translate("Board", "Sedang istirahat")


def counter_closed() -> str:
    return QCoreApplication.translate("Board", "Loket tutup")


def offline() -> str:
    return QCoreApplication.translate(
        "Board", "Koneksi ke server antrean terputus. Menyambung kembali…"
    )


def starting() -> str:
    return QCoreApplication.translate("Board", "Menghubungkan ke server antrean…")


def zones_label(zones: str) -> str:
    return QCoreApplication.translate("Board", "Area: %1").replace("%1", zones)


def info_label() -> str:
    return QCoreApplication.translate("Board", "Info")


def queue_board() -> str:
    return QCoreApplication.translate("Board", "Papan antrean")
