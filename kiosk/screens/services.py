"""The services of one agency: tap one to take a number; closed ones say why."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QVBoxLayout, QWidget

from core.views import AgencyView, ServiceInfo, ServiceQueue
from kiosk import icons, theme
from kiosk.screens.base import Context, Screen, reason_text, wait_text, waiting_text
from kiosk.text_fit import TextFit, fit_text
from kiosk.widgets import ResponsiveGrid, ScrollArea, TouchButton, draw_text, label
from ui.theme import Scale
from ui.wording import priority_name

NAME_PX, NAME_MIN_PX = 29, 24  # a long name is set up to a sixth smaller before it is elided


class ServiceButton(QAbstractButton):
    """The tappable part of a service row: prefix badge, name, queue figures or the reason."""

    def __init__(self, info: ServiceInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.queue: ServiceQueue | None = None
        self.reason = ""
        self.figures: tuple[str, str] = ("", "")
        self.metrics = Scale()
        self.setObjectName(f"service-{info.code}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(self.metrics.px(600), self.metrics.px(164))

    def set_state(self, queue: ServiceQueue | None, reason: str, figures: tuple[str, str]) -> None:
        self.queue, self.reason, self.figures = queue, reason, figures
        self.setEnabled(not reason)
        self.update()

    def name_box(self) -> QRectF:
        """Where the name goes: right of the prefix badge, left of the arrow (none if closed)."""
        m = self.metrics
        rect = QRectF(self.rect())
        left = rect.left() + m.px(26) + m.px(84) + m.px(26)
        right = rect.right() - (m.px(12) if self.reason else m.px(60) + m.px(26))
        return QRectF(left, rect.top() + m.px(22), right - left, rect.height())

    def name_fit(self) -> TextFit:
        """The name in two lines, a little smaller if need be; a third line at the smallest
        size before anything is elided (between words, never inside one)."""
        m = self.metrics
        width, small = self.name_box().width(), m.px(NAME_MIN_PX)
        fit = fit_text(self.info.name, width, m.px(NAME_PX), bold=True, lines=2, min_size=small)
        return fit if fit.whole else fit_text(self.info.name, width, small, bold=True, lines=3)

    def figures_line(self, fit: TextFit) -> QRectF:
        """The waiting count and estimate (or the reason) under the name."""
        m, box = self.metrics, self.name_box()
        top = self.rect().top() + m.px(30) + fit.height(bold=True)
        return QRectF(box.left(), top, box.width(), m.px(36))

    def paintEvent(self, _event) -> None:
        m = self.metrics
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        closed = bool(self.reason)
        if self.isDown():
            path = QPainterPath()
            path.addRoundedRect(rect.adjusted(m.px(6), m.px(6), 0, -m.px(6)), m.px(18), m.px(18))
            painter.fillPath(path, QColor("#E2EAF4"))
        pad = m.px(26)
        badge = m.px(84)
        badge_rect = QRectF(rect.left() + pad, rect.center().y() - badge / 2, badge, badge)
        path = QPainterPath()
        path.addRoundedRect(badge_rect, m.px(18), m.px(18))
        painter.fillPath(
            path, QColor("#B7C0CB" if closed else (self.info.agency_color or theme.PRIMARY))
        )
        painter.setPen(QColor("#FFFFFF" if closed else theme.readable_on(self.info.agency_color)))
        size = m.px(40) if len(self.info.prefix) < 2 else m.px(32)
        painter.setFont(theme.font(size, QFont.Weight.Bold))
        painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, self.info.prefix)
        arrow = m.px(60)
        fit = self.name_fit()
        draw_text(
            painter,
            self.name_box(),
            self.info.name,
            fit.size,
            bold=True,
            color=theme.CLOSED_TEXT if closed else theme.TEXT,
            fit=fit,
        )
        line = self.figures_line(fit)
        ratio = self.devicePixelRatioF()
        icon_size, gap = m.px(30), m.px(12)
        if closed:
            parts = [("clock", self.reason)]
        else:
            parts = [("people", self.figures[0]), ("hourglass", self.figures[1])]
        ink = theme.WARNING if closed else theme.PRIMARY_DARK
        x = line.left()
        for icon, text in parts:
            painter.drawPixmap(
                round(x), round(line.top() + m.px(2)), icons.ui_icon(icon, icon_size, ink, ratio)
            )
            x += icon_size + gap
            painter.setFont(
                theme.font(m.px(23), QFont.Weight.Bold if closed else QFont.Weight.Normal)
            )
            width = min(line.right() - x, painter.fontMetrics().horizontalAdvance(text) + 2)
            draw_text(
                painter,
                QRectF(x, line.top(), width, line.height()),
                text,
                m.px(23),
                color=ink,
                bold=closed,
            )
            x += width + m.px(36)
        if not closed:
            circle = QRectF(
                rect.right() - arrow - m.px(12), rect.center().y() - arrow / 2, arrow, arrow
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.PRIMARY))
            painter.drawEllipse(circle)
            pen = QPen(QColor("white"), m.px(5))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            c, d = circle.center(), arrow * 0.16
            painter.drawPolyline(
                [
                    c + QPointF(-d * 0.6, -d * 1.5),
                    c + QPointF(d * 0.9, 0),
                    c + QPointF(-d * 0.6, d * 1.5),
                ]
            )


class ServiceRow(QWidget):
    """A card holding the service button and its info (standar pelayanan) button."""

    info_requested = Signal(str)

    def __init__(self, info: ServiceInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.button = ServiceButton(info)
        self.info_button = TouchButton("", "secondary", "info")
        self.info_button.setObjectName(f"info-{info.code}")
        self.info_button.clicked.connect(lambda: self.info_requested.emit(info.code))
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.button, 1)
        self.row.addWidget(self.info_button)
        self.metrics = Scale()

    def rescale(self, m: Scale) -> None:
        self.metrics = m
        self.button.metrics = m
        self.info_button.rescale(m)
        self.info_button.setFixedWidth(m.px(150))
        self.info_button.setStyleSheet(f"padding: 0; font-size: {m.px(24)}px;")
        self.row.setContentsMargins(0, 0, m.px(22), 0)
        self.row.setSpacing(m.px(8))
        self.setFixedHeight(m.px(168))
        self.update()

    def paintEvent(self, _event) -> None:
        m = self.metrics
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(m.px(2), m.px(2), -m.px(2), -m.px(2))
        path = QPainterPath()
        path.addRoundedRect(rect, m.px(24), m.px(24))
        closed = not self.button.isEnabled()
        painter.fillPath(path, QColor(theme.CLOSED_BG if closed else theme.SURFACE))
        painter.setPen(QPen(QColor(theme.BORDER), max(1.0, m.px(2))))
        painter.drawPath(path)


class ServicesScreen(Screen):
    service_chosen = Signal(str)
    info_requested = Signal(str)
    back = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-services")
        self.agency: AgencyView | None = None
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
        self.lane = label("", "lane", wrap=False)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(titles, 1)
        top.addWidget(self.lane, 0, Qt.AlignmentFlag.AlignTop)
        self.grid = ResponsiveGrid(min_item_width=740, max_columns=2)
        self.scroller = ScrollArea(self.grid)
        layout.addLayout(top)
        layout.addWidget(self.scroller, 1)
        self.rows: dict[str, ServiceRow] = {}
        self.retranslate()

    def show_agency(self, code: str) -> None:
        self.agency = self.ctx.data.agency(code)
        self.rows = {}
        self.refresh()
        self.scroller.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Kembali"))
        for row in self.rows.values():
            row.info_button.setText(self.tr("Info"))

    def refresh(self) -> None:
        if self.agency is None:
            return
        data = self.ctx.data
        self.agency = data.agency(self.agency.code) or self.agency
        agency = self.agency
        self.title.setText(agency.short_name)
        self.subtitle.setText(agency.name if agency.name != agency.short_name else "")
        priority = self.ctx.priority
        self.lane.setVisible(priority.is_priority)
        self.lane.setText(self.tr("Prioritas: %1").replace("%1", priority_name(priority)))
        if list(self.rows) != [s.code for s in agency.services] or any(
            self.rows[s.code].info != s for s in agency.services
        ):
            rows = []
            for info in agency.services:
                row = ServiceRow(info)
                row.rescale(self.metrics)
                row.info_button.setText(self.tr("Info"))
                row.button.clicked.connect(lambda _c=False, code=info.code: self._tapped(code))
                row.info_requested.connect(self.info_requested)
                rows.append(row)
            self.rows = {r.info.code: r for r in rows}
            self.grid.set_items(rows)
        for info in agency.services:
            queue = data.queue(info.code)
            reason = reason_text(queue) if (queue is None or not queue.availability.is_open) else ""
            figures = ("", "")
            if queue is not None:
                figures = (waiting_text(queue.waiting), wait_text(queue.estimated_wait_minutes))
            self.rows[info.code].button.set_state(queue, reason, figures)
            self.rows[info.code].update()

    def _tapped(self, code: str) -> None:
        row = self.rows.get(code)
        if row is None or not row.button.isEnabled():
            return
        self.service_chosen.emit(code)

    def set_enabled(self, enabled: bool) -> None:
        """Disabled while a ticket is being issued, so a second tap does nothing."""
        self.grid.setEnabled(enabled)

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.grid.rescale(m)
        for row in self.rows.values():
            row.rescale(m)
        self.lane.setStyleSheet(
            f"background: {theme.PRIORITY}; color: white; font-size: {m.px(24)}px;"
            f" font-weight: 700; border-radius: {m.px(18)}px; padding: {m.px(14)}px {m.px(24)}px;"
        )
