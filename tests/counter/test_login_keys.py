"""Enter in the login fields signs in, and only signs in: no other button reacts to it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter.login import LoginDialog
from ui import i18n


@pytest.fixture(autouse=True)
def indonesian_again():
    yield
    i18n.set_language("id")


def shown_dialog(qtbot, hall, synchronous: bool) -> LoginDialog:
    dialog = LoginDialog(hall, synchronous=synchronous)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.load_counters()
    qtbot.waitUntil(lambda: bool(dialog.counter_list))
    return dialog


@pytest.mark.parametrize("synchronous", [False, True], ids=["in the background", "at once"])
def test_enter_in_the_password_field_never_switches_the_language(qtbot, hall, officer, synchronous):
    dialog = shown_dialog(qtbot, hall, synchronous)
    dialog.username.setText("budi")
    for attempt in range(1, 5):
        dialog.password.setFocus()
        qtbot.keyClicks(dialog.password, "salah-sandi")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.busy)
        assert (dialog.lang, dialog.language_button.text()) == ("id", "English"), attempt
        # One Enter is one attempt: the login was not sent a second time with no password.
        assert dialog.error.text() == "Nama pengguna atau kata sandi salah.", attempt
    dialog.username.setFocus()
    qtbot.keyClick(dialog.username, Qt.Key.Key_Enter)  # the keypad's Enter: on to the password
    assert dialog.focusWidget() is dialog.password
    assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.lang == "id"


def test_enter_with_the_right_password_signs_in(qtbot, hall, officer):
    dialog = shown_dialog(qtbot, hall, synchronous=False)
    dialog.username.setText("budi")
    dialog.password.setText("rahasia-loket")
    dialog.password.setFocus()
    with qtbot.wait_signal(dialog.logged_in):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.lang == "id"


def test_the_language_button_still_switches_with_a_click(qtbot, hall):
    dialog = shown_dialog(qtbot, hall, synchronous=True)
    qtbot.mouseClick(dialog.language_button, Qt.MouseButton.LeftButton)
    assert dialog.lang == "en"
    qtbot.mouseClick(dialog.language_button, Qt.MouseButton.LeftButton)
    assert dialog.lang == "id"
