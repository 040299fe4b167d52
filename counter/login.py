"""Sign in: username and password checked by core, and the counter this PC works at.

Core hashes passwords, records every attempt and locks an account after five failures;
this dialog only shows what core says. The counter comes from the device settings when
this PC is configured for one, otherwise the officer picks it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QThreadPool, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import messages
from core.errors import AntreError
from core.hall import HallService
from core.language import other_language
from core.views import CounterInfo, OfficerView
from counter import theme
from counter.widgets import ComboBox, label
from ui import i18n, operations


class LoginDialog(QDialog):
    logged_in = Signal(object, int)  # OfficerView, counter number
    language_changed = Signal(str)

    def __init__(
        self,
        hall: HallService,
        *,
        counter: int | None = None,
        lang: str = "id",
        synchronous: bool = False,
        pool: QThreadPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.fixed_counter = counter
        self.lang = lang
        self.synchronous = synchronous
        self.pool = pool
        self.counter_list: list[CounterInfo] = []
        self.busy = False
        self.officer: OfficerView | None = None
        self.setObjectName("loginDialog")
        theme.apply(self)
        self._build()
        self.retranslate()
        self.resize(560, 640)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 36, 40, 28)
        outer.addStretch(1)
        panel = QFrame()
        panel.setObjectName("loginPanel")
        panel.setMaximumWidth(440)
        form = QVBoxLayout(panel)
        form.setContentsMargins(32, 28, 32, 28)
        form.setSpacing(8)
        self.brand = label("ANTRE", "cardTitle")
        self.brand.setStyleSheet(f"color: {theme.PRIMARY}; letter-spacing: 3px;")
        self.title = label("", "loginTitle")
        self.hall_name = label(self.hall.hall.name, "loginHall")
        self.hall_name.setWordWrap(True)
        form.addWidget(self.brand)
        form.addWidget(self.title)
        form.addWidget(self.hall_name)
        form.addSpacing(14)

        self.username_label = label("", "fieldLabel")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password_label = label("", "fieldLabel")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.counter_label = label("", "fieldLabel")
        self.counter = ComboBox()
        self.counter.setObjectName("counter")
        self.counter_fixed = label("", "")
        self.counter_fixed.setWordWrap(True)  # a long loket name and zone: two lines
        self.counter_fixed.setFont(theme.font(11, QFont.Weight.DemiBold))
        for widget in (self.username, self.password, self.counter):
            widget.setMinimumHeight(40)
        for caption, field in (
            (self.username_label, self.username),
            (self.password_label, self.password),
        ):
            form.addWidget(caption)
            form.addWidget(field)
            form.addSpacing(6)
        form.addWidget(self.counter_label)
        form.addWidget(self.counter)
        form.addWidget(self.counter_fixed)
        form.addSpacing(6)
        self.error = label("", "errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addWidget(self.error)
        form.addSpacing(6)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submit")
        self.submit_button.setProperty("role", "primary")
        self.submit_button.setMinimumHeight(46)
        self.submit_button.setDefault(True)
        self.submit_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.submit_button.clicked.connect(self.submit)
        form.addWidget(self.submit_button)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        footer = QHBoxLayout()
        self.footer = label("", "subtle")
        self.language_button = QPushButton()
        self.language_button.setProperty("role", "link")
        self.language_button.setAutoDefault(False)  # Enter never switches the language
        self.language_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.language_button.clicked.connect(lambda: self.set_language(other_language(self.lang)))
        footer.addWidget(self.footer)
        footer.addStretch(1)
        footer.addWidget(self.language_button)
        outer.addLayout(footer)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the field that has it (returnPressed: next field, or sign in).
        # QDialog would also "click" a default button for it: a second sign-in, or, while
        # the sign-in button is disabled, whichever button Qt took as the default instead.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QPushButton
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Antre — Masuk ke loket"))
        self.title.setText(self.tr("Masuk ke loket"))
        self.username_label.setText(self.tr("Nama pengguna").upper())
        self.password_label.setText(self.tr("Kata sandi").upper())
        self.counter_label.setText(self.tr("Loket").upper())
        self.username.setPlaceholderText(self.tr("contoh: budi.santoso"))
        self.submit_button.setText(self.tr("Memeriksa…") if self.busy else self.tr("Masuk"))
        self.footer.setText(self.tr("Lima kali salah mengunci akun selama lima menit."))
        self.language_button.setText("English" if self.lang == "id" else "Bahasa Indonesia")
        self._show_counters()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "footer"):
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        i18n.set_language(lang)
        self.retranslate()
        self.language_changed.emit(lang)

    # --- counters ----------------------------------------------------------------------

    def load_counters(self) -> None:
        operations.run(
            self.hall.counters,
            self._counters_loaded,
            self._failed,
            self.pool,
            self.synchronous,
        )

    def _counters_loaded(self, rows: list[CounterInfo]) -> None:
        self.counter_list = rows
        self._show_counters()

    def _show_counters(self) -> None:
        numbers = [c.number for c in self.counter_list]
        fixed = self.fixed_counter is not None and self.fixed_counter in numbers
        self.counter.setVisible(not fixed)
        self.counter_fixed.setVisible(fixed)
        if fixed:
            info = next(c for c in self.counter_list if c.number == self.fixed_counter)
            self.counter_fixed.setText(
                self.tr("%1 — diatur untuk komputer ini").replace(
                    "%1", f"{info.name} · {info.zone}" if info.zone else info.name
                )
            )
            return
        chosen = self.counter.currentData()
        self.counter.clear()
        for info in self.counter_list:
            label_text = f"{info.name} · {info.zone}" if info.zone else info.name
            self.counter.addItem(label_text, info.number)
        if chosen is not None and chosen in numbers:
            self.counter.setCurrentIndex(numbers.index(chosen))
        if self.fixed_counter is not None and self.counter_list:
            self._show_error(
                messages.text("counter_unknown", self.lang, counter=self.fixed_counter)
            )

    def chosen_counter(self) -> int | None:
        if self.fixed_counter is not None and self.counter_fixed.isVisible():
            return self.fixed_counter
        data = self.counter.currentData()
        return int(data) if data is not None else None

    def select_counter(self, number: int) -> None:
        index = self.counter.findData(number)
        if index < 0:
            raise KeyError(number)
        self.counter.setCurrentIndex(index)

    # --- login -------------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy:
            return
        if not self.counter_list:
            self.load_counters()
            if not self.counter_list:
                return
        username, password = self.username.text().strip(), self.password.text()
        counter = self.chosen_counter()
        if not username or not password or counter is None:
            self._show_error(self.tr("Isi nama pengguna, kata sandi, dan loket."))
            return
        self._set_busy(True)
        operations.run(
            lambda: self.hall.login(username, password),
            lambda officer: self._logged_in(officer, counter),
            self._failed,
            self.pool,
            self.synchronous,
        )

    def _logged_in(self, officer: OfficerView, counter: int) -> None:
        self._set_busy(False)
        self.officer = officer
        self.error.hide()
        self.password.clear()
        self.logged_in.emit(officer, counter)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, AntreError):
            self._show_error(error.message(self.lang))
        else:
            self._show_error(self.tr("Terjadi kesalahan tak terduga. Detailnya tercatat di log."))
        self.password.clear()
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.password, self.counter, self.submit_button):
            widget.setEnabled(not busy)
        self.submit_button.setText(self.tr("Memeriksa…") if busy else self.tr("Masuk"))
