import array
import math
import subprocess
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHIME = ROOT / "assets" / "sounds" / "chime.wav"


def read(path: Path) -> tuple[wave._wave_params, array.array]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array.array("h", wav.readframes(params.nframes))
    if sys.byteorder == "big":
        samples.byteswap()
    return params, samples


def magnitude(samples: array.array, freq: float, rate: int) -> float:
    """Goertzel: how much of `freq` is in `samples`."""
    k = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + k * s1 - s2, s1
    return math.sqrt(s1 * s1 + s2 * s2 - k * s1 * s2) / len(samples)


def test_chime_format_and_envelope() -> None:
    params, samples = read(CHIME)
    rate = params.framerate
    assert (params.nchannels, params.sampwidth) == (1, 2)
    assert rate in (22050, 44100)
    assert 1.0 <= params.nframes / rate <= 1.4
    peak = max(abs(s) for s in samples)
    assert 0.3 * 32767 < peak < 0.9 * 32767  # loud enough, never clipped
    assert max(abs(s) for s in samples[:10]) < 0.02 * 32767  # soft attack: no click
    assert max(abs(s) for s in samples[-round(0.02 * rate) :]) < 0.01 * 32767  # fades out


def test_chime_is_ding_then_dong() -> None:
    params, samples = read(CHIME)
    rate = params.framerate
    ding = samples[: round(0.35 * rate)]
    dong = samples[round(0.5 * rate) : round(0.9 * rate)]
    assert magnitude(ding, 659.25, rate) > 10 * magnitude(ding, 523.25, rate)
    assert magnitude(dong, 523.25, rate) > magnitude(dong, 659.25, rate)
    # bell-like: the octave is present but weaker than the fundamental
    assert 0.05 < magnitude(ding, 1318.5, rate) / magnitude(ding, 659.25, rate) < 0.6


def test_script_makes_the_same_chime(tmp_path: Path) -> None:
    out = tmp_path / "chime.wav"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_chime.py"), str(out)],
        check=True,
        capture_output=True,
    )
    committed_params, committed = read(CHIME)
    params, made = read(out)
    assert params == committed_params
    assert max(abs(a - b) for a, b in zip(made, committed, strict=True)) <= 1
