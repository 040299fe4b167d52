"""One process of the race tests (tests/core/test_races.py): a kiosk issuing or a counter working.

The tests start :func:`run` in a new process (multiprocessing; a fork server that has already
imported core where the platform has one, else spawn); ``python tests/core/race_worker.py
'<json job>'`` runs one by hand. The worker fixes its clock at the job's ``now``, opens its
own database connection and HallService, writes ``ready-<name>`` into the job's directory,
waits for ``go``, does its work and writes what it saw to ``result-<name>.json``. Any
unexpected error (a refusal included) is written to ``out-<name>.txt`` and ends the process
with exit code 1.

Roles:
- ``issuer``: issues ``count`` tickets over the job's services. Some issues carry a request
  id that is sent again at once (the answer was lost) and once more at the next such issue
  (a late retry). With ``mixed`` tickets get random priorities, most are reserved for print
  and confirmed (some twice), a few fail to print.
- ``caller``: works one counter (call next, start, finish) until ``issuers-done`` exists and
  a call started after that finds nothing. Some requests are repeated with the same request
  id. With ``mixed`` it also recalls, marks no-shows, transfers (front or back), parks and
  resumes, and takes short breaks.
- ``dup-issuer``: issues one ticket per request id of a list other processes send too.
- ``shared-caller``: works a counter that another process works too (two PCs at one loket):
  call next, start, finish by number; "the counter is busy" and "not this ticket" are
  expected answers here, anything else (a database error above all) is not.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import clock  # noqa: E402
from core.db import schema  # noqa: E402
from core.domain.enums import CounterState, Priority, TransferPosition  # noqa: E402
from core.errors import Refused  # noqa: E402
from core.hall import HallService  # noqa: E402
from core.views import TicketView  # noqa: E402

# Pause after a call found nothing while the kiosks are still issuing: doubled after each
# empty call (up to 250 ms), halved after each ticket (down to 5 ms), so that it follows the
# pace of the kiosks. Empty calls are write transactions too: counters polling fast would
# take the CPU and the locks from the very kiosks they wait for.
IDLE_SECONDS = (0.005, 0.25)
PRIORITIES = [Priority.LANSIA, Priority.DISABILITAS, Priority.IBU_HAMIL]


class Worker:
    def __init__(self, job: dict[str, Any]) -> None:
        self.job = job
        self.name: str = job["name"]
        self.dir = Path(job["dir"])
        self.rng = random.Random(job.get("seed", 0))
        self.db = schema.connect(job["url"], auto_upgrade=False)
        self.hall = HallService.open(self.db, job["hall"])
        self.mixed: bool = job.get("mixed", False)
        self.retry_every: int = job.get("retry_every", 0)
        self.requests = 0
        self.retries = 0
        self.idle_calls = 0
        self.log: list[list[Any]] = []  # what the worker did, as it saw it

    def request_id(self) -> str:
        self.requests += 1
        return f"{self.name}-{self.requests}"

    def wants_retry(self) -> bool:
        return bool(self.retry_every) and self.rng.randrange(self.retry_every) == 0

    def chance(self, p: float) -> bool:
        return self.mixed and self.rng.random() < p

    def wait_for_go(self) -> None:
        (self.dir / f"ready-{self.name}").write_text("")
        go = self.dir / "go"
        while not go.exists():
            time.sleep(0.005)

    def report(self, **extra: Any) -> None:
        result = {
            "log": self.log,
            "retries": self.retries,
            "idle_calls": self.idle_calls,
            "cpu_seconds": time.process_time(),
        }
        temporary = self.dir / f"result-{self.name}.tmp"
        temporary.write_text(json.dumps(result | extra))
        temporary.rename(self.dir / f"result-{self.name}.json")
        self.db.dispose()

    # --- kiosk -----------------------------------------------------------------------

    def issuer(self) -> None:
        services: list[str] = self.job["services"]
        failed_prints = 0
        earlier: tuple[str, dict[str, Any], Any] | None = None  # for a late retry
        for n in range(self.job["count"]):
            service = services[n % len(services)]
            reserve = self.chance(0.8)
            kwargs: dict[str, Any] = {
                "priority": self.rng.choice(PRIORITIES) if self.chance(0.15) else Priority.REGULAR,
                "kiosk": self.name,
                "reserve_for_print": reserve,
            }
            if self.wants_retry():
                kwargs["request_id"] = self.request_id()
                issued = self.hall.issue(service, **kwargs)
                again = self.hall.issue(service, **kwargs)
                assert again == issued, ("issue retried with the same id", issued, again)
                if earlier is not None:
                    old_service, old_kwargs, old_result = earlier
                    late = self.hall.issue(old_service, **old_kwargs)
                    assert late == old_result, ("late retry of an issue", old_result, late)
                earlier = (service, kwargs, issued)
                self.retries += 1
            else:
                issued = self.hall.issue(service, **kwargs)
            ticket = issued.ticket
            if reserve and self.rng.random() < 0.04:
                self.hall.print_failed(ticket.id, "paper jam")
                failed_prints += 1
                status = "void"
            else:
                if reserve:
                    self.hall.confirm_printed(ticket.id)
                    if self.rng.random() < 0.1:
                        self.hall.confirm_printed(ticket.id)  # the kiosk said it twice
                status = "waiting"
            self.log.append(["issue", ticket.id, ticket.number, status])
        self.report(failed_prints=failed_prints)

    def dup_issuer(self) -> None:
        ids: list[str] = list(self.job["request_ids"])
        self.rng.shuffle(ids)
        for request_id in ids:
            issued = self.hall.issue(
                self.job["services"][0], reserve_for_print=False, request_id=request_id
            )
            self.log.append([request_id, issued.ticket.id, issued.ticket.number])
        self.report()

    # --- counter ---------------------------------------------------------------------

    def repeatable(self, operation: str, *args: Any) -> Any:
        """Run a counter operation; sometimes with a request id, sent twice."""
        method = getattr(self.hall, operation)
        if not self.wants_retry():
            return method(*args)
        request_id = self.request_id()
        first = method(*args, request_id=request_id)
        second = method(*args, request_id=request_id)
        assert first == second, (f"{operation} retried with the same id", first, second)
        self.retries += 1
        return first

    def caller(self) -> None:
        counter: int = self.job["counter"]
        issuers_done = self.dir / "issuers-done"
        parked: list[str] = []
        parked_once: set[int] = set()
        idle = IDLE_SECONDS[0]
        while True:
            all_issued = issuers_done.exists()  # before the call: nothing can come after it
            ticket = self.repeatable("call_next", counter)
            if ticket is None:
                self.idle_calls += 1
                if parked:
                    ticket = self.hall.resume(counter, parked.pop(0))
                    self.log.append(["resume", ticket.id, ticket.number])
                elif all_issued:
                    break
                else:
                    time.sleep(idle)
                    idle = min(idle * 2, IDLE_SECONDS[1])
                    continue
            else:
                self.log.append(["call", ticket.id, ticket.number])
            idle = max(idle / 2, IDLE_SECONDS[0])
            self.serve(counter, ticket, parked, parked_once)
            if parked and self.chance(0.3):
                ticket = self.hall.resume(counter, parked.pop(0))
                self.log.append(["resume", ticket.id, ticket.number])
                self.serve(counter, ticket, parked, parked_once)
            if self.chance(0.02):
                self.hall.set_counter_state(counter, CounterState.BREAK)
                self.hall.set_counter_state(counter, CounterState.OPEN)
                self.log.append(["break", None, None])
        self.report()

    def shared_caller(self) -> None:
        counter: int = self.job["counter"]
        issuers_done = self.dir / "issuers-done"
        refusals: dict[str, int] = {}
        idle = IDLE_SECONDS[0]

        def refused(error: Refused, *expected: str) -> None:
            if error.code not in expected:
                raise error
            refusals[error.code] = refusals.get(error.code, 0) + 1

        while True:
            all_issued = issuers_done.exists()
            try:
                ticket = self.hall.call_next(counter)
            except Refused as error:
                refused(error, "counter_busy")  # the other PC holds a ticket here
                time.sleep(0.002)
                continue
            if ticket is None:
                if all_issued:
                    break
                time.sleep(idle)
                idle = min(idle * 2, IDLE_SECONDS[1])
                continue
            idle = max(idle / 2, IDLE_SECONDS[0])
            self.log.append(["call", ticket.id, ticket.number])
            self.hall.start(counter)
            self.log.append(["start", ticket.id, ticket.number])
            self.hall.finish(counter, ticket.number)
            self.log.append(["finish", ticket.id, ticket.number])
        self.report(refusals=refusals)

    def serve(
        self, counter: int, ticket: TicketView, parked: list[str], parked_once: set[int]
    ) -> None:
        recalls = ticket.recall_count
        if self.chance(0.05):
            recalled = self.hall.recall(counter)
            assert recalled.id == ticket.id and recalled.recall_count == ticket.recall_count + 1
            recalls = recalled.recall_count
            self.log.append(["recall", ticket.id, ticket.number])
        if self.chance(0.08) and ticket.id not in parked_once:
            if recalls == 0:  # the hall's rule: a no-show after one recall (the clock stands)
                self.hall.recall(counter)
                self.log.append(["recall", ticket.id, ticket.number])
            self.hall.no_show(counter)
            self.log.append(["no_show", ticket.id, ticket.number])
            return
        target = self.job.get("transfer_to")
        if target and ticket.hop == 0 and self.chance(0.08):
            position = self.rng.choice([TransferPosition.FRONT, TransferPosition.BACK])
            moved = self.repeatable("transfer", counter, target, position, "ke layanan lain")
            assert moved.number == ticket.number and moved.hop == 1
            self.log.append(["transfer", ticket.id, ticket.number, moved.id])
            return
        started = self.repeatable("start", counter)
        assert started.id == ticket.id
        self.log.append(["start", ticket.id, ticket.number])
        if ticket.id not in parked_once and self.chance(0.05):
            self.hall.park(counter, "mengambil berkas")
            parked.append(ticket.number)
            parked_once.add(ticket.id)
            self.log.append(["park", ticket.id, ticket.number])
            return
        finished = self.repeatable("finish", counter)
        assert finished.id == ticket.id
        self.log.append(["finish", ticket.id, ticket.number])


def run(job: dict[str, Any]) -> None:
    """The body of one worker process."""
    try:
        clock.set_clock(clock.fixed_clock(clock.parse_instant(job["now"])))
        worker = Worker(job)
        worker.wait_for_go()
        role = {
            "issuer": worker.issuer,
            "caller": worker.caller,
            "dup-issuer": worker.dup_issuer,
            "shared-caller": worker.shared_caller,
        }
        role[job["role"]]()
    except BaseException:
        out = Path(job["dir"]) / f"out-{job['name']}.txt"
        out.write_text(traceback.format_exc(), encoding="utf-8")
        raise SystemExit(1) from None


if __name__ == "__main__":
    run(json.loads(sys.argv[1]))
