"""Two read-only questions the workstation asks that core does not answer yet.

Both read through core's own lookups and return core views. They are proposed for core
as ``HallService.counter(number) -> CounterView`` (one counter without a whole-hall
snapshot, which also computes every service's availability and estimate) and
``HallService.counters() -> list[CounterInfo]`` (for the login's counter choice).
"""

from __future__ import annotations

from sqlalchemy import select

from core.db import models as m
from core.db.database import Tx
from core.service import HallService
from core.services import lookup
from core.views import CounterView


def counter_view(hall: HallService, counter: int) -> CounterView:
    """One counter: state, officer, open ticket and services (rank order)."""
    if callable(getattr(type(hall), "counter", None)):
        return hall.counter(counter)  # type: ignore[attr-defined]

    def work(tx: Tx) -> CounterView:
        row = lookup.counter_row(tx, hall.hall, counter)
        officer = tx.session.get(m.Officer, row.officer_id) if row.officer_id else None
        open_ticket = lookup.open_ticket_at(tx, row.id)
        current = lookup.ticket_view(tx, open_ticket.id) if open_ticket else None
        ranks = tx.session.execute(
            select(m.Service.code, m.Assignment.rank)
            .join(m.Service, m.Service.id == m.Assignment.service_id)
            .where(m.Assignment.counter_id == row.id)
            .order_by(m.Assignment.rank, m.Service.sort_order)
        )
        return CounterView(
            row.number,
            row.name,
            row.zone,
            row.state,
            officer.username if officer else None,
            current,
            tuple((code, rank) for code, rank in ranks),
        )

    return hall.db.read(work)


def counters(hall: HallService) -> list[tuple[int, str, str]]:
    """(number, name, zone) of the hall's active counters."""

    def work(tx: Tx) -> list[tuple[int, str, str]]:
        rows = tx.session.execute(
            select(m.Counter.number, m.Counter.name, m.Counter.zone)
            .where(m.Counter.hall_id == hall.hall.id, m.Counter.active.is_(True))
            .order_by(m.Counter.number)
        )
        return [(n, name, zone) for n, name, zone in rows]

    return hall.db.read(work)
