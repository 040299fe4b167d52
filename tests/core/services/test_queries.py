"""Front-end queries, live settings, device reports, and halls in other time zones."""

from __future__ import annotations

import pytest

from core.errors import ConfigError, NotFound
from core.feed import EventFeed
from core.hall import HallService
from core.hallfile import store
from tests.conftest import SMALL_HALL, ManualClock


def test_services_carry_agency_and_standar_pelayanan(hall: HallService) -> None:
    services = {s.code: s for s in hall.services()}
    assert list(services) == ["KTP", "KK", "SKCK", "SIM"]
    ktp = services["KTP"]
    assert (ktp.agency_short_name, ktp.agency_color, ktp.requirements, ktp.fee) == (
        "Disdukcapil",
        "#1565C0",
        ("Kartu Keluarga",),
        "Gratis",
    )


def test_recent_calls_newest_first(hall: HallService, fixed_clock: ManualClock) -> None:
    for code in ("KTP", "SKCK", "KK"):
        hall.issue(code, reserve_for_print=False)
    hall.call_next(1)
    fixed_clock.advance(seconds=5)
    hall.call_next(3)
    fixed_clock.advance(seconds=5)
    hall.call_next(2)
    assert [(t.number, t.counter_number) for t in hall.recent_calls(2)] == [
        ("A002", 2),
        ("S001", 3),
    ]


def test_settings_change_live_and_are_validated(hall: HallService) -> None:
    feed = EventFeed(hall.db, hall.hall.id)
    cursor = feed.latest_id()
    hall.update_settings({"running_text": "Layanan KTP-el hari ini sampai pukul 14.00"})
    assert hall.settings()["running_text"].startswith("Layanan KTP-el")
    event = feed.fetch(cursor)[-1]
    assert (event.kind, event.payload["changed"]) == ("hall.settings_changed", ["running_text"])
    with pytest.raises(ConfigError) as error:
        hall.update_settings({"announcement_template": "Nomor {nomor}"})
    assert "settings.announcement_template" in error.value.message("en")
    assert hall.settings()["running_text"].startswith("Layanan KTP-el")
    feed.close()


def test_device_report_is_an_event(hall: HallService) -> None:
    feed = EventFeed(hall.db, hall.hall.id)
    cursor = feed.latest_id()
    hall.report_device("kiosk-1", "printer", {"online": True, "paper": "near_end"})
    event = feed.fetch(cursor)[-1]
    assert (event.kind, event.payload) == (
        "printer.status",
        {"device": "kiosk-1", "online": True, "paper": "near_end"},
    )
    feed.close()


@pytest.mark.parametrize(
    ("zone", "offset"), [("Asia/Makassar", "+08:00"), ("Asia/Jayapura", "+09:00")]
)
def test_hall_in_wita_or_wit_counts_days_and_hours_locally(
    db, fixed_clock: ManualClock, zone: str, offset: str
) -> None:
    text = SMALL_HALL.read_text().replace('timezone = "Asia/Jakarta"', f'timezone = "{zone}"')
    store.import_spec(db, store.parse(text))
    hall = HallService.open(db, "uji")
    fixed_clock.set(f"2026-11-23T07:59:00{offset}")
    assert hall.availability("KTP").reason.value == "not_yet_open"
    fixed_clock.set(f"2026-11-23T08:00:00{offset}")  # 08:00 local, whatever UTC says
    assert hall.issue("KTP", reserve_for_print=False).ticket.number == "A001"
    fixed_clock.set(f"2026-11-24T08:00:00{offset}")
    ticket = hall.issue("KTP", reserve_for_print=False).ticket
    assert (ticket.number, ticket.business_date.isoformat()) == ("A001", "2026-11-24")


def test_one_counter_and_the_counter_list(hall: HallService) -> None:
    hall.issue("KK", reserve_for_print=False)
    hall.call_next(2)
    counter = hall.counter(2)
    assert (counter.number, counter.name, counter.zone, counter.services) == (
        2,
        "Loket 2",
        "Lantai 1",
        (("KK", 1), ("SKCK", 2)),
    )
    assert counter.current is not None and counter.current.number == "A001"
    assert hall.counter(1).current is None
    assert counter == next(c for c in hall.snapshot().counters if c.number == 2)
    assert [(c.number, c.name, c.zone) for c in hall.counters()] == [
        (1, "Loket 1", "Lantai 1"),
        (2, "Loket 2", "Lantai 1"),
        (3, "Loket 3", "Lantai 2"),
    ]
    with pytest.raises(NotFound) as error:
        hall.counter(9)
    assert error.value.code == "counter_unknown"


def test_the_workstation_reads_everything_in_one_view(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    officer = hall.add_officer("sari", "rahasia-123", full_name="Sari Dewi")
    for code in ("SKCK", "KK", "KK"):
        hall.issue(code, reserve_for_print=False)
    hall.call_next(2, officer_id=officer.id)
    fixed_clock.advance(minutes=4)
    hall.finish(2)
    hall.call_next(2)
    hall.park(2)
    cursor = EventFeed(hall.db, hall.hall.id).latest_id()
    view = hall.workstation(2, officer.id)
    assert view.last_event_id == cursor
    assert [t.number for t in view.waiting] == ["S001"]  # KK (rank 1) first; SKCK helps
    assert [t.number for t in view.parked] == ["A002"]
    assert (view.counter_figures.served, view.officer_figures.served) == (1, 1)
    assert view.settings is None and view.services is None
    configured = hall.workstation(2, with_config=True)
    assert configured.settings == hall.settings()
    assert [s.code for s in configured.services or ()] == ["KTP", "KK", "SKCK", "SIM"]
