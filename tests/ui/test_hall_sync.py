"""The one way a front end keeps up with its hall (ui.hall_sync), opened by ui.startup.

Real databases throughout: the hall fixture's (SQLite and PostgreSQL) for reads and the feed,
and SQLite files that are missing, made later, or deleted while a program follows them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from core.errors import DatabaseMissing
from core.events import TICKET_EVENTS
from core.hall import HallService
from core.hallfile import store
from tests.conftest import SMALL_HALL
from tests.sqlite_tamper import delete
from ui.hall_sync import HallSync
from ui.startup import hall_opener, open_hall

pytestmark = pytest.mark.gui


def make_hall_file(path: Path) -> None:
    """What ``antre hall import`` does: the file made, the small test hall in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    HallService.set_up(f"sqlite:///{path.as_posix()}", store.load(SMALL_HALL)).dispose()


@pytest.fixture
def syncs() -> Iterator[list[HallSync]]:
    made: list[HallSync] = []
    yield made
    for sync in made:
        sync.stop()
    QThreadPool.globalInstance().waitForDone(5000)
    for sync in made:
        if sync.hall is not None:
            sync.hall.dispose()


def test_a_read_puts_it_online_and_the_feed_brings_only_the_kinds_asked_for(
    qtbot, hall: HallService, syncs: list[HallSync]
) -> None:
    sync = HallSync(hall, kinds=TICKET_EVENTS, feed_wait=0.2)
    syncs.append(sync)
    sync.mark_offline()
    results: list[int] = []
    sync.read(lambda h: h.snapshot().last_event_id, results.append)
    qtbot.waitUntil(lambda: results != [], timeout=5000)
    assert sync.online and sync.outage is None
    batches: list[list[str]] = []
    sync.events.connect(lambda batch: batches.append([e.kind for e in batch]))
    sync.follow(results[0])
    assert sync.following
    hall.update_settings({"running_text": "Selamat datang"})  # not a kind asked for
    hall.issue("KTP", reserve_for_print=False)
    qtbot.waitUntil(lambda: batches != [], timeout=5000)
    qtbot.wait(300)
    assert batches == [["ticket.issued"]]


def test_a_missing_file_is_named_retried_with_growing_delays_and_then_read(
    qtbot, tmp_path: Path, syncs: list[HallSync]
) -> None:
    path = tmp_path / "kantor" / "antre.db"
    sync = HallSync(hall_opener(f"sqlite:///{path.as_posix()}", "uji"), retry_delays=(0.1, 0.4))
    syncs.append(sync)
    online: list[bool] = []
    retries: list[float] = []
    sync.online_changed.connect(online.append)
    sync.retry_due.connect(lambda: retries.append(time.monotonic()))
    failures: list[Exception] = []
    started = time.monotonic()
    sync.read(lambda h: h.hall.code, lambda _code: None, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert isinstance(failures[0], DatabaseMissing)
    assert not sync.online and online == [False]
    assert isinstance(sync.outage, DatabaseMissing) and str(path) in sync.outage_text("id")
    assert sync.hall is None and not path.parent.exists()  # nothing made where it was missing

    codes: list[str] = []
    sync.retry_due.connect(lambda: sync.read(lambda h: h.hall.code, codes.append, failures.append))
    qtbot.waitUntil(lambda: len(failures) == 3, timeout=5000)
    # Qt may fire a timer up to 5 % early.
    assert retries[0] - started >= 0.09 and retries[1] - retries[0] >= 0.37
    make_hall_file(path)
    qtbot.waitUntil(lambda: codes == ["uji"], timeout=5000)
    assert sync.online and sync.outage is None and online == [False, True]
    assert isinstance(sync.hall, HallService)


def test_the_feed_losing_its_file_takes_it_offline_with_the_reason(
    qtbot, tmp_path: Path, syncs: list[HallSync]
) -> None:
    path = tmp_path / "antre.db"
    make_hall_file(path)
    sync = HallSync(open_hall(f"sqlite:///{path.as_posix()}", None), feed_wait=0.2)
    syncs.append(sync)
    feed: list[bool] = []
    sync.feed_changed.connect(feed.append)
    sync.read(lambda h: h.snapshot().last_event_id, sync.follow)
    qtbot.waitUntil(lambda: sync.following, timeout=5000)
    delete(path)
    qtbot.waitUntil(lambda: sync.outage is not None, timeout=5000)
    assert feed == [False] and not sync.online
    assert sync.outage.code == "database_file_gone"
