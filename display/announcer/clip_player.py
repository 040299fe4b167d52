"""Play one WAV clip at a time and say when it is over, even when no sound comes out.

A hall display may have no working audio device (HDMI unplugged, headless test machine). The
announcement queue must still advance in order and at the pace of the sound, so when playback
fails a timer stands in for the rest of the clip's duration, and a watchdog ends a clip whose
end never arrives.
"""

from __future__ import annotations

import logging
import time
import wave
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

log = logging.getLogger(__name__)

__all__ = ["ClipPlayer", "wav_duration"]

WATCHDOG_SLACK_S = 2.0  # a clip may end this much later than its length before we move on


def wav_duration(path: Path) -> float:
    """Length of a WAV file in seconds; 0.0 (and a log line) when it cannot be read."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()
    except (OSError, EOFError, wave.Error) as exc:
        log.warning("cannot read sound file %s: %s", path, exc)
        return 0.0


class ClipPlayer(QObject):
    """One clip at a time; `finished` is emitted once per play(), never from inside play()."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_media_status)
        self._player.errorOccurred.connect(self._on_error)
        self._timer = QTimer(self)  # fallback clock or watchdog, whichever is running
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        self._active = False
        self._timed_only = False  # playback failed: the timer now stands for the clip
        self._started = 0.0
        self._duration = 0.0
        self._failure_logged = False
        self._clip_id = 0  # a `finished` queued for a clip that was stopped is dropped

    @property
    def active(self) -> bool:
        return self._active

    def play(self, path: Path, duration_s: float) -> None:
        """Start `path`; `duration_s` (its length) paces the fallback and the watchdog."""
        if self._active:
            raise RuntimeError("ClipPlayer.play() while a clip is playing")
        self._active = True
        self._clip_id += 1
        self._timed_only = False
        self._started = time.monotonic()
        self._duration = max(duration_s, 0.0)
        self._timer.start(_ms(self._duration + WATCHDOG_SLACK_S))
        self._player.setSource(QUrl())  # reload, so the same file plays again from its start
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        if self._active and not self._timed_only:
            self._player.play()

    def stop(self) -> None:
        """Stop without emitting `finished`."""
        self._active = False
        self._clip_id += 1
        self._timer.stop()
        self._player.stop()

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._active or self._timed_only:
            return
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._finish()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._time_the_rest("invalid media")

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if self._active and not self._timed_only and error != QMediaPlayer.Error.NoError:
            self._time_the_rest(message or str(error))

    def _time_the_rest(self, reason: str) -> None:
        if self._failure_logged:
            log.debug("audio playback failed again: %s", reason)
        else:
            log.warning("audio playback failed (%s); timing announcements without sound", reason)
            self._failure_logged = True
        self._timed_only = True
        self._player.stop()
        elapsed = time.monotonic() - self._started
        self._timer.start(_ms(self._duration - elapsed))

    def _on_timer(self) -> None:
        if not self._active:
            return
        if not self._timed_only:
            log.warning(
                "sound clip did not end %.1f s after its length (%.1f s); moving on",
                WATCHDOG_SLACK_S,
                self._duration,
            )
            self._player.stop()
        self._finish()

    def _finish(self) -> None:
        self._active = False
        self._timer.stop()
        # Not from inside QMediaPlayer's signal: the listener will start the next clip.
        clip_id = self._clip_id
        QTimer.singleShot(0, self, lambda: self._emit_finished(clip_id))

    def _emit_finished(self, clip_id: int) -> None:
        if clip_id == self._clip_id and not self._active:
            self.finished.emit()


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))
