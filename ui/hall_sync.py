"""How a front end keeps up with its hall: reads off the GUI thread, the event feed, outages.

The kiosk, the counter and the display each read what they show with a function of their
own, then follow the feed from the cursor that read gave. :class:`HallSync` does the rest
the same way for all three: it runs the reads (``ui.operations``), starts the feed once,
passes on the events of the kinds the program asked for, and keeps ``online`` and the
outage's reason (``outage``: core's DatabaseMissing when a SQLite file is missing, deleted,
moved or replaced; None for a server out of reach). ``online`` is the last contact's word: a
read that reached the database or the feed reaching it again says True; a read that did not
reach it, or the feed losing it, says False. After a read that did not reach the database,
``retry_due`` comes after a growing delay, until a read succeeds.

A program may subclass it (the kiosk's HallData, the display's BoardSync) or hold one (the
counter's window). The hall may be given as a function that opens it: it is then opened by
the first read, off the GUI thread, so a program can start before its database is there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from core.errors import DatabaseMissing, DatabaseUnavailable, same_outage
from core.hall import HallService
from core.views import EventView
from ui import operations
from ui.feed_bridge import FeedBridge

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_DELAYS = (0.5, 1.0, 2.0, 5.0)  # seconds between reads while the database is out


class HallSync(QObject):
    """One program's link to its hall: reads, the feed, online state and the outage's reason."""

    online_changed = Signal(bool)
    outage_changed = Signal()  # why the database is out of reach became known, or went
    events = Signal(list)  # a batch of the feed's events, only of the kinds asked for
    feed_changed = Signal(bool)  # the feed lost (False) or reached again (True) the database
    retry_due = Signal()  # the delay after a read that did not reach the database is over

    def __init__(
        self,
        hall: HallService | Callable[[], HallService],
        *,
        kinds: Collection[str] = (),
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        synchronous: bool = False,
        pool: QThreadPool | None = None,
        feed_wait: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        """``kinds``: the event kinds passed on, a group of ``core.events`` (none: every event);
        ``retry_delays``: the waits before ``retry_due``, the last one repeated (none: the
        program retries by itself); ``synchronous``: reads run at once (tests)."""
        super().__init__(parent)
        self.hall: HallService | None = hall if isinstance(hall, HallService) else None
        self._opener = None if isinstance(hall, HallService) else hall
        self.kinds = frozenset(kinds)
        self.synchronous = synchronous
        self.pool = pool
        self.feed_wait = feed_wait
        self.online = True
        self.outage: DatabaseMissing | None = None
        self.bridge: FeedBridge | None = None
        self.stopped = False
        self._retry_delays = retry_delays
        self._retries = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.retry_due)

    # --- reads ---------------------------------------------------------------------------

    def read(
        self,
        work: Callable[[HallService], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``work(hall)`` off the GUI thread; ``done(result)`` or ``failed(error)`` on it.

        Before either is called, a result puts the program online and an unreachable
        database (DatabaseUnavailable) takes it offline with its reason and schedules
        ``retry_due``. Other errors are the program's: ``failed`` gets every error. Nothing
        is called once the sync is stopped.
        """

        def job() -> T:
            if self.hall is None:
                assert self._opener is not None
                self.hall = self._opener()
            return work(self.hall)

        def succeeded(result: T) -> None:
            if self.stopped:
                return
            self._retries = 0
            self._set_online(True)
            done(result)

        def did_not(error: Exception) -> None:
            if self.stopped:
                return
            if isinstance(error, DatabaseUnavailable):
                log.warning("the hall was not read: %s", error.params.get("detail"))
                self._set_outage(error if isinstance(error, DatabaseMissing) else None)
                self._set_online(False)
                self.retry_later()
            elif failed is None:
                log.error("reading the hall failed: %r", error)
            if failed is not None:
                failed(error)

        operations.run(job, succeeded, did_not, self.pool, self.synchronous)

    def retry_later(self) -> None:
        """``retry_due`` after the next delay (unless one is already counting down)."""
        if self.stopped or not self._retry_delays or self._retry.isActive():
            return
        delay = self._retry_delays[min(self._retries, len(self._retry_delays) - 1)]
        self._retries += 1
        self._retry.start(round(delay * 1000))

    # --- the feed ------------------------------------------------------------------------

    def follow(self, cursor: int) -> None:
        """Follow the hall's events after ``cursor`` (the read that gave it came first, so
        nothing falls between the two); once: later calls keep the running feed."""
        if self.bridge is not None or self.stopped:
            return
        assert self.hall is not None, "follow() after a read"
        self.bridge = FeedBridge(self.hall, cursor, self, wait_seconds=self.feed_wait)
        self.bridge.events.connect(self._on_feed_events)
        self.bridge.connection.connect(self._on_feed_connection)
        self.bridge.start()

    @property
    def following(self) -> bool:
        return self.bridge is not None

    def _on_feed_events(self, batch: list[EventView]) -> None:
        wanted = [e for e in batch if e.kind in self.kinds] if self.kinds else batch
        if wanted and not self.stopped:
            self.events.emit(wanted)

    def _on_feed_connection(self, ok: bool) -> None:
        if self.stopped:
            return
        if ok:
            self._retries = 0
        self._set_online(ok)
        if not ok and self.hall is not None:
            # The feed says only that it lost the database; the file check (off the GUI
            # thread: it may touch the disk) says why.
            operations.run(
                self.hall.check_file,
                lambda _none: None,
                self._file_checked,
                self.pool,
                self.synchronous,
            )
        self.feed_changed.emit(ok)

    def _file_checked(self, error: Exception) -> None:
        if isinstance(error, DatabaseMissing) and not self.online and not self.stopped:
            self._set_outage(error)

    # --- online state ----------------------------------------------------------------------

    def mark_offline(self, error: Exception | None = None) -> None:
        """Another caller found the database out of reach: offline now (with core's reason
        when it gave one; a reason already known stays otherwise)."""
        if isinstance(error, DatabaseMissing):
            self._set_outage(error)
        self._set_online(False)

    def outage_text(self, lang: str) -> str:
        """The outage's reason in short (core's words, with the file's path); "" if unknown."""
        return self.outage.brief(lang) if self.outage is not None else ""

    def _set_outage(self, error: DatabaseMissing | None) -> None:
        if not same_outage(error, self.outage):
            self.outage = error
            self.outage_changed.emit()

    def _set_online(self, online: bool) -> None:
        if online:
            self._set_outage(None)
        if online != self.online:
            self.online = online
            log.log(
                logging.INFO if online else logging.WARNING,
                "database %s",
                "reachable again" if online else "unreachable",
            )
            self.online_changed.emit(online)

    # --- the end -------------------------------------------------------------------------

    def stop(self) -> None:
        """No more reads reported, retries or events; the feed's thread ends."""
        self.stopped = True
        self._retry.stop()
        if self.bridge is not None:
            self.bridge.stop()
            self.bridge = None
