"""Keys, double clicks, racing counters and live updates, with core calls off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.domain.enums import CounterState, Priority, TicketStatus
from counter.actions import ACTIONS
from counter.dialogs import ParkDialog, TicketPickerDialog, TransferDialog


def shown(window) -> str:
    card = window.ticket_card
    return card.number.text() if card.number.isVisible() else ""


def called_events(hall) -> int:
    from sqlalchemy import func, select

    from core.db import models as m

    return hall.db.read(
        lambda tx: tx.session.scalar(
            select(func.count()).where(m.Event.kind.in_(["ticket.called", "ticket.recalled"]))
        )
    )


def double_click(widget) -> None:
    """What a mouse sends for a double click: press, release, double-click, release.

    (QTest.mouseDClick sends only a press and a double-click event.)
    """
    centre = widget.rect().center()
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)
    event = QMouseEvent(
        QEvent.Type.MouseButtonDblClick,
        QPointF(centre),
        QPointF(widget.mapToGlobal(centre)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)


def idle(window) -> bool:
    return not window.controller.runner.busy and not window.controller.refreshing


def test_every_action_has_a_visible_key_and_the_keys_work(hall, issue, open_window, qtbot):
    for _ in range(3):
        issue("KTP")
    window = open_window(1)
    for key, spec in ACTIONS.items():
        for button in window.buttons[key]:
            assert button.keycap.text() == spec.shortcut
            assert button.keycap.isVisible() or not button.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier, target=None):
        qtbot.keyClick(target or window, key, modifier)

    press(Qt.Key.Key_F1)
    assert shown(window) == "A001"
    press(Qt.Key.Key_F2)
    assert hall.counter(1).current.recall_count == 1
    press(Qt.Key.Key_F3)
    assert hall.counter(1).current.status is TicketStatus.SERVING
    press(Qt.Key.Key_F7)
    assert isinstance(window.dialog, ParkDialog)
    qtbot.keyClick(window.dialog.note, Qt.Key.Key_Return)
    assert hall.counter(1).current is None
    press(Qt.Key.Key_F8)
    assert shown(window) == "A001"
    press(Qt.Key.Key_F4)
    assert hall.counter(1).current is None
    press(Qt.Key.Key_F9)
    assert isinstance(window.dialog, TicketPickerDialog)
    qtbot.keyClick(window.dialog.number, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.prompts.is_open())
    press(Qt.Key.Key_F1)
    press(Qt.Key.Key_F6)
    assert isinstance(window.dialog, TransferDialog)
    qtbot.keyClick(window.dialog.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.prompts.is_open())
    press(Qt.Key.Key_F2)  # the hall's rule: a no-show after one recall
    press(Qt.Key.Key_F5)
    assert [t.status for t in hall.tickets_today()][1] is TicketStatus.NO_SHOW
    press(Qt.Key.Key_F10)
    assert hall.counter(1).state is CounterState.BREAK
    press(Qt.Key.Key_F11)
    assert hall.counter(1).state is CounterState.OPEN
    # Mini mode: the same keys work in the small bar.
    press(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.in_mini_mode and not window.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.mini)
    press(Qt.Key.Key_F1, target=window.mini)
    assert window.mini.number.text() == "A003"
    press(Qt.Key.Key_F4, target=window.mini)
    assert hall.counter(1).current is None
    assert window.mini.number.text() == "—"
    press(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier, target=window.mini)
    assert window.isVisible() and not window.in_mini_mode
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(Qt.Key.Key_F12)
    assert hall.counter(1).state is CounterState.CLOSED


def test_mini_bar_buttons(hall, issue, open_window, click):
    issue("KTP")
    window = open_window(1)
    click(window, "mini")
    assert window.in_mini_mode
    flags = window.mini.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    click(window, "call_next", mini=True)
    assert window.mini.number.text() == "A001"
    assert window.mini.status.text() == "Dipanggil · 0 menunggu"
    click(window, "recall", mini=True)
    click(window, "no_show", mini=True)
    assert hall.tickets_today()[0].status is TicketStatus.NO_SHOW
    window.mini.expand.click()
    assert window.isVisible() and not window.in_mini_mode


def test_a_double_click_calls_once(hall, issue, open_window, qtbot):
    """With auto-finish on, core would take a second call: the window must not send one."""
    issue("KTP")
    issue("KTP")
    hall.update_settings({"auto_finish_on_call": True})
    window = open_window(1, synchronous=False, repeat_guard=True)
    button = window.buttons["call_next"][0]
    double_click(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a third, nervous click
    window.act("call_next")  # and the F1 key at the same moment
    qtbot.waitUntil(lambda: shown(window) == "A001" and idle(window), timeout=3000)
    window.act("call_next")  # the same action again this soon is the same click
    double_click(button)  # the second half is no action
    qtbot.wait(150)  # time for a wrongly taken click to call a second ticket
    assert [t.status for t in hall.tickets_today()] == [TicketStatus.CALLED, TicketStatus.WAITING]
    assert called_events(hall) == 1


def test_two_windows_racing_for_one_queue_get_different_tickets(hall, issue, open_window, qtbot):
    for _ in range(6):
        issue("KK")  # both Loket 1 and Loket 2 call KK
    one = open_window(1, synchronous=False)
    two = open_window(2, synchronous=False)
    seen = []
    for _ in range(3):
        one.buttons["call_next"][0].click()
        two.buttons["call_next"][0].click()  # no wait: both calls are in flight together
        qtbot.waitUntil(
            lambda: bool(shown(one) and shown(two)) and idle(one) and idle(two), timeout=5000
        )
        pair = (shown(one), shown(two))
        assert pair[0] != pair[1]
        assert hall.counter(1).current.number == pair[0]
        assert hall.counter(2).current.number == pair[1]
        seen.extend(pair)
        one.act("finish")
        two.act("finish")
        qtbot.waitUntil(lambda: not (shown(one) or shown(two)), timeout=5000)
    assert sorted(seen) == [f"A{n:03d}" for n in range(1, 7)]
    assert called_events(hall) == 6


def test_changes_from_elsewhere_appear_within_a_second(hall, issue, open_window, qtbot):
    window = open_window(1, synchronous=False)
    assert window.waiting.aside.text() == "0 menunggu"
    issue("KTP", Priority.DISABILITAS)  # a kiosk
    qtbot.waitUntil(lambda: window.waiting.aside.text() == "1 menunggu · 1 prioritas", timeout=1000)
    assert window.waiting.table.item(0, 0).text() == "★ A001"
    hall.set_assignments(1, {"KTP": 1, "SKCK": 2})  # the supervisor
    qtbot.waitUntil(
        lambda: (
            [c[0].text() for c in window.waiting._line_rows]
            == ["Perekaman KTP-el", "Penerbitan SKCK  (bantuan)"]
        ),
        timeout=1000,
    )
    hall.update_settings({"auto_finish_on_call": True})
    qtbot.waitUntil(lambda: window.controller.reading.auto_finish_on_call, timeout=1000)
    hall.set_counter_state(1, CounterState.BREAK)
    qtbot.waitUntil(lambda: window.buttons["break"][0].isChecked(), timeout=1000)
    assert "istirahat" in window.ticket_card.hint.text()


def test_each_repeat_guard_on_its_own(hall, issue, open_window, qtbot):
    """Core calls finish at once here, so only the guards themselves stop a second call."""
    for _ in range(3):
        issue("KTP")
    hall.update_settings({"auto_finish_on_call": True})
    window = open_window(1)
    button = window.buttons["call_next"][0]
    double_click(button)  # its second half is swallowed
    assert shown(window) == "A001" and called_events(hall) == 1
    window.repeat_guard_ms = 60_000
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a third click, right after
    assert shown(window) == "A001" and called_events(hall) == 1
    window.repeat_guard_ms = 0
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a real second call, later on
    assert shown(window) == "A002" and called_events(hall) == 2
