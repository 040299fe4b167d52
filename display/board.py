"""The hall display's board window put together from its options (database, voice, look).

Importing this module loads QtMultimedia (the media area and the chime's player), which
gives Qt's first messages: ``antre-display`` imports it only once its QApplication exists
and Qt's output goes to the native log, never at the top of ``display.app``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from display.announcer.queue import DEFAULT_CHIME
from display.board_state import BoardState
from display.options import DisplayOptions
from display.sync import BoardSync
from display.voice import HallVoice, make_voice, speech_renderer
from display.window import BoardWindow, Look
from ui.startup import hall_opener


def build_voice(options: DisplayOptions) -> HallVoice | None:
    if options.sound == "off":
        return make_voice(None, chime=None)
    speech = speech_renderer(options.speech) if options.sound == "speech" else None
    return make_voice(speech, chime=DEFAULT_CHIME)


def build_board(options: DisplayOptions) -> BoardWindow:
    voice = build_voice(options)
    # The hall is opened by the board's first read: the board shows its outage meanwhile.
    sync = BoardSync(
        hall_opener(options.database_url, options.hall),
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
