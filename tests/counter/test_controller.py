"""The counter's controller without a window: requests in, views out, on both engines.

Each controller has its own connection to the test database (as a second PC would), so
what its views say can only come through core and the event feed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from core.db.database import Database
from core.domain.enums import CounterState, TicketStatus
from core.hall import HallService
from core.views import OfficerView
from counter.controller import CounterController
from counter.views import ClosingQuestion, ControlsView, Notice, ScreenView
from tests.counter.conftest import own_controller, stop_all

OpenController = Callable[..., tuple[CounterController, Database]]


@dataclass
class Views:
    """Everything a controller sent out, in order."""

    screens: list[ScreenView] = field(default_factory=list)
    controls: list[ControlsView] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    questions: list[ClosingQuestion] = field(default_factory=list)


def record(controller: CounterController) -> Views:
    views = Views()
    controller.screen_changed.connect(views.screens.append)
    controller.controls_changed.connect(views.controls.append)
    controller.notice.connect(views.notices.append)
    controller.closing_asked.connect(views.questions.append)
    return views


@pytest.fixture
def open_controller(
    qtbot: QtBot, hall: HallService, officer: OfficerView
) -> Iterator[OpenController]:
    """A controller for Loket 1 on its own connection to ``url``, loaded and able to act."""
    made: list[tuple[CounterController, Database]] = []

    def open_controller(
        url: str, *, synchronous: bool = True
    ) -> tuple[CounterController, Database]:
        controller, db = own_controller(url, hall, officer, synchronous=synchronous)
        made.append((controller, db))
        with qtbot.waitSignal(controller.screen_changed, timeout=5000):
            controller.begin()
        qtbot.waitUntil(lambda: controller.loaded and controller.runner.can_act, timeout=5000)
        return controller, db

    yield open_controller
    stop_all(made)


def test_call_start_finish_come_out_as_views(qtbot, db_url, hall, issue, open_controller) -> None:
    first, second = issue("KTP"), issue("KTP")
    controller, _db = open_controller(db_url)
    views = record(controller)
    assert hall.counter(1).state is CounterState.OPEN  # opened for the officer on load

    with qtbot.waitSignal(controller.ticket_changed) as called:
        controller.call_next()
    assert called.args[0].number == first.number
    assert called.args[0].status is TicketStatus.CALLED
    assert views.notices[-1] == Notice(f"{first.number} dipanggil.", "success", 6)
    screen = views.screens[-1]  # the read after the action
    assert screen.current is not None and screen.current.number == first.number
    assert screen.reading is not None
    assert [t.number for t in screen.reading.waiting] == [second.number]
    assert screen.hint == f"Tekan F1 untuk memanggil {second.number} ({second.service_name})."
    enabled = views.controls[-1].enabled
    assert enabled["start"] and enabled["recall"] and not enabled["resume"]

    with qtbot.waitSignal(controller.ticket_changed) as started:
        controller.start()
    assert started.args[0].status is TicketStatus.SERVING
    assert views.notices[-1].text == f"Mulai melayani {first.number}."
    enabled = views.controls[-1].enabled
    assert enabled["finish"] and not enabled["start"] and not enabled["recall"]

    with qtbot.waitSignal(controller.ticket_changed) as finished:
        controller.finish()
    assert finished.args == [None]
    assert views.notices[-1].text == f"{first.number} selesai."
    assert views.screens[-1].current is None
    assert views.screens[-1].reading.counter_figures.served == 1
    enabled = views.controls[-1].enabled
    assert enabled["call_next"] and not enabled["finish"]
    assert hall.counter(1).current is None
    assert views.questions == []  # nothing was held at a call: nothing to ask


def test_a_call_while_a_ticket_is_held_asks_how_to_close_it_first(
    qtbot, db_url, hall, issue, open_controller
) -> None:
    first, second = issue("KTP"), issue("KTP")
    controller, _db = open_controller(db_url)
    views = record(controller)
    controller.call_next()
    controller.call_next()
    [question] = views.questions
    assert (question.action, question.ticket.number) == ("call_next", first.number)
    assert question.no_show_reason  # just called: the hall's no-show rule still waits
    assert hall.counter(1).current.number == first.number  # nothing sent yet
    controller.answer(question, "finish")
    assert views.notices[-1].text == f"{first.number} selesai. {second.number} dipanggil."
    assert hall.counter(1).current.number == second.number


def test_a_refused_action_comes_out_as_core_s_words(db_url, hall, issue, open_controller) -> None:
    ticket = issue("KTP")
    controller, _db = open_controller(db_url)
    controller.call_next()
    views = record(controller)
    controller.set_state(CounterState.BREAK)  # enabled: core says why not
    [notice] = views.notices
    assert notice.kind == "warning" and notice.seconds == 12
    assert notice.text.startswith(f"Loket 1 masih melayani {ticket.number}")
    assert hall.counter(1).state is CounterState.OPEN
    assert views.controls[-1].state is CounterState.OPEN
    assert views.controls[-1].enabled["finish"]  # the refusal took nothing away


def test_an_outage_takes_the_controller_offline_and_back(
    qtbot, hall, issue, open_controller, outage
) -> None:
    issue("KTP")
    controller, db = open_controller(outage.window_url(), synchronous=False)
    views = record(controller)
    with qtbot.waitSignal(controller.online_changed, timeout=5000) as lost:
        outage.stop(db)
    assert lost.args == [False]
    offline = views.controls[-1]
    assert not offline.online and not offline.can_act
    assert not any(on for key, on in offline.enabled.items() if key != "mini")
    assert not any(on for key, on in controller.enabled_actions().items() if key != "mini")
    controller.call_next()  # a request while offline is not sent, nor kept
    assert controller.runner.pending is None and not controller.runner.busy

    with qtbot.waitSignal(controller.online_changed, timeout=10000) as back:
        outage.start()
    assert back.args == [True]
    qtbot.waitUntil(lambda: views.controls[-1].enabled["call_next"], timeout=5000)
    assert views.controls[-1].online
    assert hall.counter(1).current is None  # nothing was called behind the officer's back
