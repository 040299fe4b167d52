"""The board's parts. Each paints itself from plain data; sizes follow the widget's own size."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont

from display import wording
from display.painting import fits

HIGHLIGHT_SECONDS = 8.0


class Glow(QObject):
    """A few seconds of pulsing highlight; ``tick`` asks the owner to repaint (~30 fps)."""

    tick = Signal()

    def __init__(self, seconds: float = HIGHLIGHT_SECONDS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._started: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._on_timer)

    def start(self) -> None:
        self._started = time.monotonic()
        self._timer.start()
        self.tick.emit()

    def stop(self) -> None:
        self._started = None
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._started is not None

    def strength(self) -> float:
        """1.0 at the peak of a pulse, fading out over the last second; 0.0 when over."""
        if self._started is None:
            return 0.0
        elapsed = time.monotonic() - self._started
        if elapsed >= self.seconds:
            return 0.0
        pulse = 0.55 + 0.45 * math.cos(elapsed * math.pi * 1.6)  # ~0.8 pulses a second
        fade = min(1.0, (self.seconds - elapsed) / 1.0)
        return max(0.0, pulse * fade)

    def _on_timer(self) -> None:
        if self._started is not None and time.monotonic() - self._started >= self.seconds:
            self.stop()
        self.tick.emit()


def counter_name_shown(name: str, number: int, font: QFont, width: float, floor: float) -> str:
    """A loket's (short) name when it fits ``width`` at ``floor`` × the font's size or larger,
    else "Loket N": a long name never shrinks the loket out of sight."""
    name = name.strip()
    if name and fits(font, name, width, floor):
        return name
    return wording.counter_by_number(number)
