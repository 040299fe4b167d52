"""Write assets/sounds/chime.wav: the two-tone "ding-dong" played before every announcement.

Each tone is a small bell: a fundamental plus a few overtones that die away faster than it does,
a soft 12 ms attack and an exponential decay. "Ding" is E5, "dong" the major third below (C5),
struck 0.4 s later; the whole chime fades to silence at 1.2 s. 22050 Hz like the speech files,
16-bit mono, peak at 40 % of full scale: about as loud as espeak-ng's voice, not louder.

Standard library only, and deterministic: running it again writes the same file.
Usage: python scripts/make_chime.py [OUTPUT.wav]
"""

import math
import sys
import wave
from pathlib import Path

RATE = 22050
LENGTH_S = 1.2
PEAK = 0.40  # of full scale
ATTACK_S = 0.012
FADE_OUT_S = 0.20

# (frequency in Hz, start in s, loudness, decay time constant in s)
TONES = [
    (659.25, 0.00, 0.85, 0.50),  # ding, E5
    (523.25, 0.40, 1.00, 0.36),  # dong, C5
]
# (frequency ratio, relative amplitude, share of the tone's decay time): a soft bell.
# The top partial is slightly sharp of 4x, which gives the shimmer of a struck bar.
PARTIALS = [(1.0, 1.0, 1.0), (2.0, 0.28, 0.55), (3.0, 0.09, 0.35), (4.07, 0.04, 0.2)]

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "assets" / "sounds" / "chime.wav"


def tone_sample(t: float, freq: float, loudness: float, decay: float) -> float:
    if t < 0.0:
        return 0.0
    attack = 0.5 - 0.5 * math.cos(math.pi * t / ATTACK_S) if t < ATTACK_S else 1.0
    value = 0.0
    for ratio, amplitude, decay_share in PARTIALS:
        envelope = math.exp(-t / (decay * decay_share))
        value += amplitude * envelope * math.sin(2.0 * math.pi * freq * ratio * t)
    return loudness * attack * value


def fade_out(t: float) -> float:
    left = LENGTH_S - t
    if left >= FADE_OUT_S:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * max(left, 0.0) / FADE_OUT_S)


def render() -> list[float]:
    count = round(LENGTH_S * RATE)
    samples = []
    for n in range(count):
        t = n / RATE
        value = sum(tone_sample(t - start, f, loud, decay) for f, start, loud, decay in TONES)
        samples.append(value * fade_out(t))
    return samples


def to_pcm16(samples: list[float]) -> bytes:
    scale = PEAK * 32767 / max(abs(s) for s in samples)
    out = bytearray()
    for s in samples:
        out += round(s * scale).to_bytes(2, "little", signed=True)
    return bytes(out)


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(output), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(to_pcm16(render()))
    print(f"wrote {output} ({LENGTH_S:.1f} s, {RATE} Hz, 16-bit mono)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
