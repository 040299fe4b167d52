"""A simulated crowd: citizens take tickets, simulated officers call and serve.

Everything goes through the real core (HallService), so the display, the kiosk and the
real officer's window see exactly what a real hall would produce. Time is the simulated
clock's: the crowd acts whenever simulated time has moved past its next due moment.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core import clock
from core.domain.enums import CounterState, Priority
from core.errors import AntreError, DatabaseUnavailable, Refused
from core.hall import HallService

log = logging.getLogger(__name__)

PRIORITY_SHARE = 0.1
NO_SHOW_SHARE = 0.06
TRANSFER_SHARE = 0.04
MAX_ARRIVALS_PER_STEP = 3


@dataclass
class SimulatedOfficer:
    counter: int
    state: str = "idle"  # idle → called → serving → idle; called → absent → idle (no-show)
    due: datetime | None = None
    ticket: str | None = None


@dataclass
class CrowdStats:
    issued: int = 0
    called: int = 0
    finished: int = 0
    no_shows: int = 0
    transfers: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)


class Crowd:
    """Citizens arriving at ``arrivals_per_hour`` and officers at ``counters``."""

    def __init__(
        self,
        hall: HallService,
        counters: list[int],
        arrivals_per_hour: float = 240.0,
        seed: int | None = None,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        self.hall = hall
        self.random = random.Random(seed)
        self.arrivals_per_hour = arrivals_per_hour
        self.now = now
        self.officers = [SimulatedOfficer(number) for number in counters]
        self.stats = CrowdStats()
        self._weights: dict[str, float] = {}
        self._minutes: dict[str, float] = {}
        self._next_arrival: datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- set-up ------------------------------------------------------------------------

    def open_counters(self) -> None:
        for officer in self.officers:
            self.hall.set_counter_state(officer.counter, CounterState.OPEN)

    def _service_weights(self) -> dict[str, float]:
        """Busier services draw more citizens: weight by the daily quota, else typical use."""
        if not self._weights:
            self._minutes = {
                info.code: float(info.service_minutes) for info in self.hall.services()
            }
            for info in self.hall.services():
                base = 3.0 if info.agency_code in ("DISDUKCAPIL", "POLRES", "DUKCAPIL") else 1.0
                self._weights[info.code] = base * self.random.uniform(0.6, 1.4)
        return self._weights

    # --- one step ----------------------------------------------------------------------

    def step(self) -> None:
        """Do everything that is due at the current (simulated) time."""
        moment = self.now()
        if self._next_arrival is None:
            self._next_arrival = moment
        arrived = 0
        while self._next_arrival <= moment:
            if arrived == MAX_ARRIVALS_PER_STEP:
                # A very fast clock outruns the database: those citizens went home.
                self._next_arrival = moment
                break
            self._arrive()
            arrived += 1
            gap = self.random.expovariate(self.arrivals_per_hour / 3600.0)
            self._next_arrival += timedelta(seconds=gap)
        for officer in self.officers:
            if officer.due is None or officer.due <= moment:
                self._work(officer, moment)

    def _arrive(self) -> None:
        weights = self._service_weights()
        code = self.random.choices(list(weights), list(weights.values()))[0]
        priority = Priority.REGULAR
        if self.random.random() < PRIORITY_SHARE:
            priority = self.random.choice(
                [Priority.LANSIA, Priority.DISABILITAS, Priority.IBU_HAMIL]
            )
        try:
            self.hall.issue(code, priority, kiosk="simulasi", reserve_for_print=False)
            self.stats.issued += 1
        except AntreError as error:
            self.stats.refused += 1
            log.debug("crowd: issue refused: %s", error)

    def _work(self, officer: SimulatedOfficer, moment: datetime) -> None:
        try:
            if officer.state == "idle":
                ticket = self.hall.call_next(officer.counter)
                if ticket is None:
                    officer.due = moment + timedelta(seconds=self.random.uniform(20, 60))
                    return
                self.stats.called += 1
                officer.state, officer.ticket = "called", ticket.number
                officer.due = moment + timedelta(seconds=self.random.uniform(20, 90))
            elif officer.state == "called":
                if self.random.random() < NO_SHOW_SHARE:
                    self._call_again(officer, moment)  # nobody came: the hall's rule first
                    return
                ticket = self.hall.start(officer.counter)
                minutes = self._typical_minutes(ticket.service_code)
                officer.state = "serving"
                officer.due = moment + timedelta(minutes=minutes * self.random.uniform(0.5, 1.5))
            elif officer.state == "absent":
                self._mark_no_show(officer, moment)
            elif officer.state == "serving":
                if self.random.random() < TRANSFER_SHARE:
                    target = self.random.choice(list(self._service_weights()))
                    try:
                        self.hall.transfer(officer.counter, target)
                        self.stats.transfers += 1
                    except AntreError:
                        self.hall.finish(officer.counter)
                        self.stats.finished += 1
                else:
                    self.hall.finish(officer.counter)
                    self.stats.finished += 1
                officer.state, officer.ticket = "idle", None
                officer.due = moment + timedelta(seconds=self.random.uniform(5, 30))
        except DatabaseUnavailable:
            officer.due = moment + timedelta(seconds=30)
        except AntreError as error:
            # Someone else (the real officer, a supervisor) changed things: start over calmly.
            log.info("crowd: loket %s: %s", officer.counter, error)
            self.stats.errors.append(error.code)
            officer.state, officer.ticket = "idle", None
            officer.due = moment + timedelta(seconds=30)

    def _call_again(self, officer: SimulatedOfficer, moment: datetime) -> None:
        """A recall, then a wait: the hall allows a no-show after recalls or minutes."""
        self.hall.recall(officer.counter)
        officer.state = "absent"
        officer.due = moment + timedelta(seconds=self.random.uniform(30, 90))

    def _mark_no_show(self, officer: SimulatedOfficer, moment: datetime) -> None:
        try:
            self.hall.no_show(officer.counter)
        except Refused as error:
            if not error.code.startswith("no_show_too_soon"):
                raise
            self._call_again(officer, moment)  # still too soon for this hall: once more
            return
        self.stats.no_shows += 1
        officer.state, officer.ticket = "idle", None
        officer.due = moment + timedelta(seconds=10)

    def _typical_minutes(self, service_code: str) -> float:
        self._service_weights()
        return self._minutes.get(service_code, 10.0)

    # --- background --------------------------------------------------------------------

    def start(self, interval: float = 0.2) -> None:
        def loop() -> None:
            while not self._stop.wait(interval):
                try:
                    self.step()
                except Exception:  # the demo keeps going; the log has it
                    log.exception("crowd step failed")

        self._thread = threading.Thread(target=loop, name="antre-crowd", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
