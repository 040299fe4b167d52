"""A PostgreSQL connection lost between or inside transactions (server restart, network).

The pool does not ping before each use (a round trip per transaction), so a connection the
server dropped fails on its first statement: ``Database.transact`` must then retry once on a
new connection, and never replay a commit whose outcome is unknown without a request id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, func, select

from core.db import models as m
from core.db.database import Database
from core.errors import DatabaseUnavailable
from core.hall import HallService
from core.hallfile import store
from tests.conftest import SMALL_HALL, ManualClock, _truncate

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_hall(pg_url: str, fixed_clock: ManualClock) -> Iterator[HallService]:
    _truncate(pg_url)
    db = Database(pg_url)
    store.import_spec(db, store.load(SMALL_HALL))
    yield HallService.open(db, "uji")
    db.dispose()


def _admin(pg_url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True)


def _kill_backends(pg_url: str, pids: list[int] | None = None) -> int:
    """Terminate the test database's client backends (or just ``pids``), as a restart would."""
    with _admin(pg_url) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend' AND (%s::int[] IS NULL OR pid = ANY(%s))",
            (pids, pids),
        ).fetchall()
    return len(rows)


def _tickets(hall: HallService) -> list[str]:
    return [t.number for t in hall.tickets_today()]


def test_a_dropped_pooled_connection_is_replaced_without_an_error(
    pg_hall: HallService, pg_url: str
) -> None:
    assert pg_hall.issue("KTP", reserve_for_print=False).ticket.number == "A001"
    assert _kill_backends(pg_url) >= 1  # the pooled connection is now dead
    assert pg_hall.issue("KTP", reserve_for_print=False).ticket.number == "A002"
    assert _tickets(pg_hall) == ["A001", "A002"]


def _die_at_commit(db: Database, pg_url: str) -> list[int]:
    """Make the next commit fail: the backend is terminated just before the transaction's
    last statements are sent (on PostgreSQL its events go in one pipeline with COMMIT)."""
    killed: list[int] = []

    def kill(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if killed or "INSERT INTO events" not in statement:
            return
        pid = connection.connection.dbapi_connection.info.backend_pid
        killed.append(pid)
        _kill_backends(pg_url, [pid])

    event.listen(db.engine, "before_cursor_execute", kill)
    return killed


def test_a_commit_cut_off_is_not_replayed_without_a_request_id(
    pg_hall: HallService, pg_url: str
) -> None:
    killed = _die_at_commit(pg_hall.db, pg_url)
    with pytest.raises(DatabaseUnavailable):
        pg_hall.issue("KTP", reserve_for_print=False)
    assert killed
    # The server rolled the cut-off transaction back, and nothing tried it again behind the
    # kiosk's back: the kiosk tells the citizen, who taps again.
    assert _tickets(pg_hall) == []
    assert pg_hall.issue("KTP", reserve_for_print=False).ticket.number == "A001"


def test_a_commit_cut_off_is_replayed_once_with_a_request_id(
    pg_hall: HallService, pg_url: str
) -> None:
    killed = _die_at_commit(pg_hall.db, pg_url)
    issued = pg_hall.issue("KTP", reserve_for_print=False, request_id="kiosk-1-0001")
    assert killed and issued.ticket.number == "A001"
    assert _tickets(pg_hall) == ["A001"]
    with pg_hall.db.engine.connect() as connection:
        issued_events = connection.scalar(
            select(func.count()).where(m.Event.kind == "ticket.issued")
        )
    assert issued_events == 1
