"""Workstation fixtures: an officer, tickets, and windows that each use their own connection.

A window gets its own ``Database`` (as a second PC would), so what it shows can only come
through core and the event feed, never from the test's own session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from core.db.database import Database
from core.domain.enums import Priority
from core.service import HallService
from core.views import OfficerView, TicketView
from counter.workstation import Workstation
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


@dataclass
class Station:
    window: Workstation
    db: Database


@pytest.fixture
def open_window(
    qtbot: QtBot, db_url: str, hall: HallService, officer: OfficerView
) -> Iterator[Callable[..., Workstation]]:
    """Open a workstation at a counter, on its own connection to the test database."""
    stations: list[Station] = []

    def open_window(
        counter: int = 1,
        *,
        synchronous: bool = True,
        who: OfficerView | None = None,
        show: bool = True,
        repeat_guard: bool = False,
    ) -> Workstation:
        db = Database(db_url)
        window = Workstation(
            HallService.open(db, hall.hall.code),
            who or officer,
            counter,
            synchronous=synchronous,
            feed_wait=0.05,
        )
        if not repeat_guard:
            window.repeat_guard_ms = 0  # tests click again at once on purpose
        qtbot.addWidget(window)
        window.resize(1366, 768)  # a hall PC's screen (the offscreen one is 800×800)
        stations.append(Station(window, db))
        if show:
            window.show()
        window.start()
        qtbot.waitUntil(lambda: window.loaded and window.runner.can_act, timeout=5000)
        return window

    yield open_window
    for station in stations:
        station.window.shutdown()
    QThreadPool.globalInstance().waitForDone(5000)
    for station in stations:
        station.db.dispose()
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
