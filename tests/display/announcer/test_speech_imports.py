"""The speech engine's libraries are imported on the thread that makes the renderer.

Imported in the engine's thread, they held the GIL while waiting for the dynamic loader's
lock, which the GUI thread held while Qt loaded QtMultimedia's FFmpeg plugin: the hall
display froze at start-up (issue 11). Checked in a fresh process, where nothing is imported
yet, with an audit hook that notes the thread of every import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from display.announcer.speech import EngineStatus, SpeechRenderer

PROBE = """
import json, sys, threading
seen = []

def note(event, args):
    if event == "import" and args[0].split(".")[0] in ("pyttsx3", "ctypes", "_ctypes"):
        seen.append([args[0], threading.current_thread().name])

sys.addaudithook(note)
from display.announcer.speech import SpeechRenderer

renderer = SpeechRenderer(sys.argv[1])
print(json.dumps({"status": renderer.wait_started(60).value, "imports": seen}))
"""


def test_pyttsx3_and_ctypes_are_imported_before_the_engine_thread_runs(tmp_path: Path) -> None:
    if SpeechRenderer(tmp_path).wait_started(60) is not EngineStatus.READY:
        pytest.skip("no speech engine on this machine (espeak-ng)")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=tmp_path,  # the installed package (or PYTHONPATH), not the current folder
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["status"] == "ready"
    names = {name for name, _ in report["imports"]}
    assert {"pyttsx3", "ctypes"} <= names, report
    elsewhere = [item for item in report["imports"] if item[1] != "MainThread"]
    assert not elsewhere, elsewhere
