"""The event feed as Qt signals on the GUI thread; operations off it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from core.hall import HallService
from ui import operations
from ui.feed_bridge import FeedBridge


def test_events_arrive_on_the_gui_thread(qtbot, hall: HallService) -> None:
    bridge = FeedBridge(hall, cursor=hall.snapshot().last_event_id, wait_seconds=0.2)
    seen: list[tuple[str, bool]] = []
    bridge.events.connect(
        lambda batch: seen.extend(
            (e.payload["number"], QThread.currentThread() is qtbot_thread) for e in batch
        )
    )
    qtbot_thread = QThread.currentThread()
    bridge.start()
    try:
        hall.issue("KTP", reserve_for_print=False)
        hall.issue("SKCK", reserve_for_print=False)
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    finally:
        bridge.stop()
    assert seen == [("A001", True), ("S001", True)]


def test_operations_run_off_the_gui_thread_and_report_back(qtbot, hall: HallService) -> None:
    worker_threads: list[int] = []
    results: list[object] = []
    failures: list[Exception] = []

    def work():
        worker_threads.append(threading.get_ident())
        return hall.issue("KTP", reserve_for_print=False).ticket.number

    operations.run(work, results.append, failures.append)
    operations.run(lambda: hall.call_next(99), results.append, failures.append)
    qtbot.waitUntil(lambda: len(results) + len(failures) == 2, timeout=5000)
    assert results == ["A001"]
    assert worker_threads != [threading.get_ident()]
    assert [getattr(f, "code", None) for f in failures] == ["counter_unknown"]
