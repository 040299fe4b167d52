"""Kiosk fixtures: a real kiosk window on the test hall, a TCP printer, a breakable database."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from core.db.database import Database
from core.domain.enums import CounterState, Priority
from core.hall import HallService
from core.hallfile import store
from kiosk.config import KioskConfig
from tests.conftest import draw_logo, import_small_hall
from tests.kiosk.kiosk_helpers import FakePrinter, TcpProxy

SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "halls" / "mpp-lampung-timur.toml"
FAST = {
    "print_timeout": 0.6,
    "status_timeout": 0.3,
    "retry_seconds": 0.2,
    "refresh_interval": 0.05,
    "feed_wait": 0.1,
    "problem_check_seconds": 0.3,
}


@pytest.fixture
def printer_server() -> Iterator[Callable[..., FakePrinter]]:
    """Factory: printer_server(mode, ...) starts a TCP printer on 127.0.0.1; stopped after."""
    started: list[FakePrinter] = []

    def start(*args: object, **kwargs: object) -> FakePrinter:
        server = FakePrinter(*args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def hall_logo(hall: HallService, tmp_path: Path) -> bytes:
    """The test hall with a logo (a made-up emblem, PNG) in the database: its bytes."""
    path = draw_logo(tmp_path / "lambang.png")
    import_small_hall(hall.db, tmp_path, path.name)
    return path.read_bytes()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def make_kiosk(qtbot, hall: HallService):
    """Factory: a kiosk window (1920×1080, not full screen) on the test hall, data loaded."""
    windows = []

    def make(
        printer: str = "none",
        *,
        hall_service: HallService | None = None,
        size: tuple[int, int] = (1920, 1080),
        wait: bool = True,
        **changes: object,
    ):
        from kiosk.window import KioskWindow

        config = KioskConfig(name="kiosk-uji", printer=printer, **{**FAST, **changes})
        window = KioskWindow(hall_service or hall, config)
        windows.append(window)
        window.resize(*size)
        window.show()
        if wait:
            qtbot.waitUntil(lambda: window.data.loaded and bool(window.home.tiles), timeout=5000)
        return window

    yield make
    for window in windows:
        qtbot.waitUntil(lambda w=window: not w.flow.busy, timeout=10000)
        window.shutdown()
    QThreadPool.globalInstance().waitForDone(10000)
    QApplication.processEvents()
    for window in windows:
        window.close()
        window.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def breakable_hall(db_url: str, hall: HallService, tmp_path: Path):
    """The test hall through a connection the test can cut and restore: (service, cut, restore).

    PostgreSQL: a TCP relay in front of the server; cutting it also terminates the backends.
    SQLite: the database's folder is moved away (and the kiosk's idle pooled connections are
    dropped, as after a restart or a lost network share), then moved back.
    """
    if db_url.startswith("sqlite"):
        folder = tmp_path
        away = tmp_path.with_name(tmp_path.name + "-away")
        database = Database(db_url)

        def cut() -> None:
            folder.rename(away)
            database.engine.dispose()

        def restore() -> None:
            away.rename(folder)

        yield HallService(database, hall.hall), cut, restore
        if away.exists():
            away.rename(folder)
        database.dispose()
        return
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    database = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(False))
    admin = hall.db

    def cut_pg() -> None:
        proxy.stop()
        from sqlalchemy import text

        with admin.engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            connection.commit()

    yield HallService(database, hall.hall), cut_pg, proxy.start
    proxy.stop()
    database.dispose()


@pytest.fixture
def sample_hall(db, fixed_clock) -> HallService:
    """The sample hall (MPP Lampung Timur) at 09:41 on a Monday, every loket open, a queue."""
    fixed_clock.set("2026-11-23T09:41:00+07:00")
    store.import_spec(db, store.load(SAMPLE))
    hall = HallService.open(db, "mpp-lampung-timur")
    for counter in hall.snapshot().counters:
        hall.set_counter_state(counter.number, CounterState.OPEN)
    for code, count in (
        ("SKCK-BARU", 25),
        ("SIM-C-PERPANJANG", 9),
        ("KTP-EL-REKAM", 14),
        ("KK", 6),
        ("AKTA-LAHIR", 3),
        ("NPWP", 2),
        ("BANK-PAJAK-DAERAH", 4),
    ):
        for index in range(count):
            priority = Priority.LANSIA if index % 7 == 3 else Priority.REGULAR
            hall.issue(code, priority, kiosk="kiosk-2", reserve_for_print=False)
    return hall
