"""No everyday statement scans the whole ticket history on PostgreSQL, even on a generic plan.

psycopg prepares a statement on its fifth run, and PostgreSQL may then plan it once for
any parameters (a generic plan). A status passed as a parameter is then just "some status":
a statement that finds the few printing tickets by status chose to read every ticket
(110 ms with a million of them) instead of 0.02 ms. Here every statement of a day's work
is prepared at once and planned generically, over a history large enough for the planner
to care, and auto_explain hands each plan back to the test as a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import event

from core.db.database import Database
from core.hall import HallService
from core.hallfile import store
from tests.conftest import SMALL_HALL, ManualClock, _truncate
from tests.core.test_query_plans import FINISH_ORDER, a_days_work

pytestmark = pytest.mark.pg

HISTORY = 60_000  # tickets of past days: big enough that a scan costs more than an index

HISTORY_SQL = """
INSERT INTO tickets (hall_id, service_id, business_date, prefix, seq, hop, number, priority,
    status, kiosk, counter_id, queue_pos, issued_at, printed_at, called_at, started_at,
    finished_at, recall_count, note)
SELECT s.hall_id, s.id, d.day, s.prefix, s.id * 10000 + g.k, 0, s.prefix || (s.id * 10000 + g.k),
       'regular',
       CASE WHEN g.k %% 20 = 0 THEN 'no_show' ELSE 'done' END, 'kiosk-1', c.id,
       g.k, d.at, d.at, d.at, d.at, d.at + interval '10 minutes', 0, ''
FROM generate_series(1, 300) AS day_index
CROSS JOIN LATERAL (SELECT DATE '2026-11-22' - day_index AS day,
                           (DATE '2026-11-22' - day_index) + TIME '01:00' AS at) AS d0
CROSS JOIN LATERAL (SELECT d0.day, d0.at AT TIME ZONE 'UTC' AS at) AS d
CROSS JOIN (SELECT id, hall_id, prefix FROM services) AS s
CROSS JOIN generate_series(1, %(per_service)s) AS g(k)
CROSS JOIN LATERAL (SELECT id FROM counters ORDER BY id LIMIT 1) AS c
"""


@pytest.fixture
def pg_hall(pg_url: str, fixed_clock: ManualClock) -> Iterator[tuple[HallService, list[str]]]:
    """The small hall with a history, on connections that prepare every statement at once,
    plan it generically and send its plan back as a notice."""
    _truncate(pg_url)
    setup = Database(pg_url)
    store.import_spec(setup, store.load(SMALL_HALL))
    setup.dispose()
    libpq = pg_url.replace("+psycopg", "")
    with psycopg.connect(libpq, autocommit=True) as admin:
        services = admin.execute("SELECT count(*) FROM services").fetchone()[0]
        admin.execute(HISTORY_SQL, {"per_service": HISTORY // (300 * services)})
        admin.execute("VACUUM ANALYZE tickets")
    plans: list[str] = []
    db = Database(pg_url)

    def explain_everything(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.prepare_threshold = 0
        dbapi_connection.add_notice_handler(lambda notice: plans.append(notice.message_primary))
        for setting in (
            "LOAD 'auto_explain'",
            "SET plan_cache_mode = force_generic_plan",
            "SET auto_explain.log_min_duration = 0",
            "SET auto_explain.log_level = notice",
            "SET auto_explain.log_nested_statements = on",
        ):
            dbapi_connection.execute(setting)
        dbapi_connection.commit()

    event.listen(db.engine, "connect", explain_everything)
    hall = HallService.open(db, "uji")
    from core.domain.enums import CounterState

    for number in (1, 2, 3):
        hall.set_counter_state(number, CounterState.OPEN)
    yield hall, plans
    db.dispose()


def test_the_days_work_reads_tickets_through_indexes_on_generic_plans(
    pg_hall: tuple[HallService, list[str]],
) -> None:
    hall, plans = pg_hall
    for code in ("KTP", "KK", "SKCK", "SKCK"):
        hall.issue(code, reserve_for_print=False)
    plans.clear()
    a_days_work(hall)
    assert len(plans) > 30
    scans = [plan for plan in plans if "Seq Scan on tickets" in plan]
    assert scans == []


def test_the_wait_estimate_reads_the_last_finished_tickets_from_an_index_on_generic_plans(
    pg_hall: tuple[HallService, list[str]],
) -> None:
    """The estimate's last finished tickets come from an index in finish order (a Limit over
    an index scan), never from a sort of every ticket the service finished that day."""
    hall, plans = pg_hall
    for code in ("KTP", "KK", "SKCK", "SKCK"):
        hall.issue(code, reserve_for_print=False)
    plans.clear()
    a_days_work(hall)  # issues once and reads the snapshot
    ordered = [plan for plan in plans if FINISH_ORDER in plan]
    assert len(ordered) >= 2  # issue's estimate and the snapshot's
    sorting = [plan for plan in ordered if re.search(r"Sort Key: [^\n]*finished_at", plan)]
    assert sorting == []
