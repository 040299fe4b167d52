"""What every kiosk screen shares: the context (hall, data, language, scale) and a base class."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from core import clock
from core.domain.enums import Priority
from core.domain.hours import Reason
from core.hall import HallService
from core.language import Language, as_language
from core.views import ServiceQueue
from kiosk import theme
from kiosk.config import KioskConfig
from kiosk.hall_data import HallData
from kiosk.printer_monitor import PrinterMonitor
from ui.theme import Scale
from ui.wording import priority_name


class Context(QObject):
    """The state screens read: the hall, its live data, the language, the scale, the lane."""

    priority_changed = Signal()

    def __init__(
        self,
        hall: HallService,
        data: HallData,
        config: KioskConfig,
        monitor: PrinterMonitor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.data = data
        self.config = config
        self.monitor = monitor
        self.lang: Language = as_language(config.language)
        self.metrics = Scale()
        self.priority = Priority.REGULAR

    @property
    def timezone(self) -> str:
        return self.hall.hall.timezone

    @property
    def zone(self) -> str:
        return clock.zone_label(self.timezone)

    def set_priority(self, priority: Priority) -> None:
        if priority != self.priority:
            self.priority = priority
            self.priority_changed.emit()


def ticket_priority_label(priority: Priority) -> str | None:
    """The inverted band printed on a priority ticket."""
    if not priority.is_priority:
        return None
    prefix = QCoreApplication.translate("Wording", "PRIORITAS")
    return f"{prefix} – {priority_name(priority)}"


def wait_text(minutes: int | None) -> str:
    if minutes is None:
        return "–"
    if minutes < 1:
        return QCoreApplication.translate("Wording", "< 1 menit")
    return QCoreApplication.translate("Wording", "± %n menit", None, minutes)


def waiting_text(count: int) -> str:
    return QCoreApplication.translate("Wording", "%n menunggu", None, count)


def reason_text(queue: ServiceQueue | None) -> str:
    """Why a service cannot issue a ticket now, in a few plain words (empty when open)."""
    if queue is None:
        return QCoreApplication.translate("Wording", "Tidak tersedia")
    a = queue.availability
    match a.reason:
        case Reason.OPEN:
            return ""
        case Reason.HOLIDAY:
            return QCoreApplication.translate("Wording", "Libur: %1").replace(
                "%1", a.holiday_name or ""
            )
        case Reason.CLOSED_TODAY:
            return QCoreApplication.translate("Wording", "Tutup hari ini")
        case Reason.NOT_YET_OPEN:
            return QCoreApplication.translate("Wording", "Belum buka · buka pukul %1").replace(
                "%1", a.opens_at or ""
            )
        case Reason.ON_BREAK:
            return QCoreApplication.translate(
                "Wording", "Istirahat · buka kembali pukul %1"
            ).replace("%1", a.opens_at or "")
        case Reason.CUTOFF_PASSED:
            return QCoreApplication.translate(
                "Wording", "Sudah lewat batas waktu pengambilan nomor hari ini"
            )
        case Reason.QUOTA_REACHED:
            return QCoreApplication.translate("Wording", "Kuota hari ini sudah habis")
        case Reason.NO_COUNTER:
            return QCoreApplication.translate("Wording", "Belum ada loket yang melayani")
        case _:
            return QCoreApplication.translate("Wording", "Tidak tersedia")


class Screen(QWidget):
    """A full page of the kiosk below the header."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setProperty("role", "page")

    @property
    def metrics(self) -> Scale:
        return self.ctx.metrics

    def retranslate(self) -> None:
        """Set every fixed text again in the current language."""

    def refresh(self) -> None:
        """The hall data changed: update what the screen shows."""

    def entered(self) -> None:
        """The screen is about to be shown."""

    def rescale(self, m: Scale) -> None:
        for child in self.findChildren(QWidget):
            if not isinstance(child, Screen) and hasattr(child, "rescale"):
                child.rescale(m)
        self.rescale_layout(m)

    def rescale_layout(self, m: Scale) -> None:
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(m.px(theme.MARGIN), m.px(36), m.px(theme.MARGIN), m.px(36))
            layout.setSpacing(m.px(theme.GAP))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)
