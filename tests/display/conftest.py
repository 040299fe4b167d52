"""A board on the real database: its own Database (another PC), quick sounds, a fake voice engine.

The hall fixture (tests/conftest.py) plays the counters; the board reads through a separate
connection pool, follows the real event feed, and announces through the real announcer queue
with short tones standing in for the chime and the rendered speech.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from core.db.database import Database
from core.hall import HallService
from display.announcer.queue import Announcer, Pauses
from display.announcer.speech import EngineStatus, SpeechSettings
from display.board_state import BoardState, Call
from display.sync import BoardSync
from display.voice import HallVoice
from display.window import BoardWindow, Look

QUICK = Pauses(after_chime_s=0.02, between_repeats_s=0.02, between_announcements_s=0.03)


def write_tone(path: Path, seconds: float, freq: float = 660.0, rate: int = 16000) -> Path:
    count = round(seconds * rate)
    frames = bytearray()
    for n in range(count):
        fade = min(1.0, n / 100, (count - n) / 100)
        value = 0.4 * fade * math.sin(2 * math.pi * freq * n / rate)
        frames += round(value * 32767).to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return path


class FakeSpeech:
    """A speech source whose every sentence is the same short tone, ready at once."""

    def __init__(self, clip: Path) -> None:
        self.settings = SpeechSettings()
        self.status = EngineStatus.READY
        self.clip = clip
        self.sentences: list[str] = []

    def render(self, text: str) -> Future[Path | None]:
        self.sentences.append(text)
        future: Future[Path | None] = Future()
        future.set_result(self.clip)
        return future


@dataclass
class Board:
    window: BoardWindow
    sync: BoardSync
    voice: HallVoice
    speech: FakeSpeech | None
    calls: list[tuple[Call, str]] = field(default_factory=list)  # (call, mode) as signalled
    announced: list[Call] = field(default_factory=list)  # chime started, in order

    @property
    def state(self) -> BoardState:
        return self.sync.state

    def chimes(self) -> list[str]:
        return [r.ticket_number for r in self.voice.history if r.kind == "chime"]

    def spoken(self) -> list[str]:
        return [r.ticket_number for r in self.voice.history if r.kind == "speech"]


@pytest.fixture
def sounds(tmp_path: Path) -> tuple[Path, Path]:
    """(chime, speech): two short tones."""
    return write_tone(tmp_path / "chime.wav", 0.06, 880), write_tone(tmp_path / "speech.wav", 0.08)


@pytest.fixture
def make_board(
    qtbot, db_url: str, hall: HallService, sounds: tuple[Path, Path]
) -> Iterator[Callable[..., Board]]:
    """make_board(zones=(), url=db_url, speech=True, size=(1920, 1080)) → a started board."""
    made: list[tuple[Board, Database]] = []

    def make(
        zones: tuple[str, ...] = (),
        url: str | None = None,
        speech: bool = True,
        size: tuple[int, int] = (1920, 1080),
        look: Look | None = None,
        start: bool = True,
        announcer_speech: object = None,
    ) -> Board:
        chime, clip = sounds
        fake = FakeSpeech(clip) if speech and announcer_speech is None else None
        source = announcer_speech if announcer_speech is not None else fake

        def factory(style):
            return Announcer(source, chime=chime, style=style, pauses=QUICK)  # type: ignore[arg-type]

        voice = HallVoice(factory)
        database = Database(url or db_url)
        display_hall = HallService(database, hall.hall)
        sync = BoardSync(
            display_hall, BoardState(zones), voice, synchronous=True, feed_wait_seconds=0.3
        )
        window = BoardWindow(sync, voice, look or Look())
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        board = Board(window, sync, voice, fake)
        sync.called.connect(lambda call, mode: board.calls.append((call, mode)))
        voice.now_announcing.connect(board.announced.append)
        made.append((board, database))
        if start:
            sync.start()
            qtbot.waitUntil(lambda: sync.state.loaded, timeout=5000)
        return board

    yield make
    for board, database in made:
        board.sync.stop()
        board.window.close()
        database.dispose()


@pytest.fixture
def issue(hall: HallService) -> Callable[..., list[str]]:
    """issue(service, count=1) → the numbers of new tickets, ready to be called."""

    def make(service: str, count: int = 1) -> list[str]:
        return [hall.issue(service, reserve_for_print=False).ticket.number for _ in range(count)]

    return make
