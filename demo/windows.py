"""The three programs' windows in one process, side by side on this PC's screen."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QWidget

from core.config import DeviceSettings, load_settings
from core.hall import HallService

if TYPE_CHECKING:  # each program is imported only when its window is asked for
    from counter.workstation import Workstation
    from display.window import BoardWindow
    from kiosk.window import KioskWindow

DEMO_SIZE = (960, 540)


@dataclass
class DemoWindows:
    kiosk: KioskWindow | None = None
    counter: Workstation | None = None
    display: BoardWindow | None = None
    halls: list[HallService] = field(default_factory=list)
    closers: list[Callable[[], object]] = field(default_factory=list)

    def all(self) -> list[QWidget]:
        return [w for w in (self.kiosk, self.counter, self.display) if w is not None]

    def have_data(self) -> bool:
        """Every window shows the hall's data (for the ready line)."""
        shown = [
            self.kiosk is None or (self.kiosk.data.loaded and bool(self.kiosk.home.tiles)),
            self.counter is None or self.counter.loaded,
            self.display is None or self.display.sync.state.loaded,
        ]
        return all(shown) and all(w.isVisible() for w in self.all())

    def close(self) -> None:
        for closer in self.closers:
            closer()
        for hall in self.halls:
            hall.dispose()


def _hall(settings: DeviceSettings, windows: DemoWindows) -> HallService:
    hall = HallService.connect(settings.database_url, settings.hall)
    windows.halls.append(hall)
    return hall


def open_windows(
    names: list[str], settings: DeviceSettings, officer: tuple[str, str]
) -> DemoWindows:
    windows = DemoWindows()
    if "display" in names:
        from display.board import build_board
        from display.options import load_options

        options = load_options(["--windowed", "--size", "x".join(map(str, DEMO_SIZE))], settings)
        board = build_board(options)
        windows.display = board
        board.resize(*DEMO_SIZE)
        board.sync.start()
        windows.closers.append(board.sync.stop)
    if "kiosk" in names:
        from kiosk.config import KioskConfig
        from kiosk.window import KioskWindow

        # A printer configured on this PC (antre.toml or ANTRE_PRINTER) prints real tickets;
        # otherwise each ticket shows on screen, rendered from the real ESC/POS layout.
        config = dataclasses.replace(
            KioskConfig.from_settings(settings),
            name="kiosk-demo",
            printer=load_settings().kiosk.printer,
            on_screen_fallback=True,
        )
        kiosk = KioskWindow(_hall(settings, windows), config)
        kiosk.resize(*DEMO_SIZE)
        windows.kiosk = kiosk
        windows.closers.append(kiosk.shutdown)
    if "counter" in names:
        from counter.app import CounterApp

        hall = _hall(settings, windows)
        controller = CounterApp(hall, settings, settings.language)
        workstation = controller.open_workstation(hall.login(*officer), settings.counter or 1)
        windows.counter = workstation
        windows.closers.append(lambda: controller.window.shutdown() if controller.window else None)
    _tile(windows.all())
    return windows


def _tile(widgets: list[QWidget]) -> None:
    """Kiosk and display on top, the counter below: a hall on one screen."""
    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1920, 1080)
    if QGuiApplication.platformName() == "offscreen":  # screenshots: a 1920×1080 desktop
        area = QRect(0, 0, 1920, 1080)
    width = max(480, area.width() // 2)
    height = max(300, area.height() // 2 - 30)
    for index, widget in enumerate(widgets):
        widget.resize(min(width, DEMO_SIZE[0]), min(height, DEMO_SIZE[1]))
        widget.move(area.left() + (index % 2) * width, area.top() + (index // 2) * (height + 30))
        widget.show()


def side_by_side(widgets: list[QWidget]) -> QImage:
    """One picture of all windows at this moment, for the docs' sequence of screenshots."""
    shots = [w.grab().toImage() for w in widgets]
    width = sum(s.width() for s in shots) + 20 * (len(shots) - 1)
    height = max(s.height() for s in shots)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0x1E2530)
    painter = QPainter(image)
    x = 0
    for shot in shots:
        painter.drawImage(x, 0, shot)
        x += shot.width() + 20
    painter.end()
    return image
