"""The queue as a whole, for boards, kiosks, counters and the CLI's status.

Read in a handful of grouped queries whatever the number of services: kiosks and boards
refresh it on every change.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, func, select

from core.db import models as m
from core.db.database import Tx
from core.domain import hours
from core.domain.enums import Priority, TicketStatus
from core.services import estimates, serving
from core.services.lookup import (
    hall_row,
    holidays_on,
    local_now,
    max_event_id,
    service_rules,
    ticket_views,
    today,
)
from core.views import (
    CounterView,
    HallRef,
    QueueSnapshot,
    ServiceAvailability,
    ServiceQueue,
    ServingCounters,
)


def snapshot(tx: Tx, hall: HallRef) -> QueueSnapshot:
    day = today(tx, hall)
    moment = local_now(tx, hall)
    last_event = max_event_id(tx, hall)  # read first: events after it are newer than the view
    row = hall_row(tx, hall.id)
    holidays = holidays_on(tx, hall, day)
    todays = (m.Ticket.hall_id == hall.id, m.Ticket.business_date == day)
    waiting = {
        r.service_id: r
        for r in tx.session.execute(
            select(
                m.Ticket.service_id,
                func.count().label("total"),
                func.sum(case((m.Ticket.priority != Priority.REGULAR, 1), else_=0)).label(
                    "priority"
                ),
                func.min(m.Ticket.issued_at).label("oldest"),
            )
            .where(*todays, m.Ticket.status == TicketStatus.WAITING)
            .group_by(m.Ticket.service_id)
        )
    }
    issued = dict(
        tx.session.execute(
            select(m.Ticket.service_id, func.count())
            .where(*todays, m.Ticket.hop == 0, m.Ticket.status != TicketStatus.VOID)
            .group_by(m.Ticket.service_id)
        ).all()
    )
    staffed = {
        row.service_id: row
        for row in tx.session.execute(estimates.staffing(m.Counter.hall_id == hall.id))
    }
    observed = dict(
        tx.session.execute(estimates.observed_by_service(day, m.Service.hall_id == hall.id)).all()
    )
    counters = counter_views(tx, hall)
    served_by = serving.by_service(counters)
    services = []
    for service, agency_code in tx.session.execute(
        select(m.Service, m.Agency.code)
        .join(m.Agency, m.Agency.id == m.Service.agency_id)
        .where(m.Service.hall_id == hall.id, m.Service.active.is_(True))
        .order_by(m.Service.sort_order, m.Service.id)
    ):
        counts = waiting.get(service.id)
        count = counts.total if counts else 0
        staff = staffed.get(service.id)
        has_counter = staff is not None  # any active counter assigned, whatever its rank
        result = hours.availability(
            service_rules(row.schedules, service),
            moment,
            holidays,
            issued.get(service.id, 0),
            has_counter,
        )
        services.append(
            ServiceQueue(
                code=service.code,
                name=service.name,
                agency_code=agency_code,
                prefix=service.prefix,
                waiting=count,
                priority_waiting=int(counts.priority or 0) if counts else 0,
                oldest_issued_at=counts.oldest if counts else None,
                estimated_wait_minutes=estimates.wait_minutes(
                    count,
                    estimates.mean_minutes(observed.get(service.id), service.service_minutes),
                    staff.rank_one if staff else 0,
                    staff.capacity if staff else 0.0,
                ),
                availability=ServiceAvailability(
                    service.code,
                    result.reason,
                    result.opens_at.strftime("%H:%M") if result.opens_at else None,
                    result.holiday_name,
                ),
                serving=served_by.get(service.code, ServingCounters()),
            )
        )
    return QueueSnapshot(hall, tx.now, day, tuple(services), counters, last_event)


def counter_views(tx: Tx, hall: HallRef, number: int | None = None) -> tuple[CounterView, ...]:
    """The hall's active counters (or only counter ``number``) with their open tickets."""
    only = (m.Counter.number == number,) if number is not None else ()
    at_counter = (
        (m.Ticket.counter_id.in_(select(m.Counter.id).where(m.Counter.hall_id == hall.id, *only)),)
        if only
        else ()
    )
    open_tickets = {
        view.counter_number: view
        for view in ticket_views(
            tx,
            m.Ticket.hall_id == hall.id,
            m.TICKET_IS_OPEN,  # constants: the open tickets' partial index serves it
            *at_counter,
        )
    }
    ranks: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for counter_id, code, rank in tx.session.execute(
        select(m.Assignment.counter_id, m.Service.code, m.Assignment.rank)
        .join(m.Service, m.Service.id == m.Assignment.service_id)
        .join(m.Counter, m.Counter.id == m.Assignment.counter_id)
        .where(m.Service.hall_id == hall.id, *only)
        .order_by(m.Assignment.rank, m.Service.sort_order)
    ):
        ranks[counter_id].append((code, rank))
    views = []
    for counter, username in tx.session.execute(
        select(m.Counter, m.Officer.username)
        .outerjoin(m.Officer, m.Officer.id == m.Counter.officer_id)
        .where(m.Counter.hall_id == hall.id, m.Counter.active.is_(True), *only)
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
                counter.short_name,
            )
        )
    return tuple(views)
