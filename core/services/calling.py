"""A counter's work: call, recall, start, finish, no-show, transfer, park and resume.

Each service reads what the rules need, asks core.domain.ticket_rules (a counter calls
only its assigned services, holds at most one open ticket, must be open to call, and only
the holding counter can close a ticket), raises the refusal they give, and writes. The
busiest steps run on the prebuilt statements of core.services.calling_statements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Row, func, select

from core.db import models as m
from core.db.database import Tx
from core.domain import ticket_rules as rules
from core.domain.enums import CounterState, TicketStatus, TransferPosition
from core.domain.no_show import NoShowRule
from core.domain.ticket_rules import Action
from core.errors import NotFound, Refused
from core.events import EventKind, TicketPayload, TransferredPayload
from core.services import calling_statements as sql
from core.services.lookup import (
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

_EVENTS = {
    Action.RECALL: EventKind.TICKET_RECALLED,
    Action.START: EventKind.TICKET_STARTED,
    Action.FINISH: EventKind.TICKET_FINISHED,
    Action.NO_SHOW: EventKind.TICKET_NO_SHOW,
}


def _refuse(refusal: Refused | None) -> None:
    if refusal is not None:
        raise refusal


def _locked_counter(tx: Tx, hall: HallRef, counter_number: int) -> Row[Any]:
    """The counter (with its officer's name), locked: see ``sql.COUNTER_LOCKED``."""
    require_counter_number(counter_number)
    counter = tx.run(sql.COUNTER_LOCKED, {"hall": hall.id, "number": counter_number}).first()
    if counter is None or not counter.active:
        raise NotFound("counter_unknown", counter=counter_number)
    return counter


def _free_counter(tx: Tx, hall: HallRef, counter: m.Counter) -> None:
    """Make room for a new call: finish the open ticket if the hall says so, else refuse."""
    current = open_ticket_at(tx, counter.id)
    if current is None:
        return
    auto_finish = bool(hall_row(tx, hall.id).settings.get("auto_finish_on_call", False))
    _refuse(rules.busy_refusal(current, counter.name, auto_finish=auto_finish))
    _close(tx, hall, current, TicketStatus.DONE, EventKind.TICKET_FINISHED)


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


def _close(
    tx: Tx, hall: HallRef, ticket: m.Ticket, status: TicketStatus, kind: EventKind
) -> TicketView:
    ticket.status = status
    ticket.finished_at = tx.now
    return _announce(tx, hall, ticket, kind)


def call_next(
    tx: Tx, hall: HallRef, counter_number: int, officer_id: int | None
) -> TicketView | None:
    """Call the next ticket: rank-1 services first, then priority, then first come.

    The busiest write of the day, so it runs on statements built once (see ``Tx.run``):
    lock the counter, then pick and claim the ticket in one UPDATE.
    """
    counter = _locked_counter(tx, hall, counter_number)
    _refuse(rules.counter_refusal(counter.state, counter.name))
    officer = officer_id if officer_id is not None else counter.officer_id
    username = counter.username
    if officer != counter.officer_id:
        username = tx.run(sql.USERNAME, {"officer": officer}).scalar() if officer else None
    claim = {
        "counter": counter.id,
        "hall": hall.id,
        "day": today(tx, hall),
        "by_officer": officer,
        "at": tx.now,
    }
    claim_next = sql.CLAIM_NEXT_PG if tx.is_postgres else sql.CLAIM_NEXT
    called = tx.run(claim_next, claim).first()
    if called is None and tx.run(sql.OPEN_TICKET_AT, {"counter": counter.id}).first():
        # Claimed nothing because the counter still holds a ticket: finish it when the hall
        # says so (then claim again), else refuse.
        _free_counter(tx, hall, counter_row(tx, hall, counter_number))
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
    _refuse(rules.counter_refusal(counter.state, counter.name))
    ticket = _lock_ticket(tx, hall, number)
    assigned = _service_assigned(tx, counter, ticket.service_id)
    _refuse(rules.call_number_refusal(ticket, assigned=assigned, counter=counter.name))
    _free_counter(tx, hall, counter)
    _claim(tx, ticket, counter, officer_id)
    return _announce(tx, hall, ticket, EventKind.TICKET_CALLED)


def _held(
    tx: Tx, hall: HallRef, counter_number: int, number: str | None
) -> tuple[m.Counter, m.Ticket]:
    """The counter's open ticket; when ``number`` is given it must be the one held here."""
    counter = counter_row(tx, hall, counter_number, lock=True)
    ticket = open_ticket_at(tx, counter.id)
    _refuse(rules.held_refusal(ticket, counter.name, number))
    assert ticket is not None  # held_refusal refuses without one
    return counter, ticket


_Guard = Callable[[Tx, HallRef, Any, str | None], None]


def _change_held(
    tx: Tx,
    hall: HallRef,
    counter_number: int,
    number: str | None,
    action: Action,
    guard: _Guard | None = None,
) -> TicketView:
    """Lock the counter, then change its ticket in one statement that returns the view.

    When that changes nothing, the rules say why, in the order a counter's officer should
    hear it. ``guard`` checks a hall rule once the counter is locked (and may refuse)."""
    counter = _locked_counter(tx, hall, counter_number)
    row = None
    needs_open = action in rules.NEEDS_OPEN_COUNTER
    if not needs_open or counter.state is CounterState.OPEN:
        wanted = number.strip().upper() if number is not None else None
        if guard is not None:
            guard(tx, hall, counter, wanted)
        params = {"counter": counter.id, "held_number": wanted, "at": tx.now}
        row = tx.run(sql.CHANGE_HELD[action], params).first()
    if row is None:
        _, ticket = _held(tx, hall, counter_number, number)
        # The statement saw what the rules see: they refuse. Should the ticket have changed
        # in between (a race the counter's lock does not cover), it is refused as before.
        refusal = rules.step_refusal(action, ticket, counter.state, counter.name)
        raise refusal or rules.refused_step(action, ticket, counter.name)
    view = view_from_columns(row._mapping, row, counter.number, counter.name, row.officer_username)
    tx.emit(hall.id, _EVENTS[action], TicketPayload.of(view))
    return view


def recall(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    return _change_held(tx, hall, counter_number, number, Action.RECALL)


def start(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    return _change_held(tx, hall, counter_number, number, Action.START)


def finish(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    return _change_held(tx, hall, counter_number, number, Action.FINISH)


def _no_show_rule(tx: Tx, hall: HallRef, counter: Any, wanted: str | None) -> None:
    """Refuse a no-show the hall's rule does not allow yet (see core.domain.no_show).

    Only a called ticket is judged here; anything else is refused by the change itself."""
    rule = NoShowRule.from_settings(hall_row(tx, hall.id).settings)
    if rule.at_once:
        return
    held = tx.run(sql.HELD_CALL, {"counter": counter.id}).first()
    if held is None or (wanted is not None and held.number != wanted):
        return
    _refuse(rules.no_show_refusal(rule, held, tx.now, hall.timezone))


def no_show(tx: Tx, hall: HallRef, counter_number: int, number: str | None = None) -> TicketView:
    """Mark the called ticket no-show, once the hall's rule allows it."""
    return _change_held(tx, hall, counter_number, number, Action.NO_SHOW, _no_show_rule)


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
    same = target.id == ticket.service_id
    _refuse(rules.transfer_refusal(ticket, same_service=same, service=target.name))
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
    _refuse(rules.counter_refusal(counter.state, counter.name))
    ticket = _lock_ticket(tx, hall, number)
    parked_here = ticket.counter_id == counter.id
    _refuse(rules.resume_refusal(ticket, parked_here=parked_here, counter=counter.name))
    _free_counter(tx, hall, counter)
    _claim(tx, ticket, counter, officer_id)
    return _announce(tx, hall, ticket, EventKind.TICKET_CALLED)
