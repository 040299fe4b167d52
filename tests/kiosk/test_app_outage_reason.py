"""The kiosk's out-of-service page tells the technician why, in a small line under the citizens'
text: a SQLite file missing at start, deleted, moved or replaced while running, with its path
(core's short form). A PostgreSQL server that is down keeps the generic text only.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QThreadPool
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from core.config import DeviceSettings
from core.db.database import Database
from core.hall import HallService
from kiosk.app import _parse, _Starter
from kiosk.config import KioskConfig
from tests.sqlite_tamper import TAMPERS, delete
from ui import i18n

# Pictures of the page to look at after a run (not docs: ./run screenshots does not take them).
SHOTS = Path(tempfile.gettempdir()) / "antre-test-shots" / "kiosk-outage"
FRIENDLY = "Mohon maaf, sistem antrean sedang tidak dapat dihubungi."
LONG = "kantor-pelayanan-terpadu-satu-pintu-kabupaten/server-antrean-lantai-dua/data-hari-ini"


def shown(line: QLabel) -> str:
    return line.text().replace("\u200b", "") if line.isVisible() else ""


def assert_fits(line: QLabel, page: QWidget) -> None:
    """Wrapped inside its own width (no word runs past it), whole, inside the page."""
    metrics = QFontMetrics(line.font())
    rect = line.contentsRect()
    needed = metrics.boundingRect(
        QRect(0, 0, rect.width(), 10_000), int(Qt.TextFlag.TextWordWrap), line.text()
    )
    assert needed.width() <= rect.width(), (needed, rect)
    assert needed.height() <= rect.height(), (needed, rect)
    top_left = line.mapTo(page, rect.topLeft())
    assert top_left.x() >= 0 and top_left.y() >= 0
    assert top_left.x() + rect.width() <= page.width()
    assert top_left.y() + rect.height() <= page.height()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("tamper", TAMPERS.values(), ids=TAMPERS.keys())
def test_a_running_kiosk_names_the_lost_file(qtbot, make_kiosk, hall, tamper) -> None:
    window = make_kiosk(feed_wait=1.0, retry_seconds=3.0, refresh_interval=1.0)
    path = hall.db.file.path
    tamper(path)
    qtbot.waitUntil(lambda: window.current is window.unavailable, timeout=5000)
    qtbot.waitUntil(lambda: str(path) in shown(window.unavailable.reason), timeout=5000)
    replaced = tamper is TAMPERS["replaced"]
    assert shown(window.unavailable.reason) == (
        f"Berkas basis data {path} diganti — mulai ulang program"
        if replaced
        else f"Berkas basis data {path} dihapus atau dipindahkan — kembalikan berkasnya"
    )
    assert window.unavailable.message.text() == FRIENDLY  # citizens keep the friendly words
    window.set_language("en")
    english = (
        f"Database file {path} was replaced — restart the program"
        if replaced
        else f"Database file {path} was deleted or moved — put it back"
    )
    qtbot.waitUntil(lambda: shown(window.unavailable.reason) == english)
    window.set_language("id")


@pytest.mark.pg
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_postgresql_outage_keeps_the_generic_text(qtbot, make_kiosk, breakable_hall) -> None:
    service, cut, restore = breakable_hall
    window = make_kiosk(hall_service=service, feed_wait=1.0, retry_seconds=1.0)
    cut()
    qtbot.waitUntil(lambda: window.current is window.unavailable, timeout=8000)
    qtbot.wait(1500)  # the feed's loss and a retry have been read
    assert window.unavailable.message.text() == FRIENDLY
    assert shown(window.unavailable.reason) == ""
    assert window.data.outage is None
    restore()
    qtbot.waitUntil(lambda: window.current is window.home, timeout=10000)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1080, 1920)], ids=str)
def test_a_long_path_wraps_whole_on_the_page(qtbot, make_kiosk, hall, tmp_path, size) -> None:
    folder = tmp_path / LONG
    folder.mkdir(parents=True)
    path = folder / "antre-kantor-pelayanan.db"
    with sqlite3.connect(hall.db.file.path) as source, sqlite3.connect(path) as target:
        source.backup(target)  # the hall as written so far, its WAL included
    database = Database(f"sqlite:///{path.as_posix()}")
    try:
        window = make_kiosk(
            hall_service=HallService(database, hall.hall),
            size=size,
            feed_wait=1.0,
            retry_seconds=3.0,
        )
        delete(path)
        qtbot.waitUntil(lambda: str(path) in shown(window.unavailable.reason), timeout=8000)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
        QApplication.processEvents()
        page = window.unavailable
        assert_fits(page.reason, page)
        assert_fits(page.detail, page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / f"running-{size[0]}x{size[1]}.png"))
        window.shutdown()
        QThreadPool.globalInstance().waitForDone(5000)
    finally:
        database.dispose()


def start(tmp_path: Path, url: str, lang: str = "id") -> _Starter:
    device = DeviceSettings(database_url=url, hall="uji")
    args = _parse(["--windowed", "--size", "1366x768"])
    starter = _Starter(QApplication.instance(), device, KioskConfig(language=lang), args)  # type: ignore[arg-type]
    starter.attempt()
    return starter


def end(starter: _Starter) -> None:
    QThreadPool.globalInstance().waitForDone(5000)
    if starter.waiting is not None:
        starter.waiting.close()
    if starter.hall is not None:
        starter.hall.dispose()
    i18n.set_language("id")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_kiosk_started_without_its_file_says_which_file(qtbot, tmp_path: Path, lang: str) -> None:
    path = tmp_path / LONG / "antre.db"
    starter = start(tmp_path, f"sqlite:///{path.as_posix()}", lang)
    try:
        qtbot.waitUntil(lambda: starter.waiting is not None and starter.waiting.isVisible())
        waiting = starter.waiting
        if lang == "id":
            assert waiting.title.text() == "Layanan sementara tidak tersedia"
            assert waiting.message.text() == FRIENDLY
            assert shown(waiting.reason) == (
                f"Basis data tidak ditemukan: {path} — periksa pengaturan"
            )
        else:
            assert waiting.title.text() == "Service temporarily unavailable"
            assert waiting.message.text() == "Sorry, the queue system cannot be reached right now."
            assert shown(waiting.reason) == f"Database not found: {path} — check the settings"
        qtbot.waitUntil(lambda: (waiting.width(), waiting.height()) == (1366, 768))
        QApplication.processEvents()
        assert_fits(waiting.reason, waiting)
        assert_fits(waiting.detail, waiting)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert waiting.grab().save(str(SHOTS / f"start-{lang}-1366x768.png"))
        waiting.resize(1920, 1080)
        qtbot.waitUntil(lambda: (waiting.width(), waiting.height()) == (1920, 1080))
        QApplication.processEvents()
        assert_fits(waiting.reason, waiting)
        assert waiting.grab().save(str(SHOTS / f"start-{lang}-1920x1080.png"))
        assert not path.parent.exists()  # nothing was made
    finally:
        end(starter)


def test_a_kiosk_started_while_the_server_is_down_keeps_the_generic_text(
    qtbot, tmp_path: Path, closed_port: int
) -> None:
    starter = start(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{closed_port}/antre")
    try:
        qtbot.waitUntil(lambda: starter.waiting is not None and starter.waiting.isVisible())
        assert starter.waiting.message.text() == FRIENDLY
        assert shown(starter.waiting.reason) == ""
    finally:
        end(starter)
