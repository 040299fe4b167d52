"""What the kiosk shows about the hall, kept fresh from the core event feed.

Services and settings are read once and again when the hall is reconfigured; so is the hall's
logo, copied to a file in the data folder (``logo``, ``logo_changed``). The queue snapshot
(waiting, estimates, availability) is refreshed when an event concerns it, at most once per
``min_interval`` however busy the hall is, and every minute so that opening hours, breaks and
cut-offs take effect without an event. Reads, the feed, ``online`` and the outage's reason
(``outage``, for the technician's line) are ui.hall_sync's, as in every Antre program; a lost
database is read again every ``retry_seconds`` until it is back.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from core.errors import DatabaseUnavailable
from core.events import CONFIG_CHANGED, QUEUE_CHANGED, SETTINGS_CHANGED
from core.hall import HallService
from core.logo import logo_path
from core.views import (
    AgencyView,
    EventView,
    QueueSnapshot,
    ServiceInfo,
    ServiceQueue,
    agencies_of,
)
from ui.hall_sync import HallSync

log = logging.getLogger(__name__)

# Events after which the counts, estimates or availability shown may have changed.


@dataclass(frozen=True)
class _Loaded:
    services: list[ServiceInfo] | None
    settings: dict[str, Any] | None
    snapshot: QueueSnapshot
    logo_read: bool = False
    logo: Path | None = None


class HallData(HallSync):
    """The hall's services, settings and live queue figures, for every screen."""

    changed = Signal()
    logo_changed = Signal(object)  # Path | None: the hall's logo file, read again

    def __init__(
        self,
        hall: HallService,
        *,
        synchronous: bool = False,
        min_interval: float = 1.0,
        retry_seconds: float = 3.0,
        feed_wait: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            hall,
            kinds=QUEUE_CHANGED | CONFIG_CHANGED | SETTINGS_CHANGED,
            retry_delays=(retry_seconds,),
            synchronous=synchronous,
            feed_wait=feed_wait,
            parent=parent,
        )
        self.hall: HallService = hall
        self.services: list[ServiceInfo] = []
        self.settings: dict[str, Any] = {}
        self.snapshot: QueueSnapshot | None = None
        self.logo: Path | None = None
        self.loaded = False
        self._min_interval = min_interval
        self._in_flight = False
        self._want: set[str] = set()
        self._logo_due = True  # at start and after the hall file is imported again
        self._logo_reading = False
        self._last_refresh = 0.0
        self._throttle = QTimer(self, singleShot=True)
        self._throttle.timeout.connect(self._run_refresh)
        self._minute = QTimer(self, interval=60_000)
        self._minute.timeout.connect(lambda: self.refresh())
        self.refreshes = 0  # how many snapshots were read (tests check the throttle)
        self.retry_due.connect(lambda: self.refresh(full=True))
        self.events.connect(self._on_events)
        self.feed_changed.connect(self._on_feed_changed)

    # --- reading ---------------------------------------------------------------------

    def agencies(self) -> list[AgencyView]:
        return agencies_of(self.services)

    def agency(self, code: str) -> AgencyView | None:
        return next((a for a in self.agencies() if a.code == code), None)

    def service(self, code: str) -> ServiceInfo | None:
        return next((s for s in self.services if s.code == code), None)

    def queue(self, code: str) -> ServiceQueue | None:
        if self.snapshot is None:
            return None
        return next((q for q in self.snapshot.services if q.code == code), None)

    @property
    def idle(self) -> bool:
        """No read running, waiting or wanted: what is shown is the latest read."""
        return not (self._in_flight or self._throttle.isActive() or self._want)

    # --- refreshing ------------------------------------------------------------------

    def start(self) -> None:
        self._minute.start()
        self.refresh(full=True)

    def stop(self) -> None:
        self._minute.stop()
        self._throttle.stop()
        super().stop()

    def refresh(self, full: bool = False) -> None:
        """Ask for a new snapshot (and services/settings when ``full``), throttled."""
        if self.stopped:
            return
        self._want.add("full" if full else "snapshot")
        if self._in_flight or self._throttle.isActive():
            return
        wait = self._min_interval - (time.monotonic() - self._last_refresh)
        if wait > 0 and self.loaded:
            self._throttle.start(round(wait * 1000))
        else:
            self._run_refresh()

    def _run_refresh(self) -> None:
        if self._in_flight or not self._want:
            return
        want, self._want = self._want, set()
        full = "full" in want or not self.loaded
        settings = full or "settings" in want
        logo, self._logo_due = self._logo_due, False
        self._logo_reading = logo
        self._in_flight = True
        self._last_refresh = time.monotonic()

        def work(hall: HallService) -> _Loaded:
            return _Loaded(
                hall.services() if full else None,
                hall.settings() if settings else None,
                hall.snapshot(),
                logo,
                logo_path(hall.logo()) if logo else None,
            )

        self.read(work, self._loaded, self._failed)

    def _loaded(self, data: _Loaded) -> None:
        self._in_flight = False
        self.refreshes += 1
        if data.services is not None:
            self.services = data.services
        if data.settings is not None:
            self.settings = data.settings
        self.snapshot = data.snapshot
        if data.logo_read:
            self.logo = data.logo
            self.logo_changed.emit(data.logo)
        self.loaded = True
        self.follow(data.snapshot.last_event_id)
        self.changed.emit()
        if self._want:
            self.refresh("full" in self._want)

    def _failed(self, error: Exception) -> None:
        self._in_flight = False
        self._logo_due = self._logo_due or self._logo_reading
        self._want.add("full")
        if not isinstance(error, DatabaseUnavailable):  # an outage is the sync's already
            log.error("reading the hall failed: %s", error)
            super().mark_offline()
            self.retry_later()

    def mark_offline(self, error: Exception | None = None) -> None:
        """Another caller found the database unreachable: show it now and retry from here."""
        super().mark_offline(error)
        self.refresh(full=True)

    # --- the feed --------------------------------------------------------------------

    def _on_events(self, batch: list[EventView]) -> None:
        kinds = {event.kind for event in batch}
        if not kinds.isdisjoint(CONFIG_CHANGED):
            self._logo_due = True
            self.refresh(full=True)
        elif not kinds.isdisjoint(SETTINGS_CHANGED):
            self._want.add("settings")
            self.refresh()
        elif not kinds.isdisjoint(QUEUE_CHANGED):
            self.refresh()

    def _on_feed_changed(self, ok: bool) -> None:
        if ok:
            self.refresh(full=True)
        else:
            self.retry_later()
