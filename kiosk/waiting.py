"""The page a kiosk shows while it starts without its database (missing file, server down).

The same calm words as the out-of-service screen, in the kiosk's language, and the same
technician's line when core knows why (a SQLite file not at its path). It has no hall yet:
it is a window of its own, closed when the kiosk window opens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.errors import DatabaseMissing, DatabaseUnavailable
from kiosk import theme
from kiosk.screens.notice import TONES, ReasonLine, show_unavailable
from kiosk.widgets import CircleIcon, Spinner, label
from ui.theme import Scale


class WaitingWindow(QWidget):
    """Layanan sementara tidak tersedia, until the database can be opened."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.lang = lang
        self.error: DatabaseMissing | None = None
        self.icon = CircleIcon(*TONES["offline"], 170)
        self.title = label("", "title")
        self.message = label("", "body")
        self.detail = label("", "subtitle")
        self.reason = ReasonLine()
        self.spinner = Spinner(84)
        self.column = QVBoxLayout(self)
        self.column.addStretch(2)
        self.column.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addSpacing(24)
        for widget in (self.title, self.message, self.detail, self.reason):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.column.addWidget(widget)
        self.column.addSpacing(24)
        self.column.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addStretch(3)
        self._rescale(theme.scale_for(1920, 1080))
        self.retranslate()

    def show_error(self, error: DatabaseUnavailable) -> None:
        """Why the database is out of reach; a server that is down keeps the generic text."""
        self.error = error if isinstance(error, DatabaseMissing) else None
        self.retranslate()

    def retranslate(self) -> None:
        show_unavailable(self, self.error.brief(self.lang) if self.error is not None else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._rescale(theme.scale_for(self.width(), self.height()))
        super().resizeEvent(event)

    def _rescale(self, m: Scale) -> None:
        self.setStyleSheet(theme.style_sheet(m))
        for child in (self.icon, self.spinner):
            child.rescale(m)
        side = m.px(160) if not m.portrait else m.px(theme.MARGIN)
        self.column.setContentsMargins(side, m.px(36), side, m.px(36))
        self.message.setStyleSheet(f"font-size: {m.px(34)}px; color: {theme.TEXT};")
        self.reason.setContentsMargins(0, m.px(18), 0, 0)
