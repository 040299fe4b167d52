"""The kiosk and its SQLite file: deleted, replaced or moved away while it runs, or missing
when it starts. It says "Layanan sementara tidak tersedia" within 5 s and never makes a file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from core.config import DeviceSettings
from core.db import schema
from core.hall import HallService
from core.hallfile import store
from kiosk.app import _parse, _Starter
from kiosk.config import KioskConfig
from tests.conftest import SMALL_HALL
from tests.sqlite_tamper import TAMPERS, moved, tickets_in

REAL_TIMINGS = {"feed_wait": 1.0, "retry_seconds": 3.0, "refresh_interval": 1.0}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("tamper", TAMPERS.values(), ids=TAMPERS.keys())
def test_the_kiosk_shows_its_outage_within_5_s(qtbot, make_kiosk, hall, tamper) -> None:
    window = make_kiosk(**REAL_TIMINGS)
    assert window.current is window.home
    path = hall.db.file.path
    before = tickets_in(path)
    started = time.monotonic()
    tamper(path)
    qtbot.waitUntil(lambda: window.current is window.unavailable, timeout=5000)
    assert time.monotonic() - started < 5
    assert not window.data.online
    qtbot.wait(1500)  # it keeps retrying; it stays out of service
    assert window.current is window.unavailable
    if tamper is TAMPERS["moved-away"]:
        assert not path.exists()  # nothing was made where the file was
        assert tickets_in(moved(path)) == before
    elif tamper is TAMPERS["deleted"]:
        assert not path.exists()


def test_a_kiosk_started_without_its_database_waits_for_it(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "hall" / "antre.db"
    device = DeviceSettings(database_url=f"sqlite:///{path.as_posix()}", hall="uji")
    args = _parse(["--windowed", "--size", "1366x768"])
    starter = _Starter(QApplication.instance(), device, KioskConfig(), args)  # type: ignore[arg-type]
    try:
        starter.attempt()
        qtbot.waitUntil(lambda: starter.waiting is not None and starter.waiting.isVisible())
        assert starter.waiting.title.text() == "Layanan sementara tidak tersedia"
        assert starter.window is None and starter.exit_code == 0
        assert not path.parent.exists()  # no folder, no empty private queue
        made = schema.connect(f"sqlite:///{path.as_posix()}", create=True)  # antre hall import
        store.import_spec(made, store.load(SMALL_HALL))
        made.dispose()
        qtbot.waitUntil(lambda: starter.window is not None, timeout=8000)
        assert isinstance(starter.window.hall, HallService)
    finally:
        if starter.window is not None:
            starter.window.shutdown()
        QThreadPool.globalInstance().waitForDone(5000)
        for widget in (starter.window, starter.waiting):
            if widget is not None:
                widget.close()
        if starter.hall is not None:
            starter.hall.dispose()
