"""People ahead and estimated wait for a new ticket of a service."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import TicketStatus

MIN_SAMPLES = 5  # finished tickets today before the observed mean replaces the typical time
RECENT_SAMPLES = 20  # the estimate follows the service's latest finished tickets


def _recent(*where: Any) -> Any:
    """Each service's last RECENT_SAMPLES finished tickets of the day: (service, began, finished).

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
            m.Ticket.business_date == bindparam("day"),
            m.Ticket.status == TicketStatus.DONE,
            m.Ticket.finished_at.is_not(None),
            *where,
        )
        .subquery()
    )
    return select(recent.c.service_id, recent.c.began, recent.c.finished_at).where(
        recent.c.latest <= RECENT_SAMPLES
    )


_RECENT_IN_HALL = _recent(m.Ticket.hall_id == bindparam("hall"))
_RECENT_OF_SERVICE = _recent(m.Ticket.service_id == bindparam("service"))


def recent_durations(tx: Tx, hall_id: int, day: date) -> dict[int, list[float]]:
    """Minutes of each service's latest finished tickets of the day, by service id."""
    return _durations(tx.run(_RECENT_IN_HALL, {"hall": hall_id, "day": day}))


def mean_service_minutes(tx: Tx, service_id: int, typical_minutes: int, day: date) -> float:
    """The recent observed mean (finish − start, or − call), else the service's typical time."""
    rows = tx.run(_RECENT_OF_SERVICE, {"service": service_id, "day": day})
    return mean_of(_durations(rows)[service_id], typical_minutes)


def _durations(rows: Any) -> dict[int, list[float]]:
    durations: dict[int, list[float]] = defaultdict(list)
    for service_id, began, finished in rows:
        if began is not None:
            durations[service_id].append((finished - began).total_seconds() / 60)
    return durations


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
