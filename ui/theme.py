"""What the three programs' looks share: the design scale, the text face, restyling a widget.

Each program keeps its own colours and sizes (kiosk/theme.py, counter/theme.py,
display/theme.py); they are all designed for a 1920×1080 screen (1080×1920 portrait) and
scaled with :class:`Scale` to the screen in front of people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

# The text face of the kiosk and the workstation, best first; the first one installed is used.
UI_FAMILIES = ("Segoe UI", "Noto Sans", "Inter", "Roboto", "Cantarell", "DejaVu Sans", "Arial")

DESIGN_LONG, DESIGN_SHORT = 1920, 1080


@dataclass(frozen=True)
class Scale:
    """How big this screen is compared with the 1920×1080 design (1080×1920 portrait)."""

    unit: float = 1.0
    portrait: bool = False

    @classmethod
    def for_size(cls, width: int, height: int, *, portrait_above: float = 1.0) -> Scale:
        """The scale of a ``width``×``height`` window; it is portrait when its height is more
        than ``portrait_above`` times its width."""
        portrait = height > width * portrait_above
        long_side, short_side = (height, width) if portrait else (width, height)
        return cls(min(long_side / DESIGN_LONG, short_side / DESIGN_SHORT), portrait)

    def px(self, design_pixels: float) -> int:
        """``design_pixels`` at 1080p, in this screen's pixels (at least one)."""
        return max(1, round(design_pixels * self.unit))


def pixel_font(
    families: Sequence[str],
    pixels: float,
    weight: QFont.Weight = QFont.Weight.Normal,
    *,
    spacing: float = 0,
    smallest: int = 1,
) -> QFont:
    """A font sized in screen pixels, unhinted so that text keeps its proportions at every
    scale; ``spacing``: extra pixels between letters."""
    result = QFont()
    result.setFamilies(list(families))
    result.setPixelSize(max(smallest, round(pixels)))
    result.setWeight(weight)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    result.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    if spacing:
        result.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return result


def restyle(widget: QWidget) -> None:
    """Apply the style sheet again to ``widget`` and everything in it, after a dynamic
    property its rules select on (role, kind, empty) changed."""
    for part in (widget, *widget.findChildren(QWidget)):
        part.style().unpolish(part)
        part.style().polish(part)


def set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and restyle the widget if it changed."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            restyle(widget)  # not yet polished: the first show styles it with the new value
