"""antre-display's start-up, options, language, a board without speech, and the media area."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QImage

from core.config import load_settings
from core.errors import ConfigError
from display import wording
from display.announcer.speech import EngineStatus, SpeechRenderer
from display.options import load_options
from display.widgets.counter_grid import grid_shape
from display.window import Look
from ui import i18n

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def settings_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "antre.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_options_come_from_the_display_table_then_the_command_line(tmp_path: Path) -> None:
    path = settings_file(
        tmp_path,
        """
database = "sqlite:///x.db"
[display]
zones = ["Lantai 1"]
media = "/srv/media"
repeat = 2
rate = 120
sound = "chime"
""",
    )
    settings = load_settings(path, env={})
    options = load_options([], settings)
    assert options.zones == ("Lantai 1",)
    assert options.media == Path("/srv/media")
    assert (options.speech.repeat, options.speech.rate, options.sound) == (2, 120, "chime")
    options = load_options(
        ["--zone", "Lantai 2", "--zone", "Lantai 3", "--sound", "off", "--size", "1080x1920"],
        settings,
    )
    assert options.zones == ("Lantai 2", "Lantai 3")
    assert options.sound == "off" and options.windowed and options.size == (1080, 1920)


def test_bad_display_settings_are_a_config_error(tmp_path: Path) -> None:
    settings = load_settings(settings_file(tmp_path, "[display]\nrepeat = 5\n"), env={})
    with pytest.raises(ConfigError):
        load_options([], settings)


def test_antre_display_starts_shows_the_hall_and_quits(hall, db_url) -> None:
    """The console script in a process of its own, as a hall PC runs it."""
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "display.app",
            "--database",
            db_url,
            "--hall",
            "uji",
            "--windowed",
            "--size",
            "960x540",
            "--sound",
            "off",
            "--report-ready",
            "--quit-after-ready",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    ready = [line for line in result.stdout.splitlines() if line.startswith("ANTRE_DISPLAY_READY")]
    assert ready, result.stdout
    assert time.monotonic() - started < 20


def test_english_board(qapp) -> None:
    i18n.set_language("en")
    try:
        assert wording.now_calling() == "Ticket number"
        assert wording.state_name("break") == "On break"
    finally:
        i18n.set_language("id")
    assert wording.now_calling() == "Nomor antrean"
    assert QCoreApplication.translate("Board", "Tutup") == "Tutup"


def test_without_a_speech_engine_the_chime_and_the_board_still_work(
    qtbot, make_board, hall, issue, tmp_path
) -> None:
    def no_engine():
        raise RuntimeError("no espeak here")

    speech = SpeechRenderer(tmp_path / "cache", engine_factory=no_engine)
    assert speech.wait_started(5) is EngineStatus.UNAVAILABLE
    board = make_board(announcer_speech=speech)
    (number,) = issue("KTP")
    hall.call_next(1)
    qtbot.waitUntil(lambda: board.chimes() == [number], timeout=8000)  # first sound: slow
    qtbot.waitUntil(lambda: not board.voice.busy, timeout=3000)
    assert board.spoken() == []
    assert board.window.grid.number_at(1) == number
    assert board.window.now_calling.number_text == number


def test_media_area_loops_images_and_ducks_video_sound(qtbot, make_board, tmp_path) -> None:
    folder = tmp_path / "media"
    folder.mkdir()
    for name, colour in (("01.png", "#1565C0"), ("02.jpg", "#C62828")):
        image = QImage(320, 180, QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        image.save(str(folder / name))
    (folder / "notes.txt").write_text("not media")
    board = make_board(look=Look(media_folder=folder, image_seconds=0.05))
    media = board.window.media
    assert media is not None and media.available and media.isVisible()
    assert [p.name for p in media.files] == ["01.png", "02.jpg"]
    qtbot.waitUntil(
        lambda: media.current is not None and media.current.name == "02.jpg", timeout=2000
    )
    qtbot.waitUntil(
        lambda: media.current is not None and media.current.name == "01.png", timeout=2000
    )
    board.voice.playing_changed.emit(True)
    assert media.effective_volume() < 0.2 * media.volume
    board.voice.playing_changed.emit(False)
    assert media.effective_volume() == media.volume
    for path in folder.glob("0*"):
        path.unlink()
    qtbot.waitUntil(lambda: not media.available, timeout=2000)
    assert not media.isVisible()


def test_grid_shape_keeps_tiles_large() -> None:
    assert grid_shape(15, 1100, 850, 20) == (4, 4)
    assert grid_shape(3, 1100, 850, 20) in ((2, 2), (3, 1))
    assert grid_shape(15, 1000, 1000, 20)[0] * grid_shape(15, 1000, 1000, 20)[1] >= 15
