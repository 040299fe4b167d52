"""The workstation's buttons and core agree: in each state a counter goes through, a button
is enabled exactly when core, asked to do that action now, would do it.

Core is asked through its own services in a transaction that is then rolled back, so each
action is tried from the same state. An action is tried as the counter sends it: a call
while a ticket is held closes that ticket first (the counter asks the officer how), and a
number, a parked ticket or a service to transfer to is one the officer could choose.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import CounterState, TicketStatus, TransferPosition
from core.domain.ticket_rules import CALLS, STATE_CHANGES, Action
from core.errors import Refused
from core.hall import HallService
from core.services import calling, counters
from core.views import OfficerView
from counter.actions import ACTIONS
from counter.workstation import Workstation

COUNTER = 1  # Loket 1 calls KTP and KK


class _Answer(Exception):
    """Ends the trial transaction (rolling it back) with core's answer."""

    def __init__(self, answer: str) -> None:
        super().__init__(answer)
        self.answer = answer


def _try(tx: Tx, hall: HallService, officer: OfficerView, action: Action) -> Any:
    ref, held = hall.hall, hall.counter(COUNTER).current
    if action in CALLS and held is not None:
        calling.finish(tx, ref, COUNTER, held.number)
    if action is Action.CALL_NEXT:
        return calling.call_next(tx, ref, COUNTER, officer.id)
    if action is Action.CALL_NUMBER:
        number = hall.waiting_tickets(COUNTER)[0].number
        return calling.call_ticket(tx, ref, COUNTER, number, officer.id)
    if action is Action.RESUME:
        parked = hall.parked_tickets(COUNTER) or hall.waiting_tickets(COUNTER)
        return calling.resume(tx, ref, COUNTER, parked[0].number, officer.id)
    if action in STATE_CHANGES:
        target = STATE_CHANGES[action]
        by = officer.id if target is CounterState.OPEN else None
        return counters.set_state(tx, ref, COUNTER, target, by)
    if action is Action.TRANSFER:
        return calling.transfer(tx, ref, COUNTER, "SKCK", TransferPosition.BACK)
    if action is Action.PARK:
        return calling.park(tx, ref, COUNTER)
    number = held.number if held is not None else None
    steps = {
        Action.RECALL: calling.recall,
        Action.START: calling.start,
        Action.FINISH: calling.finish,
        Action.NO_SHOW: calling.no_show,
    }
    return steps[action](tx, ref, COUNTER, number)


def core_answer(hall: HallService, officer: OfficerView, action: Action) -> str:
    """What core does with ``action`` now: "changes", "nobody waiting", "nothing" (the
    counter is already in that state) or the code of its refusal. Nothing is kept."""

    def trial(tx: Tx) -> None:
        try:
            result = _try(tx, hall, officer, action)
        except Refused as refusal:
            raise _Answer(refusal.code) from refusal
        if action is Action.CALL_NEXT and result is None:
            raise _Answer("nobody waiting")
        raise _Answer("changes" if tx.events else "nothing")

    try:
        hall.db.transact(trial)
    except _Answer as answer:
        return answer.answer
    raise AssertionError("the trial transaction always ends with an answer")


def acts(action: Action, answer: str, state: CounterState) -> bool:
    """Whether a button should be enabled for core's answer at a counter in ``state``. A
    break or closing refused because a ticket is held stays enabled (core's refusal tells
    the officer to close it), unless the counter is in that state already."""
    if answer == "counter_busy":
        return STATE_CHANGES.get(action, state) is not state
    return answer in ("changes", "nobody waiting")


def assert_agree(window: Workstation, hall: HallService, officer: OfficerView) -> None:
    enabled = window.controller.enabled_actions()
    assert set(enabled) == set(ACTIONS)
    answers = {action: core_answer(hall, officer, action) for action in Action}
    state = hall.counter(COUNTER).state
    disagree = {
        action.value: (enabled[action.value], answer)
        for action, answer in answers.items()
        if enabled[action.value] != acts(action, answer, state)
    }
    assert disagree == {}, f"(enabled, core's answer) at {describe(hall)}"


def describe(hall: HallService) -> str:
    view = hall.counter(COUNTER)
    held = view.current.status.value if view.current else "nothing"
    return f"{view.state.value}, holding {held}, {len(hall.parked_tickets(COUNTER))} parked"


def set_behind_the_counter(window: Workstation, hall: HallService, state: CounterState) -> None:
    """A counter state core itself would refuse now (a break with a ticket held)."""
    with hall.db.engine.begin() as connection:
        connection.execute(update(m.Counter).where(m.Counter.number == COUNTER).values(state=state))
    window.controller.request_refresh()
    assert window.controller.reading is not None and window.controller.reading.state is state


def test_the_buttons_agree_with_core_in_every_state(
    hall, issue, open_window, click, officer, fixed_clock
):
    for _ in range(4):
        issue("KTP")
    window = open_window(COUNTER)
    check = lambda: assert_agree(window, hall, officer)  # noqa: E731
    check()  # open, nothing held
    click(window, "call_next")
    check()  # a ticket just called: the no-show rule still waits
    click(window, "recall")
    check()  # recalled once: a no-show is allowed
    click(window, "start")
    check()  # serving
    click(window, "park")
    window.dialog.ok_button.click()
    check()  # nothing held, one parked
    click(window, "call_next")
    fixed_clock.advance(minutes=2)  # the no-show rule's minutes have passed
    window.controller.tick()
    check()  # called, one parked
    click(window, "finish")
    click(window, "break")
    check()  # on break, one parked
    click(window, "close")
    check()  # closed
    click(window, "open")
    click(window, "call_next")
    set_behind_the_counter(window, hall, CounterState.BREAK)
    check()  # on break with a called ticket: served, but not recalled
    click(window, "start")
    set_behind_the_counter(window, hall, CounterState.CLOSED)
    check()  # closed while serving
    assert hall.counter(COUNTER).current.status is TicketStatus.SERVING


def test_core_s_answers_are_read_without_changing_anything(hall, issue, officer):
    """The trials are rolled back: asking core every question changes no ticket."""
    issue("KTP")
    before = hall.tickets_today()
    answers = {action: core_answer(hall, officer, action) for action in Action}
    assert answers[Action.CALL_NEXT] == "changes"
    assert answers[Action.RECALL] == "no_open_ticket"
    assert answers[Action.BREAK] == "changes"
    assert hall.tickets_today() == before
    assert hall.counter(COUNTER).state is CounterState.OPEN
