"""How a program opens its hall (ui.startup): it waits for a database that is not there yet,
lets the program give up, and refuses a hall the database does not hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import DatabaseMissing
from core.hall import HallService
from tests.ui.test_hall_sync import make_hall_file
from ui.startup import HallOpener

pytestmark = pytest.mark.gui


def test_the_opener_waits_for_the_database_and_opens_the_hall(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "antre.db"
    opener = HallOpener(f"sqlite:///{path.as_posix()}", "uji", retry_seconds=0.1)
    unavailable: list[Exception] = []
    opened: list[HallService] = []
    opener.unavailable.connect(unavailable.append)
    opener.opened.connect(opened.append)
    opener.attempt()
    qtbot.waitUntil(lambda: len(unavailable) >= 2, timeout=5000)  # it tries again by itself
    assert all(isinstance(e, DatabaseMissing) for e in unavailable)
    make_hall_file(path)
    qtbot.waitUntil(lambda: opened != [], timeout=5000)
    try:
        assert opened[0].hall.code == "uji" and opener.hall is opened[0]
    finally:
        opened[0].dispose()


def test_a_program_that_gives_up_waiting_gets_no_hall(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "antre.db"
    opener = HallOpener(f"sqlite:///{path.as_posix()}", None, retry_seconds=None)
    asked: list[Exception] = []

    def ask(error: Exception) -> None:
        asked.append(error)
        if len(asked) < 2:
            opener.attempt()  # "Coba lagi"
        else:
            opener.stop()  # "Keluar"

    opener.unavailable.connect(ask)
    assert opener.wait() is None
    assert len(asked) == 2 and not path.exists()


def test_an_unknown_hall_is_refused_not_waited_for(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "antre.db"
    make_hall_file(path)
    opener = HallOpener(f"sqlite:///{path.as_posix()}", "lain", retry_seconds=0.1)
    refused: list[Exception] = []
    opener.refused.connect(refused.append)
    opener.refused.connect(lambda _error: opener.stop())
    assert opener.wait() is None
    assert [getattr(e, "code", None) for e in refused] == ["hall_unknown"]
