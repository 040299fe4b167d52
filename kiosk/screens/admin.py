"""Staff only: a PIN pad behind a hidden gesture, then kiosk settings, test print and exit."""

from __future__ import annotations

import hmac
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk import theme
from kiosk.printer_monitor import PrinterState
from kiosk.screens.base import Context, Screen
from kiosk.widgets import TouchButton, label
from ui.theme import Scale, set_property

MAX_TRIES = 5
LOCK_SECONDS = 60


class PinScreen(Screen):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-pin")
        self.entered_pin = ""
        self.failures = 0
        self.locked_until = 0.0
        layout = QVBoxLayout(self)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.dots = label("", "pin-dots", wrap=False)
        self.error = label("", "pin-error")
        for widget in (self.title, self.subtitle, self.dots, self.error):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pad = QGridLayout()
        self.keys: dict[str, TouchButton] = {}
        for index, key in enumerate(
            ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]
        ):
            button = TouchButton(key, "key" if key.isdigit() else "secondary")
            button.setObjectName(f"pin-{key}")
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            self.keys[key] = button
            self.pad.addWidget(button, index // 3, index % 3)
        self.cancel = TouchButton("", "back", "back")
        self.cancel.setObjectName("pin-cancel")
        self.cancel.clicked.connect(self._cancel)
        texts = QVBoxLayout()
        texts.addStretch(1)
        for widget in (self.title, self.subtitle, self.dots, self.error):
            texts.addWidget(widget)
        texts.addSpacing(24)
        texts.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        texts.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addStretch(1)
        self.body.addLayout(texts)
        self.body.addSpacing(80)
        self.body.addLayout(self.pad)
        self.body.addStretch(1)
        layout.addLayout(self.body)
        self._unlock = QTimer(self, singleShot=True)
        self._unlock.timeout.connect(self._update)
        self.retranslate()

    def entered(self) -> None:
        self.entered_pin = ""
        self.error.setText("")
        self._update()

    def press(self, key: str) -> None:
        if time.monotonic() < self.locked_until:
            return
        if key == "del":
            self.entered_pin = self.entered_pin[:-1]
        elif key == "ok":
            self._check()
            return
        elif len(self.entered_pin) < 8:
            self.entered_pin += key
            self.error.setText("")
        self._update()

    def _check(self) -> None:
        if hmac.compare_digest(self.entered_pin.encode(), self.ctx.config.admin_pin.encode()):
            self.failures = 0
            self.entered_pin = ""
            self._update()
            self.accepted.emit()
            return
        self.failures += 1
        self.entered_pin = ""
        if self.failures >= MAX_TRIES:
            self.failures = 0
            self.locked_until = time.monotonic() + LOCK_SECONDS
            self._unlock.start(LOCK_SECONDS * 1000)
            self.error.setText(self.tr("Terlalu banyak percobaan. Coba lagi dalam 1 menit."))
        else:
            self.error.setText(self.tr("PIN salah."))
        self._update()

    def _cancel(self) -> None:
        self.entered_pin = ""
        self.cancelled.emit()

    def _update(self) -> None:
        count = len(self.entered_pin)
        self.dots.setText(" ".join(["●"] * count + ["○"] * max(0, 4 - count)))
        locked = time.monotonic() < self.locked_until
        for button in self.keys.values():
            button.setEnabled(not locked)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Menu petugas"))
        self.subtitle.setText(self.tr("Masukkan PIN petugas"))
        self.keys["del"].setText(self.tr("Hapus"))
        self.keys["ok"].setText(self.tr("OK"))
        self.cancel.setText(self.tr("Batal"))
        self._update()

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.pad.setSpacing(m.px(18))
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        for key, button in self.keys.items():
            button.setFixedSize(m.px(180), m.px(120))
            if not key.isdigit():
                button.setStyleSheet(f"padding: 0; font-size: {m.px(30)}px;")
        self.dots.setStyleSheet(f"font-size: {m.px(46)}px; color: {theme.PRIMARY_DARK};")
        self.error.setStyleSheet(
            f"font-size: {m.px(26)}px; color: {theme.DANGER}; font-weight: 600;"
        )
        self.cancel.setMinimumWidth(m.px(360))


def _button(name: str, on_click: Any, *args: Any) -> TouchButton:
    """A TouchButton(*args) with its object name, connected to ``on_click``."""
    button = TouchButton(*args)
    button.setObjectName(name)
    button.clicked.connect(on_click)
    return button


class AdminScreen(Screen):
    language_requested = Signal(str)
    test_print_requested = Signal()
    check_requested = Signal()
    close_requested = Signal()
    exit_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-admin")
        layout = QVBoxLayout(self)
        self.title = label("", "title")
        self.panel = QFrame()
        self.panel.setObjectName("admin-panel")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.facts = QGridLayout(self.panel)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(
            ("kiosk", "hall", "database", "printer", "paper", "fallback", "status", "mode")
        ):
            name, value = label("", "muted"), label("", "body")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.facts.addWidget(name, row, 0)
            self.facts.addWidget(value, row, 1)
            self.names[key], self.values[key] = name, value
        self.facts.setColumnStretch(1, 1)
        self.language_label = label("", "section")
        self.lang_id = _button(
            "admin-lang-id",
            lambda: self.language_requested.emit("id"),
            "Bahasa Indonesia",
            "secondary",
        )
        self.lang_en = _button(
            "admin-lang-en", lambda: self.language_requested.emit("en"), "English", "secondary"
        )
        self.test_print = _button(
            "admin-test-print", self.test_print_requested, "", "primary", "printer"
        )
        self.check = _button("admin-check", self.check_requested, "", "secondary")
        self.result = label("", "admin-result")
        self.close_button = _button("admin-close", self.close_requested, "", "secondary", "back")
        self.exit_button = _button("admin-exit", self.exit_requested, "", "danger")
        self.printer_label = label("", "section")
        side = QVBoxLayout()
        side.addWidget(self.language_label)
        langs = QHBoxLayout()
        langs.addWidget(self.lang_id)
        langs.addWidget(self.lang_en)
        side.addLayout(langs)
        side.addSpacing(24)
        side.addWidget(self.printer_label)
        actions = QHBoxLayout()
        actions.addWidget(self.test_print)
        actions.addWidget(self.check)
        side.addLayout(actions)
        side.addWidget(self.result)
        side.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.panel, 3)
        self.body.addLayout(side, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.close_button)
        bottom.addStretch(1)
        bottom.addWidget(self.exit_button)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def entered(self) -> None:
        self.result.setText("")
        self.refresh()

    def show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setProperty("ok", ok)
        self.result.setStyleSheet(
            f"color: {theme.SUCCESS if ok else theme.DANGER}; font-size: {self.metrics.px(26)}px;"
            " font-weight: 600;"
        )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Pengaturan kiosk"))
        labels = {
            "kiosk": self.tr("Nama kiosk"),
            "hall": self.tr("Gedung layanan"),
            "database": self.tr("Basis data"),
            "printer": self.tr("Printer"),
            "paper": self.tr("Kertas"),
            "fallback": self.tr("Tiket di layar bila printer bermasalah"),
            "status": self.tr("Status printer"),
            "mode": self.tr("Pengambilan nomor"),
        }
        for key, text in labels.items():
            self.names[key].setText(text)
        self.language_label.setText(self.tr("BAHASA KIOSK"))
        self.printer_label.setText(self.tr("PRINTER TIKET"))
        self.test_print.setText(self.tr("Cetak tiket uji"))
        self.check.setText(self.tr("Periksa printer"))
        self.close_button.setText(self.tr("Tutup menu"))
        self.exit_button.setText(self.tr("Keluar aplikasi"))

    def refresh(self) -> None:
        config = self.ctx.config
        hall = self.ctx.hall
        url = hall.db.url
        database = f"{url.get_backend_name()} · {url.host or url.database or ''}"
        monitor = self.ctx.monitor
        modes = {
            "print": self.tr("normal (dicetak)"),
            "on_screen": self.tr("tiket ditampilkan di layar"),
            "paused": self.tr("dihentikan sementara"),
        }
        values = {
            "kiosk": config.name,
            "hall": f"{hall.hall.name} ({hall.hall.code})",
            "database": database,
            "printer": config.printer,
            "paper": config.paper,
            "fallback": self.tr("Ya") if config.on_screen_fallback else self.tr("Tidak"),
            "status": self.status_text(monitor.state),
            "mode": modes.get(monitor.mode.value, monitor.mode.value),
        }
        for key, text in values.items():
            self.values[key].setText(text)
        for button, code in ((self.lang_id, "id"), (self.lang_en, "en")):
            set_property(button, "role", "primary" if self.ctx.lang == code else "secondary")

    def status_text(self, state: PrinterState) -> str:
        if not self.ctx.config.has_printer:
            return self.tr("tanpa printer")
        online = {
            True: self.tr("terhubung"),
            False: self.tr("tidak terhubung"),
            None: self.tr("tidak diketahui"),
        }[state.online]
        paper = {
            "ok": self.tr("kertas cukup"),
            "near_end": self.tr("kertas hampir habis"),
            "out": self.tr("kertas habis"),
            "unknown": self.tr("kertas tidak diketahui"),
        }[state.paper.value]
        problem = f" · {state.problem.value}" if state.problem else ""
        return f"{online} · {paper}{problem}"

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.facts.setContentsMargins(m.px(36), m.px(28), m.px(36), m.px(28))
        self.facts.setHorizontalSpacing(m.px(40))
        self.facts.setVerticalSpacing(m.px(12))
        self.panel.setStyleSheet(
            f"QFrame#admin-panel {{ background: {theme.SURFACE}; border: {m.px(2)}px solid"
            f" {theme.BORDER}; border-radius: {m.px(24)}px; }}"
        )
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.body.setSpacing(m.px(40))
        self.result.setWordWrap(True)
        for button in (self.close_button, self.exit_button):
            button.setMinimumWidth(m.px(340))
