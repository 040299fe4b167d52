"""One counter's workstation without its window: requests in, views out.

:class:`CounterController` holds what one officer at one counter works with: the hall,
what core last told about the counter (a CounterReading, refreshed by the event feed
through ui.hall_sync and after each action), the ticket held, and the
:class:`~counter.actions.ActionRunner` that sends each request to core once, off the GUI
thread, through outages. It never decides a ticket rule: which actions can act comes
from core.domain.ticket_rules, and a refusal is core's. Requests are plain methods
(``call_next()``, ``transfer(code, position, note)``); what to show leaves as signals
carrying the frozen values of :mod:`counter.views`.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from core import clock
from core.domain.enums import CounterState, TransferPosition
from core.domain.no_show import NoShowWait
from core.domain.ticket_rules import Action, allowed_actions
from core.errors import AntreError, DatabaseUnavailable
from core.events import WORKSTATION_CONFIG, WORKSTATION_REFRESH
from core.hall import HallService
from core.views import EventView, OfficerView, TicketView
from counter import no_show, outcomes, steps
from counter.actions import ActionRunner, Attempt, Step
from counter.reading import CounterReading, load
from counter.views import (
    ClosingQuestion,
    ControlsView,
    Notice,
    PendingView,
    ScreenView,
    calling_reason,
    screen_view,
)
from ui.feed_bridge import FeedBridge
from ui.hall_sync import HallSync

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 100  # events arriving together cause one reload (a busy hall: many a second)
STATE_KEYS = {CounterState.OPEN: "open", CounterState.BREAK: "break", CounterState.CLOSED: "close"}


class CounterController(QObject):
    """One counter, one officer. ``begin()`` loads the counter, opens it and follows the feed."""

    screen_changed = Signal(object)  # ScreenView, after each read
    ticket_changed = Signal(object)  # TicketView | None, as an action's step comes back
    controls_changed = Signal(object)  # ControlsView
    notice = Signal(object)  # Notice
    closing_asked = Signal(object)  # ClosingQuestion: a call while a ticket is held
    online_changed = Signal(bool)
    ticked = Signal(object)  # datetime, every second: the clock and times on screen
    logged_out = Signal()

    def __init__(
        self,
        hall: HallService,
        officer: OfficerView,
        counter: int,
        *,
        lang: str = "id",
        synchronous: bool = False,
        feed_wait: float = 0.5,  # also bounds how long stopping waits for the feed thread
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.officer = officer
        self.counter_number = counter
        self.lang = lang
        self.synchronous = synchronous
        self.reading: CounterReading | None = None
        self.current: TicketView | None = None
        self.loaded = False
        self.closed = False
        self.refreshing = False
        self._epoch = 0  # moves on with every action step, so older reads are not shown
        self._refresh_again = False
        self._want_config = False
        self._notes: list[str] = []  # what the running action's steps did so far
        self._seen_event = 0  # the newest event id the views already reflect
        self._no_show_waits = False  # the hall's no-show rule held the button back

        self.runner = ActionRunner(
            lambda: hall.counter(counter),
            self,
            synchronous=synchronous,
            pool=pool,
            reset=hall.dispose,
        )
        self.runner.step_done.connect(self._step_done)
        self.runner.finished.connect(self._attempt_finished)
        self.runner.refused.connect(self._attempt_refused)
        self.runner.crashed.connect(self._attempt_crashed)
        self.runner.online_changed.connect(self._online_changed)
        self.runner.pending_changed.connect(lambda _attempt: self._publish_controls())
        self.runner.busy_changed.connect(lambda _busy: self._publish_controls())
        # No retries of its own: after a failed read the runner probes the database, and
        # its online_changed brings the reload.
        self.sync = HallSync(
            hall,
            kinds=WORKSTATION_REFRESH,
            retry_delays=(),
            synchronous=synchronous,
            pool=pool,
            feed_wait=feed_wait,
            parent=self,
        )
        self.sync.events.connect(self._on_events)
        self.sync.feed_changed.connect(self.runner.set_feed_ok)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh_now)
        self._tick_timer = QTimer(self)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start(1000)

    # --- life cycle ----------------------------------------------------------------------

    @property
    def bridge(self) -> FeedBridge | None:
        """The hall's event feed, once the first load gave its cursor."""
        return self.sync.bridge

    @property
    def idle(self) -> bool:
        """No action running or kept, no read running or due: what is shown is settled."""
        return self.runner.can_act and not self.refreshing and not self._refresh_timer.isActive()

    def begin(self) -> None:
        """Load the counter, open it for this officer and follow the hall's events."""
        self.sync.read(
            lambda hall: load(
                hall, self.counter_number, self.officer.id, with_config=True, with_cursor=True
            ),
            self._first_load,
            self._load_failed,
        )

    def _first_load(self, reading: CounterReading) -> None:
        if self.closed:
            return
        self.loaded = True
        self._apply(reading)
        self.sync.follow(reading.cursor or 0)
        view = reading.counter
        if view.state is not CounterState.OPEN or view.officer_username != self.officer.username:
            self._submit("open", [self._state_step(CounterState.OPEN)])

    def _load_failed(self, error: Exception) -> None:
        self.refreshing = False
        if isinstance(error, DatabaseUnavailable):
            self.runner.report_unavailable()
        else:
            self.notice.emit(outcomes.error_notice(error, self.lang))
        self._publish_controls()

    def shutdown(self) -> None:
        """Stop the feed and timers; the counter keeps its state (logout closes it)."""
        if self.closed:
            return
        self.closed = True
        self.runner.shutdown()
        self._tick_timer.stop()
        self._refresh_timer.stop()
        self.sync.stop()

    def set_language(self, lang: str) -> None:
        """Word the views (core's messages, the reasons) in ``lang`` from now on."""
        self.lang = lang
        self.publish()

    # --- reads ---------------------------------------------------------------------------

    def request_refresh(self, config: bool = False) -> None:
        """Read the counter again soon (and the hall's settings too, with ``config``)."""
        if self.closed or not self.loaded:
            return
        self._want_config = self._want_config or config
        if self.synchronous:
            self._refresh_now()
        elif not self._refresh_timer.isActive():
            self._refresh_timer.start(REFRESH_DELAY_MS)

    def _refresh_now(self) -> None:
        if self.refreshing:
            self._refresh_again = True
            return
        self.refreshing = True
        self._refresh_again = False
        epoch, config = self._epoch, self._want_config
        self._want_config = False
        previous = self.reading
        self.sync.read(
            lambda hall: load(
                hall,
                self.counter_number,
                self.officer.id,
                with_config=config,
                with_cursor=True,
                previous=previous,
            ),
            lambda reading: self._refreshed(reading, epoch, config),
            self._load_failed,
        )

    def _refreshed(self, reading: CounterReading, epoch: int, config: bool) -> None:
        self.refreshing = False
        if epoch != self._epoch or self.runner.busy:
            # An action moved on while we read: this view may predate it.
            self._want_config = self._want_config or config
            self._refresh_again = True
        else:
            self._apply(reading)
            self.runner.report_ok()
        if self._refresh_again and not self.runner.busy:
            self.request_refresh()

    def _apply(self, reading: CounterReading) -> None:
        self.reading = reading
        self.current = reading.current
        if reading.cursor is not None:
            self._seen_event = max(self._seen_event, reading.cursor)
        self.publish()

    def _on_events(self, batch: list[EventView]) -> None:
        # Events up to the cursor of the last read are already shown (our own actions).
        kinds = [event.kind for event in batch if event.id > self._seen_event]
        if kinds:  # all of WORKSTATION_REFRESH: the sync passes on no other
            self.request_refresh(config=any(kind in WORKSTATION_CONFIG for kind in kinds))

    def _online_changed(self, online: bool) -> None:
        if online:
            if self.loaded:
                self.request_refresh(config=True)
            else:
                self.begin()
        self.online_changed.emit(online)
        self._publish_controls()

    # --- views out -----------------------------------------------------------------------

    def publish(self) -> None:
        """Send the whole picture again: the screen, then the controls."""
        if self.closed:
            return
        self.screen_changed.emit(self.screen())
        self._publish_controls()

    def screen(self) -> ScreenView:
        return screen_view(
            self.hall, self.officer, self.counter_number, self.reading, self.current, clock.now()
        )

    def enabled_actions(self) -> dict[str, bool]:
        """Which actions can act now: those core's ticket rules allow with the ticket held
        (core.domain.ticket_rules), while the workstation can act at all (online, loaded,
        not closing). A held ticket stops neither a call nor a break or closing: calling asks
        first how to close it, and core's refusal tells the officer to before a break."""
        allowed: frozenset[Action] = frozenset()
        if self.runner.can_act and self.reading is not None and not self.closed:
            allowed = allowed_actions(
                self.reading.state,
                self.current,
                parked=len(self.reading.parked),
                no_show_rule=self.reading.no_show_rule,
                now=clock.now(),
                closing_first=True,
            )
        result = {action.value: action in allowed for action in Action}
        result["mini"] = True
        return result

    def no_show_wait(self) -> NoShowWait | None:
        """What the hall's no-show rule still waits for with the ticket held, if anything."""
        if self.reading is None:
            return None
        return no_show.pending(self.reading.no_show_rule, self.current, clock.now())

    def controls(self) -> ControlsView:
        reading, runner, tz = self.reading, self.runner, self.hall.hall.timezone
        wait = self.no_show_wait()
        name = reading.counter.name if reading else ""
        reasons = dict.fromkeys(
            ("call_next", "call_number", "resume"), calling_reason(reading, self.lang)
        )
        reasons["no_show"] = no_show.reason(wait, tz, self.lang) if wait else ""
        pending = runner.pending
        return ControlsView(
            enabled=self.enabled_actions(),
            state=reading.state if reading else None,
            reasons=reasons,
            no_show_caption=no_show.caption(wait, tz, self.lang) if wait else "",
            can_act=runner.can_act,
            online=runner.online,
            pending=None
            if pending is None
            else PendingView(
                pending.key, runner.auto_retry_allowed(pending), runner.online and not runner.busy
            ),
            counter_name=name,
            current=self.current,
            waiting=len(reading.waiting) if reading else 0,
        )

    def _publish_controls(self) -> None:
        if self.closed:
            return
        self._no_show_waits = self.no_show_wait() is not None
        self.controls_changed.emit(self.controls())

    def tick(self) -> None:
        """Every second: the time on screen, and the waits that end with time."""
        self.ticked.emit(clock.now())
        if self._no_show_waits and self.no_show_wait() is None:
            self._publish_controls()  # the rule's minutes have passed: "Tidak hadir" may act
        elif self.runner.pending is not None:
            self._publish_controls()  # a kept action may no longer be sent by itself

    # --- requests ------------------------------------------------------------------------

    def call_next(self) -> None:
        self._calling("call_next", None)

    def call_number(self, number: str) -> None:
        if self.runner.can_act:
            self._calling("call_number", number)

    def resume(self, number: str) -> None:
        if self.runner.can_act:
            self._calling("resume", number)

    def answer(self, question: ClosingQuestion, how: str) -> None:
        """Close the ticket the question was about (``finish`` or ``no_show``), then call."""
        close = steps.ticket(self.hall, self.counter_number, how, question.ticket.number)
        self._submit(question.action, [close, self._call_step(question.action, question.number)])

    def recall(self) -> None:
        self._ticket_action("recall")

    def start(self) -> None:
        """Start serving the ticket held (not the session: that is ``begin``)."""
        self._ticket_action("start")

    def finish(self) -> None:
        self._ticket_action("finish")

    def no_show(self) -> None:
        self._ticket_action("no_show")

    def transfer(self, service: str, position: TransferPosition, note: str) -> None:
        self._submit(
            "transfer", [steps.transfer(self.hall, self.counter_number, service, position, note)]
        )

    def park(self, note: str) -> None:
        self._submit("park", [steps.park(self.hall, self.counter_number, note)])

    def set_state(self, state: CounterState) -> None:
        self._submit(STATE_KEYS[state], [self._state_step(state)])

    def logout(self) -> None:
        """Close the counter (core refuses while a ticket is held), then ``logged_out``."""
        if self.runner.can_act:
            self._submit("logout", [self._state_step(CounterState.CLOSED)])

    def resend(self) -> None:
        """Send the action kept through an outage again, with the same request ids."""
        self.runner.resend()

    def discard_pending(self) -> None:
        """Give up the action kept through an outage (what core applied stays)."""
        self.runner.discard()
        self.request_refresh()
        self._publish_controls()

    def _submit(self, key: str, work: list[Step]) -> bool:
        self._notes = []
        self._epoch += 1
        started = self.runner.submit(key, work)
        self._publish_controls()
        return started

    def _calling(self, action: str, number: str | None) -> None:
        """Call; a held ticket is closed first, as the officer answers ``closing_asked``
        (unless the hall finishes it by itself)."""
        current = self.current
        if current is None or (self.reading is not None and self.reading.auto_finish_on_call):
            self._submit(action, [self._call_step(action, number)])
            return
        wait = self.no_show_wait()
        reason = no_show.reason(wait, self.hall.hall.timezone, self.lang) if wait else ""
        self.closing_asked.emit(ClosingQuestion(action, number, current, reason))

    def _ticket_action(self, key: str) -> None:
        if self.current is not None:
            step = steps.ticket(self.hall, self.counter_number, key, self.current.number)
            self._submit(key, [step])

    def _call_step(self, action: str, number: str | None) -> Step:
        return steps.calling(self.hall, self.counter_number, self.officer.id, action, number)

    def _state_step(self, state: CounterState) -> Step:
        return steps.counter_state(self.hall, self.counter_number, self.officer.id, state)

    # --- results -------------------------------------------------------------------------

    def _step_done(self, attempt: Attempt, result: Any) -> None:
        self._epoch += 1
        name = attempt.steps[attempt.index - 1].name
        before = self.current
        if isinstance(result, TicketView):
            if result.status.is_open_at_counter and result.counter_number == self.counter_number:
                self.current = result
            elif before is not None and before.number == result.number:
                self.current = None
        elif isinstance(result, CounterState) and self.reading is not None:
            counter = dataclasses.replace(self.reading.counter, state=result)
            self.reading = dataclasses.replace(self.reading, counter=counter)
        counter_name = self.reading.counter.name if self.reading else str(self.counter_number)
        self._notes.append(
            outcomes.step_text(
                name,
                result,
                before,
                counter_name=counter_name,
                lang=self.lang,
                auto_finish=self.reading is not None and self.reading.auto_finish_on_call,
                said_before=any(self._notes),
            )
        )
        # Only what this result changes; the queue and figures follow with the next read.
        self.ticket_changed.emit(self.current)
        self._publish_controls()

    def _attempt_finished(self, attempt: Attempt) -> None:
        note = " ".join(n for n in self._notes if n)
        nothing = attempt.key == "call_next" and attempt.results and attempt.results[-1] is None
        if note:
            self.notice.emit(Notice(note, "info" if nothing else "success", 6))
        self._notes = []
        if attempt.key == "logout":
            self.shutdown()
            self.logged_out.emit()
            return
        self.request_refresh()

    def _attempt_refused(self, attempt: Attempt, error: AntreError) -> None:
        note = " ".join(n for n in self._notes if n)
        self.notice.emit(Notice(f"{note} {error.message(self.lang)}".strip(), "warning", 12))
        self._notes = []
        self.request_refresh()

    def _attempt_crashed(self, attempt: Attempt, error: Exception) -> None:
        log.error("%s failed unexpectedly: %r", attempt.key, error)
        self.notice.emit(outcomes.error_notice(error, self.lang))
        self.request_refresh()
