"""What the kiosk shows about the hall, kept fresh from the core event feed.

Services and settings are read once and again when the hall is reconfigured; so is the hall's
logo, copied to a file in the data folder (``logo``, ``logo_changed``). The queue snapshot
(waiting, estimates, availability) is refreshed when an event concerns it, at most once per
``min_interval`` however busy the hall is, and every minute so that opening hours, breaks and
cut-offs take effect without an event. A lost database is reported
through ``online`` and retried until it is back; when core knows why (a SQLite file missing,
deleted, moved or replaced), the error is kept in ``outage`` for the technician's line.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from core.errors import DatabaseMissing, DatabaseUnavailable, same_outage
from core.logo import logo_path
from core.service import HallService
from core.views import EventView, QueueSnapshot, ServiceInfo, ServiceQueue
from ui import operations
from ui.feed_bridge import FeedBridge

log = logging.getLogger(__name__)

# Events after which the counts, estimates or availability shown may have changed.
QUEUE_EVENTS = ("ticket.", "counter.state", "assignments.changed", "day.ended")
CONFIG_EVENTS = ("hall.config_changed",)
SETTINGS_EVENTS = ("hall.settings_changed",)


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    short_name: str
    color: str
    icon: str
    services: tuple[ServiceInfo, ...]


@dataclass(frozen=True)
class _Loaded:
    services: list[ServiceInfo] | None
    settings: dict[str, Any] | None
    snapshot: QueueSnapshot
    logo_read: bool = False
    logo: Path | None = None


class HallData(QObject):
    """The hall's services, settings and live queue figures, for every screen."""

    changed = Signal()
    online_changed = Signal(bool)
    logo_changed = Signal(object)  # Path | None: the hall's logo file, read again
    outage_changed = Signal()  # why the database is out of reach became known, or went

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
        super().__init__(parent)
        self.hall = hall
        self.services: list[ServiceInfo] = []
        self.settings: dict[str, Any] = {}
        self.snapshot: QueueSnapshot | None = None
        self.logo: Path | None = None
        self.online = True
        self.outage: DatabaseMissing | None = None  # why the database is out of reach, if known
        self.loaded = False
        self._synchronous = synchronous
        self._min_interval = min_interval
        self._feed_wait = feed_wait
        self._feed: FeedBridge | None = None
        self._in_flight = False
        self._want: set[str] = set()
        self._logo_due = True  # at start and after the hall file is imported again
        self._logo_reading = False
        self._last_refresh = 0.0
        self._throttle = QTimer(self, singleShot=True, timeout=self._run_refresh)
        self._retry = QTimer(self, singleShot=True, timeout=lambda: self.refresh(full=True))
        self._retry.setInterval(round(retry_seconds * 1000))
        self._minute = QTimer(self, interval=60_000, timeout=lambda: self.refresh())
        self.refreshes = 0  # how many snapshots were read (tests check the throttle)
        self._stopped = False

    # --- reading ---------------------------------------------------------------------

    def agencies(self) -> list[Agency]:
        grouped: dict[str, list[ServiceInfo]] = {}
        for info in self.services:
            grouped.setdefault(info.agency_code, []).append(info)
        return [
            Agency(
                code,
                s[0].agency_name,
                s[0].agency_short_name,
                s[0].agency_color,
                s[0].agency_icon,
                tuple(s),
            )
            for code, s in grouped.items()
        ]

    def agency(self, code: str) -> Agency | None:
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
        self._stopped = True
        self._minute.stop()
        self._throttle.stop()
        self._retry.stop()
        if self._feed is not None:
            self._feed.stop()
            self._feed = None

    def refresh(self, full: bool = False) -> None:
        """Ask for a new snapshot (and services/settings when ``full``), throttled."""
        if self._stopped:
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
        hall = self.hall

        def work() -> _Loaded:
            return _Loaded(
                hall.services() if full else None,
                hall.settings() if settings else None,
                hall.snapshot(),
                logo,
                logo_path(hall.logo()) if logo else None,
            )

        operations.run(work, self._loaded, self._failed, synchronous=self._synchronous)

    def _loaded(self, data: _Loaded) -> None:
        self._in_flight = False
        if self._stopped:
            return
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
        self._set_online(True)
        if self._feed is None:
            self._start_feed(data.snapshot.last_event_id)
        self.changed.emit()
        if self._want:
            self.refresh("full" in self._want)

    def _failed(self, error: Exception) -> None:
        self._in_flight = False
        self._logo_due = self._logo_due or self._logo_reading
        if self._stopped:
            return
        if isinstance(error, DatabaseUnavailable):
            log.warning("hall data unavailable: %s", error.params.get("detail"))
        else:
            log.error("reading the hall failed: %s", error)
        self._set_outage(error if isinstance(error, DatabaseMissing) else None)
        self._set_online(False)
        self._want.add("full")
        self._retry.start()

    def mark_offline(self, error: DatabaseUnavailable | None = None) -> None:
        """Another caller found the database unreachable: show it now and retry from here."""
        if isinstance(error, DatabaseMissing):
            self._set_outage(error)
        self._set_online(False)
        self.refresh(full=True)

    def outage_text(self, lang: str) -> str:
        """The outage's reason in short (core's words, with the file's path); "" if unknown."""
        return self.outage.brief(lang) if self.outage is not None else ""

    def _set_outage(self, error: DatabaseMissing | None) -> None:
        if not same_outage(error, self.outage):
            self.outage = error
            self.outage_changed.emit()

    def _file_checked(self, error: Exception) -> None:
        if isinstance(error, DatabaseMissing) and not self.online and not self._stopped:
            self._set_outage(error)

    def _set_online(self, online: bool) -> None:
        if online:
            self._set_outage(None)
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    # --- the feed --------------------------------------------------------------------

    def _start_feed(self, cursor: int) -> None:
        self._feed = FeedBridge(
            self.hall.db, self.hall.hall.id, cursor, self, wait_seconds=self._feed_wait
        )
        self._feed.events.connect(self._on_events)
        self._feed.connection.connect(self._on_feed_connection)
        self._feed.start()

    def _on_events(self, batch: list[EventView]) -> None:
        kinds = {event.kind for event in batch}
        if any(k.startswith(CONFIG_EVENTS) for k in kinds):
            self._logo_due = True
            self.refresh(full=True)
        elif any(k.startswith(SETTINGS_EVENTS) for k in kinds):
            self._want.add("settings")
            self.refresh()
        elif any(k.startswith(QUEUE_EVENTS) for k in kinds):
            self.refresh()

    def _on_feed_connection(self, ok: bool) -> None:
        if ok:
            self.refresh(full=True)  # online again once a read succeeds
        else:
            self._set_online(False)
            self._retry.start()
            # The feed says only that it lost the database; the file check (off the GUI
            # thread: it may touch the disk) says why.
            operations.run(
                self.hall.db.check_file,
                lambda _none: None,
                self._file_checked,
                synchronous=self._synchronous,
            )
