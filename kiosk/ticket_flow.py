"""One tap on a service → one ticket: issue, print, then confirm or void.

The whole flow runs off the GUI thread. A tap flow carries one request id, so a retried or
repeated request can never issue two tickets, and the flow refuses a second tap while the
first is in flight. With a printer the ticket is reserved (``printing``) and becomes
callable only once the printer accepted the job; a failed print voids it. With no printer,
or in on-screen fallback, the ticket is issued as waiting and shown on screen.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from core import clock
from core.domain.enums import Priority
from core.errors import DatabaseUnavailable, Refused
from core.hall import HallService
from core.language import Language
from core.views import IssuedTicket
from kiosk.config import KioskConfig
from kiosk.printing import PAPERS, PrintableTicket, PrintResult, send_job
from kiosk.printing.escpos_render import render_ticket_job
from ui import operations

log = logging.getLogger(__name__)

QR_FIELDS = ("hall", "date", "number", "ticket_id", "service")


@dataclass(frozen=True)
class TicketRequest:
    service_code: str
    priority: Priority
    language: Language
    on_screen: bool
    priority_label: str | None
    settings: dict[str, Any]
    logo_path: Path | None = None  # the hall's logo file (HallData.logo), printed on top
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    tapped_at: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class FlowOutcome:
    """What happened to one tap: the ticket, how it was delivered, and when each step ran."""

    request: TicketRequest
    issued: IssuedTicket
    printable: PrintableTicket
    printed: PrintResult | None  # None: an on-screen ticket, no printer involved
    settled: bool  # the database knows the outcome (confirmed or voided)
    timings: dict[str, float]

    @property
    def on_screen(self) -> bool:
        return self.printed is None

    @property
    def ok(self) -> bool:
        return self.printed is None or self.printed.ok


def qr_payload(template: str, hall: str, issued: IssuedTicket) -> str | None:
    """The hall's QR template filled in for this ticket; None when unset or malformed."""
    if not template:
        return None
    ticket = issued.ticket
    values = {
        "hall": hall,
        "date": ticket.business_date.isoformat(),
        "number": ticket.number,
        "ticket_id": str(ticket.id),
        "service": ticket.service_code,
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("ticket QR template %r cannot be filled in", template)
        return None


def printable_ticket(
    hall: HallService, request: TicketRequest, issued: IssuedTicket
) -> PrintableTicket:
    ref = hall.hall
    ticket = issued.ticket
    issued_at = ticket.issued_at.astimezone(clock.zone(ref.timezone))
    footer = request.settings.get("ticket_footer") or ()
    return PrintableTicket(
        hall_name=ref.name,
        logo_path=request.logo_path,
        number=ticket.number,
        service_name=ticket.service_name,
        agency_name=ticket.agency_name,
        issued_at=issued_at,
        zone_label=clock.zone_label(ref.timezone, ticket.issued_at),
        people_ahead=issued.people_ahead,
        estimated_wait_minutes=issued.estimated_wait_minutes,
        priority_label=request.priority_label,
        qr_payload=qr_payload(
            str(request.settings.get("ticket_qr_template") or ""), ref.code, issued
        ),
        footer_lines=tuple(str(line) for line in footer),
        language=request.language,
        counters=issued.serving.shown,
    )


def _settle(action, attempts: int = 3, pause: float = 0.4) -> bool:
    """Run a confirm/void, retrying a short while if the database blinks; True when done."""
    for attempt in range(attempts):
        try:
            action()
            return True
        except DatabaseUnavailable:
            if attempt == attempts - 1:
                return False
            time.sleep(pause * (attempt + 1))
        except Refused as error:  # e.g. voided meanwhile as a stale print: nothing left to do
            log.warning("print outcome not applied: %s", error.message("en"))
            return True
    return False


def run_flow(hall: HallService, config: KioskConfig, request: TicketRequest) -> FlowOutcome:
    """The worker-thread part: everything between the tap and the answer on screen."""
    timings = {"tap": request.tapped_at}
    issued = hall.issue(
        request.service_code,
        request.priority,
        kiosk=config.name,
        reserve_for_print=not request.on_screen,
        request_id=request.request_id,
    )
    timings["issued"] = time.perf_counter()
    printable = printable_ticket(hall, request, issued)
    if request.on_screen:
        return FlowOutcome(request, issued, printable, None, True, timings)
    job = render_ticket_job(printable, PAPERS[config.paper_spec])
    timings["handed"] = time.perf_counter()
    result = send_job(
        config.printer, job, timeout=config.print_timeout, status_timeout=config.status_timeout
    )
    timings["printed"] = time.perf_counter()
    ticket_id = issued.ticket.id
    if result.ok:
        settled = _settle(lambda: hall.confirm_printed(ticket_id))
    else:
        reason = f"{result.kind.value if result.kind else 'failed'}: {result.detail}"
        settled = _settle(lambda: hall.print_failed(ticket_id, reason))
    timings["settled"] = time.perf_counter()
    return FlowOutcome(request, issued, printable, result, settled, timings)


class TicketFlow(QObject):
    """Runs tap flows one at a time and reports their outcome on the GUI thread.

    ``finished`` carries a FlowOutcome; ``failed`` the core error that stopped the issue
    (Refused, DatabaseUnavailable, …): then no ticket exists. Confirmations that could not
    reach the database are kept and retried by :meth:`retry_pending`.
    """

    busy_changed = Signal(bool)
    finished = Signal(object)
    failed = Signal(object)

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
        self.busy = False
        self.current: TicketRequest | None = None
        self.outcomes: list[FlowOutcome] = []  # the latest few, for staff and benchmarks
        self.completed = 0  # flows that ended with a ticket, since start
        self._pending: list[FlowOutcome] = []
        self._synchronous = synchronous

    def request(self, request: TicketRequest) -> bool:
        """Start a flow; False (and nothing done) if one is already running."""
        if self.busy:
            log.info("tap ignored: a ticket is already being issued")
            return False
        self.busy = True
        self.current = request
        self.busy_changed.emit(True)
        hall, config = self.hall, self.config
        self.retry_pending()
        operations.run(
            lambda: run_flow(hall, config, request),
            self._done,
            self._failed,
            synchronous=self._synchronous,
        )
        return True

    def _done(self, outcome: FlowOutcome) -> None:
        self._end()
        self.outcomes = [*self.outcomes[-49:], outcome]
        self.completed += 1
        if not outcome.settled:
            log.warning(
                "ticket %s: outcome not yet saved; will retry", outcome.issued.ticket.number
            )
            self._pending.append(outcome)
            QTimer.singleShot(3000, self.retry_pending)
        self.finished.emit(outcome)

    def _failed(self, error: Exception) -> None:
        self._end()
        self.failed.emit(error)

    def _end(self) -> None:
        self.busy = False
        self.current = None
        self.busy_changed.emit(False)

    def retry_pending(self) -> None:
        """Confirm or void tickets whose outcome did not reach the database yet."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        hall = self.hall

        def work() -> list[FlowOutcome]:
            left = []
            for outcome in pending:
                ticket_id = outcome.issued.ticket.id
                if outcome.printed is not None and outcome.printed.ok:
                    action = lambda ticket_id=ticket_id: hall.confirm_printed(ticket_id)  # noqa: E731
                else:
                    action = lambda ticket_id=ticket_id: hall.print_failed(  # noqa: E731
                        ticket_id, "print outcome saved late"
                    )
                if not _settle(action, attempts=1):
                    left.append(outcome)
            return left

        def done(left: list[FlowOutcome]) -> None:
            self._pending.extend(left)
            if left:
                QTimer.singleShot(3000, self.retry_pending)

        def failed(_error: Exception) -> None:
            self._pending.extend(pending)
            QTimer.singleShot(3000, self.retry_pending)

        operations.run(work, done, failed, synchronous=self._synchronous)

    @property
    def pending(self) -> int:
        return len(self._pending)
