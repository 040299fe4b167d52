"""Standar pelayanan of one service: what to bring, the fee, how long it takes, what you get."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from core.views import ServiceInfo
from kiosk import theme
from kiosk.screens.base import Context, Screen, reason_text
from kiosk.widgets import IconView, ScrollArea, TouchButton, label
from ui.theme import Scale


class Section(QFrame):
    """A white panel with a heading and plain text or a checklist."""

    def __init__(self, icon: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.box = QVBoxLayout(self)
        head = QHBoxLayout()
        self.icon = IconView(icon, 36, theme.PRIMARY)
        self.heading = label("", "section")
        head.addWidget(self.icon)
        head.addWidget(self.heading, 1)
        self.box.addLayout(head)
        self.body = QVBoxLayout()
        self.box.addLayout(self.body)
        self._items: list[QWidget] = []

    def set_lines(self, lines: list[str], bullets: bool = False) -> None:
        for item in self._items:
            item.deleteLater()
        self._items = []
        for text in lines:
            if bullets:
                row = QWidget()
                h = QHBoxLayout(row)
                h.setContentsMargins(0, 0, 0, 0)
                tick = IconView("check", 32, theme.SUCCESS)
                tick.rescale(self._metrics)
                h.addWidget(tick, 0, Qt.AlignmentFlag.AlignTop)
                h.addWidget(label(text, "body"), 1)
                self.body.addWidget(row)
                self._items.append(row)
            else:
                item = label(text, "body")
                self.body.addWidget(item)
                self._items.append(item)

    _metrics = Scale()

    def rescale(self, m: Scale) -> None:
        self._metrics = m
        self.box.setContentsMargins(m.px(32), m.px(26), m.px(32), m.px(28))
        self.box.setSpacing(m.px(14))
        self.body.setSpacing(m.px(10))
        self.setStyleSheet(
            f"QFrame#section {{ background: {theme.SURFACE};"
            f" border: {m.px(2)}px solid {theme.BORDER};"
            f" border-radius: {m.px(24)}px; }}"
        )


class InfoScreen(Screen):
    take_number = Signal(str)
    back = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-info")
        self.info: ServiceInfo | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = TouchButton("", "back", "back")
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.back)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(titles, 1)
        content = QWidget()
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.left_column, self.right_column = QVBoxLayout(), QVBoxLayout()
        self.requirements = Section("ticket")
        self.procedure = Section("info")
        self.fee = Section("star")
        self.time = Section("hourglass")
        self.product = Section("check")
        self.legal = Section("info")
        for section in (self.requirements, self.procedure):
            self.left_column.addWidget(section)
        self.left_column.addStretch(1)
        for section in (self.fee, self.time, self.product, self.legal):
            self.right_column.addWidget(section)
        self.right_column.addStretch(1)
        self.columns.addLayout(self.left_column, 3)
        self.columns.addLayout(self.right_column, 2)
        self.scroller = ScrollArea(content)
        bottom = QHBoxLayout()
        self.closed_note = label("", "closed-note")
        self.take = TouchButton("", "primary", "ticket")
        self.take.setObjectName("take-number")
        self.take.clicked.connect(lambda: self.info and self.take_number.emit(self.info.code))
        bottom.addWidget(self.closed_note, 1)
        bottom.addWidget(self.take)
        layout.addLayout(top)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def show_service(self, code: str) -> None:
        self.info = self.ctx.data.service(code)
        self.refresh()
        self.scroller.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Kembali"))
        self.take.setText(self.tr("Ambil nomor antrean"))
        self.requirements.heading.setText(self.tr("PERSYARATAN YANG PERLU DIBAWA"))
        self.procedure.heading.setText(self.tr("PROSEDUR"))
        self.fee.heading.setText(self.tr("BIAYA / TARIF"))
        self.time.heading.setText(self.tr("WAKTU PENYELESAIAN"))
        self.product.heading.setText(self.tr("PRODUK LAYANAN"))
        self.legal.heading.setText(self.tr("DASAR HUKUM"))

    def refresh(self) -> None:
        info = self.info
        if info is None:
            return
        self.title.setText(info.name)
        self.subtitle.setText(info.agency_name)
        none = self.tr("Tidak ada persyaratan khusus.")
        self.requirements.set_lines(
            list(info.requirements) or [none], bullets=bool(info.requirements)
        )
        unknown = self.tr("Tanyakan kepada petugas.")
        self.fee.set_lines([info.fee or unknown])
        self.time.set_lines([info.completion_time or unknown])
        self.product.set_lines([info.product or unknown])
        self.procedure.setVisible(bool(info.procedure))
        self.procedure.set_lines(self._steps(info.procedure))
        self.legal.setVisible(bool(info.legal_basis))
        self.legal.set_lines([info.legal_basis])
        queue = self.ctx.data.queue(info.code)
        is_open = queue is not None and queue.availability.is_open
        self.take.setVisible(is_open)
        self.closed_note.setVisible(not is_open)
        self.closed_note.setText(reason_text(queue))

    @staticmethod
    def _steps(procedure: str) -> list[str]:
        """ "1. Ambil nomor. 2. Serahkan berkas." → one line per numbered step."""
        parts = [p.strip() for p in re.split(r"(?:^|\s)(?=\d+\.\s)", procedure) if p.strip()]
        return parts or [procedure]

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.columns.setSpacing(m.px(theme.GAP))
        for column in (self.left_column, self.right_column):
            column.setSpacing(m.px(theme.GAP))
        self.take.setMinimumWidth(m.px(520))
        self.closed_note.setStyleSheet(
            f"color: {theme.WARNING}; background: {theme.WARNING_BG}; font-size: {m.px(27)}px;"
            f" font-weight: 600; border-radius: {m.px(18)}px; padding: {m.px(24)}px;"
        )
