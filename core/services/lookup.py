"""Reading hall rows inside a transaction, and turning them into views and event payloads."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from core.db import limits
from core.db import models as m
from core.db.database import Tx
from core.domain.hours import HoursError, ServiceRules, WeekHours, parse_week_hours
from core.domain.numbering import business_date
from core.domain.safe_text import text_problem
from core.errors import ConfigError, NotFound
from core.phrases import Phrase
from core.views import HallRef, TicketView


def hall_ref(row: m.Hall) -> HallRef:
    return HallRef(row.id, row.code, row.name, row.short_name, row.timezone)


def hall_row(tx: Tx, hall_id: int) -> m.Hall:
    row = tx.session.get(m.Hall, hall_id)
    if row is None:
        raise NotFound("hall_unknown", hall=hall_id)
    return row


def today(tx: Tx, hall: HallRef) -> date:
    return business_date(tx.now, hall.timezone)


def local_now(tx: Tx, hall: HallRef) -> datetime:
    return tx.now.astimezone(ZoneInfo(hall.timezone))


def service_row(tx: Tx, hall: HallRef, code: str) -> m.Service:
    row = tx.session.scalars(
        select(m.Service).where(m.Service.hall_id == hall.id, m.Service.code == code.upper())
    ).first()
    if row is None or not row.active:
        raise NotFound("service_unknown", service=code)
    return row


def require_counter_number(number: int) -> None:
    """A number the counters table can hold (else no counter has it): checked before any
    query, which PostgreSQL (beyond 2³¹−1) or SQLite (beyond 2⁶³−1) would refuse."""
    low, high = limits.integer_range(m.Counter.number) or limits.INTEGER_RANGE
    if not low <= number <= high:
        raise NotFound("counter_unknown", counter=number)


def require_event_id(value: int, where: str) -> None:
    """An event id (a cursor such as ``events --since``) the events table can hold."""
    high = (limits.integer_range(m.Event.id) or limits.BIGINT_RANGE)[1]
    low = 0  # ids start at 1; 0 is "from the first event"
    if not low <= value <= high:
        problem = Phrase(
            "must be between {low} and {high} (is {value})",
            {"low": low, "high": high, "value": value},
        )
        raise ConfigError("bad_value", where=where, problem=problem)


def kiosk_name(name: str | None) -> str | None:
    """The kiosk name a ticket records, refused when its column cannot hold it or when it
    carries control characters (it is shown on the counter's screen)."""
    if name is None:
        return None
    problem = text_problem(name, limits.max_length(m.Ticket.kiosk))
    if problem is not None:
        raise ConfigError("bad_value", where="kiosk", problem=problem)
    return name


def counter_row(tx: Tx, hall: HallRef, number: int, *, lock: bool = False) -> m.Counter:
    """The counter, locked on PostgreSQL so two actions at one counter run one at a time."""
    require_counter_number(number)
    query = select(m.Counter).where(m.Counter.hall_id == hall.id, m.Counter.number == number)
    if lock and tx.is_postgres:
        query = query.with_for_update()
    row = tx.session.scalars(query).first()
    if row is None or not row.active:
        raise NotFound("counter_unknown", counter=number)
    return row


@lru_cache(maxsize=512)
def _week(data: str, where: str) -> WeekHours:
    """Parsed hours by their JSON text: a snapshot reads the same few schedules many times."""
    return parse_week_hours(json.loads(data), where)


def service_rules(schedules: Mapping[str, Any] | None, service: Any) -> ServiceRules:
    """A service's hours, cut-off and quota; ``service`` is a Service row or a Core row with
    the same column names, ``schedules`` the hall's named schedules."""
    try:
        if service.hours is not None:
            hours = _week(
                json.dumps(service.hours, sort_keys=True), f"services.{service.code}.hours"
            )
        elif service.schedule and service.schedule in (schedules or {}):
            schedule = json.dumps(schedules[service.schedule], sort_keys=True)  # type: ignore[index]
            hours = _week(schedule, f"schedules.{service.schedule}")
        else:
            hours = WeekHours({})
    except HoursError as error:
        raise ConfigError("bad_hours", where=error.where, problem=error.phrase) from None
    return ServiceRules(hours, service.cutoff_minutes, service.daily_quota, service.active)


def holidays_on(tx: Tx, hall: HallRef, day: date) -> dict[date, str]:
    rows = tx.session.execute(
        select(m.Holiday.day, m.Holiday.name).where(
            m.Holiday.hall_id == hall.id, m.Holiday.day == day
        )
    )
    return {row.day: row.name for row in rows}


_Counter = aliased(m.Counter)
_Officer = aliased(m.Officer)


def _ticket_query() -> Select:
    return (
        select(
            m.Ticket,
            m.Service.code,
            m.Service.name,
            m.Agency.code,
            m.Agency.name,
            _Counter.number,
            _Counter.name,
            _Officer.username,
        )
        .join(m.Service, m.Service.id == m.Ticket.service_id)
        .join(m.Agency, m.Agency.id == m.Service.agency_id)
        .outerjoin(_Counter, _Counter.id == m.Ticket.counter_id)
        .outerjoin(_Officer, _Officer.id == m.Ticket.officer_id)
    )


def _view(row: Any) -> TicketView:
    t: m.Ticket = row[0]
    return TicketView(
        id=t.id,
        number=t.number,
        prefix=t.prefix,
        hop=t.hop,
        business_date=t.business_date,
        service_code=row[1],
        service_name=row[2],
        agency_code=row[3],
        agency_name=row[4],
        priority=t.priority,
        status=t.status,
        kiosk=t.kiosk,
        counter_number=row[5],
        counter_name=row[6],
        officer_username=row[7],
        issued_at=t.issued_at,
        printed_at=t.printed_at,
        first_called_at=t.first_called_at,
        called_at=t.called_at,
        started_at=t.started_at,
        finished_at=t.finished_at,
        recall_count=t.recall_count,
        transferred_from_id=t.transferred_from_id,
        note=t.note,
    )


TICKET_COLUMNS = (
    "id",
    "number",
    "prefix",
    "hop",
    "business_date",
    "priority",
    "status",
    "kiosk",
    "issued_at",
    "printed_at",
    "first_called_at",
    "called_at",
    "started_at",
    "finished_at",
    "recall_count",
    "transferred_from_id",
    "note",
)


_T = m.Ticket.__table__.c
# Subqueries inside RETURNING, written so that SQLite, which drops table names there,
# still resolves every column to the right table.
_OF_THE_SERVICE = m.Service.id == _T.service_id
_OF_THE_AGENCY = m.Agency.id == (
    select(m.Service.agency_id).where(_OF_THE_SERVICE).correlate(m.Ticket).scalar_subquery()
)
# What an UPDATE of a ticket returns so that its view needs no second read
# (view_from_returned makes the view).
VIEW_COLUMNS = (
    *(_T[column] for column in TICKET_COLUMNS),
    select(m.Service.code).where(_OF_THE_SERVICE).scalar_subquery().label("service_code"),
    select(m.Service.name).where(_OF_THE_SERVICE).scalar_subquery().label("service_name"),
    select(m.Agency.code).where(_OF_THE_AGENCY).scalar_subquery().label("agency_code"),
    select(m.Agency.name).where(_OF_THE_AGENCY).scalar_subquery().label("agency_name"),
    select(m.Officer.username)
    .where(m.Officer.id == _T.officer_id)
    .scalar_subquery()
    .label("officer_username"),
)


def view_from_columns(
    ticket: Mapping[str, Any],
    service: Any,
    counter_number: int | None = None,
    counter_name: str | None = None,
    officer_username: str | None = None,
) -> TicketView:
    """A ticket's view from column values already at hand, so a hot path need not read the
    row back; a column missing from ``ticket`` is None. ``service`` carries service_code or
    code, service_name or name, agency_code and agency_name."""
    columns: dict[str, Any] = {column: ticket.get(column) for column in TICKET_COLUMNS}
    return TicketView(
        **columns,
        service_code=getattr(service, "service_code", None) or service.code,
        service_name=getattr(service, "service_name", None) or service.name,
        agency_code=service.agency_code,
        agency_name=service.agency_name,
        counter_number=counter_number,
        counter_name=counter_name,
        officer_username=officer_username,
    )


def ticket_view(tx: Tx, ticket_id: int) -> TicketView:
    tx.session.flush()
    query = _ticket_query().where(m.Ticket.id == ticket_id)
    return _view(tx.session.execute(query.execution_options(populate_existing=True)).one())


def ticket_views(tx: Tx, *conditions: Any) -> list[TicketView]:
    rows = tx.session.execute(_ticket_query().where(*conditions).order_by(m.Ticket.id))
    return [_view(row) for row in rows]


def find_ticket(tx: Tx, hall: HallRef, number: str, day: date) -> m.Ticket:
    """Today's ticket with this number (the latest hop, when it was transferred)."""
    row = tx.session.scalars(
        select(m.Ticket)
        .where(
            m.Ticket.hall_id == hall.id,
            m.Ticket.business_date == day,
            m.Ticket.number == number.strip().upper(),
        )
        .order_by(m.Ticket.hop.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFound("ticket_unknown", ticket=number)
    return row


def open_ticket_at(tx: Tx, counter_id: int) -> m.Ticket | None:
    return tx.session.scalars(
        select(m.Ticket).where(m.Ticket.counter_id == counter_id, m.TICKET_IS_OPEN)
    ).first()


def max_event_id(tx: Tx, hall: HallRef) -> int:
    return (
        tx.session.scalar(
            select(func.coalesce(func.max(m.Event.id), 0)).where(m.Event.hall_id == hall.id)
        )
        or 0
    )
