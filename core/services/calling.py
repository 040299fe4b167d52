"""A counter's work: call, recall, start, finish, no-show, transfer, park and resume.

The rules live here, once: a counter calls only its assigned services, holds at most one
open ticket, must be open to call, and only the holding counter can close a ticket.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, bindparam, case, func, select, update

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import CounterState, Priority, TicketStatus, TransferPosition
from core.errors import NotFound, Refused
from core.services.lookup import (
    counter_row,
    find_ticket,
    hall_row,
    open_ticket_at,
    service_row,
    ticket_payload,
    ticket_view,
    today,
    view_from_columns,
)
from core.views import HallRef, TicketView


def _require_open(counter: m.Counter | Row[Any]) -> None:
    if counter.state is CounterState.BREAK:
        raise Refused("counter_on_break", counter=counter.name)
    if counter.state is CounterState.CLOSED:
        raise Refused("counter_closed", counter=counter.name)


def _free_counter(tx: Tx, hall: HallRef, counter: m.Counter, officer_id: int | None) -> None:
    """Make room for a new call: finish the open ticket if the hall says so, else refuse."""
    current = open_ticket_at(tx, counter.id)
    if current is None:
        return
    if hall_row(tx, hall.id).settings.get("auto_finish_on_call", False):
        _close(tx, hall, current, TicketStatus.DONE, "ticket.finished")
        return
    raise Refused("counter_busy", counter=counter.name, ticket=current.number)


def _claim(tx: Tx, ticket: m.Ticket, counter: m.Counter, officer_id: int | None) -> None:
    ticket.status = TicketStatus.CALLED
    ticket.counter_id = counter.id
    ticket.officer_id = officer_id if officer_id is not None else counter.officer_id
    ticket.called_at = tx.now
    if ticket.first_called_at is None:
        ticket.first_called_at = tx.now


def _announce(tx: Tx, hall: HallRef, ticket: m.Ticket, kind: str) -> TicketView:
    view = ticket_view(tx, ticket.id)
    tx.emit(hall.id, kind, ticket_payload(view))
    return view


_COUNTER_COLUMNS = (
    m.Counter.id,
    m.Counter.number,
    m.Counter.name,
    m.Counter.state,
    m.Counter.active,
    m.Counter.officer_id,
    m.Officer.username,
)
_OPEN_TICKET = (
    select(m.Ticket.id)
    .where(m.Ticket.counter_id == m.Counter.id, m.TICKET_IS_OPEN)
    .limit(1)
    .scalar_subquery()
    .label("open_ticket")
)
_THE_COUNTER = (m.Counter.hall_id == bindparam("hall"), m.Counter.number == bindparam("number"))
# SQLite: one statement (BEGIN IMMEDIATE already runs writers one at a time).
_COUNTER_TO_CALL = (
    select(*_COUNTER_COLUMNS, _OPEN_TICKET)
    .outerjoin(m.Officer, m.Officer.id == m.Counter.officer_id)
    .where(*_THE_COUNTER)
)
# PostgreSQL: lock the counter first, then look for its open ticket in a statement of its
# own. A statement that waited for the lock still reads with the snapshot it started with,
# so it would miss the ticket the previous holder of the lock had just called.
_COUNTER_LOCKED = (
    select(*_COUNTER_COLUMNS)
    .outerjoin(m.Officer, m.Officer.id == m.Counter.officer_id)
    .where(*_THE_COUNTER)
    .with_for_update(of=m.Counter)
)
_OPEN_TICKET_AT = select(m.Ticket.id).where(
    m.Ticket.counter_id == bindparam("counter"), m.TICKET_IS_OPEN
)
_T = m.Ticket.__table__.c
_NEXT_TICKET = (
    select(
        _T.id,
        _T.number,
        _T.prefix,
        _T.hop,
        _T.business_date,
        _T.priority,
        _T.kiosk,
        _T.issued_at,
        _T.printed_at,
        _T.first_called_at,
        _T.started_at,
        _T.finished_at,
        _T.recall_count,
        _T.transferred_from_id,
        _T.note,
        m.Service.code.label("service_code"),
        m.Service.name.label("service_name"),
        m.Agency.code.label("agency_code"),
        m.Agency.name.label("agency_name"),
    )
    .join(
        m.Assignment,
        (m.Assignment.service_id == m.Ticket.service_id)
        & (m.Assignment.counter_id == bindparam("counter")),
    )
    .join(m.Service, m.Service.id == m.Ticket.service_id)
    .join(m.Agency, m.Agency.id == m.Service.agency_id)
    .where(
        m.Ticket.status == TicketStatus.WAITING,
        m.Ticket.hall_id == bindparam("hall"),
        m.Ticket.business_date == bindparam("day"),
    )
    .order_by(
        m.Assignment.rank,
        case((m.Ticket.priority == Priority.REGULAR, 1), else_=0),
        m.Ticket.queue_pos,
        m.Ticket.id,
    )
    .limit(1)
)
_CALL_TICKET = (
    update(m.Ticket)
    .where(m.Ticket.id == bindparam("ticket"))
    .values(
        status=TicketStatus.CALLED,
        counter_id=bindparam("at_counter"),
        officer_id=bindparam("by_officer"),
        called_at=bindparam("at", type_=m.Ticket.called_at.type),
        first_called_at=func.coalesce(
            m.Ticket.first_called_at, bindparam("at", type_=m.Ticket.called_at.type)
        ),
    )
)
_USERNAME = select(m.Officer.username).where(m.Officer.id == bindparam("officer"))
_NEXT_TICKET_SKIP_LOCKED = _NEXT_TICKET.with_for_update(of=m.Ticket, skip_locked=True)


def call_next(
    tx: Tx, hall: HallRef, counter_number: int, officer_id: int | None
) -> TicketView | None:
    """Call the next ticket: rank-1 services first, then priority, then first come.

    The busiest write of the day, so it runs on statements built once (see ``Tx.run``).
    """
    counter_query, next_query = _COUNTER_TO_CALL, _NEXT_TICKET
    if tx.is_postgres:
        # Two actions at one counter run one at a time; other counters skip a ticket
        # being claimed instead of waiting for it.
        counter_query = _COUNTER_LOCKED
        next_query = _NEXT_TICKET_SKIP_LOCKED
    counter = tx.run(counter_query, {"hall": hall.id, "number": counter_number}).first()
    if counter is None or not counter.active:
        raise NotFound("counter_unknown", counter=counter_number)
    _require_open(counter)
    if tx.is_postgres:
        open_ticket = tx.run(_OPEN_TICKET_AT, {"counter": counter.id}).first()
    else:
        open_ticket = counter.open_ticket
    if open_ticket is not None:
        _free_counter(tx, hall, counter_row(tx, hall, counter_number), officer_id)
    row = tx.run(
        next_query, {"counter": counter.id, "hall": hall.id, "day": today(tx, hall)}
    ).first()
    if row is None:
        return None
    ticket = row
    officer = officer_id if officer_id is not None else counter.officer_id
    username = counter.username
    if officer != counter.officer_id:
        username = tx.run(_USERNAME, {"officer": officer}).scalar() if officer else None
    tx.run(
        _CALL_TICKET,
        {"ticket": ticket.id, "at_counter": counter.id, "by_officer": officer, "at": tx.now},
    )
    called = {
        **ticket._mapping,
        "status": TicketStatus.CALLED,
        "first_called_at": ticket.first_called_at or tx.now,
        "called_at": tx.now,
    }
    view = view_from_columns(called, ticket, counter.number, counter.name, username)
    tx.emit(hall.id, "ticket.called", ticket_payload(view))
    return view


def _service_assigned(tx: Tx, counter: m.Counter, service_id: int) -> bool:
    return (
        tx.session.scalar(
            select(func.count()).where(
                m.Assignment.counter_id == counter.id, m.Assignment.service_id == service_id
            )
        )
        or 0
    ) > 0


def _lock_ticket(tx: Tx, hall: HallRef, number: str) -> m.Ticket:
    ticket = find_ticket(tx, hall, number, today(tx, hall))
    if tx.is_postgres:
        tx.session.refresh(ticket, with_for_update=True)
    return ticket


def call_ticket(
    tx: Tx, hall: HallRef, counter_number: int, number: str, officer_id: int | None
) -> TicketView:
    """Call one particular waiting ticket (a citizen who came back, a special case)."""
    counter = counter_row(tx, hall, counter_number, lock=True)
    _require_open(counter)
    ticket = _lock_ticket(tx, hall, number)
    if not _service_assigned(tx, counter, ticket.service_id):
        raise Refused("service_not_assigned", counter=counter.name, ticket=ticket.number)
    if ticket.status is not TicketStatus.WAITING:
        raise Refused("ticket_not_waiting", ticket=ticket.number, status=ticket.status.value)
    _free_counter(tx, hall, counter, officer_id)
    _claim(tx, ticket, counter, officer_id)
    return _announce(tx, hall, ticket, "ticket.called")


def _held(
    tx: Tx, hall: HallRef, counter_number: int, number: str | None
) -> tuple[m.Counter, m.Ticket]:
    """The counter's open ticket; when ``number`` is given it must be the one held here."""
    counter = counter_row(tx, hall, counter_number, lock=True)
    ticket = open_ticket_at(tx, counter.id)
    if number is not None and (ticket is None or ticket.number != number.strip().upper()):
        raise Refused("ticket_not_here", ticket=number, counter=counter.name)
    if ticket is None:
        raise Refused("no_open_ticket", counter=counter.name)
    return counter, ticket


def recall(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    counter, ticket = _held(tx, hall, counter_number, number)
    if ticket.status is not TicketStatus.CALLED:
        raise Refused("ticket_not_called", ticket=ticket.number)
    _require_open(counter)
    ticket.recall_count += 1
    ticket.called_at = tx.now
    return _announce(tx, hall, ticket, "ticket.recalled")


def start(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    _, ticket = _held(tx, hall, counter_number, number)
    if ticket.status is not TicketStatus.CALLED:
        raise Refused("ticket_not_called", ticket=ticket.number)
    ticket.status = TicketStatus.SERVING
    ticket.started_at = tx.now
    return _announce(tx, hall, ticket, "ticket.started")


def _close(tx: Tx, hall: HallRef, ticket: m.Ticket, status: TicketStatus, kind: str) -> TicketView:
    ticket.status = status
    ticket.finished_at = tx.now
    return _announce(tx, hall, ticket, kind)


def finish(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    _, ticket = _held(tx, hall, counter_number, number)
    return _close(tx, hall, ticket, TicketStatus.DONE, "ticket.finished")


def no_show(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    _, ticket = _held(tx, hall, counter_number, number)
    if ticket.status is not TicketStatus.CALLED:
        raise Refused("no_show_after_start", ticket=ticket.number)
    return _close(tx, hall, ticket, TicketStatus.NO_SHOW, "ticket.no_show")


def transfer(
    tx: Tx,
    hall: HallRef,
    counter_number: int,
    service_code: str,
    position: TransferPosition,
    note: str = "",
) -> TicketView:
    """Send the held ticket to another service's queue, keeping its number."""
    _, ticket = _held(tx, hall, counter_number, None)
    target = service_row(tx, hall, service_code)
    if target.id == ticket.service_id:
        raise Refused("transfer_same_service", ticket=ticket.number, service=target.name)
    ticket.status = TicketStatus.TRANSFERRED
    ticket.finished_at = tx.now
    front = None
    if position is TransferPosition.FRONT:
        front = tx.session.scalar(
            select(func.min(m.Ticket.queue_pos)).where(
                m.Ticket.service_id == target.id,
                m.Ticket.business_date == ticket.business_date,
                m.Ticket.status == TicketStatus.WAITING,
            )
        )
    queue_pos = int(tx.now.timestamp() * 1_000_000)
    if position is TransferPosition.FRONT and front is not None:
        queue_pos = min(front - 1, queue_pos)
    moved = m.Ticket(
        hall_id=hall.id,
        service_id=target.id,
        business_date=ticket.business_date,
        prefix=ticket.prefix,
        seq=ticket.seq,
        hop=ticket.hop + 1,
        number=ticket.number,
        priority=ticket.priority,
        status=TicketStatus.WAITING,
        kiosk=ticket.kiosk,
        queue_pos=queue_pos,
        issued_at=tx.now,
        printed_at=ticket.printed_at,
        recall_count=0,
        transferred_from_id=ticket.id,
        note=note[:500],
    )
    tx.session.add(moved)
    tx.session.flush()
    old = ticket_view(tx, ticket.id)
    view = ticket_view(tx, moved.id)
    tx.emit(
        hall.id,
        "ticket.transferred",
        ticket_payload(view)
        | {
            "from_ticket_id": old.id,
            "from_service": old.service_code,
            "from_counter": old.counter_number,
            "position": position.value,
            "note": note[:500],
        },
    )
    return view


def park(tx: Tx, hall: HallRef, counter_number: int, note: str = "") -> TicketView:
    """Set the held ticket aside (the citizen fetches a document); the counter is free again."""
    _, ticket = _held(tx, hall, counter_number, None)
    ticket.status = TicketStatus.PARKED
    if note:
        ticket.note = note[:500]
    return _announce(tx, hall, ticket, "ticket.parked")


def resume(
    tx: Tx, hall: HallRef, counter_number: int, number: str, officer_id: int | None
) -> TicketView:
    counter = counter_row(tx, hall, counter_number, lock=True)
    _require_open(counter)
    ticket = _lock_ticket(tx, hall, number)
    if ticket.status is not TicketStatus.PARKED or ticket.counter_id != counter.id:
        raise Refused("ticket_not_parked_here", ticket=ticket.number, counter=counter.name)
    _free_counter(tx, hall, counter, officer_id)
    _claim(tx, ticket, counter, officer_id)
    return _announce(tx, hall, ticket, "ticket.called")
