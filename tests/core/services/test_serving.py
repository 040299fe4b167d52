"""Which loket serve a service now, in the snapshot and on a new ticket (both engines).

The small hall: KK is served by loket 1 and 2 (rank 1), SKCK by loket 3 (rank 1) with loket 2
helping (rank 2), SIM by loket 3 alone. The fixture opens every loket.
"""

from __future__ import annotations

from core.domain.enums import CounterState
from core.hall import HallService
from core.services.serving import serving_counters
from core.views import ServingCounters


def serving(hall: HallService, code: str) -> ServingCounters:
    return next(q.serving for q in hall.snapshot().services if q.code == code)


def test_only_open_loket_serve_now(hall: HallService) -> None:
    assert serving(hall, "KK") == ServingCounters((1, 2), (1, 2))
    hall.set_counter_state(2, CounterState.CLOSED)
    assert serving(hall, "KK") == ServingCounters((1,), (1, 2))
    hall.set_counter_state(1, CounterState.BREAK)
    assert serving(hall, "KK") == ServingCounters((), (1, 2))
    assert serving(hall, "KK").shown == (1, 2)  # what a ticket prints when none is open


def test_a_helper_serves_while_the_main_loket_is_closed(hall: HallService) -> None:
    assert serving(hall, "SKCK") == ServingCounters((2, 3), (3,))
    hall.set_counter_state(3, CounterState.CLOSED)
    assert serving(hall, "SKCK") == ServingCounters((2,), (3,))
    assert serving(hall, "SIM") == ServingCounters((), (3,))


def test_a_new_ticket_says_who_serves_it_as_it_is_issued(hall: HallService) -> None:
    assert hall.issue("SKCK", reserve_for_print=False).serving == ServingCounters((2, 3), (3,))
    hall.set_counter_state(2, CounterState.BREAK)
    hall.set_counter_state(3, CounterState.CLOSED)
    issued = hall.issue("SKCK", reserve_for_print=False)
    assert issued.serving == ServingCounters((), (3,))
    assert issued.serving == serving(hall, "SKCK")  # one rule for the kiosk's screen and ticket


def test_the_rule_without_a_database() -> None:
    open_, closed, pause = CounterState.OPEN, CounterState.CLOSED, CounterState.BREAK
    assert serving_counters([(5, open_, 2), (2, closed, 1), (1, pause, 1)]) == ServingCounters(
        (5,), (1, 2)
    )
    assert serving_counters([(7, closed, 2), (4, closed, 3)]) == ServingCounters((), (4, 7))
    assert serving_counters([]) == ServingCounters()
