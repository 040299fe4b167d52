"""Request ids: a retried request is applied once and answered as the first time.

A request's id is stored with its result when its transaction commits; a second try
with the same id finds it (or is refused by its primary key, when both ran at once) and
returns the stored result instead of acting again.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import event

from core.errors import ConfigError
from core.hall import HallService
from tests.conftest import ManualClock


def numbers(hall: HallService) -> list[str]:
    return [t.number for t in hall.tickets_today()]


def test_a_request_id_reused_for_another_action_is_refused(hall: HallService) -> None:
    hall.issue("KTP", reserve_for_print=False, request_id="kiosk-1:0001")
    with pytest.raises(ConfigError) as refused:
        hall.call_next(1, request_id="kiosk-1:0001")
    assert refused.value.code == "request_id_reused"
    assert [t.status.value for t in hall.tickets_today()] == ["waiting"]  # nothing called


@pytest.mark.parametrize("request_id", ["", "x" * 65])
def test_a_bad_request_id_is_refused_before_anything_happens(
    hall: HallService, request_id: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        hall.issue("KTP", reserve_for_print=False, request_id=request_id)
    assert refused.value.code == "bad_request_id"
    assert numbers(hall) == []


def test_a_retried_call_whose_first_try_landed_returns_the_same_ticket(
    hall: HallService,
) -> None:
    hall.issue("KTP", reserve_for_print=False)
    hall.issue("KTP", reserve_for_print=False)
    first = hall.call_next(1, request_id="loket-1:7")
    # The counter now holds A001, so acting again would be refused ("still serving"):
    # the retry is answered with the first try's result instead.
    assert hall.call_next(1, request_id="loket-1:7") == first
    assert [t.status.value for t in hall.tickets_today()] == ["called", "waiting"]


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_twin_requests_in_flight_together_issue_one_ticket(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    """A kiosk that timed out retries while its first request is still running."""
    first_is_storing = threading.Event()
    release_first = threading.Event()
    holder: dict[str, Any] = {}

    def hold_the_first(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "INSERT INTO requests" in statement and "first" not in holder:
            holder["first"] = threading.current_thread().name
            first_is_storing.set()
            release_first.wait(10)

    event.listen(hall.db.engine, "before_cursor_execute", hold_the_first)
    results: dict[str, Any] = {}

    def issue(name: str) -> None:
        results[name] = hall.issue("KTP", kiosk="k1", request_id="kiosk-1:0042")

    first = threading.Thread(target=issue, args=("first",), name="first")
    first.start()
    assert first_is_storing.wait(10)
    twin = threading.Thread(target=issue, args=("twin",), name="twin")
    twin.start()
    time.sleep(0.3)  # the twin is now waiting for the first's number lock
    release_first.set()
    first.join(10)
    twin.join(10)
    assert results["first"] == results["twin"]
    assert results["first"].ticket.number == "A001"
    assert numbers(hall) == ["A001"]
    assert hall.issue("KTP", reserve_for_print=False).ticket.number == "A002"  # no gap
