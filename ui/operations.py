"""Run core operations off the GUI thread and get the result back as a signal.

Every button that changes the hall goes through :func:`run`: the screen never freezes on
a slow database, errors arrive as core errors (with their message code), and no traceback
reaches the person at the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import AntreError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except AntreError as error:
            self.signals.failed.emit(error)
        except Exception as error:  # logged here, shown as a calm message
            log.exception("operation failed")
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


_pending: set[_Signals] = set()


def run(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    pool: QThreadPool | None = None,
    synchronous: bool = False,
) -> None:
    """Run ``work`` in the pool; call ``on_done(result)`` or ``on_failed(error)`` on the GUI thread.

    ``synchronous`` runs it at once in this thread (tests that want determinism).
    """
    signals = _Signals()
    _pending.add(signals)

    def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            _pending.discard(signals)
            signals.deleteLater()  # one QObject per operation: free it once it has reported
            callback(value)

        return call

    signals.done.connect(finish(on_done))
    signals.failed.connect(finish(on_failed))
    job = _Job(work, signals)
    if synchronous:
        job.run()
    else:
        (pool or QThreadPool.globalInstance()).start(job)
