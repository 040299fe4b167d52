"""The event feed: cursor reads, wake-up latency, and reconnecting subscribers."""

from __future__ import annotations

import threading
import time

import pytest

from core.db.database import Database
from core.feed import EventFeed, Subscription
from core.hall import HallService


def test_fetch_after_cursor_in_order(hall: HallService) -> None:
    feed = EventFeed(hall.db, hall.hall.id)
    cursor = feed.latest_id()
    for _ in range(5):
        hall.issue("KTP", reserve_for_print=False)
    events = feed.fetch(cursor)
    assert [e.payload["number"] for e in events] == ["A001", "A002", "A003", "A004", "A005"]
    assert [e.id for e in events] == sorted(e.id for e in events)
    assert feed.fetch(events[2].id)[0].payload["number"] == "A004"
    assert feed.fetch(events[-1].id) == []
    feed.close()


def test_wait_wakes_up_for_a_change_in_another_connection(hall: HallService, db_url: str) -> None:
    feed = EventFeed(hall.db, hall.hall.id)
    cursor = feed.latest_id()
    writer = HallService(Database(db_url), hall.hall)

    def later() -> None:
        time.sleep(0.3)
        writer.issue("KTP", reserve_for_print=False)

    thread = threading.Thread(target=later)
    started = time.monotonic()
    thread.start()
    events = feed.wait(cursor, timeout=5)
    waited = time.monotonic() - started
    thread.join()
    assert [e.kind for e in events] == ["ticket.issued"]
    # NOTIFY wakes PostgreSQL at once; SQLite polls every 200 ms.
    assert waited < 0.3 + (0.25 if hall.db.is_sqlite else 0.15) + 0.5
    writer.db.dispose()
    feed.close()


def test_wait_times_out_quietly(hall: HallService) -> None:
    feed = EventFeed(hall.db, hall.hall.id)
    started = time.monotonic()
    assert feed.wait(feed.latest_id(), timeout=0.3) == []
    assert 0.25 <= time.monotonic() - started < 2
    feed.close()


def test_events_of_another_hall_are_not_delivered(hall: HallService, db) -> None:
    from core.hallfile import store
    from tests.conftest import SMALL_HALL

    store.import_spec(
        db, store.parse(SMALL_HALL.read_text().replace('code = "uji"', 'code = "lain"'))
    )
    other = HallService.open(db, "lain")
    feed = EventFeed(hall.db, hall.hall.id)
    cursor = feed.latest_id()
    other.issue("KTP", reserve_for_print=False)
    assert feed.wait(cursor, timeout=0.3) == []
    feed.close()


@pytest.mark.pg
def test_subscriber_survives_a_lost_connection_and_resumes_from_its_cursor(pg_url: str) -> None:
    """Kill the subscriber's PostgreSQL backend: it reports the loss, reconnects, misses nothing."""
    import psycopg

    from core.hallfile import store
    from tests.conftest import SMALL_HALL, _truncate

    _truncate(pg_url)
    db = Database(pg_url)
    store.import_spec(db, store.load(SMALL_HALL))
    hall = HallService.open(db, "uji")
    from core import clock
    from tests.conftest import WIB_MONDAY_9

    clock.set_clock(lambda: WIB_MONDAY_9)
    try:
        received: list[str] = []
        status: list[bool] = []
        got = threading.Event()

        def on_events(batch):
            received.extend(
                e.payload.get("number", e.kind) for e in batch if e.kind == "ticket.issued"
            )
            if len(received) >= 3:
                got.set()

        subscription = Subscription(
            db,
            hall.hall.id,
            EventFeed(db, hall.hall.id).latest_id(),
            on_events,
            status.append,
            wait_seconds=0.2,
        )
        subscription.start()
        hall.issue("KTP", reserve_for_print=False)
        deadline = time.monotonic() + 5
        while len(received) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        listener_pid = subscription.feed._listener.info.backend_pid
        with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (listener_pid,))
        hall.issue("KTP", reserve_for_print=False)  # written while the subscriber is cut off
        hall.issue("KTP", reserve_for_print=False)
        assert got.wait(10), f"received only {received}"
        subscription.stop()
        assert received == ["A001", "A002", "A003"]
        assert status[:2] == [False, True]
    finally:
        clock.set_clock(None)
        db.dispose()


def test_sqlite_subscriber_reports_a_missing_database_and_recovers(
    tmp_path, sqlite_template
) -> None:
    from core import clock
    from core.db import schema
    from core.hallfile import store
    from tests.conftest import SMALL_HALL, WIB_MONDAY_9, copy_template

    clock.set_clock(lambda: WIB_MONDAY_9)
    path = tmp_path / "hall.db"
    db = schema.connect(copy_template(sqlite_template, path))
    store.import_spec(db, store.load(SMALL_HALL))
    hall = HallService.open(db, "uji")
    status: list[bool] = []
    numbers: list[str] = []
    subscription = Subscription(
        db,
        hall.hall.id,
        0,
        lambda b: numbers.extend(e.payload["number"] for e in b if e.kind == "ticket.issued"),
        status.append,
        wait_seconds=0.2,
    )
    subscription.start()
    try:
        moved = tmp_path / "away"
        moved.mkdir()
        db.engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.rename(moved / source.name)
        tmp_path.chmod(0o500)  # a vanished file that cannot be recreated: a lost network drive
        deadline = time.monotonic() + 5
        while not status and time.monotonic() < deadline:
            time.sleep(0.05)
        tmp_path.chmod(0o700)
        for item in moved.iterdir():
            item.rename(path.with_name(item.name))
        db.engine.dispose()
        hall.issue("KTP", reserve_for_print=False)
        deadline = time.monotonic() + 8
        while "A001" not in numbers and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        tmp_path.chmod(0o700)
        subscription.stop()
        clock.set_clock(None)
        db.dispose()
    assert status[:2] == [False, True]
    assert numbers == ["A001"]
