"""The officer's workstation and its SQLite file: deleted, replaced or moved away while it
runs, or missing when it starts. The outage banner shows within 5 s, the actions wait, and
nothing is written to a file that no longer has the database's name.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter import app as counter_app
from tests.sqlite_tamper import TAMPERS, move_away, moved

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def statuses(path: Path) -> list[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        return [status for (status,) in connection.execute("SELECT status FROM tickets")]


@sqlite_only
@pytest.mark.parametrize("tamper", TAMPERS.values(), ids=TAMPERS.keys())
def test_the_workstation_shows_its_outage_within_5_s(qtbot, open_window, tamper) -> None:
    window = open_window(synchronous=False)
    assert not window.banner.isVisible()
    started = time.monotonic()
    tamper(window.controller.hall.db.file.path)
    qtbot.waitUntil(lambda: not window.controller.runner.online, timeout=5000)
    assert time.monotonic() - started < 5
    assert window.banner.isVisible()
    assert window.banner.title.text() == "Basis data tidak dapat dihubungi"
    assert not any(button.isEnabled() for button in window.buttons["call_next"])
    qtbot.wait(1500)  # it keeps trying, and stays in its outage
    assert not window.controller.runner.online


@sqlite_only
def test_a_call_made_before_the_feed_noticed_is_not_written(
    qtbot, open_window, issue, click
) -> None:
    ticket = issue("KTP")
    window = open_window(synchronous=True)
    path = window.controller.hall.db.file.path
    move_away(path)
    click(window, "call_next")  # at once: the feed has not looked yet
    assert not window.controller.runner.online
    assert window.banner.isVisible()
    assert statuses(moved(path)) == ["waiting"]  # A001 was not called in the moved file
    assert ticket.number == "A001" and not path.exists()


def test_the_counter_started_without_its_database_says_where(
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main installs its own
    path = tmp_path / "loket" / "antre.db"
    shown: list[str] = []

    def answer_quit() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_quit)
            return
        shown.append(box.text())
        quit_ = [b for b in box.buttons() if b.text() == "Keluar"]
        (quit_ or box.buttons())[0].click()  # whatever it asks, the test answers once

    QTimer.singleShot(0, answer_quit)
    assert counter_app.main(["--database", f"sqlite:///{path.as_posix()}", "--lang", "id"]) == 1
    assert shown == [
        f"Tidak ada basis data di {path}. Periksa pengaturan basis data, atau buat dengan:"
        " antre db upgrade, lalu antre hall import FILE"
    ]
    assert not path.parent.exists()
