"""Keeps the board in step with the hall: a snapshot at start, then the event feed.

Reads run off the GUI thread (ui.operations). The feed pushes events (LISTEN/NOTIFY on
PostgreSQL, polling on SQLite); nobody polls the board. When the database goes away the
feed says so, retries, and resumes from its cursor: the calls made meanwhile reach the board
in order, but only those of the last minute are announced; an older backlog is shown, not
read out to a hall whose visitors have long gone to their counter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from core import clock
from core.domain.numbering import business_date
from core.errors import AntreError, DatabaseMissing, DatabaseUnavailable, same_outage
from core.logo import logo_path
from core.service import HallService
from core.views import EventView, QueueSnapshot, ServiceInfo, TicketView
from display.board_state import RECENT_FETCH, BoardState, Call
from display.voice import HallVoice, style_from_settings
from ui import operations
from ui.feed_bridge import FeedBridge

log = logging.getLogger(__name__)

FRESH_CALL = timedelta(minutes=1)
RETRY_MS = (500, 1000, 2000, 5000)
ANNOUNCED_MEMORY = 500


@dataclass(frozen=True)
class BoardData:
    snapshot: QueueSnapshot
    recent: list[TicketView]
    settings: dict[str, Any]
    services: list[ServiceInfo]
    logo: Path | None = None  # the hall's logo, copied to this PC's data folder


def read_board(hall: HallService) -> BoardData:
    """Everything the board shows; the snapshot first, so nothing falls between it and the feed."""
    snapshot = hall.snapshot()
    return BoardData(
        snapshot,
        hall.recent_calls(RECENT_FETCH),
        hall.settings(),
        hall.services(),
        logo_path(hall.logo()),
    )


class BoardSync(QObject):
    """The board's data and its changes, as signals on the GUI thread."""

    loaded = Signal()  # the whole state was (re)read: redraw everything
    changed = Signal(object)  # Changes
    called = Signal(object, str)  # Call, "announced" | "fresh" (not spoken) | "stale"
    online_changed = Signal(bool)
    problem = Signal(str)  # a setup problem to show (no such hall …); "" when it is gone
    outage_changed = Signal()  # the reason of the outage became known (or went): outage_text()

    def __init__(
        self,
        hall: HallService | Callable[[], HallService],
        state: BoardState,
        voice: HallVoice | None = None,
        *,
        language: str = "id",
        synchronous: bool = False,
        feed_wait_seconds: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # A callable opens the hall on the first read, off the GUI thread: a board may start
        # before its database is reachable, and waits for it.
        self.hall: HallService | None = hall if isinstance(hall, HallService) else None
        self._opener = None if isinstance(hall, HallService) else hall
        self.state = state
        self.voice = voice
        self.language = language
        self.synchronous = synchronous
        self.online = True
        self.outage: DatabaseMissing | None = None  # why the database is out of reach, if known
        self.logo: Path | None = None  # the hall's logo file, as of the last (re)load
        self.bridge: FeedBridge | None = None
        self._feed_wait = feed_wait_seconds
        self._loading = False
        self._reload_again = False
        self._failures = 0
        self._announced: dict[tuple[int, int], None] = {}
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.reload)
        self._day = QTimer(self)  # a new day: yesterday's calls leave the board
        self._day.setInterval(30_000)
        self._day.timeout.connect(self._check_day)

    # --- loading ---------------------------------------------------------------------------

    def start(self) -> None:
        self.reload()
        self._day.start()

    def _check_day(self) -> None:
        state = self.state
        if state.loaded and business_date(clock.now(), state.timezone) != state.business_date:
            log.info("a new business day: reading the board again")
            self.reload()

    def reload(self) -> None:
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        operations.run(
            self._read,
            self._loaded,
            self._load_failed,
            synchronous=self.synchronous,
        )

    def _read(self) -> BoardData:
        if self.hall is None:
            assert self._opener is not None
            self.hall = self._opener()
        return read_board(self.hall)

    def _loaded(self, data: BoardData) -> None:
        assert self.hall is not None
        self._loading = False
        self._failures = 0
        # Calls read here are not announced: the feed starts after them (first load), or
        # brings them again with their age (a reload), and _call decides once per call.
        self.state.load(data.snapshot, data.recent, data.settings, data.services)
        self.logo = data.logo
        if self.voice is not None:
            self.voice.set_style(style_from_settings(self.state.settings, self.language))
        self._set_online(True)
        self.problem.emit("")
        self.loaded.emit()
        if self.bridge is None:
            self.bridge = FeedBridge(
                self.hall.db,
                self.hall.hall.id,
                data.snapshot.last_event_id,
                self,
                wait_seconds=self._feed_wait,
            )
            self.bridge.events.connect(self.on_events)
            self.bridge.connection.connect(self._on_connection)
            self.bridge.start()
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._reload_again = False
        delay = RETRY_MS[min(self._failures, len(RETRY_MS) - 1)]
        self._failures += 1
        if isinstance(error, DatabaseUnavailable):
            log.warning("board data not read (%s); again in %d ms", error, delay)
            self._set_outage(error if isinstance(error, DatabaseMissing) else None)
            self._set_online(False)
        elif isinstance(error, AntreError):
            log.error("board data not read (%s); again in %d ms", error, delay)
            self.problem.emit(error.message(self.language))
        else:
            log.error("board data not read: %r; again in %d ms", error, delay)
            self._set_online(False)
        self._retry.start(delay)

    def stop(self) -> None:
        self._retry.stop()
        self._day.stop()
        if self.bridge is not None:
            self.bridge.stop()
            self.bridge = None
        if self.voice is not None:
            self.voice.stop()

    # --- events ------------------------------------------------------------------------------

    def on_events(self, batch: list[EventView]) -> None:
        changes = self.state.apply(batch)
        if changes.reload:
            self.reload()
        if changes.settings and self.voice is not None:
            self.voice.set_style(style_from_settings(self.state.settings, self.language))
        visible = replace(changes, calls=[])
        if visible:
            self.changed.emit(visible)
        for call in changes.calls:
            self._call(call)

    def _call(self, call: Call) -> None:
        if call.key in self._announced:
            return  # already heard (a reload re-read it)
        self._remember(call)
        if not self._is_fresh(call):
            log.info(
                "call %s at counter %d is old: shown, not announced", call.number, call.counter
            )
            mode = "stale"
        elif self.voice is not None and self.voice.announce(call):
            mode = "announced"
        else:
            mode = "fresh"
        self.called.emit(call, mode)

    def _is_fresh(self, call: Call) -> bool:
        when = call.called_at
        return when is not None and clock.now() - when <= FRESH_CALL

    def _remember(self, call: Call) -> None:
        self._announced[call.key] = None
        while len(self._announced) > ANNOUNCED_MEMORY:
            del self._announced[next(iter(self._announced))]

    def _on_connection(self, ok: bool) -> None:
        if ok and self.voice is not None:
            # Waiting announcements went stale during the outage: let them go.
            self.voice.drop_stale(FRESH_CALL, clock.now())
        self._set_online(ok)
        if not ok and self.hall is not None:
            # The feed says only that it lost the database; the file check says why.
            operations.run(
                self.hall.db.check_file,
                lambda _none: None,
                self._file_checked,
                synchronous=self.synchronous,
            )

    def _file_checked(self, error: Exception) -> None:
        if isinstance(error, DatabaseMissing) and not self.online:
            self._set_outage(error)

    def outage_text(self) -> str:
        """The outage's reason in short, for the banner; "" when core gave none."""
        return self.outage.brief(self.language) if self.outage is not None else ""

    def _set_outage(self, error: DatabaseMissing | None) -> None:
        if not same_outage(error, self.outage):
            self.outage = error
            self.outage_changed.emit()

    def _set_online(self, ok: bool) -> None:
        if ok:
            self._set_outage(None)
        if ok != self.online:
            self.online = ok
            log.log(
                logging.INFO if ok else logging.WARNING,
                "database %s",
                "reachable again" if ok else "unreachable",
            )
            self.online_changed.emit(ok)
