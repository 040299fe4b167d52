"""Signing in: core checks the password and locks the account; the dialog says what core says."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool

from core.config import load_settings
from core.domain.enums import CounterState
from core.errors import Refused
from counter.app import CounterApp
from counter.login import LoginDialog

PASSWORD = "rahasia-loket"  # as in conftest


def login_dialog(qtbot, hall, **options) -> LoginDialog:
    dialog = LoginDialog(hall, synchronous=True, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_counters()
    return dialog


def sign_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)


def test_login_picks_a_counter_and_hands_over_the_officer(qtbot, hall, officer):
    dialog = login_dialog(qtbot, hall)
    assert [dialog.counter.itemText(i) for i in range(dialog.counter.count())] == [
        "Loket 1 · Lantai 1",
        "Loket 2 · Lantai 1",
        "Loket 3 · Lantai 2",
    ]
    dialog.select_counter(2)
    with qtbot.wait_signal(dialog.logged_in) as signal:
        sign_in(qtbot, dialog, "Budi", PASSWORD)  # usernames are not case-sensitive
    assert signal.args == [officer, 2]
    assert not dialog.isVisible()


def test_wrong_passwords_lock_the_account(qtbot, hall, officer, fixed_clock):
    dialog = login_dialog(qtbot, hall)
    for _ in range(4):
        sign_in(qtbot, dialog, "budi", "salah-sandi")
        assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
        assert dialog.password.text() == ""
    sign_in(qtbot, dialog, "budi", "salah-sandi")
    locked = Refused("login_locked", minutes=5).message("id")
    assert dialog.error.text() == locked
    fixed_clock.advance(minutes=2)
    with qtbot.assert_not_emitted(dialog.logged_in):
        sign_in(qtbot, dialog, "budi", PASSWORD)  # right password, still locked
    # Core counts the minutes left (rounding up); the dialog shows its words unchanged.
    assert dialog.error.text() == Refused("login_locked", minutes=3).message("id")
    dialog.set_language("en")
    sign_in(qtbot, dialog, "budi", PASSWORD)
    assert dialog.error.text() == Refused("login_locked", minutes=3).message("en")
    assert dialog.submit_button.text() == "Sign in"
    dialog.set_language("id")
    fixed_clock.advance(minutes=2, seconds=30)  # 30 seconds left: still "1 menit", never "0"
    sign_in(qtbot, dialog, "budi", PASSWORD)
    assert dialog.error.text() == Refused("login_locked", minutes=1).message("id")
    fixed_clock.advance(seconds=31)
    with qtbot.wait_signal(dialog.logged_in):
        sign_in(qtbot, dialog, "budi", PASSWORD)


def test_the_counter_can_come_from_the_device_settings(qtbot, hall, officer):
    dialog = login_dialog(qtbot, hall, counter=3)
    assert not dialog.counter.isVisible() and dialog.counter_fixed.isVisible()
    assert dialog.counter_fixed.text() == "Loket 3 · Lantai 2 — diatur untuk komputer ini"
    assert dialog.chosen_counter() == 3
    unknown = login_dialog(qtbot, hall, counter=9)
    assert unknown.counter.isVisible()
    assert unknown.error.text() == "Loket 9 tidak dikenal."
    empty = login_dialog(qtbot, hall)
    sign_in(qtbot, empty, "", "")
    assert empty.error.text() == "Isi nama pengguna, kata sandi, dan loket."


def test_the_program_goes_from_login_to_workstation_and_back(
    qtbot, db_url, hall, officer, monkeypatch
):
    """counter.app's flow with core calls off the GUI thread, as the program runs."""
    monkeypatch.setenv("ANTRE_COUNTER", "2")
    app = CounterApp(hall, load_settings(), "id")
    dialog = app.show_login()  # the app deletes it once signed in
    qtbot.waitUntil(lambda: dialog.counter_fixed.isVisible())
    dialog.username.setText("budi")
    dialog.password.setText(PASSWORD)
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: app.window is not None and app.window.loaded, timeout=5000)
    window = app.window  # deleted by the app after logging out
    assert window.header.counter_label.text() == "Loket 2"
    qtbot.waitUntil(lambda: hall.counter(2).officer_username == "budi", timeout=5000)
    qtbot.waitUntil(lambda: window.controller.runner.can_act, timeout=5000)
    window.header.logout_button.click()
    qtbot.waitUntil(lambda: app.login is not None and app.login.isVisible(), timeout=5000)
    qtbot.addWidget(app.login)
    assert hall.counter(2).state is CounterState.CLOSED
    assert app.window is None
    QThreadPool.globalInstance().waitForDone(5000)
