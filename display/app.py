"""``antre-display``: the hall screen (board, chime and Indonesian speech).

The board starts at once and shows "connecting" until the database answers; it never asks
anyone anything (a hall screen has no keyboard): it keeps trying and shows a calm banner.

    antre-display [--zone "Lantai 1"] [--media FOLDER] [--logo FILE] [--windowed --size 1920x1080]
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core import messages
from core.config import load_settings
from core.errors import ConfigError
from display.options import DisplayOptions, options_from, parser
from ui import i18n
from ui.application import make_app
from ui.process import ready_line

if TYPE_CHECKING:
    from display.window import BoardWindow

log = logging.getLogger(__name__)
PROGRAM = "antre-display"


def _report_ready(window: BoardWindow, options: DisplayOptions, started: float) -> None:
    """For tests and the benchmark: say when the board first shows the hall's data."""

    def ready() -> None:
        window.sync.loaded.disconnect(ready)
        window.repaint()
        print(ready_line("display", started), flush=True)
        if options.quit_after_ready:
            QTimer.singleShot(0, QApplication.quit)

    window.sync.loaded.connect(ready)


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)  # --help: no screen
    app = make_app(PROGRAM, [sys.argv[0]])
    lang = messages.language()
    try:
        options = options_from(args, load_settings())
    except ConfigError as error:
        QMessageBox.critical(None, "Antre", error.message(lang))
        return 2
    i18n.set_language(options.language)
    # Only now: it loads QtMultimedia, whose messages go to the native log from make_app on.
    from display.board import build_board, show

    window = build_board(options)
    if options.report_ready:
        _report_ready(window, options, started)
    show(window, options, app)
    window.sync.start()
    code = app.exec()
    window.sync.stop()
    if window.sync.hall is not None:
        window.sync.hall.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
