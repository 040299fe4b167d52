import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import math
import wave
from concurrent.futures import Future
from pathlib import Path

import pytest

from display.announcer.speech import EngineStatus, SpeechRenderer, SpeechSettings

REAL_SENTENCE = "Nomor antrean, a, seratus dua puluh tiga, silakan menuju loket tiga"


def write_tone(path: Path, seconds: float, freq: float = 440.0, rate: int = 22050) -> Path:
    """A short, faded sine tone: a stand-in for the chime or a rendered sentence."""
    count = round(seconds * rate)
    frames = bytearray()
    for n in range(count):
        fade = min(1.0, n / 200, (count - n) / 200)
        value = 0.5 * fade * math.sin(2 * math.pi * freq * n / rate)
        frames += round(value * 32767).to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return path


class FakeSpeech:
    """A SpeechSource that 'renders' every sentence to the same short tone, at once or later."""

    def __init__(self, clip: Path | None, repeat: int = 1, ready: bool = True) -> None:
        self.settings = SpeechSettings(repeat=repeat)
        self.status = EngineStatus.READY
        self.clip = clip
        self.ready = ready
        self.requests: list[str] = []
        self.futures: list[Future[Path | None]] = []

    def render(self, text: str) -> Future[Path | None]:
        self.requests.append(text)
        future: Future[Path | None] = Future()
        if self.ready:
            future.set_result(self.clip)
        self.futures.append(future)
        return future


@pytest.fixture(scope="session")
def tone_writer():
    """write_tone(path, seconds, freq=440.0) → path."""
    return write_tone


@pytest.fixture(scope="session")
def real_sentence() -> str:
    return REAL_SENTENCE


@pytest.fixture
def make_tone(tmp_path: Path):
    """make_tone(seconds, freq=440.0) → path of a fresh WAV in the test's tmp dir."""
    made = 0

    def make(seconds: float, freq: float = 440.0) -> Path:
        nonlocal made
        made += 1
        return write_tone(tmp_path / f"tone{made}.wav", seconds, freq)

    return make


@pytest.fixture
def fake_speech():
    """fake_speech(clip, repeat=1, ready=True) → a FakeSpeech."""
    return FakeSpeech


@pytest.fixture(scope="session")
def real_renderer(tmp_path_factory: pytest.TempPathFactory) -> SpeechRenderer:
    """The platform's real engine (espeak-ng here), one cache for the whole session."""
    renderer = SpeechRenderer(tmp_path_factory.mktemp("speech-cache"))
    status = renderer.wait_started(timeout=30)
    if status is not EngineStatus.READY:
        pytest.fail(f"the real speech engine is {status}; is espeak-ng installed?")
    return renderer


@pytest.fixture(scope="session")
def real_sentence_wav(real_renderer: SpeechRenderer) -> Path:
    path = real_renderer.render(REAL_SENTENCE).result(timeout=60)
    assert path is not None
    return path
