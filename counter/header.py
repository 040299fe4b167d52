"""The band across the top of the workstation: which counter, its state, the time, who.

It holds the state buttons (Buka, Istirahat, Tutup) and the mini, language and logout
buttons; the window wires them. Texts are in the "Workstation" translation context.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from core import dates
from counter.views import ScreenView
from counter.widgets import ActionButton, ElidedLabel, label

STATE_KEYS = ("open", "break", "close")


def _stacked(*labels: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(0)
    column.addStretch(1)
    for part in labels:
        column.addWidget(part)
    column.addStretch(1)
    return column


class Header(QWidget):
    """The counter and its place, the state buttons, the clock, the officer, and the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(12)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.counter_label = label("", "counterName")
        self.hall_label = label("", "hallName")
        names.addWidget(self.counter_label)
        names.addWidget(self.hall_label)
        row.addLayout(names)
        row.addSpacing(12)
        states = QHBoxLayout()
        states.setSpacing(0)
        self.state_buttons: list[ActionButton] = []
        for key, edge in zip(STATE_KEYS, ("first", "middle", "last"), strict=True):
            button = ActionButton(key, "state")
            button.setProperty("edge", edge)
            button.setProperty("stateKey", key)
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.state_buttons.append(button)
            states.addWidget(button)
        row.addLayout(states)
        row.addStretch(1)
        self.clock_label = label("", "clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.date_label = label("", "hallName")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        row.addLayout(_stacked(self.clock_label, self.date_label))
        row.addSpacing(8)
        line = QWidget()
        line.setFixedSize(1, 34)
        line.setStyleSheet("background: #2F4A6D;")
        row.addWidget(line)
        row.addSpacing(8)
        self.officer_label = ElidedLabel("", "officer")
        self.officer_label.setMaximumWidth(220)
        self.officer_label.setMinimumWidth(120)
        self.role_label = ElidedLabel("", "hallName")
        self.role_label.setMaximumWidth(220)
        row.addLayout(_stacked(self.officer_label, self.role_label))
        row.addSpacing(6)
        self.mini_button = ActionButton("mini")
        self.mini_button.setMinimumHeight(38)
        self.mini_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.logout_button = QPushButton()
        row.addWidget(self.mini_button)
        for plain in (self.language_button, self.logout_button):
            plain.setMinimumHeight(38)
            plain.setCursor(Qt.CursorShape.PointingHandCursor)
            row.addWidget(plain)

    def retranslate(self, lang: str) -> None:
        self.mini_button.setToolTip(
            QCoreApplication.translate(
                "Workstation", "Bilah kecil yang selalu tampil di atas program lain (Ctrl+M)"
            )
        )
        self.language_button.setText("EN" if lang == "id" else "ID")
        self.language_button.setToolTip("English" if lang == "id" else "Bahasa Indonesia")
        self.logout_button.setText(QCoreApplication.translate("Workstation", "Keluar"))
        self.logout_button.setToolTip(
            QCoreApplication.translate("Workstation", "Tutup loket dan keluar")
        )

    def set_compact(self, compact: bool, mini_title: str) -> None:
        """Tighter for small screens: no date, no user name, no keycaps on its buttons."""
        # The mini button's title first: its size is measured below.
        self.mini_button.title.setText(mini_title)
        self.date_label.setVisible(not compact)
        self.role_label.setVisible(not compact)
        for button in [*self.state_buttons, self.mini_button]:
            button.keycap.setVisible(not compact)
            button.row.activate()
            button.updateGeometry()
        self.row.setSpacing(8 if compact else 12)
        self.row.setContentsMargins(14 if compact else 20, 10, 14 if compact else 20, 10)
        self.officer_label.setMinimumWidth(90 if compact else 120)

    def show_names(self, screen: ScreenView) -> None:
        self.counter_label.setText(screen.counter_name)
        self.hall_label.setText(screen.place)
        self.officer_label.setText(screen.officer_name)
        self.role_label.setText(screen.username)

    def show_time(self, now: datetime, tz: str, lang: str) -> None:
        self.clock_label.setText(dates.clock_time(now, tz))
        self.date_label.setText(dates.long_date(now, tz, lang))
