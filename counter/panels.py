"""The workstation's panels: the current ticket, the counter's queue, parked tickets, figures."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.views import CounterFigures, TicketView
from counter import theme, wording
from counter.reading import CounterReading
from counter.widgets import Card, Divider, ElidedLabel, label
from ui.theme import set_property
from ui.wording import priority_name, status_name

NEXT_ROWS = 40  # the queue list shows the next ones; "call number" lists them all


class CurrentTicketCard(Card):
    """The ticket at this counter, large: number, service, priority, and how long it has taken."""

    NUMBER_POINTS = 112.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, margins=24)
        self.ticket: TicketView | None = None
        self.compact = False
        self.now: datetime | None = None  # the last tick, so a redraw keeps the clocks
        self.chip = label("", "statusChip")
        self.aside.hide()
        self.top.addWidget(self.chip)

        self.number = label("", "ticketNumber")
        self.number.setFont(theme.font(self.NUMBER_POINTS, QFont.Weight.Bold, number=True))
        self.number.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.priority = label("", "priorityBadge")
        self.service = label("", "serviceName")
        self.service.setWordWrap(True)
        self.agency = label("", "agencyName")
        self.agency.setWordWrap(True)
        self.note = label("", "noteLine")
        self.note.setWordWrap(True)
        self.empty_title = label("", "emptyTitle")
        self.empty_title.setWordWrap(True)
        self.hint = label("", "emptyHint")
        self.hint.setWordWrap(True)

        top = QHBoxLayout()
        top.setSpacing(28)
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignVCenter)
        side = QVBoxLayout()
        side.setSpacing(6)
        side.addStretch(1)
        side.addWidget(self.priority, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.service)
        side.addWidget(self.agency)
        side.addWidget(self.empty_title)
        side.addWidget(self.hint)
        side.addStretch(1)
        top.addLayout(side, 1)
        self.body.addStretch(1)
        self.body.addLayout(top)
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.body.addWidget(Divider())

        metrics = QGridLayout()
        metrics.setHorizontalSpacing(24)
        metrics.setVerticalSpacing(2)
        self.metric_names: list[QLabel] = []
        self.metric_values: list[QLabel] = []
        for column in range(3):
            name = label("", "metricLabel")
            value = label("–", "metricValue")
            value.setFont(theme.font(22, QFont.Weight.DemiBold, number=True))
            metrics.addWidget(name, 0, column)
            metrics.addWidget(value, 1, column)
            self.metric_names.append(name)
            self.metric_values.append(value)
        self.body.addLayout(metrics)
        self.next_hint = ""
        self.setMinimumHeight(280)
        self.retranslate()
        self.show_ticket(None)

    def retranslate(self) -> None:
        self.set_title(self.tr("Nomor saat ini"))
        self.empty_title.setText(self.tr("Belum ada nomor yang dipanggil"))
        for widget, text in zip(
            self.metric_names,
            (self.tr("Waktu tunggu"), self.tr("Sejak dipanggil"), self.tr("Waktu layanan")),
            strict=True,
        ):
            widget.setText(text.upper())
        self.show_ticket(self.ticket)

    def set_next_hint(self, text: str) -> None:
        self.next_hint = text
        self.hint.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_number()

    def set_compact(self, compact: bool) -> None:
        """Small screens (1024×600 netbooks, a quarter of a demo screen): smaller type."""
        self.compact = compact
        self.setMinimumHeight(190 if compact else 280)
        self.show_ticket(self.ticket)
        for value in self.metric_values:
            value.setFont(theme.font(17 if compact else 22, QFont.Weight.DemiBold, number=True))
        self._fit_number()

    def _fit_number(self) -> None:
        """The largest size (up to NUMBER_POINTS) that leaves room for the service beside it."""
        largest = self.NUMBER_POINTS * (0.72 if self.compact else 1.0)
        base = theme.font(largest, QFont.Weight.Bold, number=True)
        wide = QFontMetricsF(base).horizontalAdvance(self.number.text() or "A000")
        room = max(180.0, self.width() * 0.46)
        points = max(36.0, min(largest, largest * room / max(wide, 1.0)))
        if abs(self.number.font().pointSizeF() - points) > 0.5:
            self.number.setFont(theme.font(points, QFont.Weight.Bold, number=True))

    def show_ticket(self, ticket: TicketView | None) -> None:
        self.ticket = ticket
        empty = ticket is None
        for widget in (self.number, self.service, self.agency, self.chip):
            widget.setVisible(not empty)
        for widget in (self.empty_title, self.hint):
            widget.setVisible(empty)
        if ticket is None:
            self.priority.hide()
            self.note.hide()
            self.tick(self.now)
            return
        self.number.setText(ticket.number)
        self._fit_number()
        self.service.setText(ticket.service_name)
        long_name = len(ticket.service_name) > 34
        size = (12 if long_name else 14) if self.compact else (15 if long_name else 17)
        self.service.setFont(theme.font(size, QFont.Weight.DemiBold))
        self.agency.setVisible(not self.compact)
        self.agency.setText(ticket.agency_name)
        background, colour = theme.STATUS_COLOURS.get(ticket.status.value, (theme.MUTED, "white"))
        status = status_name(ticket.status)
        if ticket.recall_count:
            status += " · " + self.tr("dipanggil %1×").replace("%1", str(ticket.recall_count + 1))
        self.chip.setText(status)
        self.chip.setStyleSheet(
            f"background: {background}; color: {colour}; border-color: {background};"
        )
        self.priority.setVisible(ticket.priority.is_priority)
        self.priority.setText("★ " + priority_name(ticket.priority))
        self.note.setVisible(bool(ticket.note))
        self.note.setText(self.tr("Catatan: %1").replace("%1", ticket.note))
        self.tick(self.now)

    def tick(self, now: datetime | None) -> None:
        """Refresh the three clocks (waited is fixed at the first call; the others run)."""
        self.now = now
        ticket = self.ticket
        if ticket is None:
            values: list[int | None] = [None, None, None]
        else:
            waited = wording.seconds_between(ticket.issued_at, ticket.first_called_at)
            since_call = wording.seconds_between(ticket.called_at, now) if now else None
            if ticket.status.value == "serving":
                service = wording.seconds_between(ticket.started_at, now) if now else None
            else:
                service = None
            values = [waited, since_call, service]
        for widget, seconds in zip(self.metric_values, values, strict=True):
            widget.setText(wording.stopwatch(seconds))
            set_property(widget, "idle", seconds is None)


class WaitingPanel(Card):
    """The counter's queue: per service, then the next tickets in the order they will be called."""

    call_requested = Signal(str)  # a ticket number double-clicked in the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading: CounterReading | None = None
        self.compact = False
        self.oldest: list[tuple[QLabel, datetime | None]] = []
        self._line_codes: list[str] = []
        self._line_rows: list[list[QLabel]] = []
        self._line_heads: list[QLabel] = []
        self.lines = QGridLayout()
        self.lines.setHorizontalSpacing(12)
        self.lines.setVerticalSpacing(6)
        self.body.addLayout(self.lines)
        self.body.addSpacing(4)
        self.next_title = label("", "cardTitle")
        self.body.addWidget(self.next_title)
        self.number_font = theme.font(11.5, QFont.Weight.Bold, number=True)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        # Fixed widths from the font: "resize to contents" re-measures every row on every
        # cell set, which made a refresh of 40 rows cost over 100 ms on the GUI thread.
        number_width = QFontMetrics(self.number_font).horizontalAdvance("★ PJ000") + 14
        waited_width = QFontMetrics(self.table.font()).horizontalAdvance("10 j 59 mnt") + 20
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, number_width)
        header.resizeSection(2, waited_width)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.body.addWidget(self.table, 1)
        self.more = label("", "subtle")
        self.body.addWidget(self.more)
        self.retranslate()

    def set_compact(self, compact: bool) -> None:
        """Small screens: the per-service lines give way to the next tickets."""
        self.compact = compact
        for index in range(self.lines.count()):
            item = self.lines.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(not compact)

    def retranslate(self) -> None:
        self.set_title(self.tr("Antrean loket ini"))
        self.next_title.setText(self.tr("Berikutnya").upper())
        self.table.setToolTip(self.tr("Klik dua kali untuk memanggil nomor ini"))
        self._name_heads()
        if self.reading is not None:
            self.show_reading(self.reading, self.reading.at)

    def _double_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.call_requested.emit(item.text().replace("★", "").strip())

    def show_reading(self, reading: CounterReading, now: datetime) -> None:
        self.reading = reading
        total = len(reading.waiting)
        priority = sum(1 for t in reading.waiting if t.priority.is_priority)
        aside = self.tr("%1 menunggu").replace("%1", str(total))
        if priority:
            aside += " · " + self.tr("%1 prioritas").replace("%1", str(priority))
        self.aside.setText(aside)
        self._show_lines(reading, now)
        self._show_next(reading, now)

    def _show_lines(self, reading: CounterReading, now: datetime) -> None:
        """One row per service of the counter; rows are rebuilt only when services change."""
        codes = [line.code for line in reading.lines]
        if codes != self._line_codes or not self._line_rows:
            self._rebuild_lines(reading)
        self.oldest = []
        for line, cells in zip(reading.lines, self._line_rows, strict=True):
            name = line.name + ("  " + self.tr("(bantuan)") if line.rank > 1 else "")
            cells[0].setText(name)
            cells[1].setText(str(line.waiting))
            cells[2].setText(f"★ {line.priority_waiting}" if line.priority_waiting else "")
            cells[2].setToolTip(
                self.tr("%1 nomor prioritas").replace("%1", str(line.priority_waiting))
            )
            self.oldest.append((cells[3], line.oldest_issued_at))
            cells[3].setText(self._oldest_text(line.oldest_issued_at, now))

    @staticmethod
    def _oldest_text(oldest: datetime | None, now: datetime) -> str:
        if oldest is None:
            return "–"
        return wording.minutes_text(wording.seconds_between(oldest, now))

    def _rebuild_lines(self, reading: CounterReading) -> None:
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self._line_codes = [line.code for line in reading.lines]
        self._line_rows = []
        self._line_heads = []
        for column in range(4):
            head = label("", "metricLabel")
            if column:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.lines.addWidget(head, 0, column)
            head.setVisible(not self.compact)
            self._line_heads.append(head)
        self._name_heads()
        self.lines.setColumnStretch(0, 1)
        for row, line in enumerate(reading.lines, start=1):
            cells = [ElidedLabel("", "muted" if line.rank > 1 else ""), label(), label(), label()]
            cells[1].setFont(theme.font(12, QFont.Weight.Bold, number=True))
            cells[2].setStyleSheet(f"color: {theme.PRIORITY}; font-weight: 700;")
            cells[3].setMinimumWidth(64)
            for column, cell in enumerate(cells):
                if column:
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    cell.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.lines.addWidget(cell, row, column)
                cell.setVisible(not self.compact)
            self._line_rows.append(cells)
        if not reading.lines:
            empty = label(self.tr("Loket ini belum diberi layanan."), "muted")
            self.lines.addWidget(empty, 1, 0, 1, 4)

    def _name_heads(self) -> None:
        heads = (self.tr("Layanan"), self.tr("Menunggu"), "", self.tr("Terlama"))
        for head, text in zip(self._line_heads, heads, strict=False):
            head.setText(text.upper())

    def _show_next(self, reading: CounterReading, now: datetime) -> None:
        shown = reading.waiting[:NEXT_ROWS]
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(shown))
        bold = self.number_font
        for row, ticket in enumerate(shown):
            number = QTableWidgetItem(("★ " if ticket.priority.is_priority else "") + ticket.number)
            number.setFont(bold)
            service = ticket.service_name
            if ticket.priority.is_priority:
                service += " · " + priority_name(ticket.priority)
                number.setForeground(QColor(theme.PRIORITY))
            if ticket.hop:
                service += " · " + self.tr("alihan")
            waited = QTableWidgetItem(
                wording.minutes_text(wording.seconds_between(ticket.issued_at, now))
            )
            waited.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            waited.setForeground(QColor(theme.MUTED))
            for column, item in enumerate((number, QTableWidgetItem(service), waited)):
                self.table.setItem(row, column, item)
        self.table.setUpdatesEnabled(True)
        rest = len(reading.waiting) - len(shown)
        self.more.setVisible(rest > 0 or not reading.waiting)
        if reading.waiting:
            self.more.setText(self.tr("+ %1 lainnya").replace("%1", str(rest)))
        else:
            self.more.setText(self.tr("Tidak ada yang menunggu."))

    def tick(self, now: datetime) -> None:
        for cell, oldest in self.oldest:
            cell.setText(self._oldest_text(oldest, now))
        if self.reading is not None:
            for row, ticket in enumerate(self.reading.waiting[: self.table.rowCount()]):
                item = self.table.item(row, 2)
                if item is not None:
                    item.setText(
                        wording.minutes_text(wording.seconds_between(ticket.issued_at, now))
                    )


class ParkedPanel(Card):
    """Tickets this counter set aside, each with a button to take it up again."""

    resume_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tickets: tuple[TicketView, ...] = ()
        self.rows = QVBoxLayout()
        self.rows.setSpacing(6)
        self.body.addLayout(self.rows)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_title(self.tr("Ditunda"))
        self.show_tickets(self.tickets, force=True)

    def show_tickets(self, tickets: tuple[TicketView, ...], force: bool = False) -> None:
        if tickets == self.tickets and self.rows.count() and not force:
            return
        self.tickets = tickets
        self.aside.setText(str(len(tickets)) if tickets else "")
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        if not tickets:
            empty = label(self.tr("Tidak ada nomor yang ditunda."), "subtle")
            self.rows.addWidget(empty)
            empty.show()
            return
        for ticket in tickets:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            number = label(ticket.number)
            number.setFont(theme.font(12, QFont.Weight.Bold, number=True))
            text = ticket.service_name + (f" — {ticket.note}" if ticket.note else "")
            detail = label(text, "muted")
            detail.setWordWrap(True)
            button = QPushButton(self.tr("Lanjutkan"))
            button.setProperty("role", "link")
            button.setObjectName(f"resume-{ticket.number}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(
                lambda _checked=False, n=ticket.number: self.resume_requested.emit(n)
            )
            row.addWidget(number)
            row.addWidget(detail, 1)
            row.addWidget(button)
            self.rows.addWidget(holder)
            holder.show()

    def set_actions_enabled(self, enabled: bool) -> None:
        for button in self.findChildren(QPushButton):
            button.setEnabled(enabled)


class FiguresPanel(Card):
    """Today's work: for this counter and for the officer signed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(6)
        self.body.addLayout(self.grid)
        self.head_counter = label("", "metricLabel")
        self.head_officer = label("", "metricLabel")
        for column, head in ((1, self.head_counter), (2, self.head_officer)):
            head.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(head, 0, column)
        self.row_names: list[QLabel] = []
        self.values: list[tuple[QLabel, QLabel]] = []
        for row in range(4):
            name = label("")
            pair = (label("–"), label("–"))
            for column, value in enumerate(pair, start=1):
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                value.setFont(theme.font(12, QFont.Weight.Bold, number=True))
                self.grid.addWidget(value, row + 1, column)
            self.grid.addWidget(name, row + 1, 0)
            self.row_names.append(name)
            self.values.append(pair)
        self.grid.setColumnStretch(0, 1)
        self.officer = ""
        self.figures: tuple[CounterFigures, CounterFigures] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.set_title(self.tr("Hari ini"))
        self.head_counter.setText(self.tr("Loket").upper())
        self.head_officer.setText(self.tr("Anda").upper())
        names = (
            self.tr("Dilayani"),
            self.tr("Tidak hadir"),
            self.tr("Dialihkan"),
            self.tr("Rata-rata layanan"),
        )
        for widget, text in zip(self.row_names, names, strict=True):
            widget.setText(text)
        if self.figures is not None:
            self.show_figures(*self.figures)

    def set_compact(self, compact: bool) -> None:
        for pair in self.values:
            for value in pair:
                value.setFont(theme.font(10.5 if compact else 12, QFont.Weight.Bold, number=True))

    def set_officer(self, name: str) -> None:
        self.officer = name
        self.head_officer.setToolTip(name)

    def show_figures(self, counter: CounterFigures, officer: CounterFigures) -> None:
        self.figures = (counter, officer)
        for column, figures in enumerate((counter, officer)):
            values = (
                str(figures.served),
                str(figures.no_show),
                str(figures.transferred),
                wording.duration_text(figures.mean_service_seconds),
            )
            for row, value in enumerate(values):
                self.values[row][column].setText(value)
