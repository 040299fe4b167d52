import array
import logging
import math
import sys
import threading
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest

from display.announcer import speech
from display.announcer.speech import (
    EngineStatus,
    SpeechRenderer,
    SpeechSettings,
    cache_key,
    choose_voice,
)


def wav_facts(path: Path) -> tuple[float, float, wave._wave_params]:
    """(duration in s, RMS as a fraction of full scale, header)."""
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array.array("h", wav.readframes(params.nframes))
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / max(len(samples), 1)) / 32768
    return params.nframes / params.framerate, rms, params


# The real engine (espeak-ng on Linux), rendered once per session


def test_real_engine_renders_the_sentence(real_sentence_wav: Path) -> None:
    duration, rms, params = wav_facts(real_sentence_wav)
    assert params.nchannels == 1
    assert params.sampwidth == 2
    assert params.framerate in (16000, 22050, 24000, 44100, 48000)
    assert 2.0 <= duration <= 12.0
    assert rms > 0.02  # speech, not silence (espeak-ng speaks at about 0.1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="espeak-ng voice ids")
def test_real_engine_uses_the_indonesian_voice(
    real_renderer: SpeechRenderer, real_sentence_wav: Path
) -> None:
    assert real_renderer.voice == "poz/id"


def test_cache_hit_does_not_render_again(
    real_renderer: SpeechRenderer, real_sentence_wav: Path, real_sentence: str
) -> None:
    renders, hits = real_renderer.renders, real_renderer.cache_hits
    inode = real_sentence_wav.stat().st_ino
    again = real_renderer.render("  " + real_sentence.replace(", ", ",  ")).result(timeout=30)
    assert again == real_sentence_wav
    assert real_sentence_wav.stat().st_ino == inode
    assert (real_renderer.renders, real_renderer.cache_hits) == (renders, hits + 1)


def test_queued_sentences_each_get_their_own_file(real_renderer: SpeechRenderer) -> None:
    # pyttsx3's espeak driver writes only the last of several queued save_to_file calls.
    words = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan")
    futures = [real_renderer.render(f"loket {word}") for word in words]
    paths = [f.result(timeout=30) for f in futures]
    assert len({p for p in paths if p is not None}) == len(words)
    for path in paths:
        assert path is not None
        duration, rms, _ = wav_facts(path)
        assert 0.3 < duration < 3.0
        assert rms > 0.02


# Settings, keys, voices


def test_settings_are_checked() -> None:
    assert SpeechSettings().repeat == 1
    for bad in (
        {"repeat": 0},
        {"repeat": 4},
        {"volume": 1.5},
        {"rate": 10},
        {"language": "jv"},
    ):
        with pytest.raises(ValueError):
            SpeechSettings(**bad)


def test_cache_key_covers_text_voice_rate_and_volume() -> None:
    base = cache_key("a", "poz/id", 140, 1.0)
    assert base == cache_key("a", "poz/id", 140, 1.0)
    others = [
        cache_key("b", "poz/id", 140, 1.0),
        cache_key("a", None, 140, 1.0),
        cache_key("a", "poz/id", 150, 1.0),
        cache_key("a", "poz/id", 140, 0.5),
    ]
    assert base not in others


def voice(id_: str, name: str = "", languages: tuple = ()) -> SimpleNamespace:
    return SimpleNamespace(id=id_, name=name, languages=list(languages))


def test_choose_voice() -> None:
    espeak = [
        voice("gmw/en", "English", ["en"]),
        voice("mb/mb-id1", "indonesian-mbrola-1", ["id"]),
        voice("poz/id", "Indonesian", ["id"]),
    ]
    assert choose_voice(espeak, "id") == "poz/id"
    assert choose_voice(espeak, "en") == "gmw/en"
    sapi5 = [
        voice(r"HKEY\Tokens\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira", ["en-US"]),
        voice(r"HKEY\Tokens\TTS_MS_ID-ID_ANDIKA_11.0", "Microsoft Andika", ["id-ID"]),
    ]
    assert choose_voice(sapi5, "id") == r"HKEY\Tokens\TTS_MS_ID-ID_ANDIKA_11.0"
    by_name = [voice("v1", "Bahasa Indonesia (Damayanti)", ["Unknown Locale: 1"])]
    assert choose_voice(by_name, "id") == "v1"
    assert choose_voice([voice("gmw/en", "English", ["en"])], "id") is None
    assert choose_voice(espeak, "id", requested="GMW/EN") == "gmw/en"


def test_missing_requested_voice_falls_back(caplog: pytest.LogCaptureFixture) -> None:
    voices = [voice("poz/id", "Indonesian", ["id"])]
    with caplog.at_level(logging.WARNING):
        assert choose_voice(voices, "id", requested="nope") == "poz/id"
    assert "nope" in caplog.text


# With a fake engine: failures and the cache limit


class FakeEngine:
    """Writes a tone as long as the text (0.01 s per character), or nothing at all."""

    def __init__(self, write_tone, writes: bool = True) -> None:
        self.write_tone = write_tone
        self.writes = writes
        self.saved: list[str] = []
        self.properties: dict[str, object] = {}
        self._queued: tuple[str, str] | None = None

    def getProperty(self, name: str) -> object:
        if name == "voices":
            return [voice("poz/id", "Indonesian", ["id"])]
        return self.properties.get(name)

    def setProperty(self, name: str, value: object) -> None:
        self.properties[name] = value

    def save_to_file(self, text: str, filename: str) -> None:
        self._queued = (text, filename)

    def runAndWait(self) -> None:
        assert self._queued is not None
        text, filename = self._queued
        self._queued = None
        self.saved.append(text)
        if self.writes:
            self.write_tone(Path(filename), 0.01 * len(text))


def test_engine_that_writes_nothing_gives_none(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, tone_writer
) -> None:
    engine = FakeEngine(tone_writer, writes=False)
    renderer = SpeechRenderer(tmp_path, engine_factory=lambda: engine)
    with caplog.at_level(logging.ERROR, logger=speech.__name__):
        assert renderer.render("Nomor antrean, a, satu").result(timeout=10) is None
    assert "no audio" in caplog.text
    assert list(tmp_path.iterdir()) == []


def test_settings_reach_the_engine(tmp_path: Path, tone_writer) -> None:
    engine = FakeEngine(tone_writer)
    settings = SpeechSettings(rate=120, volume=0.8)
    renderer = SpeechRenderer(tmp_path, settings, engine_factory=lambda: engine)
    assert renderer.render("a, satu").result(timeout=10) is not None
    assert engine.properties == {"voice": "poz/id", "rate": 120, "volume": 0.8}


class ReportingEngine(FakeEngine):
    """Reports each sentence's end as pyttsx3 does, from another thread and after
    runAndWait() has returned (as pyttsx3's espeak driver may); loses the first `lose` tries."""

    def __init__(self, write_tone, lose: int = 0) -> None:
        super().__init__(write_tone)
        self.lose = lose
        self.callbacks: list = []

    def connect(self, topic: str, callback) -> dict:
        assert topic == "finished-utterance"
        self.callbacks.append(callback)
        return {}

    def runAndWait(self) -> None:
        text, filename = self._queued
        self._queued = None
        self.saved.append(text)
        lost = len(self.saved) <= self.lose

        def finish() -> None:
            if lost:
                self.report(completed=False)  # cancelled, then written empty
            self.write_tone(Path(filename), 0.0 if lost else 0.01 * len(text))
            self.report(completed=True)

        threading.Timer(0.05, finish).start()

    def report(self, completed: bool) -> None:
        for callback in self.callbacks:
            callback(name=None, completed=completed)


def test_waits_for_a_sentence_finished_after_run_and_wait(tmp_path: Path, tone_writer) -> None:
    engine = ReportingEngine(tone_writer)
    renderer = SpeechRenderer(tmp_path, engine_factory=lambda: engine)
    engine.report(completed=True)  # the engine has shown it reports ends
    path = renderer.render("Nomor antrean, a, satu").result(timeout=10)
    assert path is not None
    duration, _, _ = wav_facts(path)
    assert duration == pytest.approx(0.01 * len("Nomor antrean, a, satu"), abs=0.001)


def test_a_lost_sentence_is_tried_again(tmp_path: Path, tone_writer) -> None:
    engine = ReportingEngine(tone_writer, lose=2)
    renderer = SpeechRenderer(tmp_path, engine_factory=lambda: engine)
    engine.report(completed=True)
    path = renderer.render("loket tiga").result(timeout=10)
    assert path is not None
    assert engine.saved == ["loket tiga"] * 3
    assert list(tmp_path.glob("*.part.wav")) == []
    assert wav_facts(path)[0] > 0


def test_cache_is_pruned_oldest_first(tmp_path: Path, tone_writer) -> None:
    engine = FakeEngine(tone_writer)
    # each file: 20 characters → 0.2 s → about 8.9 kB
    renderer = SpeechRenderer(tmp_path, engine_factory=lambda: engine, max_cache_bytes=40_000)
    paths = [renderer.render(f"kalimat nomor {n:06d}").result(timeout=10) for n in range(10)]
    left = sorted(tmp_path.glob("*.wav"))
    assert paths[-1] in left
    assert paths[0] not in left
    assert sum(p.stat().st_size for p in left) <= 40_000
    assert renderer.renders == 10


# No engine at all


@pytest.mark.parametrize("failure", ["import", "init"])
def test_unavailable_engine_is_reported_and_logged_once(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    if failure == "import":
        monkeypatch.setitem(sys.modules, "pyttsx3", None)  # as if pyttsx3 were not installed

        def factory() -> speech.TtsEngine:
            return speech.pyttsx3_engine()
    else:

        def factory() -> speech.TtsEngine:
            raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    with caplog.at_level(logging.WARNING, logger=speech.__name__):
        renderer = SpeechRenderer(tmp_path, engine_factory=factory)
        assert renderer.wait_started(timeout=10) is EngineStatus.UNAVAILABLE
        results = [renderer.render(f"loket {n}").result(timeout=10) for n in range(3)]
        second = SpeechRenderer(tmp_path / "other", engine_factory=factory)
        assert second.render("loket 9").result(timeout=10) is None
    assert results == [None, None, None]
    assert renderer.status is EngineStatus.UNAVAILABLE
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()
