"""Keeps the board in step with the hall: a snapshot at start, then the event feed.

Reads run off the GUI thread (ui.operations). The feed pushes events (LISTEN/NOTIFY on
PostgreSQL, polling on SQLite); nobody polls the board. When the database goes away the
feed says so, retries, and resumes from its cursor: the calls made meanwhile reach the board
in order, but only those of the last minute are announced; an older backlog is shown, not
read out to a hall whose visitors have long gone to their counter. Reads, the feed, online
state and the outage's reason are ui.hall_sync's, as in every Antre program.
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
from core.errors import AntreError, DatabaseUnavailable
from core.hall import HallService
from core.logo import logo_path
from core.views import EventView, QueueSnapshot, ServiceInfo, TicketView
from display.board_state import RECENT_FETCH, BoardState, Call
from display.voice import HallVoice, style_from_settings
from ui.hall_sync import HallSync

log = logging.getLogger(__name__)

FRESH_CALL = timedelta(minutes=1)
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)
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


class BoardSync(HallSync):
    """The board's data and its changes, as signals on the GUI thread."""

    loaded = Signal()  # the whole state was (re)read: redraw everything
    changed = Signal(object)  # Changes
    called = Signal(object, str)  # Call, "announced" | "fresh" (not spoken) | "stale"
    problem = Signal(str)  # a setup problem to show (no such hall …); "" when it is gone

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
        # A callable opens the hall on the first read, off the GUI thread: a board may start
        # before its database is reachable, and waits for it.
        super().__init__(
            hall,
            retry_delays=RETRY_SECONDS,
            synchronous=synchronous,
            feed_wait=feed_wait_seconds,
            parent=parent,
        )
        self.state = state
        self.voice = voice
        self.language = language
        self.logo: Path | None = None  # the hall's logo file, as of the last (re)load
        self._loading = False
        self._reload_again = False
        self._announced: dict[tuple[int, int], None] = {}
        self.retry_due.connect(self.reload)
        self.events.connect(self.on_events)
        self.feed_changed.connect(self._on_connection)
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
        self.read(read_board, self._loaded, self._load_failed)

    def _loaded(self, data: BoardData) -> None:
        self._loading = False
        # Calls read here are not announced: the feed starts after them (first load), or
        # brings them again with their age (a reload), and _call decides once per call.
        self.state.load(data.snapshot, data.recent, data.settings, data.services)
        self.logo = data.logo
        if self.voice is not None:
            self.voice.set_style(style_from_settings(self.state.settings, self.language))
        self.problem.emit("")
        self.loaded.emit()
        self.follow(data.snapshot.last_event_id)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._reload_again = False
        if isinstance(error, DatabaseUnavailable):
            return  # offline with its reason, and read again later: the sync's
        if isinstance(error, AntreError):
            log.error("board data not read (%s); read again soon", error)
            self.problem.emit(error.message(self.language))
        else:
            log.error("board data not read: %r; read again soon", error)
            self.mark_offline()
        self.retry_later()

    def stop(self) -> None:
        self._day.stop()
        super().stop()
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

    def outage_text(self, lang: str | None = None) -> str:
        """The outage's reason in short, for the banner (the board's language unless told);
        "" when core gave none."""
        return super().outage_text(lang or self.language)
