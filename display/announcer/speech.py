"""Offline text-to-speech into cached WAV files, rendered off the GUI thread.

pyttsx3 hands out one shared engine per driver and process, and SAPI5 (Windows) needs it used from
the thread that made it, so one thread per engine does all the work: it makes the engine, then
renders one sentence at a time (one save_to_file per runAndWait: the espeak driver writes only the
last of several queued files). Callers get a Future that resolves to the WAV's path, or to None
when there is no speech (the announcer then plays the chime only).

A sentence is rendered once: the file name is a hash of text, voice, rate and volume.
No Qt here; the playback queue lives in queue.py.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import json
import logging
import os
import queue
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

log = logging.getLogger(__name__)

__all__ = [
    "EngineFactory",
    "EngineStatus",
    "SpeechRenderer",
    "SpeechSettings",
    "TtsEngine",
    "cache_key",
    "choose_voice",
    "pyttsx3_engine",
]

CACHE_FORMAT = 1  # bump when a change makes old cached files wrong
DEFAULT_MAX_CACHE_BYTES = 256 * 1024 * 1024
FINISH_TIMEOUT_S = 15.0  # for one sentence to be written, once runAndWait() has returned
SAVE_ATTEMPTS = 3
SETTLE_S = 0.05  # rest after changing a property or after a lost try

# Voice ids known to speak the language well, tried before matching by language.
_PREFERRED_VOICES = {"id": ("poz/id", "id"), "en": ("gmw/en", "en")}
_LANGUAGE_NAMES = {"id": ("indonesia", "bahasa"), "en": ("english",)}
_LANGUAGE_CODES = {"id": ("id", "in", "ind"), "en": ("en", "eng")}

T = TypeVar("T")


class EngineStatus(StrEnum):
    STARTING = "starting"
    READY = "ready"
    UNAVAILABLE = "unavailable"  # no speech: chime and board only


@dataclass(frozen=True)
class SpeechSettings:
    voice: str | None = None  # an engine voice id; None: the best voice for `language`
    rate: int = 140  # words per minute; espeak's default 175 is fast for a hall
    volume: float = 1.0  # 0.0–1.0
    repeat: int = 1  # how often the sentence is spoken per call, 1–3
    language: str = "id"

    def __post_init__(self) -> None:
        if not 1 <= self.repeat <= 3:
            raise ValueError(f"speech repeat must be 1, 2 or 3, not {self.repeat!r}")
        if not 0.0 <= self.volume <= 1.0:
            raise ValueError(f"speech volume must be between 0.0 and 1.0, not {self.volume!r}")
        if not 50 <= self.rate <= 400:
            raise ValueError(f"speech rate must be 50–400 words per minute, not {self.rate!r}")
        if self.language not in _PREFERRED_VOICES:
            raise ValueError(f"unsupported speech language {self.language!r}")


class TtsEngine(Protocol):
    """The part of pyttsx3.Engine used here."""

    def getProperty(self, name: str) -> Any: ...  # pyttsx3's names
    def setProperty(self, name: str, value: Any) -> None: ...
    def save_to_file(self, text: str, filename: str) -> None: ...
    def runAndWait(self) -> None: ...

    # Optional: connect("finished-utterance", callback), as pyttsx3 has it.


EngineFactory = Callable[[], TtsEngine]


def pyttsx3_engine() -> TtsEngine:
    """The platform's engine (espeak-ng on Linux, SAPI5 on Windows); raises if there is none."""
    if sys.platform == "win32":  # COM must be initialised in the thread that uses SAPI5
        try:
            import pythoncom

            pythoncom.CoInitialize()
        except ImportError:
            pass
    import pyttsx3

    engine = pyttsx3.init()
    # pyttsx3 2.99's espeak driver returns from a new engine's first runAndWait() before the
    # sentence is synthesised (espeak-ng calls back from its own thread); an empty first run
    # brings the engine into the state in which runAndWait() waits for the end.
    engine.runAndWait()
    return engine


_PYTTSX3_DRIVERS = {"win32": "sapi5", "darwin": "nsss"}  # else espeak


def import_pyttsx3() -> None:
    """Import pyttsx3 and the platform's driver now, on the thread that starts the engine.

    The imports load shared libraries (``_ctypes``, libespeak-ng). Made in the engine's thread,
    they held the GIL while waiting for the dynamic loader's lock, which the GUI thread held
    while Qt loaded a multimedia plugin: the display froze at start-up (issue 11). A failure
    is left for the engine's thread, which reports "no speech".
    """
    try:
        import ctypes  # noqa: F401

        import pyttsx3  # noqa: F401

        importlib.import_module(f"pyttsx3.drivers.{_PYTTSX3_DRIVERS.get(sys.platform, 'espeak')}")
    except Exception as error:  # ImportError, OSError, RuntimeError: no engine
        log.debug("pyttsx3 not importable here: %s", error)


def cache_key(text: str, voice: str | None, rate: int, volume: float) -> str:
    blob = json.dumps([CACHE_FORMAT, text, voice or "", rate, round(volume, 3)])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:40]


def choose_voice(voices: Iterable[Any], language: str, requested: str | None = None) -> str | None:
    """The id of the voice to use, or None for the engine's default.

    `voices` are pyttsx3 Voice objects (id, name, languages). A requested voice wins if installed;
    otherwise a known good voice for the language, then any voice whose language or name matches.
    MBROLA voices (espeak "mb/…") are skipped: they need data that is rarely installed.
    """
    voices = list(voices)
    ids = {str(v.id): v for v in voices}
    if requested:
        for vid in ids:
            if vid.lower() == requested.lower():
                return vid
        log.warning("speech voice %r is not installed; choosing one for %r", requested, language)
    for preferred in _PREFERRED_VOICES[language]:
        if preferred in ids:
            return preferred
    for voice in voices:
        vid = str(voice.id)
        if vid.lower().startswith("mb/"):
            continue
        if any(_language_matches(lang, language) for lang in voice.languages or ()):
            return vid
        name = str(voice.name or "").lower()
        if any(word in name for word in _LANGUAGE_NAMES[language]):
            return vid
    return None


def _language_matches(code: Any, language: str) -> bool:
    if isinstance(code, bytes):
        code = code.decode("utf-8", "ignore")
    primary = str(code).strip().lower().replace("_", "-").split("-")[0]
    return primary in _LANGUAGE_CODES[language]


class _EngineSession:
    """The engine as jobs use it: one sentence per run, checked, and tried again if it was lost.

    pyttsx3 2.99's espeak driver cancels the sentence it has just started when espeak-ng is
    still busy as the run begins, and changing a property keeps espeak-ng busy for a moment. So
    properties are set only when they change, followed by a short rest, and a run counts only if
    the engine's first report of it says "completed" and the file has audio.
    """

    def __init__(self, engine: TtsEngine) -> None:
        self._engine = engine
        self._properties: dict[str, object] = {}
        self._finished = threading.Event()
        self._first_report: bool | None = None  # `completed` of the run's first end report
        self._engine_reports_the_end = False  # learnt: SAPI5 may not report it for files
        connect = getattr(engine, "connect", None)
        if connect is not None:
            connect("finished-utterance", self._on_finished)

    def _on_finished(self, completed: bool = True, **_: Any) -> None:
        self._engine_reports_the_end = True
        if self._first_report is None:
            self._first_report = completed
        self._finished.set()

    def voices(self) -> list[Any]:
        return list(self._engine.getProperty("voices") or ())

    def save(
        self, text: str, directory: Path, stem: str, voice: str | None, rate: int, volume: float
    ) -> Path | None:
        """Write `text` to a new WAV file in `directory`; None if no audio came after all tries.

        Each try has a file of its own, so a lost try that is written late overwrites nothing.
        """
        self._set_properties({"voice": voice, "rate": rate, "volume": volume})
        lost: list[Path] = []
        saved = None
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            path = directory / f"{stem}.{os.getpid()}-{attempt}.part.wav"
            if self._save_once(text, path):
                saved = path
                break
            lost.append(path)
            log.debug("speech engine lost %r (try %d of %d)", text, attempt, SAVE_ATTEMPTS)
            time.sleep(SETTLE_S * attempt)
        for path in lost:  # written late, if at all; SpeechRenderer sweeps what is left
            path.unlink(missing_ok=True)
        return saved

    def _set_properties(self, wanted: dict[str, object]) -> None:
        changed = False
        for name, value in wanted.items():
            if value is not None and self._properties.get(name) != value:
                self._engine.setProperty(name, value)
                self._properties[name] = value
                changed = True
        if changed:
            time.sleep(SETTLE_S)

    def _save_once(self, text: str, path: Path) -> bool:
        self._finished.clear()
        self._first_report = None
        self._engine.save_to_file(text, str(path))  # only one per run: see the module's docstring
        self._engine.runAndWait()
        if self._engine_reports_the_end and not self._finished.wait(FINISH_TIMEOUT_S):
            log.warning("speech engine did not finish %r within %.0f s", text, FINISH_TIMEOUT_S)
        return self._first_report is not False and _wav_frames(path) > 0


class _EngineThread:
    """Owns one engine; runs jobs on it one after another. One per factory per process."""

    def __init__(self, factory: EngineFactory) -> None:
        self._factory = factory
        self._jobs: queue.SimpleQueue[tuple[Callable[[Any], Any], Future[Any]] | None]
        self._jobs = queue.SimpleQueue()
        self._started = threading.Event()
        self.status = EngineStatus.STARTING
        if factory is pyttsx3_engine:
            import_pyttsx3()  # here, not in the thread: see import_pyttsx3
        self._thread = threading.Thread(target=self._run, name="antre-tts", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[_EngineSession], T]) -> Future[T | None]:
        future: Future[T | None] = Future()
        self._jobs.put((job, future))
        return future

    def wait_started(self, timeout: float | None) -> EngineStatus:
        self._started.wait(timeout)
        return self.status

    def stop(self, timeout: float) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        session = None
        try:
            session = _EngineSession(self._factory())
        except Exception as exc:  # ImportError, OSError, RuntimeError: all mean "no speech"
            log.warning(
                "speech engine unavailable (%s: %s); announcements will use the chime only",
                type(exc).__name__,
                exc,
            )
            self.status = EngineStatus.UNAVAILABLE
        else:
            self.status = EngineStatus.READY
        self._started.set()
        while (item := self._jobs.get()) is not None:
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            if session is None:
                future.set_result(None)
                continue
            try:
                result = job(session)
            except Exception:
                log.exception("speech rendering failed")
                result = None
            future.set_result(result)


_threads: dict[EngineFactory, _EngineThread] = {}
_threads_lock = threading.Lock()


def _engine_thread(factory: EngineFactory) -> _EngineThread:
    with _threads_lock:
        if factory not in _threads:
            if not _threads:
                atexit.register(_stop_engine_threads)
            _threads[factory] = _EngineThread(factory)
        return _threads[factory]


def _stop_engine_threads() -> None:
    with _threads_lock:
        threads = list(_threads.values())
    for thread in threads:
        thread.stop(timeout=2.0)


class SpeechRenderer:
    """Renders announcement sentences to WAV files in `cache_dir`.

    render() never blocks; its Future gives the file, or None when speech is unavailable or the
    engine failed (already logged here, so callers need not log again).
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        settings: SpeechSettings | None = None,
        *,
        engine_factory: EngineFactory = pyttsx3_engine,
        max_cache_bytes: int = DEFAULT_MAX_CACHE_BYTES,
    ) -> None:
        if cache_dir is None:
            import platformdirs

            cache_dir = Path(platformdirs.user_cache_dir("antre")) / "speech"
        self.cache_dir = Path(cache_dir)
        self.settings = settings or SpeechSettings()
        self.max_cache_bytes = max_cache_bytes
        self.renders = 0  # sentences synthesised (not served from the cache)
        self.cache_hits = 0
        self._voice: str | None = None
        self._voice_chosen = False
        self._cache_bytes: int | None = None  # known after the first job scanned the directory
        self._thread = _engine_thread(engine_factory)

    @property
    def status(self) -> EngineStatus:
        return self._thread.status

    @property
    def voice(self) -> str | None:
        """The voice id in use (None: the engine's default), known after the first render."""
        return self._voice

    def wait_started(self, timeout: float | None = None) -> EngineStatus:
        """Block until the engine is made (or failed); for start-up checks and tests."""
        return self._thread.wait_started(timeout)

    def render(self, text: str) -> Future[Path | None]:
        text = " ".join(text.split())
        if not text:
            raise ValueError("cannot render an empty sentence")
        return self._thread.submit(lambda session: self._render_now(session, text))

    # Everything below runs in the engine thread.

    def _render_now(self, session: _EngineSession, text: str) -> Path | None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        if self._cache_bytes is None:
            self._cache_bytes = self._scan_cache()
        voice = self._choose_voice(session)
        s = self.settings
        path = self.cache_dir / f"{cache_key(text, voice, s.rate, s.volume)}.wav"
        if _wav_frames(path) > 0:
            os.utime(path)  # recently used: pruned last
            self.cache_hits += 1
            return path
        part = session.save(text, self.cache_dir, path.stem, voice, s.rate, s.volume)
        if part is None:
            log.error("speech engine wrote no audio for %r (voice %r)", text, voice)
            return None
        os.replace(part, path)  # whole files only: a cache hit is never half-written
        self.renders += 1
        log.debug("rendered %r to %s", text, path.name)
        self._cache_bytes += path.stat().st_size
        if self._cache_bytes > self.max_cache_bytes:
            self._prune(keep=path)
        return path

    def _choose_voice(self, session: _EngineSession) -> str | None:
        if not self._voice_chosen:
            try:
                voices = session.voices()
            except Exception:
                log.exception("could not list the speech engine's voices")
                voices = []
            self._voice = choose_voice(voices, self.settings.language, self.settings.voice)
            self._voice_chosen = True
            if self._voice is None:
                log.warning(
                    "no %r speech voice among %d installed; using the engine's default voice",
                    self.settings.language,
                    len(voices),
                )
            else:
                log.info("speech voice: %s", self._voice)
        return self._voice

    def _scan_cache(self) -> int:
        total = 0
        hour_ago = time.time() - 3600
        for entry in self.cache_dir.glob("*.wav"):
            try:
                stat = entry.stat()
                if entry.name.endswith(".part.wav") and stat.st_mtime < hour_ago:
                    entry.unlink()  # left behind by a crash
                    continue
            except OSError:
                continue
            total += stat.st_size
        return total

    def _prune(self, keep: Path) -> None:
        """Delete the least recently used files until the cache is at 80 % of its limit."""
        files = []
        for entry in self.cache_dir.glob("*.wav"):
            if entry.name.endswith(".part.wav") or entry == keep:
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, entry))
        total = sum(size for _, size, _ in files) + keep.stat().st_size
        target = self.max_cache_bytes * 0.8
        for _, size, entry in sorted(files):
            if total <= target:
                break
            entry.unlink(missing_ok=True)
            total -= size
        self._cache_bytes = total


def _wav_frames(path: Path) -> int:
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes()
    except (OSError, EOFError, wave.Error):
        return -1
