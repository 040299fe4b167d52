"""Every action through the window: the officer clicks, core decides, the window shows it."""

from __future__ import annotations

from core.domain.enums import CounterState, Priority, TicketStatus, TransferPosition
from core.errors import Refused
from counter.dialogs import OpenTicketDialog, ParkDialog, TicketPickerDialog, TransferDialog
from counter.workstation import Workstation


def status_of(hall, number: str, hop: int | None = None) -> TicketStatus:
    """The ticket's status (its latest hop, unless one is named)."""
    tickets = [t for t in hall.tickets_today() if t.number == number]
    return next(t for t in reversed(tickets) if hop is None or t.hop == hop).status


def shown(window: Workstation) -> str:
    card = window.ticket_card
    return card.number.text() if card.number.isVisible() else ""


def test_opening_then_call_next_shows_the_ticket_large(hall, issue, open_window, click):
    issue("KTP")
    issue("KK", Priority.LANSIA)
    hall.set_counter_state(1, CounterState.CLOSED)
    window = open_window(1)
    counter = hall.counter(1)  # opening the workstation opens the counter for the officer
    assert counter.state is CounterState.OPEN and counter.officer_username == "budi"
    assert window.header.counter_label.text() == "Loket 1"
    assert window.buttons["open"][0].isChecked()
    assert window.header.officer_label.text() == "Budi Santoso"
    assert window.notice.text() == "Status loket: Buka."
    assert window.waiting.aside.text() == "2 menunggu · 1 prioritas"
    assert window.ticket_card.hint.text() == "Tekan F1 untuk memanggil A002 (Kartu Keluarga)."
    click(window, "call_next")
    # Priority first within the same rank: the lansia ticket A002 is called before A001.
    assert shown(window) == "A002"
    assert window.ticket_card.service.text() == "Kartu Keluarga"
    assert window.ticket_card.priority.isVisible()
    assert "Lansia" in window.ticket_card.priority.text()
    assert window.ticket_card.chip.text() == "Dipanggil"
    ticket = hall.counter(1).current
    assert ticket is not None and ticket.number == "A002"
    assert ticket.officer_username == "budi"
    assert window.notice.text() == "A002 dipanggil."
    assert window.waiting.aside.text() == "1 menunggu"


def test_recall_start_finish_no_show_and_the_figures(hall, issue, open_window, click, fixed_clock):
    issue("KTP")
    issue("KTP")
    window = open_window(1)
    fixed_clock.advance(minutes=12)
    click(window, "call_next")
    click(window, "recall")
    assert window.ticket_card.chip.text() == "Dipanggil · dipanggil 2×"
    assert hall.counter(1).current.recall_count == 1
    fixed_clock.advance(seconds=40)
    click(window, "start")
    assert window.ticket_card.chip.text() == "Sedang dilayani · dipanggil 2×"
    assert status_of(hall, "A001") is TicketStatus.SERVING
    assert not window.buttons["no_show"][0].isEnabled()  # already serving
    assert not window.buttons["recall"][0].isEnabled()
    fixed_clock.advance(minutes=7, seconds=30)
    window.controller.tick()
    assert [v.text() for v in window.ticket_card.metric_values] == ["12:00", "08:10", "07:30"]
    click(window, "finish")
    assert status_of(hall, "A001") is TicketStatus.DONE
    assert shown(window) == ""
    assert window.ticket_card.empty_title.isVisible()
    click(window, "call_next")
    fixed_clock.advance(minutes=2)  # the hall's rule: no-show two minutes after the call
    window.controller.tick()
    click(window, "no_show")
    assert status_of(hall, "A002") is TicketStatus.NO_SHOW
    assert window.notice.text() == "A002 ditandai tidak hadir."
    rows = [(pair[0].text(), pair[1].text()) for pair in window.figures.values]
    # served, no-show, transferred, mean service time: for the counter and the officer
    assert rows == [("1", "1"), ("1", "1"), ("0", "0"), ("7 mnt 30 dtk", "7 mnt 30 dtk")]


def test_transfer_through_the_dialog(hall, issue, open_window, click):
    issue("KTP")
    waiting_skck = issue("SKCK")
    window = open_window(1)
    click(window, "call_next")
    click(window, "transfer")
    dialog = window.dialog
    assert isinstance(dialog, TransferDialog)
    codes = [dialog.services.item(r).data(256) for r in range(dialog.services.count())]
    assert codes == [None, "KK", None, "SKCK", "SIM"]  # own agency first, not KTP itself
    assert not dialog.ok_button.isEnabled()  # nothing chosen yet
    assert dialog.position() is TransferPosition.BACK
    dialog.search.setText("skck")
    assert dialog.selected_code() == "SKCK"
    dialog.front.setChecked(True)
    dialog.note.setText("berkas KK sudah diperiksa")
    dialog.ok_button.click()
    assert status_of(hall, "A001", hop=0) is TicketStatus.TRANSFERRED
    moved = hall.waiting_tickets(3)
    assert [t.number for t in moved] == ["A001", waiting_skck.number]  # front of the queue
    assert moved[0].note == "berkas KK sudah diperiksa"
    assert shown(window) == ""
    assert window.notice.text() == "A001 dialihkan ke Penerbitan SKCK."
    assert window.figures.values[2][0].text() == "1"


def test_park_and_resume(hall, issue, open_window, click):
    issue("KTP")
    issue("KTP")
    window = open_window(1)
    click(window, "call_next")
    click(window, "park")
    dialog = window.dialog
    assert isinstance(dialog, ParkDialog)
    dialog.note.setText("fotokopi KK")
    dialog.ok_button.click()
    assert status_of(hall, "A001") is TicketStatus.PARKED
    assert [t.number for t in window.parked.tickets] == ["A001"]
    assert shown(window) == ""
    click(window, "call_next")
    assert shown(window) == "A002"
    # Resuming from the parked list while A002 is open: finish A002 first, as asked.
    resume = window.parked.findChild(type(window.header.logout_button), "resume-A001")
    resume.click()
    dialog = window.dialog
    assert isinstance(dialog, OpenTicketDialog)
    dialog.finish_button.click()
    assert status_of(hall, "A002") is TicketStatus.DONE
    assert shown(window) == "A001"
    assert window.ticket_card.note.text() == "Catatan: fotokopi KK"
    click(window, "park")
    window.dialog.ok_button.click()
    # One parked ticket: Lanjutkan takes it up at once.
    click(window, "resume")
    assert shown(window) == "A001"
    assert status_of(hall, "A001") is TicketStatus.CALLED
    assert window.parked.tickets == ()
    assert not window.buttons["resume"][0].isEnabled()


def test_call_a_number_out_of_order(hall, issue, open_window, click):
    for _ in range(3):
        issue("KTP")
    window = open_window(1)
    click(window, "call_number")
    dialog = window.dialog
    assert isinstance(dialog, TicketPickerDialog)
    assert dialog.list.count() == 3
    dialog.number.setText("3")
    assert dialog.chosen_number() == "A003"
    dialog.ok_button.click()
    assert shown(window) == "A003"
    assert status_of(hall, "A001") is TicketStatus.WAITING
    click(window, "finish")
    window.waiting._double_clicked(1, 0)  # double click on the second row of "Berikutnya"
    assert shown(window) == "A002"


def test_calling_while_a_ticket_is_open_asks_first(hall, issue, open_window, click, fixed_clock):
    for _ in range(4):
        issue("KTP")
    window = open_window(1)
    click(window, "call_next")
    click(window, "call_next")
    dialog = window.dialog
    assert isinstance(dialog, OpenTicketDialog)
    assert not dialog.no_show_button.isEnabled()  # the hall's rule: not yet
    assert dialog.no_show_reason.text() == (
        "Bisa ditandai tidak hadir setelah 1 kali panggil ulang atau pukul 09:02"
    )
    dialog.cancel_button.click()
    assert status_of(hall, "A001") is TicketStatus.CALLED  # nothing happened
    assert status_of(hall, "A002") is TicketStatus.WAITING
    click(window, "recall")
    click(window, "call_next")
    assert window.dialog.no_show_button.isEnabled()  # recalled once: now it may
    assert not window.dialog.no_show_reason.isVisible()
    window.dialog.no_show_button.click()
    assert status_of(hall, "A001") is TicketStatus.NO_SHOW
    assert shown(window) == "A002"
    click(window, "start")
    click(window, "call_next")
    dialog = window.dialog
    assert not dialog.no_show_button.isVisible()  # started: it can only be finished
    dialog.finish_button.click()
    assert status_of(hall, "A002") is TicketStatus.DONE
    assert shown(window) == "A003"
    assert window.notice.text() == "A002 selesai. A003 dipanggil."
    # The hall may finish the open ticket itself when the next one is called.
    hall.update_settings({"auto_finish_on_call": True})
    window.controller.request_refresh(config=True)
    click(window, "call_next")
    assert window.dialog is None or not window.dialog.isVisible()
    assert status_of(hall, "A003") is TicketStatus.DONE
    assert shown(window) == "A004"
    assert window.notice.text() == "A003 diselesaikan otomatis. A004 dipanggil."


def test_core_words_in_both_languages(hall, open_window, click):
    window = open_window(1)
    click(window, "call_next")
    assert window.notice.text() == "Tidak ada antrean yang menunggu untuk Loket 1."
    assert shown(window) == ""
    window.set_language("en")
    assert window.buttons["call_next"][0].text_shown() == "Call next"
    assert window.ticket_card.title.text() == "CURRENT TICKET"
    assert window.mini.buttons["call_next"].text_shown() == "Next"
    click(window, "call_next")
    assert window.notice.text() == "Nobody is waiting for Loket 1."
    click(window, "break")
    button = window.buttons["call_next"][0]
    assert not button.isEnabled()
    assert button.toolTip() == "Loket 1 is on a break: open it to call."
    window.set_language("id")
    assert window.buttons["call_next"][0].text_shown() == "Panggil berikutnya"


def test_break_open_and_close(hall, issue, open_window, click):
    issue("KTP")
    window = open_window(1)
    click(window, "break")
    assert hall.counter(1).state is CounterState.BREAK
    assert window.buttons["break"][0].isChecked()
    assert not window.buttons["break"][0].isEnabled()
    # Calling waits for the counter to open: the buttons are off and say so.
    for key in ("call_next", "call_number"):
        for button in window.buttons[key]:
            assert not button.isEnabled()
            assert button.toolTip() == Refused("counter_on_break", counter="Loket 1").message("id")
    window.act("call_next")  # F1 does nothing either
    assert status_of(hall, "A001") is TicketStatus.WAITING
    click(window, "open")
    assert hall.counter(1).state is CounterState.OPEN
    click(window, "call_next")
    click(window, "close")  # core refuses: a ticket is open
    assert window.notice.text() == (
        "Loket 1 masih melayani A001: selesaikan atau tandai tidak hadir dulu."
    )
    click(window, "finish")
    click(window, "close")
    view = hall.counter(1)
    assert view.state is CounterState.CLOSED and view.officer_username is None


def test_a_counter_calls_only_its_services(hall, issue, open_window, click):
    issue("KTP")  # A001: Loket 1 only
    window = open_window(3)
    click(window, "call_number")
    assert window.dialog.list.count() == 0  # not in this counter's queue
    window.dialog.number.setText("a001")
    assert window.dialog.chosen_number() == "A001"
    window.dialog.ok_button.click()
    assert window.notice.text() == "A001 bukan layanan Loket 3."
    assert status_of(hall, "A001") is TicketStatus.WAITING


def test_a_ticket_not_at_this_counter_cannot_be_finished_here(hall, issue, open_window, click):
    """Loket 2 still shows A001 after it moved on; Selesai must not close someone else's."""
    issue("KK")
    window = open_window(2)
    click(window, "call_next")
    assert shown(window) == "A001"
    # This window stops hearing the feed (a slow network), then elsewhere Loket 2's ticket
    # is sent to KTP and Loket 1 calls it.
    window.controller.bridge.stop()
    hall.transfer(2, "KTP", TransferPosition.FRONT, "")
    hall.call_next(1)
    assert hall.counter(1).current.number == "A001"
    assert shown(window) == "A001"  # stale on purpose
    click(window, "finish")
    assert window.notice.text() == "Nomor A001 tidak sedang dilayani di Loket 2."
    assert status_of(hall, "A001") is TicketStatus.CALLED
    assert hall.counter(1).current.number == "A001"
    assert shown(window) == ""  # the refusal made the window read the truth again


def test_logout_closes_the_counter(hall, issue, open_window, qtbot):
    issue("KTP")
    window = open_window(1)
    window.act("call_next")
    window.header.logout_button.click()
    assert window.notice.text().startswith("Loket 1 masih melayani A001")
    assert window.isVisible()
    window.act("finish")
    with qtbot.wait_signal(window.logged_out, timeout=2000):
        window.header.logout_button.click()
    assert hall.counter(1).state is CounterState.CLOSED
