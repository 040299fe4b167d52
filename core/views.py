"""Plain, frozen data handed to front ends: never live ORM objects across threads."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, overload

from core.domain.enums import CounterState, Priority, Role, TicketStatus
from core.domain.hours import Reason
from core.events import PAYLOAD_TYPES, EventKind, EventPayload, EventPayloadError

T = TypeVar("T")
P = TypeVar("P", bound=EventPayload)


@dataclass(frozen=True)
class HallRef:
    id: int
    code: str
    name: str
    short_name: str
    timezone: str


@dataclass(frozen=True)
class HallLogo:
    """The hall's logo as the hall file gave it; core.logo.logo_file puts it in a file."""

    hall_code: str
    data: bytes
    kind: str  # "png" or "jpeg"

    def __repr__(self) -> str:  # a log line shows the kind and size, not the picture
        return f"HallLogo({self.hall_code!r}, {self.kind}, {len(self.data)} bytes)"


@dataclass(frozen=True)
class TicketView:
    id: int
    number: str
    prefix: str
    hop: int
    business_date: date
    service_code: str
    service_name: str
    agency_code: str
    agency_name: str
    priority: Priority
    status: TicketStatus
    kiosk: str | None
    counter_number: int | None
    counter_name: str | None
    officer_username: str | None
    issued_at: datetime
    printed_at: datetime | None
    first_called_at: datetime | None
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    recall_count: int
    transferred_from_id: int | None
    note: str


@dataclass(frozen=True)
class ServingCounters:
    """The loket that call a service's tickets (see core.services.serving)."""

    open_now: tuple[int, ...] = ()  # open now, at any rank, by number
    assigned: tuple[int, ...] = ()  # assigned at rank 1 whatever their state (else any rank)

    @property
    def shown(self) -> tuple[int, ...]:
        """What a ticket prints: the loket open now, else those assigned to the service."""
        return self.open_now or self.assigned


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketView
    people_ahead: int
    estimated_wait_minutes: int | None
    counters: tuple[int, ...]  # the loket that serve this service (rank 1)
    serving: ServingCounters = ServingCounters()  # as the ticket was issued


@dataclass(frozen=True)
class ServiceAvailability:
    service_code: str
    reason: Reason
    opens_at: str | None  # "HH:MM" hall-local, for "not yet open" and "on break"
    holiday_name: str | None

    @property
    def is_open(self) -> bool:
        return self.reason is Reason.OPEN


@dataclass(frozen=True)
class ServiceQueue:
    code: str
    name: str
    agency_code: str
    prefix: str
    waiting: int
    priority_waiting: int
    oldest_issued_at: datetime | None
    estimated_wait_minutes: int | None
    availability: ServiceAvailability
    serving: ServingCounters = ServingCounters()


@dataclass(frozen=True)
class CounterView:
    number: int
    name: str
    zone: str
    state: CounterState
    officer_username: str | None
    current: TicketView | None
    services: tuple[tuple[str, int], ...]  # (service code, rank)
    short_name: str = ""  # the hall's short name for the board, "" when none is set


@dataclass(frozen=True)
class CounterInfo:
    """A counter as the login's counter choice lists it."""

    number: int
    name: str
    zone: str


@dataclass(frozen=True)
class QueueSnapshot:
    hall: HallRef
    at: datetime
    business_date: date
    services: tuple[ServiceQueue, ...]
    counters: tuple[CounterView, ...]
    last_event_id: int


@dataclass(frozen=True)
class OfficerView:
    id: int
    username: str
    full_name: str
    role: Role


@dataclass(frozen=True)
class OfficerAccount:
    """An officer's account as the hall manager sees it; never the password hash."""

    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    locked_until: datetime | None  # None unless the account is locked now
    failed_logins: int  # wrong passwords since the last login, lock or unlock


@dataclass(frozen=True)
class CounterFigures:
    served: int
    no_show: int
    transferred: int
    mean_service_seconds: float | None


@dataclass(frozen=True)
class WorkstationView:
    """Everything an officer's workstation shows, read in one transaction.

    ``settings`` and ``services`` change rarely: they are read only when asked for.
    """

    counter: CounterView
    waiting: tuple[TicketView, ...]  # in the order call-next takes them
    parked: tuple[TicketView, ...]
    counter_figures: CounterFigures
    officer_figures: CounterFigures
    last_event_id: int  # read first: events after it are newer than this view
    settings: dict[str, Any] | None = None
    services: tuple[ServiceInfo, ...] | None = None


@dataclass(frozen=True)
class ServiceInfo:
    code: str
    name: str
    prefix: str
    agency_code: str
    agency_name: str
    agency_short_name: str
    agency_color: str
    agency_icon: str
    service_minutes: int
    requirements: tuple[str, ...]
    procedure: str
    completion_time: str
    fee: str
    product: str
    legal_basis: str


@dataclass(frozen=True)
class AgencyView:
    """An agency of the hall as people see it: its name, colour and icon, and its services
    (the kiosk's tiles, the board's accents)."""

    code: str
    name: str
    short_name: str
    color: str
    icon: str
    services: tuple[ServiceInfo, ...] = ()


def agencies_of(services: Iterable[ServiceInfo]) -> list[AgencyView]:
    """The agencies of ``services``, in the order their first service comes, each with its
    services in their order."""
    grouped: dict[str, list[ServiceInfo]] = {}
    for info in services:
        grouped.setdefault(info.agency_code, []).append(info)
    return [
        AgencyView(
            code,
            group[0].agency_name,
            group[0].agency_short_name,
            group[0].agency_color,
            group[0].agency_icon,
            tuple(group),
        )
        for code, group in grouped.items()
    ]


@dataclass(frozen=True)
class EventView:
    """One stored event, as the feed delivers it.

    ``kind`` is the stored string; for a kind this version writes it is the EventKind itself
    (which equals that string), so ``event.kind in CALLS`` and a dispatch table keyed by
    EventKind work on it. A kind this version does not know (a newer program's) stays a str.
    """

    id: int
    kind: str
    payload: dict[str, Any]
    created_at: datetime

    def __post_init__(self) -> None:
        known = EventKind.known(self.kind)
        if known is not None:
            object.__setattr__(self, "kind", known)

    @property
    def known_kind(self) -> EventKind | None:
        """The kind as an EventKind, None for a kind this version does not write."""
        return self.kind if isinstance(self.kind, EventKind) else None

    @overload
    def data(self) -> EventPayload: ...
    @overload
    def data(self, expected: type[P]) -> P: ...
    def data(self, expected: type[EventPayload] = EventPayload) -> EventPayload:
        """The payload as its kind's dataclass (``expected``: the class the caller handles).

        EventPayloadError for a kind this version does not know, a payload without its
        kind's shape, or a kind whose payload is not an ``expected``."""
        kind = self.known_kind
        if kind is None:
            raise EventPayloadError(f"no payload type for event kind {self.kind!r}")
        if not issubclass(PAYLOAD_TYPES[kind], expected):
            raise EventPayloadError(f"{kind} carries no {expected.__name__}")
        return PAYLOAD_TYPES[kind].from_payload(self.payload)


# --- JSON for stored request results -------------------------------------------------


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    return value


def from_json(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` (dataclass, enum, date, Optional, tuple) from JSON."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return from_json(inner[0], data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], item) for item in data)
        return tuple(from_json(arg, item) for arg, item in zip(args, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        # A result stored by an older version lacks the fields added since: those take
        # their defaults; a field without a default is still required (KeyError).
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                field.name: from_json(hints[field.name], data[field.name])
                for field in dataclasses.fields(kind)
                if field.name in data or not _has_default(field)
            }
        )
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    return data


def _has_default(field: dataclasses.Field[Any]) -> bool:
    missing = dataclasses.MISSING
    return field.default is not missing or field.default_factory is not missing
