"""The action runner without a database: one attempt at a time, kept through outages."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool

from core.errors import DatabaseUnavailable, Refused
from counter.actions import ActionRunner, Step


@pytest.fixture
def runner(qtbot):
    made = ActionRunner(lambda: None, synchronous=True)
    yield made
    made.shutdown()


def test_one_attempt_at_a_time(qtbot):
    pool = QThreadPool()
    runner = ActionRunner(lambda: None, pool=pool)
    release = threading.Event()
    calls: list[str] = []

    def slow(request_id: str) -> str:
        calls.append(request_id)
        release.wait(5)
        return "A001"

    assert runner.submit("call_next", [Step("call_next", slow)])
    assert runner.busy and not runner.can_act
    assert not runner.submit("call_next", [Step("call_next", slow)])  # the double click
    with qtbot.wait_signal(runner.finished, timeout=5000) as done:
        release.set()
    assert done.args[0].results == ["A001"]
    assert len(calls) == 1 and not runner.busy
    pool.waitForDone(5000)
    runner.shutdown()


def test_steps_run_in_order_and_stop_at_a_refusal(runner, qtbot):
    order: list[str] = []

    def refuse(_rid: str) -> None:
        order.append("finish")
        raise Refused("no_open_ticket", counter="Loket 1")

    with qtbot.wait_signal(runner.refused) as refused:
        runner.submit("call_next", [Step("finish", refuse), Step("call_next", order.append)])
    assert order == ["finish"]
    assert refused.args[1].code == "no_open_ticket"
    assert runner.can_act


def test_an_unreachable_database_keeps_the_attempt_and_its_request_ids(runner, qtbot):
    seen: list[tuple[str, str]] = []
    down = [True]

    def finish(rid: str) -> str:
        seen.append(("finish", rid))
        return "done"

    def call(rid: str) -> str:
        seen.append(("call", rid))
        if down[0]:
            raise DatabaseUnavailable("database_unavailable", detail="timeout")
        return "A002"

    with qtbot.wait_signal(runner.online_changed) as changed:
        runner.submit("call_next", [Step("finish", finish), Step("call_next", call)])
    assert changed.args == [False]
    kept = runner.pending
    assert kept is not None and kept.index == 1  # the finish step is not sent again
    assert not runner.can_act
    down[0] = False
    with qtbot.wait_signal(runner.finished, timeout=5000):
        pass  # the retry timer sends it again
    assert [name for name, _ in seen] == ["finish", "call", "call"]
    assert seen[1][1] == seen[2][1] == kept.steps[1].request_id
    assert runner.online and runner.pending is None


def test_the_feed_losing_the_database_means_offline(runner, qtbot):
    with qtbot.wait_signal(runner.online_changed):
        runner.set_feed_ok(False)
    assert not runner.can_act
    assert not runner.submit("call_next", [Step("call_next", lambda rid: rid)])
    with qtbot.wait_signal(runner.online_changed) as back:
        runner.set_feed_ok(True)
    assert back.args == [True] and runner.can_act
