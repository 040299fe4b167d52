"""Issuing tickets at a kiosk: availability, numbering, print reservation."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Boolean, bindparam, case, exists, func, insert, select, update

from core.db import models as m
from core.db.database import Tx, dialect_insert
from core.domain import hours
from core.domain.enums import Priority, TicketStatus
from core.domain.numbering import format_number
from core.errors import NotFound, Refused
from core.events import EventKind, IssuedPayload, TicketPayload, VoidedPayload
from core.services import estimates, serving
from core.services.lookup import (
    VIEW_COLUMNS,
    hall_row,
    holidays_on,
    kiosk_name,
    local_now,
    service_rules,
    ticket_view,
    today,
    view_from_columns,
)
from core.views import HallRef, IssuedTicket, ServiceAvailability

PRINT_TIMEOUT = timedelta(minutes=2)
PRINT_TIMEOUT_NOTE = "print not confirmed"


def issued_today(tx: Tx, service_id: int, day: date) -> int:
    """Tickets that count against the daily quota (voided ones do not)."""
    return (
        tx.session.scalar(
            select(func.count()).where(
                m.Ticket.service_id == service_id,
                m.Ticket.business_date == day,
                m.Ticket.hop == 0,
                m.Ticket.status != TicketStatus.VOID,
            )
        )
        or 0
    )


def has_counter(tx: Tx, service_id: int) -> bool:
    return bool(
        tx.session.scalar(
            select(
                exists().where(
                    m.Assignment.service_id == service_id,
                    m.Assignment.counter_id == m.Counter.id,
                    m.Counter.active.is_(True),
                )
            )
        )
    )


def service_availability(tx: Tx, hall: HallRef, service: m.Service) -> ServiceAvailability:
    day = today(tx, hall)
    result = hours.availability(
        service_rules_for(tx, hall, service),
        local_now(tx, hall),
        holidays_on(tx, hall, day),
        issued_today(tx, service.id, day),
        has_counter(tx, service.id),
    )
    return ServiceAvailability(
        service.code,
        result.reason,
        result.opens_at.strftime("%H:%M") if result.opens_at else None,
        result.holiday_name,
    )


def service_rules_for(tx: Tx, hall: HallRef, service: m.Service) -> hours.ServiceRules:
    return service_rules(hall_row(tx, hall.id).schedules, service)


_VOID_STALE = (
    update(m.Ticket)
    .where(
        m.Ticket.hall_id == bindparam("hall"),
        m.TICKET_IS_PRINTING,
        m.Ticket.issued_at < bindparam("before", type_=m.Ticket.issued_at.type),
    )
    .values(status=TicketStatus.VOID, note=PRINT_TIMEOUT_NOTE)
    .returning(m.Ticket.id, m.Ticket.number)
)


def void_stale_prints(tx: Tx, hall: HallRef) -> int:
    """Void tickets whose print was never confirmed within the print timeout."""
    rows = tx.run(_VOID_STALE, {"hall": hall.id, "before": tx.now - PRINT_TIMEOUT}).all()
    for ticket_id, number in rows:
        tx.emit(hall.id, EventKind.TICKET_VOIDED, VoidedPayload(ticket_id, number, "print_timeout"))
    return len(rows)


# --- issuing: the hot path, on statements built once ----------------------------------

_THE_SERVICE_ID = (
    select(m.Service.id)
    .where(m.Service.hall_id == bindparam("hall"), m.Service.code == bindparam("code"))
    .scalar_subquery()
)
_STAFFING = estimates.staffing(m.Assignment.service_id == _THE_SERVICE_ID).subquery()
# Everything issuing reads before it draws a number, in one row: the service, its agency,
# the hall's schedules, today's holiday, who staffs it, its recent pace, and whether some
# ticket's print has gone unconfirmed too long.
_SERVICE = (
    select(
        m.Service.id,
        m.Service.code,
        m.Service.name,
        m.Service.prefix,
        m.Service.active,
        m.Service.hours,
        m.Service.schedule,
        m.Service.cutoff_minutes,
        m.Service.daily_quota,
        m.Service.service_minutes,
        m.Agency.code.label("agency_code"),
        m.Agency.name.label("agency_name"),
        m.Hall.schedules,
        select(m.Holiday.name)
        .where(m.Holiday.hall_id == m.Service.hall_id, m.Holiday.day == bindparam("day"))
        .limit(1)
        .scalar_subquery()
        .label("holiday"),
        func.coalesce(_STAFFING.c.assigned, 0).label("assigned"),
        func.coalesce(_STAFFING.c.rank_one, 0).label("rank_one"),
        func.coalesce(_STAFFING.c.capacity, 0.0).label("capacity"),
        _STAFFING.c.rank_one_numbers,
        serving.assignments_of(m.Service.id).label("assignments"),
        estimates.observed_minutes(m.Service.id, bindparam("day")).label("observed"),
        exists()
        .where(
            m.Ticket.hall_id == m.Service.hall_id,
            m.TICKET_IS_PRINTING,
            m.Ticket.issued_at < bindparam("before", type_=m.Ticket.issued_at.type),
        )
        .label("stale_prints"),
    )
    .join(m.Agency, m.Agency.id == m.Service.agency_id)
    .join(m.Hall, m.Hall.id == m.Service.hall_id)
    .outerjoin(_STAFFING, _STAFFING.c.service_id == m.Service.id)
    .where(m.Service.hall_id == bindparam("hall"), m.Service.code == bindparam("code"))
)
_COUNTED = m.Ticket.__table__.alias("counted")
_TODAYS_OTHERS = (
    _COUNTED.c.service_id == bindparam("service_id"),
    _COUNTED.c.business_date == bindparam("business_date"),
    # The new ticket's number is fresh from its stream: no other ticket of the day has it.
    # PostgreSQL does not show a statement its own insert, SQLite does; this says the same
    # on both.
    _COUNTED.c.number != bindparam("number"),
)
# The new ticket comes back with the counts that need the number lock, read in the same
# statement: tickets that count against the quota, and those ahead of it in its lane.
# The quota's count reads every ticket of the service's day: it is made only for a service
# with a quota (which bounds them), so that issuing costs the same all day.
_INSERT_TICKET = (
    insert(m.Ticket)
    .values({c.key: bindparam(c.key) for c in m.Ticket.__table__.c if c.key != "id"})
    .returning(
        m.Ticket.id,
        case(
            (
                bindparam("has_quota", type_=Boolean),
                select(func.count())
                .where(*_TODAYS_OTHERS, _COUNTED.c.hop == 0, _COUNTED.c.status != TicketStatus.VOID)
                .scalar_subquery(),
            ),
            else_=0,
        ).label("issued"),
        select(func.count())
        .where(
            *_TODAYS_OTHERS,
            m.ticket_status_in("waiting", table=_COUNTED.name),
            (_COUNTED.c.priority != Priority.REGULAR) | bindparam("regular_lane"),
        )
        .scalar_subquery()
        .label("ahead"),
    )
)


@cache
def _next_seq_statement(dialect: str) -> Any:
    return (
        dialect_insert(dialect)(m.NumberStream)
        .values(
            hall_id=bindparam("hall"),
            prefix=bindparam("prefix"),
            business_date=bindparam("day"),
            last_seq=1,
        )
        .on_conflict_do_update(
            index_elements=["hall_id", "prefix", "business_date"],
            set_={"last_seq": m.NumberStream.last_seq + 1},
        )
        .returning(m.NumberStream.last_seq)
    )


def next_seq(tx: Tx, hall: HallRef, prefix: str, day: date) -> int:
    """Draw the next number of a prefix for the day; the row stays locked until commit."""
    statement = _next_seq_statement(tx.dialect)
    return tx.run(statement, {"hall": hall.id, "prefix": prefix, "day": day}).scalar_one()


def issue(
    tx: Tx,
    hall: HallRef,
    service_code: str,
    priority: Priority,
    kiosk: str | None,
    reserve_for_print: bool,
) -> IssuedTicket:
    kiosk = kiosk_name(kiosk)
    day = today(tx, hall)
    key = {"hall": hall.id, "code": service_code.upper(), "day": day}
    service = tx.run(_SERVICE, key | {"before": tx.now - PRINT_TIMEOUT}).first()
    if service is None or not service.active:
        raise NotFound("service_unknown", service=service_code)
    if service.stale_prints:
        void_stale_prints(tx, hall)
    rules = service_rules(service.schedules, service)
    moment = local_now(tx, hall)
    holidays = {day: service.holiday} if service.holiday is not None else {}
    has_counter = service.assigned > 0
    # Everything that does not need the number lock comes first: the lock serialises every
    # kiosk issuing the same prefix, so it is held only for the counts and the insert.
    # With a quota, "quota reached" outranks "no counter", and the count needs the lock:
    # then only the time of day is checked here, and the rest after the count.
    has_quota = rules.daily_quota is not None
    ahead_of_lock = hours.availability(rules, moment, holidays, 0, has_counter or has_quota)
    _refuse_unless_open(service, ahead_of_lock)
    seq = next_seq(tx, hall, service.prefix, day)  # locks the prefix: the counts are exact
    status = TicketStatus.PRINTING if reserve_for_print else TicketStatus.WAITING
    number = format_number(service.prefix, seq)
    columns = {
        "hall_id": hall.id,
        "service_id": service.id,
        "business_date": day,
        "prefix": service.prefix,
        "seq": seq,
        "hop": 0,
        "number": number,
        "priority": priority,
        "status": status,
        "kiosk": kiosk,
        "counter_id": None,
        "officer_id": None,
        "queue_pos": _queue_pos(tx),
        "issued_at": tx.now,
        "printed_at": None if reserve_for_print else tx.now,
        "first_called_at": None,
        "called_at": None,
        "started_at": None,
        "finished_at": None,
        "recall_count": 0,
        "transferred_from_id": None,
        "note": "",
    }
    lane_and_quota = {"regular_lane": not priority.is_priority, "has_quota": has_quota}
    inserted = tx.run(_INSERT_TICKET, columns | lane_and_quota)
    columns["id"], issued, ahead = inserted.one()
    if has_quota:  # refused now, the transaction and its number are rolled back
        availability = hours.availability(rules, moment, holidays, issued, has_counter)
        _refuse_unless_open(service, availability)
    view = view_from_columns(columns, service)
    tx.emit(hall.id, EventKind.TICKET_ISSUED, IssuedPayload.issued(view, kiosk))
    mean = estimates.mean_minutes(service.observed, service.service_minutes)
    wait = estimates.wait_minutes(ahead, mean, service.rank_one, service.capacity)
    counters = estimates.rank_one_numbers(service.rank_one_numbers)
    return IssuedTicket(view, ahead, wait, counters, serving.from_text(service.assignments))


def _refuse_unless_open(service: Any, availability: Any) -> None:
    """Refuse with the reason, unless ``availability`` (hours.Availability or
    ServiceAvailability) says the service is open."""
    if not availability.is_open:
        opens_at = availability.opens_at
        if opens_at is not None and not isinstance(opens_at, str):
            opens_at = opens_at.strftime("%H:%M")
        raise Refused(
            f"unavailable_{availability.reason.value}",
            service=service.name,
            opens_at=opens_at or "",
            holiday=availability.holiday_name or "",
        )


def _queue_pos(tx: Tx) -> int:
    """First come, first served: microseconds since the epoch."""
    return int(tx.now.timestamp() * 1_000_000)


# The kiosk's confirmation, as it nearly always goes: the ticket is printing, and joins
# its queue in one statement that returns its view.
_CONFIRM_PRINTED = (
    update(m.Ticket)
    .where(
        m.Ticket.id == bindparam("ticket"),
        m.Ticket.hall_id == bindparam("hall"),
        m.TICKET_IS_PRINTING,
    )
    .values(status=TicketStatus.WAITING, printed_at=bindparam("at", type_=m.Ticket.printed_at.type))
    .returning(*VIEW_COLUMNS)
)


def confirm_printed(tx: Tx, hall: HallRef, ticket_id: int) -> None:
    row = tx.run(_CONFIRM_PRINTED, {"ticket": ticket_id, "hall": hall.id, "at": tx.now}).first()
    if row is not None:
        view = view_from_columns(row._mapping, row)
        tx.emit(hall.id, EventKind.TICKET_PRINTED, TicketPayload.of(view))
        return
    ticket = _printing_ticket(tx, hall, ticket_id)
    if ticket.printed_at is not None:
        return  # already confirmed (maybe called since): a retried confirmation changes nothing
    if ticket.status is TicketStatus.VOID and ticket.note == PRINT_TIMEOUT_NOTE:
        # The paper came out but the confirmation reached us late (an outage longer than
        # the print timeout): the citizen holds this number, so it joins the queue after all.
        ticket.status = TicketStatus.PRINTING
    if ticket.status is not TicketStatus.PRINTING:
        raise Refused("ticket_not_printing", ticket=ticket.number, status=ticket.status.value)
    ticket.status = TicketStatus.WAITING
    ticket.printed_at = tx.now
    tx.emit(hall.id, EventKind.TICKET_PRINTED, TicketPayload.of(ticket_view(tx, ticket.id)))


def print_failed(tx: Tx, hall: HallRef, ticket_id: int, reason: str) -> None:
    ticket = _printing_ticket(tx, hall, ticket_id)
    if ticket.status is TicketStatus.VOID:
        return
    if ticket.status is not TicketStatus.PRINTING:
        raise Refused("ticket_not_printing", ticket=ticket.number, status=ticket.status.value)
    ticket.status = TicketStatus.VOID
    ticket.note = f"print failed: {reason}"[:500]
    tx.emit(hall.id, EventKind.TICKET_VOIDED, VoidedPayload(ticket.id, ticket.number, reason))


def _printing_ticket(tx: Tx, hall: HallRef, ticket_id: int) -> m.Ticket:
    query = select(m.Ticket).where(m.Ticket.id == ticket_id, m.Ticket.hall_id == hall.id)
    if tx.is_postgres:
        query = query.with_for_update()
    ticket = tx.session.scalars(query).first()
    if ticket is None:
        raise Refused("ticket_unknown", ticket=str(ticket_id))
    return ticket
