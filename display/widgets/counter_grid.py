"""The counters: loket name → the number it serves now, and whether it is open."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from core.views import AgencyView
from display import theme, wording
from display.board_state import CounterSlot
from display.painting import PaintedText, draw_text, fitted, panel
from display.widgets import Glow, counter_name_shown

W = QFont.Weight
TILE_ASPECT = 1.45  # width / height the grid aims for
NAME_FLOOR = 0.75  # a name shown smaller than this (of its size) gives way to "Loket N"
STATUS_FLOOR = 0.72  # the status line shrinks to this much of its size, then is elided


def grid_shape(count: int, width: float, height: float, gap: float) -> tuple[int, int]:
    """Columns and rows that make the tiles as large as possible near TILE_ASPECT."""
    if count <= 0:
        return (1, 1)
    best, best_size = (1, count), -1.0
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        w = (width - gap * (cols - 1)) / cols
        h = (height - gap * (rows - 1)) / rows
        if w <= 0 or h <= 0:
            continue
        size = min(w, h * TILE_ASPECT)  # the usable tile, at the aimed shape
        if size > best_size + 0.5:
            best, best_size = (cols, rows), size
    return best


class CounterGrid(QWidget):
    """One widget paints every tile: cheap to repaint, and laid out by its own size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slots: list[CounterSlot] = []
        self.agencies: dict[str, AgencyView] = {}
        self.title = ""
        self.unit = 1.0  # the window's scale, for the title
        self._flash: dict[int, float] = {}  # counter → when its new number arrived
        self.glow = Glow(parent=self)
        self.glow.tick.connect(self.update)
        self.painted: dict[int, str] = {}  # counter → number last painted there
        self.texts: dict[str, PaintedText] = {}  # "name.3", "status.3" … as last painted
        self.on_painted: Callable[[str, float], None] | None = None  # (number, monotonic): bench

    def set_slots(self, slots: Sequence[CounterSlot], agencies: dict[str, AgencyView]) -> None:
        self.slots = list(slots)
        self.agencies = agencies
        self.update()

    def flash(self, counter: int) -> None:
        self._flash[counter] = time.monotonic()
        self.glow.start()

    def number_at(self, counter: int) -> str:
        for slot in self.slots:
            if slot.number == counter:
                return slot.current.number if slot.current else ""
        return ""

    def status_text(self, counter: int) -> str:
        """What the tile says about the counter: its ticket's status, else the counter's state."""
        for slot in self.slots:
            if slot.number == counter:
                return tile_status(slot)
        return ""

    def counters(self) -> list[int]:
        return [slot.number for slot in self.slots]

    def tile_rects(self) -> list[QRectF]:
        rect = QRectF(self.rect())
        header = self._header_height(rect)
        body = rect.adjusted(0, header, 0, 0)
        gap = max(6.0, min(body.width(), body.height()) * 0.022)
        cols, rows = grid_shape(len(self.slots), body.width(), body.height(), gap)
        w = (body.width() - gap * (cols - 1)) / cols
        h = (body.height() - gap * (rows - 1)) / rows
        h = min(h, w / 1.05)  # few counters: no towering tiles
        return [
            QRectF(body.left() + (i % cols) * (w + gap), body.top() + (i // cols) * (h + gap), w, h)
            for i in range(len(self.slots))
        ]

    def _header_height(self, rect: QRectF) -> float:
        return max(20.0, 46 * self.unit)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRectF(self.rect())
        header = self._header_height(rect)
        size = header * 0.42
        draw_text(
            painter,
            QRectF(0, 0, rect.width() * 0.6, header * 0.7),
            wording.counters_title().upper(),
            theme.font(size, W.DemiBold, spacing=size * 0.14),
            theme.SUBTLE,
        )
        if self.title:
            draw_text(
                painter,
                QRectF(rect.width() * 0.4, 0, rect.width() * 0.6, header * 0.7),
                self.title,
                theme.font(size, W.DemiBold),
                theme.MUTED,
                Qt.AlignmentFlag.AlignRight,
                elide=True,
            )
        now = time.monotonic()
        for slot, tile in zip(self.slots, self.tile_rects(), strict=False):
            started = self._flash.get(slot.number)
            strength = 0.0
            if started is not None:
                if now - started < self.glow.seconds:
                    strength = self.glow.strength() if self.glow.active else 0.0
                else:
                    del self._flash[slot.number]
            self._paint_tile(painter, tile, slot, strength)
            shown = slot.current.number if slot.current is not None else ""
            if self.painted.get(slot.number) != shown:
                self.painted[slot.number] = shown
                if shown and self.on_painted is not None:
                    self.on_painted(shown, now)
        painter.end()

    def _paint_tile(self, painter: QPainter, r: QRectF, slot: CounterSlot, glow: float) -> None:
        unit = min(r.width() / 300, r.height() / 210)
        radius = max(6.0, 16 * unit)
        code = slot.current.agency_code if slot.current is not None else slot.agency_code
        agency = self.agencies.get(code) or self.agencies.get(slot.agency_code)
        accent = theme.accent(agency.color if agency else None)
        closed = slot.state == "closed"
        fill = theme.SURFACE if not closed else theme.mix(theme.SURFACE, theme.BG, 0.5)
        path = panel(painter, r, radius, fill)
        if glow > 0:
            painter.fillPath(path, theme.with_alpha(theme.GOLD, 0.10 * glow))
        # The agency's colour: a band along the left edge.
        band = QRectF(r.left(), r.top(), max(4.0, 8 * unit), r.height())
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(band, accent if not closed else theme.with_alpha(accent, 0.35))
        painter.restore()
        edge = theme.mix(theme.BORDER, theme.GOLD, glow)
        painter.setPen(QPen(edge, max(1.0, (1 + 4 * glow) * unit)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

        pad = 22 * unit
        left = r.left() + band.width() + pad * 0.8
        inner_w = r.right() - pad - left
        top_h = 44 * unit
        state_colour = theme.STATE_COLOURS.get(slot.state, theme.CLOSED)
        state_text = wording.state_name(slot.state)
        top = QRectF(left, r.top() + pad * 0.75, inner_w, top_h)
        state_font = theme.font(top_h * 0.36, W.Bold, spacing=top_h * 0.02)
        word_w = QFontMetricsF(state_font).horizontalAdvance(state_text.upper())
        dot = top_h * 0.26
        state_w = word_w + dot * 1.8
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(state_colour)
        painter.drawEllipse(QRectF(top.right() - state_w, top.center().y() - dot / 2, dot, dot))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        draw_text(
            painter,
            QRectF(top.right() - word_w, top.top(), word_w, top_h),
            state_text.upper(),
            state_font,
            theme.mix(state_colour, theme.TEXT, 0.25),
            fit=False,
        )
        name_rect = QRectF(left, top.top(), inner_w - state_w - pad * 0.4, top_h)
        name_colour = theme.TEXT if not closed else theme.SUBTLE
        name_font = theme.font(top_h * 0.62, W.Bold)
        draw_text(
            painter,
            name_rect,
            counter_name_shown(
                slot.board_name, slot.number, name_font, name_rect.width(), NAME_FLOOR
            ),
            name_font,
            name_colour,
            elide=True,
            floor=NAME_FLOOR,
            painted=self.texts,
            role=f"name.{slot.number}",
        )

        bottom_h = 34 * unit
        number_rect = QRectF(
            left,
            name_rect.bottom() + 6 * unit,
            inner_w,
            r.bottom() - pad * 0.7 - bottom_h - name_rect.bottom() - 12 * unit,
        )
        if slot.current is not None and not closed:
            text = slot.current.number
            font = fitted(
                theme.font(number_rect.height() * 1.3, W.Black),
                text,
                number_rect.width(),
                number_rect.height() * 0.82,
            )
            colour = theme.mix(theme.TEXT, theme.GOLD, glow)
            draw_text(
                painter, number_rect, text, font, colour, Qt.AlignmentFlag.AlignHCenter, fit=False
            )
        else:
            draw_text(
                painter,
                number_rect,
                wording.idle_number(),
                theme.font(number_rect.height() * 0.5, W.Light),
                theme.with_alpha(theme.TEXT, 0.22),
                Qt.AlignmentFlag.AlignHCenter,
            )
        line = QRectF(left, r.bottom() - pad * 0.7 - bottom_h, inner_w, bottom_h)
        # With a ticket: whose service it is; without: what the counter is doing.
        who = agency.short_name if agency is not None and slot.current is not None else ""
        text = who or tile_status(slot)
        colour = theme.readable_on_dark(accent, fill, 5.0) if who else theme.SUBTLE
        if closed:
            colour = theme.SUBTLE
        draw_text(
            painter,
            line,
            text,
            theme.font(bottom_h * 0.62, W.DemiBold),
            colour,
            Qt.AlignmentFlag.AlignHCenter,
            elide=True,
            floor=STATUS_FLOOR,
            painted=self.texts,
            role=f"status.{slot.number}",
        )


def tile_status(slot: CounterSlot) -> str:
    if slot.current is not None and slot.state != "closed":
        return wording.ticket_status(slot.status)
    return {
        "open": wording.counter_free(),
        "break": wording.counter_on_break(),
    }.get(slot.state, wording.counter_closed())


def state_colour(state: str) -> QColor:
    return theme.STATE_COLOURS.get(state, theme.CLOSED)
