"""A program's start: its hall opened, also when the database is not there yet.

Every Antre window program opens its hall with :func:`open_hall` (core's door: the schema
checked, DatabaseUnavailable while the database cannot be reached, DatabaseMissing for a
SQLite file that is not at its path). The kiosk and the counter need the hall before their
window: :class:`HallOpener` opens it off the GUI thread and says each time it could not,
so the program shows why and waits (the kiosk tries again by itself, the counter asks the
officer). The display's board opens it with its first read (ui.hall_sync) and shows its
outage banner meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from core.errors import DatabaseUnavailable
from core.hall import HallService
from ui import operations

log = logging.getLogger(__name__)


def open_hall(url: str, code: str | None) -> HallService:
    """The hall ``code`` (the only one when None) in the database at ``url``."""
    return HallService.connect(url, code)


def hall_opener(url: str, code: str | None) -> Callable[[], HallService]:
    """``open_hall`` for later: a HallSync given it opens the hall with its first read."""
    return lambda: open_hall(url, code)


class HallOpener(QObject):
    """Opens the hall off the GUI thread, and again while the database cannot be reached.

    ``unavailable(error)`` each time it could not reach the database (DatabaseUnavailable:
    the program shows why); it tries again by itself after ``retry_seconds``, or, with None,
    when the program calls :meth:`attempt` again. ``refused(error)`` when the program cannot
    start at all (no such hall, a schema this version does not know, …). ``opened(hall)``.
    A program with nothing to show before its hall waits for it (:meth:`wait`).
    """

    opened = Signal(object)  # HallService
    unavailable = Signal(object)  # DatabaseUnavailable
    refused = Signal(object)  # AntreError, or another exception (logged)

    def __init__(
        self,
        url: str,
        code: str | None,
        *,
        retry_seconds: float | None = 3.0,
        synchronous: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.code = code
        self.hall: HallService | None = None
        self.synchronous = synchronous
        self._stopped = False
        self._waiting: QEventLoop | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.attempt)
        if retry_seconds is not None:
            self._retry.setInterval(round(retry_seconds * 1000))
        self._retries = retry_seconds is not None

    def attempt(self) -> None:
        """Try to open the hall now."""
        if self._stopped or self.hall is not None:
            return
        operations.run(
            lambda: open_hall(self.url, self.code),
            self._opened,
            self._failed,
            synchronous=self.synchronous,
        )

    def wait(self) -> HallService | None:
        """Try now and wait (Qt's events go on) until the hall is opened: it; or until the
        program gave up (:meth:`stop`, from a handler of the signals) or was asked to end
        (SIGINT, SIGTERM): None."""
        self._waiting = QEventLoop()
        self.opened.connect(self._waiting.quit)
        self.attempt()
        if self.hall is None and not self._stopped:
            self._waiting.exec()
        self.opened.disconnect(self._waiting.quit)
        self._waiting = None
        return self.hall

    def stop(self) -> None:
        """No more attempts, and none reported; a :meth:`wait` returns."""
        self._stopped = True
        self._retry.stop()
        if self._waiting is not None:
            self._waiting.quit()

    def _opened(self, hall: HallService) -> None:
        if self._stopped:
            hall.dispose()
            return
        self.hall = hall
        self.opened.emit(hall)

    def _failed(self, error: Exception) -> None:
        if self._stopped:
            return
        if isinstance(error, DatabaseUnavailable):
            log.warning("database not reachable yet: %s", error.params.get("detail"))
            if self._retries:
                self._retry.start()
            self.unavailable.emit(error)
            return
        log.error("the hall cannot be opened: %s", error)
        self.refused.emit(error)
