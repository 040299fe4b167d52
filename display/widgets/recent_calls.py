"""The last calls, newest first: number → loket, and when it was called."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from core import dates
from core.views import AgencyView
from display import theme, wording
from display.board_state import Call
from display.painting import draw_text, panel
from display.widgets import counter_name_shown

W = QFont.Weight


class RecentCalls(QWidget):
    """A list (landscape) or a row of cards (``horizontal``, portrait)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls: list[Call] = []
        self.agencies: dict[str, AgencyView] = {}
        self.timezone = "Asia/Jakarta"
        self.horizontal = False
        self.exclude: int | None = None  # the ticket on the "now calling" card

    def set_calls(self, calls: Sequence[Call], agencies: dict[str, AgencyView]) -> None:
        self.calls = list(calls)
        self.agencies = agencies
        self.update()

    def set_exclude(self, ticket_id: int | None) -> None:
        if ticket_id != self.exclude:
            self.exclude = ticket_id
            self.update()

    def shown(self) -> list[Call]:
        calls = [c for c in self.calls if c.ticket_id != self.exclude]
        return calls[: self.capacity()]

    def numbers(self) -> list[str]:
        return [c.number for c in self.shown()]

    def capacity(self) -> int:
        rect = QRectF(self.rect())
        if self.horizontal:
            return max(1, min(6, int(rect.width() / max(rect.height() * 1.25, 1))))
        title = self._title_height(rect)
        row = self._row_height(rect)
        return max(1, int((rect.height() - title) / row + 0.01))

    def _title_height(self, rect: QRectF) -> float:
        if self.horizontal:
            return rect.height() * 0.26
        return max(20.0, min(rect.width() * 0.085, 52.0 * rect.width() / 700))

    def _row_height(self, rect: QRectF) -> float:
        title = self._title_height(rect)
        return max(28.0, min(rect.width() * 0.12, (rect.height() - title) / 5))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRectF(self.rect())
        title_h = self._title_height(rect)
        size = title_h * 0.42
        draw_text(
            painter,
            QRectF(0, 0, rect.width(), title_h * 0.8),
            wording.recent_title().upper(),
            theme.font(size, W.DemiBold, spacing=size * 0.14),
            theme.SUBTLE,
        )
        calls = self.shown()
        body = rect.adjusted(0, title_h, 0, 0)
        if not calls:
            draw_text(
                painter,
                body.adjusted(0, 0, 0, -body.height() * 0.5),
                wording.no_calls_yet(),
                theme.font(size * 1.2, W.Medium),
                theme.SUBTLE,
                fit=False,
            )
        elif self.horizontal:
            self._paint_cards(painter, body, calls)
        else:
            self._paint_rows(painter, body, calls)
        painter.end()

    def _paint_rows(self, painter: QPainter, body: QRectF, calls: list[Call]) -> None:
        row_h = self._row_height(QRectF(self.rect()))
        gap = row_h * 0.12
        for index, call in enumerate(calls):
            r = QRectF(body.left(), body.top() + index * row_h, body.width(), row_h - gap)
            fill = theme.SURFACE if index % 2 == 0 else theme.mix(theme.SURFACE, theme.BG, 0.45)
            panel(painter, r, r.height() * 0.18, fill)
            agency = self.agencies.get(call.agency_code)
            accent = theme.accent(agency.color if agency else None)
            dot = r.height() * 0.16
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.readable_on_dark(accent, theme.SURFACE, 3.0))
            painter.drawEllipse(
                QRectF(r.left() + r.height() * 0.32, r.center().y() - dot / 2, dot, dot)
            )
            pad = r.height() * 0.7
            text_h = r.height() * 0.8
            draw_text(
                painter,
                QRectF(r.left() + pad, r.top(), r.width() * 0.36, r.height()),
                call.number,
                theme.font(text_h * 0.78, W.Bold),
                theme.TEXT,
                fit=False,
            )
            box = QRectF(r.left() + r.width() * 0.40, r.top(), r.width() * 0.38, r.height())
            font = theme.font(text_h * 0.6, W.DemiBold)
            counter = counter_name_shown(
                call.counter_board_name, call.counter, font, box.width() * 0.85, 1.0
            )
            draw_text(
                painter,
                box,
                f"→  {counter}",
                font,
                theme.MUTED,
                elide=True,
                fit=False,
            )
            if call.called_at is not None:
                draw_text(
                    painter,
                    QRectF(r.left(), r.top(), r.width() - pad * 0.5, r.height()),
                    dates.local(call.called_at, self.timezone).strftime("%H:%M"),
                    theme.font(text_h * 0.5, W.Medium),
                    theme.SUBTLE,
                    Qt.AlignmentFlag.AlignRight,
                    fit=False,
                )

    def _paint_cards(self, painter: QPainter, body: QRectF, calls: list[Call]) -> None:
        count = self.capacity()
        gap = body.height() * 0.12
        w = (body.width() - gap * (count - 1)) / count
        for index, call in enumerate(calls):
            r = QRectF(body.left() + index * (w + gap), body.top(), w, body.height())
            panel(painter, r, r.height() * 0.12, theme.SURFACE, theme.BORDER)
            agency = self.agencies.get(call.agency_code)
            accent = theme.accent(agency.color if agency else None)
            painter.fillRect(
                QRectF(
                    r.left() + r.width() * 0.3,
                    r.top(),
                    r.width() * 0.4,
                    max(3.0, r.height() * 0.04),
                ),
                accent,
            )
            draw_text(
                painter,
                QRectF(r.left(), r.top() + r.height() * 0.12, r.width(), r.height() * 0.45),
                call.number,
                theme.font(r.height() * 0.36, W.Bold),
                theme.TEXT,
                Qt.AlignmentFlag.AlignHCenter,
            )
            box = QRectF(
                r.left() + 6, r.top() + r.height() * 0.58, r.width() - 12, r.height() * 0.26
            )
            font = theme.font(r.height() * 0.2, W.DemiBold)
            counter = counter_name_shown(
                call.counter_board_name, call.counter, font, box.width(), 0.8
            )
            draw_text(
                painter,
                box,
                counter,
                font,
                theme.MUTED,
                Qt.AlignmentFlag.AlignHCenter,
            )
