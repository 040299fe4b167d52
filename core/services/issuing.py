"""Issuing tickets at a kiosk: availability, numbering, print reservation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import exists, func, select, update

from core.db import models as m
from core.db.database import Tx
from core.domain import hours
from core.domain.enums import Priority, TicketStatus
from core.domain.numbering import format_number
from core.errors import Refused
from core.services import estimates
from core.services.lookup import (
    hall_row,
    holidays_on,
    local_now,
    service_row,
    service_rules,
    ticket_payload,
    ticket_view,
    today,
)
from core.views import HallRef, IssuedTicket, ServiceAvailability

PRINT_TIMEOUT = timedelta(minutes=2)
PRINT_TIMEOUT_NOTE = "print not confirmed"


def issued_today(tx: Tx, service_id: int, day) -> int:  # noqa: ANN001 - date
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
    return service_rules(hall_row(tx, hall.id), service)


def void_stale_prints(tx: Tx, hall: HallRef) -> int:
    """Void tickets whose print was never confirmed within the print timeout."""
    rows = tx.session.execute(
        update(m.Ticket)
        .where(
            m.Ticket.hall_id == hall.id,
            m.Ticket.status == TicketStatus.PRINTING,
            m.Ticket.issued_at < tx.now - PRINT_TIMEOUT,
        )
        .values(status=TicketStatus.VOID, note=PRINT_TIMEOUT_NOTE)
        .returning(m.Ticket.id, m.Ticket.number)
        .execution_options(synchronize_session=False)
    ).all()
    for ticket_id, number in rows:
        tx.emit(
            hall.id,
            "ticket.voided",
            {"ticket_id": ticket_id, "number": number, "reason": "print_timeout"},
        )
    return len(rows)


def next_seq(tx: Tx, hall: HallRef, prefix: str, day) -> int:  # noqa: ANN001 - date
    """Draw the next number of a prefix for the day; the row stays locked until commit."""
    statement = (
        tx.upsert(m.NumberStream)
        .values(hall_id=hall.id, prefix=prefix, business_date=day, last_seq=1)
        .on_conflict_do_update(
            index_elements=["hall_id", "prefix", "business_date"],
            set_={"last_seq": m.NumberStream.last_seq + 1},
        )
        .returning(m.NumberStream.last_seq)
    )
    return tx.session.execute(statement).scalar_one()


def issue(
    tx: Tx,
    hall: HallRef,
    service_code: str,
    priority: Priority,
    kiosk: str | None,
    reserve_for_print: bool,
) -> IssuedTicket:
    service = service_row(tx, hall, service_code)
    day = today(tx, hall)
    void_stale_prints(tx, hall)
    # Everything that does not need the number lock comes first: the lock serialises every
    # kiosk issuing the same prefix, so it is held only for the quota count and the insert.
    _refuse_unless_open(service, service_availability(tx, hall, service))
    mean_minutes = estimates.mean_service_minutes(tx, service, day)
    assigned, capacity = estimates.serving_counters(tx, service.id)
    counters = rank_one_counters(tx, service.id)
    seq = next_seq(tx, hall, service.prefix, day)  # locks the prefix: quota counts are exact
    if service.daily_quota is not None and issued_today(tx, service.id, day) >= service.daily_quota:
        _refuse_unless_open(service, service_availability(tx, hall, service))
    ticket = m.Ticket(
        hall_id=hall.id,
        service_id=service.id,
        business_date=day,
        prefix=service.prefix,
        seq=seq,
        hop=0,
        number=format_number(service.prefix, seq),
        priority=priority,
        status=TicketStatus.PRINTING if reserve_for_print else TicketStatus.WAITING,
        kiosk=kiosk,
        queue_pos=_queue_pos(tx),
        issued_at=tx.now,
        printed_at=None if reserve_for_print else tx.now,
        recall_count=0,
        note="",
    )
    ahead = estimates.people_ahead(tx, service.id, priority, day=day)  # before this ticket exists
    tx.session.add(ticket)
    tx.session.flush()
    view = ticket_view(tx, ticket.id)
    tx.emit(hall.id, "ticket.issued", ticket_payload(view) | {"kiosk": kiosk})
    wait = estimates.wait_minutes(ahead, mean_minutes, assigned, capacity)
    return IssuedTicket(view, ahead, wait, counters)


def rank_one_counters(tx: Tx, service_id: int) -> tuple[int, ...]:
    """Numbers of the counters that serve the service first (printed on the ticket)."""
    return tuple(
        tx.session.scalars(
            select(m.Counter.number)
            .join(m.Assignment, m.Assignment.counter_id == m.Counter.id)
            .where(m.Assignment.service_id == service_id, m.Assignment.rank == 1)
            .order_by(m.Counter.number)
        )
    )


def _refuse_unless_open(service: m.Service, availability: ServiceAvailability) -> None:
    if not availability.is_open:
        raise Refused(
            f"unavailable_{availability.reason.value}",
            service=service.name,
            opens_at=availability.opens_at or "",
            holiday=availability.holiday_name or "",
        )


def _queue_pos(tx: Tx) -> int:
    """First come, first served: microseconds since the epoch."""
    return int(tx.now.timestamp() * 1_000_000)


def confirm_printed(tx: Tx, hall: HallRef, ticket_id: int) -> None:
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
    tx.emit(hall.id, "ticket.printed", ticket_payload(ticket_view(tx, ticket.id)))


def print_failed(tx: Tx, hall: HallRef, ticket_id: int, reason: str) -> None:
    ticket = _printing_ticket(tx, hall, ticket_id)
    if ticket.status is TicketStatus.VOID:
        return
    if ticket.status is not TicketStatus.PRINTING:
        raise Refused("ticket_not_printing", ticket=ticket.number, status=ticket.status.value)
    ticket.status = TicketStatus.VOID
    ticket.note = f"print failed: {reason}"[:500]
    tx.emit(
        hall.id,
        "ticket.voided",
        {"ticket_id": ticket.id, "number": ticket.number, "reason": reason},
    )


def _printing_ticket(tx: Tx, hall: HallRef, ticket_id: int) -> m.Ticket:
    query = select(m.Ticket).where(m.Ticket.id == ticket_id, m.Ticket.hall_id == hall.id)
    if tx.is_postgres:
        query = query.with_for_update()
    ticket = tx.session.scalars(query).first()
    if ticket is None:
        raise Refused("ticket_unknown", ticket=str(ticket_id))
    return ticket
