"""The printer's state between tickets, what it means for ticketing, and telling the staff.

After every ticket, and every minute while the kiosk is idle, the printer is asked whether
it is online and has paper. A printer that is unreachable or out of paper switches the
kiosk to on-screen tickets (when the fallback is allowed) or pauses ticketing; a change is
reported as a ``printer.status`` event that supervisors see. A printer that simply does not
answer status queries is "unknown", never a reason to stop.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from core.hall import HallService
from kiosk.config import KioskConfig
from kiosk.printing import FailureKind, PaperState, PrinterStatus, PrintResult, printer_status
from ui import operations

log = logging.getLogger(__name__)

# Failures that mean the next ticket would fail too (not a one-off stall).
BLOCKING = (
    FailureKind.PAPER_OUT,
    FailureKind.REFUSED,
    FailureKind.DISCONNECTED,
    FailureKind.OFFLINE,
)


class Mode(StrEnum):
    PRINT = "print"  # tickets are printed
    ON_SCREEN = "on_screen"  # no usable printer: tickets are shown on screen
    PAUSED = "paused"  # no usable printer and no fallback: ticketing waits for the staff


@dataclass(frozen=True)
class PrinterState:
    online: bool | None = None
    paper: PaperState = PaperState.UNKNOWN
    problem: FailureKind | None = None
    detail: str = ""

    @property
    def blocking(self) -> bool:
        return self.paper is PaperState.OUT or self.problem in BLOCKING or self.online is False

    @classmethod
    def from_status(cls, status: PrinterStatus) -> PrinterState:
        problem = status.failure
        if status.paper is PaperState.OUT:
            problem = FailureKind.PAPER_OUT
        elif status.online is False and problem is None:
            problem = FailureKind.OFFLINE
        return cls(status.online, status.paper, problem, status.detail)

    @classmethod
    def from_print(cls, result: PrintResult, before: PrinterState) -> PrinterState:
        if result.ok:
            paper = (
                PaperState.NEAR_END
                if result.paper_near_end
                else (
                    PaperState.OK if before.paper is not PaperState.UNKNOWN else PaperState.UNKNOWN
                )
            )
            return cls(True if before.online is not None else None, paper, None, result.detail)
        paper = PaperState.OUT if result.kind is FailureKind.PAPER_OUT else before.paper
        online = (
            False
            if result.kind in BLOCKING and result.kind is not FailureKind.PAPER_OUT
            else before.online
        )
        return cls(online, paper, result.kind, result.detail)


class PrinterMonitor(QObject):
    mode_changed = Signal(str)
    state_changed = Signal(object)

    def __init__(
        self,
        hall: HallService,
        config: KioskConfig,
        *,
        synchronous: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.config = config
        self.state = PrinterState()
        self.mode = Mode.PRINT if config.has_printer else Mode.ON_SCREEN
        self.busy = False  # a ticket is printing: do not open a second connection
        self.checks = 0
        self._checking = False
        self._reported: tuple | None = None
        self._synchronous = synchronous
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.check)
        self._stopped = False

    def start(self) -> None:
        if self.config.has_printer:
            self.check()
        else:
            self._report()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if not busy and self.config.has_printer:
            self._schedule(0.05)  # between tickets: ask now, while nobody waits on it

    def check(self) -> None:
        """Ask the printer for its state in a worker (skipped while a ticket prints)."""
        if not self.config.has_printer or self._checking or self._stopped:
            return
        if self.busy:
            self._schedule(1.0)
            return
        self._checking = True
        uri, timeout = self.config.printer, self.config.print_timeout
        status_timeout = self.config.status_timeout

        def done(status: PrinterStatus) -> None:
            self._checking = False
            self.checks += 1
            self._apply(PrinterState.from_status(status))

        def failed(error: Exception) -> None:
            self._checking = False
            log.error("printer status check failed: %s", error)
            self._schedule(self.config.problem_check_seconds)

        operations.run(
            lambda: printer_status(uri, timeout=timeout, status_timeout=status_timeout),
            done,
            failed,
            synchronous=self._synchronous,
        )

    def note_print(self, result: PrintResult) -> None:
        """What a ticket's print said about the printer (before the next check confirms it)."""
        self._apply(PrinterState.from_print(result, self.state))

    def _apply(self, state: PrinterState) -> None:
        if self._stopped:
            return
        self.state = state
        if not self.config.has_printer:
            mode = Mode.ON_SCREEN
        elif state.blocking:
            mode = Mode.ON_SCREEN if self.config.on_screen_fallback else Mode.PAUSED
        else:
            mode = Mode.PRINT
        self.state_changed.emit(state)
        if mode != self.mode:
            log.warning("ticketing mode %s → %s (%s)", self.mode, mode, state.problem or "ok")
            self.mode = mode
            self.mode_changed.emit(mode.value)
        self._report()
        if self.config.has_printer and not self.busy:
            problem = mode is not Mode.PRINT
            self._schedule(
                self.config.problem_check_seconds if problem else self.config.printer_check_seconds
            )

    def _schedule(self, seconds: float) -> None:
        if self._stopped:
            return
        self._timer.start(max(0, round(seconds * 1000)))

    def payload(self) -> dict[str, object]:
        s = self.state
        return {
            "printer": self.config.printer if self.config.has_printer else "none",
            "online": s.online,
            "paper": s.paper.value,
            "problem": s.problem.value if s.problem else None,
            "ticketing": self.mode.value,
            "detail": s.detail[:200],
        }

    def _report(self) -> None:
        """Tell supervisors (a ``printer.status`` event) when something they care about changed."""
        payload = self.payload()
        key = (payload["online"], payload["paper"], payload["problem"], payload["ticketing"])
        if key == self._reported:
            return
        self._reported = key
        hall, name = self.hall, self.config.name

        def failed(error: Exception) -> None:
            log.warning("printer status not reported: %s", error)
            self._reported = None  # try again with the next state

        operations.run(
            lambda: hall.report_device(name, "printer", payload),
            lambda _r: None,
            failed,
            synchronous=self._synchronous,
        )
