"""The kiosk says which loket serve a ticket: open ones on screen (live), and on paper.

The small hall: KK is served by loket 1 and 2 (both rank 1). Counters change state through
the real core service while the kiosk runs; the kiosk follows the event feed.
"""

from __future__ import annotations

from core.domain.enums import CounterState
from tests.kiosk.kiosk_helpers import escpos_stream, find, tap

NONE_OPEN = ("Loket yang buka", "Belum ada")  # caption, value: not "Dilayani di" / "Belum…"


def take_kk(kiosk, qtbot) -> None:
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "service-KK"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.result, timeout=5000)


def printed_counters(printer) -> list[str]:
    return [
        line.text
        for line in escpos_stream.decode(printer.job_bytes()).lines
        if "Loket" in line.text
    ]


def test_the_screen_lists_the_open_loket_and_follows_the_feed(
    make_kiosk, printer_server, hall, qtbot
):
    hall.set_counter_state(2, CounterState.CLOSED)
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri, result_seconds=120)
    take_kk(kiosk, qtbot)
    value = kiosk.result.counters.value
    assert value.text() == "Loket 1"  # loket 2 is closed: not "Loket 1, 2"
    assert printed_counters(printer) == ["Dilayani di Loket 1"]

    hall.set_counter_state(2, CounterState.OPEN)
    qtbot.waitUntil(lambda: value.text() == "Loket 1, 2", timeout=5000)
    hall.set_counter_state(1, CounterState.BREAK)
    qtbot.waitUntil(lambda: value.text() == "Loket 2", timeout=5000)
    hall.set_counter_state(2, CounterState.CLOSED)
    caption = kiosk.result.counters.caption
    qtbot.waitUntil(lambda: (caption.text(), value.text()) == NONE_OPEN, timeout=5000)
    assert kiosk.current is kiosk.result


def test_with_no_loket_open_the_ticket_names_the_assigned_ones(
    make_kiosk, printer_server, hall, qtbot, fixed_clock
):
    fixed_clock.set("2026-11-23T11:58:00+07:00")
    hall.set_counter_state(1, CounterState.BREAK)
    hall.set_counter_state(2, CounterState.CLOSED)
    printer = printer_server("answer")
    kiosk = make_kiosk(printer.uri, result_seconds=120)
    take_kk(kiosk, qtbot)
    value = kiosk.result.counters.value
    assert (kiosk.result.counters.caption.text(), value.text()) == NONE_OPEN
    assert printed_counters(printer) == ["Dilayani di Loket 1, 2"]

    fixed_clock.set("2026-11-23T12:00:30+07:00")  # the service's break, until 13:00
    hall.set_counter_state(1, CounterState.CLOSED)  # any event makes the kiosk look again
    caption = kiosk.result.counters.caption
    qtbot.waitUntil(lambda: value.text() == "13:00", timeout=5000)
    assert caption.text() == "Loket buka pukul"
    kiosk.set_language("en")
    try:
        qtbot.waitUntil(lambda: caption.text() == "Counters open at")
        assert value.text() == "13:00"
    finally:
        kiosk.set_language("id")  # the translator is the application's: leave it Indonesian


def test_the_on_screen_ticket_names_the_open_loket(make_kiosk, hall, qtbot):
    hall.set_counter_state(1, CounterState.CLOSED)
    kiosk = make_kiosk("none", result_seconds=120, on_screen_seconds=120)
    tap(qtbot, find(kiosk, "agency-DUKCAPIL"))
    tap(qtbot, find(kiosk, "service-KK"))
    qtbot.waitUntil(lambda: kiosk.current is kiosk.on_screen, timeout=5000)
    assert kiosk.on_screen.outcome.printable.counters == (2,)
    value = kiosk.on_screen.counters.value
    assert value.text() == "Loket 2"
    hall.set_counter_state(1, CounterState.OPEN)
    qtbot.waitUntil(lambda: value.text() == "Loket 1, 2", timeout=5000)
