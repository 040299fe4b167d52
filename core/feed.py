"""The event feed: "give me the events of this hall after cursor N".

Every change writes events in its own transaction (core.db.database), so the feed is the
single way kiosks, counters and displays learn about each other. PostgreSQL wakes
subscribers with LISTEN/NOTIFY; SQLite is polled every 200 ms. A subscriber that lost the
database simply asks again from its cursor: nothing is skipped, nothing repeated.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from core.db import models as m
from core.db.database import NOTIFY_CHANNEL, Database, Tx
from core.errors import DatabaseUnavailable
from core.views import EventView

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2
BATCH = 1000


class EventFeed:
    def __init__(self, db: Database, hall_id: int) -> None:
        self.db = db
        self.hall_id = hall_id
        self._listener: Any = None  # psycopg connection with LISTEN, PostgreSQL only

    def fetch(self, after: int, limit: int = BATCH) -> list[EventView]:
        if not self.db.is_sqlite:
            return self._pg_fetch(after, limit)

        def work(tx: Tx) -> list[EventView]:
            rows = tx.session.scalars(
                select(m.Event)
                .where(m.Event.hall_id == self.hall_id, m.Event.id > after)
                .order_by(m.Event.id)
                .limit(limit)
            )
            return [EventView(e.id, e.kind, e.payload, e.created_at) for e in rows]

        return self.db.read(work)

    def latest_id(self) -> int:
        def work(tx: Tx) -> int:
            latest = tx.session.scalar(
                select(m.Event.id)
                .where(m.Event.hall_id == self.hall_id)
                .order_by(m.Event.id.desc())
                .limit(1)
            )
            return latest or 0

        return self.db.read(work)

    def wait(
        self, after: int, timeout: float, stop: threading.Event | None = None
    ) -> list[EventView]:
        """Events after the cursor, waiting up to ``timeout`` seconds for the first one.

        A set ``stop`` ends the wait within a poll interval on both engines (a program quits
        at once): SQLite polls the table, PostgreSQL listens in slices of the same length.
        """
        deadline = time.monotonic() + timeout
        stop = stop or threading.Event()
        while True:
            events = self.fetch(after)
            remaining = deadline - time.monotonic()
            if events or remaining <= 0:
                return events
            if self.db.is_sqlite:
                if stop.wait(min(POLL_SECONDS, remaining)):
                    return []
            elif not self._pg_wait(remaining, stop):
                return []

    def close(self) -> None:
        if self._listener is not None:
            try:
                self._listener.close()
            finally:
                self._listener = None

    # --- PostgreSQL ------------------------------------------------------------------

    def _pg_connection(self) -> Any:
        if self._listener is None or self._listener.closed:
            import psycopg

            url = self.db.url.set(drivername="postgresql")
            try:
                connection = psycopg.connect(
                    url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3
                )
                connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
            except psycopg.Error as error:
                raise DatabaseUnavailable("database_unavailable", detail=str(error)) from error
            self._listener = connection
        return self._listener

    def _pg_fetch(self, after: int, limit: int) -> list[EventView]:
        import psycopg

        connection = self._pg_connection()  # LISTEN is in place before we read
        try:
            rows = connection.execute(
                "SELECT id, kind, payload, created_at FROM events"
                " WHERE hall_id = %s AND id > %s ORDER BY id LIMIT %s",
                (self.hall_id, after, limit),
            ).fetchall()
        except psycopg.Error as error:
            self.close()
            raise DatabaseUnavailable("database_unavailable", detail=str(error)) from error
        return [EventView(*row) for row in rows]

    def _pg_wait(self, seconds: float, stop: threading.Event) -> bool:
        """Listen until a notification arrives (True) or the time is up (True: fetch once
        more); False as soon as ``stop`` is set, checked between slices of POLL_SECONDS."""
        import psycopg

        connection = self._pg_connection()
        deadline = time.monotonic() + seconds
        try:
            while not stop.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return True
                for _ in connection.notifies(timeout=min(POLL_SECONDS, remaining), stop_after=1):
                    return True
            return False
        except psycopg.Error as error:
            self.close()
            raise DatabaseUnavailable("database_unavailable", detail=str(error)) from error


class Subscription:
    """Follows a hall's feed in a background thread and hands batches to a callback.

    ``on_events`` gets each batch in order; ``on_status`` gets False when the database is
    lost and True when it is back. Reconnects with backoff, resuming from the cursor.
    """

    def __init__(
        self,
        db: Database,
        hall_id: int,
        cursor: int,
        on_events: Callable[[list[EventView]], None],
        on_status: Callable[[bool], None] | None = None,
        wait_seconds: float = 1.0,
    ) -> None:
        self.feed = EventFeed(db, hall_id)
        self.cursor = cursor
        self._on_events = on_events
        self._on_status = on_status or (lambda _ok: None)
        self._wait = wait_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="antre-feed", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
        self.feed.close()

    def _run(self) -> None:
        backoff = 0.25
        connected = True
        while not self._stop.is_set():
            try:
                events = self.feed.wait(self.cursor, self._wait, self._stop)
            except DatabaseUnavailable as error:
                if connected:
                    log.warning("event feed lost the database: %s", error.params.get("detail"))
                    connected = False
                    self._on_status(False)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            if not connected:
                log.info("event feed reconnected at cursor %d", self.cursor)
                connected = True
                backoff = 0.25
                self._on_status(True)
            if events and not self._stop.is_set():
                self.cursor = events[-1].id
                self._on_events(events)
