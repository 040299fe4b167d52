"""Issuing tickets: numbering, print reservation, availability, quotas, retries (both engines)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import event, insert, select

from core import clock
from core.db import models as m
from core.domain.enums import TicketStatus
from core.errors import NotFound, Refused
from core.hall import HallService
from core.services.issuing import PRINT_TIMEOUT
from tests.conftest import ManualClock


def statuses(hall: HallService) -> dict[str, str]:
    return {t.number: t.status.value for t in hall.tickets_today()}


def test_numbers_per_prefix_shared_by_services(hall: HallService) -> None:
    numbers = [
        hall.issue(code, reserve_for_print=False).ticket.number
        for code in ("KTP", "KK", "SKCK", "KTP")
    ]
    # KTP and KK share prefix A (one number stream); SKCK has its own.
    assert numbers == ["A001", "A002", "S001", "A003"]


def test_numbering_restarts_each_business_day_in_hall_time(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    fixed_clock.set("2026-11-23T14:00:00+07:00")
    assert hall.issue("KTP", reserve_for_print=False).ticket.number == "A001"
    fixed_clock.set("2026-11-24T09:00:00+07:00")
    first = hall.issue("KTP", reserve_for_print=False).ticket
    assert (first.number, first.business_date.isoformat()) == ("A001", "2026-11-24")


def test_midnight_wib_splits_days(hall: HallService, fixed_clock: ManualClock, db) -> None:
    # Issue straight into the stream at 23:59:59 and 00:00:01 WIB (the hall is closed then,
    # so draw numbers the way issuing does and check which day they land on).
    from core.services.issuing import next_seq
    from core.services.lookup import today

    days = []
    for instant in ("2026-11-23T23:59:59+07:00", "2026-11-24T00:00:01+07:00"):
        fixed_clock.set(instant)
        days.append(
            db.transact(
                lambda tx: (
                    today(tx, hall.hall),
                    next_seq(tx, hall.hall, "Z", today(tx, hall.hall)),
                )
            )
        )
    assert [(d.isoformat(), seq) for d, seq in days] == [("2026-11-23", 1), ("2026-11-24", 1)]


def test_print_reservation_then_confirm(hall: HallService) -> None:
    issued = hall.issue("KTP", kiosk="kiosk-1")
    assert issued.ticket.status is TicketStatus.PRINTING
    assert hall.call_next(1) is None  # not callable while printing
    hall.confirm_printed(issued.ticket.id)
    hall.confirm_printed(issued.ticket.id)  # a retried confirmation changes nothing
    called = hall.call_next(1)
    assert called is not None and called.number == issued.ticket.number


def test_print_failure_voids_and_number_is_not_reused(hall: HallService) -> None:
    failed = hall.issue("KTP")
    hall.print_failed(failed.ticket.id, "paper_out")
    assert statuses(hall)[failed.ticket.number] == "void"
    assert hall.call_next(1) is None
    assert hall.issue("KTP").ticket.number == "A002"
    with pytest.raises(Refused):
        hall.confirm_printed(failed.ticket.id)


def test_unconfirmed_print_is_voided_after_two_minutes(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    stale = hall.issue("KTP")
    fixed_clock.advance(seconds=PRINT_TIMEOUT.total_seconds() - 1)
    assert hall.sweep_prints() == 0
    fixed_clock.advance(seconds=2)
    assert hall.sweep_prints() == 1
    assert statuses(hall)[stale.ticket.number] == "void"


def test_issue_voids_stale_prints_on_the_way(hall: HallService, fixed_clock: ManualClock) -> None:
    stale = hall.issue("KTP")
    fixed_clock.advance(minutes=3)
    hall.issue("SKCK")
    assert statuses(hall)[stale.ticket.number] == "void"


@pytest.mark.parametrize(
    ("instant", "code"),
    [
        ("2026-11-23T07:30:00+07:00", "unavailable_not_yet_open"),
        ("2026-11-23T12:10:00+07:00", "unavailable_on_break"),
        ("2026-11-23T14:45:00+07:00", "unavailable_cutoff_passed"),
        ("2026-11-22T10:00:00+07:00", "unavailable_closed_today"),  # Sunday
        ("2026-12-25T10:00:00+07:00", "unavailable_holiday"),
    ],
)
def test_refusals_say_why_and_change_nothing(
    hall: HallService, fixed_clock: ManualClock, db, instant: str, code: str
) -> None:
    fixed_clock.set(instant)
    with pytest.raises(Refused) as error:
        hall.issue("KTP")
    assert error.value.code == code
    assert "Perekaman KTP-el" in error.value.message("id")
    assert hall.availability("KTP").reason.value == code.removeprefix("unavailable_")
    with db.engine.connect() as connection:
        assert connection.execute(select(m.Ticket.id)).all() == []
        assert connection.execute(select(m.NumberStream.prefix)).all() == []  # no number consumed


def test_quota_reached(hall: HallService, db) -> None:
    from sqlalchemy import update

    with db.engine.begin() as connection:
        connection.execute(update(m.Service).where(m.Service.code == "KTP").values(daily_quota=2))
    hall.issue("KTP", reserve_for_print=False)
    voided = hall.issue("KTP")
    hall.print_failed(voided.ticket.id, "refused")  # voided tickets do not use the quota
    hall.issue("KTP", reserve_for_print=False)
    with pytest.raises(Refused) as error:
        hall.issue("KTP")
    assert error.value.code == "unavailable_quota_reached"
    assert (
        hall.issue("KK", reserve_for_print=False).ticket.number == "A004"
    )  # same prefix, other service


def test_service_without_counter(hall: HallService) -> None:
    hall.set_assignments(3, {"SKCK": 1})  # SIM loses its only counter
    assert hall.availability("SIM").reason.value == "no_counter"
    with pytest.raises(Refused, match="SIM|Perpanjangan"):
        hall.issue("SIM")


def test_unknown_service(hall: HallService) -> None:
    with pytest.raises(NotFound) as error:
        hall.issue("NOPE")
    assert error.value.message("id") == 'Layanan "NOPE" tidak dikenal.'


def test_request_id_makes_issue_retry_safe(hall: HallService) -> None:
    first = hall.issue("KTP", kiosk="k1", request_id="kiosk-1:0001")
    again = hall.issue("KTP", kiosk="k1", request_id="kiosk-1:0001")
    assert again == first
    assert len(hall.tickets_today()) == 1
    assert hall.issue("KTP", request_id="kiosk-1:0002").ticket.number == "A002"


def test_events_written_with_each_change(hall: HallService) -> None:
    from core.feed import EventFeed

    feed = EventFeed(hall.db, hall.hall.id)
    start = feed.latest_id()
    issued = hall.issue("KTP")
    hall.confirm_printed(issued.ticket.id)
    kinds = [(e.kind, e.payload.get("number")) for e in feed.fetch(start)]
    assert kinds == [("ticket.issued", "A001"), ("ticket.printed", "A001")]
    feed.close()


def test_print_timeout_constant() -> None:
    assert timedelta(minutes=2) == PRINT_TIMEOUT


def test_a_late_confirmation_revives_a_ticket_voided_by_the_timeout(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    # The kiosk printed, then lost the database for longer than the print timeout.
    printed = hall.issue("KTP", kiosk="kiosk-1")
    fixed_clock.advance(minutes=3)
    hall.sweep_prints()
    assert statuses(hall)[printed.ticket.number] == "void"
    hall.confirm_printed(printed.ticket.id)
    assert statuses(hall)[printed.ticket.number] == "waiting"
    failed = hall.issue("KTP")
    hall.print_failed(failed.ticket.id, "paper_out")
    with pytest.raises(Refused):
        hall.confirm_printed(failed.ticket.id)  # a real print failure stays void


def finished_today(hall: HallService, code: str, count: int, first_seq: int) -> None:
    """`count` tickets of service `code` served today before 09:00, straight into the table."""
    now, day = clock.now(), hall.snapshot().business_date
    with hall.db.engine.begin() as connection:
        service = connection.execute(
            select(m.Service.id, m.Service.prefix).where(
                m.Service.hall_id == hall.hall.id, m.Service.code == code
            )
        ).one()
        called = [now - timedelta(hours=1, seconds=k) for k in range(count)]
        connection.execute(
            insert(m.Ticket),
            [
                {
                    "hall_id": hall.hall.id,
                    "service_id": service.id,
                    "business_date": day,
                    "prefix": "Z",  # a prefix of its own: the numbers drawn today stay free
                    "seq": first_seq + k,
                    "number": f"Z{first_seq + k}",
                    "status": TicketStatus.DONE,
                    "queue_pos": k,
                    "issued_at": at - timedelta(minutes=5),
                    "called_at": at,
                    "started_at": at,
                    "finished_at": at + timedelta(minutes=7),
                }
                for k, at in enumerate(called)
            ],
        )


def sqlite_steps_of(hall: HallService, work: Callable[[], object]) -> int:
    """The virtual-machine instructions SQLite runs for `work`: a measure of the rows it
    reads that does not depend on how busy the machine is."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    watched = []

    def watch(connection, *_: object) -> None:
        watched.append(connection.connection.driver_connection)
        watched[-1].set_progress_handler(count, 1)

    event.listen(hall.db.engine, "before_cursor_execute", watch)
    try:
        work()
    finally:
        event.remove(hall.db.engine, "before_cursor_execute", watch)
        for driver_connection in watched:
            driver_connection.set_progress_handler(None, 1)
    return steps[0]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_issue_costs_the_same_late_in_the_day(hall: HallService) -> None:
    """Issuing reads the few tickets it needs, not the day's history: the 2,000 tickets the
    service finished before make no difference (they made issue 3–4 times slower)."""
    finished_today(hall, "SKCK", 30, first_seq=1)
    hall.issue("SKCK", reserve_for_print=False)  # the statements are compiled and cached
    early = sqlite_steps_of(hall, lambda: hall.issue("SKCK", reserve_for_print=False))
    finished_today(hall, "SKCK", 2000, first_seq=100)
    late = sqlite_steps_of(hall, lambda: hall.issue("SKCK", reserve_for_print=False))
    assert late < early * 1.1
