"""Workstation fixtures: an officer, tickets, and windows that each use their own connection.

A window gets its own ``Database`` (as a second PC would), so what it shows can only come
through core and the event feed, never from the test's own session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from core.db.database import Database
from core.domain.enums import Priority
from core.hall import HallService
from core.views import OfficerView, TicketView
from counter.controller import CounterController
from counter.workstation import Workstation
from tests.counter.outages import Outage, PostgresOutage, SqliteOutage
from ui import i18n

PASSWORD = "rahasia-loket"


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters: these tests are about the workstation, not hash strength."""
    from argon2 import PasswordHasher

    from core.services import officers

    monkeypatch.setattr(
        officers, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def officer(hall: HallService) -> OfficerView:
    return hall.add_officer("budi", PASSWORD, full_name="Budi Santoso")


@pytest.fixture
def issue(hall: HallService) -> Callable[..., TicketView]:
    """Issue a ticket the way a kiosk does after a confirmed print."""

    def issue(service: str = "KTP", priority: Priority = Priority.REGULAR) -> TicketView:
        return hall.issue(service, priority, kiosk="kiosk-uji", reserve_for_print=False).ticket

    return issue


def own_controller(
    url: str, hall: HallService, officer: OfficerView, counter: int = 1, *, synchronous: bool
) -> tuple[CounterController, Database]:
    """A controller for ``counter`` on a connection of its own to ``url`` (its own PC)."""
    db = Database(url)
    controller = CounterController(
        HallService.open(db, hall.hall.code),
        officer,
        counter,
        synchronous=synchronous,
        feed_wait=0.05,
    )
    return controller, db


def stop_all(
    made: list[tuple[Workstation, Database]] | list[tuple[CounterController, Database]],
) -> None:
    """Stop each window or controller, let their reads end, then drop their connections."""
    for each, _db in made:
        each.shutdown()
    QThreadPool.globalInstance().waitForDone(5000)
    for _each, db in made:
        db.dispose()


@pytest.fixture
def open_window(
    qtbot: QtBot, db_url: str, hall: HallService, officer: OfficerView
) -> Iterator[Callable[..., Workstation]]:
    """Open a workstation at a counter, on its own connection to the test database."""
    stations: list[tuple[Workstation, Database]] = []

    def open_window(
        counter: int = 1,
        *,
        synchronous: bool = True,
        who: OfficerView | None = None,
        show: bool = True,
        repeat_guard: bool = False,
    ) -> Workstation:
        controller, db = own_controller(
            db_url, hall, who or officer, counter, synchronous=synchronous
        )
        window = Workstation(controller)
        if not repeat_guard:
            window.repeat_guard_ms = 0  # tests click again at once on purpose
        qtbot.addWidget(window)
        window.resize(1366, 768)  # a hall PC's screen (the offscreen one is 800×800)
        stations.append((window, db))
        if show:
            window.show()
        window.start()
        qtbot.waitUntil(lambda: window.loaded and window.controller.runner.can_act, timeout=5000)
        return window

    yield open_window
    stop_all(stations)
    i18n.set_language("id")


@pytest.fixture
def click(qtbot: QtBot) -> Callable[..., None]:
    """Click an action's button with the mouse; it must be enabled, as the officer sees it."""

    def click(window: Workstation, key: str, *, mini: bool = False) -> None:
        buttons = window.buttons[key]
        target = next(b for b in buttons if (b.window() is window.mini) == mini)
        assert target.isEnabled(), f"{key} is disabled"
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    return click


@pytest.fixture
def outage(db_url: str, tmp_path: Path) -> Iterator[Outage]:
    """Takes a connection's database away on the engine of ``db_url``, and brings it back."""
    made: Outage = (
        SqliteOutage(db_url, tmp_path) if db_url.startswith("sqlite") else PostgresOutage(db_url)
    )
    try:
        yield made
    finally:
        made.close()
