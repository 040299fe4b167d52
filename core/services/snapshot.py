"""The queue as a whole, for boards, kiosks, counters and the CLI's status."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, func, select

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import Priority, TicketStatus
from core.services import estimates
from core.services.issuing import service_availability
from core.services.lookup import max_event_id, ticket_views, today
from core.views import CounterView, HallRef, QueueSnapshot, ServiceQueue


def snapshot(tx: Tx, hall: HallRef) -> QueueSnapshot:
    day = today(tx, hall)
    last_event = max_event_id(tx, hall)  # read first: events after it are newer than the view
    waiting = {
        row.service_id: row
        for row in tx.session.execute(
            select(
                m.Ticket.service_id,
                func.count().label("total"),
                func.sum(case((m.Ticket.priority != Priority.REGULAR, 1), else_=0)).label(
                    "priority"
                ),
                func.min(m.Ticket.issued_at).label("oldest"),
            )
            .where(
                m.Ticket.hall_id == hall.id,
                m.Ticket.status == TicketStatus.WAITING,
                m.Ticket.business_date == day,
            )
            .group_by(m.Ticket.service_id)
        )
    }
    services = []
    for service in tx.session.scalars(
        select(m.Service)
        .where(m.Service.hall_id == hall.id, m.Service.active.is_(True))
        .order_by(m.Service.sort_order, m.Service.id)
    ):
        agency_code = tx.session.get(m.Agency, service.agency_id).code  # type: ignore[union-attr]
        row = waiting.get(service.id)
        count = row.total if row else 0
        services.append(
            ServiceQueue(
                code=service.code,
                name=service.name,
                agency_code=agency_code,
                prefix=service.prefix,
                waiting=count,
                priority_waiting=int(row.priority or 0) if row else 0,
                oldest_issued_at=row.oldest if row else None,
                estimated_wait_minutes=estimates.estimate_wait_minutes(tx, service, count, day),
                availability=service_availability(tx, hall, service),
            )
        )
    return QueueSnapshot(hall, tx.now, day, tuple(services), _counters(tx, hall), last_event)


def _counters(tx: Tx, hall: HallRef) -> tuple[CounterView, ...]:
    open_tickets = {
        view.counter_number: view
        for view in ticket_views(
            tx,
            m.Ticket.hall_id == hall.id,
            m.Ticket.status.in_([TicketStatus.CALLED, TicketStatus.SERVING]),
        )
    }
    ranks: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for counter_id, code, rank in tx.session.execute(
        select(m.Assignment.counter_id, m.Service.code, m.Assignment.rank)
        .join(m.Service, m.Service.id == m.Assignment.service_id)
        .order_by(m.Assignment.rank, m.Service.sort_order)
    ):
        ranks[counter_id].append((code, rank))
    views = []
    for counter, username in tx.session.execute(
        select(m.Counter, m.Officer.username)
        .outerjoin(m.Officer, m.Officer.id == m.Counter.officer_id)
        .where(m.Counter.hall_id == hall.id, m.Counter.active.is_(True))
        .order_by(m.Counter.number)
    ):
        views.append(
            CounterView(
                counter.number,
                counter.name,
                counter.zone,
                counter.state,
                username,
                open_tickets.get(counter.number),
                tuple(ranks[counter.id]),
            )
        )
    return tuple(views)
