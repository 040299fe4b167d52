"""Fitting a name into a few lines of a box: wrap at spaces, shrink a bit, cut between words.

Service and agency names in a hall file run to 60–90 characters ("Pencatatan Perkawinan dan
Akta Perkawinan (Non-Muslim)"); the last words are often the ones that tell two services
apart, so a name is first wrapped, then set a few pixels smaller, and only when it still
does not fit ends in "…" after a whole word. A single word wider than the box is the one
thing ever cut inside a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF

from kiosk import theme

ELLIPSIS = "…"


@dataclass(frozen=True)
class TextFit:
    """How a text is set in its box: the pixel size, the lines, and whether it is all there."""

    size: int
    lines: tuple[str, ...]
    whole: bool  # every word shown, nothing elided

    def height(self, *, bold: bool) -> int:
        """Pixels the lines take when drawn one line spacing apart (as draw_text does)."""
        font = theme.font(self.size, QFont.Weight.Bold if bold else QFont.Weight.Normal)
        return QFontMetrics(font).lineSpacing() * len(self.lines)


def wrap_at_spaces(metrics: QFontMetricsF, text: str, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the box gets a line of its own."""
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not current or metrics.horizontalAdvance(candidate) <= width:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return out


def _elide_between_words(
    metrics: QFontMetricsF, wrapped: list[str], width: float, lines: int
) -> list[str]:
    """The first ``lines`` lines, the last ending in "…" after as many whole words as fit."""
    kept = wrapped[: lines - 1]
    rest = " ".join(wrapped[lines - 1 :]).split()
    last = ""
    for word in rest:
        candidate = f"{last} {word}".strip()
        if metrics.horizontalAdvance(candidate + ELLIPSIS) > width:
            break
        last = candidate
    if last:
        return [*kept, last + ELLIPSIS]
    # Not even the first word fits: the one case where a word is cut.
    return [*kept, metrics.elidedText(rest[0], Qt.TextElideMode.ElideRight, width)]


def _too_wide(metrics: QFontMetricsF, line: str, width: float) -> str:
    """A lone word wider than the box, elided; any other line unchanged."""
    if metrics.horizontalAdvance(line) <= width:
        return line
    return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)


def metrics_for(size: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(theme.font(size, QFont.Weight.Bold if bold else QFont.Weight.Normal))


def fit_text(
    text: str,
    width: float,
    size: int,
    *,
    bold: bool = False,
    lines: int = 1,
    min_size: int | None = None,
) -> TextFit:
    """Set ``text`` in at most ``lines`` lines of ``width`` pixels, from ``size`` down to
    ``min_size`` (no shrinking when None); elided between words only at the smallest size."""
    lines = max(1, lines)
    smallest = min(size, min_size if min_size is not None else size)
    for candidate in range(size, smallest - 1, -1):
        metrics = metrics_for(candidate, bold)
        wrapped = wrap_at_spaces(metrics, text, width)
        fits = all(metrics.horizontalAdvance(line) <= width for line in wrapped)
        if len(wrapped) <= lines and fits:
            return TextFit(candidate, tuple(wrapped), True)
    if len(wrapped) > lines:
        wrapped = _elide_between_words(metrics, wrapped, width, lines)
    return TextFit(smallest, tuple(_too_wide(metrics, line, width) for line in wrapped), False)
