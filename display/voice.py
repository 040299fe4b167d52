"""The board's voice: hands calls to the announcer and says which call is being announced.

The announcer (display.announcer) owns the sound: chime, speech, strict order. This wrapper
keeps the board's side: which call each announcement belongs to (so "Now calling" shows the
number the hall is hearing), the hall's announcement template (changed live: the announcer
takes it when it is next idle), and a board that never stops because a number could not be
spoken.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Signal, SignalInstance

from display.announcer.announcement_text import AnnouncementStyle, Reading
from display.announcer.queue import DEFAULT_CHIME, Announcer, Pauses, PlaybackRecord
from display.announcer.speech import EngineStatus, SpeechRenderer, SpeechSettings
from display.board_state import Call

log = logging.getLogger(__name__)

AnnouncerFactory = Callable[[AnnouncementStyle], Announcer]


def style_from_settings(settings: dict[str, object], language: str = "id") -> AnnouncementStyle:
    """The hall's template and reading mode; a bad value falls back to the default sentence."""
    template = settings.get("announcement_template") or None
    reading = settings.get("number_reading") or Reading.WORDS.value
    try:
        return AnnouncementStyle(
            template=str(template) if template is not None else None,
            reading=Reading.named(str(reading)),
            language=language,
        )
    except ValueError as error:
        log.error("announcement settings not usable (%s); using the default sentence", error)
        return AnnouncementStyle(language=language)


class HallVoice(QObject):
    """Calls in, announcements out; ``now_announcing(Call)`` when a call's chime starts."""

    now_announcing = Signal(object)  # Call
    speech_started = Signal(object)  # Call
    announcement_finished = Signal(object)  # Call
    playing_changed = Signal(bool)

    def __init__(
        self,
        factory: AnnouncerFactory,
        style: AnnouncementStyle | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self._style = style or AnnouncementStyle()
        self._next_style: AnnouncementStyle | None = None
        self._calls: dict[int, Call] = {}  # announcement seq → call
        self._incoming: Call | None = None
        self.announcer = self._make(self._style)

    def _make(self, style: AnnouncementStyle) -> Announcer:
        announcer = self._factory(style)
        announcer.setParent(self)
        announcer.announcement_started.connect(lambda _n: self._relay(self.now_announcing))
        announcer.speech_started.connect(lambda _n: self._relay(self.speech_started))
        announcer.announcement_finished.connect(self._finished)
        announcer.playing_changed.connect(self._playing)
        return announcer

    # --- the board's side ----------------------------------------------------------------

    def announce(self, call: Call) -> bool:
        """Queue the call; False when it cannot be spoken (it is still shown)."""
        self._incoming = call  # an idle announcer starts it before announce() returns
        try:
            entry = self.announcer.announce(
                call.number, call.counter, call.counter_name or None, called_at=call.called_at
            )
        except ValueError as error:
            log.error("cannot announce %s at counter %s: %s", call.number, call.counter, error)
            return False
        finally:
            self._incoming = None
        self._calls[entry.seq] = call
        return True

    def set_style(self, style: AnnouncementStyle) -> None:
        if style == self._style:
            return
        if self.announcer.is_playing or self.announcer.pending:
            self._next_style = style  # taken when the queue is empty
            return
        self._swap(style)

    def drop_stale(self, max_age: timedelta, now: datetime) -> list[Call]:
        dropped = self.announcer.drop_stale(max_age, now=now)
        return [self._calls.pop(a.seq) for a in dropped if a.seq in self._calls]

    @property
    def busy(self) -> bool:
        return self.announcer.is_playing or bool(self.announcer.pending)

    @property
    def history(self) -> list[PlaybackRecord]:
        return self.announcer.history

    def stop(self) -> None:
        self.announcer.stop()
        self._calls.clear()

    # --- the announcer's side ------------------------------------------------------------

    def _current_call(self) -> Call | None:
        current = self.announcer.current
        if current is None:
            return None
        return self._calls.get(current.seq) or self._incoming

    def _relay(self, signal: SignalInstance) -> None:
        call = self._current_call()
        if call is not None:
            signal.emit(call)

    def _finished(self, _number: str) -> None:
        # The announcer clears `current` before it says so: the oldest known seq is the one.
        pending = {a.seq for a in self.announcer.pending}
        for seq in sorted(self._calls):
            if seq not in pending:
                self.announcement_finished.emit(self._calls.pop(seq))
                break

    def _playing(self, playing: bool) -> None:
        self.playing_changed.emit(playing)
        if not playing and self._next_style is not None:
            style, self._next_style = self._next_style, None
            self._swap(style)

    def _swap(self, style: AnnouncementStyle) -> None:
        old = self.announcer
        self._style = style
        self.announcer = self._make(style)
        old.stop()
        old.deleteLater()
        log.info("announcement template now %r (%s)", style.template, style.reading.value)


def speech_renderer(settings: SpeechSettings, cache_dir: Path | None = None) -> SpeechRenderer:
    """The offline engine; it starts in its own thread and is never waited for here."""
    return SpeechRenderer(cache_dir, settings)


def make_voice(
    speech: SpeechRenderer | None,
    *,
    chime: Path | None = DEFAULT_CHIME,
    pauses: Pauses | None = None,
    style: AnnouncementStyle | None = None,
) -> HallVoice:
    """A voice with the real announcer; ``speech`` None: chime only."""

    def factory(announcement_style: AnnouncementStyle) -> Announcer:
        return Announcer(speech, chime=chime, style=announcement_style, pauses=pauses)

    if speech is not None and speech.status is EngineStatus.UNAVAILABLE:
        log.warning("no speech engine: the chime and the board announce calls")
    return HallVoice(factory, style)
