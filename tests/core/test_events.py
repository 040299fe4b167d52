"""core.events: every kind a hall writes is an EventKind, with its payload's dataclass.

A real hall (SQLite and PostgreSQL) goes through every action that writes an event; each
stored kind and payload must read back as core.events says. The groups keep the meaning of
the front ends' old lists, and docs/core-api.md lists every kind with its payload and groups.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from core.db import models as m
from core.domain.enums import CounterState, Priority, Role, TicketStatus, TransferPosition
from core.errors import ConfigError, Refused
from core.events import (
    GROUPS,
    PAYLOAD_TYPES,
    ConfigChangedPayload,
    CounterStatePayload,
    EventKind,
    EventPayloadError,
    TicketPayload,
    kinds,
)
from core.feed import EventFeed
from core.hall import HallService
from core.views import EventView, to_json
from tests.conftest import ManualClock

DOC = Path(__file__).resolve().parents[2] / "docs" / "core-api.md"
AT = datetime.fromisoformat("2026-11-23T09:00:00+07:00")
TICKET = {
    "ticket_id": 1,
    "number": "A001",
    "service": "KTP",
    "service_name": "KTP",
    "agency": "DUKCAPIL",
    "priority": "regular",
    "status": "called",
    "counter": 1,
    "counter_name": "Loket 1",
    "officer": None,
    "recall_count": 0,
    "business_date": "2026-11-23",
    "called_at": None,
}
COUNTER = {"counter": 1, "counter_name": "Loket 1", "zone": "", "state": "open", "officer": None}
GONE = object()  # the key is left out


def drive_every_action(hall: HallService, clock: ManualClock) -> None:
    """Everything that writes an event, on the small hall (imported, counters opened)."""
    hall.add_officer("budi", "rahasia1", Role.OFFICER, "Budi Santoso")
    hall.disable_officer("budi")
    hall.enable_officer("budi")
    for _ in range(5):
        with pytest.raises(Refused):
            hall.login("budi", "salah")
    hall.unlock_officer("budi")
    hall.set_officer_role("budi", Role.SUPERVISOR)
    hall.set_officer_password("budi", "rahasia2")
    printed = hall.issue("KTP", kiosk="kiosk-1")
    hall.confirm_printed(printed.ticket.id)
    for code in ("KTP", "KTP", "KK", "SKCK", "KK"):
        hall.issue(code, reserve_for_print=False)
        clock.advance(minutes=1)
    hall.call_next(1)
    hall.recall(1)
    hall.start(1)
    hall.finish(1)
    hall.call_next(1)
    clock.advance(minutes=10)  # the hall's no-show rule asks for a wait
    hall.no_show(1)
    hall.call_next(1)
    hall.transfer(1, "KK", TransferPosition.FRONT, "ke KK")
    parked = hall.call_next(2)
    assert parked is not None
    hall.park(2, "ambil dokumen")
    hall.resume(2, parked.number)
    skck = hall.issue("SKCK", reserve_for_print=False).ticket
    hall.call_ticket(3, skck.number)
    failed = hall.issue("SIM", kiosk="kiosk-2")
    hall.print_failed(failed.ticket.id, "paper_out")
    hall.issue("SIM", kiosk="kiosk-2")
    clock.advance(minutes=3)
    assert hall.sweep_prints() == 1
    hall.set_assignments(1, {"KTP": 1, "KK": 2})
    hall.update_settings({"running_text": "Selamat datang"})
    hall.report_device("kiosk-1", "printer", {"online": True, "paper": "near_end"})
    hall.finish(3)
    hall.set_counter_state(3, CounterState.BREAK)
    hall.end_of_day()


def test_every_kind_a_hall_writes_is_an_event_kind_and_its_payload_reads_back(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    drive_every_action(hall, fixed_clock)
    stored = hall.db.read(lambda tx: tx.session.scalars(select(m.Event.kind)).all())
    assert {type(kind) for kind in stored} == {str}  # the column holds the plain strings
    assert set(stored) <= {kind.value for kind in EventKind}
    feed = EventFeed(hall.db, hall.hall.id)
    try:
        events = feed.fetch(0)
    finally:
        feed.close()
    assert {event.known_kind for event in events} == set(EventKind)  # all were written
    for event in events:
        assert event.known_kind is not None
        data = event.data()
        assert type(data) is PAYLOAD_TYPES[event.known_kind]
        assert data.to_payload() == event.payload  # the dataclass holds every key
    called = next(e for e in events if e.kind == "ticket.called").data(TicketPayload)
    assert (called.number, called.counter, called.status) == ("A001", 1, TicketStatus.CALLED)
    assert called.priority is Priority.REGULAR and called.called_at is not None


def test_a_payload_must_match_its_kind_to_be_written(hall: HallService) -> None:
    def work(tx) -> None:
        tx.emit(hall.hall.id, EventKind.TICKET_CALLED, ConfigChangedPayload("uji"))

    with pytest.raises(TypeError, match="TicketPayload"):
        hall.db.transact(work)


def test_a_device_kind_without_a_status_event_is_refused(hall: HallService) -> None:
    with pytest.raises(ConfigError):
        hall.report_device("kiosk-1", "scanner", {"online": True})


def test_an_event_view_keeps_its_stored_string_and_its_json() -> None:
    event = EventView(7, "counter.state", COUNTER, AT)
    assert event.kind is EventKind.COUNTER_STATE and event.kind == "counter.state"
    assert f"{event.kind}" == "counter.state"  # as `antre events` prints it
    assert json.dumps(to_json(event))[:40] == '{"id": 7, "kind": "counter.state", "payl'
    assert event.data(CounterStatePayload).state is CounterState.OPEN
    with pytest.raises(EventPayloadError):
        event.data(TicketPayload)
    newer = EventView(8, "kiosk.restarted", {}, AT)  # written by a newer version
    assert newer.kind == "kiosk.restarted" and newer.known_kind is None
    with pytest.raises(EventPayloadError):
        newer.data()


@pytest.mark.parametrize(
    ("good", "change", "problem"),
    [
        (COUNTER, {"counter": None}, "not int"),
        (TICKET, {"counter": "1"}, "not int"),
        (TICKET, {"recall_count": True}, "not int"),
        (TICKET, {"status": "lost"}, "not a valid TicketStatus"),
        (TICKET, {"called_at": "pagi"}, "isoformat"),
        (TICKET, {"number": GONE}, "no 'number'"),
        (COUNTER, {"state": 1}, "not str"),
    ],
)
def test_a_malformed_payload_is_refused(good: dict, change: dict, problem: str) -> None:
    cls = TicketPayload if good is TICKET else CounterStatePayload
    assert cls.from_payload(good).to_payload() == good
    bad = {k: v for k, v in (good | change).items() if v is not GONE}
    with pytest.raises(EventPayloadError, match=problem):
        cls.from_payload(bad)


# What each front end matched before the groups (prefixes end with "."): the groups must
# mean the same.
OLD_LISTS = {
    "QUEUE_CHANGED": ("ticket.", "counter.state", "assignments.changed", "day.ended"),
    "CONFIG_CHANGED": ("hall.config_changed",),
    "SETTINGS_CHANGED": ("hall.settings_changed",),
    "OFFICER_ACCOUNTS": ("officer.",),  # new with officer management, no old list
    "WORKSTATION_REFRESH": ("ticket.", "counter.", "assignments.", "hall.", "day.", "officer."),
    "WORKSTATION_CONFIG": ("hall.config_changed", "hall.settings_changed", "assignments.changed"),
    "BOARD_RELOAD": ("hall.config_changed", "day.ended"),
    "CALLS": ("ticket.called", "ticket.recalled"),
    "LEFT_COUNTER": ("ticket.finished", "ticket.no_show", "ticket.parked", "ticket.transferred"),
    "TICKET_EVENTS": ("ticket.",),
    "DEVICE_STATUS": ("printer.status",),
}


def _matched(old: tuple[str, ...]) -> set[EventKind]:
    return {
        kind
        for kind in EventKind
        if any(kind.value.startswith(p) if p.endswith(".") else kind == p for p in old)
    }


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_a_group_holds_event_kinds_and_means_what_the_old_list_did(name: str) -> None:
    group = GROUPS[name]
    assert group and all(isinstance(kind, EventKind) for kind in group)
    assert set(group) == _matched(OLD_LISTS[name])


def test_every_group_of_the_module_is_listed() -> None:
    found = {name for name, value in vars(kinds).items() if isinstance(value, frozenset)}
    assert found == set(GROUPS) == set(OLD_LISTS)


def _doc_rows(heading: str) -> dict[str, list[str]]:
    """The table under ``heading`` in docs/core-api.md: first cell → the other cells."""
    text = DOC.read_text(encoding="utf-8").split(heading, 1)[1]
    rows = {}
    for line in text.split("\n\n", 2)[1].splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_the_doc_lists_every_kind_with_its_payload_and_groups() -> None:
    rows = _doc_rows("### Event kinds")
    assert set(rows) == {kind.value for kind in EventKind}
    for kind in EventKind:
        payload, groups = rows[kind.value]
        assert payload.strip("`") == PAYLOAD_TYPES[kind].__name__, kind
        named = set(re.findall(r"[A-Z_]{4,}", groups))
        assert named == {name for name, group in GROUPS.items() if kind in group}, kind


def test_the_doc_lists_every_payload_field() -> None:
    rows = _doc_rows("### Event payloads")
    assert set(rows) == {cls.__name__ for cls in PAYLOAD_TYPES.values()}
    for cls in set(PAYLOAD_TYPES.values()):
        own = set(cls.__dataclass_fields__) - set(getattr(cls.__base__, "__dataclass_fields__", ()))
        named = set(re.findall(r"`(\w+)`", rows[cls.__name__][0]))
        assert own <= named, cls.__name__
