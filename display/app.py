"""``antre-display``: the hall screen (board, chime and Indonesian speech).

The board starts at once and shows "connecting" until the database answers; it never asks
anyone anything (a hall screen has no keyboard): it keeps trying and shows a calm banner.

    antre-display [--zone "Lantai 1"] [--media FOLDER] [--logo FILE] [--windowed --size 1920x1080]
"""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import DBAPIError

from core import messages
from core.config import load_settings
from core.db import schema
from core.errors import ConfigError, DatabaseUnavailable
from core.service import HallService
from display.announcer.queue import DEFAULT_CHIME
from display.board_state import BoardState
from display.options import DisplayOptions, options_from, parser
from display.sync import BoardSync
from display.voice import HallVoice, make_voice, speech_renderer
from display.window import BoardWindow, Look
from ui import i18n
from ui.application import make_app
from ui.process import ready_line

log = logging.getLogger(__name__)
PROGRAM = "antre-display"


def open_hall(options: DisplayOptions) -> HallService:
    """The hall (DatabaseUnavailable while the server is out of reach; the board retries)."""
    try:
        db = schema.connect(options.database_url)
    except DBAPIError as error:
        raise DatabaseUnavailable("database_unavailable", detail=str(error.orig)) from error
    return HallService.open(db, options.hall)


def build_voice(options: DisplayOptions) -> HallVoice | None:
    if options.sound == "off":
        return make_voice(None, chime=None)
    speech = speech_renderer(options.speech) if options.sound == "speech" else None
    return make_voice(speech, chime=DEFAULT_CHIME)


def build_board(options: DisplayOptions) -> BoardWindow:
    voice = build_voice(options)
    sync = BoardSync(
        lambda: open_hall(options),
        BoardState(options.zones),
        voice,
        language=options.language,
    )
    look = Look(
        media_folder=options.media,
        logo=options.logo,
        accent=options.accent,
        image_seconds=options.image_seconds,
        video_volume=options.video_volume,
        language=options.language,
    )
    return BoardWindow(sync, voice, look)


def show(window: BoardWindow, options: DisplayOptions, app: QApplication) -> None:
    screens = app.screens()
    if options.screen is not None and 0 <= options.screen < len(screens):
        window.setScreen(screens[options.screen])
        window.move(screens[options.screen].geometry().topLeft())
    if options.windowed:
        width, height = options.size or (1280, 720)
        window.resize(width, height)
        window.show()
    else:
        window.set_full_screen(True)


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
    window = build_board(options)
    if options.report_ready:
        _report_ready(window, options, started)
    show(window, options, app)
    window.sync.start()
    code = app.exec()
    window.sync.stop()
    if window.sync.hall is not None:
        window.sync.hall.db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
