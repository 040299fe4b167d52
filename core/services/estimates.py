"""People ahead and estimated wait for a new ticket of a service."""

from __future__ import annotations

import math
from datetime import date

from sqlalchemy import func, select

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import CounterState, Priority, TicketStatus

MIN_SAMPLES = 5  # finished tickets today before the observed mean replaces the typical time


def people_ahead(tx: Tx, service_id: int, priority: Priority, before_pos: int | None = None) -> int:
    """Waiting tickets of the service that will be called before a ticket of this priority."""
    query = select(func.count()).where(
        m.Ticket.service_id == service_id, m.Ticket.status == TicketStatus.WAITING
    )
    if priority.is_priority:
        query = query.where(m.Ticket.priority != Priority.REGULAR)
    if before_pos is not None:
        query = query.where(m.Ticket.queue_pos < before_pos)
    return tx.session.scalar(query) or 0


def mean_service_minutes(tx: Tx, service: m.Service, day: date) -> float:
    """Today's observed mean (finish − start, or − call), else the service's typical time."""
    started = func.coalesce(m.Ticket.started_at, m.Ticket.called_at)
    rows = tx.session.execute(
        select(started, m.Ticket.finished_at).where(
            m.Ticket.service_id == service.id,
            m.Ticket.business_date == day,
            m.Ticket.status == TicketStatus.DONE,
        )
    ).all()
    durations = [
        (finish - begin).total_seconds() / 60 for begin, finish in rows if begin and finish
    ]
    return mean_of(durations, service.service_minutes)


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


def estimate_wait_minutes(tx: Tx, service: m.Service, ahead: int, day: date) -> int | None:
    assigned, capacity = serving_counters(tx, service.id)
    return wait_minutes(ahead, mean_service_minutes(tx, service, day), assigned, capacity)
