"""What may happen to a ticket, in which state, at which counter: the rules, kept once.

Core's services ask these functions before they change a ticket, and to say why a change
was refused (the :class:`~core.errors.Refused` they return is the one core raises); the
counter's workstation asks :func:`allowed_actions` which of its buttons may act. No
database here: the facts (the counter's state, the ticket it holds…) come in as values.
A held ticket is the one a counter has called or is serving (at most one per counter).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from core.domain.enums import CounterState, TicketStatus
from core.domain.no_show import NoShowRule, NoShowWait
from core.errors import Refused


class Action(StrEnum):
    """What an officer does at a counter, named as the counter's buttons are."""

    CALL_NEXT = "call_next"
    CALL_NUMBER = "call_number"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"
    PARK = "park"
    RESUME = "resume"
    BREAK = "break"
    OPEN = "open"
    CLOSE = "close"


class Ticket(Protocol):
    """What the rules read of a ticket (a ``TicketView``, a row, a model all have it)."""

    @property
    def number(self) -> str: ...

    @property
    def status(self) -> TicketStatus: ...


class CalledTicket(Protocol):
    """What the hall's no-show rule reads of a called ticket."""

    @property
    def number(self) -> str: ...

    @property
    def called_at(self) -> datetime | None: ...

    @property
    def recall_count(self) -> int: ...


class HeldTicket(Ticket, CalledTicket, Protocol):
    """The ticket a counter holds, as :func:`allowed_actions` needs it."""


CALLS = frozenset({Action.CALL_NEXT, Action.CALL_NUMBER, Action.RESUME})
STATE_CHANGES = {
    Action.OPEN: CounterState.OPEN,
    Action.BREAK: CounterState.BREAK,
    Action.CLOSE: CounterState.CLOSED,
}
# The steps of a held ticket: the statuses each starts from (core's statements say the
# same in their WHERE), and what core says when the held ticket is in another.
STEP_FROM: dict[Action, tuple[TicketStatus, ...]] = {
    Action.RECALL: (TicketStatus.CALLED,),
    Action.START: (TicketStatus.CALLED,),
    Action.FINISH: (TicketStatus.CALLED, TicketStatus.SERVING),
    Action.NO_SHOW: (TicketStatus.CALLED,),
    Action.TRANSFER: (TicketStatus.CALLED, TicketStatus.SERVING),
    Action.PARK: (TicketStatus.CALLED, TicketStatus.SERVING),
}
_STEP_REFUSAL = {
    Action.RECALL: "ticket_not_called",
    Action.START: "ticket_not_called",
    Action.NO_SHOW: "no_show_after_start",
}
# A recall calls the citizen again, so, like any call, it needs an open counter.
NEEDS_OPEN_COUNTER = CALLS | {Action.RECALL}


def counter_refusal(state: CounterState, counter: str) -> Refused | None:
    """A counter on break or closed calls nobody: it opens first."""
    if state is CounterState.BREAK:
        return Refused("counter_on_break", counter=counter)
    if state is CounterState.CLOSED:
        return Refused("counter_closed", counter=counter)
    return None


def busy_refusal(held: Ticket | None, counter: str, *, auto_finish: bool) -> Refused | None:
    """One open ticket per counter: a call, or leaving "open", waits until the held ticket
    is closed, unless the hall finishes it by itself on a call (``auto_finish``)."""
    if held is None or auto_finish:
        return None
    return Refused("counter_busy", counter=counter, ticket=held.number)


def state_change_refusal(target: CounterState, held: Ticket | None, counter: str) -> Refused | None:
    """A counter leaves "open" (a break, closing) only with no ticket held."""
    if target is CounterState.OPEN:
        return None
    return busy_refusal(held, counter, auto_finish=False)


def held_refusal(held: Ticket | None, counter: str, named: str | None = None) -> Refused | None:
    """A step of the held ticket needs one; when the officer named it, that one."""
    if named is not None and (held is None or held.number != named.strip().upper()):
        return Refused("ticket_not_here", ticket=named, counter=counter)
    if held is None:
        return Refused("no_open_ticket", counter=counter)
    return None


def refused_step(action: Action, held: Ticket, counter: str) -> Refused:
    """What core says when the held ticket cannot take ``action`` from its status."""
    code = _STEP_REFUSAL.get(action, "no_open_ticket")
    return Refused(code, ticket=held.number, counter=counter)


def step_refusal(action: Action, held: Ticket, state: CounterState, counter: str) -> Refused | None:
    """Whether the held ticket may take ``action`` (a recall also needs an open counter)."""
    if held.status not in STEP_FROM[action]:
        return refused_step(action, held, counter)
    if action in NEEDS_OPEN_COUNTER:
        return counter_refusal(state, counter)
    return None


def no_show_wait(rule: NoShowRule, held: CalledTicket, now: datetime) -> NoShowWait | None:
    """What the hall's rule still waits for before ``held`` may be a no-show (None: nothing)."""
    wait = rule.wait(held.called_at, held.recall_count)
    return None if wait is None or wait.allows(now) else wait


def no_show_refusal(
    rule: NoShowRule, held: CalledTicket, now: datetime, timezone: str
) -> Refused | None:
    """A called citizen gets another chance first: the hall's rule (core.domain.no_show)."""
    wait = no_show_wait(rule, held, now)
    if wait is None:
        return None
    return Refused(f"no_show_too_soon_{wait.variant}", ticket=held.number, **wait.params(timezone))


def call_number_refusal(ticket: Ticket, *, assigned: bool, counter: str) -> Refused | None:
    """A counter calls a number of its own services, and only while it waits."""
    if not assigned:
        return Refused("service_not_assigned", counter=counter, ticket=ticket.number)
    if ticket.status is not TicketStatus.WAITING:
        return Refused("ticket_not_waiting", ticket=ticket.number, status=ticket.status.value)
    return None


def resume_refusal(ticket: Ticket, *, parked_here: bool, counter: str) -> Refused | None:
    """Only the counter that parked a ticket takes it up again."""
    if ticket.status is not TicketStatus.PARKED or not parked_here:
        return Refused("ticket_not_parked_here", ticket=ticket.number, counter=counter)
    return None


def transfer_refusal(held: Ticket, *, same_service: bool, service: str) -> Refused | None:
    """A transfer sends the ticket to another service's queue, never to its own."""
    if same_service:
        return Refused("transfer_same_service", ticket=held.number, service=service)
    return None


def allowed_actions(
    state: CounterState,
    held: HeldTicket | None,
    *,
    parked: int,
    no_show_rule: NoShowRule,
    now: datetime,
    closing_first: bool = False,
) -> frozenset[Action]:
    """The actions the rules allow at a counter now that would change something.

    ``parked``: tickets parked at this counter. ``closing_first``: a held ticket is closed
    before a call or a state change (the hall finishes it, or the officer is asked how), so
    it stands in the way of neither. A call may still find nobody waiting; a number, a
    parked ticket or a service to transfer to is chosen later, and checked then.
    """
    allowed = set()
    in_the_way = None if closing_first else held
    if (
        counter_refusal(state, "") is None
        and busy_refusal(in_the_way, "", auto_finish=False) is None
    ):
        allowed |= {Action.CALL_NEXT, Action.CALL_NUMBER}
        if parked:
            allowed.add(Action.RESUME)
    for action, target in STATE_CHANGES.items():
        if target is not state and state_change_refusal(target, in_the_way, "") is None:
            allowed.add(action)
    if held is not None:
        for action in STEP_FROM:
            if step_refusal(action, held, state, "") is None:
                allowed.add(action)
        if no_show_refusal(no_show_rule, held, now, "UTC") is not None:
            allowed.discard(Action.NO_SHOW)
    return frozenset(allowed)
