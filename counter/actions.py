"""The officer's actions: their names and keys, and a runner that applies each exactly once.

One click is one *attempt*. An attempt has one or more steps (``finish`` then
``call_next``), each a core call with its own request id drawn when the officer acts.
While an attempt runs the runner accepts no other, so a double click calls once. When
the database is unreachable the attempt is kept with its request ids and sent again
when the database is back: core returns the first result for a request id it has
already applied, so a retry never calls a second ticket.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QThreadPool, QTimer, Signal

from core.errors import AntreError, DatabaseUnavailable
from ui import operations

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActionSpec:
    key: str
    label: str  # Indonesian source text, translated in context "Actions"
    shortcut: str
    role: str = ""  # style role of its button: primary, success, danger, state


ACTIONS: dict[str, ActionSpec] = {
    spec.key: spec
    for spec in (
        ActionSpec(
            "call_next", str(QT_TRANSLATE_NOOP("Actions", "Panggil berikutnya")), "F1", "primary"
        ),
        ActionSpec("recall", str(QT_TRANSLATE_NOOP("Actions", "Panggil ulang")), "F2"),
        ActionSpec("start", str(QT_TRANSLATE_NOOP("Actions", "Mulai")), "F3"),
        ActionSpec("finish", str(QT_TRANSLATE_NOOP("Actions", "Selesai")), "F4", "success"),
        ActionSpec("no_show", str(QT_TRANSLATE_NOOP("Actions", "Tidak hadir")), "F5", "danger"),
        ActionSpec("transfer", str(QT_TRANSLATE_NOOP("Actions", "Alihkan")), "F6"),
        ActionSpec("park", str(QT_TRANSLATE_NOOP("Actions", "Tunda")), "F7"),
        ActionSpec("resume", str(QT_TRANSLATE_NOOP("Actions", "Lanjutkan")), "F8"),
        ActionSpec("call_number", str(QT_TRANSLATE_NOOP("Actions", "Panggil nomor")), "F9"),
        ActionSpec("break", str(QT_TRANSLATE_NOOP("Actions", "Istirahat")), "F10", "state"),
        ActionSpec("open", str(QT_TRANSLATE_NOOP("Actions", "Buka")), "F11", "state"),
        ActionSpec("close", str(QT_TRANSLATE_NOOP("Actions", "Tutup")), "F12", "state"),
        ActionSpec("mini", str(QT_TRANSLATE_NOOP("Actions", "Mode mini")), "Ctrl+M"),
    )
}

# Sent again by itself only this long after the click; later the officer decides, because
# calling a citizen minutes after the click would surprise everyone in the hall.
AUTO_RETRY_SECONDS = 60.0
RETRY_DELAYS = (0.5, 1.0, 2.0, 3.0, 5.0)


@dataclass
class Step:
    name: str
    call: Callable[[str], Any]  # gets the step's request id
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass
class Attempt:
    """One officer action: its steps, and how far it got."""

    key: str
    steps: list[Step]
    clicked_at: float = field(default_factory=time.monotonic)
    index: int = 0
    results: list[Any] = field(default_factory=list)
    tries: int = 0

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def request_ids(self) -> list[str]:
        return [s.request_id for s in self.steps]


class ActionRunner(QObject):
    """Runs attempts one at a time off the GUI thread and keeps them through outages."""

    busy_changed = Signal(bool)
    step_done = Signal(object, object)  # attempt, result of the step just applied
    finished = Signal(object)  # attempt, all steps applied
    refused = Signal(object, object)  # attempt, AntreError from core (a rule said no)
    crashed = Signal(object, object)  # attempt, unexpected exception (logged)
    online_changed = Signal(bool)
    pending_changed = Signal(object)  # the attempt waiting for the database, or None

    def __init__(
        self,
        probe: Callable[[], Any],
        parent: QObject | None = None,
        *,
        synchronous: bool = False,
        pool: QThreadPool | None = None,
        reset: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._probe = probe
        # Drops pooled connections after a failure: a SQLite handle that lived through a
        # lost share can stay read-only, and no retry on it would ever succeed.
        self._reset = reset or (lambda: None)
        self.synchronous = synchronous
        self.pool = pool
        self.running: Attempt | None = None
        self.pending: Attempt | None = None
        self.feed_ok = True
        self.db_ok = True
        self._retry_index = 0
        self._probing = False
        self._alive = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)

    # --- state -------------------------------------------------------------------

    @property
    def online(self) -> bool:
        return self.feed_ok and self.db_ok

    @property
    def busy(self) -> bool:
        return self.running is not None

    @property
    def can_act(self) -> bool:
        return self.online and self.running is None and self.pending is None

    def shutdown(self) -> None:
        self._alive = False
        self._timer.stop()

    def run_later(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Any other core call (reads) through the same pool, with the same guard."""

        def guarded(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                if self._alive:
                    callback(value)

            return call

        operations.run(work, guarded(done), guarded(failed), self.pool, self.synchronous)

    # --- attempts ----------------------------------------------------------------

    def submit(self, key: str, steps: list[Step]) -> bool:
        """Start an attempt; refused (False) while another runs or waits for the database."""
        if not self.can_act or not steps:
            return False
        self._launch(Attempt(key, steps))
        return True

    def resend(self) -> bool:
        """The officer sends the kept attempt again, with the same request ids."""
        if self.pending is None or self.running is not None:
            return False
        attempt, self.pending = self.pending, None
        self.pending_changed.emit(None)
        self._launch(attempt)
        return True

    def discard(self) -> None:
        """The officer gives up the kept attempt (whatever core already applied stays)."""
        if self.pending is not None:
            log.info(
                "officer discarded %s (requests %s)", self.pending.key, self.pending.request_ids
            )
            self.pending = None
            self.pending_changed.emit(None)
            self.busy_changed.emit(False)

    def _launch(self, attempt: Attempt) -> None:
        self.running = attempt
        self.busy_changed.emit(True)
        self._run_step(attempt)

    def _run_step(self, attempt: Attempt) -> None:
        step = attempt.step
        attempt.tries += 1
        self.run_later(
            lambda: step.call(step.request_id),
            lambda result: self._step_ok(attempt, result),
            lambda error: self._step_failed(attempt, error),
        )

    def _step_ok(self, attempt: Attempt, result: Any) -> None:
        attempt.results.append(result)
        attempt.index += 1
        self._set_db(True)
        self.step_done.emit(attempt, result)
        if attempt.index < len(attempt.steps):
            self._run_step(attempt)
            return
        self.running = None
        self.finished.emit(attempt)
        self.busy_changed.emit(False)

    def _step_failed(self, attempt: Attempt, error: Exception) -> None:
        self.running = None
        if isinstance(error, DatabaseUnavailable):
            log.warning("%s not applied, kept for retry: %s", attempt.key, error)
            self._reset()
            self.pending = attempt
            self.pending_changed.emit(attempt)
            self._set_db(False)
            self._schedule()
            return
        self.busy_changed.emit(False)
        if isinstance(error, AntreError):
            self.refused.emit(attempt, error)
        else:
            self.crashed.emit(attempt, error)

    # --- connection --------------------------------------------------------------

    def set_feed_ok(self, ok: bool) -> None:
        """The event feed lost (False) or regained (True) the database."""
        was = self.online
        self.feed_ok = ok
        if self.online != was:
            self.online_changed.emit(self.online)
        if ok:
            self._retry_index = 0
            self._timer.stop()
            self._on_timer()  # send a kept attempt now, or check the database
        else:
            self._schedule()

    def report_ok(self) -> None:
        """A read reached the database."""
        self._set_db(True)

    def report_unavailable(self) -> None:
        """A read found the database unreachable."""
        self._reset()
        self._set_db(False)
        self._schedule()

    def _set_db(self, ok: bool) -> None:
        was = self.online
        self.db_ok = ok
        if ok:
            self._retry_index = 0
        if self.online != was:
            self.online_changed.emit(self.online)

    def auto_retry_allowed(self, attempt: Attempt) -> bool:
        return time.monotonic() - attempt.clicked_at <= AUTO_RETRY_SECONDS

    def _schedule(self) -> None:
        if not self._alive or self._timer.isActive():
            return
        delay = RETRY_DELAYS[min(self._retry_index, len(RETRY_DELAYS) - 1)]
        self._retry_index += 1
        self._timer.start(int(delay * 1000))

    def _on_timer(self) -> None:
        if not self._alive or self.running is not None:
            return
        if self.pending is not None and self.auto_retry_allowed(self.pending):
            attempt, self.pending = self.pending, None
            self.pending_changed.emit(None)
            self._launch(attempt)
            return
        if self.online:
            return
        if self._probing:
            return
        self._probing = True
        self.run_later(self._probe, self._probe_ok, self._probe_failed)

    def _probe_ok(self, _result: Any) -> None:
        self._probing = False
        self._set_db(True)
        if self.pending is not None and not self.auto_retry_allowed(self.pending):
            self.pending_changed.emit(self.pending)  # the banner now offers "send again"
        if not self.feed_ok:
            self._schedule()

    def _probe_failed(self, error: Exception) -> None:
        self._probing = False
        if isinstance(error, DatabaseUnavailable):
            self._reset()
            self._set_db(False)
        else:
            log.warning("connection probe failed: %s", error)
        self._schedule()
