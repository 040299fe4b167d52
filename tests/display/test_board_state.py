"""The board's rules without Qt or a database: events in, what the board shows out."""

from __future__ import annotations

from datetime import UTC, date, datetime

from core.domain.enums import CounterState
from core.views import CounterView, EventView, HallRef, QueueSnapshot, ServiceInfo
from display.board_state import BoardState

AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
HALL = HallRef(1, "uji", "MPP Uji", "Uji", "Asia/Jakarta")


def service(code: str, agency: str) -> ServiceInfo:
    return ServiceInfo(
        code, code, code[0], agency, agency, agency, "#123456", "", 10, (), "", "", "", "", ""
    )


def snapshot(last_event: int = 10) -> QueueSnapshot:
    counters = (
        CounterView(1, "Loket 1", "Lantai 1", CounterState.OPEN, None, None, (("KTP", 1),)),
        CounterView(
            2, "Loket 2", "Lantai 1", CounterState.OPEN, None, None, (("KTP", 1), ("SKCK", 1))
        ),
        CounterView(3, "Loket 3", "Lantai 2", CounterState.BREAK, None, None, (("SKCK", 1),)),
    )
    return QueueSnapshot(HALL, AT, date(2026, 11, 23), (), counters, last_event)


def loaded(zones: tuple[str, ...] = ()) -> BoardState:
    state = BoardState(zones)
    state.load(
        snapshot(),
        [],
        {"running_text": "Halo"},
        [service("KTP", "DUKCAPIL"), service("SKCK", "POLRES")],
    )
    return state


def call(
    event_id: int,
    ticket: int,
    number: str,
    counter: int,
    kind: str = "ticket.called",
    recall: int = 0,
) -> EventView:
    payload = {
        "ticket_id": ticket,
        "number": number,
        "counter": counter,
        "counter_name": f"Loket {counter}",
        "service_name": "KTP",
        "agency": "DUKCAPIL",
        "priority": "regular",
        "recall_count": recall,
        "called_at": AT.isoformat(),
    }
    return EventView(event_id, kind, payload, AT)


def test_load_gives_each_counter_its_main_agency_and_zone() -> None:
    state = loaded()
    assert [s.agency_code for s in state.ordered_counters()] == ["DUKCAPIL", "", "POLRES"]
    assert loaded(("lantai 2",)).counters.keys() == {3}
    assert state.running_text == "Halo"


def test_calls_update_counters_and_recent_newest_first_one_line_per_ticket() -> None:
    state = loaded()
    changes = state.apply([call(11, 1, "A001", 1), call(12, 2, "A002", 2)])
    assert changes.counters == {1, 2} and changes.recent
    assert [c.number for c in changes.calls] == ["A001", "A002"]
    changes = state.apply([call(13, 1, "A001", 1, "ticket.recalled", recall=1)])
    assert [c.number for c in state.recent] == ["A001", "A002"]
    assert state.recent[0].recall_count == 1
    assert state.latest is not None and state.latest.number == "A001"


def test_events_already_in_the_snapshot_do_not_set_the_board_back() -> None:
    state = loaded()
    changes = state.apply([call(9, 1, "A001", 1)])
    assert state.counters[1].current is None
    assert [c.number for c in changes.calls] == ["A001"]  # the sync decides from its age


def test_closing_transfer_and_state_events() -> None:
    state = loaded()
    state.apply([call(11, 1, "A001", 1), call(12, 2, "A002", 2)])
    state.apply([EventView(13, "ticket.started", {"ticket_id": 1, "counter": 1}, AT)])
    assert state.counters[1].status == "serving"
    state.apply([EventView(14, "ticket.finished", {"ticket_id": 1, "counter": 1}, AT)])
    assert state.counters[1].current is None
    state.apply(
        [
            EventView(
                15,
                "ticket.transferred",
                {"ticket_id": 9, "counter": None, "from_ticket_id": 2, "from_counter": 2},
                AT,
            )
        ]
    )
    assert state.counters[2].current is None
    state.apply([EventView(16, "counter.state", {"counter": 3, "state": "open", "zone": "x"}, AT)])
    assert state.counters[3].state == "open"
    changes = state.apply(
        [EventView(17, "assignments.changed", {"counter": 2, "services": {"SKCK": 1}}, AT)]
    )
    assert state.counters[2].agency_code == "POLRES" and changes.counters == {2}


def test_other_zones_are_ignored_and_config_changes_ask_for_a_reload() -> None:
    state = loaded(("Lantai 2",))
    changes = state.apply([call(11, 1, "A001", 1)])
    assert not changes.calls and not state.recent
    changes = state.apply(
        [EventView(12, "counter.state", {"counter": 9, "state": "open", "zone": "Lantai 2"}, AT)]
    )
    assert changes.reload
    assert state.apply([EventView(13, "hall.config_changed", {}, AT)]).reload
    changes = state.apply(
        [EventView(14, "hall.settings_changed", {"settings": {"running_text": "Baru"}}, AT)]
    )
    assert changes.settings and state.running_text == "Baru"
