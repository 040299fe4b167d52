"""SIGTERM ends a program with exit code 0 whenever it comes (ui.process), checked in a fresh
process as a program runs: before its event loop starts, and while a start-up dialog runs a
loop of its own (the counter's "Coba lagi" box ended with exit code 1).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BEFORE_THE_LOOP = """
import os, signal, sys
from ui.application import make_app
from ui.process import asked_to_end

app = make_app("antre-probe", [sys.argv[0]])
os.kill(os.getpid(), signal.SIGTERM)  # e.g. while the program still connects to its database
print("asked to end:", asked_to_end())
sys.exit(app.exec())
"""

DURING_A_DIALOG = """
import os, signal, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from ui.application import make_app
from ui.process import asked_to_end

app = make_app("antre-probe", [sys.argv[0]])
box = QMessageBox(QMessageBox.Icon.Warning, "Antre", "Basis data tidak dapat dihubungi")
box.addButton("Coba lagi", QMessageBox.ButtonRole.AcceptRole)
QTimer.singleShot(300, lambda: os.kill(os.getpid(), signal.SIGTERM))
box.exec()
print("dialog answered:", box.clickedButton() is not None, "asked to end:", asked_to_end())
"""


def _run(probe: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANTRE_DATA_DIR": str(folder)}
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=30
    )


@pytest.mark.parametrize(
    ("probe", "said"),
    [
        (BEFORE_THE_LOOP, "asked to end: True"),
        (DURING_A_DIALOG, "dialog answered: False asked to end: True"),
    ],
    ids=["before-the-loop", "during-a-dialog"],
)
def test_sigterm_ends_the_program_with_0(probe: str, said: str, tmp_path: Path) -> None:
    done = _run(probe, tmp_path)
    assert done.returncode == 0, done.stderr
    assert said in done.stdout
    assert done.stderr == ""
