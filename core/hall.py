"""The one door front ends use: a hall's queue operations, each one transaction.

Kiosk, counter, display and CLI call these methods; they take plain arguments and
return frozen views (core.views). Retry-safe operations accept a ``request_id``: a
repeated request with the same id is applied once and returns the first result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select

from core.db import models as m
from core.db import schema
from core.db.database import Database, Tx
from core.domain.enums import CounterState, Priority, Role, TransferPosition
from core.errors import ConfigError, NotFound, Refused
from core.feed import Subscription
from core.services import (
    calling,
    counters,
    days,
    hall_settings,
    issuing,
    officers,
    queries,
    snapshot,
)
from core.services.lookup import hall_ref, service_row, ticket_views, today
from core.views import (
    CounterFigures,
    CounterInfo,
    CounterView,
    EventView,
    HallLogo,
    HallRef,
    IssuedTicket,
    OfficerAccount,
    OfficerView,
    QueueSnapshot,
    ServiceAvailability,
    ServiceInfo,
    TicketView,
    WorkstationView,
    from_json,
    to_json,
)

if TYPE_CHECKING:
    from core.hallfile.spec import HallSpec

T = TypeVar("T")


def resolve_hall(db: Database, code: str | None) -> HallRef:
    """The hall by code; with no code, the only hall in the database."""

    def work(tx: Tx) -> HallRef:
        if code:
            row = tx.session.scalars(select(m.Hall).where(m.Hall.code == code)).first()
            if row is None:
                raise NotFound("hall_unknown", hall=code)
            return hall_ref(row)
        rows = list(tx.session.scalars(select(m.Hall).order_by(m.Hall.code)))
        if not rows:
            raise ConfigError("no_hall")
        if len(rows) > 1:
            raise ConfigError("hall_ambiguous", halls=", ".join(r.code for r in rows))
        return hall_ref(rows[0])

    return db.read(work)


class HallService:
    def __init__(self, db: Database, hall: HallRef) -> None:
        self.db = db
        self.hall = hall

    @classmethod
    def open(cls, db: Database, code: str | None = None) -> HallService:
        return cls(db, resolve_hall(db, code))

    # --- opening, following, letting go: all a front end needs besides the calls below ---

    @classmethod
    def connect(cls, url: str, code: str | None = None) -> HallService:
        """The hall in the database at ``url``, schema checked (``core.db.schema.connect``).

        DatabaseUnavailable while the database cannot be reached (DatabaseMissing: no SQLite
        file at its path); a program that waits for it calls again later.
        """
        db = schema.connect(url)
        try:
            return cls.open(db, code)
        except BaseException:
            db.dispose()
            raise

    @classmethod
    def set_up(cls, url: str, spec: HallSpec) -> HallService:
        """What ``antre db upgrade`` then ``antre hall import`` do, for the demo: the database
        at ``url`` made (or brought to the newest schema), the hall file imported, its hall."""
        from core.hallfile import store

        db = Database(url, create=True)
        try:
            schema.upgrade(db)
            store.import_spec(db, spec)
            return cls.open(db, spec.code)
        except BaseException:
            db.dispose()
            raise

    def subscribe(
        self,
        cursor: int,
        on_events: Callable[[list[EventView]], None],
        on_status: Callable[[bool], None] | None = None,
        *,
        wait_seconds: float = 1.0,
    ) -> Subscription:
        """The hall's events after ``cursor``, handed over from a background thread once
        started; ``on_status`` hears when the database is lost (False) and back (True)."""
        return Subscription(
            self.db, self.hall.id, cursor, on_events, on_status, wait_seconds=wait_seconds
        )

    def check_file(self) -> None:
        """DatabaseMissing when the SQLite file is gone from its path or replaced (the reason
        an outage has); nothing on PostgreSQL."""
        self.db.check_file()

    def dispose(self) -> None:
        """Let the pooled connections go: at exit, and after an outage (a SQLite handle that
        lived through a lost share may stay read-only)."""
        self.db.dispose()

    def _write(
        self,
        operation: str,
        work: Callable[[Tx], T],
        request_id: str | None,
        result_type: object,
    ) -> T:
        if request_id is None:
            return self.db.transact(work)
        return self.db.transact(
            work,
            request=(self.hall.id, request_id, operation),
            encode=to_json,
            decode=lambda data: from_json(result_type, data),
        )

    # --- kiosk -----------------------------------------------------------------------

    def issue(
        self,
        service_code: str,
        priority: Priority = Priority.REGULAR,
        *,
        kiosk: str | None = None,
        reserve_for_print: bool = True,
        request_id: str | None = None,
    ) -> IssuedTicket:
        return self._write(
            "issue",
            lambda tx: issuing.issue(
                tx, self.hall, service_code, priority, kiosk, reserve_for_print
            ),
            request_id,
            IssuedTicket,
        )

    def confirm_printed(self, ticket_id: int) -> None:
        self.db.transact(lambda tx: issuing.confirm_printed(tx, self.hall, ticket_id))

    def print_failed(self, ticket_id: int, reason: str) -> None:
        self.db.transact(lambda tx: issuing.print_failed(tx, self.hall, ticket_id, reason))

    def availability(self, service_code: str) -> ServiceAvailability:
        return self.db.read(
            lambda tx: issuing.service_availability(
                tx, self.hall, service_row(tx, self.hall, service_code)
            )
        )

    def sweep_prints(self) -> int:
        """Void prints never confirmed within two minutes (also done on every issue)."""
        return self.db.transact(lambda tx: issuing.void_stale_prints(tx, self.hall))

    # --- counter ---------------------------------------------------------------------

    def call_next(
        self, counter_number: int, *, officer_id: int | None = None, request_id: str | None = None
    ) -> TicketView | None:
        return self._write(
            "call_next",
            lambda tx: calling.call_next(tx, self.hall, counter_number, officer_id),
            request_id,
            TicketView | None,
        )

    def call_ticket(
        self,
        counter_number: int,
        number: str,
        *,
        officer_id: int | None = None,
        request_id: str | None = None,
    ) -> TicketView:
        return self._write(
            "call_ticket",
            lambda tx: calling.call_ticket(tx, self.hall, counter_number, number, officer_id),
            request_id,
            TicketView,
        )

    def recall(self, counter_number: int, *, request_id: str | None = None) -> TicketView:
        return self._write(
            "recall",
            lambda tx: calling.recall(tx, self.hall, counter_number),
            request_id,
            TicketView,
        )

    def start(self, counter_number: int, *, request_id: str | None = None) -> TicketView:
        return self._write(
            "start", lambda tx: calling.start(tx, self.hall, counter_number), request_id, TicketView
        )

    def finish(
        self, counter_number: int, number: str | None = None, *, request_id: str | None = None
    ) -> TicketView:
        return self._write(
            "finish",
            lambda tx: calling.finish(tx, self.hall, counter_number, number),
            request_id,
            TicketView,
        )

    def no_show(
        self, counter_number: int, number: str | None = None, *, request_id: str | None = None
    ) -> TicketView:
        return self._write(
            "no_show",
            lambda tx: calling.no_show(tx, self.hall, counter_number, number),
            request_id,
            TicketView,
        )

    def transfer(
        self,
        counter_number: int,
        service_code: str,
        position: TransferPosition = TransferPosition.BACK,
        note: str = "",
        *,
        request_id: str | None = None,
    ) -> TicketView:
        return self._write(
            "transfer",
            lambda tx: calling.transfer(
                tx, self.hall, counter_number, service_code, position, note
            ),
            request_id,
            TicketView,
        )

    def park(
        self, counter_number: int, note: str = "", *, request_id: str | None = None
    ) -> TicketView:
        return self._write(
            "park",
            lambda tx: calling.park(tx, self.hall, counter_number, note),
            request_id,
            TicketView,
        )

    def resume(
        self,
        counter_number: int,
        number: str,
        *,
        officer_id: int | None = None,
        request_id: str | None = None,
    ) -> TicketView:
        return self._write(
            "resume",
            lambda tx: calling.resume(tx, self.hall, counter_number, number, officer_id),
            request_id,
            TicketView,
        )

    def set_counter_state(
        self, counter_number: int, state: CounterState, *, officer_id: int | None = None
    ) -> CounterState:
        return self.db.transact(
            lambda tx: counters.set_state(tx, self.hall, counter_number, state, officer_id)
        )

    def set_assignments(self, counter_number: int, ranks: Mapping[str, int]) -> dict[str, int]:
        return self.db.transact(
            lambda tx: counters.set_assignments(tx, self.hall, counter_number, ranks)
        )

    def assignments(self, counter_number: int) -> dict[str, int]:
        return self.db.read(lambda tx: counters.assignments(tx, self.hall, counter_number))

    # --- hall ------------------------------------------------------------------------

    def snapshot(self) -> QueueSnapshot:
        return self.db.read(lambda tx: snapshot.snapshot(tx, self.hall))

    def tickets_today(self) -> list[TicketView]:
        return self.db.read(
            lambda tx: ticket_views(
                tx, m.Ticket.hall_id == self.hall.id, m.Ticket.business_date == today(tx, self.hall)
            )
        )

    def counter(self, number: int) -> CounterView:
        """One counter without the whole-hall snapshot."""
        return self.db.read(lambda tx: queries.counter(tx, self.hall, number))

    def counters(self) -> list[CounterInfo]:
        return self.db.read(lambda tx: queries.counters(tx, self.hall))

    def workstation(
        self, counter_number: int, officer_id: int | None = None, *, with_config: bool = False
    ) -> WorkstationView:
        """What an officer's screen shows, read in one transaction; settings and services
        (which rarely change) only ``with_config``."""
        return self.db.read(
            lambda tx: queries.workstation(tx, self.hall, counter_number, officer_id, with_config)
        )

    def waiting_tickets(self, counter_number: int) -> list[TicketView]:
        return self.db.read(lambda tx: queries.waiting_tickets(tx, self.hall, counter_number))

    def parked_tickets(self, counter_number: int) -> list[TicketView]:
        return self.db.read(lambda tx: queries.parked_tickets(tx, self.hall, counter_number))

    def counter_figures(self, counter_number: int, officer_id: int | None = None) -> CounterFigures:
        return self.db.read(
            lambda tx: queries.counter_figures(tx, self.hall, counter_number, officer_id)
        )

    def services(self) -> list[ServiceInfo]:
        return self.db.read(lambda tx: queries.services(tx, self.hall))

    def recent_calls(self, limit: int = 10) -> list[TicketView]:
        return self.db.read(lambda tx: queries.recent_calls(tx, self.hall, limit))

    def settings(self) -> dict[str, object]:
        return self.db.read(lambda tx: queries.settings(tx, self.hall))

    def logo(self) -> HallLogo | None:
        """The hall's logo, or None; read on demand (it is not part of the snapshot)."""
        return self.db.read(lambda tx: queries.logo(tx, self.hall))

    def update_settings(self, changes: Mapping[str, object]) -> dict[str, object]:
        return self.db.transact(lambda tx: hall_settings.update_settings(tx, self.hall, changes))

    def report_device(self, device: str, kind: str, status: Mapping[str, object]) -> None:
        self.db.transact(
            lambda tx: hall_settings.report_device(tx, self.hall, device, kind, status)
        )

    def end_of_day(self) -> days.DayClosed:
        return self.db.transact(lambda tx: days.end_of_day(tx, self.hall))

    # --- officers --------------------------------------------------------------------

    def add_officer(
        self, username: str, password: str, role: Role = Role.OFFICER, full_name: str = ""
    ) -> OfficerView:
        return self.db.transact(
            lambda tx: officers.add_officer(tx, self.hall, username, full_name, role, password)
        )

    def officers(self) -> tuple[OfficerAccount, ...]:
        """Every account of the hall, by username (the hall manager's list)."""
        return self.db.read(lambda tx: officers.list_officers(tx, self.hall))

    def disable_officer(self, username: str) -> OfficerAccount:
        """The officer can no longer log in; NotFound for an unknown username."""
        return self.db.transact(lambda tx: officers.set_active(tx, self.hall, username, False))

    def enable_officer(self, username: str) -> OfficerAccount:
        return self.db.transact(lambda tx: officers.set_active(tx, self.hall, username, True))

    def unlock_officer(self, username: str) -> OfficerAccount:
        """A locked officer may log in at once; the count of wrong passwords starts again."""
        return self.db.transact(lambda tx: officers.unlock(tx, self.hall, username))

    def set_officer_role(self, username: str, role: Role | str) -> OfficerAccount:
        """ConfigError ``bad_role`` for a role Antre does not know."""
        return self.db.transact(lambda tx: officers.set_role(tx, self.hall, username, role))

    def set_officer_password(self, username: str, password: str) -> OfficerAccount:
        """ConfigError ``password_too_short`` below officers.MIN_PASSWORD characters."""
        return self.db.transact(lambda tx: officers.set_password(tx, self.hall, username, password))

    def login(self, username: str, password: str) -> OfficerView:
        """The officer, or Refused (wrong password, locked). Failures are recorded either way."""
        result = self.db.transact(
            lambda tx: officers.check_login(tx, self.hall, username, password)
        )
        if result.officer is None:
            raise Refused(result.refusal or "login_failed", minutes=result.locked_minutes)
        return result.officer
