"""The workstation fits the hall PCs' screens: 1366×768 and 1280×720, nothing cut off.

Every visible button and the day's figures must lie inside the window at their full
height, and no label may be cut (one-line labels: the text's width fits; wrapping labels:
the height their text needs). Labels that end in "…" on purpose (ElidedLabel, with the
full text in the tooltip) are left out.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel, QPushButton

from counter.controller import CounterController
from counter.login import LoginDialog
from counter.widgets import ElidedLabel
from counter.workstation import Workstation, fitted_size
from tests.counter.test_screenshots import morning  # noqa: F401 - the fixture

# Client areas: the whole screen (kiosk-like, no frame), and the screen less a taskbar
# (40 px) and a title bar (40 px).
SIZES = [(1366, 768), (1366, 688), (1280, 720), (1280, 640)]


def cut_off(window) -> list[tuple]:
    found: list[tuple] = []
    inside = window.rect()

    def box(widget) -> QRect:
        return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())

    for button in window.findChildren(QPushButton):
        if not button.isVisible():
            continue
        name = getattr(button, "action_key", button.text())
        if not inside.contains(box(button)):
            found.append(("outside", name, box(button)))
        if button.height() < button.minimumHeight():
            found.append(("squeezed", name, button.height()))
    for text in window.findChildren(QLabel):
        if not text.isVisible() or not text.text() or isinstance(text, ElidedLabel):
            continue
        if text.wordWrap():
            if text.heightForWidth(text.width()) > text.height():
                found.append(("wrapped but cut", text.text(), text.size()))
        elif text.fontMetrics().horizontalAdvance(text.text()) > text.contentsRect().width() + 1:
            found.append(("cut", text.text(), text.contentsRect().width()))
    figures = window.figures
    if not inside.contains(box(figures)) or figures.height() < figures.minimumSizeHint().height():
        found.append(("day figures", box(figures)))
    return found


def test_the_first_size_fits_the_screen() -> None:
    assert fitted_size(QRect(0, 0, 1920, 1040)) == (QSize(1280, 820), QSize(960, 540))
    assert fitted_size(QRect(0, 0, 1366, 728)) == (QSize(1280, 688), QSize(960, 540))
    assert fitted_size(QRect(0, 0, 1280, 680)) == (QSize(1280, 640), QSize(960, 540))
    assert fitted_size(QRect(0, 0, 800, 600))[1] == QSize(800, 540)


def test_a_new_window_is_not_larger_than_its_screen(hall, officer, qtbot) -> None:
    window = Workstation(CounterController(hall, officer, 1, synchronous=True))
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height() - 40
    window.shutdown()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_nothing_is_cut_off(width, height, hall, issue, open_window, click, qtbot) -> None:
    for _ in range(12):
        issue("KTP")
    window = open_window(1)
    window.resize(width, height)
    qtbot.wait(20)
    assert cut_off(window) == []  # no ticket
    click(window, "call_next")
    qtbot.wait(20)
    assert cut_off(window) == []  # a ticket, and "Tidak hadir" saying why it waits


def test_resizing_back_and_forth_leaves_nothing_cut(hall, issue, open_window, qtbot) -> None:
    issue("KTP")
    window = open_window(1)
    for width, height in [(1280, 640), (1920, 1080), (1024, 600), *SIZES, (1920, 1080)]:
        window.resize(width, height)
        qtbot.wait(20)
        assert cut_off(window) == [], (width, height)


def test_the_login_wraps_a_long_counter_name(morning, qtbot) -> None:  # noqa: F811
    hall, _officer = morning  # the sample hall: "Loket 1 · Sayap Barat — diatur untuk …"
    dialog = LoginDialog(hall, counter=1, synchronous=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_counters()
    qtbot.wait(20)
    shown = dialog.counter_fixed
    assert shown.isVisible() and shown.text().endswith("diatur untuk komputer ini")
    assert shown.wordWrap()
    assert shown.heightForWidth(shown.width()) <= shown.height()
    assert dialog.height() <= 680  # fits a 1280×720 screen with its title bar
