"""The top bar: the hall's logo and name, the date and a clock with WIB/WITA/WIT."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from core import clock, dates
from core.clock import zone_label
from display import theme, wording
from display.painting import draw_text, fitted

W = QFont.Weight


class HeaderBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall_name = ""
        self.short_name = ""
        self.subtitle = ""
        self.timezone = "Asia/Jakarta"
        self.language = "id"
        self.accent = QColor(theme.DEFAULT_ACCENT)
        self._logo_svg: QSvgRenderer | None = None
        self._logo_pixmap: QPixmap | None = None
        self._now: datetime = clock.now()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        self.tick()

    def set_logo(self, path: Path | None) -> bool:
        self._logo_svg = self._logo_pixmap = None
        if path is None or not path.is_file():
            self.update()
            return False
        if path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path))
            if renderer.isValid():
                self._logo_svg = renderer
        else:
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                self._logo_pixmap = pixmap
        self.update()
        return self._logo_svg is not None or self._logo_pixmap is not None

    @property
    def has_logo(self) -> bool:
        return self._logo_svg is not None or self._logo_pixmap is not None

    def tick(self) -> None:
        """Repaint now and again at the start of the next second."""
        self._now = clock.now()
        self.update()
        wait = 1000 - (self._now.microsecond // 1000)
        self._timer.start(max(50, min(1000, wait + 5)))

    def clock_text(self) -> str:
        return dates.local(self._now, self.timezone).strftime("%H:%M")

    def date_text(self) -> str:
        return dates.long_date(self._now, self.timezone, self.language)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRectF(self.rect())
        h = rect.height()
        gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        gradient.setColorAt(0, QColor("#101C33"))
        gradient.setColorAt(1, QColor("#0B1426"))
        painter.fillRect(rect, gradient)
        line = QLinearGradient(rect.left(), 0, rect.right(), 0)
        line.setColorAt(0, theme.readable_on_dark(self.accent, theme.BG, 3.0))
        line.setColorAt(
            0.6, theme.with_alpha(theme.readable_on_dark(self.accent, theme.BG, 3.0), 0.25)
        )
        line.setColorAt(1, theme.with_alpha(self.accent, 0.0))
        painter.fillRect(
            QRectF(
                rect.left(), rect.bottom() - max(2.0, h * 0.04), rect.width(), max(2.0, h * 0.04)
            ),
            line,
        )

        pad = h * 0.26
        left = rect.left() + pad
        if self.has_logo:
            box = QRectF(left, h * 0.16, h * 0.68, h * 0.68)
            self._draw_logo(painter, box)
            left = box.right() + pad * 0.8

        # Right: the clock, with seconds and the zone beside it, the date under it.
        clock_font = QFont(theme.font(h * 0.46, W.Bold))
        time_text = self.clock_text()
        local = dates.local(self._now, self.timezone)
        seconds = f":{local.second:02d}"
        zone = zone_label(self.timezone, self._now)
        small = theme.font(h * 0.2, W.DemiBold)

        big_w = QFontMetricsF(clock_font).horizontalAdvance(time_text)
        small_w = max(
            QFontMetricsF(small).horizontalAdvance(seconds),
            QFontMetricsF(small).horizontalAdvance(zone),
        )
        right = rect.right() - pad
        clock_left = right - big_w - small_w - h * 0.08
        top_band = QRectF(clock_left, h * 0.1, big_w, h * 0.5)
        draw_text(painter, top_band, time_text, clock_font, theme.TEXT, fit=False)
        sx = clock_left + big_w + h * 0.08
        draw_text(
            painter, QRectF(sx, h * 0.1, small_w, h * 0.24), seconds, small, theme.MUTED, fit=False
        )
        draw_text(
            painter,
            QRectF(sx, h * 0.36, small_w, h * 0.24),
            zone,
            small,
            theme.readable_on_dark(self.accent, theme.BG, 4.5),
            fit=False,
        )
        date_font = theme.font(h * 0.19, W.Medium)
        date_text = self.date_text()
        date_w = QFontMetricsF(date_font).horizontalAdvance(date_text)
        date_left = min(clock_left, right - date_w)
        draw_text(
            painter,
            QRectF(date_left, h * 0.64, right - date_left, h * 0.22),
            date_text,
            date_font,
            theme.MUTED,
            Qt.AlignmentFlag.AlignRight,
            fit=False,
        )

        # Left: the hall (its short name when the full one would be small), then this screen.
        name_w = max(10.0, date_left - pad - left)
        name = self.hall_name
        name_font = fitted(theme.font(h * 0.3, W.Bold), name, name_w, h * 0.3)
        if name_font.pixelSize() < h * 0.24 and self.short_name:
            name = self.short_name
            name_font = fitted(theme.font(h * 0.3, W.Bold), name, name_w, h * 0.3)
        draw_text(
            painter,
            QRectF(left, h * 0.17, name_w, h * 0.36),
            name,
            name_font,
            theme.TEXT,
            elide=True,
            fit=False,
        )
        sub = self.subtitle or wording.queue_board()
        draw_text(
            painter,
            QRectF(left, h * 0.58, name_w, h * 0.24),
            sub.upper(),
            theme.font(h * 0.16, W.DemiBold, spacing=h * 0.02),
            theme.SUBTLE,
            elide=True,
        )
        painter.end()

    def _draw_logo(self, painter: QPainter, box: QRectF) -> None:
        if self._logo_svg is not None:
            size = self._logo_svg.defaultSize()
            target = _fit(box, size.width(), size.height())
            self._logo_svg.render(painter, target)
        elif self._logo_pixmap is not None:
            pm = self._logo_pixmap
            target = _fit(box, pm.width(), pm.height())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pm, QRectF(pm.rect()))


def _fit(box: QRectF, width: float, height: float) -> QRectF:
    if width <= 0 or height <= 0:
        return box
    scale = min(box.width() / width, box.height() / height)
    w, h = width * scale, height * scale
    return QRectF(box.center().x() - w / 2, box.center().y() - h / 2, w, h)
