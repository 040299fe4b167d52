"""A window program as a process: it ends cleanly on SIGINT/SIGTERM and can say it is ready.

Python runs a signal handler only between bytecodes, and Qt's event loop runs none while it
waits; the signal's byte on a socket (``signal.set_wakeup_fd``) wakes the loop, and the
handler then ends the event loop (whatever the windows say), so ``exec()`` returns 0 and the
program's own shutdown runs. The request is also kept (``asked_to_end``): a dialog's own loop
(``QMessageBox.exec()`` at start-up) ends too, and its result is then no answer of a person's;
a signal that comes before any loop runs ends the first one to start.

The ready line (``ANTRE_<NAME>_READY <monotonic> <seconds since start>`` on stdout) is for
tests and benchmarks: it is printed once the first real screen has been painted with data.
"""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget

READY_POLL_MS = 20
_kept: list[object] = []  # the socket pair and its notifier live as long as the process
_asked_to_end = False


def quit_on_signals(app: QApplication) -> None:
    """SIGINT (Ctrl+C) and SIGTERM end the event loop; the program then shuts down as usual."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(reader))
    _kept.extend((reader, writer, notifier))
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: _end(app))


def asked_to_end() -> bool:
    """True once SIGINT or SIGTERM asked the program to end: it then ends with exit code 0."""
    return _asked_to_end


def _end(app: QApplication) -> None:
    global _asked_to_end
    _asked_to_end = True
    # exit(), not quit(): Qt's quit() first asks every window, and the kiosk refuses to close.
    if app.thread().loopLevel() == 0:  # before exec(): exit() would do nothing
        QTimer.singleShot(0, app, lambda: app.exit(0))
    else:
        app.exit(0)  # the running loop, a dialog's own included, and the ones it runs in


def _drain(reader: socket.socket) -> None:
    try:
        while reader.recv(64):
            pass
    except OSError:  # BlockingIOError: all read; Python runs the handler after this slot
        pass


def ready_line(name: str, started: float) -> str:
    now = time.monotonic()
    return f"ANTRE_{name.upper()}_READY {now:.6f} {now - started:.3f}"


def report_when_ready(
    name: str,
    started: float,
    window: Callable[[], QWidget | None],
    has_data: Callable[[], bool],
    then: Callable[[], None] | None = None,
    parent: QObject | None = None,
) -> None:
    """Print the ready line once ``window()`` is shown with its data and painted; then ``then``."""
    context = parent or QApplication.instance()  # the polls stop when it goes
    if context is None:
        raise RuntimeError("report_when_ready needs a parent or a running QApplication")

    def poll() -> None:
        widget = window()
        if widget is None or not widget.isVisible() or not has_data():
            QTimer.singleShot(READY_POLL_MS, context, poll)
            return
        widget.repaint()  # painted with the data before saying so
        print(ready_line(name, started), flush=True)
        if then is not None:
            then()

    QTimer.singleShot(0, context, poll)
