"""Helpers for the kiosk tests (imported by conftest and the tests)."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent


# The printing package's own test helpers: a fake network printer and an ESC/POS decoder.
from tests.kiosk.printing import conftest as _printing  # noqa: E402
from tests.kiosk.printing import escpos_stream  # noqa: E402, F401

FakePrinter = _printing.FakePrinter

ONLINE, PAPER_OK, PAPER_NEAR_END, PAPER_OUT = (
    _printing.ONLINE,
    _printing.PAPER_OK,
    _printing.PAPER_NEAR_END,
    _printing.PAPER_OUT,
)


def tap(qtbot, widget) -> None:
    from PySide6.QtCore import Qt

    assert widget.isVisible(), (
        f"{widget.objectName()} is not on screen"
        f" ({widget.window().stack.currentWidget().objectName()})"
    )
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def find(window, name: str):
    from PySide6.QtWidgets import QWidget

    widgets = window.findChildren(QWidget, name)
    assert widgets, f"no widget named {name}"
    visible = [w for w in widgets if w.isVisible()]
    return (visible or widgets)[0]


class TcpProxy:
    """A TCP relay in front of PostgreSQL: stop() is a pulled network cable, start() plugs it in."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._probe = socket.socket()
        self._probe.bind(("127.0.0.1", 0))
        self.port = self._probe.getsockname()[1]
        self._probe.close()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._running = threading.Event()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.1)
        self._listener = listener
        self._running.set()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        self._running.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while self._running.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=3)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
