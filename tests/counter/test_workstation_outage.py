"""The database goes away and comes back: a banner, disabled actions, and no action twice.

The outage is real. PostgreSQL refuses connections to the test database and its sessions
are terminated; SQLite's file disappears behind the window's path (a directory takes its
place, as when a network share drops) and the window's open connections are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import func, select

from core.db import models as m
from core.db.database import Database
from core.domain.enums import TicketStatus
from core.errors import DatabaseUnavailable
from core.hall import HallService
from counter import actions
from counter.workstation import Workstation
from tests.counter.conftest import own_controller, stop_all


def shown(window: Workstation) -> str:
    card = window.ticket_card
    return card.number.text() if card.number.isVisible() else ""


def called_events(hall: HallService) -> int:
    return hall.db.read(
        lambda tx: tx.session.scalar(select(func.count()).where(m.Event.kind == "ticket.called"))
    )


@pytest.fixture
def remote_window(qtbot, hall, officer, outage) -> Iterator[Callable[[], Workstation]]:
    """A workstation whose database connection the test can cut (core calls off-thread)."""
    windows: list[tuple[Workstation, Database]] = []

    def open_remote() -> Workstation:
        controller, db = own_controller(outage.window_url(), hall, officer, synchronous=False)
        window = Workstation(controller)
        window.repeat_guard_ms = 0
        qtbot.addWidget(window)
        windows.append((window, db))
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.loaded and window.controller.runner.can_act, timeout=5000)
        return window

    yield open_remote
    stop_all(windows)


def test_outage_banner_then_recovery_applies_the_call_once(
    hall, issue, remote_window, outage, qtbot
):
    issue("KTP")
    issue("KTP")
    window = remote_window()
    assert not window.banner.isVisible()
    outage.stop(window.controller.hall.db)
    window.buttons["call_next"][0].click()  # clicked as the line dropped
    qtbot.waitUntil(
        lambda: window.banner.isVisible() and window.controller.runner.pending is not None,
        timeout=5000,
    )
    assert window.banner.title.text() == "Basis data tidak dapat dihubungi"
    assert window.banner.pending.text() == (
        "“Panggil berikutnya” belum terkirim; dikirim ulang otomatis begitu tersambung."
    )
    assert not any(v for k, v in window.controller.enabled_actions().items() if k != "mini")
    assert not window.buttons["call_next"][0].isEnabled()
    assert not window.mini.buttons["call_next"].isEnabled()
    assert window.mini.status.text() == "Terputus — menghubungkan ulang…"
    runner = window.controller.runner
    request_ids = list(runner.pending.request_ids)
    # Retries meanwhile fail, and the click stays pending with the same request id.
    qtbot.waitUntil(lambda: runner.pending is not None and runner.pending.tries >= 2, timeout=5000)
    assert runner.pending.request_ids == request_ids
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
    outage.stop(window.controller.hall.db)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    assert window.controller.runner.pending is None
    assert not window.banner.resend_button.isVisible()
    assert not window.buttons["call_next"][0].isEnabled()
    window.act("call_next")  # the F1 key while offline: nothing happens
    assert window.controller.runner.pending is None and not window.controller.runner.busy
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
    real_call_next = window.controller.hall.call_next
    seen: list[str] = []

    def flaky_call_next(counter, *, officer_id=None, request_id=None):
        seen.append(request_id)
        result = real_call_next(counter, officer_id=officer_id, request_id=request_id)
        if len(seen) == 1:
            raise DatabaseUnavailable("database_unavailable", detail="connection reset")
        return result

    window.controller.hall.call_next = flaky_call_next
    window.act("call_next")
    assert window.banner.isVisible() and window.controller.runner.pending is not None
    assert hall.counter(1).current.number == "A001"  # core did apply it
    qtbot.waitUntil(
        lambda: len(seen) == 2 and window.controller.runner.pending is None, timeout=5000
    )
    assert seen[0] == seen[1]
    assert shown(window) == "A001"
    assert called_events(hall) == 1
    assert [t.status for t in hall.tickets_today()] == [TicketStatus.CALLED, TicketStatus.WAITING]
    assert not window.banner.isVisible()


def test_an_old_unsent_action_waits_for_the_officer(hall, issue, open_window, qtbot, monkeypatch):
    issue("KTP")
    window = open_window(1)
    monkeypatch.setattr(actions, "AUTO_RETRY_SECONDS", 0.0)
    real_call_next = window.controller.hall.call_next
    failing = [True]

    def call_next(counter, *, officer_id=None, request_id=None):
        if failing[0]:
            raise DatabaseUnavailable("database_unavailable", detail="no route to host")
        return real_call_next(counter, officer_id=officer_id, request_id=request_id)

    window.controller.hall.call_next = call_next
    window.act("call_next")
    failing[0] = False
    # Too old to be sent by itself: once the database answers, the officer decides.
    qtbot.waitUntil(
        lambda: window.controller.runner.online and window.banner.resend_button.isVisible(),
        timeout=5000,
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
