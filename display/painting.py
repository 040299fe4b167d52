"""Drawing helpers for the board's painted widgets: text fitted to a box, rounded panels."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen


@dataclass(frozen=True)
class PaintedText:
    """One line as a widget painted it, kept so tests can measure what the hall sees."""

    text: str  # what was to be shown
    shown: str  # what was drawn: shorter, with "…", when it did not fit
    pixel_size: int
    rect: QRectF
    width: float  # the drawn line's advance

    @property
    def elided(self) -> bool:
        return self.shown != self.text

    @property
    def fits(self) -> bool:
        return self.width <= self.rect.width() + 0.5


Painted = MutableMapping[str, PaintedText]


def fitted(base: QFont, text: str, width: float, height: float, floor: float = 0.0) -> QFont:
    """``base`` made small enough for ``text`` to fit width × height (never larger), but not
    below ``floor`` × its size: text that still does not fit is then elided, not shrunk away."""
    result = QFont(base)
    size = float(base.pixelSize())
    if not text or width <= 0 or height <= 0:
        return result
    metrics = QFontMetricsF(result)
    advance = metrics.horizontalAdvance(text)
    tall = metrics.capHeight() / size if size else 0.72
    limit = min(size, height / max(tall, 0.5) * 0.98)
    if advance > width:
        limit = min(limit, size * width / advance * 0.98)
    result.setPixelSize(max(1, int(max(limit, size * floor))))
    return result


def fits(font: QFont, text: str, width: float, floor: float = 1.0) -> bool:
    """Whether ``text`` fits ``width`` on one line at ``floor`` × the font's size or larger."""
    advance = QFontMetricsF(font).horizontalAdvance(text)
    return advance * floor <= width


def wrap(text: str, font: QFont, width: float, max_lines: int, breaks: str = "") -> list[str]:
    """Words on at most ``max_lines`` lines of ``width``; the last one elided if need be.

    A word wider than a line may break after one of ``breaks`` ("/" for a file path)."""
    metrics = QFontMetricsF(font)
    pieces: list[tuple[str, str]] = []  # (piece, what joins it to the one before)
    for word in text.split():
        parts = _split_after(word, breaks) if metrics.horizontalAdvance(word) > width else [word]
        pieces.extend((part, " " if i == 0 else "") for i, part in enumerate(parts))
    lines: list[str] = []
    while pieces and len(lines) < max_lines:
        line = pieces.pop(0)[0]
        while pieces:
            joined = f"{line}{pieces[0][1]}{pieces[0][0]}"
            if metrics.horizontalAdvance(joined) > width:
                break
            line = joined
            pieces.pop(0)
        lines.append(line)
    if pieces:
        rest = lines[-1] + "".join(f"{joiner}{piece}" for piece, joiner in pieces)
        lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


def _split_after(word: str, breaks: str) -> list[str]:
    parts = [""]
    for char in word:
        parts[-1] += char
        if char in breaks:
            parts.append("")
    return [part for part in parts if part]


def cap_box(font: QFont, rect: QRectF) -> float:
    """The baseline that centres capital letters of ``font`` vertically in ``rect``."""
    metrics = QFontMetricsF(font)
    return rect.center().y() + metrics.capHeight() / 2


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    colour: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    *,
    fit: bool = True,
    elide: bool = False,
    floor: float = 0.0,
    painted: Painted | None = None,
    role: str = "",
) -> float:
    """Draw one line centred on its capitals in ``rect``; returns the width used.

    ``fit`` shrinks the font to the box (not below ``floor`` × its size); ``elide`` cuts what
    is still too long. With ``painted``, the line is kept there under ``role``."""
    if not text:
        return 0.0
    used = fitted(font, text, rect.width(), rect.height(), floor) if fit else QFont(font)
    metrics = QFontMetricsF(used)
    shown = text
    if elide:
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    width = metrics.horizontalAdvance(shown)
    if painted is not None:
        painted[role] = PaintedText(text, shown, used.pixelSize(), QRectF(rect), width)
    text = shown
    if align & Qt.AlignmentFlag.AlignHCenter:
        x = rect.left() + (rect.width() - width) / 2
    elif align & Qt.AlignmentFlag.AlignRight:
        x = rect.right() - width
    else:
        x = rect.left()
    painter.setFont(used)
    painter.setPen(colour)
    painter.drawText(QPointF(x, cap_box(used, rect)), text)
    return width


def panel(
    painter: QPainter,
    rect: QRectF,
    radius: float,
    fill: QColor | None = None,
    border: QColor | None = None,
    border_width: float = 1.0,
) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    if fill is not None:
        painter.fillPath(path, fill)
    if border is not None:
        painter.setPen(QPen(border, border_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    return path
