"""Line icons drawn for the kiosk (assets/images), tinted and cached as pixmaps.

Agency icons are named in the hall file (``icon = "ktp"``); an unknown name or a missing
file falls back to the agency's initials, so a typo never shows a broken image.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk import theme

log = logging.getLogger(__name__)

IMAGES = Path(__file__).resolve().parent.parent / "assets" / "images"
AGENCY_ICONS = IMAGES / "agencies"
UI_ICONS = IMAGES / "kiosk"


@lru_cache(maxsize=128)
def _svg_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def has_agency_icon(name: str) -> bool:
    return bool(name) and _svg_text(AGENCY_ICONS / f"{name}.svg") is not None


@lru_cache(maxsize=512)
def _render(path: Path, size: int, tint: str, ratio: float) -> QPixmap:
    text = _svg_text(path)
    pixmap = QPixmap(max(1, round(size * ratio)), max(1, round(size * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    if text is None:
        log.warning("icon %s is missing", path)
        return pixmap
    renderer = QSvgRenderer(QByteArray(text.replace("currentColor", tint).encode()))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def ui_icon(name: str, size: int, tint: str = theme.TEXT, ratio: float = 1.0) -> QPixmap:
    return _render(UI_ICONS / f"{name}.svg", size, tint, ratio)


def initials(short_name: str) -> str:
    """ "Bank Lampung" → "BL", "Disdukcapil" → "DI", "DPMPTSP" → "DP"."""
    words = [w for w in short_name.replace("-", " ").split() if w[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[1][0]).upper()
    word = words[0] if words else "?"
    return word[:2].upper()


def paint_agency_badge(
    painter: QPainter, rect: QRectF, color: str, icon: str, short_name: str
) -> None:
    """A filled circle in the agency colour with its white icon (or initials)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color or theme.PRIMARY))
    painter.drawEllipse(rect)
    ink = theme.readable_on(color or theme.PRIMARY)
    if has_agency_icon(icon):
        inner = rect.adjusted(
            rect.width() * 0.22, rect.height() * 0.22, -rect.width() * 0.22, -rect.height() * 0.22
        )
        text = _svg_text(AGENCY_ICONS / f"{icon}.svg") or ""
        QSvgRenderer(QByteArray(text.replace("currentColor", ink).encode())).render(painter, inner)
    else:
        f = QFont(theme.font(round(rect.height() * 0.36), QFont.Weight.Bold))
        painter.setFont(f)
        painter.setPen(QColor(ink))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(short_name))
    painter.restore()
