"""The workstation's dialogs: transfer, pick a ticket, park with a note, and "finish first?".

Every dialog is opened with ``open()`` (modal to its window, never a nested event loop) and
says what it chose through its ``accepted`` signal and accessors, so the window (and the
tests) drive them the same way.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.domain.enums import TicketStatus, TransferPosition
from core.views import ServiceInfo, TicketView
from counter import theme, wording
from counter.widgets import label
from ui.wording import priority_name

NOTE_LIMIT = 200
CODE_ROLE = Qt.ItemDataRole.UserRole


def _frame(dialog: QDialog, title: str) -> tuple[QVBoxLayout, QLabel, QHBoxLayout]:
    """Title on top, a body, and a button row on the right: the same for every dialog."""
    theme.apply(dialog)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(24, 20, 24, 20)
    outer.setSpacing(14)
    heading = label(title, "dialogTitle")
    heading.setWordWrap(True)
    outer.addWidget(heading)
    body = QVBoxLayout()
    body.setSpacing(10)
    outer.addLayout(body, 1)
    buttons = QHBoxLayout()
    buttons.setSpacing(10)
    buttons.addStretch(1)
    outer.addLayout(buttons)
    return body, heading, buttons


def _button(text: str, role: str = "", default: bool = False) -> QPushButton:
    button = QPushButton(text)
    if role:
        button.setProperty("role", role)
    button.setMinimumHeight(42)
    button.setMinimumWidth(110)
    button.setDefault(default)
    button.setAutoDefault(default)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class TransferDialog(QDialog):
    """Send the current ticket to another service, to the back or the front of its queue."""

    def __init__(
        self, ticket: TicketView, services: tuple[ServiceInfo, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self.setObjectName("transferDialog")
        self.setWindowTitle(self.tr("Alihkan nomor"))
        body, self.heading, buttons = _frame(
            self, self.tr("Alihkan nomor %1").replace("%1", ticket.number)
        )
        source = label(
            self.tr("Dari layanan: %1 (%2)")
            .replace("%1", ticket.service_name)
            .replace("%2", ticket.agency_name),
            "muted",
        )
        source.setWordWrap(True)
        body.addWidget(source)

        body.addSpacing(6)
        body.addWidget(label(self.tr("Layanan tujuan").upper(), "fieldLabel"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari layanan atau instansi…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        body.addWidget(self.search)
        self.services = QListWidget()
        self.services.setMinimumHeight(240)
        self.services.setStyleSheet(
            f"QListWidget {{ border: 1px solid {theme.BORDER}; border-radius: 8px; }}"
        )
        self.services.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.services.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fill(services)
        self.services.currentItemChanged.connect(self._update)
        self.services.itemDoubleClicked.connect(lambda _item: self._confirm())
        body.addWidget(self.services, 1)

        body.addSpacing(6)
        body.addWidget(label(self.tr("Posisi di antrean tujuan").upper(), "fieldLabel"))
        self.back = QRadioButton(self.tr("Di belakang — mengantre seperti nomor baru"))
        self.front = QRadioButton(self.tr("Di depan — dipanggil lebih dulu"))
        self.back.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.back)
        group.addButton(self.front)
        body.addWidget(self.back)
        body.addWidget(self.front)

        body.addSpacing(6)
        body.addWidget(label(self.tr("Catatan untuk loket tujuan").upper(), "fieldLabel"))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(self.tr("Contoh: berkas KK sudah diperiksa (tidak wajib)"))
        body.addWidget(self.note)

        self.cancel_button = _button(self.tr("Batal"))
        self.ok_button = _button(self.tr("Alihkan"), "primary", default=True)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._confirm)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.resize(560, 640)
        self._update()
        self.search.setFocus()

    def _fill(self, services: tuple[ServiceInfo, ...]) -> None:
        # Most transfers stay within the agency: its services come first.
        ordered = sorted(services, key=lambda s: s.agency_code != self.ticket.agency_code)
        agency = None
        for service in ordered:
            if service.code == self.ticket.service_code:
                continue
            if service.agency_code != agency:
                agency = service.agency_code
                head = QListWidgetItem(service.agency_name.upper())
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                head.setFont(theme.font(8.5, QFont.Weight.Bold))
                head.setForeground(Qt.GlobalColor.darkGray)
                head.setData(CODE_ROLE + 1, service.agency_name.lower())
                self.services.addItem(head)
            item = QListWidgetItem(service.name)
            item.setData(CODE_ROLE, service.code)
            item.setData(
                CODE_ROLE + 1, f"{service.name} {service.code} {service.agency_name}".lower()
            )
            self.services.addItem(item)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        visible_agency: QListWidgetItem | None = None
        for row in range(self.services.count()):
            item = self.services.item(row)
            haystack = str(item.data(CODE_ROLE + 1) or "")
            if item.data(CODE_ROLE) is None:  # an agency heading: shown if a service below is
                visible_agency = item
                item.setHidden(True)
                continue
            match = all(word in haystack for word in words)
            item.setHidden(not match)
            if match and visible_agency is not None:
                visible_agency.setHidden(False)
        current = self.services.currentItem()
        if current is None or current.isHidden():
            for row in range(self.services.count()):
                item = self.services.item(row)
                if not item.isHidden() and item.data(CODE_ROLE):
                    self.services.setCurrentItem(item)
                    break
            else:
                self.services.setCurrentRow(-1)  # nothing left to choose
        self._update()

    def _update(self, *_args: object) -> None:
        self.ok_button.setEnabled(self.selected_code() is not None)

    def select(self, code: str) -> None:
        for row in range(self.services.count()):
            item = self.services.item(row)
            if item.data(CODE_ROLE) == code:
                self.services.setCurrentItem(item)
                return
        raise KeyError(code)

    def selected_code(self) -> str | None:
        item = self.services.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(CODE_ROLE)

    def position(self) -> TransferPosition:
        return TransferPosition.FRONT if self.front.isChecked() else TransferPosition.BACK

    def note_text(self) -> str:
        return self.note.text().strip()

    def _confirm(self) -> None:
        if self.selected_code() is not None:
            self.accept()


class TicketPickerDialog(QDialog):
    """Choose one ticket from a list (or type its number): "call number" and "resume"."""

    def __init__(
        self,
        title: str,
        confirm: str,
        tickets: tuple[TicketView, ...],
        now: datetime,
        *,
        typing_allowed: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketPicker")
        self.setWindowTitle(title)
        self.typing_allowed = typing_allowed
        body, _heading, buttons = _frame(self, title)
        self.number = QLineEdit()
        self.number.setPlaceholderText(
            self.tr("Ketik nomor, misalnya A012") if typing_allowed else self.tr("Cari nomor…")
        )
        self.number.setFont(theme.font(14, QFont.Weight.DemiBold, number=True))
        self.number.textChanged.connect(self._filter)
        self.number.returnPressed.connect(self._confirm)
        body.addWidget(self.number)
        self.list = QListWidget()
        self.list.setMinimumHeight(280)
        self.list.setStyleSheet(
            f"QListWidget {{ border: 1px solid {theme.BORDER}; border-radius: 8px; }}"
        )
        for ticket in tickets:
            text = f"{ticket.number}    {ticket.service_name}"
            if ticket.priority.is_priority:
                text += "   ★ " + priority_name(ticket.priority)
            if ticket.status is TicketStatus.WAITING:
                waited = wording.minutes_text(wording.seconds_between(ticket.issued_at, now))
                text += "   · " + self.tr("menunggu %1").replace("%1", waited)
            elif ticket.note:
                text += "   · " + ticket.note
            item = QListWidgetItem(text)
            item.setData(CODE_ROLE, ticket.number)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self._confirm())
        self.list.currentItemChanged.connect(self._update)
        body.addWidget(self.list, 1)
        self.empty = label(self.tr("Tidak ada nomor dalam daftar."), "muted")
        self.empty.setVisible(not tickets)
        body.addWidget(self.empty)
        self.cancel_button = _button(self.tr("Batal"))
        self.ok_button = _button(confirm, "primary", default=True)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._confirm)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        if tickets:
            self.list.setCurrentRow(0)
        self.resize(480, 520)
        self._update()
        self.number.setFocus()

    def _filter(self, text: str) -> None:
        needle = text.strip().upper()
        first = -1  # the first row still shown, if any
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in str(item.data(CODE_ROLE))
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = row
        self.list.setCurrentRow(first)
        self._update()

    def _update(self, *_args: object) -> None:
        self.ok_button.setEnabled(self.chosen_number() is not None)

    def chosen_number(self) -> str | None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            return str(item.data(CODE_ROLE))
        typed = self.number.text().strip().upper()
        return typed if typed and self.typing_allowed else None

    def _confirm(self) -> None:
        if self.chosen_number() is not None:
            self.accept()


class ParkDialog(QDialog):
    """Set the ticket aside while the citizen fetches something; an optional short note."""

    def __init__(self, ticket: TicketView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkDialog")
        self.setWindowTitle(self.tr("Tunda nomor"))
        body, _heading, buttons = _frame(
            self, self.tr("Tunda nomor %1").replace("%1", ticket.number)
        )
        explain = label(
            self.tr(
                "Nomor disimpan di daftar Ditunda dan loket bisa memanggil nomor lain. "
                "Lanjutkan kapan saja dari daftar itu."
            ),
            "muted",
        )
        explain.setWordWrap(True)
        body.addWidget(explain)
        body.addSpacing(6)
        body.addWidget(label(self.tr("Catatan").upper(), "fieldLabel"))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(self.tr("Contoh: mengambil fotokopi KK (tidak wajib)"))
        self.note.returnPressed.connect(self.accept)
        body.addWidget(self.note)
        self.cancel_button = _button(self.tr("Batal"))
        self.ok_button = _button(self.tr("Tunda"), "primary", default=True)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.resize(460, 250)
        self.note.setFocus()

    def note_text(self) -> str:
        return self.note.text().strip()


class OpenTicketDialog(QDialog):
    """Calling while a ticket is still open: finish it or mark it no-show first, or stay."""

    chosen = Signal(str)  # "finish" or "no_show"

    def __init__(
        self, ticket: TicketView, parent: QWidget | None = None, no_show_reason: str = ""
    ) -> None:
        """``no_show_reason``: why the hall's rule does not allow a no-show yet ("" if it does)."""
        super().__init__(parent)
        self.setObjectName("openTicketDialog")
        self.setWindowTitle(self.tr("Nomor masih dibuka"))
        body, _heading, buttons = _frame(
            self, self.tr("Nomor %1 masih dibuka").replace("%1", ticket.number)
        )
        explain = label(
            self.tr(
                "Loket hanya memegang satu nomor. Selesaikan atau tandai tidak hadir dulu "
                "sebelum memanggil nomor lain."
            ),
            "muted",
        )
        explain.setWordWrap(True)
        body.addWidget(explain)
        self.finish_button = _button(self.tr("Selesai, lalu panggil"), "success", default=True)
        self.no_show_button = _button(self.tr("Tidak hadir, lalu panggil"), "danger")
        self.cancel_button = _button(self.tr("Batal"))
        self.no_show_button.setVisible(ticket.status is TicketStatus.CALLED)
        no_show_allowed = ticket.status is TicketStatus.CALLED and not no_show_reason
        self.no_show_button.setEnabled(no_show_allowed)
        self.no_show_button.setToolTip(no_show_reason)
        reason = no_show_reason
        self.no_show_reason = label(reason, "muted")
        self.no_show_reason.setWordWrap(True)
        self.no_show_reason.setVisible(
            ticket.status is TicketStatus.CALLED and bool(no_show_reason)
        )
        body.addWidget(self.no_show_reason)
        self.finish_button.clicked.connect(lambda: self._choose("finish"))
        self.no_show_button.clicked.connect(lambda: self._choose("no_show"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.no_show_button)
        buttons.addWidget(self.finish_button)
        QShortcut(QKeySequence("F4"), self).activated.connect(lambda: self._choose("finish"))
        if no_show_allowed:
            QShortcut(QKeySequence("F5"), self).activated.connect(lambda: self._choose("no_show"))
        self.resize(520, 200)
        self.finish_button.setFocus()

    def _choose(self, what: str) -> None:
        self.chosen.emit(what)
        self.accept()
