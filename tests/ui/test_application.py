"""A program's Qt messages never call Python: Qt's own handler writes them to a native log.

A Python message handler, called from inside a library load, froze the hall display (issue 11).
Checked in a fresh process, as a program starts: no handler is installed, a Qt warning lands
in ``logs/<program>-native.log`` with its time and level, and the terminal gets only what
Python prints there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler

PROBE = """
import sys
from PySide6.QtCore import qInstallMessageHandler, qWarning
from ui.application import make_app

app = make_app("antre-probe", [sys.argv[0]])
qWarning("probe: a warning from Qt")
print("handler installed:", qInstallMessageHandler(None) is not None)
print("said to the terminal", file=sys.stderr)
"""


def test_qt_messages_go_to_the_native_log_without_python(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_MESSAGE")}
    env.update(QT_QPA_PLATFORM="offscreen", ANTRE_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    assert "handler installed: False" in done.stdout
    assert "said to the terminal" in done.stderr
    assert "probe: a warning from Qt" not in done.stderr
    native = (tmp_path / "logs" / "antre-probe-native.log").read_text()
    assert "WARNING default: probe: a warning from Qt" in native, native


def test_the_test_suite_leaves_qt_messages_to_qt_too(qapp) -> None:
    """The suite itself installs no Python handler: one froze a CI run at a board's close."""
    previous = qInstallMessageHandler(None)
    assert previous is None, "a Python Qt message handler is installed in the test process"
