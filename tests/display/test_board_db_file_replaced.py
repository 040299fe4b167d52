"""The hall display and its SQLite file: deleted, replaced or moved away while it runs, or
missing when it starts. Its outage banner shows within 5 s; it never makes a file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from core.config import DeviceSettings
from core.db import schema
from core.hallfile import store
from display.board import build_board
from display.options import load_options
from tests.conftest import SMALL_HALL
from tests.sqlite_tamper import TAMPERS, moved, tickets_in

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("tamper", TAMPERS.values(), ids=TAMPERS.keys())
def test_the_board_shows_its_outage_within_5_s(qtbot, make_board, hall, issue, tamper) -> None:
    issue("KTP")
    called = hall.call_next(1)
    board = make_board()
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == called.number, timeout=3000)
    path = board.sync.hall.db.file.path
    before = tickets_in(path)
    started = time.monotonic()
    tamper(path)
    qtbot.waitUntil(lambda: not board.sync.online, timeout=5000)
    assert time.monotonic() - started < 5
    assert board.window.banner.isVisible()
    assert board.window.banner.text == board.sync.outage_text() != ""  # the file, named
    qtbot.wait(1500)  # the feed keeps trying; the board stays in its outage
    assert not board.sync.online
    if tamper is TAMPERS["moved-away"]:
        assert not path.exists()
        assert tickets_in(moved(path)) == before


def test_a_board_started_without_its_database_waits_for_it(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "hall" / "antre.db"
    settings = DeviceSettings(database_url=f"sqlite:///{path.as_posix()}", hall="uji")
    options = load_options(["--windowed", "--size", "1366x768", "--sound", "off"], settings)
    window = build_board(options)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.sync.start()
    try:
        qtbot.waitUntil(lambda: not window.sync.online, timeout=5000)
        assert window.banner.isVisible()
        assert not path.parent.exists()  # no folder, no empty private queue
        made = schema.connect(f"sqlite:///{path.as_posix()}", create=True)  # antre hall import
        store.import_spec(made, store.load(SMALL_HALL))
        made.dispose()
        qtbot.waitUntil(lambda: window.sync.state.loaded, timeout=10_000)
        assert window.sync.online and not window.banner.isVisible()
    finally:
        window.sync.stop()
        if window.sync.hall is not None:
            window.sync.hall.db.dispose()
