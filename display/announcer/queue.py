"""The hall's announcement queue: chime, then the spoken call, one call after another.

Calls are announced in the order they arrive and never overlap or cut each other off (an
open-source peer is known for that bug); a recall is simply another call. Speech is requested
as soon as a call arrives, so it is usually rendered while earlier calls still play; if it is not
ready when its turn comes the queue waits a while, then gives the chime alone.

When calls queue up the queue keeps up with them: the calls waiting when a sentence is due are
spoken as a group after one chime, each in its short form ("a dua belas ke loket tujuh", no
preamble, said once, the clip's trailing silence cut), so ten calls in two seconds are all heard
within about 20 s instead of one a 7 s. The board already shows them all at once.

The board listens to `playing_changed` to lower a video's volume while the hall is spoken to.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import Enum, auto
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from .announcement_text import AnnouncementStyle, AnnouncementText, build_announcement
from .clip_player import ClipPlayer, wav_duration
from .clip_trim import without_trailing_silence
from .speech import EngineStatus, SpeechSettings

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_CHIME", "Announcement", "Announcer", "Pauses", "PlaybackRecord", "SpeechSource"]

DEFAULT_CHIME = Path(__file__).resolve().parents[2] / "assets" / "sounds" / "chime.wav"
HISTORY_LENGTH = 1000


class SpeechSource(Protocol):
    """What the queue needs from speech.SpeechRenderer (tests pass a fake)."""

    settings: SpeechSettings

    @property
    def status(self) -> EngineStatus: ...

    def render(self, text: str) -> Future[Path | None]: ...


@dataclass(frozen=True)
class Pauses:
    after_chime_s: float = 0.15
    between_repeats_s: float = 0.7
    between_announcements_s: float = 0.5
    within_group_s: float = 0.1  # between the short calls of a group (their clips are trimmed)


@dataclass(frozen=True)
class Announcement:
    seq: int  # order of arrival; a recall gets a new one
    ticket_number: str
    counter: int
    counter_name: str | None
    text: AnnouncementText
    called_at: datetime  # aware; used to drop stale calls after a reconnect
    speech: Future[Path | None] | None = field(default=None, compare=False, repr=False)
    quick: Future[Path | None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PlaybackRecord:
    seq: int
    ticket_number: str
    kind: Literal["chime", "speech"]
    started: float  # time.monotonic()
    ended: float


class _Stage(Enum):
    IDLE = auto()
    CHIME = auto()
    SPEECH = auto()
    PAUSE = auto()  # after the chime, between repeats, between announcements
    WAITING_FOR_SPEECH = auto()


class Announcer(QObject):
    # Each carries the ticket number; while they are emitted, `current` is that announcement.
    announcement_started = Signal(str)  # the chime starts
    speech_started = Signal(str)  # the first time the sentence is spoken
    announcement_finished = Signal(str)
    playing_changed = Signal(bool)  # True from the first chime until the queue is empty

    _speech_ready = Signal(int)  # seq; emitted from the speech thread

    def __init__(
        self,
        speech: SpeechSource | None,
        *,
        chime: Path | None = DEFAULT_CHIME,
        style: AnnouncementStyle | None = None,
        pauses: Pauses | None = None,
        speech_timeout_s: float = 8.0,
        player: ClipPlayer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._speech = speech
        self._style = style or AnnouncementStyle()
        self._pauses = pauses or Pauses()
        self._speech_timeout_s = speech_timeout_s
        self._repeat = speech.settings.repeat if speech is not None else 1
        self._chime = chime
        self._chime_duration = wav_duration(chime) if chime is not None else 0.0
        self._player = player or ClipPlayer(self)
        self._player.finished.connect(self._on_clip_finished)
        self._timer = QTimer(self)  # pauses and the wait for speech
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        self._after_timer: Callable[[], None] | None = None
        self._speech_ready.connect(self._on_speech_ready, Qt.ConnectionType.QueuedConnection)

        self._pending: deque[Announcement] = deque()
        self._current: Announcement | None = None
        self._stage = _Stage.IDLE
        self._playing = False
        self._next_seq = 1
        self._clip: tuple[Literal["chime", "speech"], Path, float, float] | None = None
        self._spoken = 0  # repeats of the current sentence played so far
        self._grouped = False  # the current call is spoken in a group: short, once
        self._history: deque[PlaybackRecord] = deque(maxlen=HISTORY_LENGTH)

    # The board's side

    def announce(
        self,
        ticket_number: str,
        counter: int,
        counter_name: str | None = None,
        *,
        called_at: datetime | None = None,
    ) -> Announcement:
        """Queue a call (raises ValueError for a malformed ticket number or counter)."""
        if called_at is None:
            called_at = datetime.now(UTC)
        elif called_at.tzinfo is None:
            raise ValueError("called_at must be timezone-aware")
        text = build_announcement(ticket_number, counter, counter_name, self._style)
        seq = self._next_seq
        self._next_seq += 1
        # A call that arrives while another plays will be spoken in a group: its short form.
        alone = self._stage is _Stage.IDLE and not self._pending
        entry = Announcement(
            seq=seq,
            ticket_number=ticket_number,
            counter=counter,
            counter_name=counter_name,
            text=text,
            called_at=called_at,
            speech=self._request_speech(seq, text.spoken) if alone else None,
            quick=None if alone else self._request_speech(seq, text.quick),
        )
        self._pending.append(entry)
        log.info("queued %s (%d waiting)", text.display, len(self._pending))
        if self._stage is _Stage.IDLE:
            self._start_next()
        return entry

    def drop_stale(
        self, max_age: timedelta = timedelta(minutes=1), now: datetime | None = None
    ) -> list[Announcement]:
        """Forget waiting calls older than `max_age` (after a reconnect); the current call plays."""
        cutoff = (now or datetime.now(UTC)) - max_age
        stale = [a for a in self._pending if a.called_at < cutoff]
        if stale:
            self._pending = deque(a for a in self._pending if a.called_at >= cutoff)
            log.info("dropped %d stale calls: %s", len(stale), [a.ticket_number for a in stale])
        return stale

    def stop(self) -> None:
        """Silence now and forget every waiting call (closing the board)."""
        self._pending.clear()
        self._player.stop()
        self._timer.stop()
        self._current = None
        self._clip = None
        self._stage = _Stage.IDLE
        self._set_playing(False)

    @property
    def pending(self) -> tuple[Announcement, ...]:
        return tuple(self._pending)

    @property
    def current(self) -> Announcement | None:
        return self._current

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def history(self) -> list[PlaybackRecord]:
        """What was played, oldest first (the last HISTORY_LENGTH clips)."""
        return list(self._history)

    # The sequence: chime → pause → [wait for speech] → speech × repeat → pause → next

    def _request_speech(self, seq: int, text: str) -> Future[Path | None] | None:
        if self._speech is None or self._speech.status is EngineStatus.UNAVAILABLE:
            return None
        future = self._speech.render(text)
        future.add_done_callback(lambda _f: self._notify_speech_ready(seq))
        return future

    def _notify_speech_ready(self, seq: int) -> None:
        # RuntimeError: the announcer was deleted while the sentence was rendered.
        with contextlib.suppress(RuntimeError):
            self._speech_ready.emit(seq)

    def _start_next(self, in_group: bool = False) -> None:
        """The next call; ``in_group``: it follows a grouped call at once, with no chime."""
        if not self._pending:
            self._stage = _Stage.IDLE
            self._set_playing(False)
            return
        self._current = entry = self._pending.popleft()
        self._grouped = in_group = in_group and entry.quick is not None
        self._set_playing(True)
        log.info("announcing %s%s", entry.text.display, " (in a group)" if in_group else "")
        self.announcement_started.emit(entry.ticket_number)
        if self._current is not entry:  # a listener stopped the queue
            return
        if not in_group and self._chime is not None and self._chime_duration > 0:
            self._play("chime", self._chime, self._chime_duration)
        else:
            self._speech_turn()

    def _play(self, kind: Literal["chime", "speech"], path: Path, duration: float) -> None:
        self._stage = _Stage.CHIME if kind == "chime" else _Stage.SPEECH
        self._clip = (kind, path, duration, time.monotonic())
        self._player.play(path, duration)

    def _on_clip_finished(self) -> None:
        if self._clip is None or self._current is None:
            return
        kind, path, duration, started = self._clip
        self._clip = None
        entry = self._current
        self._history.append(
            PlaybackRecord(entry.seq, entry.ticket_number, kind, started, time.monotonic())
        )
        if kind == "chime":
            self._pause(self._pauses.after_chime_s, self._speech_turn)
            return
        self._spoken += 1
        if self._spoken < self._repeat and not self._grouped:
            self._pause(self._pauses.between_repeats_s, lambda: self._play(kind, path, duration))
        else:
            self._finish_current()

    def _speech_turn(self) -> None:
        entry = self._current
        assert entry is not None
        if self._pending and not self._grouped and entry.quick is None:
            # Others came during the chime: this call opens their group, in its short form.
            entry = replace(entry, quick=self._request_speech(entry.seq, entry.text.quick))
            self._current = entry
        if entry.quick is not None and (self._pending or entry.speech is None):
            self._grouped = True
        future = entry.quick if self._grouped else entry.speech
        if future is None:
            self._finish_current()
        elif future.done():
            self._speak(future)
        else:
            self._stage = _Stage.WAITING_FOR_SPEECH
            self._after_timer = self._speech_timed_out
            self._timer.start(round(self._speech_timeout_s * 1000))

    def _on_speech_ready(self, seq: int) -> None:
        current = self._current
        if self._stage is _Stage.WAITING_FOR_SPEECH and current is not None and current.seq == seq:
            future = current.quick if self._grouped else current.speech
            if future is not None and future.done():
                self._timer.stop()
                self._speak(future)

    def _speech_timed_out(self) -> None:
        assert self._current is not None
        log.warning(
            "speech for %s not ready after %.1f s; chime only",
            self._current.ticket_number,
            self._speech_timeout_s,
        )
        self._finish_current()

    def _speak(self, future: Future[Path | None]) -> None:
        assert self._current is not None
        path = None if future.cancelled() or future.exception() else future.result()
        if path is not None and self._grouped:
            path = without_trailing_silence(path)
        duration = wav_duration(path) if path is not None else 0.0
        if path is None or duration <= 0:  # unavailable or failed: speech.py has logged it
            self._finish_current()
            return
        self._spoken = 0
        entry = self._current
        self.speech_started.emit(entry.ticket_number)
        if self._current is entry:  # unless a listener stopped the queue
            self._play("speech", path, duration)

    def _finish_current(self) -> None:
        entry = self._current
        assert entry is not None
        self.announcement_finished.emit(entry.ticket_number)  # `current` is still the entry
        if self._current is not entry:  # a listener stopped the queue (and maybe refilled it)
            return
        self._current = None
        if self._pending and self._grouped:
            self._pause(self._pauses.within_group_s, lambda: self._start_next(in_group=True))
        elif self._pending:
            self._pause(self._pauses.between_announcements_s, self._start_next)
        else:
            self._stage = _Stage.IDLE
            self._set_playing(False)

    def _pause(self, seconds: float, then: Callable[[], None]) -> None:
        self._stage = _Stage.PAUSE
        self._after_timer = then
        self._timer.start(max(0, round(seconds * 1000)))

    def _on_timer(self) -> None:
        then, self._after_timer = self._after_timer, None
        if then is not None:
            then()

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)
