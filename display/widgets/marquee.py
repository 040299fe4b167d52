"""The running text along the bottom: the hall's notice, scrolling at an easy reading pace."""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QStaticText
from PySide6.QtWidgets import QWidget

from display import theme, wording
from display.painting import cap_box, draw_text, panel

W = QFont.Weight
SPEED = 2.4  # text heights per second: about 120 px/s on a 1080p screen
GAP = "          •          "


class Marquee(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.accent = QColor(theme.DEFAULT_ACCENT)
        self._static = QStaticText()
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        self._width = 0.0
        self._font_px = 0
        self._started = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._step)

    def set_text(self, text: str) -> None:
        text = " ".join(text.split())
        if text == self.text:
            return
        self.text = text
        self._font_px = 0  # re-measure
        self._started = time.monotonic()
        self._sync_timer()
        self.update()

    def _sync_timer(self) -> None:
        running = bool(self.text) and self.isVisible()
        if running and not self._timer.isActive():
            self._timer.start()
        elif not running:
            self._timer.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _step(self) -> None:
        self.update(self._text_rect().toAlignedRect())

    def _label_width(self) -> float:
        return self.height() * 2.1

    def _text_rect(self) -> QRectF:
        left = self._label_width() + self.height() * 0.35
        return QRectF(left, 0, max(0.0, self.width() - left), self.height())

    def _font(self) -> QFont:
        return theme.font(self.height() * 0.42, W.Medium)

    def _prepare(self, font: QFont) -> None:
        if self._font_px == font.pixelSize():
            return
        self._font_px = font.pixelSize()
        self._static.setText(self.text + GAP)
        self._static.prepare(font=font)
        self._width = QFontMetricsF(font).horizontalAdvance(self.text + GAP)

    def offset(self) -> float:
        """How far the text has moved left, in pixels."""
        if self._width <= 0:
            return 0.0
        speed = SPEED * self.height()
        return ((time.monotonic() - self._started) * speed) % self._width

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRectF(self.rect())
        painter.fillRect(rect, QColor("#0A1222"))
        painter.fillRect(QRectF(0, 0, rect.width(), max(1.0, rect.height() * 0.03)), theme.BORDER)
        h = rect.height()
        label = QRectF(h * 0.3, h * 0.2, self._label_width() - h * 0.3, h * 0.6)
        panel(painter, label, label.height() * 0.22, self.accent)
        draw_text(
            painter,
            label,
            wording.info_label().upper(),
            theme.font(h * 0.28, W.Bold, spacing=h * 0.03),
            theme.on_accent(self.accent),
            Qt.AlignmentFlag.AlignHCenter,
        )
        if self.text:
            area = self._text_rect()
            font = self._font()
            self._prepare(font)
            painter.setClipRect(area)
            painter.setFont(font)
            painter.setPen(theme.TEXT)
            baseline = cap_box(font, area)
            top = baseline - QFontMetricsF(font).ascent()
            x = area.left() - self.offset()
            while x < area.right():
                painter.drawStaticText(QPointF(x, top), self._static)
                x += self._width
        painter.end()
