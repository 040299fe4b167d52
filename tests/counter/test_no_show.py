"""The "Tidak hadir" button follows the hall's no-show rule and says why it waits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.domain.enums import TicketStatus

REASON = "Bisa ditandai tidak hadir setelah 1 kali panggil ulang atau pukul 09:14"


def no_show_buttons(window):
    main = next(b for b in window.buttons["no_show"] if b.window() is window)
    mini = next(b for b in window.buttons["no_show"] if b.window() is window.mini)
    return main, mini


def test_no_show_waits_for_the_rule_then_enables_itself(
    qtbot, hall, issue, open_window, click, fixed_clock
):
    issue("KTP")
    fixed_clock.set("2026-11-23T09:12:00+07:00")
    window = open_window(1)
    click(window, "call_next")
    main, mini = no_show_buttons(window)
    for button in (main, mini):
        assert not button.isEnabled()
        assert button.toolTip() == REASON
    assert main.hint.isVisible() and main.hint.text() == "panggil ulang 1× dulu, atau pukul 09:14"
    assert not mini.hint.isVisible()  # the mini bar has no room: its tooltip says it
    window.act("no_show")  # F5 does nothing either
    assert hall.counter(1).current.status is TicketStatus.CALLED
    fixed_clock.advance(minutes=1, seconds=59)
    window.controller.tick()
    assert not main.isEnabled()
    fixed_clock.advance(seconds=1)
    qtbot.waitUntil(main.isEnabled, timeout=3000)  # the window's own one-second timer
    assert main.toolTip() == "Tidak hadir (F5)" and not main.hint.isVisible()
    assert mini.isEnabled() and mini.toolTip() == "Tidak hadir (F5)"
    click(window, "no_show")
    assert hall.tickets_today()[0].status is TicketStatus.NO_SHOW


def test_a_recall_allows_it_at_once_and_english_says_why(
    qtbot, hall, issue, open_window, click, fixed_clock
):
    issue("KTP")
    fixed_clock.set("2026-11-23T09:12:30+07:00")
    window = open_window(1)
    window.set_language("en")
    click(window, "call_next")
    main, _ = no_show_buttons(window)
    assert main.toolTip() == "Can be marked no-show after 1 recall(s) or at 09:15"
    assert main.hint.text() == "recall 1× first, or at 09:15"
    click(window, "recall")
    assert main.isEnabled() and not main.hint.isVisible()
    qtbot.mouseClick(main, Qt.MouseButton.LeftButton)
    assert hall.tickets_today()[0].status is TicketStatus.NO_SHOW


def test_the_halls_setting_decides(hall, issue, open_window, click, fixed_clock):
    issue("KTP")
    issue("KTP")
    window = open_window(1)
    hall.update_settings({"no_show_after_recalls": 0, "no_show_after_minutes": 0})
    window.controller.request_refresh(config=True)
    click(window, "call_next")
    main, _ = no_show_buttons(window)
    assert main.isEnabled() and main.toolTip() == "Tidak hadir (F5)"  # 0 and 0: at once
    click(window, "no_show")
    hall.update_settings({"no_show_after_recalls": 2, "no_show_after_minutes": 0})
    window.controller.request_refresh(config=True)
    click(window, "call_next")
    click(window, "recall")
    assert not main.isEnabled()
    assert main.toolTip() == "Bisa ditandai tidak hadir setelah 2 kali panggil ulang"
    click(window, "recall")
    assert main.isEnabled()
