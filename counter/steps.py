"""The core calls behind each of the officer's actions, as steps for the ActionRunner.

A step takes the request id drawn when the officer acted, so a retry after an outage sends
the same request and core applies it once (see :mod:`counter.actions`).
"""

from __future__ import annotations

from core.domain.enums import CounterState, TransferPosition
from core.hall import HallService
from counter.actions import Step


def calling(
    hall: HallService, counter: int, officer_id: int, action: str, number: str | None
) -> Step:
    """``call_next``, ``call_number`` (the ticket ``number``) or ``resume`` (parked ``number``)."""
    if action == "call_next":
        return Step(
            "call_next",
            lambda rid: hall.call_next(counter, officer_id=officer_id, request_id=rid),
        )
    assert number is not None, f"{action} needs a number"
    if action == "resume":
        return Step(
            "resume",
            lambda rid: hall.resume(counter, number, officer_id=officer_id, request_id=rid),
        )
    return Step(
        "call_ticket",
        lambda rid: hall.call_ticket(counter, number, officer_id=officer_id, request_id=rid),
    )


def ticket(hall: HallService, counter: int, key: str, number: str) -> Step:
    """``recall``, ``start``, ``finish`` or ``no_show`` of the ticket ``number`` held."""
    calls = {
        "recall": lambda rid: hall.recall(counter, request_id=rid),
        "start": lambda rid: hall.start(counter, request_id=rid),
        "finish": lambda rid: hall.finish(counter, number, request_id=rid),
        "no_show": lambda rid: hall.no_show(counter, number, request_id=rid),
    }
    return Step(key, calls[key])


def transfer(
    hall: HallService, counter: int, service: str, position: TransferPosition, note: str
) -> Step:
    return Step(
        "transfer",
        lambda rid: hall.transfer(counter, service, position, note, request_id=rid),
    )


def park(hall: HallService, counter: int, note: str) -> Step:
    return Step("park", lambda rid: hall.park(counter, note, request_id=rid))


def counter_state(hall: HallService, counter: int, officer_id: int, state: CounterState) -> Step:
    """Open (for ``officer_id``), a break or closed."""
    by = officer_id if state is CounterState.OPEN else None
    return Step("state", lambda _rid: hall.set_counter_state(counter, state, officer_id=by))
