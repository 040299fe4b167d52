"""The band across the top: hall emblem and name, date and clock with zone, language switch."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import clock, dates
from core.language import LANGUAGES
from kiosk import icons, theme
from kiosk.screens.base import Context
from kiosk.widgets import label
from ui.theme import Scale

log = logging.getLogger(__name__)


class Emblem(QWidget):
    """The hall's logo (from the hall file, through the database) or a plain emblem instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo: QPixmap | None = None
        self._scaled: tuple[tuple[int, int, float], QPixmap] | None = None  # (for size, pixmap)
        self.rescale(Scale())

    def set_logo(self, path: Path | None) -> bool:
        """Show the picture at ``path`` (None: the drawn emblem); False when there is none."""
        pixmap = QPixmap(str(path)) if path is not None else None
        if pixmap is not None and pixmap.isNull():
            log.warning("hall logo %s cannot be shown: the drawn emblem stands in", path)
            pixmap = None
        self.logo, self._scaled = pixmap, None
        self.update()
        return pixmap is not None

    def rescale(self, m: Scale) -> None:
        self.setFixedSize(m.px(96), m.px(96))

    def _scaled_logo(self, logo: QPixmap) -> QPixmap:
        """The logo at this widget's size in device pixels, scaled once per size."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio)
        if self._scaled is None or self._scaled[0] != key:
            scaled = logo.scaled(
                self.size() * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            self._scaled = (key, scaled)
        return self._scaled[1]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        if self.logo is not None:
            scaled = self._scaled_logo(self.logo)
            shown = scaled.deviceIndependentSize()
            painter.drawPixmap(
                QPointF((self.width() - shown.width()) / 2, (self.height() - shown.height()) / 2),
                scaled,
            )
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.ACCENT))
        painter.drawEllipse(rect)
        painter.setBrush(QColor("#FFFFFF"))
        inset = rect.width() * 0.07
        painter.drawEllipse(rect.adjusted(inset, inset, -inset, -inset))
        size = round(rect.width() * 0.52)
        pixmap = icons.ui_icon("ticket", size, theme.HEADER, self.devicePixelRatioF())
        painter.drawPixmap((self.width() - size) // 2, (self.height() - size) // 2, pixmap)


class LanguageSwitch(QWidget):
    """Two big segments, "ID" and "EN"; the current language is filled white."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language-switch")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for code in LANGUAGES:
            button = QPushButton()
            button.setObjectName(f"lang-{code}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, code=code: self.chosen.emit(code))
            self.group.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)
        self.buttons["id"].setText("ID\nBahasa")
        self.buttons["en"].setText("EN\nEnglish")
        self.rescale(Scale())

    def set_language(self, lang: str) -> None:
        self.buttons.get(lang, self.buttons["id"]).setChecked(True)

    def rescale(self, m: Scale) -> None:
        r = m.px(20)
        for code, button in self.buttons.items():
            button.setFixedSize(m.px(theme.TOUCH), m.px(theme.TOUCH))
            left = code == "id"
            corners = (
                f"border-top-left-radius: {r}px; border-bottom-left-radius: {r}px;"
                if left
                else f"border-top-right-radius: {r}px; border-bottom-right-radius: {r}px;"
            )
            button.setStyleSheet(
                f"QPushButton {{ background: transparent; color: white; border-radius: 0;"
                f" {corners} border: {m.px(3)}px solid rgba(255,255,255,0.55);"
                f" font-size: {m.px(24)}px; font-weight: 700; padding: 0; min-height: 0; }}"
                f"QPushButton:checked {{ background: white; color: {theme.HEADER};"
                f" border-color: white; }}"
            )


class Header(QWidget):
    language_requested = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = QHBoxLayout(self)
        self.emblem = Emblem()
        self.emblem.set_logo(ctx.data.logo)
        ctx.data.logo_changed.connect(self.emblem.set_logo)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.hall_name = label(ctx.hall.hall.name, "header-title", wrap=True)
        self.hall_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.tagline = label("", "header-sub", wrap=False)
        names.addStretch(1)
        names.addWidget(self.hall_name)
        names.addWidget(self.tagline)
        names.addStretch(1)
        clock_box = QVBoxLayout()
        clock_box.setSpacing(0)
        self.time = label("", "header-clock", wrap=False)
        self.date = label("", "header-date", wrap=False)
        for widget in (self.time, self.date):
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        clock_box.addStretch(1)
        clock_box.addWidget(self.time)
        clock_box.addWidget(self.date)
        clock_box.addStretch(1)
        self.switch = LanguageSwitch()
        self.switch.chosen.connect(self.language_requested)
        self.row.addWidget(self.emblem)
        self.row.addLayout(names, 1)
        self.row.addLayout(clock_box)
        self.row.addWidget(self.switch)
        self._shown = ""
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.retranslate()
        self.rescale(Scale())

    def retranslate(self) -> None:
        self.tagline.setText(self.tr("Silakan ambil nomor antrean di sini"))
        self.switch.set_language(self.ctx.lang)
        self._shown = ""
        self.tick()

    def tick(self) -> None:
        now = clock.now()
        tz = self.ctx.timezone
        shown = dates.clock_time(now, tz) + dates.long_date(now, tz, self.ctx.lang)
        if shown == self._shown:
            return
        self._shown = shown
        self.time.setText(dates.clock_time(now, tz))
        self.date.setText(dates.long_date(now, tz, self.ctx.lang))

    def rescale(self, m: Scale) -> None:
        self.emblem.rescale(m)
        self.switch.rescale(m)
        self.setFixedHeight(m.px(168))
        self.row.setContentsMargins(m.px(theme.MARGIN), m.px(20), m.px(theme.MARGIN), m.px(24))
        self.row.setSpacing(m.px(28))
        self.hall_name.setMaximumWidth(m.px(1100))
        hall = self.ctx.hall.hall
        self.hall_name.setText(hall.short_name if m.portrait and hall.short_name else hall.name)
        self.tagline.setVisible(not m.portrait)
        self.setStyleSheet(
            f"QWidget#header {{ background: {theme.HEADER};"
            f" border-bottom: {m.px(6)}px solid {theme.ACCENT}; }}"
            f"QLabel[role='header-title'] {{ color: white; font-size: {m.px(34)}px;"
            f" font-weight: 700; }}"
            f"QLabel[role='header-sub'] {{ color: {theme.HEADER_MUTED}; font-size: {m.px(23)}px; }}"
            f"QLabel[role='header-clock'] {{ color: white;"
            f" font-size: {m.px(40 if m.portrait else 50)}px;"
            f" font-weight: 700; }}"
            f"QLabel[role='header-date'] {{ color: {theme.HEADER_MUTED};"
            f" font-size: {m.px(23)}px; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
