"""The board loses the database, keeps running, comes back, catches up, and reads out only
the calls of the last minute.

SQLite: the board's database file is moved away and back, while the counters go on writing
to it where it lies meanwhile. PostgreSQL: the board connects as a role of
its own; its backends are terminated and the role may not log in for a while, while the
counters go on working.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from core.db.database import Database
from core.hall import HallService

pytestmark = pytest.mark.gui

PG_SERVER = os.environ.get("ANTRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
SIDECARS = ("", "-wal", "-shm", "-journal")


@contextmanager
def sqlite_outage(db_url: str, hall: HallService) -> Iterator[HallService]:
    """Move the file away from the board, then back; yields the counters' hall on the moved
    file. The board's open connections are left alone: it must see by itself that its path
    no longer names its file, and must not make a new one there."""
    path = Path(make_url(db_url).database or "")
    moved = path.with_name("moved-" + path.name)
    hall.db.dispose()
    for suffix in SIDECARS:
        if Path(f"{path}{suffix}").exists():
            os.rename(f"{path}{suffix}", f"{moved}{suffix}")
    counters_db = Database(f"sqlite:///{moved.as_posix()}")
    try:
        yield HallService(counters_db, hall.hall)
        assert not path.exists()
    finally:
        counters_db.dispose()
        for suffix in SIDECARS:
            if Path(f"{moved}{suffix}").exists():
                os.rename(f"{moved}{suffix}", f"{path}{suffix}")


@pytest.fixture
def board_url(db_url: str) -> Iterator[str]:
    """The URL the board connects with: on PostgreSQL a read-only role of its own."""
    if make_url(db_url).get_backend_name() == "sqlite":
        yield db_url
        return
    role = f"antre_board_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(f'GRANT pg_read_all_data TO "{role}"')
    try:
        yield make_url(db_url).set(username=role, password=None).render_as_string(False)
    finally:
        with psycopg.connect(PG_SERVER, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (role,),
            )
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


@contextmanager
def pg_outage(board_url: str, hall: HallService) -> Iterator[HallService]:
    role = make_url(board_url).username
    with psycopg.connect(PG_SERVER, autocommit=True) as admin:
        admin.execute(f'ALTER ROLE "{role}" NOLOGIN')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,)
        )
        try:
            yield hall
        finally:
            admin.execute(f'ALTER ROLE "{role}" LOGIN')


def outage(db_url: str, board_url: str, hall: HallService) -> Callable:
    if make_url(db_url).get_backend_name() == "sqlite":
        return lambda: sqlite_outage(db_url, hall)
    return lambda: pg_outage(board_url, hall)


def test_board_catches_up_after_an_outage_and_announces_only_fresh_calls(
    qtbot, make_board, hall, issue, db_url, board_url, fixed_clock
) -> None:
    issue("KTP", 2)
    issue("SKCK", 2)
    board = make_board(url=board_url)
    before = hall.call_next(1)
    assert before is not None
    qtbot.waitUntil(lambda: board.spoken() == [before.number], timeout=3000)

    with outage(db_url, board_url, hall)() as counters:
        qtbot.waitUntil(lambda: not board.sync.online, timeout=5000)
        assert board.window.banner.isVisible()
        counters.finish(1)
        old = counters.call_next(1)  # called while the board was away, long ago
        fixed_clock.advance(minutes=3)
        fresh = counters.call_next(3)  # called a few seconds ago
        fixed_clock.advance(seconds=10)
        assert old is not None and fresh is not None
        qtbot.wait(400)  # the board keeps trying, and keeps running
        assert board.window.grid.number_at(3) == ""

    qtbot.waitUntil(lambda: board.sync.online, timeout=10_000)
    qtbot.waitUntil(lambda: board.window.grid.number_at(3) == fresh.number, timeout=5000)
    assert board.window.grid.number_at(1) == old.number
    qtbot.waitUntil(lambda: board.spoken() == [before.number, fresh.number], timeout=3000)
    assert dict((c.number, mode) for c, mode in board.calls) == {
        before.number: "announced",
        old.number: "stale",
        fresh.number: "announced",
    }
    assert [c.number for c in board.state.recent] == [fresh.number, old.number, before.number]
    assert not board.window.banner.isVisible()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # one engine is enough here
def test_a_board_started_while_the_database_is_away_waits_for_it(
    qtbot, make_board, hall, issue, db_url, board_url
) -> None:
    issue("KTP")
    hall.call_next(1)
    with sqlite_outage(db_url, hall):
        board = make_board(start=False)
        board.sync.start()
        qtbot.waitUntil(lambda: not board.sync.online, timeout=3000)
        assert not board.state.loaded
    qtbot.waitUntil(lambda: board.state.loaded, timeout=5000)
    assert board.window.grid.number_at(1) == "A001"
    assert not board.window.banner.isVisible()
