"""Screens that are not the happy path: closed services, live updates, idle, language, staff."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from core.config import data_dir
from core.domain.enums import TicketStatus
from tests.conftest import draw_logo, import_small_hall
from tests.kiosk.kiosk_helpers import escpos_stream, find, tap

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_closed_service_shows_its_reason_and_cannot_be_tapped(make_kiosk, hall, fixed_clock, qtbot):
    fixed_clock.set("2026-11-23T12:30:00+07:00")  # lunch break; SIM closed at 12:00
    kiosk = make_kiosk("none")
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    ktp = find(kiosk, "service-KTP")
    assert not ktp.isEnabled()
    assert ktp.reason == "Istirahat · buka kembali pukul 13:00"
    qtbot.mouseClick(ktp, Qt.MouseButton.LeftButton)
    assert kiosk.current is kiosk.services and hall.tickets_today() == []
    tap(qtbot, find(kiosk, "back"))
    tap(qtbot, find(kiosk, "agency-POLRES"))
    assert find(kiosk, "service-SIM").reason == "Sudah lewat batas waktu pengambilan nomor hari ini"
    tap(qtbot, find(kiosk, "info-SIM"))  # the standard stays readable while closed
    assert not kiosk.info.take.isVisible() and kiosk.info.closed_note.isVisible()

    fixed_clock.set("2026-11-23T13:05:00+07:00")  # hours passing need no event
    kiosk.data.refresh()
    tap(qtbot, find(kiosk.info, "back"))
    tap(qtbot, find(kiosk, "back"))
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    qtbot.waitUntil(lambda: find(kiosk, "service-KTP").isEnabled(), timeout=3000)


def test_counts_follow_the_event_feed(make_kiosk, hall, qtbot):
    kiosk = make_kiosk("none")
    tap(qtbot, find(kiosk, "agency-POLRES"))
    skcK = find(kiosk, "service-SKCK")
    assert skcK.figures[0] == "0 menunggu"
    hall.issue("SKCK", kiosk="kiosk-2", reserve_for_print=False)  # another kiosk
    hall.issue("SKCK", kiosk="kiosk-2", reserve_for_print=False)
    qtbot.waitUntil(lambda: find(kiosk, "service-SKCK").figures[0] == "2 menunggu", timeout=5000)
    for number in (2, 3):  # no counter assigned: the service says so without a restart
        hall.set_assignments(number, {})
    qtbot.waitUntil(lambda: not find(kiosk, "service-SKCK").isEnabled(), timeout=5000)
    assert find(kiosk, "service-SKCK").reason == "Belum ada loket yang melayani"
    assert kiosk.data.refreshes < 20  # throttled, not one read per event


@SQLITE_ONLY
def test_idle_returns_home_and_result_returns_by_itself(make_kiosk, qtbot):
    kiosk = make_kiosk("none", idle_seconds=0.4, on_screen_seconds=0.6)
    tap(qtbot, find(kiosk, "priority-lane"))
    assert kiosk.current is kiosk.priority
    qtbot.waitUntil(lambda: kiosk.current is kiosk.home, timeout=3000)
    tap(qtbot, find(kiosk, "agency-POLRES"))
    tap(qtbot, find(kiosk, "service-SKCK"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.on_screen, timeout=3000)
    qtbot.waitUntil(lambda: kiosk.current is kiosk.home, timeout=3000)


def test_language_switch_retranslates_everything(make_kiosk, fixed_clock, qtbot):
    fixed_clock.set("2026-11-23T12:30:00+07:00")
    kiosk = make_kiosk("none")
    assert kiosk.home.title.text() == "Silakan pilih instansi"
    tap(qtbot, find(kiosk, "lang-en"))
    qtbot.waitUntil(lambda: kiosk.home.title.text() == "Please choose an agency", timeout=3000)
    assert kiosk.header.date.text() == "Monday, 23 November 2026"
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    assert find(kiosk, "service-KTP").reason == "On a break · reopens at 13:00"
    assert find(kiosk, "service-KK").reason == "On a break · reopens at 13:00"
    assert kiosk.services.back_button.text() == "Back"
    tap(qtbot, find(kiosk, "lang-id"))
    qtbot.waitUntil(lambda: kiosk.services.back_button.text() == "Kembali", timeout=3000)
    assert find(kiosk, "service-KTP").reason.startswith("Istirahat")


def test_refusal_uses_the_core_message(make_kiosk, hall, qtbot):
    kiosk = make_kiosk("none")
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    hall.set_assignments(1, {})  # KTP loses its only counter between the screen and the tap
    kiosk.take_ticket("KTP")
    qtbot.waitUntil(lambda: kiosk.current is kiosk.notice, timeout=3000)
    assert kiosk.notice.message.text() == "Belum ada loket yang melayani Perekaman KTP-el."


def test_database_down_then_back(make_kiosk, breakable_hall, hall, qtbot):
    service, cut, restore = breakable_hall
    kiosk = make_kiosk("none", hall_service=service)
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    cut()
    kiosk.take_ticket("KTP")  # the tap that finds the database gone
    qtbot.waitUntil(lambda: kiosk.current is kiosk.unavailable, timeout=8000)
    assert kiosk.unavailable.title.text() == "Layanan sementara tidak tersedia"
    assert not kiosk.data.online
    restore()
    qtbot.waitUntil(lambda: kiosk.current is kiosk.home, timeout=10000)
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "service-KTP"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.on_screen, timeout=5000)
    waiting = [t for t in hall.tickets_today() if t.status is TicketStatus.WAITING]
    assert [t.number for t in waiting] == [kiosk.on_screen.card.number.text()]


def test_hidden_gesture_pin_and_staff_menu(make_kiosk, printer_server, qtbot):
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri)
    exits = []
    kiosk.exit_requested.connect(lambda: exits.append(True))
    for _ in range(4):
        qtbot.mouseClick(kiosk.header.emblem, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert kiosk.current is kiosk.home  # four taps are not enough
    qtbot.mouseClick(kiosk.header.emblem, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert kiosk.current is kiosk.pin
    for key in "9999":
        tap(qtbot, find(kiosk, f"pin-{key}"))
    tap(qtbot, find(kiosk, "pin-ok"))
    assert kiosk.pin.error.text() == "PIN salah." and kiosk.current is kiosk.pin
    for key in "1234":
        tap(qtbot, find(kiosk, f"pin-{key}"))
    tap(qtbot, find(kiosk, "pin-ok"))
    assert kiosk.current is kiosk.admin
    tap(qtbot, find(kiosk, "admin-test-print"))
    qtbot.waitUntil(lambda: kiosk.admin.result.text() == "Tiket sudah dicetak.", timeout=5000)
    job = escpos_stream.decode(printer.job_bytes())
    assert "UJI" in job.text() and job.cuts
    tap(qtbot, find(kiosk, "admin-exit"))
    assert exits == [True]


@SQLITE_ONLY
def test_touch_targets_and_columns_follow_the_screen(make_kiosk, qtbot):
    kiosk = make_kiosk("none")
    assert kiosk.home.grid.columns == 4
    for name in ("agency-DUKCAPIL", "priority-lane", "lang-en", "lang-id"):
        widget = find(kiosk, name)
        assert widget.height() >= 120 and widget.width() >= 120, name
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    for name in ("service-KTP", "info-KTP", "back"):
        widget = find(kiosk, name)
        assert widget.height() >= 120 and widget.width() >= 120, name
    kiosk.resize(1080, 1920)
    qtbot.waitUntil(lambda: kiosk.ctx.metrics.portrait)
    kiosk.show_home()
    qtbot.waitUntil(lambda: kiosk.home.grid.columns == 2)
    kiosk.resize(1366, 768)
    qtbot.waitUntil(lambda: kiosk.home.grid.columns == 4)
    assert (kiosk.width(), kiosk.height()) == (1366, 768)


def _near(colour: QColor, expected: str, tolerance: int = 24) -> bool:
    want = QColor(expected)
    return all(
        abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True)
    )


def test_header_shows_the_hall_logo_from_the_database(hall_logo, make_kiosk, tmp_path, qtbot):
    kiosk = make_kiosk("none")
    emblem = kiosk.header.emblem
    assert kiosk.data.logo == data_dir() / "logos" / "uji.png"
    assert kiosk.data.logo.read_bytes() == hall_logo
    assert emblem.logo is not None and not emblem.logo.isNull()
    picture = emblem.grab().toImage()
    assert picture.save(str(tmp_path / "emblem.png"))
    # the made-up logo's amber disc, where the drawn emblem is white
    assert _near(picture.pixelColor(picture.width() // 2, picture.height() // 4), "#F59E0B")


def test_header_draws_its_emblem_without_a_logo_and_follows_a_new_hall_file(
    make_kiosk, hall, tmp_path, qtbot
):
    kiosk = make_kiosk("none")
    emblem = kiosk.header.emblem
    assert kiosk.data.logo is None and emblem.logo is None
    picture = emblem.grab().toImage()
    assert _near(picture.pixelColor(picture.width() // 2, picture.height() // 4), "#FFFFFF")

    draw_logo(tmp_path / "baru.png")
    import_small_hall(hall.db, tmp_path, "baru.png")  # hall.config_changed on the feed
    qtbot.waitUntil(lambda: emblem.logo is not None, timeout=5000)
    import_small_hall(hall.db, tmp_path, None)
    qtbot.waitUntil(lambda: emblem.logo is None, timeout=5000)
    assert kiosk.data.logo is None
