"""The database goes away and comes back: a banner, disabled actions, and no action twice.

The outage is real. PostgreSQL refuses connections to the test database and its sessions
are terminated; SQLite's file disappears behind the window's path (a directory takes its
place, as when a network share drops) and the window's open connections are dropped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from core.db import models as m
from core.db.database import Database
from core.domain.enums import TicketStatus
from core.errors import DatabaseUnavailable
from core.service import HallService
from counter import actions
from counter.workstation import Workstation

PG_SERVER = os.environ.get("ANTRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def shown(window: Workstation) -> str:
    card = window.ticket_card
    return card.number.text() if card.number.isVisible() else ""


def called_events(hall: HallService) -> int:
    return hall.db.read(
        lambda tx: tx.session.scalar(select(func.count()).where(m.Event.kind == "ticket.called"))
    )


class Outage:
    """Takes a window's database away and brings it back."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.down = False

    def window_url(self) -> str:
        return self.url

    def stop(self, window_db: Database) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError


class PostgresOutage(Outage):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.name = make_url(url).database
        self.admin = psycopg.connect(PG_SERVER, autocommit=True)

    def stop(self, window_db: Database) -> None:
        self.admin.execute(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS false')
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.name,),
        )
        self.down = True

    def start(self) -> None:
        self.admin.execute(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS true')
        self.down = False

    def close(self) -> None:
        if self.down:
            self.start()
        self.admin.close()


class SqliteOutage(Outage):
    """The window reaches the file through a folder link; the outage swaps the link away."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        super().__init__(url)
        real = Path(make_url(url).database)
        self.link = tmp_path / "share"
        self.link.symlink_to(real.parent, target_is_directory=True)
        self.parked = tmp_path / "share-offline"
        self.file_name = real.name

    def window_url(self) -> str:
        return f"sqlite:///{(self.link / self.file_name).as_posix()}"

    def stop(self, window_db: Database) -> None:
        self.link.rename(self.parked)
        (self.link / self.file_name).mkdir(parents=True)  # cannot be opened as a database
        window_db.dispose()  # open handles would outlive a rename; a dropped share kills them
        self.down = True

    def start(self) -> None:
        for _ in range(50):  # the window keeps knocking (and may leave a -journal behind)
            shutil.rmtree(self.link, ignore_errors=True)
            if not self.link.exists():
                break
        self.parked.rename(self.link)
        self.down = False

    def close(self) -> None:
        if self.down:
            self.start()


@pytest.fixture
def outage(db_url: str, tmp_path: Path) -> Iterator[Outage]:
    made: Outage = (
        SqliteOutage(db_url, tmp_path) if db_url.startswith("sqlite") else PostgresOutage(db_url)
    )
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def remote_window(qtbot, hall, officer, outage) -> Iterator[Callable[[], Workstation]]:
    """A workstation whose database connection the test can cut (core calls off-thread)."""
    windows: list[tuple[Workstation, Database]] = []

    def open_remote() -> Workstation:
        db = Database(outage.window_url())
        window = Workstation(
            HallService.open(db, hall.hall.code), officer, 1, synchronous=False, feed_wait=0.05
        )
        window.repeat_guard_ms = 0
        qtbot.addWidget(window)
        windows.append((window, db))
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.loaded and window.runner.can_act, timeout=5000)
        return window

    yield open_remote
    from PySide6.QtCore import QThreadPool

    for window, _db in windows:
        window.shutdown()
    QThreadPool.globalInstance().waitForDone(5000)
    for _window, db in windows:
        db.dispose()


def test_outage_banner_then_recovery_applies_the_call_once(
    hall, issue, remote_window, outage, qtbot
):
    issue("KTP")
    issue("KTP")
    window = remote_window()
    assert not window.banner.isVisible()
    outage.stop(window.hall.db)
    window.buttons["call_next"][0].click()  # clicked as the line dropped
    qtbot.waitUntil(
        lambda: window.banner.isVisible() and window.runner.pending is not None, timeout=5000
    )
    assert window.banner.title.text() == "Basis data tidak dapat dihubungi"
    assert window.banner.pending.text() == (
        "“Panggil berikutnya” belum terkirim; dikirim ulang otomatis begitu tersambung."
    )
    assert not any(v for k, v in window.enabled_actions().items() if k != "mini")
    assert not window.buttons["call_next"][0].isEnabled()
    assert not window.mini.buttons["call_next"].isEnabled()
    assert window.mini.status.text() == "Terputus — menghubungkan ulang…"
    request_ids = list(window.runner.pending.request_ids)
    # Retries meanwhile fail, and the click stays pending with the same request id.
    qtbot.waitUntil(
        lambda: window.runner.pending is not None and window.runner.pending.tries >= 2,
        timeout=5000,
    )
    assert window.runner.pending.request_ids == request_ids
    outage.start()
    qtbot.waitUntil(
        lambda: shown(window) == "A001" and not window.banner.isVisible(), timeout=10000
    )
    assert called_events(hall) == 1
    assert [t.status for t in hall.tickets_today()] == [TicketStatus.CALLED, TicketStatus.WAITING]
    assert window.buttons["finish"][0].isEnabled()
    # The feed is back too: a ticket from a kiosk shows up.
    issue("KK")
    qtbot.waitUntil(lambda: window.waiting.aside.text() == "2 menunggu", timeout=3000)


def test_outage_noticed_by_the_feed_disables_actions(hall, issue, remote_window, outage, qtbot):
    issue("KTP")
    window = remote_window()
    outage.stop(window.hall.db)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    assert window.runner.pending is None
    assert not window.banner.resend_button.isVisible()
    assert not window.buttons["call_next"][0].isEnabled()
    window.act("call_next")  # the F1 key while offline: nothing happens
    assert window.runner.pending is None and not window.runner.busy
    outage.start()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: window.buttons["call_next"][0].isEnabled(), timeout=3000)
    assert called_events(hall) == 0
    window.buttons["call_next"][0].click()
    qtbot.waitUntil(lambda: shown(window) == "A001", timeout=3000)


def test_a_lost_reply_is_retried_with_the_same_request_id(hall, issue, open_window, qtbot):
    """The call reached core but the answer was lost: the retry must not call a second one."""
    issue("KTP")
    issue("KTP")
    window = open_window(1)
    real_call_next = window.hall.call_next
    seen: list[str] = []

    def flaky_call_next(counter, *, officer_id=None, request_id=None):
        seen.append(request_id)
        result = real_call_next(counter, officer_id=officer_id, request_id=request_id)
        if len(seen) == 1:
            raise DatabaseUnavailable("database_unavailable", detail="connection reset")
        return result

    window.hall.call_next = flaky_call_next
    window.act("call_next")
    assert window.banner.isVisible() and window.runner.pending is not None
    assert hall.counter(1).current.number == "A001"  # core did apply it
    qtbot.waitUntil(lambda: len(seen) == 2 and window.runner.pending is None, timeout=5000)
    assert seen[0] == seen[1]
    assert shown(window) == "A001"
    assert called_events(hall) == 1
    assert [t.status for t in hall.tickets_today()] == [TicketStatus.CALLED, TicketStatus.WAITING]
    assert not window.banner.isVisible()


def test_an_old_unsent_action_waits_for_the_officer(hall, issue, open_window, qtbot, monkeypatch):
    issue("KTP")
    window = open_window(1)
    monkeypatch.setattr(actions, "AUTO_RETRY_SECONDS", 0.0)
    real_call_next = window.hall.call_next
    failing = [True]

    def call_next(counter, *, officer_id=None, request_id=None):
        if failing[0]:
            raise DatabaseUnavailable("database_unavailable", detail="no route to host")
        return real_call_next(counter, officer_id=officer_id, request_id=request_id)

    window.hall.call_next = call_next
    window.act("call_next")
    failing[0] = False
    # Too old to be sent by itself: once the database answers, the officer decides.
    qtbot.waitUntil(
        lambda: window.runner.online and window.banner.resend_button.isVisible(), timeout=5000
    )
    assert window.banner.title.text() == "Tersambung kembali"
    assert window.banner.pending.text() == (
        "“Panggil berikutnya” belum terkirim. Kirim ulang sekarang, atau batalkan?"
    )
    assert not window.buttons["call_next"][0].isEnabled()
    window.banner.discard_button.click()
    assert not window.banner.isVisible()
    assert window.buttons["call_next"][0].isEnabled()
    assert called_events(hall) == 0
    failing[0] = True
    window.act("call_next")
    failing[0] = False
    qtbot.waitUntil(lambda: window.banner.resend_button.isEnabled(), timeout=5000)
    window.banner.resend_button.click()
    assert shown(window) == "A001"
    assert called_events(hall) == 1
