"""Race tests with real processes, on SQLite (WAL file) and on the real PostgreSQL server.

Eight kiosk processes issue 300 tickets each on one shared prefix while eight counter
processes call, start and finish (core issue: "every number unique, every ticket called at
most once at a time, issued = done + waiting + … exactly"). Afterwards the database, the
event feed, a live feed follower and the workers' own logs must all tell the same story.

The workers (tests/core/race_worker.py) are separate processes, each with its own connection,
clock and HallService. They are forked from a multiprocessing fork server that has imported
core once (start-up in milliseconds instead of seconds per process; "spawn" where there is no
fork server). All of them share one instant, Monday 23 November 2026 10:00 WIB, when the race
hall is open.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from core.db import models as m
from core.db import schema
from core.domain.enums import CounterState
from core.feed import EventFeed
from core.hall import HallService
from core.hallfile import store
from core.views import EventView

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import race_worker  # the workers' code, importable by the fork server too

NOW = "2026-11-23T10:00:00+07:00"  # a Monday morning: the race hall is open
HALL = "balapan"
ISSUERS, PER_ISSUER, CALLERS = 8, 300, 8
TOTAL = ISSUERS * PER_ISSUER
DEADLINE = 600.0  # seconds for one race before the workers are killed (a hang, not slowness)

# Three services share prefix A (one number stream); LEGAL (prefix L) only receives
# transfers. Every counter serves every service, with different ranks.
RACE_HALL = f"""
format = 1

[hall]
code = "{HALL}"
name = "Mal Pelayanan Publik Balapan"
timezone = "Asia/Jakarta"

[schedules.reguler]
mon = {{ open = "08:00", close = "15:00", breaks = [["12:00", "13:00"]] }}

[[agencies]]
code = "DUKCAPIL"
name = "Dinas Kependudukan dan Pencatatan Sipil"

[[agencies.services]]
code = "KTP"
name = "Perekaman KTP-el"
prefix = "A"
schedule = "reguler"

[[agencies.services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "A"
schedule = "reguler"

[[agencies.services]]
code = "AKTA"
name = "Akta Kelahiran"
prefix = "A"
schedule = "reguler"

[[agencies.services]]
code = "LEGAL"
name = "Legalisir Dokumen"
prefix = "L"
schedule = "reguler"
""" + "".join(
    f"""
[[counters]]
number = {n}
name = "Loket {n}"
services = {{ KTP = {1 if n <= 4 else 2}, KK = {n % 2 + 1}, AKTA = 1, LEGAL = {1 + (n <= 4)} }}
"""
    for n in range(1, CALLERS + 1)
)

ISSUED_SERVICES = ["KTP", "KK", "AKTA"]
OPEN_STATUSES = {"called", "serving"}
STATUS_AFTER = {  # the status a ticket event's payload must carry
    "ticket.printed": "waiting",
    "ticket.called": "called",
    "ticket.recalled": "called",
    "ticket.started": "serving",
    "ticket.finished": "done",
    "ticket.no_show": "no_show",
    "ticket.parked": "parked",
    "ticket.transferred": "waiting",
}


# The PostgreSQL variants also carry "pg" (from db_url). On a busy two-core machine the
# PostgreSQL race alone can take minutes: above the suite's default 300 s timeout.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture
def race_url(db_url: str, tmp_path: Path, fixed_clock: Any) -> str:
    """The empty database of ``db_url`` (each engine) holding the race hall, counters open."""
    fixed_clock.set(NOW)
    hall_file = tmp_path / "race-hall.toml"
    hall_file.write_text(RACE_HALL, encoding="utf-8")
    db = schema.connect(db_url, auto_upgrade=False)
    try:
        store.import_spec(db, store.load(hall_file))
        hall = HallService.open(db, HALL)
        for number in range(1, CALLERS + 1):
            hall.set_counter_state(number, CounterState.OPEN)
    finally:
        db.dispose()
    return db_url


# --- running a race ------------------------------------------------------------------------


class Follower(threading.Thread):
    """A display following the feed live, as front ends do: every event once, in id order."""

    def __init__(self, url: str, hall_id: int) -> None:
        super().__init__(name="race-follower", daemon=True)
        self.db = schema.connect(url, auto_upgrade=False)
        self.feed = EventFeed(self.db, hall_id)
        self.cursor = self.feed.latest_id()
        self.seen: list[int] = []
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.take(self.feed.wait(self.cursor, 0.1))
            while self.take(self.feed.fetch(self.cursor)):  # the rest, after everyone is done
                pass
        except BaseException as error:  # reported by the test
            self.error = error
        finally:
            self.feed.close()
            self.db.dispose()

    def take(self, events: list[EventView]) -> bool:
        for event in events:
            self.seen.append(event.id)
            self.cursor = event.id
        return bool(events)


@dataclass
class Race:
    url: str
    workdir: Path
    startup_seconds: float = 0.0  # starting the processes until all are ready
    seconds: float = 0.0  # from "go" until the last worker ended
    cpu_seconds: float = 0.0  # the workers' CPU time, all together
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    follower_seen: list[int] = field(default_factory=list)
    follower_from: int = 0


PRELOAD = [
    "core.hall",
    "core.db.schema",
    "core.feed",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql",
    "psycopg",
]


def _context() -> multiprocessing.context.BaseContext:
    """Processes forked from a server that already imported core, else spawned."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server itself gets no sys.path from us, so name modules importable anywhere.
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


Process = multiprocessing.process.BaseProcess


def _start(job: dict[str, Any]) -> Process:
    context = _context()
    process = context.Process(target=race_worker.run, args=(job,), name=job["name"], daemon=True)
    process.start()
    return process


def _fail(processes: dict[str, Process], workdir: Path, why: str) -> None:
    for process in processes.values():
        if process.is_alive():
            process.kill()
        process.join()
    report = "\n".join(
        f"--- {name} (exit {process.exitcode}) ---\n"
        + (workdir / f"out-{name}.txt").read_text(errors="replace")[-3000:]
        for name, process in processes.items()
        if process.exitcode != 0 and (workdir / f"out-{name}.txt").exists()
    )
    pytest.fail(f"{why}:\n{report}", pytrace=False)


def _wait_all(
    group: dict[str, Process], everyone: dict[str, Process], until: float, workdir: Path
) -> None:
    """Wait for a group of workers; on any failure or at the deadline kill everyone."""
    pending = dict(group)
    while pending:
        for name, process in list(pending.items()):
            if process.exitcode is not None:
                del pending[name]
                if process.exitcode != 0:
                    _fail(everyone, workdir, f"race worker {name} failed")
        if time.monotonic() > until:
            _fail(everyone, workdir, f"race workers hung: {sorted(pending)}")
        time.sleep(0.02)
    for process in group.values():
        process.join()


def run_race(
    url: str,
    workdir: Path,
    kiosks: list[dict[str, Any]],
    counters: list[dict[str, Any]],
) -> Race:
    """Start kiosk and counter workers together, follow the feed, collect what they saw.

    The counters are told when every kiosk has ended (``issuers-done``) and stop once a
    call made after that finds nothing.
    """
    workdir.mkdir()
    for job in kiosks + counters:
        job |= {"url": url, "hall": HALL, "dir": str(workdir), "now": NOW}
    db = schema.connect(url, auto_upgrade=False)
    hall_id = HallService.open(db, HALL).hall.id
    db.dispose()
    race = Race(url, workdir)
    follower = Follower(url, hall_id)
    race.follower_from = follower.cursor
    started = time.monotonic()
    everyone: dict[str, Process] = {}
    try:
        issuing = {job["name"]: _start(job) for job in kiosks}
        working = {job["name"]: _start(job) for job in counters}
        everyone = issuing | working
        until = time.monotonic() + DEADLINE
        while not all((workdir / f"ready-{name}").exists() for name in everyone):
            if any(p.exitcode is not None for p in everyone.values()) or time.monotonic() > until:
                _fail(everyone, workdir, "a race worker ended before it was ready")
            time.sleep(0.02)
        follower.start()
        began = time.monotonic()
        race.startup_seconds = began - started
        (workdir / "go").write_text("")
        _wait_all(issuing, everyone, until, workdir)
        (workdir / "issuers-done").write_text("")
        _wait_all(working, everyone, until, workdir)
        race.seconds = time.monotonic() - began
    finally:
        for process in everyone.values():  # nothing outlives a failed or interrupted race
            if process.is_alive():
                process.kill()
                process.join()
        follower.stop.set()
        if follower.is_alive():
            follower.join(30)
        else:
            follower.feed.close()
            follower.db.dispose()
    assert not follower.is_alive(), "the feed follower did not stop"
    if follower.error is not None:
        raise follower.error
    race.follower_seen = follower.seen
    for name in everyone:
        race.results[name] = json.loads((workdir / f"result-{name}.json").read_text())
    race.cpu_seconds = sum(r["cpu_seconds"] for r in race.results.values())
    return race


def kiosk_jobs(issuers: int, per_issuer: int, **options: Any) -> list[dict[str, Any]]:
    """Kiosks rotating over the three A services, each starting at a different one."""
    return [
        {
            "role": "issuer",
            "name": f"kiosk{i}",
            "count": per_issuer,
            "services": ISSUED_SERVICES[i % 3 :] + ISSUED_SERVICES[: i % 3],
            "seed": 1000 + i,
        }
        | options
        for i in range(1, issuers + 1)
    ]


def counter_jobs(callers: int, **options: Any) -> list[dict[str, Any]]:
    return [
        {"role": "caller", "name": f"loket{n}", "counter": n, "seed": 2000 + n} | options
        for n in range(1, callers + 1)
    ]


# --- reading the outcome -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: int
    number: str
    prefix: str
    seq: int
    hop: int
    status: str
    service: str
    counter: int | None
    transferred_from_id: int | None


def _outcome(url: str) -> tuple[list[Row], list[str], dict[str, int], list[EventView]]:
    """The race hall's tickets, today's statuses as the service reports them, its number
    streams and its whole event feed."""
    db = schema.connect(url, auto_upgrade=False)
    try:
        hall = HallService.open(db, HALL)

        def read(tx: Any) -> tuple[list[Row], dict[str, int]]:
            query = (
                select(
                    m.Ticket.id,
                    m.Ticket.number,
                    m.Ticket.prefix,
                    m.Ticket.seq,
                    m.Ticket.hop,
                    m.Ticket.status,
                    m.Service.code,
                    m.Counter.number,
                    m.Ticket.transferred_from_id,
                )
                .join(m.Service, m.Service.id == m.Ticket.service_id)
                .outerjoin(m.Counter, m.Counter.id == m.Ticket.counter_id)
                .where(m.Ticket.hall_id == hall.hall.id)
                .order_by(m.Ticket.id)
            )
            rows = [Row(*row[:5], row[5].value, *row[6:]) for row in tx.session.execute(query)]
            streams = dict(
                tx.session.execute(
                    select(m.NumberStream.prefix, m.NumberStream.last_seq).where(
                        m.NumberStream.hall_id == hall.hall.id
                    )
                ).all()
            )
            return rows, streams

        rows, streams = db.read(read)
        today = [t.status.value for t in hall.tickets_today()]
        feed = EventFeed(db, hall.hall.id)
        events: list[EventView] = []
        while batch := feed.fetch(events[-1].id if events else 0):
            events += batch
        feed.close()
        return rows, today, streams, events
    finally:
        db.dispose()


def replay(events: list[EventView]) -> dict[int, str]:
    """Play the feed back, checking each event is allowed at that point; final statuses.

    A ticket is called only when it is waiting (or parked at that same counter) and only by a
    counter holding nothing; recall, start, finish, no-show, park and transfer only by the
    counter holding it; a counter holding a ticket never goes on break or closes.
    """
    status: dict[int, str] = {}
    holder: dict[int, int] = {}  # ticket -> counter holding it
    held: dict[int, int] = {}  # counter -> ticket it holds
    parked_at: dict[int, int] = {}
    last_id = 0

    def release(ticket: int, counter: int, kind: str) -> None:
        assert held.get(counter) == ticket and holder.get(ticket) == counter, (
            f"{kind} of ticket {ticket} at counter {counter}, which holds {held.get(counter)}"
        )
        del held[counter], holder[ticket]

    for event in events:
        assert event.id > last_id, f"event ids not strictly increasing at {event.id}"
        last_id = event.id
        p = event.payload
        kind = event.kind
        if kind == "counter.state":
            assert p["state"] == "open" or p["counter"] not in held, f"counter busy: {p}"
            continue
        if not kind.startswith("ticket."):
            continue
        ticket = p["ticket_id"]
        counter = p.get("counter")
        before = status.get(ticket)
        if kind == "ticket.issued":
            assert before is None, f"ticket {ticket} issued twice"
            assert p["status"] in ("printing", "waiting")
        elif kind == "ticket.printed":
            assert before == "printing", f"ticket {ticket} printed while {before}"
        elif kind == "ticket.voided":
            assert before == "printing", f"ticket {ticket} voided while {before}"
            status[ticket] = "void"
            continue
        elif kind == "ticket.called":
            parked_here = before == "parked" and parked_at.get(ticket) == counter
            assert before == "waiting" or parked_here, (
                f"ticket {ticket} called at counter {counter} while {before}"
                f" (held by {holder.get(ticket)})"
            )
            assert counter not in held, (
                f"counter {counter} called ticket {ticket} while holding {held[counter]}"
            )
            held[counter], holder[ticket] = ticket, counter
            parked_at.pop(ticket, None)
        elif kind in ("ticket.recalled", "ticket.started"):
            assert before == "called" and held.get(counter) == ticket, (
                f"{kind} of ticket {ticket} at counter {counter} while {before}"
            )
        elif kind in ("ticket.finished", "ticket.no_show", "ticket.parked"):
            assert before in OPEN_STATUSES, f"{kind} of ticket {ticket} while {before}"
            assert kind != "ticket.no_show" or before == "called"
            release(ticket, counter, kind)
            if kind == "ticket.parked":
                parked_at[ticket] = counter
        elif kind == "ticket.transferred":
            source = p["from_ticket_id"]
            assert status.get(source) in OPEN_STATUSES, f"transfer of {source}"
            release(source, p["from_counter"], kind)
            status[source] = "transferred"
            assert before is None and p["status"] == "waiting", f"transfer created {ticket}"
        else:
            raise AssertionError(f"unexpected event {kind}: {p}")
        if kind in STATUS_AFTER:
            assert p["status"] == STATUS_AFTER[kind], f"{kind} of ticket {ticket}: {p}"
        status[ticket] = p["status"]
    assert not held, f"counters still holding tickets: {held}"
    return status


def check_race(
    race: Race, total: int, callers: int | dict[int, list[str]], *, mixed: bool
) -> dict[str, Any]:
    """Everything the issue promises, from the database, the feed and the workers' logs."""
    rows, today, streams, events = _outcome(race.url)
    first = [r for r in rows if r.hop == 0]

    # Numbers: one stream for prefix A, 1..2400 without a gap, each number once (hop 0).
    assert streams == {"A": total}
    assert sorted(r.seq for r in first) == list(range(1, total + 1))
    assert len({r.number for r in first}) == total
    assert all(r.prefix == "A" and r.number == f"A{r.seq:03d}" for r in rows)
    assert len({(r.prefix, r.seq, r.hop) for r in rows}) == len(rows)
    assert sorted(today) == sorted(r.status for r in rows), "tickets_today() lists them all"

    # The kiosks got exactly the tickets that exist, each once (retried requests applied once).
    issued = [e for name, r in race.results.items() if name.startswith("kiosk") for e in r["log"]]
    assert sorted(e[1] for e in issued) == [r.id for r in first]
    assert {e[1]: e[2] for e in issued} == {r.id: r.number for r in first}

    # The feed, played back, allows every step and ends where the database is.
    final = replay(events)
    assert final == {r.id: r.status for r in rows}
    kinds = Counter(e.kind for e in events)
    assert kinds["ticket.issued"] == total
    assert kinds["ticket.transferred"] == len(rows) - total

    # A display following the feed live saw every event once, in order.
    assert race.follower_seen == [e.id for e in events if e.id > race.follower_from]

    # Accounting: issued = done + no-show + void + (waiting, called, serving, parked,
    # printing, expired: all zero now). A transferred row continues as its next hop.
    statuses = Counter(r.status for r in rows)
    successors = Counter(r.transferred_from_id for r in rows if r.transferred_from_id)
    assert statuses["transferred"] == len(rows) - total == sum(successors.values())
    assert all(status == "transferred" for r in rows if r.id in successors for status in [r.status])
    assert set(successors.values()) <= {1}
    closed = statuses - Counter({"transferred": statuses["transferred"]})
    assert total == sum(closed.values())
    assert set(closed) <= {"done", "no_show", "void"}, f"left open: {closed}"
    finished = Counter(e.payload["ticket_id"] for e in events if e.kind == "ticket.finished")
    assert set(finished.values()) <= {1}, "a ticket finished twice"
    assert len(finished) == closed["done"]
    calls = Counter(e.payload["ticket_id"] for e in events if e.kind == "ticket.called")
    if mixed:
        failed = sum(r.get("failed_prints", 0) for r in race.results.values())
        assert closed["void"] == failed
        assert kinds["ticket.voided"] == failed
    else:
        assert closed == Counter({"done": total})
        assert set(calls.values()) == {1} and len(calls) == total

    # Each counter's own log is exactly the feed's story of that counter.
    logged = {
        "call": "ticket.called",
        "resume": "ticket.called",
        "recall": "ticket.recalled",
        "start": "ticket.started",
        "finish": "ticket.finished",
        "no_show": "ticket.no_show",
        "park": "ticket.parked",
        "transfer": "ticket.transferred",
    }
    story: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for e in events:
        if e.kind == "ticket.transferred":
            story[e.payload["from_counter"]].append((e.kind, e.payload["from_ticket_id"]))
        elif e.kind in logged.values():
            story[e.payload["counter"]].append((e.kind, e.payload["ticket_id"]))
    workers = callers if isinstance(callers, dict) else {n: [f"loket{n}"] for n in story}
    for n, names in workers.items():
        told = [
            (logged[op], tid)
            for name in names
            for op, tid, *_ in race.results[name]["log"]
            if op in logged
        ]
        if len(names) == 1:
            assert told == story[n], f"loket {n}: its log and the feed disagree"
        else:  # two processes at one counter: their logs interleave in some order
            assert sorted(told) == sorted(story[n]), f"loket {n}: its logs and the feed disagree"
    return dict(closed) | {
        "events": len(events),
        "transfers": statuses["transferred"],
        "retries": sum(r["retries"] for r in race.results.values()),
        "idle_calls": sum(r["idle_calls"] for r in race.results.values()),
    }


# --- the tests ---------------------------------------------------------------------------


def _report(name: str, race: Race, summary: dict[str, Any]) -> None:
    print(
        f"\n{name}: start-up {race.startup_seconds:.1f}s, race {race.seconds:.1f}s wall,"
        f" {race.cpu_seconds:.1f}s worker CPU; {summary}",
        file=sys.stderr,
    )


def test_kiosks_and_counters_race_on_one_prefix(race_url: str, tmp_path: Path) -> None:
    """The issue's race: 8 kiosks × 300 tickets on prefix A while 8 counters call, start and
    finish; some requests are sent twice with the same request id."""
    race = run_race(
        race_url,
        tmp_path / "race",
        kiosk_jobs(ISSUERS, PER_ISSUER, retry_every=25),
        counter_jobs(CALLERS, retry_every=25),
    )
    summary = check_race(race, TOTAL, CALLERS, mixed=False)
    assert summary["retries"] > 50
    _report("race", race, summary)


MIXED_PER_ISSUER = 60


def test_mixed_race_with_prints_no_shows_transfers_and_parking(
    race_url: str, tmp_path: Path
) -> None:
    """Kiosks reserve prints (confirmed, repeated, some failed) with random priorities;
    counters also recall, mark no-shows, transfer to the front or back of LEGAL, park and
    resume, and take breaks, all with some requests repeated."""
    race = run_race(
        race_url,
        tmp_path / "race",
        kiosk_jobs(ISSUERS, MIXED_PER_ISSUER, mixed=True, retry_every=10),
        counter_jobs(CALLERS, mixed=True, retry_every=10, transfer_to="LEGAL"),
    )
    summary = check_race(race, ISSUERS * MIXED_PER_ISSUER, CALLERS, mixed=True)
    done = [entry[0] for r in race.results.values() for entry in r["log"]]
    for operation in ("recall", "no_show", "transfer", "park", "resume", "break"):
        assert operation in done, f"the mixed race never did {operation}"
    assert summary["void"] > 0
    _report("mixed race", race, summary)


def test_two_processes_at_one_counter_never_hold_two_tickets(race_url: str, tmp_path: Path) -> None:
    """Two PCs work each of four counters (call, start, finish by number) while four kiosks
    issue: one of them gets the call, the other hears "counter busy"; never a database error,
    never two open tickets at one counter."""
    kiosks = kiosk_jobs(4, 100)
    counters = [
        {"role": "shared-caller", "name": f"loket{n}{pc}", "counter": n, "seed": 4000 + n}
        for n in range(1, 5)
        for pc in "ab"
    ]
    race = run_race(race_url, tmp_path / "race", kiosks, counters)
    shared = {n: [f"loket{n}a", f"loket{n}b"] for n in range(1, 5)}
    summary = check_race(race, 400, shared, mixed=False)
    busy = sum(r.get("refusals", {}).get("counter_busy", 0) for r in race.results.values())
    _report("two PCs per counter", race, summary | {"counter_busy": busy})


def test_one_request_id_from_many_processes_is_applied_once(race_url: str, tmp_path: Path) -> None:
    """Four kiosks send the same 100 request ids, each in its own order: 100 tickets, and
    every kiosk gets the same ticket for the same id."""
    request_ids = [f"shared-{n}" for n in range(100)]
    kiosks = [
        {
            "role": "dup-issuer",
            "name": f"kiosk{i}",
            "services": ["KTP"],
            "seed": 3000 + i,
            "request_ids": request_ids,
        }
        for i in range(1, 5)
    ]
    race = run_race(race_url, tmp_path / "race", kiosks, [])
    answers = [
        {rid: (tid, number) for rid, tid, number in race.results[f"kiosk{i}"]["log"]}
        for i in range(1, 5)
    ]
    assert all(answer == answers[0] for answer in answers)
    rows, _, streams, events = _outcome(race_url)
    assert streams == {"A": len(request_ids)}
    assert sorted((r.id, r.number) for r in rows) == sorted(answers[0].values())
    assert sum(e.kind == "ticket.issued" for e in events) == len(request_ids)
    _report("shared request ids", race, {"tickets": len(rows)})
