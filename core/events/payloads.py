"""The payload of each event kind as a frozen dataclass: its key names exist here, once.

Services build the dataclass and ``Tx.emit`` stores ``to_payload()``; readers get it back
with ``parse_payload(kind, payload)`` or ``EventView.data()``. The stored JSON is what it has
always been: enums by value, dates and instants in ISO form, keys in field order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Self

from core.domain.enums import CounterState, Priority, Role, TicketStatus, TransferPosition
from core.events.json_codec import encoders_of, fields_of
from core.events.kinds import EventKind

if TYPE_CHECKING:
    from core.views import TicketView


class EventPayloadError(ValueError):
    """A stored payload without the shape its kind is written with (a hand-edited row)."""


class EventPayload:
    """Base of the payload dataclasses: JSON out for the events table, JSON back in."""

    def to_payload(self) -> dict[str, Any]:
        # __init__ set the fields in order, so __dict__ holds them in the keys' order.
        payload = dict(self.__dict__)
        for name, encode in encoders_of(type(self)):
            payload[name] = encode(payload[name])
        return payload

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Self:
        """Read a stored payload; EventPayloadError names the first key that is missing or
        of the wrong type. Keys the dataclass does not know are ignored."""
        values = {}
        for field in fields_of(cls):
            if field.name not in payload:
                raise EventPayloadError(f"{cls.__name__}: no {field.name!r} in the payload")
            try:
                values[field.name] = field.decode(payload[field.name])
            except (TypeError, ValueError) as error:
                raise EventPayloadError(f"{cls.__name__}.{field.name}: {error}") from error
        return cls(**values)


@dataclass(frozen=True)
class TicketPayload(EventPayload):
    """What every event about a ticket carries, enough for a board to redraw without a query."""

    ticket_id: int
    number: str
    service: str  # service code
    service_name: str
    agency: str  # agency code
    priority: Priority
    status: TicketStatus
    counter: int | None  # the counter's number
    counter_name: str | None
    officer: str | None  # username
    recall_count: int
    business_date: date
    called_at: datetime | None

    @classmethod
    def of(cls, view: TicketView) -> TicketPayload:
        """The payload of ``view``; IssuedPayload.issued and TransferredPayload.moved add to it."""
        return TicketPayload(**_ticket_fields(view))


@dataclass(frozen=True)
class IssuedPayload(TicketPayload):
    kiosk: str | None  # the kiosk that issued it

    @classmethod
    def issued(cls, view: TicketView, kiosk: str | None) -> IssuedPayload:
        return cls(**_ticket_fields(view), kiosk=kiosk)


@dataclass(frozen=True)
class TransferredPayload(TicketPayload):
    """The new ticket (in its new service's queue), and where it came from."""

    from_ticket_id: int
    from_service: str
    from_counter: int | None
    position: TransferPosition
    note: str

    @classmethod
    def moved(
        cls, view: TicketView, old: TicketView, position: TransferPosition, note: str
    ) -> TransferredPayload:
        """``view`` the new ticket, ``old`` the one the counter held."""
        return cls(
            **_ticket_fields(view),
            from_ticket_id=old.id,
            from_service=old.service_code,
            from_counter=old.counter_number,
            position=position,
            note=note,
        )


@dataclass(frozen=True)
class VoidedPayload(EventPayload):
    ticket_id: int
    number: str
    reason: str  # "print_timeout", or the printer's failure


@dataclass(frozen=True)
class CounterStatePayload(EventPayload):
    counter: int
    counter_name: str
    zone: str
    state: CounterState
    officer: str | None  # username at the counter, None when closed


@dataclass(frozen=True)
class AssignmentsPayload(EventPayload):
    counter: int
    services: dict[str, int]  # service code → rank (1 main, 2 and 3 helper)


@dataclass(frozen=True)
class ConfigChangedPayload(EventPayload):
    hall: str  # the hall's code


@dataclass(frozen=True)
class SettingsChangedPayload(EventPayload):
    changed: tuple[str, ...]  # the settings' names that were given, sorted
    settings: dict[str, Any]  # every setting, as now stored


@dataclass(frozen=True)
class OfficerAddedPayload(EventPayload):
    username: str
    role: Role


@dataclass(frozen=True)
class OfficerChangedPayload(EventPayload):
    """An account after the change: a screen listing officers redraws its line from it."""

    username: str
    role: Role
    active: bool


@dataclass(frozen=True)
class DayEndedPayload(EventPayload):
    business_date: date
    expired: int  # waiting and parked tickets that expired
    voided: int  # unconfirmed prints


@dataclass(frozen=True)
class DeviceStatusPayload(EventPayload):
    """A device's report, stored flat: ``{"device": …, **status}``."""

    device: str  # the device's name (a kiosk's)
    status: dict[str, Any]  # what it reports; a printer: online, paper, problem, ticketing, detail

    def to_payload(self) -> dict[str, Any]:
        return {"device": self.device, **self.status}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Self:
        device = payload.get("device")
        if not isinstance(device, str):
            raise EventPayloadError(f"{cls.__name__}: no device name in the payload")
        return cls(device, {key: value for key, value in payload.items() if key != "device"})


def _ticket_fields(view: TicketView) -> dict[str, Any]:
    return {
        "ticket_id": view.id,
        "number": view.number,
        "service": view.service_code,
        "service_name": view.service_name,
        "agency": view.agency_code,
        "priority": view.priority,
        "status": view.status,
        "counter": view.counter_number,
        "counter_name": view.counter_name,
        "officer": view.officer_username,
        "recall_count": view.recall_count,
        "business_date": view.business_date,
        "called_at": view.called_at,
    }


PAYLOAD_TYPES: dict[EventKind, type[EventPayload]] = {
    EventKind.TICKET_ISSUED: IssuedPayload,
    EventKind.TICKET_PRINTED: TicketPayload,
    EventKind.TICKET_VOIDED: VoidedPayload,
    EventKind.TICKET_CALLED: TicketPayload,
    EventKind.TICKET_RECALLED: TicketPayload,
    EventKind.TICKET_STARTED: TicketPayload,
    EventKind.TICKET_FINISHED: TicketPayload,
    EventKind.TICKET_NO_SHOW: TicketPayload,
    EventKind.TICKET_TRANSFERRED: TransferredPayload,
    EventKind.TICKET_PARKED: TicketPayload,
    EventKind.COUNTER_STATE: CounterStatePayload,
    EventKind.ASSIGNMENTS_CHANGED: AssignmentsPayload,
    EventKind.HALL_CONFIG_CHANGED: ConfigChangedPayload,
    EventKind.HALL_SETTINGS_CHANGED: SettingsChangedPayload,
    EventKind.OFFICER_ADDED: OfficerAddedPayload,
    EventKind.OFFICER_DISABLED: OfficerChangedPayload,
    EventKind.OFFICER_ENABLED: OfficerChangedPayload,
    EventKind.OFFICER_UNLOCKED: OfficerChangedPayload,
    EventKind.OFFICER_ROLE_CHANGED: OfficerChangedPayload,
    EventKind.OFFICER_PASSWORD_SET: OfficerChangedPayload,
    EventKind.DAY_ENDED: DayEndedPayload,
    EventKind.PRINTER_STATUS: DeviceStatusPayload,
}


def parse_payload(kind: EventKind, payload: Mapping[str, Any]) -> EventPayload:
    return PAYLOAD_TYPES[kind].from_payload(payload)
