"""The touch flow end to end: taps on a real window, a TCP printer, the real database."""

from __future__ import annotations

import pytest

from core.domain.enums import Priority, TicketStatus
from core.feed import EventFeed
from tests.kiosk.kiosk_helpers import PAPER_OK, PAPER_OUT, escpos_stream, find, tap

QR = "https://mpp.example/antrean/uji/2026-11-23/{number}"


def tickets(hall):
    return hall.tickets_today()


def test_two_taps_print_a_ticket_that_is_then_waiting(make_kiosk, printer_server, hall, qtbot):
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri)
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    assert kiosk.current is kiosk.services
    tap(qtbot, find(kiosk, "service-KTP"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.result, timeout=5000)

    job = escpos_stream.decode(printer.job_bytes())
    assert any(line.text.strip() == "A001" and line.width >= 4 for line in job.lines)
    assert job.qr_payloads == [QR.format(number="A001").encode()]
    assert job.cuts, "the ticket must be cut"
    assert job.rasters == []  # no logo in this hall
    assert "Perekaman KTP-el" in job.text()
    (ticket,) = tickets(hall)
    assert (ticket.number, ticket.status, ticket.kiosk) == (
        "A001",
        TicketStatus.WAITING,
        "kiosk-uji",
    )
    assert ticket.printed_at is not None
    card = kiosk.result.card
    assert card.number.text() == "A001"
    assert kiosk.result.ahead.value.text() == "0"
    assert kiosk.result.counters.value.text() == "Loket 1"


def test_the_hall_logo_from_the_database_heads_the_ticket(
    hall_logo, make_kiosk, printer_server, qtbot
):
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri)
    assert kiosk.data.logo is not None and kiosk.data.logo.read_bytes() == hall_logo
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "service-KTP"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.result, timeout=5000)

    job = escpos_stream.decode(printer.job_bytes())
    assert len(job.rasters) == 1, job.names()  # the logo, a raster image (GS v 0)
    assert job.names().index("raster") < job.names().index("lf")  # above everything else
    assert any(line.text.strip() == "A001" for line in job.lines)
    assert kiosk.result.outcome.printable.logo_path == kiosk.data.logo


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("refused", "Printer menolak sambungan"),
        ("stall", "Printer tidak menjawab"),
        ("drop", "sambungan terputus"),
        ("paper_out", "Kertas printer habis"),
    ],
)
def test_print_failure_voids_the_ticket_and_says_so(
    mode, message, make_kiosk, printer_server, hall, qtbot
):
    if mode == "refused":
        refusing = printer_server("answer")
        uri = refusing.uri
    elif mode == "paper_out":
        paper_printer = printer_server("answer", paper=PAPER_OK)
        uri = paper_printer.uri
    elif mode == "drop":
        uri = printer_server("drop", drop_after=200).uri
    else:
        uri = printer_server("stall").uri
    kiosk = make_kiosk(uri, on_screen_fallback=False)
    qtbot.waitUntil(lambda: kiosk.monitor.checks >= 1 or mode == "stall", timeout=5000)
    if mode == "paper_out":  # the roll runs out after the last check, before this tap
        paper_printer.paper = PAPER_OUT
    if mode == "refused":  # switched off after the last check: nothing listens any more
        refusing.stop()
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "service-KTP"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.notice, timeout=8000)

    assert message in kiosk.notice.message.text()
    assert "A001" in kiosk.notice.detail.text()
    assert not kiosk.notice.secondary.isVisible()  # no on-screen fallback configured
    (ticket,) = tickets(hall)
    assert ticket.status is TicketStatus.VOID
    assert hall.waiting_tickets(1) == []
    assert hall.call_next(1) is None  # nothing callable left behind
    if mode in ("paper_out", "refused"):
        tap(qtbot, find(kiosk, "notice-home"))
        qtbot.waitUntil(lambda: kiosk.current is kiosk.paused, timeout=5000)
        assert "dihentikan sementara" in kiosk.paused.title.text()


def test_paper_out_is_reported_to_supervisors_and_fallback_shows_the_ticket(
    make_kiosk, printer_server, hall, qtbot
):
    printer = printer_server("answer", paper=PAPER_OUT)
    kiosk = make_kiosk(printer.uri, on_screen_fallback=True)
    qtbot.waitUntil(lambda: kiosk.monitor.mode.value == "on_screen", timeout=5000)
    feed = EventFeed(hall.db, hall.hall.id)

    def reported():
        return [e.payload for e in feed.fetch(0) if e.kind == "printer.status"]

    qtbot.waitUntil(lambda: any(p["paper"] == "out" for p in reported()), timeout=5000)
    status = [p for p in reported() if p["paper"] == "out"][-1]
    assert status["device"] == "kiosk-uji"
    assert status["ticketing"] == "on_screen"
    tap(qtbot, find(kiosk, "agency-POLRES"))
    tap(qtbot, find(kiosk, "service-SKCK"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.on_screen, timeout=5000)
    assert kiosk.on_screen.card.number.text() == "S001"
    assert kiosk.on_screen.image.pixmap() is not None
    assert not kiosk.on_screen.image.pixmap().isNull()
    (ticket,) = tickets(hall)
    assert ticket.status is TicketStatus.WAITING
    feed.close()


def test_double_tap_issues_one_ticket(make_kiosk, printer_server, hall, qtbot):
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri)
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    button = find(kiosk, "service-KTP")
    from PySide6.QtCore import Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the second tap lands while busy
    assert kiosk.take_ticket("KTP") is False  # and a programmatic repeat is refused too
    qtbot.waitUntil(lambda: kiosk.current is kiosk.result, timeout=5000)
    assert [t.number for t in tickets(hall)] == ["A001"]
    assert printer.connections >= 1


def test_no_printer_shows_the_ticket_on_screen_with_its_qr(make_kiosk, hall, qtbot):
    kiosk = make_kiosk("none")
    tap(qtbot, find(kiosk, "agency-POLRES"))
    tap(qtbot, find(kiosk, "service-SIM"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.on_screen, timeout=5000)
    outcome = kiosk.on_screen.outcome
    assert outcome.printable.qr_payload == QR.format(number="M001")
    assert outcome.printed is None
    (ticket,) = tickets(hall)
    assert (ticket.number, ticket.status) == ("M001", TicketStatus.WAITING)


def test_priority_lane_marks_the_ticket(make_kiosk, printer_server, hall, qtbot):
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri)
    tap(qtbot, find(kiosk, "priority-lane"))
    tap(qtbot, find(kiosk, "priority-lansia"))
    assert kiosk.current is kiosk.home
    assert kiosk.home.banner.isVisible()
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "service-KK"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.result, timeout=5000)
    (ticket,) = tickets(hall)
    assert ticket.priority is Priority.LANSIA
    job = escpos_stream.decode(printer.job_bytes())
    assert any("PRIORITAS - Lansia" in line.text and line.invert for line in job.lines)
    tap(qtbot, find(kiosk.result, "finish"))
    assert kiosk.current is kiosk.home and not kiosk.ctx.priority.is_priority


def test_info_shows_the_standard_and_takes_a_number(make_kiosk, hall, qtbot):
    kiosk = make_kiosk("none")
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "info-KTP"))
    assert kiosk.current is kiosk.info
    texts = [w.text() for w in kiosk.info.findChildren(type(kiosk.info.title))]
    assert "Kartu Keluarga" in texts and "Gratis" in texts
    tap(qtbot, find(kiosk, "take-number"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.on_screen, timeout=5000)
    assert [t.number for t in tickets(hall)] == ["A001"]
