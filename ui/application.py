"""Start-up shared by every Antre window program: logging, settings, errors (the hall: ui.startup).

Qt's own messages never call Python in a program. Qt logs from inside library loads (a
multimedia plugin warns while the dynamic loader's lock is held) and from its own threads; a
Python message handler then waits for the GIL, and a Python thread that holds the GIL while it
imports an extension module waits for that lock: the hall display froze at start-up (issue 11).
So Qt keeps its default handler, written in C, and the programs point the process's standard
error (file descriptor 2, where that handler, FFmpeg and espeak-ng write) at a log file of its
own; Python's ``sys.stderr`` keeps the terminal for the few lines meant for people.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import time
from types import TracebackType

from PySide6.QtCore import QLoggingCategory, qSetMessagePattern
from PySide6.QtWidgets import QApplication

from core.config import DeviceSettings, data_dir, load_settings
from core.logs import setup_logging
from ui.process import quit_on_signals

log = logging.getLogger(__name__)

NATIVE_LOG_MAX_BYTES = 2_000_000  # then the file is kept once as ….1 and started again
# Qt's default handler writes lines shaped like the Python log's.
QT_MESSAGE_PATTERN = (
    "%{time yyyy-MM-dd hh:mm:ss,zzz} %{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}"
    "%{if-warning}WARNING%{endif}%{if-critical}ERROR%{endif}%{if-fatal}CRITICAL%{endif}"
    " %{category}: %{message}"
)


def _log_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    # A slot that raises must not kill the hall screen or print a traceback at people.
    log.error("uncaught error", exc_info=(kind, error, tb))


def send_native_output_to_log(program: str) -> bool:
    """Point file descriptor 2 at ``logs/<program>-native.log``; ``sys.stderr`` keeps the old one.

    False (and nothing changed) when the file cannot be opened.
    """
    path = data_dir() / "logs" / f"{program}-native.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > NATIVE_LOG_MAX_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        log_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        terminal_fd = os.dup(2)
    except OSError as error:
        log.warning("Qt's messages stay on standard error: %s", error)
        return False
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    os.write(log_fd, f"--- {program} started {stamp}, pid {os.getpid()}\n".encode())
    sys.stderr.flush()
    os.dup2(log_fd, 2)
    os.close(log_fd)
    sys.stderr = io.TextIOWrapper(
        io.FileIO(terminal_fd, "w"),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )
    return True


def make_app(program: str, argv: list[str] | None = None) -> QApplication:
    """The program's QApplication, with logging set up, Qt's messages sent to a native log,
    and SIGINT/SIGTERM ending it. A process that already has one (the test suite, a bench)
    keeps its own standard error and signal handlers.
    """
    setup_logging(program)
    sys.excepthook = _log_uncaught
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        raise RuntimeError(f"{program} needs a QApplication, not a {type(existing).__name__}")
    # Set in code, not through the environment: Qt reads QT_LOGGING_RULES and the message
    # pattern once, at its first message, which QtMultimedia gives as it is imported.
    # FFmpeg (QtMultimedia's back end) logs a dump of every sound it opens unless told not to;
    # QT_LOGGING_RULES still overrides this.
    QLoggingCategory.setFilterRules("qt.multimedia.ffmpeg*=false")
    if "QT_MESSAGE_PATTERN" not in os.environ:
        qSetMessagePattern(QT_MESSAGE_PATTERN)
    send_native_output_to_log(program)
    app = QApplication(argv or sys.argv)
    app.setApplicationName(program)
    app.setOrganizationName("Antre")
    quit_on_signals(app)
    return app


def settings() -> DeviceSettings:
    return load_settings()
