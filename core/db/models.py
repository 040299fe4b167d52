"""The hall database, as SQLAlchemy 2 typed models.

Every row belongs to a hall, so one PostgreSQL database can serve all halls of a province.
The guarantees of the queue are also constraints here: one number per prefix and day,
one open ticket per counter.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.db.types import BigId, Json, UTCDateTime, value_enum
from core.domain.enums import CounterState, Priority, Role, TicketStatus

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: Json}


class Hall(Base):
    __tablename__ = "halls"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Jakarta")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    schedules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The hall's logo (PNG or JPEG bytes), set by the hall file. Deferred: loading a hall row
    # (every issue and call does) never drags the picture along; HallService.logo() reads it.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_type: Mapped[str | None] = mapped_column(String(8))  # "png" or "jpeg"


class Agency(Base):
    __tablename__ = "agencies"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    color: Mapped[str] = mapped_column(String(16), default="#1565C0")
    icon: Mapped[str] = mapped_column(String(64), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Service(Base):
    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(2))
    schedule: Mapped[str | None] = mapped_column(String(64))
    hours: Mapped[dict[str, Any] | None] = mapped_column()
    daily_quota: Mapped[int | None] = mapped_column(Integer)
    service_minutes: Mapped[int] = mapped_column(Integer, default=10)
    cutoff_minutes: Mapped[int] = mapped_column(Integer, default=0)
    requirements: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"items": [...]}
    procedure: Mapped[str] = mapped_column(Text, default="")
    completion_time: Mapped[str] = mapped_column(Text, default="")
    fee: Mapped[str] = mapped_column(Text, default="")
    product: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Counter(Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(24), default="", server_default="")
    zone: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[CounterState] = mapped_column(
        value_enum(CounterState), default=CounterState.CLOSED
    )
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Assignment(Base):
    """Which services a counter calls: rank 1 first, rank 2 when rank-1 queues are empty."""

    __tablename__ = "assignments"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, default=1)


class Officer(Base):
    __tablename__ = "officers"
    __table_args__ = (UniqueConstraint("hall_id", "username"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    username: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(value_enum(Role), default=Role.OFFICER)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column()
    success: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(String(64), default="")


class Holiday(Base):
    __tablename__ = "holidays"
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class NumberStream(Base):
    """The last number handed out per prefix and business day; its row lock orders issuing."""

    __tablename__ = "number_streams"
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(2), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


OPEN_AT_COUNTER = text("status IN ('called', 'serving')")
WAITING = text("status = 'waiting'")
# 0 for a priority ticket, 1 for a regular one: the second key of the call order. Written
# with constants, as ix_tickets_queue is, so that queries can walk that index.
PRIORITY_FIRST = text("(CASE WHEN priority = 'regular' THEN 1 ELSE 0 END)")


def ticket_status_in(*statuses: str, table: str = "tickets") -> Any:
    """``table.status IN (…)`` written with constants. SQLite (and PostgreSQL's generic plans,
    used after five runs of a prepared statement) use a partial index, or find the few rows
    of a rare status through an index, only when the query states the status as constants,
    never as parameters. One status is written ``= 'x'``: SQLite takes a partial index
    ``WHERE status = 'x'`` only for a query that says just that, not ``IN ('x')``."""
    if len(statuses) == 1:
        return text(f"{table}.status = '{statuses[0]}'")
    values = ", ".join(f"'{status}'" for status in statuses)
    return text(f"{table}.status IN ({values})")


TICKET_IS_OPEN = ticket_status_in("called", "serving")
TICKET_IS_PRINTING = ticket_status_in("printing")
TICKET_IS_DONE = ticket_status_in("done")
DONE = text("status = 'done'")


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # One number per prefix and day. A transfer continues the same number as hop 1, 2, …
        UniqueConstraint("hall_id", "business_date", "prefix", "seq", "hop"),
        # A counter holds at most one open ticket.
        Index(
            "uq_tickets_open_counter",
            "counter_id",
            unique=True,
            sqlite_where=OPEN_AT_COUNTER,
            postgresql_where=OPEN_AT_COUNTER,
        ),
        # Waiting tickets of a service and day in call order (priority first, then first
        # come), whatever the size of the history or of the queue.
        Index(
            "ix_tickets_queue",
            "service_id",
            "business_date",
            PRIORITY_FIRST,
            "queue_pos",
            "id",
            sqlite_where=WAITING,
            postgresql_where=WAITING,
        ),
        # Finished tickets of a service and day in finish order: the wait estimate reads
        # the last few, however many were served before them.
        Index(
            "ix_tickets_finished",
            "service_id",
            "business_date",
            "finished_at",
            "id",
            sqlite_where=DONE,
            postgresql_where=DONE,
        ),
        Index("ix_tickets_service_day", "service_id", "business_date"),
        Index("ix_tickets_hall_status", "hall_id", "status"),
        # Today's tickets of a hall (snapshot, recent calls) and of a counter (its figures,
        # parked tickets), whatever the size of the history.
        Index("ix_tickets_hall_day", "hall_id", "business_date"),
        Index("ix_tickets_counter_day", "counter_id", "business_date"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    business_date: Mapped[date] = mapped_column(Date)
    prefix: Mapped[str] = mapped_column(String(2))
    seq: Mapped[int] = mapped_column(Integer)
    hop: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(12))
    priority: Mapped[Priority] = mapped_column(value_enum(Priority), default=Priority.REGULAR)
    status: Mapped[TicketStatus] = mapped_column(value_enum(TicketStatus))
    kiosk: Mapped[str | None] = mapped_column(String(64))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    queue_pos: Mapped[int] = mapped_column(BigId)
    issued_at: Mapped[datetime] = mapped_column()
    printed_at: Mapped[datetime | None] = mapped_column()
    first_called_at: Mapped[datetime | None] = mapped_column()
    called_at: Mapped[datetime | None] = mapped_column()
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class Request(Base):
    """A request id already applied, with its result: retries return it instead of acting twice."""

    __tablename__ = "requests"
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    operation: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict[str, Any] | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()


class Event(Base):
    """The feed every kiosk, counter and display follows; ids are the subscribers' cursor."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_hall_id", "hall_id", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()
