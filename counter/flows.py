"""What each of the officer's actions does: the steps sent to core and what the window says.

Mixed into :class:`counter.workstation.Workstation`. Every action becomes one attempt of
the :class:`~counter.actions.ActionRunner` (so one click is one action, retried with the
same request ids); calling while a ticket is open first asks how to close it, unless the
hall finishes it automatically. Texts are in the "Workstation" translation context.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from core import clock, messages
from core.domain.enums import CounterState
from core.errors import AntreError
from core.views import TicketView
from counter import no_show, wording
from counter.actions import Attempt, Step
from counter.dialogs import OpenTicketDialog, ParkDialog, TicketPickerDialog, TransferDialog

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from core.domain.no_show import NoShowWait
    from core.service import HallService
    from core.views import OfficerView
    from counter.actions import ActionRunner
    from counter.mini import MiniBar
    from counter.panels import CurrentTicketCard
    from counter.snapshot import CounterSnapshot
    from counter.widgets import Notice

log = logging.getLogger(__name__)

TICKET_ACTIONS = ("recall", "start", "finish", "no_show", "transfer", "park")
STATE_ACTIONS = {
    "open": CounterState.OPEN,
    "break": CounterState.BREAK,
    "close": CounterState.CLOSED,
}


class OfficerFlows:
    """The action half of the workstation window (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Workstation
        hall: HallService
        officer: OfficerView
        counter_number: int
        lang: str
        runner: ActionRunner
        snapshot: CounterSnapshot | None
        current: TicketView | None
        dialog: QDialog | None
        notice: Notice
        ticket_card: CurrentTicketCard
        mini: MiniBar
        logged_out: SignalInstance
        repeat_guard_ms: int

        @property
        def in_mini_mode(self) -> bool: ...

        _epoch: int
        _notes: list[str]
        _last_act: tuple[str, float]

        def enabled_actions(self) -> dict[str, bool]: ...
        def no_show_wait(self) -> NoShowWait | None: ...
        def set_mini(self, on: bool) -> None: ...
        def shutdown(self) -> None: ...
        def request_refresh(self, config: bool = False) -> None: ...
        def _render_controls(self) -> None: ...

    def act(self, key: str) -> None:
        """A button or a key: do ``key`` if it can act now (a press while busy is ignored)."""
        if key == "mini":
            self.set_mini(not self.in_mini_mode)
            return
        if self._dialog_open() or not self.enabled_actions().get(key, False):
            return
        now = time.monotonic()
        last_key, last_time = self._last_act
        if key == last_key and (now - last_time) * 1000 < self.repeat_guard_ms:
            return  # a triple click, or a bouncing key: the officer meant one action
        self._last_act = (key, now)
        if key == "call_next":
            self.call_next()
        elif key == "call_number":
            self.call_number()
        elif key == "resume":
            self.resume()
        elif key == "transfer":
            self.transfer()
        elif key == "park":
            self.park()
        elif key in STATE_ACTIONS:
            self._submit(key, [self._state_step(STATE_ACTIONS[key])])
        elif key in TICKET_ACTIONS:
            self._ticket_action(key)

    def _dialog_open(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def _submit(self, key: str, steps: list[Step]) -> bool:
        self._notes = []
        self._epoch += 1
        started = self.runner.submit(key, steps)
        self._render_controls()
        return started

    def _state_step(self, state: CounterState) -> Step:
        hall, counter, officer = self.hall, self.counter_number, self.officer.id
        return Step(
            "state",
            lambda _rid: hall.set_counter_state(
                counter, state, officer_id=officer if state is CounterState.OPEN else None
            ),
        )

    def _close_step(self, how: str, number: str) -> Step:
        hall, counter = self.hall, self.counter_number
        if how == "no_show":
            return Step("no_show", lambda rid: hall.no_show(counter, number, request_id=rid))
        return Step("finish", lambda rid: hall.finish(counter, number, request_id=rid))

    def _calling(self, key: str, step: Step) -> None:
        """Call (next, a number, a parked one); an open ticket is closed first, as chosen."""
        current = self.current
        auto = self.snapshot is not None and self.snapshot.auto_finish_on_call
        if current is None or auto:
            self._submit(key, [step])
            return
        wait = self.no_show_wait()
        reason = no_show.reason(wait, self.hall.hall.timezone, self.lang) if wait else ""
        dialog = OpenTicketDialog(current, self._dialog_parent(), no_show_reason=reason)
        dialog.chosen.connect(
            lambda how: self._submit(key, [self._close_step(how, current.number), step])
        )
        self._open_dialog(dialog)

    def call_next(self) -> None:
        hall, counter, officer = self.hall, self.counter_number, self.officer.id
        self._calling(
            "call_next",
            Step(
                "call_next", lambda rid: hall.call_next(counter, officer_id=officer, request_id=rid)
            ),
        )

    def call_number(self, number: str | None = None) -> None:
        if number is None:
            if self._dialog_open() or not self.enabled_actions()["call_number"]:
                return
            waiting = self.snapshot.waiting if self.snapshot else ()
            dialog = TicketPickerDialog(
                QCoreApplication.translate("Workstation", "Panggil nomor"),
                QCoreApplication.translate("Workstation", "Panggil"),
                waiting,
                clock.now(),
                typing_allowed=True,
                parent=self._dialog_parent(),
            )
            dialog.accepted.connect(lambda: self.call_number(dialog.chosen_number()))
            self._open_dialog(dialog)
            return
        if not self.runner.can_act:
            return
        hall, counter, officer = self.hall, self.counter_number, self.officer.id
        self._calling(
            "call_number",
            Step(
                "call_ticket",
                lambda rid: hall.call_ticket(counter, number, officer_id=officer, request_id=rid),
            ),
        )

    def resume(self, number: str | None = None) -> None:
        parked = self.snapshot.parked if self.snapshot else ()
        if number is None:
            if self._dialog_open() or not self.enabled_actions()["resume"]:
                return
            if len(parked) == 1:
                number = parked[0].number
            else:
                dialog = TicketPickerDialog(
                    QCoreApplication.translate("Workstation", "Lanjutkan nomor yang ditunda"),
                    QCoreApplication.translate("Workstation", "Lanjutkan"),
                    parked,
                    clock.now(),
                    typing_allowed=False,
                    parent=self._dialog_parent(),
                )
                dialog.accepted.connect(lambda: self.resume(dialog.chosen_number()))
                self._open_dialog(dialog)
                return
        if not self.runner.can_act:
            return
        hall, counter, officer = self.hall, self.counter_number, self.officer.id
        chosen = number
        self._calling(
            "resume",
            Step(
                "resume",
                lambda rid: hall.resume(counter, chosen, officer_id=officer, request_id=rid),
            ),
        )

    def _ticket_action(self, key: str) -> None:
        current = self.current
        if current is None:
            return
        hall, counter, number = self.hall, self.counter_number, current.number
        calls = {
            "recall": lambda rid: hall.recall(counter, request_id=rid),
            "start": lambda rid: hall.start(counter, request_id=rid),
            "finish": lambda rid: hall.finish(counter, number, request_id=rid),
            "no_show": lambda rid: hall.no_show(counter, number, request_id=rid),
        }
        self._submit(key, [Step(key, calls[key])])

    def transfer(self) -> None:
        current = self.current
        if current is None or self.snapshot is None:
            return
        dialog = TransferDialog(current, self.snapshot.services, self._dialog_parent())
        hall, counter = self.hall, self.counter_number

        def send() -> None:
            code, position, note = dialog.selected_code(), dialog.position(), dialog.note_text()
            if code is None:
                return
            self._submit(
                "transfer",
                [
                    Step(
                        "transfer",
                        lambda rid: hall.transfer(counter, code, position, note, request_id=rid),
                    )
                ],
            )

        dialog.accepted.connect(send)
        self._open_dialog(dialog)

    def park(self) -> None:
        current = self.current
        if current is None:
            return
        dialog = ParkDialog(current, self._dialog_parent())
        hall, counter = self.hall, self.counter_number
        dialog.accepted.connect(
            lambda: self._submit(
                "park",
                [Step("park", lambda rid: hall.park(counter, dialog.note_text(), request_id=rid))],
            )
        )
        self._open_dialog(dialog)

    def logout(self) -> None:
        """Close the counter (core refuses while a ticket is open), then leave."""
        if not self.runner.can_act:
            return
        self._submit("logout", [self._state_step(CounterState.CLOSED)])

    def _discard_pending(self) -> None:
        self.runner.discard()
        self.request_refresh()
        self._render_controls()

    def _dialog_parent(self) -> QWidget:
        return self.mini if self.in_mini_mode else cast(QWidget, self)

    def _open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # --- results ---------------------------------------------------------------------

    def _step_done(self, attempt: Attempt, result: Any) -> None:
        self._epoch += 1
        name = attempt.steps[attempt.index - 1].name
        before = self.current
        if isinstance(result, TicketView):
            if result.status.is_open_at_counter and result.counter_number == self.counter_number:
                self.current = result
            elif before is not None and before.number == result.number:
                self.current = None
        elif name == "call_next" and result is None:
            pass
        elif isinstance(result, CounterState) and self.snapshot is not None:
            counter = dataclasses.replace(self.snapshot.counter, state=result)
            self.snapshot = dataclasses.replace(self.snapshot, counter=counter)
        self._notes.append(self._describe(name, result, before))
        # Only what this result changes; the queue and figures follow with the next read.
        self.ticket_card.show_ticket(self.current)
        self._render_controls()

    def _describe(self, name: str, result: Any, before: TicketView | None) -> str:
        if name == "call_next" and result is None:
            counter = self.snapshot.counter.name if self.snapshot else str(self.counter_number)
            return messages.text("nothing_waiting", self.lang, counter=counter)
        if isinstance(result, CounterState):
            return QCoreApplication.translate("Workstation", "Status loket: %1.").replace(
                "%1", wording.state_name(result)
            )
        number = getattr(result, "number", "")
        texts = {
            "call_next": QCoreApplication.translate("Workstation", "%1 dipanggil."),
            "call_ticket": QCoreApplication.translate("Workstation", "%1 dipanggil."),
            "resume": QCoreApplication.translate("Workstation", "%1 dilanjutkan dan dipanggil."),
            "recall": QCoreApplication.translate("Workstation", "%1 dipanggil ulang."),
            "start": QCoreApplication.translate("Workstation", "Mulai melayani %1."),
            "finish": QCoreApplication.translate("Workstation", "%1 selesai."),
            "no_show": QCoreApplication.translate("Workstation", "%1 ditandai tidak hadir."),
            "park": QCoreApplication.translate("Workstation", "%1 ditunda."),
            "transfer": QCoreApplication.translate("Workstation", "%1 dialihkan ke %2."),
        }
        text = texts.get(name, "%1").replace("%1", number)
        if name == "transfer":
            text = text.replace("%2", getattr(result, "service_name", ""))
        if (
            name in ("call_next", "call_ticket", "resume")
            and before is not None
            and before.number != number
            and self.snapshot is not None
            and self.snapshot.auto_finish_on_call
            and not any(self._notes)
        ):
            text = (
                QCoreApplication.translate("Workstation", "%1 diselesaikan otomatis.").replace(
                    "%1", before.number
                )
                + " "
                + text
            )
        return text

    def _attempt_finished(self, attempt: Attempt) -> None:
        note = " ".join(n for n in self._notes if n)
        nothing = attempt.key == "call_next" and attempt.results and attempt.results[-1] is None
        if note:
            self.notice.show_notice(note, "info" if nothing else "success", 6)
        self._notes = []
        if attempt.key == "logout":
            self.shutdown()
            self.logged_out.emit()
            return
        self.request_refresh()

    def _attempt_refused(self, attempt: Attempt, error: AntreError) -> None:
        note = " ".join(n for n in self._notes if n)
        text = error.message(self.lang)
        self.notice.show_notice(f"{note} {text}".strip(), "warning", 12)
        self._notes = []
        self.request_refresh()

    def _attempt_crashed(self, attempt: Attempt, error: Exception) -> None:
        log.error("%s failed unexpectedly: %r", attempt.key, error)
        self._show_error(error)
        self.request_refresh()

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, AntreError):
            self.notice.show_notice(error.message(self.lang), "warning", 12)
        else:
            self.notice.show_notice(
                QCoreApplication.translate(
                    "Workstation",
                    "Terjadi kesalahan tak terduga; tindakan tidak diterapkan. "
                    "Detailnya tercatat di log.",
                ),
                "error",
                12,
            )
