"""No everyday read or write scans the whole ticket history (SQLite's own query plans).

A hall keeps years of tickets; what a counter, kiosk or board does all day must reach
today's rows through an index. Partial indexes count only when the query states their
condition with constants, which is easy to lose by writing ``status IN (?, ?)``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from core.hall import HallService
from tests.conftest import ManualClock


@contextmanager
def statements(hall: HallService) -> Iterator[list[tuple[str, tuple]]]:
    seen: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, sql, params, _context, many) -> None:
        if not many and sql.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH")):
            seen.append((sql, tuple(params or ())))

    event.listen(hall.db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(hall.db.engine, "before_cursor_execute", record)


def a_days_work(hall: HallService) -> None:
    """What kiosks, counters and boards do all day, once each (the small test hall, with
    KTP, KK and SKCK tickets waiting)."""
    hall.issue("KTP", request_id="plan-1")
    hall.call_next(1, request_id="plan-2")
    hall.recall(1)
    hall.start(1)
    hall.finish(1)
    hall.call_next(3)
    hall.park(3)
    hall.call_next(2)
    hall.recall(2)  # the hall's rule: a no-show after one recall
    hall.no_show(2)
    hall.workstation(3, with_config=True)
    hall.counter(1)
    hall.snapshot()
    hall.recent_calls()
    hall.counter_figures(3)
    hall.tickets_today()


def full_scans_of_tickets(path: Path, seen: list[tuple[str, tuple]]) -> list[str]:
    scans = []
    with sqlite3.connect(path) as connection:
        for sql, params in seen:
            plan = connection.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            if any(detail.startswith("SCAN tickets") for *_, detail in plan):
                scans.append(" ".join(sql.split())[:160])
    return scans


# The wait estimate reads the service's latest finished tickets, in finish order.
FINISH_ORDER = "ORDER BY tickets.finished_at DESC"


def sorts_of_finished_tickets(path: Path, seen: list[tuple[str, tuple]]) -> tuple[int, list[str]]:
    """(statements that read tickets in finish order, those of them whose plan sorts the
    tickets it found instead of reading them from an index in that order). A sort reads
    every finished ticket of the day before the last few are kept: 1,700 of them by the
    afternoon of a busy service tripled the time an issue takes."""
    ordered, sorting = 0, []
    with sqlite3.connect(path) as connection:
        for sql, params in seen:
            if FINISH_ORDER not in sql:
                continue
            ordered += 1
            plan = connection.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            if any("TEMP B-TREE FOR" in detail and "ORDER BY" in detail for *_, detail in plan):
                sorting.append(" ".join(sql.split())[:160])
    return ordered, sorting


# SQLite's plans only: PostgreSQL chooses by its table statistics, so a small test hall
# would be scanned there whatever the indexes.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_days_work_reads_tickets_through_indexes(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    for code in ("KTP", "KK", "SKCK", "SKCK"):
        hall.issue(code, reserve_for_print=False)
    with statements(hall) as seen:
        a_days_work(hall)
    assert len(seen) > 30
    path = Path(hall.db.engine.url.database or "")
    assert full_scans_of_tickets(path, seen) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_wait_estimate_reads_the_last_finished_tickets_from_an_index(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    for code in ("KTP", "KK", "SKCK", "SKCK"):
        hall.issue(code, reserve_for_print=False)
    with statements(hall) as seen:
        a_days_work(hall)  # issues once and reads the snapshot
    ordered, sorting = sorts_of_finished_tickets(Path(hall.db.engine.url.database or ""), seen)
    assert ordered >= 2  # issue's estimate and the snapshot's
    assert sorting == []
