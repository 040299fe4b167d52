"""After the tap: the short wait, the printed result, and the on-screen ticket."""

from __future__ import annotations

import time

from PIL import Image
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.views import IssuedTicket
from kiosk import theme
from kiosk.printing import PAPERS, render_png
from kiosk.screens.base import Context, Screen, wait_text
from kiosk.ticket_flow import FlowOutcome
from kiosk.widgets import (
    CountdownRing,
    FittedText,
    IconView,
    Spinner,
    TouchButton,
    label,
    pil_to_pixmap,
)
from ui.theme import Scale, set_property
from ui.wording import priority_name


class BusyScreen(Screen):
    """Shown the moment a service is tapped, until the ticket is out: no second tap possible."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-busy")
        layout = QVBoxLayout(self)
        self.spinner = Spinner(140)
        self.title = label("", "title")
        self.text = label("", "subtitle")
        for widget in (self.title, self.text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        layout.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(40)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(3)
        self.on_screen = False
        self.retranslate()

    def set_on_screen(self, on_screen: bool) -> None:
        self.on_screen = on_screen
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Mohon tunggu sebentar"))
        self.text.setText(
            self.tr("Nomor antrean Anda sedang disiapkan.")
            if self.on_screen
            else self.tr("Tiket Anda sedang dicetak.")
        )


class StatTile(QFrame):
    """One figure of the result: an icon, what it is, and the value in large type (set a
    little smaller, then broken between whole parts, when the tile is narrow)."""

    value_px = 40

    def __init__(self, icon: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = QHBoxLayout(self)
        self.icon = IconView(icon, 56, theme.PRIMARY)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.caption = label("", "muted")
        self.value = FittedText()
        texts.addStretch(1)
        texts.addWidget(self.caption)
        texts.addWidget(self.value)
        texts.addStretch(1)
        self.row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self.row.addLayout(texts, 1)

    def rescale(self, m: Scale) -> None:
        self.row.setContentsMargins(m.px(30), m.px(20), m.px(30), m.px(20))
        self.row.setSpacing(m.px(24))
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {theme.SURFACE};"
            f" border: {m.px(2)}px solid {theme.BORDER}; border-radius: {m.px(24)}px; }}"
        )
        self.value.set_px(m.px(self.value_px), m.px(self.value_px * 0.75))


class NumberCard(QFrame):
    """The ticket number, very large, with the service and agency under it."""

    number_px = 210

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("number-card")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.box = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("status-chip")
        self.heading = label("", "number-heading")
        self.number = QLabel()
        self.number.setObjectName("ticket-number")
        self.priority = QLabel()
        self.priority.setObjectName("priority-chip")
        self.service = label("", "number-service")
        self.agency = label("", "subtitle")
        for widget in (self.heading, self.number, self.service, self.agency):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.box.addWidget(self.status, 0, Qt.AlignmentFlag.AlignHCenter)
        self.box.addStretch(1)
        self.box.addWidget(self.heading)
        self.box.addWidget(self.number)
        self.box.addWidget(self.priority, 0, Qt.AlignmentFlag.AlignHCenter)
        self.box.addSpacing(12)
        self.box.addWidget(self.service)
        self.box.addWidget(self.agency)
        self.box.addStretch(1)

    def show_ticket(self, issued: IssuedTicket, status: str, ok: bool) -> None:
        ticket = issued.ticket
        self.status.setText(status)
        self.number.setText(ticket.number)
        self.priority.setVisible(ticket.priority.is_priority)
        self.priority.setText(priority_name(ticket.priority))
        self.service.setText(ticket.service_name)
        self.agency.setText(ticket.agency_name)
        set_property(self.status, "ok", ok)

    def rescale(self, m: Scale) -> None:
        self.box.setContentsMargins(m.px(40), m.px(36), m.px(40), m.px(40))
        self.box.setSpacing(m.px(6))
        self.setStyleSheet(
            f"QFrame#number-card {{ background: {theme.SURFACE}; border: {m.px(2)}px solid"
            f" {theme.BORDER}; border-radius: {m.px(32)}px; }}"
            f"QLabel#status-chip {{ font-size: {m.px(26)}px; font-weight: 700;"
            f" border-radius: {m.px(24)}px; padding: {m.px(12)}px {m.px(30)}px; }}"
            f"QLabel#status-chip[ok='true'] {{ background: {theme.SUCCESS_BG};"
            f" color: {theme.SUCCESS}; }}"
            f"QLabel#status-chip[ok='false'] {{ background: {theme.WARNING_BG};"
            f" color: {theme.WARNING}; }}"
            f"QLabel[role='number-heading'] {{ font-size: {m.px(30)}px; font-weight: 700;"
            f" color: {theme.MUTED}; letter-spacing: {m.px(4)}px; }}"
            f"QLabel#ticket-number {{ font-size: {m.px(self.number_px)}px; font-weight: 800;"
            f" color: {theme.PRIMARY_DARK}; }}"
            f"QLabel#priority-chip {{ background: {theme.PRIORITY}; color: white;"
            f" font-size: {m.px(26)}px; font-weight: 700; border-radius: {m.px(20)}px;"
            f" padding: {m.px(10)}px {m.px(28)}px; }}"
            f"QLabel[role='number-service'] {{ font-size: {m.px(38)}px; font-weight: 700; }}"
        )


class ResultScreen(Screen):
    """The printed ticket's number and what to expect; returns home by itself."""

    done = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-result")
        self.outcome: FlowOutcome | None = None
        layout = QVBoxLayout(self)
        self.body = QGridLayout()
        self.card = NumberCard()
        self.ahead = StatTile("people", "stat-ahead")
        self.wait = StatTile("hourglass", "stat-wait")
        self.counters = StatTile("counter", "stat-counters")
        self.side = QVBoxLayout()
        self.build_side()
        bottom = QHBoxLayout()
        self.instruction = label("", "body")
        self.countdown = CountdownRing(100)
        self.finish = TouchButton("", "primary", "check")
        self.finish.setObjectName("finish")
        self.finish.clicked.connect(self.done)
        bottom.addWidget(self.instruction, 1)
        bottom.addWidget(self.countdown)
        bottom.addWidget(self.finish)
        layout.addLayout(self.body, 1)
        layout.addLayout(bottom)
        self._arrange(portrait=False)
        self._deadline = 0.0
        self._seconds = 0.0
        self._timer = QTimer(self, interval=250)
        self._timer.timeout.connect(self._tick)
        self.retranslate()

    def build_side(self) -> None:
        for tile in (self.ahead, self.wait, self.counters):
            self.side.addWidget(tile, 1)

    @property
    def seconds(self) -> float:
        return self.ctx.config.result_seconds

    def show_outcome(self, outcome: FlowOutcome) -> None:
        self.outcome = outcome
        self.refresh()
        self._seconds = self.seconds
        self._deadline = time.monotonic() + self._seconds
        self._timer.start()
        self._tick()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _tick(self) -> None:
        left = self._deadline - time.monotonic()
        self.countdown.set_progress(left / max(1.0, self._seconds), max(0, round(left + 0.49)))
        if left <= 0:
            self._timer.stop()
            self.done.emit()

    def status_text(self) -> str:
        return self.tr("Tiket berhasil dicetak")

    def retranslate(self) -> None:
        self.finish.setText(self.tr("Selesai"))
        self.card.heading.setText(self.tr("NOMOR ANTREAN ANDA"))
        self.ahead.caption.setText(self.tr("Antrean sebelum Anda"))
        self.wait.caption.setText(self.tr("Perkiraan waktu tunggu"))
        self.instruction.setText(self.instruction_text())

    def instruction_text(self) -> str:
        return self.tr("Ambil tiket Anda di bawah layar, lalu tunggu sampai nomor Anda dipanggil.")

    def refresh(self) -> None:
        if self.outcome is None:
            return
        issued = self.outcome.issued
        self.card.show_ticket(issued, self.status_text(), True)
        self.ahead.value.setText(str(issued.people_ahead))
        self.wait.value.setText(wait_text(issued.estimated_wait_minutes))
        self.show_serving()

    def show_serving(self) -> None:
        """The loket open now for the ticket's service, from the live snapshot once it is
        newer than the ticket (a loket opening or going on break changes the text)."""
        if self.outcome is None:
            return
        issued = self.outcome.issued
        snapshot = self.ctx.data.snapshot
        queue = self.ctx.data.queue(issued.ticket.service_code)
        if snapshot is None or snapshot.at < issued.ticket.issued_at:
            queue = None  # older than the ticket: what the ticket was issued with counts
        serving = queue.serving if queue is not None else issued.serving
        opens_at = queue.availability.opens_at if queue is not None else None
        caption, parts = self.serving_text(serving.open_now, opens_at)
        self.counters.caption.setText(caption)
        self.counters.value.set_parts(parts)

    def serving_text(
        self, open_now: tuple[int, ...], opens_at: str | None
    ) -> tuple[str, list[str]]:
        """The tile's caption and its value in parts kept whole on a line: like the other
        tiles, a short caption over a short figure (not "Dilayani di" / "Belum ada…")."""
        if open_now:
            # "Dilayani di" / "Loket 1, 2, 3": each number a part, the first with its word.
            first, *rest = (str(n) for n in open_now)
            return self.tr("Dilayani di"), [self.tr("Loket %1").replace("%1", first), *rest]
        if opens_at:
            return self.tr("Loket buka pukul"), [opens_at]
        return self.tr("Loket yang buka"), [self.tr("Belum ada")]

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.body.setSpacing(m.px(32))
        self.side.setSpacing(m.px(theme.GAP))
        self._arrange(m.portrait)
        self.finish.setMinimumWidth(m.px(300))

    def _arrange(self, portrait: bool) -> None:
        while self.body.count():
            self.body.takeAt(0)
        if portrait:
            self.body.addWidget(self.card, 0, 0)
            self.body.addLayout(self.side, 1, 0)
            self.body.setRowStretch(0, 3)
            self.body.setRowStretch(1, 2)
            self.body.setColumnStretch(0, 1)
            self.body.setColumnStretch(1, 0)
        else:
            self.body.addWidget(self.card, 0, 0)
            self.body.addLayout(self.side, 0, 1)
            self.body.setColumnStretch(0, 3)
            self.body.setColumnStretch(1, 2)
            self.body.setRowStretch(0, 1)
            self.body.setRowStretch(1, 0)


class TicketImage(QLabel):
    """The ticket exactly as the printer lays it out (render_png), scaled to fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticket-image")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._source: QPixmap | None = None

    def set_image(self, image: Image.Image) -> None:
        self._source = pil_to_pixmap(image)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._source is None:
            return
        size = self.size()
        self.setPixmap(
            self._source.scaled(
                size.width() - 8,
                size.height() - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class OnScreenTicketScreen(ResultScreen):
    """No paper: the same ticket drawn on screen, QR code included, shown a little longer."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-onscreen")
        self.card.number_px = 160
        for tile in (self.ahead, self.wait, self.counters):
            tile.value_px = 30  # three tiles side by side under the number

    def build_side(self) -> None:
        self.paper = QFrame()
        self.paper.setObjectName("paper")
        self.paper.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.paper_box = QVBoxLayout(self.paper)
        self.note = label("", "muted")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = TicketImage()
        self.paper_box.addWidget(self.note)
        self.paper_box.addWidget(self.image, 1)
        self.side.addWidget(self.paper, 1)
        self.stats = QHBoxLayout()
        for tile in (self.ahead, self.wait, self.counters):
            self.stats.addWidget(tile, 1)
        self.card.box.addLayout(self.stats)

    @property
    def seconds(self) -> float:
        return self.ctx.config.on_screen_seconds

    def status_text(self) -> str:
        if self.ctx.config.has_printer:
            return self.tr("Printer sedang tidak tersedia")
        return self.tr("Tiket ditampilkan di layar")

    def instruction_text(self) -> str:
        return self.tr(
            "Foto layar ini atau catat nomor Anda, lalu tunggu sampai nomor Anda dipanggil."
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(self.tr("Tiket Anda"))

    def refresh(self) -> None:
        super().refresh()
        if self.outcome is None:
            return
        self.card.show_ticket(self.outcome.issued, self.status_text(), False)
        image = render_png(self.outcome.printable, PAPERS[self.ctx.config.paper_spec])
        self.image.set_image(image)

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.paper_box.setContentsMargins(m.px(24), m.px(20), m.px(24), m.px(24))
        self.paper.setStyleSheet(
            f"QFrame#paper {{ background: {theme.SURFACE_ALT}; border: {m.px(2)}px solid"
            f" {theme.BORDER}; border-radius: {m.px(32)}px; }}"
        )
        self.stats.setSpacing(m.px(16))
