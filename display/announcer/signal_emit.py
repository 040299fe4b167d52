"""emit(): Signal.emit() without PySide6 6.12.0's lost reference to True.

With PySide6 6.12.0 on Python 3.11, every SignalInstance.emit() called from Python leaves the
reference count of True one lower (6.11.3 does not; Python 3.12+ makes True immortal). A Qt app
starts with a few hundred references, so after some hundreds of emits Python aborts with
"Fatal Python error: bool_dealloc: deallocating True or False". The loss is measured once, on
import, and emit() gives back what each call loses; where nothing is lost it only emits.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

__all__ = ["emit", "references_lost_per_emit"]

_PROBES = 16
_lost: int | None = None
_lock = threading.Lock()


class _Probe(QObject):
    ping = Signal(int)


def references_lost_per_emit() -> int:
    global _lost
    with _lock:
        if _lost is None:
            probe = _Probe()
            before = sys.getrefcount(True)
            for _ in range(_PROBES):
                probe.ping.emit(0)
            lost = before - sys.getrefcount(True)
            _give_back(lost)
            _lost = max(0, round(lost / _PROBES))
        return _lost


def emit(signal: SignalInstance, *args: Any) -> None:
    signal.emit(*args)
    _give_back(references_lost_per_emit())


def _give_back(count: int) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


references_lost_per_emit()  # now, while the importing thread is likely the only one
