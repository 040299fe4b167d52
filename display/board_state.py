"""What the hall screen shows, kept from the database's snapshot and the event feed.

Pure Python (no Qt): the board's rules are tested without a window. The state is loaded from
``hall.snapshot()`` and ``hall.recent_calls()`` (a display started mid-day), then moved along by
the feed's events. A display may serve only some zones: counters of other zones, and their
calls, are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from core.events import BOARD_RELOAD, CALLS, LEFT_COUNTER, EventKind
from core.views import (
    AgencyView,
    CounterView,
    EventView,
    QueueSnapshot,
    ServiceInfo,
    TicketView,
    agencies_of,
)

RECENT_LIMIT = 8
RECENT_FETCH = 40  # read more than shown: some belong to other zones


@dataclass(frozen=True)
class Call:
    """One call of a ticket to a counter (a recall is a call of its own)."""

    ticket_id: int
    number: str
    counter: int
    counter_name: str
    service_name: str
    agency_code: str
    priority: str
    recall_count: int
    called_at: datetime | None
    event_id: int = 0  # 0: read from the database at start-up, not from the feed
    counter_short_name: str = ""  # the hall's short name for the counter, "" when none

    @property
    def key(self) -> tuple[int, int]:
        return (self.ticket_id, self.recall_count)

    @property
    def counter_board_name(self) -> str:
        """The counter as the board names it: the hall's short name, else its name."""
        return (self.counter_short_name or self.counter_name).strip()


@dataclass(frozen=True)
class CounterSlot:
    number: int
    name: str
    zone: str
    state: str  # "open", "break", "closed"
    current: Call | None
    status: str | None  # status of the current ticket: "called" or "serving"
    agency_code: str  # agency of the counter's main (rank 1) services, "" when mixed or none
    short_name: str = ""

    @property
    def board_name(self) -> str:
        return (self.short_name or self.name).strip()


@dataclass
class Changes:
    """What one batch of events changed, so the screen repaints only that."""

    counters: set[int] = field(default_factory=set)
    recent: bool = False
    calls: list[Call] = field(default_factory=list)
    settings: bool = False
    reload: bool = False  # the hall's configuration changed: read everything again
    left: set[int] = field(default_factory=set)  # tickets that left their counter

    def __bool__(self) -> bool:
        return bool(
            self.counters or self.recent or self.calls or self.settings or self.reload or self.left
        )


class BoardState:
    """The board's data. ``zones`` empty: every counter of the hall."""

    def __init__(self, zones: Iterable[str] = (), recent_limit: int = RECENT_LIMIT) -> None:
        self.zones = tuple(z.strip() for z in zones if z.strip())
        self._zone_keys = {z.casefold() for z in self.zones}
        self.recent_limit = recent_limit
        self.counters: dict[int, CounterSlot] = {}
        self.recent: list[Call] = []  # newest first
        self.latest: Call | None = None
        self.settings: dict[str, Any] = {}
        self.agencies: dict[str, AgencyView] = {}
        self.service_agency: dict[str, str] = {}  # service code → agency code
        self.hall_name = ""
        self.hall_short_name = ""
        self.timezone = "Asia/Jakarta"
        self.business_date: date | None = None
        self.watermark = 0  # events up to this id are already in the loaded state
        self.loaded = False

    # --- loading -----------------------------------------------------------------------

    def in_zone(self, zone: str | None) -> bool:
        return not self._zone_keys or (zone or "").casefold() in self._zone_keys

    def load(
        self,
        snapshot: QueueSnapshot,
        recent: Sequence[TicketView],
        settings: Mapping[str, Any],
        services: Sequence[ServiceInfo],
    ) -> None:
        self.hall_name = snapshot.hall.name
        self.hall_short_name = snapshot.hall.short_name or snapshot.hall.name
        self.timezone = snapshot.hall.timezone
        self.business_date = snapshot.business_date
        self.settings = dict(settings)
        self.agencies = {agency.code: agency for agency in agencies_of(services)}
        self.service_agency = {info.code: info.agency_code for info in services}
        self.counters = {
            view.number: self._slot(view) for view in snapshot.counters if self.in_zone(view.zone)
        }
        calls = [
            replace(
                _call_from_view(view),
                counter_short_name=self.counters[view.counter_number].short_name,
            )
            for view in recent
            if view.counter_number in self.counters and view.called_at is not None
        ]
        self.recent = _dedupe(calls)[: self.recent_limit]
        self.latest = self.calling()
        self.watermark = snapshot.last_event_id
        self.loaded = True

    def _slot(self, view: CounterView) -> CounterSlot:
        current = None
        if view.current is not None:
            current = replace(_call_from_view(view.current), counter_short_name=view.short_name)
        return CounterSlot(
            number=view.number,
            name=view.name,
            zone=view.zone,
            state=view.state.value,
            current=current,
            status=view.current.status.value if view.current is not None else None,
            agency_code=self._main_agency(code for code, rank in view.services if rank == 1),
            short_name=view.short_name,
        )

    def _main_agency(self, codes: Iterable[str]) -> str:
        agencies = {self.service_agency.get(code, "") for code in codes} - {""}
        return agencies.pop() if len(agencies) == 1 else ""

    # --- events ------------------------------------------------------------------------

    def apply(self, events: Sequence[EventView]) -> Changes:
        """Move the board along; events already in the loaded state change nothing."""
        changes = Changes()
        for event in events:
            if event.kind in BOARD_RELOAD:
                changes.reload = True
            handler = _HANDLERS.get(event.kind)
            if handler is None:
                continue
            if event.id <= self.watermark and event.kind not in CALLS:
                continue
            handler(self, event, changes)
        return changes

    def _on_call(self, event: EventView, changes: Changes) -> None:
        slot = self.counters.get(_int(event.payload.get("counter")))
        if slot is None:
            return  # another zone's counter
        call = _call_from_payload(event, slot)
        # A call the snapshot already holds is still a call the hall may need to hear
        # (the sync decides from its age), but the state is not set back by it.
        changes.calls.append(call)
        if event.id <= self.watermark:
            return
        self.counters[slot.number] = replace(slot, current=call, status="called")
        changes.counters.add(slot.number)
        self.recent = _dedupe([call, *self.recent])[: self.recent_limit]
        if self.latest is None or (call.event_id or 0) >= (self.latest.event_id or 0):
            self.latest = call
        changes.recent = True

    def _on_started(self, event: EventView, changes: Changes) -> None:
        slot = self.counters.get(_int(event.payload.get("counter")))
        if slot is None or slot.current is None:
            return
        if slot.current.ticket_id == _int(event.payload.get("ticket_id")):
            self.counters[slot.number] = replace(slot, status="serving")
            changes.counters.add(slot.number)

    def _on_closed(self, event: EventView, changes: Changes) -> None:
        payload = event.payload
        if event.kind is EventKind.TICKET_TRANSFERRED:
            number, ticket_id = payload.get("from_counter"), payload.get("from_ticket_id")
        else:
            number, ticket_id = payload.get("counter"), payload.get("ticket_id")
        slot = self.counters.get(_int(number))
        if slot is None or slot.current is None or slot.current.ticket_id != _int(ticket_id):
            return
        self.counters[slot.number] = replace(slot, current=None, status=None)
        changes.counters.add(slot.number)
        changes.left.add(slot.current.ticket_id)
        if self.latest is not None and not self.standing(self.latest):
            self.latest = self.calling()

    def _on_counter_state(self, event: EventView, changes: Changes) -> None:
        number = _int(event.payload.get("counter"))
        slot = self.counters.get(number)
        if slot is None:
            if self.in_zone(event.payload.get("zone")):
                changes.reload = True  # a counter this board does not know yet
            return
        state = str(event.payload.get("state") or slot.state)
        self.counters[number] = replace(slot, state=state)
        changes.counters.add(number)

    def _on_assignments(self, event: EventView, changes: Changes) -> None:
        slot = self.counters.get(_int(event.payload.get("counter")))
        if slot is None:
            return
        services = event.payload.get("services") or {}
        agency = self._main_agency(code for code, rank in services.items() if rank == 1)
        self.counters[slot.number] = replace(slot, agency_code=agency)
        changes.counters.add(slot.number)

    def _on_settings(self, event: EventView, changes: Changes) -> None:
        settings = event.payload.get("settings")
        if isinstance(settings, dict):
            self.settings = dict(settings)
            changes.settings = True

    # --- reading -------------------------------------------------------------------------

    def standing(self, call: Call) -> bool:
        """Whether the call's ticket is still the one its counter holds (called or serving)."""
        slot = self.counters.get(call.counter)
        return (
            slot is not None
            and slot.current is not None
            and slot.current.ticket_id == call.ticket_id
        )

    def calling(self) -> Call | None:
        """The newest call whose ticket still stands at its counter: what "now calling" may show.

        A parked, no-show, transferred or finished ticket has left its counter; the recent list
        keeps it as history, but the board no longer sends anyone to that counter for it."""
        return next((call for call in self.recent if self.standing(call)), None)

    def agency(self, code: str) -> AgencyView | None:
        return self.agencies.get(code)

    def ordered_counters(self) -> list[CounterSlot]:
        return [self.counters[n] for n in sorted(self.counters)]

    @property
    def running_text(self) -> str:
        return str(self.settings.get("running_text") or "").strip()


_Handler = Callable[[BoardState, EventView, Changes], None]
_HANDLERS: dict[str, _Handler] = {  # keyed by EventKind, which is a str
    **dict.fromkeys(CALLS, BoardState._on_call),
    EventKind.TICKET_STARTED: BoardState._on_started,
    **dict.fromkeys(LEFT_COUNTER, BoardState._on_closed),
    EventKind.COUNTER_STATE: BoardState._on_counter_state,
    EventKind.ASSIGNMENTS_CHANGED: BoardState._on_assignments,
    EventKind.HALL_SETTINGS_CHANGED: BoardState._on_settings,
}


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _call_from_view(view: TicketView) -> Call:
    return Call(
        ticket_id=view.id,
        number=view.number,
        counter=view.counter_number or 0,
        counter_name=view.counter_name or "",
        service_name=view.service_name,
        agency_code=view.agency_code,
        priority=view.priority.value,
        recall_count=view.recall_count,
        called_at=view.called_at,
    )


def _call_from_payload(event: EventView, slot: CounterSlot) -> Call:
    payload = event.payload
    called_at = payload.get("called_at")
    try:
        when = datetime.fromisoformat(called_at) if called_at else event.created_at
    except ValueError:
        when = event.created_at
    return Call(
        ticket_id=_int(payload.get("ticket_id")),
        number=str(payload.get("number") or ""),
        counter=slot.number,
        counter_name=str(payload.get("counter_name") or slot.name),
        service_name=str(payload.get("service_name") or ""),
        agency_code=str(payload.get("agency") or ""),
        priority=str(payload.get("priority") or "regular"),
        recall_count=_int(payload.get("recall_count")) if "recall_count" in payload else 0,
        called_at=when,
        event_id=event.id,
        counter_short_name=slot.short_name,
    )


def _dedupe(calls: Iterable[Call]) -> list[Call]:
    """Newest first, one line per ticket: a recall moves the ticket back to the top."""
    seen: set[int] = set()
    result = []
    for call in calls:
        if call.ticket_id in seen:
            continue
        seen.add(call.ticket_id)
        result.append(call)
    return result
