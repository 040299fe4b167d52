"""The hall screen's look: dark, high-contrast, big numbers, the agency colour as accent.

Every size is a fraction of the window (:func:`scale_for`), so a 1366×768 TV and a
3840×2160 panel, landscape or portrait, show the same board. Text on its surface reaches at
least 7:1 contrast; text on an accent colour is white or near-black, whichever reads better.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from ui.theme import Scale, pixel_font

# The board's own choice of face, Inter first (the kiosk and the counter: ui.theme.UI_FAMILIES).
FONT_FAMILIES = ["Inter", "Segoe UI", "Roboto", "Noto Sans", "Ubuntu", "DejaVu Sans", "Arial"]

BG = QColor("#070C16")
BG_TOP = QColor("#0C1526")  # the background's gradient, top to bottom
SURFACE = QColor("#111B2E")
SURFACE_HI = QColor("#16233B")
BORDER = QColor("#22314D")
TEXT = QColor("#F5F8FC")
MUTED = QColor("#A9B6C9")  # 8.9:1 on SURFACE
SUBTLE = QColor("#7D8BA1")  # labels only, 5.2:1
GOLD = QColor("#F6C343")  # the call highlight
OPEN = QColor("#34D399")
BREAK = QColor("#FBBF24")
CLOSED = QColor("#64748B")
DANGER = QColor("#F87171")
DEFAULT_ACCENT = QColor("#2F7BEA")

STATE_COLOURS = {"open": OPEN, "break": BREAK, "closed": CLOSED}

PORTRAIT_ABOVE = 1.05  # a nearly square screen keeps the landscape board


def scale_for(width: int, height: int) -> Scale:
    """The board's scale in a ``width``×``height`` window: every size follows the window."""
    return Scale.for_size(width, height, portrait_above=PORTRAIT_ABOVE)


def font(pixels: float, weight: QFont.Weight = QFont.Weight.Normal, *, spacing: float = 0) -> QFont:
    return pixel_font(FONT_FAMILIES, pixels, weight, spacing=spacing)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def accent(code: str | None) -> QColor:
    colour = QColor(code or "")
    return colour if colour.isValid() else QColor(DEFAULT_ACCENT)


def on_accent(colour: QColor) -> QColor:
    """White or ink on an accent fill, whichever contrasts more."""
    ink = QColor("#0B1220")
    return TEXT if contrast(colour, TEXT) >= contrast(colour, ink) else ink


def readable_on_dark(colour: QColor, surface: QColor = SURFACE, target: float = 4.5) -> QColor:
    """The accent lightened until it reads as text or a line on the dark surface."""
    result = QColor(colour)
    for _ in range(12):
        if contrast(result, surface) >= target:
            break
        result = mix(result, QColor("#FFFFFF"), 0.18)
    return result


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    amount = max(0.0, min(1.0, amount))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        a.alphaF() + (b.alphaF() - a.alphaF()) * amount,
    )


def with_alpha(colour: QColor, alpha: float) -> QColor:
    result = QColor(colour)
    result.setAlphaF(max(0.0, min(1.0, alpha)))
    return result
