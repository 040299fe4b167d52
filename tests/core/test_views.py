"""A request result stored before a result type grew a field still answers a retry.

Stored results are JSON (core.views.to_json); a kiosk retrying after an upgrade may find a
result written by the previous version, without the fields added since (IssuedTicket had no
``serving`` before the kiosk named the open loket). The retry returns the first ticket, the
new field at its default, instead of failing.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from core.db import models as m
from core.hall import HallService
from core.views import IssuedTicket, ServingCounters, from_json, to_json


def stored_result(hall: HallService, request_id: str) -> dict[str, Any]:
    query = select(m.Request.result).where(m.Request.request_id == request_id)
    return hall.db.read(lambda tx: tx.session.execute(query).scalar_one())


def store_result(hall: HallService, request_id: str, result: dict[str, Any]) -> None:
    statement = update(m.Request).where(m.Request.request_id == request_id).values(result=result)
    hall.db.transact(lambda tx: tx.session.execute(statement))


def test_a_retry_answered_from_a_result_stored_without_serving(hall: HallService) -> None:
    first = hall.issue("KTP", reserve_for_print=False, request_id="kiosk-1:0042")
    stored = stored_result(hall, "kiosk-1:0042")
    assert "serving" in stored["value"]  # what this version stores
    del stored["value"]["serving"]  # what the version before stored
    store_result(hall, "kiosk-1:0042", stored)

    again = hall.issue("KTP", reserve_for_print=False, request_id="kiosk-1:0042")
    assert again.ticket == first.ticket and again.counters == first.counters
    assert again.serving == ServingCounters()  # the default: nothing known
    assert [t.number for t in hall.tickets_today()] == [first.ticket.number]  # applied once


def test_an_old_issued_ticket_json_loads_with_an_empty_serving(hall: HallService) -> None:
    issued = hall.issue("KTP", reserve_for_print=False)
    old = to_json(issued)
    del old["serving"]
    loaded = from_json(IssuedTicket, old)
    assert loaded == IssuedTicket(
        issued.ticket, issued.people_ahead, issued.estimated_wait_minutes, issued.counters
    )
    assert loaded.serving.shown == ()


def test_a_field_without_a_default_is_still_required(hall: HallService) -> None:
    old = to_json(hall.issue("KTP", reserve_for_print=False))
    del old["people_ahead"]
    with pytest.raises(KeyError):
        from_json(IssuedTicket, old)
