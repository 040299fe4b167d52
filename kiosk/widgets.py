"""Small touch widgets the kiosk screens are built from."""

from __future__ import annotations

from collections.abc import Sequence

import qrcode
import qrcode.constants
from PIL import Image
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QWidget,
)

from kiosk import icons, theme
from kiosk.text_fit import TextFit, fit_parts, fit_text
from ui.theme import Scale


def label(text: str = "", role: str = "body", *, wrap: bool = True) -> QLabel:
    result = QLabel(text)
    result.setProperty("role", role)
    result.setWordWrap(wrap)
    result.setTextFormat(Qt.TextFormat.PlainText)
    return result


class TouchButton(QPushButton):
    """A big button with a role (primary, secondary, back, priority, danger, key) and an icon."""

    def __init__(
        self,
        text: str = "",
        role: str = "primary",
        icon: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._icon_name = icon
        self.rescale(Scale())

    def rescale(self, m: Scale) -> None:
        self.setMinimumHeight(m.px(theme.TOUCH))
        if self._icon_name:
            role = self.property("role")
            tint = "#FFFFFF" if role in ("primary", "priority", "danger") else theme.PRIMARY_DARK
            size = m.px(44)
            self.setIcon(icons.ui_icon(self._icon_name, size, tint, self.devicePixelRatioF()))
            self.setIconSize(QSize(size, size))


class Card(QAbstractButton):
    """A white rounded card that is one big touch target; subclasses paint the content."""

    radius = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.metrics = Scale()

    def rescale(self, m: Scale) -> None:
        self.metrics = m
        self.updateGeometry()
        self.update()

    def paint_card(self, painter: QPainter, fill: str, border: str) -> QRectF:
        m = self.metrics
        rect = QRectF(self.rect()).adjusted(m.px(2), m.px(2), -m.px(2), -m.px(5))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shadow = QPainterPath()
        shadow.addRoundedRect(rect.translated(0, m.px(3)), m.px(self.radius), m.px(self.radius))
        painter.fillPath(shadow, QColor(15, 40, 80, 22))
        path = QPainterPath()
        path.addRoundedRect(rect, m.px(self.radius), m.px(self.radius))
        painter.fillPath(path, QColor("#E2EAF4" if self.isDown() else fill))
        painter.setPen(QPen(QColor(border), max(1.0, m.px(2))))
        painter.drawPath(path)
        return rect


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    size: int,
    *,
    color: str = theme.TEXT,
    bold: bool = False,
    lines: int = 1,
    align=Qt.AlignmentFlag.AlignLeft,
    min_size: int | None = None,
    fit: TextFit | None = None,
) -> float:
    """Draw text wrapped at spaces in at most ``lines`` lines, shrunk down to ``min_size`` if
    need be, elided only between words (see text_fit); returns the height used."""
    if fit is None:
        fit = fit_text(text, rect.width(), size, bold=bold, lines=lines, min_size=min_size)
    painter.setFont(theme.font(fit.size, QFont.Weight.Bold if bold else QFont.Weight.Normal))
    painter.setPen(QColor(color))
    line_height = painter.fontMetrics().lineSpacing()
    y = rect.top()
    for line in fit.lines:
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), line_height),
            align | Qt.AlignmentFlag.AlignVCenter,
            line,
        )
        y += line_height
    return y - rect.top()


class FittedText(QWidget):
    """A short bold value fitted to its width (see text_fit.fit_parts): on one line if a
    size down to ``min_px`` allows, else in up to ``lines`` lines broken between parts.

    The width comes from the layout, never from the text (nothing pushes a tile wider);
    the height follows the lines the text takes at that width.
    """

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.parts: tuple[str, ...] = ()
        self.joiner, self.mark = ", ", ","
        self.px, self.min_px = 40, 30
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_parts(self, parts: Sequence[str], joiner: str = ", ", mark: str = ",") -> None:
        """Parts kept whole, ``joiner`` between them on a line, ``mark`` ending a broken line."""
        self.parts, self.joiner, self.mark = tuple(parts), joiner, mark
        self.updateGeometry()
        self.update()

    def setText(self, text: str) -> None:  # named as QLabel's, for plain values
        self.set_parts((text,), " ", "")

    def text(self) -> str:
        """The whole text, as read aloud or compared in tests, whatever its lines."""
        return self.joiner.join(self.parts)

    def set_px(self, px: int, min_px: int) -> None:
        self.px, self.min_px = px, min(px, min_px)
        self.updateGeometry()
        self.update()

    def fit(self, width: float | None = None) -> TextFit:
        width = self.width() if width is None else width
        return fit_parts(
            self.parts,
            max(1.0, width),
            self.px,
            joiner=self.joiner,
            mark=self.mark,
            bold=True,
            lines=self.lines,
            min_size=self.min_px,
        )

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.fit(width).height(bold=True)

    def sizeHint(self) -> QSize:
        if self.width() <= 1:  # not laid out yet: one line, not a word a line
            return QSize(self.px, self._line_height(self.px))
        return QSize(self.px, self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:
        return QSize(1, self._line_height(self.min_px))  # never what holds a window large

    @staticmethod
    def _line_height(px: int) -> int:
        return TextFit(px, ("",), True).height(bold=True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the lines (and so the height) follow the width

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw_text(painter, QRectF(self.rect()), self.text(), self.px, bold=True, fit=self.fit())


class IconView(QLabel):
    """A UI icon at a fixed size (re-rendered when the scale changes)."""

    def __init__(self, name: str, size: int, tint: str = theme.TEXT, parent: QWidget | None = None):
        super().__init__(parent)
        self._name, self._size, self._tint = name, size, tint
        self.rescale(Scale())

    def set_icon(self, name: str, tint: str | None = None) -> None:
        self._name, self._tint = name, tint or self._tint
        self.rescale(self._metrics)

    def rescale(self, m: Scale) -> None:
        self._metrics = m
        size = m.px(self._size)
        self.setFixedSize(size, size)
        self.setPixmap(icons.ui_icon(self._name, size, self._tint, self.devicePixelRatioF()))


class CircleIcon(QWidget):
    """A large icon on a soft coloured disc: the emblem of notice screens."""

    def __init__(
        self, name: str, ink: str, disc: str, size: int = 160, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._name, self._ink, self._disc, self._size = name, ink, disc, size
        self.rescale(Scale())

    def set_icon(self, name: str, ink: str, disc: str) -> None:
        self._name, self._ink, self._disc = name, ink, disc
        self.update()

    def rescale(self, m: Scale) -> None:
        self.setFixedSize(m.px(self._size), m.px(self._size))
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._disc))
        painter.drawEllipse(QRectF(self.rect()))
        inner = round(self.width() * 0.5)
        pixmap = icons.ui_icon(self._name, inner, self._ink, self.devicePixelRatioF())
        offset = (self.width() - inner) // 2
        painter.drawPixmap(offset, offset, pixmap)


class Spinner(QWidget):
    """A calm rotating arc: something is happening, no need to tap again.

    It appears only after ``delay_ms``, so a ticket that takes a blink shows no flicker,
    and turns at 30 frames a second, leaving the processor to the work it waits for.
    """

    def __init__(
        self,
        size: int = 120,
        color: str = theme.PRIMARY,
        delay_ms: int = 250,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._size, self._color, self._angle = size, color, 0
        self._shown = False
        self._timer = QTimer(self, interval=33)
        self._timer.timeout.connect(self._step)
        self._delay = QTimer(self, singleShot=True, interval=delay_ms)
        self._delay.timeout.connect(self._appear)
        self.rescale(Scale())

    def rescale(self, m: Scale) -> None:
        self.setFixedSize(m.px(self._size), m.px(self._size))

    def showEvent(self, _event) -> None:
        self._shown = False
        self._delay.start()

    def hideEvent(self, _event) -> None:
        self._delay.stop()
        self._timer.stop()

    def _appear(self) -> None:
        self._shown = True
        self._timer.start()
        self.update()

    def _step(self) -> None:
        self._angle = (self._angle + 12) % 360
        self.update()

    def paintEvent(self, _event) -> None:
        if not self._shown:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(3.0, self.width() / 12)
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(QColor("#D6E2F2"), width))
        painter.drawEllipse(rect)
        pen = QPen(QColor(self._color), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(rect, -self._angle * 16, 100 * 16)


class CountdownRing(QWidget):
    """Seconds left before the screen returns home, as a shrinking ring with the number."""

    def __init__(self, size: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._fraction = 1.0
        self._seconds = 0
        self.rescale(Scale())

    def rescale(self, m: Scale) -> None:
        self.setFixedSize(m.px(self._size), m.px(self._size))

    def set_progress(self, fraction: float, seconds: int) -> None:
        self._fraction, self._seconds = max(0.0, min(1.0, fraction)), seconds
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(3.0, self.width() / 14)
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(QColor("#D6E2F2"), width))
        painter.drawEllipse(rect)
        pen = QPen(QColor(theme.PRIMARY), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(rect, 90 * 16, round(360 * 16 * self._fraction))
        painter.setPen(QColor(theme.TEXT))
        painter.setFont(theme.font(round(self.height() * 0.36), QFont.Weight.Bold))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self._seconds))


def qr_pixmap(payload: str, size: int, ratio: float = 1.0) -> QPixmap:
    """A crisp QR code (error correction M, quiet zone of 2 modules) filling ``size`` pixels."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    pixels = max(n, round(size * ratio))
    module = pixels // n
    pixmap = QPixmap(module * n, module * n)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(x * module, y * module, module, module)
    painter.end()
    scaled = pixmap.scaled(
        pixels, pixels, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )
    scaled.setDevicePixelRatio(ratio)
    return scaled


class QrView(QLabel):
    def __init__(self, size: int = 360, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size, self._payload = size, ""
        self._metrics = Scale()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_payload(self, payload: str) -> None:
        self._payload = payload
        self.rescale(self._metrics)

    def rescale(self, m: Scale) -> None:
        self._metrics = m
        size = m.px(self._size)
        self.setFixedSize(size, size)
        if self._payload:
            self.setPixmap(qr_pixmap(self._payload, size, self.devicePixelRatioF()))


def pil_to_pixmap(image: Image.Image) -> QPixmap:
    grey = image.convert("L")
    data = grey.tobytes()
    qimage = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return QPixmap.fromImage(qimage.copy())


class ScrollArea(QScrollArea):
    """A scroll area that follows a finger (kinetic scrolling), with no frame."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        # Deliver a tap at once (Qt holds presses back 0.25 s to see whether they become a drag).
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        properties.setScrollMetric(
            QScrollerProperties.ScrollMetric.OvershootDragDistanceFactor, 0.1
        )
        properties.setScrollMetric(
            QScrollerProperties.ScrollMetric.OvershootScrollDistanceFactor, 0.1
        )
        scroller.setScrollerProperties(properties)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        content = self.widget()
        if isinstance(content, ResponsiveGrid):
            content.relayout()  # narrower: the grid itself may be held wide by its columns


class ResponsiveGrid(QWidget):
    """Items in as many equal columns as the width allows (at least ``min_item_width`` each)."""

    def __init__(
        self, min_item_width: int, max_columns: int = 6, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._min_width = min_item_width
        self._max_columns = max_columns
        self._metrics = Scale()
        self._items: list[QWidget] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)

    @property
    def columns(self) -> int:
        return self._columns

    def set_items(self, items: Sequence[QWidget]) -> None:
        for item in self._items:
            self._grid.removeWidget(item)
            item.setParent(None)
            item.deleteLater()
        self._items = list(items)
        self._columns = 0
        self._relayout(force=True)

    def items(self) -> list[QWidget]:
        return list(self._items)

    def rescale(self, m: Scale) -> None:
        self._metrics = m
        self._grid.setSpacing(m.px(theme.GAP))
        self._relayout(force=True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def relayout(self) -> None:
        """Take the columns the room allows now (the scroll area was resized)."""
        self._relayout()

    def _room(self) -> int:
        """The width to fill: a scroll area's viewport, else the grid's own width."""
        parent = self.parentWidget()
        if parent is not None and isinstance(parent.parentWidget(), QScrollArea):
            return parent.width()
        return self.width()

    def _relayout(self, force: bool = False) -> None:
        width = max(1, self._room())
        min_width = self._metrics.px(self._min_width)
        gap = self._metrics.px(theme.GAP)
        columns = max(1, min(self._max_columns, (width + gap) // (min_width + gap)))
        if columns == self._columns and not force:
            return
        self._columns = columns
        for item in self._items:
            self._grid.removeWidget(item)
        for index, item in enumerate(self._items):
            self._grid.addWidget(item, index // columns, index % columns)
            item.show()
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)


__all__ = [
    "Card",
    "CircleIcon",
    "CountdownRing",
    "IconView",
    "QrView",
    "ResponsiveGrid",
    "ScrollArea",
    "Spinner",
    "TouchButton",
    "draw_text",
    "label",
    "pil_to_pixmap",
    "qr_pixmap",
]
