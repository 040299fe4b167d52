"""Fitting a name into a few lines of a box: wrap at spaces, shrink a bit, cut between words.

Service and agency names in a hall file run to 60–90 characters ("Pencatatan Perkawinan dan
Akta Perkawinan (Non-Muslim)"); the last words are often the ones that tell two services
apart, so a name is first wrapped, then set a few pixels smaller, and only when it still
does not fit ends in "…" after a whole word. A single word wider than the box is the one
thing ever cut inside a word.

A list ("Loket 1, 2, 3") is fitted by parts instead: kept on one line if a smaller size
allows, else broken only between whole parts ("Loket 1," / "2, 3"), never inside one
("Loket" / "1, 2, 3"); a part is broken at its own spaces only when it alone is too wide.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def wrap_parts(
    metrics: QFontMetricsF,
    parts: Sequence[str],
    width: float,
    joiner: str,
    mark: str,
    *,
    split: bool,
) -> list[str]:
    """Greedy wrap between whole parts, a line broken after a part ending in ``mark``; with
    ``split``, a part wider than the box is wrapped at its own spaces, on lines of its own."""
    out: list[str] = []
    current, alone = "", False  # alone: current is the end of a part wrapped on its own
    for index, part in enumerate(parts):
        candidate = f"{current}{joiner}{part}"
        room = mark if index < len(parts) - 1 else ""  # the line may be broken after it
        if current and not alone and metrics.horizontalAdvance(candidate + room) <= width:
            current = candidate
            continue
        if current:
            out.append(current + mark)
        words = part.split()
        if split and len(words) > 1 and metrics.horizontalAdvance(part) > width:
            *head, current = wrap_parts(metrics, words, width, " ", "", split=True)
        else:
            head, current = [], part
        out += head
        alone = bool(head)
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
    return _fit(text.split(), " ", "", width, size, min_size, bold, lines, split=True)


def fit_parts(
    parts: Sequence[str],
    width: float,
    size: int,
    *,
    joiner: str = ", ",
    mark: str = ",",
    bold: bool = False,
    lines: int = 1,
    min_size: int | None = None,
) -> TextFit:
    """Set ``parts`` joined by ``joiner`` on one line, from ``size`` down to ``min_size``;
    when even the smallest is too wide, in up to ``lines`` lines broken between parts, and
    only when a part alone is too wide even so, that part broken at its spaces."""
    fit = _fit(parts, joiner, mark, width, size, min_size, bold, 1, split=False)
    for allowed, split in ((lines, False), (lines, True)):
        if fit.whole or allowed == 1:
            break
        fit = _fit(parts, joiner, mark, width, size, min_size, bold, allowed, split=split)
    return fit


def _fit(
    parts: Sequence[str],
    joiner: str,
    mark: str,
    width: float,
    size: int,
    min_size: int | None,
    bold: bool,
    lines: int,
    *,
    split: bool,
) -> TextFit:
    lines = max(1, lines)
    smallest = min(size, min_size if min_size is not None else size)
    for candidate in range(size, smallest - 1, -1):
        metrics = metrics_for(candidate, bold)
        wrapped = wrap_parts(metrics, parts, width, joiner, mark, split=split)
        fits = all(metrics.horizontalAdvance(line) <= width for line in wrapped)
        if len(wrapped) <= lines and fits:
            return TextFit(candidate, tuple(wrapped), True)
    if len(wrapped) > lines:
        wrapped = _elide_between_words(metrics, wrapped, width, lines)
    return TextFit(smallest, tuple(_too_wide(metrics, line, width) for line in wrapped), False)
