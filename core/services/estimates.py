"""People ahead and estimated wait for a new ticket of a service."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import CounterState, Priority, TicketStatus

MIN_SAMPLES = 5  # finished tickets today before the observed mean replaces the typical time
RECENT_SAMPLES = 20  # the estimate follows the service's latest finished tickets


def people_ahead(tx: Tx, service_id: int, priority: Priority, day: date) -> int:
    """Waiting tickets of the service that will be called before a new ticket of this priority."""
    query = select(func.count()).where(
        m.Ticket.service_id == service_id,
        m.Ticket.business_date == day,
        m.Ticket.status == TicketStatus.WAITING,
    )
    if priority.is_priority:
        query = query.where(m.Ticket.priority != Priority.REGULAR)
    return tx.session.scalar(query) or 0


def recent_durations(tx: Tx, day: date, *where: Any) -> dict[int, list[float]]:
    """Minutes of each service's last RECENT_SAMPLES finished tickets of the day.

    Only the latest tickets count, so the estimate follows the pace of the hour and the
    query costs the same at 4 p.m. as at 8 a.m.
    """
    latest = (
        func.row_number()
        .over(partition_by=m.Ticket.service_id, order_by=m.Ticket.finished_at.desc())
        .label("latest")
    )
    recent = (
        select(
            m.Ticket.service_id,
            func.coalesce(m.Ticket.started_at, m.Ticket.called_at).label("began"),
            m.Ticket.finished_at,
            latest,
        )
        .where(
            m.Ticket.business_date == day,
            m.Ticket.status == TicketStatus.DONE,
            m.Ticket.finished_at.is_not(None),
            *where,
        )
        .subquery()
    )
    durations: dict[int, list[float]] = defaultdict(list)
    for service_id, began, finished in tx.session.execute(
        select(recent.c.service_id, recent.c.began, recent.c.finished_at).where(
            recent.c.latest <= RECENT_SAMPLES
        )
    ):
        if began is not None:
            durations[service_id].append((finished - began).total_seconds() / 60)
    return durations


def mean_service_minutes(tx: Tx, service: m.Service, day: date) -> float:
    """The recent observed mean (finish − start, or − call), else the service's typical time."""
    durations = recent_durations(tx, day, m.Ticket.service_id == service.id)
    return mean_of(durations[service.id], service.service_minutes)


def serving_counters(tx: Tx, service_id: int) -> tuple[int, float]:
    """(rank-1 counters assigned, capacity of open counters: rank 1 counts 1, rank 2 half)."""
    rows = tx.session.execute(
        select(m.Assignment.rank, m.Counter.state)
        .join(m.Counter, m.Counter.id == m.Assignment.counter_id)
        .where(m.Assignment.service_id == service_id, m.Counter.active.is_(True))
    ).all()
    assigned = sum(1 for rank, _ in rows if rank == 1)
    capacity = sum(1.0 if rank == 1 else 0.5 for rank, state in rows if state == CounterState.OPEN)
    return assigned, capacity


def wait_minutes(ahead: int, mean_minutes: float, assigned: int, capacity: float) -> int | None:
    """Minutes until a new ticket is called: the people ahead shared over the open counters."""
    if assigned == 0:
        return None
    # Before counters open, assume the assigned rank-1 counters will serve.
    return math.ceil(ahead * mean_minutes / (capacity or float(assigned)))


def mean_of(durations: list[float], typical_minutes: int) -> float:
    return (
        sum(durations) / len(durations) if len(durations) >= MIN_SAMPLES else float(typical_minutes)
    )
