"""The kiosk's look: one calm, high-contrast palette, one type scale, one style sheet.

Sizes are written for a 1920×1080 landscape screen (or 1080×1920 portrait) and scaled by
:func:`scale_for` for other screens, so a 1366×768 kiosk keeps the same proportions. Text on
its surface reaches at least 7:1 contrast; white text on coloured buttons at least 4.5:1.
Widgets choose a look with a ``role`` property instead of styling themselves.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from ui.theme import UI_FAMILIES, Scale, pixel_font

BG = "#EEF2F7"
SURFACE = "#FFFFFF"
SURFACE_ALT = "#F6F8FB"
BORDER = "#D3DBE6"
TEXT = "#0B1B2B"
MUTED = "#475669"
SUBTLE = "#5F6E80"
HEADER = "#0A2A4F"
HEADER_TEXT = "#FFFFFF"
HEADER_MUTED = "#C7D5E8"
PRIMARY = "#0B57B0"
PRIMARY_DARK = "#073E80"
ACCENT = "#F2B01E"  # gold: a thin line under the header, the emblem
SUCCESS = "#12703A"
SUCCESS_BG = "#E6F4EC"
DANGER = "#B42318"
DANGER_BG = "#FDECEA"
WARNING = "#8A4B00"
WARNING_BG = "#FFF4DF"
PRIORITY = "#5B2AA0"
PRIORITY_BG = "#F1EAFB"
CLOSED_BG = "#E9EDF2"
CLOSED_TEXT = "#5A6675"

TOUCH = 120  # minimum touch target at 1080p, in pixels
MARGIN = 56  # a page's side margins at 1080p
GAP = 24  # between the parts of a page at 1080p


def scale_for(width: int, height: int) -> Scale:
    """The kiosk's scale on a ``width``×``height`` screen, kept between 0.55 and 1.6 so
    that text stays readable and touch targets reachable; rounded, so a resize by a few
    pixels does not lay every screen out again."""
    scale = Scale.for_size(width, height)
    return Scale(round(max(0.55, min(1.6, scale.unit)), 3), scale.portrait)


def font(size_px: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    return pixel_font(UI_FAMILIES, size_px, weight, smallest=8)


def color(value: str, alpha: int | None = None) -> QColor:
    result = QColor(value)
    if alpha is not None:
        result.setAlpha(alpha)
    return result


def readable_on(background: str) -> str:
    """White or near-black text, whichever reads better on the colour."""
    c = QColor(background)

    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    return TEXT if luminance > 0.35 else "#FFFFFF"


def style_sheet(m: Scale) -> str:
    """The whole kiosk's style sheet at this screen's scale."""
    px = m.px
    radius = px(22)
    return f"""
    QWidget#KioskRoot, QWidget[role="page"] {{ background: {BG}; }}
    QLabel {{ color: {TEXT}; background: transparent; }}
    QLabel[role="title"] {{ font-size: {px(50)}px; font-weight: 700; }}
    QLabel[role="subtitle"] {{ font-size: {px(27)}px; color: {MUTED}; }}
    QLabel[role="section"] {{ font-size: {px(26)}px; font-weight: 700; color: {PRIMARY_DARK};
        letter-spacing: 1px; }}
    QLabel[role="body"] {{ font-size: {px(27)}px; color: {TEXT}; }}
    QLabel[role="muted"] {{ font-size: {px(24)}px; color: {MUTED}; }}
    QLabel[role="small"] {{ font-size: {px(21)}px; color: {SUBTLE}; }}

    QPushButton {{ font-size: {px(30)}px; font-weight: 600; border-radius: {radius}px;
        min-height: {px(TOUCH)}px; padding: 0 {px(44)}px; border: none; }}
    QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; }}
    QPushButton[role="primary"]:pressed {{ background: {PRIMARY_DARK}; }}
    QPushButton[role="primary"]:disabled {{ background: #9AAFC9; color: #F4F7FB; }}
    QPushButton[role="secondary"] {{ background: {SURFACE}; color: {PRIMARY_DARK};
        border: {px(3)}px solid {BORDER}; }}
    QPushButton[role="secondary"]:pressed {{ background: #E3EBF6; }}
    QPushButton[role="priority"] {{ background: {PRIORITY}; color: white; }}
    QPushButton[role="priority"]:pressed {{ background: #44207A; }}
    QPushButton[role="danger"] {{ background: {DANGER}; color: white; }}
    QPushButton[role="key"] {{ background: {SURFACE}; color: {TEXT}; font-size: {px(48)}px;
        border: {px(3)}px solid {BORDER}; padding: 0; }}
    QPushButton[role="key"]:pressed {{ background: #DCE6F3; }}
    QPushButton[role="back"] {{ background: transparent; color: {PRIMARY_DARK};
        border: {px(3)}px solid {BORDER}; padding: 0 {px(36)}px 0 {px(28)}px; }}
    QPushButton[role="back"]:pressed {{ background: #E3EBF6; }}

    QScrollArea {{ background: transparent; border: none; }}
    QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QScrollBar:vertical {{ background: transparent; width: {px(14)}px; margin: 0; }}
    QScrollBar::handle:vertical {{ background: #B8C4D3; border-radius: {px(7)}px;
        min-height: {px(80)}px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
    """
