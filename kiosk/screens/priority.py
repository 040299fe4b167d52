"""The priority lane (UU 25/2009): lansia, penyandang disabilitas, ibu hamil / membawa anak."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from core.domain.enums import Priority
from kiosk import icons, theme
from kiosk.screens.base import Context, Screen
from kiosk.widgets import Card, TouchButton, draw_text, label
from ui.theme import Scale
from ui.wording import priority_name

GROUPS = (
    (Priority.LANSIA, "lansia"),
    (Priority.DISABILITAS, "disabilitas"),
    (Priority.IBU_HAMIL, "ibu_hamil"),
)


class PriorityCard(Card):
    def __init__(self, priority: Priority, icon: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.priority, self.icon_name = priority, icon
        self.setObjectName(f"priority-{priority.value}")
        self.title = ""
        self.detail = ""

    def sizeHint(self) -> QSize:
        return QSize(self.metrics.px(500), self.metrics.px(360))

    def rescale(self, m: Scale) -> None:
        super().rescale(m)
        self.setMinimumHeight(m.px(220) if m.portrait else m.px(380))

    def paintEvent(self, _event) -> None:
        m = self.metrics
        painter = QPainter(self)
        rect = self.paint_card(painter, theme.SURFACE, "#CDBDEB")
        disc = m.px(150)
        if m.portrait:  # icon on the left, text beside it
            circle = QRectF(rect.left() + m.px(36), rect.center().y() - disc / 2, disc, disc)
            text = QRectF(
                circle.right() + m.px(36),
                rect.top() + m.px(48),
                rect.right() - circle.right() - m.px(72),
                rect.height(),
            )
            align = Qt.AlignmentFlag.AlignLeft
        else:
            circle = QRectF(rect.center().x() - disc / 2, rect.top() + m.px(40), disc, disc)
            text = QRectF(
                rect.left() + m.px(30),
                circle.bottom() + m.px(28),
                rect.width() - m.px(60),
                rect.height(),
            )
            align = Qt.AlignmentFlag.AlignHCenter
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PRIORITY_BG))
        painter.drawEllipse(circle)
        size = round(disc * 0.58)
        pixmap = icons.ui_icon(self.icon_name, size, theme.PRIORITY, self.devicePixelRatioF())
        painter.drawPixmap(
            round(circle.center().x() - size / 2), round(circle.center().y() - size / 2), pixmap
        )
        used = draw_text(painter, text, self.title, m.px(34), bold=True, lines=2, align=align)
        draw_text(
            painter,
            text.adjusted(0, used + m.px(8), 0, 0),
            self.detail,
            m.px(23),
            color=theme.MUTED,
            lines=3,
            align=align,
        )


class PriorityScreen(Screen):
    chosen = Signal(object)  # Priority
    back = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-priority")
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
        self.cards_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.cards: list[PriorityCard] = []
        for priority, icon in GROUPS:
            card = PriorityCard(priority, icon)
            card.clicked.connect(lambda _c=False, p=priority: self.chosen.emit(p))
            self.cards.append(card)
            self.cards_box.addWidget(card)
        self.note = label("", "muted")
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addLayout(self.cards_box)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Kembali"))
        self.title.setText(self.tr("Layanan prioritas"))
        self.subtitle.setText(self.tr("Pilih yang sesuai. Anda akan dipanggil lebih dahulu."))
        details = {
            Priority.LANSIA: self.tr("Berusia 60 tahun ke atas"),
            Priority.DISABILITAS: self.tr("Pengguna kursi roda, tunanetra, tunarungu, dan lainnya"),
            Priority.IBU_HAMIL: self.tr("Ibu hamil atau pengunjung yang membawa balita"),
        }
        for card in self.cards:
            card.title = priority_name(card.priority)
            card.detail = details[card.priority]
            card.update()
        self.note.setText(
            self.tr(
                "Petugas dapat meminta Anda menunjukkan kondisi tersebut. "
                "Terima kasih atas kejujuran Anda."
            )
        )

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.cards_box.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.cards_box.setSpacing(m.px(32))
