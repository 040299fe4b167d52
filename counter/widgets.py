"""Small building blocks of the workstation: cards, action buttons with keycaps, messages."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter import theme
from ui.theme import set_property


def label(text: str = "", name: str = "", parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    if name:
        widget.setObjectName(name)
    return widget


class ElidedLabel(QLabel):
    """One line that ends in "…" when there is no room; the full text is in the tooltip."""

    def __init__(self, text: str = "", name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        if name:
            self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        elided = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), elided)


class ComboBox(QComboBox):
    """A combo box that draws its own chevron (a styled one loses the platform arrow)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(theme.MUTED if self.isEnabled() else "#A0AEC0"), 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        x, y = self.width() - 20, self.height() / 2
        painter.drawPolyline(
            [QPointF(x - 5, y - 2.5), QPointF(x, y + 2.5), QPointF(x + 5, y - 2.5)]
        )


class Card(QFrame):
    """A white, rounded panel with a small uppercase title and an optional aside on the right."""

    def __init__(self, parent: QWidget | None = None, margins: int = 18) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(margins, margins - 4, margins, margins)
        self.outer.setSpacing(10)
        self.top = top = QHBoxLayout()
        top.setSpacing(8)
        self.title = label("", "cardTitle")
        self.aside = label("", "cardAside")
        self.aside.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.aside)
        self.outer.addLayout(top)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self.outer.addLayout(self.body, 1)

    def set_title(self, text: str) -> None:
        self.title.setText(text.upper())


class ActionButton(QPushButton):
    """A button that shows its action and, in a keycap, the key that does the same."""

    def __init__(
        self, key: str, role: str = "", big: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.action_key = key
        self.setObjectName("actionButton")
        if role:
            self.setProperty("role", role)
        if role == "state":
            self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.row = row = QHBoxLayout(self)  # its sizes are the button's
        row.setContentsMargins(14, 6, 10, 6)
        row.setSpacing(10)
        self.title = label("", "actionTitle")
        # Why the button cannot act yet (a hall rule), under its title; hidden otherwise.
        self.hint = label("", "actionHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.keycap = label("", "keycap")
        self.keycap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for part in (self.title, self.hint, self.keycap):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if big:
            self.title.setFont(theme.font(15, QFont.Weight.Bold))
        texts = QVBoxLayout()
        texts.setSpacing(1)
        texts.addStretch(1)
        texts.addWidget(self.title)
        texts.addWidget(self.hint)
        texts.addStretch(1)
        row.addLayout(texts, 1)
        row.addWidget(self.keycap, 0, Qt.AlignmentFlag.AlignVCenter)
        self.base_tooltip = ""
        self.reason = ""
        self.setMinimumHeight(66 if big else 52)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_text(self, title: str, shortcut: str) -> None:
        self.title.setText(title)
        self.keycap.setText(shortcut)
        self.keycap.setVisible(bool(shortcut))
        self.setAccessibleName(title)
        self.set_base_tooltip(f"{title} ({shortcut})" if shortcut else title)

    def set_base_tooltip(self, text: str) -> None:
        self.base_tooltip = text
        self.setToolTip(self.reason or text)

    def set_reason(self, reason: str, caption: str = "") -> None:
        """Say why the button cannot act yet: ``reason`` as its tooltip, ``caption`` under
        its title; empty strings when it can."""
        self.reason = reason
        self.setToolTip(reason or self.base_tooltip)
        self.setAccessibleDescription(reason)
        if caption != self.hint.text() or self.hint.isVisible() != bool(caption):
            self.hint.setText(caption)
            self.hint.setVisible(bool(caption))

    def text_shown(self) -> str:
        return self.title.text()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the second click of a double click is not a second action

    def set_checked(self, checked: bool) -> None:
        if self.isChecked() != checked:
            self.setChecked(checked)
        for part in (self.title, self.keycap):
            set_property(part, "on", checked)

    def nextCheckState(self) -> None:
        pass  # a state button shows core's state, it does not toggle itself

    def sizeHint(self) -> QSize:
        hint = self.row.sizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.row.minimumSize().width(), self.minimumHeight())


class Notice(QLabel):
    """A one-line message under the ticket: what just happened, or what core refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setMinimumHeight(34)
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_notice)
        self.kind = ""
        self.clear_notice()

    def show_notice(self, text: str, kind: str = "info", seconds: float = 8.0) -> None:
        self.kind = kind
        self.setText(text)
        set_property(self, "kind", kind)
        self._timer.start(int(seconds * 1000))

    def clear_notice(self) -> None:
        self.kind = ""
        self.setText("")
        set_property(self, "kind", "none")


class Banner(QFrame):
    """The outage banner: what is wrong, what still works, and a kept action's choices."""

    resend = Signal()
    discard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "offline")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 12, 10)
        row.setSpacing(14)
        icon = label("⚠", "bannerTitle")
        icon.setFont(theme.font(18, QFont.Weight.Bold))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title = label("", "bannerTitle")
        self.detail = label("")
        self.detail.setWordWrap(True)
        self.pending = label("")
        self.pending.setWordWrap(True)
        self.pending.setFont(theme.font(10.5, QFont.Weight.DemiBold))
        text.addWidget(self.title)
        text.addWidget(self.detail)
        text.addWidget(self.pending)
        text.addStretch(1)
        row.addLayout(text, 1)
        self.resend_button = QPushButton()
        self.discard_button = QPushButton()
        self.resend_button.setProperty("role", "primary")
        for button in (self.resend_button, self.discard_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.resend_button.clicked.connect(self.resend)
        self.discard_button.clicked.connect(self.discard)
        self.hide()


class Divider(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(1)
        self.setStyleSheet(f"background: {theme.BORDER}; border: none;")


def hbox(*widgets: QWidget, spacing: int = 8, stretch_last: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    if not stretch_last:
        row.addStretch(1)
    return row
