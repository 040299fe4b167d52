"""The ticket rules on their own, without a database: every counter state × held ticket ×
action, and the refusal (code and message parameters) core raises for each "no"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from core.domain.enums import CounterState, TicketStatus
from core.domain.no_show import NoShowRule
from core.domain.ticket_rules import (
    STEP_FROM,
    Action,
    allowed_actions,
    busy_refusal,
    call_number_refusal,
    counter_refusal,
    held_refusal,
    no_show_refusal,
    resume_refusal,
    state_change_refusal,
    step_refusal,
    transfer_refusal,
)
from core.errors import Refused
from core.messages import CATALOGUES

CALLED_AT = datetime.fromisoformat("2026-11-23T09:12:00+07:00")
RULE = NoShowRule(after_recalls=1, after_minutes=2)
OPEN, BREAK, CLOSED = CounterState.OPEN, CounterState.BREAK, CounterState.CLOSED
A = Action


@dataclass(frozen=True)
class Ticket:
    number: str = "A001"
    status: TicketStatus = TicketStatus.CALLED
    called_at: datetime | None = CALLED_AT
    recall_count: int = 0


def said(refusal: Refused | None) -> tuple[str, dict[str, object]] | None:
    return None if refusal is None else (refusal.code, refusal.params)


# What the counter holds: nothing; a ticket just called (the no-show rule still waits);
# one recalled once (a no-show is allowed); one being served.
HELD = {
    "nothing": None,
    "called": Ticket(),
    "recalled": Ticket(recall_count=1),
    "serving": Ticket(status=TicketStatus.SERVING),
}
CALLS = {A.CALL_NEXT, A.CALL_NUMBER, A.RESUME}
STEPS_OF_A_CALLED = {A.RECALL, A.START, A.FINISH, A.TRANSFER, A.PARK}
STEPS_OF_A_SERVED = {A.FINISH, A.TRANSFER, A.PARK}
# Allowed with a ticket parked at the counter, the held ticket not closed first.
EXPECTED = {
    (OPEN, "nothing"): CALLS | {A.BREAK, A.CLOSE},
    (OPEN, "called"): STEPS_OF_A_CALLED,
    (OPEN, "recalled"): STEPS_OF_A_CALLED | {A.NO_SHOW},
    (OPEN, "serving"): STEPS_OF_A_SERVED,
    (BREAK, "nothing"): {A.OPEN, A.CLOSE},
    (BREAK, "called"): (STEPS_OF_A_CALLED - {A.RECALL}) | {A.OPEN},  # a recall is a call
    (BREAK, "recalled"): (STEPS_OF_A_CALLED - {A.RECALL}) | {A.OPEN, A.NO_SHOW},
    (BREAK, "serving"): STEPS_OF_A_SERVED | {A.OPEN},
    (CLOSED, "nothing"): {A.OPEN, A.BREAK},
    (CLOSED, "called"): (STEPS_OF_A_CALLED - {A.RECALL}) | {A.OPEN},
    (CLOSED, "recalled"): (STEPS_OF_A_CALLED - {A.RECALL}) | {A.OPEN, A.NO_SHOW},
    (CLOSED, "serving"): STEPS_OF_A_SERVED | {A.OPEN},
}


@pytest.mark.parametrize(("state", "held"), list(EXPECTED))
def test_allowed_actions_for_every_state_and_held_ticket(state: CounterState, held: str) -> None:
    now = CALLED_AT + timedelta(seconds=30)
    allowed = allowed_actions(state, HELD[held], parked=1, no_show_rule=RULE, now=now)
    assert allowed == EXPECTED[state, held]


@pytest.mark.parametrize(("state", "held"), list(EXPECTED))
def test_a_held_ticket_closed_first_stops_no_call_and_no_state_change(
    state: CounterState, held: str
) -> None:
    now = CALLED_AT + timedelta(seconds=30)
    allowed = allowed_actions(
        state, HELD[held], parked=1, no_show_rule=RULE, now=now, closing_first=True
    )
    free = EXPECTED[state, "nothing"]
    assert allowed == free | EXPECTED[state, held]


@pytest.mark.parametrize("state", list(CounterState))
def test_resume_needs_a_ticket_parked_here(state: CounterState) -> None:
    with_parked = allowed_actions(state, None, parked=1, no_show_rule=RULE, now=CALLED_AT)
    without = allowed_actions(state, None, parked=0, no_show_rule=RULE, now=CALLED_AT)
    assert with_parked - without == ({A.RESUME} if state is OPEN else set())


def test_the_no_show_rule_s_minutes_allow_it_without_a_recall() -> None:
    called = HELD["called"]
    soon = CALLED_AT + timedelta(seconds=119)
    later = CALLED_AT + timedelta(minutes=2)
    assert A.NO_SHOW not in allowed_actions(OPEN, called, parked=0, no_show_rule=RULE, now=soon)
    assert A.NO_SHOW in allowed_actions(OPEN, called, parked=0, no_show_rule=RULE, now=later)
    at_once = NoShowRule(after_recalls=0, after_minutes=0)
    assert A.NO_SHOW in allowed_actions(OPEN, called, parked=0, no_show_rule=at_once, now=soon)


@pytest.mark.parametrize("state", list(CounterState))
def test_calling_needs_an_open_counter(state: CounterState) -> None:
    expected = {
        OPEN: None,
        BREAK: ("counter_on_break", {"counter": "Loket 1"}),
        CLOSED: ("counter_closed", {"counter": "Loket 1"}),
    }
    assert said(counter_refusal(state, "Loket 1")) == expected[state]


def test_one_open_ticket_per_counter_unless_the_hall_finishes_it() -> None:
    busy = ("counter_busy", {"counter": "Loket 1", "ticket": "A001"})
    assert said(busy_refusal(Ticket(), "Loket 1", auto_finish=False)) == busy
    assert busy_refusal(Ticket(), "Loket 1", auto_finish=True) is None
    assert busy_refusal(None, "Loket 1", auto_finish=False) is None
    assert said(state_change_refusal(BREAK, Ticket(), "Loket 1")) == busy
    assert said(state_change_refusal(CLOSED, Ticket(), "Loket 1")) == busy
    assert state_change_refusal(OPEN, Ticket(), "Loket 1") is None
    assert state_change_refusal(CLOSED, None, "Loket 1") is None


def test_a_step_needs_the_held_ticket_and_the_one_named() -> None:
    held = Ticket("A001")
    assert held_refusal(held, "Loket 1") is None
    assert held_refusal(held, "Loket 1", " a001 ") is None  # typed by hand
    assert said(held_refusal(held, "Loket 1", "A002")) == (
        "ticket_not_here",
        {"ticket": "A002", "counter": "Loket 1"},
    )
    assert said(held_refusal(None, "Loket 1", "A002"))[0] == "ticket_not_here"
    assert said(held_refusal(None, "Loket 1")) == ("no_open_ticket", {"counter": "Loket 1"})


# The refusal of each step of the held ticket, by its status and the counter's state.
STEP_REFUSALS = {
    (A.RECALL, TicketStatus.CALLED, OPEN): None,
    (A.RECALL, TicketStatus.CALLED, BREAK): "counter_on_break",
    (A.RECALL, TicketStatus.CALLED, CLOSED): "counter_closed",
    (A.RECALL, TicketStatus.SERVING, OPEN): "ticket_not_called",
    (A.RECALL, TicketStatus.SERVING, BREAK): "ticket_not_called",
    (A.START, TicketStatus.CALLED, BREAK): None,
    (A.START, TicketStatus.SERVING, OPEN): "ticket_not_called",
    (A.FINISH, TicketStatus.CALLED, CLOSED): None,
    (A.FINISH, TicketStatus.SERVING, BREAK): None,
    (A.FINISH, TicketStatus.PARKED, OPEN): "no_open_ticket",
    (A.NO_SHOW, TicketStatus.CALLED, BREAK): None,
    (A.NO_SHOW, TicketStatus.SERVING, OPEN): "no_show_after_start",
    (A.TRANSFER, TicketStatus.SERVING, CLOSED): None,
    (A.PARK, TicketStatus.CALLED, BREAK): None,
    (A.PARK, TicketStatus.DONE, OPEN): "no_open_ticket",
}


@pytest.mark.parametrize(("action", "status", "state"), list(STEP_REFUSALS))
def test_each_step_of_the_held_ticket(
    action: Action, status: TicketStatus, state: CounterState
) -> None:
    refusal = step_refusal(action, Ticket(status=status), state, "Loket 1")
    code = STEP_REFUSALS[action, status, state]
    assert (refusal and refusal.code) == code
    if code is not None and code.startswith(("ticket_", "no_")):
        assert refusal is not None and refusal.params == {"ticket": "A001", "counter": "Loket 1"}


def test_every_step_and_status_is_judged() -> None:
    """A step is allowed exactly from the statuses core's statements change it from."""
    for action in STEP_FROM:
        for status in TicketStatus:
            refusal = step_refusal(action, Ticket(status=status), OPEN, "Loket 1")
            assert (refusal is None) == (status in STEP_FROM[action]), (action, status)


def test_the_no_show_refusal_says_when_it_will_be_allowed() -> None:
    soon = CALLED_AT + timedelta(seconds=30)
    refusal = no_show_refusal(RULE, Ticket(), soon, "Asia/Jakarta")
    assert said(refusal) == (
        "no_show_too_soon_both",
        {"ticket": "A001", "recalls": 1, "time": "09:14"},
    )
    assert no_show_refusal(RULE, Ticket(recall_count=1), soon, "Asia/Jakarta") is None
    assert no_show_refusal(RULE, Ticket(), CALLED_AT + timedelta(minutes=2), "UTC") is None
    only_minutes = NoShowRule(after_recalls=0, after_minutes=5)
    assert said(no_show_refusal(only_minutes, Ticket(), soon, "Asia/Jakarta")) == (
        "no_show_too_soon_time",
        {"ticket": "A001", "time": "09:17"},
    )


def test_calling_a_number_resuming_and_transferring() -> None:
    waiting = Ticket(status=TicketStatus.WAITING)
    assert call_number_refusal(waiting, assigned=True, counter="Loket 1") is None
    assert said(call_number_refusal(waiting, assigned=False, counter="Loket 1")) == (
        "service_not_assigned",
        {"counter": "Loket 1", "ticket": "A001"},
    )
    done = Ticket(status=TicketStatus.DONE)
    assert said(call_number_refusal(done, assigned=True, counter="Loket 1")) == (
        "ticket_not_waiting",
        {"ticket": "A001", "status": "done"},
    )
    parked = Ticket(status=TicketStatus.PARKED)
    assert resume_refusal(parked, parked_here=True, counter="Loket 1") is None
    not_here = ("ticket_not_parked_here", {"ticket": "A001", "counter": "Loket 1"})
    assert said(resume_refusal(parked, parked_here=False, counter="Loket 1")) == not_here
    assert said(resume_refusal(waiting, parked_here=True, counter="Loket 1")) == not_here
    assert transfer_refusal(Ticket(), same_service=False, service="SKCK") is None
    assert said(transfer_refusal(Ticket(), same_service=True, service="KTP")) == (
        "transfer_same_service",
        {"ticket": "A001", "service": "KTP"},
    )


def test_every_refusal_is_worded_in_both_languages() -> None:
    codes = {"counter_on_break", "counter_closed", "counter_busy", "ticket_not_here"}
    codes |= {"no_open_ticket", "ticket_not_called", "no_show_after_start"}
    codes |= {"service_not_assigned", "ticket_not_waiting", "ticket_not_parked_here"}
    codes |= {"transfer_same_service"} | {f"no_show_too_soon_{v}" for v in ("both", "time")}
    for catalogue in CATALOGUES.values():
        assert codes <= set(catalogue)
