"""``antre-kiosk``: the touchscreen ticket kiosk, full screen, no way out but the staff PIN.

The device settings (core.config: database, hall, ``[kiosk]`` name, printer URI, paper,
on-screen fallback, admin PIN) are read once. A database that cannot be reached at start-up
does not stop the kiosk: it shows "Layanan sementara tidak tersedia" and keeps trying.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from core import messages
from core.config import DeviceSettings
from core.errors import AntreError, ConfigError, DatabaseUnavailable
from core.hall import HallService
from core.language import as_language
from kiosk.config import KioskConfig
from kiosk.printing import PrinterConfigError, parse_printer_uri
from kiosk.waiting import WaitingWindow
from ui import command_line, i18n
from ui.application import make_app
from ui.application import settings as load_device_settings
from ui.full_screen import show_full_screen
from ui.process import report_when_ready
from ui.startup import HallOpener

if TYPE_CHECKING:
    from kiosk.window import KioskWindow

log = logging.getLogger(__name__)
_STARTED = time.perf_counter()
_STARTED_MONOTONIC = time.monotonic()


def _parse(argv: list[str] | None) -> argparse.Namespace:
    say = command_line.say
    parser = command_line.parser("antre-kiosk", "Antre: the ticket kiosk (touch screen)")
    parser.add_argument(
        "--windowed",
        action="store_true",
        help=say("a normal window (setup and development), not kiosk mode"),
    )
    parser.add_argument(
        "--size", default="", help=say("window size WxH with --windowed, e.g. 1366x768")
    )
    parser.add_argument(
        "--show-cursor", action="store_true", help=say("keep the mouse pointer visible")
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help=say("start, wait for the home screen, print start-up figures as JSON, exit"),
    )
    parser.add_argument("--report-ready", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _resident_mb() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class _Starter:
    """Opens the hall (waiting calmly while the database is unreachable), then the window."""

    def __init__(
        self,
        app: QApplication,
        device: DeviceSettings,
        config: KioskConfig,
        args: argparse.Namespace,
    ) -> None:
        self.app, self.device, self.config, self.args = app, device, config, args
        # No file yet, or no server: the opener says so and tries again every 3 s.
        self.opener = HallOpener(device.database_url, device.hall, retry_seconds=3.0)
        self.opener.unavailable.connect(self.unavailable)
        self.opener.refused.connect(self.failed)
        self.opener.opened.connect(self.opened)
        self.window: KioskWindow | None = None
        self.waiting: WaitingWindow | None = None
        self.exit_code = 0

    @property
    def hall(self) -> HallService | None:
        """The hall once opened (its connections are let go at exit)."""
        return self.opener.hall

    def attempt(self) -> None:
        self.opener.attempt()

    def unavailable(self, error: DatabaseUnavailable) -> None:
        self._show(self._waiting_window(error))

    def failed(self, error: Exception) -> None:
        message = (
            error.message(self.config.language) if isinstance(error, AntreError) else str(error)
        )
        log.error("kiosk cannot start: %s", message)
        print(message, file=sys.stderr)
        self.exit_code = 2
        self.app.quit()

    def opened(self, hall: HallService) -> None:
        from kiosk.window import KioskWindow  # imported once the app exists, and timed with it

        window = KioskWindow(hall, self.config)
        window.exit_requested.connect(self.app.quit)
        self.window = window
        self._show(window)
        if self.waiting is not None:
            self.waiting.close()
            self.waiting = None
        if self.args.check:
            _report_when_ready(self.app, window)
        if self.args.report_ready:
            loaded = lambda: window.data.loaded and bool(window.home.tiles)  # noqa: E731
            report_when_ready("kiosk", _STARTED_MONOTONIC, lambda: window, loaded)

    def _show(self, widget: QWidget) -> None:
        if widget.isVisible():
            return
        if self.args.windowed:
            width, _, height = self.args.size.partition("x")
            widget.resize(int(width or 1920), int(height or 1080))
            widget.show()
        else:
            widget.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
            show_full_screen(widget)  # fills the screen without a window manager too

    def _waiting_window(self, error: DatabaseUnavailable) -> WaitingWindow:
        """The calm page while the database is missing or unreachable, with the reason."""
        if self.waiting is None:
            lang = as_language(self.config.language)
            i18n.set_language(lang)
            self.waiting = WaitingWindow(lang)
        self.waiting.show_error(error)
        return self.waiting


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    app = make_app("antre-kiosk", [sys.argv[0]])
    try:
        device = load_device_settings()
        config = KioskConfig.from_settings(device)
        parse_printer_uri(config.printer)
    except (ConfigError, PrinterConfigError) as error:
        lang = messages.language()
        message = error.message(lang) if isinstance(error, AntreError) else str(error)
        log.error("kiosk cannot start: %s", message)
        print(message, file=sys.stderr)
        return 2
    if not args.windowed and not args.show_cursor:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    starter = _Starter(app, device, config, args)
    starter.attempt()
    code = app.exec()
    starter.opener.stop()
    if starter.window is not None:
        starter.window.shutdown()
    if starter.hall is not None:
        starter.hall.dispose()
    return starter.exit_code or code


def _report_when_ready(app: QApplication, window: KioskWindow) -> None:
    def poll() -> None:
        if window.data.loaded and window.home.tiles and window.isVisible():
            app.processEvents()
            figures = {
                "ready_seconds": round(time.perf_counter() - _STARTED, 3),
                "agencies": len(window.home.tiles),
                "resident_mb": _resident_mb(),
                "online": window.data.online,
            }
            print(json.dumps(figures), flush=True)
            window.request_exit()
        elif time.perf_counter() - _STARTED > 30:
            print(json.dumps({"error": "home screen not ready within 30 s"}), flush=True)
            window.request_exit()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


if __name__ == "__main__":
    raise SystemExit(main())
