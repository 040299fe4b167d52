"""A rendered sentence without the silence the speech engine leaves after it.

espeak-ng ends every sentence with about 0.4 s of silence; between the short calls of a group
that is most of a call's length again. The trimmed copy sits beside the cached sentence, in
a "tight" folder that keeps its newest files only.
"""

from __future__ import annotations

import array
import logging
import os
import sys
import wave
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_SILENCE_S = 0.12  # what stays after the last sound
QUIET = 300  # of 32767: below this a 16-bit sample counts as silence
MAX_FILES = 300


def without_trailing_silence(path: Path) -> Path:
    """``path`` with its trailing silence cut to KEEP_SILENCE_S; ``path`` itself if it cannot."""
    target = path.parent / "tight" / path.name
    try:
        if target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
            return target
        with wave.open(str(path), "rb") as wav:
            params = wav.getparams()
            frames = wav.readframes(params.nframes)
        if params.sampwidth != 2:
            return path
        keep = _sound_end(frames, params.nchannels) + round(KEEP_SILENCE_S * params.framerate)
        if keep >= params.nframes:
            return path
        target.parent.mkdir(exist_ok=True)
        part = target.with_suffix(f".{os.getpid()}.part")
        with wave.open(str(part), "wb") as out:
            out.setparams(params)
            out.writeframes(frames[: keep * params.nchannels * 2])
        os.replace(part, target)
        _prune(target.parent)
        return target
    except (OSError, EOFError, wave.Error) as error:
        log.warning("cannot trim %s (%s); playing it whole", path.name, error)
        return path


def _sound_end(frames: bytes, channels: int) -> int:
    """The frame after the last one louder than QUIET."""
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    for index in range(len(samples) - 1, -1, -1):
        if abs(samples[index]) > QUIET:
            return index // channels + 1
    return 0


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.wav"), key=lambda p: p.stat().st_mtime)
    for old in files[:-MAX_FILES]:
        old.unlink(missing_ok=True)
