"""People ahead and estimated wait for a new ticket of a service.

The figures come from SQL built here once, so that issuing a ticket (one service) and the
queue snapshot (every service) share them: who staffs a service, and how long its recent
tickets took.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Float, String, case, cast, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from core.db import models as m
from core.domain.enums import CounterState

MIN_SAMPLES = 5  # finished tickets today before the observed mean replaces the typical time
RECENT_SAMPLES = 20  # the estimate follows the service's latest finished tickets
HELPER_SHARE = 0.5  # a counter that serves the service at rank 2 or 3 gives it half its time


class _SecondsBetween(FunctionElement[float]):
    """Seconds from the first timestamp to the second, on either engine."""

    type = Float()
    inherit_cache = True


@compiles(_SecondsBetween, "postgresql")
def _seconds_pg(element: _SecondsBetween, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - {compiler.process(start, **kw)}))"


@compiles(_SecondsBetween)
def _seconds_sqlite(element: _SecondsBetween, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"((julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}))"
        " * 86400.0)"
    )


def staffing(*where: Any) -> Any:
    """Per service, over its active counters: how many are assigned at any rank, how many
    at rank 1 (and their numbers, comma-separated), and the open capacity (1 for each open
    rank-1 counter, HELPER_SHARE for each open helper)."""
    rank_one = m.Assignment.rank == 1
    share = case((rank_one, 1.0), else_=HELPER_SHARE)
    return (
        select(
            m.Assignment.service_id,
            func.count().label("assigned"),
            func.count(case((rank_one, 1))).label("rank_one"),
            cast(
                func.coalesce(
                    func.sum(case((m.Counter.state == CounterState.OPEN, share), else_=0.0)), 0.0
                ),
                Float,
            ).label("capacity"),
            func.aggregate_strings(case((rank_one, cast(m.Counter.number, String))), ",").label(
                "rank_one_numbers"
            ),
        )
        .join(m.Counter, m.Counter.id == m.Assignment.counter_id)
        .where(m.Counter.active.is_(True), *where)
        .group_by(m.Assignment.service_id)
    )


def observed_minutes(service_id: Any, day: Any) -> Any:
    """The mean minutes of the last RECENT_SAMPLES finished tickets of ``service_id`` on
    ``day`` (finish − start, or − call), NULL until MIN_SAMPLES have finished: a scalar
    subquery, correlated when ``service_id`` is a column of the enclosing query.

    Only the latest tickets count, so the estimate follows the pace of the hour. They are
    read from ix_tickets_finished, newest first, and no others are read: the query costs the
    same at 4 p.m. as at 8 a.m.
    """
    began = func.coalesce(m.Ticket.started_at, m.Ticket.called_at)
    recent = (
        select((_SecondsBetween(began, m.Ticket.finished_at) / 60.0).label("minutes"))
        .where(
            m.Ticket.service_id == service_id,
            m.Ticket.business_date == day,
            m.TICKET_IS_DONE,  # a constant: the index is partial
            m.Ticket.finished_at.is_not(None),
        )
        .order_by(m.Ticket.finished_at.desc(), m.Ticket.id.desc())
        .limit(RECENT_SAMPLES)
        .correlate_except(m.Ticket)
        .subquery("recent")
    )
    enough = func.count(recent.c.minutes) >= MIN_SAMPLES
    return select(cast(case((enough, func.avg(recent.c.minutes))), Float)).scalar_subquery()


def observed_by_service(day: Any, *where: Any) -> Any:
    """(service id, observed mean minutes or NULL) of the services ``where`` selects."""
    return select(m.Service.id, observed_minutes(m.Service.id, day)).where(*where)


def mean_minutes(observed: float | None, typical_minutes: int) -> float:
    """The observed mean when there is one, else the service's typical time."""
    return float(observed) if observed is not None else float(typical_minutes)


def rank_one_numbers(joined: str | None) -> tuple[int, ...]:
    return tuple(sorted(int(n) for n in joined.split(","))) if joined else ()


def wait_minutes(ahead: int, mean: float, assigned: int, capacity: float) -> int | None:
    """Minutes until a new ticket is called: the people ahead shared over the open counters."""
    if assigned == 0:
        return None
    # Before counters open, assume the assigned rank-1 counters will serve.
    return math.ceil(ahead * mean / (capacity or float(assigned)))
