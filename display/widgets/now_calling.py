""" "Now calling": the number the hall is hearing, its loket and service, as large as it fits."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QWidget

from core.views import AgencyView
from display import theme, wording
from display.board_state import Call
from display.painting import PaintedText, draw_text, fitted, panel, wrap
from display.widgets import Glow, counter_name_shown

W = QFont.Weight
BADGE_INK = QColor("#1A1300")
NAME_FLOOR = 0.7  # a loket name shown smaller than this (of the line's size) gives way to
# "Loket N" in large, with the whole name in two smaller lines under it


def badge_colours(glow: float) -> tuple[QColor, QColor]:
    """(fill, ink) of the "Dipanggil" badge: solid gold and dark ink at every step of the
    pulse (the pulse lightens the gold), so it reads on any agency colour."""
    return theme.mix(theme.GOLD, QColor("#FFE7A3"), 0.5 * glow), BADGE_INK


class NowCallingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call: Call | None = None
        self.agency: AgencyView | None = None
        self.compact = False  # portrait: number and loket side by side
        self.glow = Glow(parent=self)
        self.glow.tick.connect(self.update)
        self.presented = 0  # how many calls were shown (tests, bench)
        self.texts: dict[str, PaintedText] = {}  # "number", "go_to", "counter" … last painted

    def present(self, call: Call | None, agency: AgencyView | None, highlight: bool) -> None:
        self.call = call
        self.agency = agency
        self.presented += 1
        if highlight and call is not None:
            self.glow.start()
        else:
            self.glow.stop()
        self.update()

    @property
    def number_text(self) -> str:
        return self.call.number if self.call else ""

    @property
    def highlighted(self) -> bool:
        return self.glow.active

    def _accent(self) -> QColor:
        return theme.accent(self.agency.color if self.agency else None)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        unit = min(rect.width() / 760, rect.height() / 600)
        radius = max(8.0, 22 * unit)
        accent = self._accent()
        glow = self.glow.strength()

        # The card: the agency colour, deep, with light from the top left.
        top = theme.mix(accent, theme.BG, 0.35)
        bottom = theme.mix(accent, theme.BG, 0.78)
        if self.call is None:
            top, bottom = theme.SURFACE_HI, theme.SURFACE
        gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
        gradient.setColorAt(0, top)
        gradient.setColorAt(1, bottom)
        path = panel(painter, rect, radius, None)
        painter.fillPath(path, gradient)
        shine = QRadialGradient(rect.left() + rect.width() * 0.2, rect.top(), rect.width() * 0.9)
        shine.setColorAt(0, QColor(255, 255, 255, 34))
        shine.setColorAt(1, QColor(255, 255, 255, 0))
        painter.fillPath(path, shine)
        if glow > 0:
            painter.fillPath(path, theme.with_alpha(theme.GOLD, 0.10 * glow))
        edge = theme.mix(theme.with_alpha(theme.TEXT, 0.14), theme.GOLD, glow)
        painter.setPen(QPen(edge, max(1.5, (2 + 6 * glow) * unit)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

        pad = 36 * unit
        inner = rect.adjusted(pad, pad * 0.8, -pad, -pad * 0.8)
        self.texts.clear()
        if self.call is None:
            self._paint_empty(painter, inner, unit)
        elif self.compact:
            self._paint_wide(painter, inner, unit, glow)
        else:
            self._paint_tall(painter, inner, unit, glow)
        painter.end()

    def _badge(
        self, painter: QPainter, right: float, top: float, height: float, glow: float
    ) -> None:
        call = self.call
        if call is None or (not self.glow.active and call.recall_count == 0):
            return
        text = wording.recall_badge() if call.recall_count else wording.calling_badge()
        font = theme.font(height * 0.5, W.Bold, spacing=height * 0.04)
        width = QFontMetricsF(font).horizontalAdvance(text.upper()) + height * 1.2
        box = QRectF(right - width, top, width, height)
        fill, ink = badge_colours(glow)
        panel(painter, box, height / 2, fill)
        draw_text(
            painter,
            box,
            text.upper(),
            font,
            ink,
            Qt.AlignmentFlag.AlignHCenter,
            painted=self.texts,
            role="badge",
        )

    def _label(
        self, painter: QPainter, rect: QRectF, text: str, size: float, role: str = ""
    ) -> None:
        draw_text(
            painter,
            rect,
            text.upper(),
            theme.font(size, W.DemiBold, spacing=size * 0.14),
            theme.with_alpha(theme.TEXT, 0.78),
            painted=self.texts if role else None,
            role=role,
        )

    def _paint_tall(self, painter: QPainter, r: QRectF, unit: float, glow: float) -> None:
        call = self.call
        assert call is not None
        head = 40 * unit
        self._label(
            painter,
            QRectF(r.left(), r.top(), r.width() * 0.6, head),
            wording.now_calling(),
            24 * unit,
        )
        self._badge(painter, r.right(), r.top(), head, glow)

        # A long loket name takes two lines under the loket: the number gives up some room.
        named = bool(self._counter_lines(r.width(), r.height() * 0.2)[1])
        number_share = 0.34 if named else 0.42
        number_box = QRectF(
            r.left(), r.top() + head + 8 * unit, r.width(), r.height() * number_share
        )
        number_font = fitted(
            theme.font(number_box.height() * 1.25, W.Black),
            call.number,
            number_box.width(),
            number_box.height(),
        )
        draw_text(
            painter,
            number_box,
            call.number,
            number_font,
            theme.TEXT,
            Qt.AlignmentFlag.AlignHCenter,
            fit=False,
            painted=self.texts,
            role="number",
        )

        y = number_box.bottom() + 18 * unit
        painter.fillRect(
            QRectF(r.left(), y, r.width(), max(1.0, 2 * unit)), theme.with_alpha(theme.TEXT, 0.16)
        )
        y += 22 * unit
        self._label(
            painter,
            QRectF(r.left(), y, r.width(), 30 * unit),
            wording.please_go_to(),
            21 * unit,
            "go_to",
        )
        y += 38 * unit
        counter_box = QRectF(r.left(), y, r.width(), r.bottom() - y - 74 * unit)
        colour = theme.mix(theme.TEXT, theme.GOLD, max(glow, 0.0))
        self._counter(painter, counter_box, colour, unit)
        self._service_line(
            painter, QRectF(r.left(), r.bottom() - 56 * unit, r.width(), 56 * unit), unit
        )

    def _paint_wide(self, painter: QPainter, r: QRectF, unit: float, glow: float) -> None:
        call = self.call
        assert call is not None
        head = 40 * unit
        self._label(
            painter,
            QRectF(r.left(), r.top(), r.width() * 0.5, head),
            wording.now_calling(),
            24 * unit,
        )
        self._badge(painter, r.right(), r.top(), head, glow)
        body = QRectF(
            r.left(), r.top() + head + 10 * unit, r.width(), r.height() - head - 80 * unit
        )
        split = body.left() + body.width() * 0.56
        number_box = QRectF(body.left(), body.top(), body.width() * 0.54, body.height())
        number_font = fitted(
            theme.font(number_box.height() * 1.25, W.Black),
            call.number,
            number_box.width(),
            number_box.height() * 0.8,
        )
        draw_text(
            painter,
            number_box,
            call.number,
            number_font,
            theme.TEXT,
            Qt.AlignmentFlag.AlignHCenter,
            fit=False,
            painted=self.texts,
            role="number",
        )
        painter.fillRect(
            QRectF(
                split, body.top() + body.height() * 0.12, max(1.0, 2 * unit), body.height() * 0.76
            ),
            theme.with_alpha(theme.TEXT, 0.16),
        )
        right = QRectF(
            split + 30 * unit, body.top(), body.right() - split - 30 * unit, body.height()
        )
        self._label(
            painter,
            QRectF(right.left(), right.top() + right.height() * 0.14, right.width(), 30 * unit),
            wording.please_go_to(),
            21 * unit,
            "go_to",
        )
        counter_box = QRectF(
            right.left(), right.top() + right.height() * 0.3, right.width(), right.height() * 0.6
        )
        colour = theme.mix(theme.TEXT, theme.GOLD, glow)
        self._counter(painter, counter_box, colour, unit)
        self._service_line(
            painter, QRectF(r.left(), r.bottom() - 56 * unit, r.width(), 56 * unit), unit
        )

    def _counter_lines(self, width: float, height: float) -> tuple[str, str]:
        """(large, small): the loket's (short) name when it fits ``width`` nearly as large as
        "Loket N" would be, else "Loket N"; and the whole name when it is not the large one."""
        call = self.call
        assert call is not None
        full = (call.counter_name or "").strip()
        loket = wording.counter_by_number(call.counter)
        size = fitted(theme.font(height, W.ExtraBold), loket, width, height)  # as "Loket N"
        big = counter_name_shown(call.counter_board_name, call.counter, size, width, NAME_FLOOR)
        return big, full if full and full != big else ""

    def _counter(self, painter: QPainter, box: QRectF, colour: QColor, unit: float) -> None:
        """The loket, large; the whole name, when that is not it, in up to two lines under it."""
        big, small = self._counter_lines(box.width(), box.height())
        line_h = min(box.height() * 0.22, 40 * unit)
        big_box = QRectF(box)
        if small:
            big_box.setHeight(box.height() - 2 * line_h)
        draw_text(
            painter,
            big_box,
            big,
            theme.font(big_box.height(), W.ExtraBold),
            colour,
            Qt.AlignmentFlag.AlignHCenter,
            painted=self.texts,
            role="counter",
        )
        if not small:
            return
        rest = QRectF(box.left(), big_box.bottom(), box.width(), box.bottom() - big_box.bottom())
        font = theme.font(line_h * 0.7, W.DemiBold)
        lines = wrap(small, font, rest.width(), 2)
        top = rest.top() + (rest.height() - line_h * len(lines)) / 2
        for index, line in enumerate(lines):
            draw_text(
                painter,
                QRectF(rest.left(), top + index * line_h, rest.width(), line_h),
                line,
                font,
                theme.with_alpha(theme.TEXT, 0.86),
                Qt.AlignmentFlag.AlignHCenter,
                fit=False,
                painted=self.texts,
                role=f"counter_name.{index}",
            )

    def _service_line(self, painter: QPainter, rect: QRectF, unit: float) -> None:
        call = self.call
        assert call is not None
        parts = [call.service_name]
        if self.agency is not None and self.agency.short_name:
            parts.append(self.agency.short_name)
        text = "  ·  ".join(p for p in parts if p)
        x = rect.left()
        if call.priority != "regular":
            label = wording.priority_badge().upper()
            font = theme.font(rect.height() * 0.36, W.Bold, spacing=unit * 2)
            width = QFontMetricsF(font).horizontalAdvance(label) + rect.height() * 0.8
            box = QRectF(x, rect.top() + rect.height() * 0.18, width, rect.height() * 0.64)
            panel(painter, box, box.height() / 2, QColor("#7C3AED"))
            draw_text(painter, box, label, font, theme.TEXT, Qt.AlignmentFlag.AlignHCenter)
            x = box.right() + 16 * unit
        draw_text(
            painter,
            QRectF(x, rect.top(), rect.right() - x, rect.height()),
            text,
            theme.font(rect.height() * 0.5, W.Medium),
            theme.with_alpha(theme.TEXT, 0.86),
            elide=True,
            fit=False,
        )

    def _paint_empty(self, painter: QPainter, r: QRectF, unit: float) -> None:
        self._label(
            painter,
            QRectF(r.left(), r.top(), r.width(), 40 * unit),
            wording.now_calling(),
            24 * unit,
        )
        draw_text(
            painter,
            QRectF(r.left(), r.top(), r.width(), r.height() * 0.9),
            wording.idle_number(),
            theme.font(r.height() * 0.3, W.Light),
            theme.with_alpha(theme.TEXT, 0.25),
            Qt.AlignmentFlag.AlignHCenter,
        )
        draw_text(
            painter,
            QRectF(r.left(), r.bottom() - 60 * unit, r.width(), 44 * unit),
            wording.waiting_first_call(),
            theme.font(30 * unit, W.Medium),
            theme.MUTED,
            Qt.AlignmentFlag.AlignHCenter,
        )
