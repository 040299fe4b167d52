"""Read-only views a front end needs besides the snapshot: lists, figures, recent calls."""

from __future__ import annotations

from sqlalchemy import case, func, select

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import Priority, TicketStatus
from core.logo import EXTENSIONS
from core.services.lookup import counter_row, hall_row, max_event_id, ticket_views, today
from core.services.snapshot import counter_views
from core.views import (
    CounterFigures,
    CounterInfo,
    CounterView,
    HallLogo,
    HallRef,
    ServiceInfo,
    TicketView,
    WorkstationView,
)


def counter(tx: Tx, hall: HallRef, number: int) -> CounterView:
    """One counter: state, officer, open ticket and services (rank order)."""
    counter_row(tx, hall, number)  # an unknown or retired counter is named in the error
    return counter_views(tx, hall, number)[0]


def counters(tx: Tx, hall: HallRef) -> list[CounterInfo]:
    """The hall's active counters, by number (the login's choice)."""
    rows = tx.session.execute(
        select(m.Counter.number, m.Counter.name, m.Counter.zone)
        .where(m.Counter.hall_id == hall.id, m.Counter.active.is_(True))
        .order_by(m.Counter.number)
    )
    return [CounterInfo(number, name, zone) for number, name, zone in rows]


def workstation(
    tx: Tx, hall: HallRef, number: int, officer_id: int | None, with_config: bool
) -> WorkstationView:
    """The counter, its queue and today's figures in one transaction (one consistent moment)."""
    last_event = max_event_id(tx, hall)
    figures = counter_figures(tx, hall, number, None)
    return WorkstationView(
        counter=counter(tx, hall, number),
        waiting=tuple(waiting_tickets(tx, hall, number)),
        parked=tuple(parked_tickets(tx, hall, number)),
        counter_figures=figures,
        officer_figures=(
            counter_figures(tx, hall, number, officer_id) if officer_id is not None else figures
        ),
        last_event_id=last_event,
        settings=settings(tx, hall) if with_config else None,
        services=tuple(services(tx, hall)) if with_config else None,
    )


def waiting_tickets(tx: Tx, hall: HallRef, counter_number: int) -> list[TicketView]:
    """Waiting tickets of the counter's services, in the order call-next takes them."""
    counter = counter_row(tx, hall, counter_number)
    is_regular = case((m.Ticket.priority == Priority.REGULAR, 1), else_=0)
    ids = list(
        tx.session.scalars(
            select(m.Ticket.id)
            .join(
                m.Assignment,
                (m.Assignment.service_id == m.Ticket.service_id)
                & (m.Assignment.counter_id == counter.id),
            )
            .where(
                m.Ticket.status == TicketStatus.WAITING,
                m.Ticket.hall_id == hall.id,
                m.Ticket.business_date == today(tx, hall),
            )
            .order_by(m.Assignment.rank, is_regular, m.Ticket.queue_pos, m.Ticket.id)
        )
    )
    views = {view.id: view for view in ticket_views(tx, m.Ticket.id.in_(ids))} if ids else {}
    return [views[i] for i in ids]


def parked_tickets(tx: Tx, hall: HallRef, counter_number: int) -> list[TicketView]:
    counter = counter_row(tx, hall, counter_number)
    return ticket_views(
        tx,
        m.Ticket.counter_id == counter.id,
        m.Ticket.status == TicketStatus.PARKED,
        m.Ticket.business_date == today(tx, hall),
    )


def counter_figures(
    tx: Tx, hall: HallRef, counter_number: int, officer_id: int | None
) -> CounterFigures:
    """Today's work at a counter (and by one officer, when given)."""
    counter = counter_row(tx, hall, counter_number)
    conditions = [m.Ticket.counter_id == counter.id, m.Ticket.business_date == today(tx, hall)]
    if officer_id is not None:
        conditions.append(m.Ticket.officer_id == officer_id)
    counts = dict(
        tx.session.execute(
            select(m.Ticket.status, func.count()).where(*conditions).group_by(m.Ticket.status)
        ).all()
    )
    started = func.coalesce(m.Ticket.started_at, m.Ticket.called_at)
    durations = [
        (finish - begin).total_seconds()
        for begin, finish in tx.session.execute(
            select(started, m.Ticket.finished_at).where(
                *conditions, m.Ticket.status == TicketStatus.DONE
            )
        )
        if begin and finish
    ]
    return CounterFigures(
        served=counts.get(TicketStatus.DONE, 0),
        no_show=counts.get(TicketStatus.NO_SHOW, 0),
        transferred=counts.get(TicketStatus.TRANSFERRED, 0),
        mean_service_seconds=sum(durations) / len(durations) if durations else None,
    )


def services(tx: Tx, hall: HallRef) -> list[ServiceInfo]:
    rows = tx.session.execute(
        select(m.Service, m.Agency)
        .join(m.Agency, m.Agency.id == m.Service.agency_id)
        .where(m.Service.hall_id == hall.id, m.Service.active.is_(True))
        .order_by(m.Agency.sort_order, m.Service.sort_order)
    )
    return [
        ServiceInfo(
            code=s.code,
            name=s.name,
            prefix=s.prefix,
            agency_code=a.code,
            agency_name=a.name,
            agency_short_name=a.short_name or a.name,
            agency_color=a.color,
            agency_icon=a.icon,
            service_minutes=s.service_minutes,
            requirements=tuple(s.requirements.get("items", [])),
            procedure=s.procedure,
            completion_time=s.completion_time,
            fee=s.fee,
            product=s.product,
            legal_basis=s.legal_basis,
        )
        for s, a in rows
    ]


def recent_calls(tx: Tx, hall: HallRef, limit: int) -> list[TicketView]:
    """Today's latest calls (called, serving or closed after a call), newest first."""
    ids = list(
        tx.session.scalars(
            select(m.Ticket.id)
            .where(
                m.Ticket.hall_id == hall.id,
                m.Ticket.business_date == today(tx, hall),
                m.Ticket.called_at.is_not(None),
            )
            .order_by(m.Ticket.called_at.desc(), m.Ticket.id.desc())
            .limit(limit)
        )
    )
    views = {view.id: view for view in ticket_views(tx, m.Ticket.id.in_(ids))} if ids else {}
    return [views[i] for i in ids]


def settings(tx: Tx, hall: HallRef) -> dict[str, object]:
    return dict(hall_row(tx, hall.id).settings)


def logo(tx: Tx, hall: HallRef) -> HallLogo | None:
    row = tx.session.execute(
        select(m.Hall.logo, m.Hall.logo_type).where(m.Hall.id == hall.id)
    ).first()
    if row is None or row.logo is None or row.logo_type not in EXTENSIONS:
        return None
    return HallLogo(hall.code, row.logo, row.logo_type)
