"""The mini bar: the current number and the main buttons, always on top of other programs."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from core.views import TicketView
from counter import theme
from counter.widgets import ActionButton, label
from ui.theme import set_property
from ui.wording import status_name

MINI_ACTIONS = ("call_next", "recall", "finish", "no_show")


class MiniBar(QWidget):
    """A small frameless bar; drag it anywhere by its grip or its number."""

    expand_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("miniBar")
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        theme.apply(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 10, 8)
        row.setSpacing(8)
        self.grip = label("⋮⋮", "grip")
        self.grip.setCursor(Qt.CursorShape.SizeAllCursor)
        row.addWidget(self.grip)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.counter = label("", "subtle")
        self.counter.setFont(theme.font(8.5, QFont.Weight.Bold))
        self.number = label("—", "miniNumber")
        self.number.setFont(theme.font(24, QFont.Weight.ExtraBold, number=True))
        self.number.setMinimumWidth(104)
        self.status = label("", "subtle")
        self.status.setFont(theme.font(8.5, QFont.Weight.DemiBold))
        texts.addWidget(self.counter)
        texts.addWidget(self.number)
        texts.addWidget(self.status)
        row.addLayout(texts)
        self.buttons: dict[str, ActionButton] = {}
        for key, role in zip(MINI_ACTIONS, ("primary", "", "success", "danger"), strict=True):
            button = ActionButton(key, role)
            button.setMinimumHeight(48)
            button.setMinimumWidth(118 if key == "call_next" else 96)
            self.buttons[key] = button
            row.addWidget(button)
        self.expand = QPushButton("⤢")
        self.expand.setObjectName("expandButton")
        self.expand.setFixedSize(40, 48)
        self.expand.setCursor(Qt.CursorShape.PointingHandCursor)
        self.expand.clicked.connect(self.expand_requested)
        row.addWidget(self.expand)
        self._drag_from: QPoint | None = None
        self.waiting_text = ""

    def retranslate(self, labels: dict[str, tuple[str, str]]) -> None:
        short = {
            "call_next": self.tr("Berikutnya"),
            "recall": self.tr("Ulang"),
            "finish": self.tr("Selesai"),
            "no_show": self.tr("Tidak hadir"),
        }
        for key, button in self.buttons.items():
            title, shortcut = labels[key]
            button.set_text(short[key], shortcut)
            button.set_base_tooltip(f"{title} ({shortcut})")
        self.expand.setToolTip(self.tr("Kembali ke jendela penuh (Ctrl+M)"))
        self.setWindowTitle(self.tr("Antre — loket (mini)"))

    def show_state(
        self, counter_name: str, ticket: TicketView | None, waiting: int, offline: bool
    ) -> None:
        self.counter.setText(counter_name.upper())
        set_property(self.number, "empty", ticket is None)
        self.number.setText(ticket.number if ticket else "—")
        if offline:
            text = self.tr("Terputus — menghubungkan ulang…")
            self.status.setStyleSheet(f"color: {theme.WARNING_TEXT}; font-weight: 700;")
        else:
            status = status_name(ticket.status) if ticket else self.tr("Kosong")
            text = status + " · " + self.tr("%1 menunggu").replace("%1", str(waiting))
            self.status.setStyleSheet("")
        self.status.setText(text)

    def place(self) -> None:
        """Top right of the screen the main window was on."""
        self.resize(self.sizeHint())
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 24, area.top() + 24)

    # dragging a frameless window
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_from)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        super().mouseReleaseEvent(event)
