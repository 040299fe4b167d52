"""Home: choose an agency. Also the way into the priority lane and, when set up, the survey."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from core.views import AgencyView
from kiosk import icons, theme
from kiosk.screens.base import Context, Screen, waiting_text
from kiosk.widgets import Card, IconView, ResponsiveGrid, ScrollArea, TouchButton, draw_text, label
from ui.theme import Scale
from ui.wording import priority_name


class AgencyTile(Card):
    """An agency: its badge, short and full name, and how many wait for its services."""

    def __init__(self, agency: AgencyView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agency = agency
        self.setObjectName(f"agency-{agency.code}")
        self.summary = ""
        self.closed = False

    def sizeHint(self) -> QSize:
        return QSize(self.metrics.px(420), self.metrics.px(150))

    def rescale(self, m: Scale) -> None:
        super().rescale(m)
        self.setFixedHeight(m.px(150))

    def set_summary(self, text: str, closed: bool) -> None:
        self.summary, self.closed = text, closed
        self.update()

    def paintEvent(self, _event) -> None:
        m = self.metrics
        painter = QPainter(self)
        rect = self.paint_card(painter, theme.SURFACE, theme.BORDER)
        badge = m.px(92)
        pad = m.px(26)
        icons.paint_agency_badge(
            painter,
            QRectF(rect.left() + pad, rect.center().y() - badge / 2, badge, badge),
            self.agency.color,
            self.agency.icon,
            self.agency.short_name,
        )
        left = rect.left() + pad + badge + m.px(24)
        width = rect.right() - left - m.px(20)
        name_size = m.px(29)
        painter.setFont(theme.font(name_size, QFont.Weight.Bold))
        while (
            name_size > m.px(22)
            and painter.fontMetrics().horizontalAdvance(self.agency.short_name) > width
        ):  # long short names ("Dinas Koperasi dan UKM") get a smaller size first
            name_size -= 1
            painter.setFont(theme.font(name_size, QFont.Weight.Bold))
        top = rect.top() + m.px(24)
        used = draw_text(
            painter,
            QRectF(left, top, width, rect.height()),
            self.agency.short_name,
            name_size,
            bold=True,
        )
        below = QRectF(left, top + used + m.px(4), width, rect.height())
        full = self.agency.name if self.agency.name != self.agency.short_name else ""
        if self.closed:
            if full:
                below.setTop(
                    below.top() + draw_text(painter, below, full, m.px(20), color=theme.MUTED)
                )
            draw_text(painter, below, self.summary, m.px(20), color=theme.WARNING, bold=True)
        elif full:
            draw_text(painter, below, full, m.px(20), color=theme.MUTED, lines=2)


class PriorityBanner(QWidget):
    """Shown while the priority lane is chosen: which one, and a way to leave it."""

    cancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priority-banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = QHBoxLayout(self)
        self.icon = IconView("star", 44, "#FFFFFF")
        self.text = label("", "banner", wrap=True)
        self.button = TouchButton("", "secondary")
        self.button.setObjectName("priority-cancel")
        self.button.clicked.connect(self.cancel)
        self.row.addWidget(self.icon)
        self.row.addWidget(self.text, 1)
        self.row.addWidget(self.button)

    def rescale(self, m: Scale) -> None:
        self.row.setContentsMargins(m.px(32), m.px(14), m.px(14), m.px(14))
        self.row.setSpacing(m.px(20))
        self.setStyleSheet(
            f"QWidget#priority-banner {{ background: {theme.PRIORITY};"
            f" border-radius: {m.px(22)}px; }}"
            f"QLabel[role='banner'] {{ color: white; font-size: {m.px(28)}px; font-weight: 600; }}"
        )


class HomeScreen(Screen):
    agency_chosen = Signal(str)
    priority_requested = Signal()
    survey_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-home")
        self.column = QVBoxLayout(self)
        self.banner = PriorityBanner()
        self.banner.cancel.connect(lambda: ctx.set_priority(ctx.priority.REGULAR))
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.grid = ResponsiveGrid(min_item_width=400, max_columns=4)
        self.scroller = ScrollArea(self.grid)
        self.priority_button = TouchButton("", "priority", "disabilitas")
        self.priority_button.setObjectName("priority-lane")
        self.priority_button.clicked.connect(self.priority_requested)
        self.survey_button = TouchButton("", "secondary", "star")
        self.survey_button.setObjectName("survey")
        self.survey_button.clicked.connect(self.survey_requested)
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        actions = QHBoxLayout()
        actions.addWidget(self.survey_button, 1)
        actions.addWidget(self.priority_button, 1)
        self.top.addLayout(titles, 1)
        self.top.addLayout(actions)
        top = self.top
        self.column.addWidget(self.banner)
        self.column.addLayout(top)
        self.column.addWidget(self.scroller, 1)
        self.tiles: dict[str, AgencyTile] = {}
        ctx.priority_changed.connect(self._update_banner)
        self.retranslate()
        self._update_banner()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Silakan pilih instansi"))
        self.subtitle.setText(self.tr("Sentuh instansi yang Anda tuju untuk melihat layanannya."))
        self.priority_button.setText(self.tr("Layanan prioritas"))
        self.survey_button.setText(self.tr("Survei kepuasan"))
        self.banner.button.setText(self.tr("Batalkan"))
        self._update_banner()

    def _update_banner(self) -> None:
        priority = self.ctx.priority
        self.banner.setVisible(priority.is_priority)
        if priority.is_priority:
            self.banner.text.setText(
                self.tr("Jalur prioritas: %1. Pilih instansi, lalu layanan.").replace(
                    "%1", priority_name(priority)
                )
            )
        self.priority_button.setVisible(not priority.is_priority)

    def refresh(self) -> None:
        data = self.ctx.data
        self.survey_button.setVisible(bool(self.survey_url()))
        agencies = data.agencies()
        if [a.code for a in agencies] != list(self.tiles) or any(
            self.tiles[a.code].agency != a for a in agencies
        ):
            tiles = []
            for agency in agencies:
                tile = AgencyTile(agency)
                tile.rescale(self.metrics)
                tile.clicked.connect(
                    lambda _c=False, code=agency.code: self.agency_chosen.emit(code)
                )
                tiles.append(tile)
            self.tiles = {t.agency.code: t for t in tiles}
            self.grid.set_items(tiles)
        for agency in agencies:
            queues = [data.queue(s.code) for s in agency.services]
            open_count = sum(1 for q in queues if q and q.availability.is_open)
            waiting = sum(q.waiting for q in queues if q)
            closed = open_count == 0 and data.snapshot is not None
            text = self.tr("Tutup saat ini") if closed else waiting_text(waiting)
            self.tiles[agency.code].set_summary(text, closed)

    def survey_url(self) -> str:
        settings = self.ctx.data.settings
        return str(settings.get("survey_url") or self.ctx.config.survey_url or "")

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.column.setContentsMargins(m.px(theme.MARGIN), m.px(30), m.px(theme.MARGIN), m.px(30))
        self.grid.rescale(m)
        self.banner.rescale(m)
        self.column.setSpacing(m.px(28))
        self.top.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.top.setSpacing(m.px(theme.GAP))
        self.priority_button.setMinimumWidth(m.px(360))
