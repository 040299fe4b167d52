"""A counter's work: call, recall, start, finish, no-show, transfer, park and resume.

The rules live here, once: a counter calls only its assigned services, holds at most one
open ticket, must be open to call, and only the holding counter can close a ticket.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Row,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal_column,
    select,
    true,
    update,
)

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import CounterState, Priority, TicketStatus, TransferPosition
from core.domain.no_show import NoShowRule
from core.errors import NotFound, Refused
from core.events import EventKind, TicketPayload, TransferredPayload
from core.services.lookup import (
    VIEW_COLUMNS,
    counter_row,
    find_ticket,
    hall_row,
    open_ticket_at,
    require_counter_number,
    service_row,
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
        _close(tx, hall, current, TicketStatus.DONE, EventKind.TICKET_FINISHED)
        return
    raise Refused("counter_busy", counter=counter.name, ticket=current.number)


def _claim(tx: Tx, ticket: m.Ticket, counter: m.Counter, officer_id: int | None) -> None:
    ticket.status = TicketStatus.CALLED
    ticket.counter_id = counter.id
    ticket.officer_id = officer_id if officer_id is not None else counter.officer_id
    ticket.called_at = tx.now
    if ticket.first_called_at is None:
        ticket.first_called_at = tx.now


def _announce(tx: Tx, hall: HallRef, ticket: m.Ticket, kind: EventKind) -> TicketView:
    view = ticket_view(tx, ticket.id)
    tx.emit(hall.id, kind, TicketPayload.of(view))
    return view


_THE_COUNTER = (m.Counter.hall_id == bindparam("hall"), m.Counter.number == bindparam("number"))
# Two actions at one counter run one at a time (PostgreSQL locks the row; SQLite's
# BEGIN IMMEDIATE already runs writers one at a time and renders no FOR UPDATE).
_COUNTER_LOCKED = (
    select(
        m.Counter.id,
        m.Counter.number,
        m.Counter.name,
        m.Counter.state,
        m.Counter.active,
        m.Counter.officer_id,
        m.Officer.username,
    )
    .outerjoin(m.Officer, m.Officer.id == m.Counter.officer_id)
    .where(*_THE_COUNTER)
    .with_for_update(of=m.Counter)
)
_OPEN_TICKET_AT = select(m.Ticket.id).where(
    m.Ticket.counter_id == bindparam("counter"), m.TICKET_IS_OPEN
)
_T = m.Ticket.__table__.c
_QUEUED = m.Ticket.__table__.alias("queued")  # tickets looked at inside the claiming UPDATE
_HELD = m.Ticket.__table__.alias("held")
# The next ticket for a counter: its rank-1 services first, then priority, then first come.
# On PostgreSQL other counters skip a ticket being claimed instead of waiting for it.
_NEXT_TICKET_ID = (
    select(_QUEUED.c.id)
    .join(
        m.Assignment,
        (m.Assignment.service_id == _QUEUED.c.service_id)
        & (m.Assignment.counter_id == bindparam("counter")),
    )
    .where(
        m.ticket_status_in("waiting", table=_QUEUED.name),
        _QUEUED.c.hall_id == bindparam("hall"),
        _QUEUED.c.business_date == bindparam("day"),
    )
    .order_by(
        m.Assignment.rank,
        case((_QUEUED.c.priority == Priority.REGULAR, 1), else_=0),
        _QUEUED.c.queue_pos,
        _QUEUED.c.id,
    )
    .limit(1)
    .with_for_update(of=_QUEUED, skip_locked=True)
    .scalar_subquery()
)
_AT = bindparam("at", type_=m.Ticket.called_at.type)
# Pick and claim in one statement, which returns everything the view needs. It claims
# nothing while the counter still holds a ticket: the statement runs after the counter's
# lock was granted, so it sees the previous call at this counter.
# PostgreSQL first looks at the heads of the counter's queues: the first few waiting
# tickets of each assigned service, read in call order from ix_tickets_queue, so a claim
# costs the same with 30 or 3,000 waiting. Only when every head is being claimed by other
# counters (COALESCE then goes on) does it sort the whole queue as SQLite does.
_HEADS_PER_SERVICE = 16
_HEAD = m.Ticket.__table__.alias("head")
_PICKED = m.Ticket.__table__.alias("picked")
_HEAD_PRIORITY_FIRST: Any = literal_column(
    "(CASE WHEN head.priority = 'regular' THEN 1 ELSE 0 END)"
)
_HEADS = (
    select(_HEAD.c.id)
    .where(
        _HEAD.c.service_id == m.Assignment.service_id,
        _HEAD.c.business_date == bindparam("day"),
        m.ticket_status_in("waiting", table=_HEAD.name),
    )
    .order_by(_HEAD_PRIORITY_FIRST, _HEAD.c.queue_pos, _HEAD.c.id)
    .limit(_HEADS_PER_SERVICE)
    .lateral("heads")
)
# The heads' ids come first, as one array (an InitPlan), and the tickets are then looked
# up by primary key: joined instead, the planner may start from the waiting tickets.
_HEAD_IDS = (
    select(func.array_agg(_HEADS.c.id))
    .select_from(m.Assignment)
    .join(_HEADS, true())
    .where(m.Assignment.counter_id == bindparam("counter"))
    .scalar_subquery()
)
_RANK_AT_COUNTER = (
    select(m.Assignment.rank)
    .where(
        m.Assignment.counter_id == bindparam("counter"),
        m.Assignment.service_id == _PICKED.c.service_id,
    )
    .scalar_subquery()
)
_NEXT_OF_THE_HEADS = (
    select(_PICKED.c.id)
    .where(
        _PICKED.c.id == func.any(cast(_HEAD_IDS, ARRAY(BigInteger))),  # an array, not rows
        # Checked again once the row is locked. Written so that it does not match the
        # partial index's condition: the planner must look the heads up by primary key.
        func.coalesce(_PICKED.c.status, "") == TicketStatus.WAITING.value,
    )
    .order_by(
        _RANK_AT_COUNTER,
        literal_column("(CASE WHEN picked.priority = 'regular' THEN 1 ELSE 0 END)"),
        _PICKED.c.queue_pos,
        _PICKED.c.id,
    )
    .limit(1)
    .with_for_update(of=_PICKED, skip_locked=True)
    .scalar_subquery()
)


def _claim_next(next_ticket_id: Any) -> Any:
    return (
        update(m.Ticket)
        .where(
            _T.id == next_ticket_id,  # locked by the subquery, after it checked it still waits
            ~exists().where(
                _HELD.c.counter_id == bindparam("counter"),
                m.ticket_status_in("called", "serving", table=_HELD.name),
            ),
        )
        .values(
            status=TicketStatus.CALLED,
            counter_id=bindparam("counter"),
            officer_id=bindparam("by_officer"),
            called_at=_AT,
            first_called_at=func.coalesce(_T.first_called_at, _AT),
        )
        .returning(*VIEW_COLUMNS)
    )


_CLAIM_NEXT = _claim_next(_NEXT_TICKET_ID)
_CLAIM_NEXT_PG = _claim_next(func.coalesce(_NEXT_OF_THE_HEADS, _NEXT_TICKET_ID))
_USERNAME = select(m.Officer.username).where(m.Officer.id == bindparam("officer"))


def call_next(
    tx: Tx, hall: HallRef, counter_number: int, officer_id: int | None
) -> TicketView | None:
    """Call the next ticket: rank-1 services first, then priority, then first come.

    The busiest write of the day, so it runs on statements built once (see ``Tx.run``):
    lock the counter, then pick and claim the ticket in one UPDATE.
    """
    require_counter_number(counter_number)
    counter = tx.run(_COUNTER_LOCKED, {"hall": hall.id, "number": counter_number}).first()
    if counter is None or not counter.active:
        raise NotFound("counter_unknown", counter=counter_number)
    _require_open(counter)
    officer = officer_id if officer_id is not None else counter.officer_id
    username = counter.username
    if officer != counter.officer_id:
        username = tx.run(_USERNAME, {"officer": officer}).scalar() if officer else None
    claim = {
        "counter": counter.id,
        "hall": hall.id,
        "day": today(tx, hall),
        "by_officer": officer,
        "at": tx.now,
    }
    claim_next = _CLAIM_NEXT_PG if tx.is_postgres else _CLAIM_NEXT
    called = tx.run(claim_next, claim).first()
    if called is None and tx.run(_OPEN_TICKET_AT, {"counter": counter.id}).first():
        # Claimed nothing because the counter still holds a ticket: finish it when the hall
        # says so (then claim again), else refuse.
        _free_counter(tx, hall, counter_row(tx, hall, counter_number), officer_id)
        called = tx.run(claim_next, claim).first()
    if called is None:
        return None
    view = view_from_columns(called._mapping, called, counter.number, counter.name, username)
    tx.emit(hall.id, EventKind.TICKET_CALLED, TicketPayload.of(view))
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
    return _announce(tx, hall, ticket, EventKind.TICKET_CALLED)


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


@dataclass(frozen=True)
class _Change:
    """One step of the ticket a counter holds, as a single UPDATE … RETURNING."""

    statement: Any
    kind: EventKind
    refusal: str  # when the held ticket is not in one of the states the step starts from
    needs_open_counter: bool = False


def _change(from_states: tuple[str, ...], **values: Any) -> Any:
    return (
        update(m.Ticket)
        .where(
            _T.counter_id == bindparam("counter"),
            m.ticket_status_in(*from_states),
            (bindparam("held_number", type_=m.Ticket.number.type).is_(None))
            | (_T.number == bindparam("held_number", type_=m.Ticket.number.type)),
        )
        .values(**values)
        .returning(*VIEW_COLUMNS)
    )


_AT_NOW = bindparam("at", type_=m.Ticket.called_at.type)
_RECALL = _Change(
    _change(("called",), recall_count=_T.recall_count + 1, called_at=_AT_NOW),
    EventKind.TICKET_RECALLED,
    "ticket_not_called",
    needs_open_counter=True,
)
_START = _Change(
    _change(("called",), status=TicketStatus.SERVING, started_at=_AT_NOW),
    EventKind.TICKET_STARTED,
    "ticket_not_called",
)
_FINISH = _Change(
    _change(("called", "serving"), status=TicketStatus.DONE, finished_at=_AT_NOW),
    EventKind.TICKET_FINISHED,
    "no_open_ticket",
)
_NO_SHOW = _Change(
    _change(("called",), status=TicketStatus.NO_SHOW, finished_at=_AT_NOW),
    EventKind.TICKET_NO_SHOW,
    "no_show_after_start",
)


_Guard = Callable[[Tx, HallRef, Any, str | None], None]


def _change_held(
    tx: Tx,
    hall: HallRef,
    counter_number: int,
    number: str | None,
    change: _Change,
    guard: _Guard | None = None,
) -> TicketView:
    """Lock the counter, then change its ticket in one statement that returns the view.

    When that changes nothing, ``_held`` and the state checks say why, in the order a
    counter's officer should hear it. ``guard`` checks a hall rule once the counter is
    locked (and may refuse)."""
    require_counter_number(counter_number)
    counter = tx.run(_COUNTER_LOCKED, {"hall": hall.id, "number": counter_number}).first()
    if counter is None or not counter.active:
        raise NotFound("counter_unknown", counter=counter_number)
    row = None
    if counter.state is CounterState.OPEN or not change.needs_open_counter:
        wanted = number.strip().upper() if number is not None else None
        if guard is not None:
            guard(tx, hall, counter, wanted)
        row = tx.run(change.statement, {"counter": counter.id, "held_number": wanted, "at": tx.now})
        row = row.first()
    if row is None:
        _, ticket = _held(tx, hall, counter_number, number)
        if change.needs_open_counter and ticket.status is TicketStatus.CALLED:
            _require_open(counter)
        raise Refused(change.refusal, ticket=ticket.number, counter=counter.name)
    view = view_from_columns(row._mapping, row, counter.number, counter.name, row.officer_username)
    tx.emit(hall.id, change.kind, TicketPayload.of(view))
    return view


def recall(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    return _change_held(tx, hall, counter_number, number, _RECALL)


def start(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    return _change_held(tx, hall, counter_number, number, _START)


def _close(
    tx: Tx, hall: HallRef, ticket: m.Ticket, status: TicketStatus, kind: EventKind
) -> TicketView:
    ticket.status = status
    ticket.finished_at = tx.now
    return _announce(tx, hall, ticket, kind)


def finish(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    return _change_held(tx, hall, counter_number, number, _FINISH)


_HELD_CALL = select(m.Ticket.number, m.Ticket.called_at, m.Ticket.recall_count).where(
    m.Ticket.counter_id == bindparam("counter"), m.ticket_status_in("called")
)


def _no_show_rule(tx: Tx, hall: HallRef, counter: Any, wanted: str | None) -> None:
    """Refuse a no-show the hall's rule does not allow yet (see core.domain.no_show).

    Only a called ticket is judged here; anything else is refused by the change itself."""
    rule = NoShowRule.from_settings(hall_row(tx, hall.id).settings)
    if rule.at_once:
        return
    held = tx.run(_HELD_CALL, {"counter": counter.id}).first()
    if held is None or (wanted is not None and held.number != wanted):
        return
    wait = rule.wait(held.called_at, held.recall_count)
    if wait is not None and not wait.allows(tx.now):
        raise Refused(
            f"no_show_too_soon_{wait.variant}", ticket=held.number, **wait.params(hall.timezone)
        )


def no_show(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    """Mark the called ticket no-show, once the hall's rule allows it."""
    return _change_held(tx, hall, counter_number, number, _NO_SHOW, _no_show_rule)


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
        EventKind.TICKET_TRANSFERRED,
        TransferredPayload.moved(view, old, position, note[:500]),
    )
    return view


def park(tx: Tx, hall: HallRef, counter_number: int, note: str = "") -> TicketView:
    """Set the held ticket aside (the citizen fetches a document); the counter is free again."""
    _, ticket = _held(tx, hall, counter_number, None)
    ticket.status = TicketStatus.PARKED
    if note:
        ticket.note = note[:500]
    return _announce(tx, hall, ticket, EventKind.TICKET_PARKED)


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
    return _announce(tx, hall, ticket, EventKind.TICKET_CALLED)
