"""A property-based test of the ticket life cycle: core against a small in-memory model.

Hypothesis drives a hall through random sequences of steps. In each step a kiosk issues (a
random service and priority, with or without print reservation), confirms a print or reports
it failed, or the two-minute print sweep runs; or a counter calls next, calls a number,
recalls, starts, finishes (with or without the number), marks a no-show (allowed after a
recall or two minutes), transfers to the front or back of another service, parks or
resumes (mostly what an officer would do next there, sometimes anything); or the hall lives
on: the clock moves, a counter opens, goes on break or closes, a counter's services and
ranks change, the day ends. Counter actions and issues are sometimes sent twice with one
request id (a retry after a lost answer).

The model below says what each step must do. After every step core's tickets (status,
number, hop, service, priority, counter, recall count, origin) must equal the model's;
after every step that changed something, so must each counter's waiting list (call order:
rank, then priority, then first come) and the snapshot (waiting counts, oldest ticket,
availability, counter states, current tickets, assignments). Core must refuse
(core.errors.Refused) exactly the actions the model does not allow, with one of the reasons
the model finds.

Each example gets a fresh hall (its own code) in one database per engine; every row belongs
to a hall, so the examples cannot see each other. CI runs the same examples every time
(``derandomize``); locally each run explores new ones.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from core import clock
from core.db import schema
from core.db.database import Database
from core.domain.enums import CounterState, Priority, TicketStatus, TransferPosition
from core.errors import Refused
from core.hall import HallService
from core.hallfile import store
from core.views import TicketView

START = datetime.fromisoformat("2026-11-23T09:00:00+07:00")  # Monday; open 08:00–15:00
PRINT_TIMEOUT = timedelta(minutes=2)
# The hall's default no-show rule (MODEL_HALL sets none): after one recall, or two minutes
# after the latest call.
NO_SHOW_RECALLS, NO_SHOW_AFTER = 1, timedelta(minutes=2)
QUOTA = 4  # KTP's daily quota, small enough to be reached

# KTP and KK share prefix A (one number stream); PASPOR has no counter at first, so it
# cannot issue until an assignment gives it one.
MODEL_HALL = """
format = 1

[hall]
code = "{code}"
name = "Mal Pelayanan Publik Model"
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
daily_quota = {quota}

[[agencies.services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "A"
schedule = "reguler"

[[agencies]]
code = "IMIGRASI"
name = "Kantor Imigrasi"

[[agencies.services]]
code = "SKCK"
name = "Penerbitan SKCK"
prefix = "S"
schedule = "reguler"

[[agencies.services]]
code = "PASPOR"
name = "Paspor"
prefix = "P"
schedule = "reguler"

[[counters]]
number = 1
services = {{ KTP = 1, KK = 2 }}

[[counters]]
number = 2
services = {{ KK = 1, SKCK = 2 }}

[[counters]]
number = 3
services = {{ SKCK = 1, KTP = 3 }}
"""

SERVICES = ("KTP", "KK", "SKCK", "PASPOR")  # in the hall file's order (sort order)
PREFIX = {"KTP": "A", "KK": "A", "SKCK": "S", "PASPOR": "P"}
COUNTERS = (1, 2, 3)
INITIAL_RANKS = {1: {"KTP": 1, "KK": 2}, 2: {"KK": 1, "SKCK": 2}, 3: {"SKCK": 1, "KTP": 3}}
OPEN_AT_COUNTER = (TicketStatus.CALLED, TicketStatus.SERVING)
S = TicketStatus

# --- the model ---------------------------------------------------------------------------


def queue_pos(instant: datetime) -> int:
    """First come, first served: microseconds since the epoch (as core counts them)."""
    return int(instant.timestamp() * 1_000_000)


@dataclass
class Ticket:
    id: int
    number: str
    hop: int
    service: str
    priority: Priority
    status: TicketStatus
    queue_pos: int
    issued_at: datetime
    printed: bool
    voided_by: str = ""  # "timeout" (never confirmed in time), "failure" or "day end"
    counter: int | None = None
    recall_count: int = 0
    transferred_from: int | None = None
    called_at: datetime | None = None  # the latest call (a recall is a call)


@dataclass
class Model:
    now: datetime
    tickets: dict[int, Ticket] = field(default_factory=dict)
    last_seq: dict[str, int] = field(default_factory=dict)
    states: dict[int, CounterState] = field(
        default_factory=lambda: dict.fromkeys(COUNTERS, CounterState.OPEN)
    )
    ranks: dict[int, dict[str, int]] = field(
        default_factory=lambda: {n: dict(r) for n, r in INITIAL_RANKS.items()}
    )

    def held(self, counter: int) -> Ticket | None:
        found = [
            t for t in self.tickets.values() if t.counter == counter and t.status in OPEN_AT_COUNTER
        ]
        assert len(found) <= 1
        return found[0] if found else None

    def latest(self, number: str) -> Ticket | None:
        hops = [t for t in self.tickets.values() if t.number == number]
        return max(hops, key=lambda t: t.hop) if hops else None

    def queue(self, counter: int) -> list[Ticket]:
        """Waiting tickets a counter may call, in call order: rank, priority, first come."""
        ranks = self.ranks[counter]
        waiting = [t for t in self.tickets.values() if t.status is S.WAITING and t.service in ranks]
        return sorted(
            waiting,
            key=lambda t: (ranks[t.service], t.priority is Priority.REGULAR, t.queue_pos, t.id),
        )

    def stale_prints(self) -> list[Ticket]:
        return [
            t
            for t in self.tickets.values()
            if t.status is S.PRINTING and t.issued_at < self.now - PRINT_TIMEOUT
        ]

    def counts_against_quota(self, service: str, voided: list[Ticket]) -> int:
        return sum(
            1
            for t in self.tickets.values()
            if t.service == service and t.hop == 0 and t.status is not S.VOID and t not in voided
        )

    def has_counter(self, service: str) -> bool:
        return any(service in ranks for ranks in self.ranks.values())

    def availability(self, service: str, voided: list[Ticket] | None = None) -> str:
        """Why the service cannot issue now ("open" when it can); the hours always allow."""
        if service == "KTP" and self.counts_against_quota(service, voided or []) >= QUOTA:
            return "quota_reached"
        if not self.has_counter(service):
            return "no_counter"
        return "open"

    def waiting_people(self, service: str, priority: Priority) -> int:
        return sum(
            1
            for t in self.tickets.values()
            if t.service == service
            and t.status is S.WAITING
            and (priority is Priority.REGULAR or t.priority is not Priority.REGULAR)
        )

    def refusals_to_call(self, counter: int) -> set[str]:
        reasons = set()
        if self.states[counter] is CounterState.BREAK:
            reasons.add("counter_on_break")
        if self.states[counter] is CounterState.CLOSED:
            reasons.add("counter_closed")
        if self.held(counter) is not None:
            reasons.add("counter_busy")
        return reasons


# --- the state machine -------------------------------------------------------------------

COUNTER_ACTIONS = (
    "call_next",
    "call_ticket",
    "recall",
    "start",
    "finish",
    "no_show",
    "transfer",
    "park",
    "resume",
)
# What an officer usually does next, by what the counter holds (an open counter only),
# with a few slips that must be refused (no-show or start once serving has started).
USUAL_ACTIONS = {
    None: ("call_next", "call_next", "call_next", "call_ticket"),
    TicketStatus.CALLED: ("start", "start", "recall", "no_show", "finish", "transfer", "park"),
    TicketStatus.SERVING: ("finish", "finish", "finish", "transfer", "park", "no_show", "start"),
}
ACTORS = ("kiosk",) * 3 + ("counter_works",) * 5 + ("hall_life",) * 2  # weights 3 : 5 : 2
REFUSED = object()
halls = itertools.count(1)
request_ids = itertools.count(1)


class LifeCycle(RuleBasedStateMachine):
    """Core and the model side by side; ``db`` is set per engine by the test."""

    db: Database

    def __init__(self) -> None:
        super().__init__()
        self.model = Model(START)
        clock.set_clock(lambda: self.model.now)
        code = f"model-{os.getpid()}-{next(halls)}"
        store.import_spec(self.db, store.parse(MODEL_HALL.format(code=code, quota=QUOTA)))
        self.hall = HallService.open(self.db, code)
        self.last_id = 0
        self.changed = True  # whether the last step changed anything (else fewer checks)

    @initialize(
        first=st.lists(
            st.tuples(
                st.sampled_from(SERVICES[:3]),
                st.sampled_from(Priority),
                st.sampled_from((False, False, True)),
            ),
            min_size=1,
            max_size=8,
        )
    )
    def open_the_hall(self, first: list[tuple[str, Priority, bool]]) -> None:
        """Counters open and a few tickets already issued: something to call from the start."""
        for counter in COUNTERS:
            self.hall.set_counter_state(counter, CounterState.OPEN)
        for service, priority, reserve in first:
            self.issue(service, priority, reserve, retry=False)

    # --- helpers ---------------------------------------------------------------------

    def attempt(
        self,
        reasons: set[str],
        action: Callable[..., Any],
        *,
        retry: bool = False,
        what: object = "",
    ) -> Any:
        """Run an action that the model refuses for ``reasons`` (allows when empty).

        With ``retry`` it carries a request id and is sent a second time, as a kiosk or
        counter does after a lost answer: the same result (or refusal), applied once.
        """
        options = {"request_id": f"req-{next(request_ids)}"} if retry else {}
        try:
            result = action(**options)
        except Refused as error:
            assert reasons, f"core refused ({error.code}: {error}) what the model allows {what}"
            assert error.code in reasons, f"core refused with {error.code}, model: {reasons}"
            if retry:
                with pytest.raises(Refused) as again:
                    action(**options)
                assert again.value.code == error.code
            return REFUSED
        assert not reasons, f"core did what the model refuses ({sorted(reasons)}) {what}"
        self.changed = True
        if retry:
            assert action(**options) == result, "a repeated request id must give the same result"
        return result

    def new_ticket(self, view: TicketView, **fields: Any) -> Ticket:
        assert view.id > self.last_id, "ticket ids grow in creation order"
        self.last_id = view.id
        ticket = Ticket(id=view.id, **fields)
        self.model.tickets[view.id] = ticket
        return ticket

    @staticmethod
    def pick(data: st.DataObject, preferred: list[Any], anything: list[Any], label: str) -> Any:
        """Mostly one of ``preferred`` (where the action can work), sometimes anything."""
        if preferred and data.draw(st.integers(0, 3), label=f"{label}: preferred") > 0:
            return data.draw(st.sampled_from(preferred), label=label)
        return data.draw(st.sampled_from(anything), label=label)

    def number_for(self, data: st.DataObject, *statuses: TicketStatus) -> str:
        """A ticket number, mostly of a ticket in ``statuses``; sometimes an unknown one."""
        tickets = self.model.tickets.values()
        preferred = sorted({t.number for t in tickets if t.status in statuses})
        known = sorted({t.number for t in tickets})
        return self.pick(data, preferred, [*known, "Z999"], "number")

    def ticket_for(self, data: st.DataObject, *statuses: TicketStatus) -> Ticket:
        tickets = self.model.tickets
        preferred = sorted(i for i, t in tickets.items() if t.status in statuses)
        return tickets[self.pick(data, preferred, sorted(tickets), "ticket")]

    # --- one step ----------------------------------------------------------------------

    @rule(data=st.data())
    def step(self, data: st.DataObject) -> None:
        """Someone acts: a kiosk, a counter, or the hall (clock, supervisor, end of day).

        One rule with weighted actors rather than a rule per action: Hypothesis leaves
        random rules out of each example ("swarm testing"), which here mostly produced
        examples where nobody calls and every counter action is refused.
        """
        actor = data.draw(st.sampled_from(ACTORS), "actor")
        self.changed = False
        getattr(self, actor)(data)

    # --- kiosk -----------------------------------------------------------------------

    def kiosk(self, data: st.DataObject) -> None:
        """A ticket issued, a print confirmed or failed, or the two-minute print sweep."""
        actions = ("issue", "issue", "issue", "confirm_printed", "print_failed", "sweep")
        action = data.draw(st.sampled_from(actions), "kiosk action")
        if action != "issue":
            getattr(self, action)(data)
            return
        self.issue(
            data.draw(st.sampled_from(("KTP", "KK", "SKCK", "KK", "SKCK", "PASPOR")), "service"),
            data.draw(st.sampled_from(Priority), "priority"),
            data.draw(st.sampled_from((False, False, True)), "reserve for print"),
            data.draw(st.booleans(), "retry"),
        )

    def issue(self, service: str, priority: Priority, reserve: bool, retry: bool) -> None:
        model = self.model
        stale = model.stale_prints()  # voided by the issue, unless it is refused
        reason = model.availability(service, stale)
        ahead = model.waiting_people(service, priority)
        issued = self.attempt(
            set() if reason == "open" else {f"unavailable_{reason}"},
            lambda **o: self.hall.issue(
                service, priority, kiosk="kiosk-1", reserve_for_print=reserve, **o
            ),
            retry=retry,
        )
        if issued is REFUSED:
            return
        for ticket in stale:
            ticket.status, ticket.voided_by = S.VOID, "timeout"
        prefix = PREFIX[service]
        seq = model.last_seq.get(prefix, 0) + 1
        model.last_seq[prefix] = seq
        view = issued.ticket
        assert (view.number, view.hop, view.service_code, view.priority) == (
            f"{prefix}{seq:03d}",
            0,
            service,
            priority,
        )
        assert view.status is (S.PRINTING if reserve else S.WAITING)
        assert issued.people_ahead == ahead
        assert issued.counters == tuple(
            sorted(n for n, ranks in model.ranks.items() if ranks.get(service) == 1)
        )
        self.new_ticket(
            view,
            number=view.number,
            hop=0,
            service=service,
            priority=priority,
            status=view.status,
            queue_pos=queue_pos(model.now),
            issued_at=model.now,
            printed=not reserve,
        )

    def confirm_printed(self, data: st.DataObject) -> None:
        ticket = self.ticket_for(data, S.PRINTING, S.VOID)  # void: maybe a late confirmation
        confirmed = ticket.printed  # a repeated confirmation changes nothing
        # A print confirmed after the timeout voided it: the citizen holds the paper, the
        # ticket joins the queue after all (at its first place: issued_at is unchanged).
        late = ticket.status is S.VOID and ticket.voided_by == "timeout"
        allowed = confirmed or late or ticket.status is S.PRINTING
        self.attempt(
            set() if allowed else {"ticket_not_printing"},
            lambda: self.hall.confirm_printed(ticket.id),
            what=ticket,
        )
        if allowed and not confirmed:
            ticket.status, ticket.printed = S.WAITING, True

    def print_failed(self, data: st.DataObject) -> None:
        ticket = self.ticket_for(data, S.PRINTING)
        allowed = ticket.status in (S.PRINTING, S.VOID)
        self.attempt(
            set() if allowed else {"ticket_not_printing"},
            lambda: self.hall.print_failed(ticket.id, "kertas habis"),
            what=ticket,
        )
        if allowed and ticket.status is S.PRINTING:
            ticket.status, ticket.voided_by = S.VOID, "failure"

    def sweep(self, data: st.DataObject) -> None:
        stale = self.model.stale_prints()
        assert self.hall.sweep_prints() == len(stale)
        self.changed = True
        for ticket in stale:
            ticket.status, ticket.voided_by = S.VOID, "timeout"

    # --- counter ---------------------------------------------------------------------

    def counter_works(self, data: st.DataObject) -> None:
        """One action at a counter: mostly what an officer would do next there, sometimes
        anything at all (to be refused or not); ``retry`` sends it twice with one request id.
        """
        counter = data.draw(st.sampled_from(COUNTERS), "counter")
        retry = data.draw(st.booleans(), "retry")
        held = self.model.held(counter)
        usual: tuple[str, ...] = ()
        if self.model.states[counter] is CounterState.OPEN:
            usual = USUAL_ACTIONS[held.status if held else None]
            parked_at = [t.counter for t in self.model.tickets.values() if t.status is S.PARKED]
            if held is None and parked_at:  # mostly its own; another counter's is refused
                usual += ("resume", "resume") if counter in parked_at else ("resume",)
        action = self.pick(data, list(usual), list(COUNTER_ACTIONS), "action")
        getattr(self, action)(counter, data, retry)

    def call_next(self, counter: int, data: st.DataObject, retry: bool) -> None:
        model = self.model
        reasons = model.refusals_to_call(counter)
        queue = model.queue(counter)
        called = self.attempt(reasons, lambda **o: self.hall.call_next(counter, **o), retry=retry)
        if called is REFUSED:
            return
        if not queue:
            assert called is None, f"nothing waits for loket {counter}, core called {called}"
            return
        expected = queue[0]
        assert called is not None and called.id == expected.id, (
            f"loket {counter} should call {expected.number} (id {expected.id}),"
            f" core called {called and called.number} (id {called and called.id})"
        )
        expected.status, expected.counter, expected.called_at = S.CALLED, counter, model.now

    def call_ticket(self, counter: int, data: st.DataObject, retry: bool) -> None:
        model = self.model
        number = self.number_for(data, S.WAITING)
        ticket = model.latest(number)
        reasons = model.refusals_to_call(counter)
        if ticket is None:
            reasons.add("ticket_unknown")
        else:
            if ticket.service not in model.ranks[counter]:
                reasons.add("service_not_assigned")
            if ticket.status is not S.WAITING:
                reasons.add("ticket_not_waiting")
        called = self.attempt(
            reasons, lambda **o: self.hall.call_ticket(counter, number, **o), retry=retry
        )
        if called is REFUSED:
            return
        assert ticket is not None and called.id == ticket.id
        ticket.status, ticket.counter, ticket.called_at = S.CALLED, counter, model.now

    def held_or(self, counter: int, *, status: TicketStatus | None, code: str) -> set[str]:
        """Refusals for an action on the counter's open ticket (in ``status`` if given)."""
        held = self.model.held(counter)
        if held is None:
            return {"no_open_ticket"}
        if status is not None and held.status is not status:
            return {code}
        return set()

    def on_held(
        self,
        counter: int,
        reasons: set[str],
        action: Callable[..., TicketView],
        retry: bool,
    ) -> Ticket | None:
        """Run an action on the counter's open ticket; the model's ticket when it worked."""
        held = self.model.held(counter)
        result = self.attempt(reasons, action, retry=retry)
        if result is REFUSED:
            return None
        assert held is not None and result.id == held.id
        return held

    def recall(self, counter: int, data: st.DataObject, retry: bool) -> None:
        reasons = self.held_or(counter, status=S.CALLED, code="ticket_not_called")
        held = self.on_held(counter, reasons, lambda **o: self.hall.recall(counter, **o), retry)
        if held is not None:
            held.recall_count += 1
            held.called_at = self.model.now

    def start(self, counter: int, data: st.DataObject, retry: bool) -> None:
        reasons = self.held_or(counter, status=S.CALLED, code="ticket_not_called")
        held = self.on_held(counter, reasons, lambda **o: self.hall.start(counter, **o), retry)
        if held is not None:
            held.status = S.SERVING

    def finish(self, counter: int, data: st.DataObject, retry: bool) -> None:
        held = self.model.held(counter)
        number = None
        if self.model.tickets and data.draw(st.integers(0, 3), label="with number") == 0:
            number = self.number_for(data, S.CALLED, S.SERVING)
        if number is not None and (held is None or held.number != number):
            reasons = {"ticket_not_here"}
        else:
            reasons = self.held_or(counter, status=None, code="")
        finish = lambda **o: self.hall.finish(counter, number, **o)  # noqa: E731
        if self.on_held(counter, reasons, finish, retry) is not None:
            assert held is not None
            held.status = S.DONE

    def no_show(self, counter: int, data: st.DataObject, retry: bool) -> None:
        reasons = self.held_or(counter, status=S.CALLED, code="no_show_after_start")
        held = self.model.held(counter)
        if not reasons and held is not None and held.called_at is not None:
            recalled = held.recall_count >= NO_SHOW_RECALLS
            if not recalled and self.model.now < held.called_at + NO_SHOW_AFTER:
                reasons = {"no_show_too_soon_both"}
        held = self.on_held(counter, reasons, lambda **o: self.hall.no_show(counter, **o), retry)
        if held is not None:
            held.status = S.NO_SHOW

    def transfer(self, counter: int, data: st.DataObject, retry: bool) -> None:
        service = data.draw(st.sampled_from(SERVICES), label="to service")
        position = data.draw(st.sampled_from(TransferPosition), label="position")
        model = self.model
        held = model.held(counter)
        reasons = self.held_or(counter, status=None, code="")
        if held is not None and held.service == service:
            reasons.add("transfer_same_service")
        pos = queue_pos(model.now)
        if position is TransferPosition.FRONT:
            waiting = [
                t.queue_pos
                for t in model.tickets.values()
                if t.service == service and t.status is S.WAITING
            ]
            if waiting:
                pos = min(min(waiting) - 1, pos)
        moved = self.attempt(
            reasons,
            lambda **o: self.hall.transfer(counter, service, position, "catatan", **o),
            retry=retry,
        )
        if moved is REFUSED:
            return
        assert held is not None
        assert (moved.number, moved.hop, moved.service_code, moved.status) == (
            held.number,
            held.hop + 1,
            service,
            S.WAITING,
        )
        assert moved.transferred_from_id == held.id
        held.status = S.TRANSFERRED
        self.new_ticket(
            moved,
            number=held.number,
            hop=held.hop + 1,
            service=service,
            priority=held.priority,
            status=S.WAITING,
            queue_pos=pos,
            issued_at=model.now,
            printed=held.printed,
            transferred_from=held.id,
        )

    def park(self, counter: int, data: st.DataObject, retry: bool) -> None:
        reasons = self.held_or(counter, status=None, code="")
        park = lambda **o: self.hall.park(counter, "ambil berkas", **o)  # noqa: E731
        held = self.on_held(counter, reasons, park, retry)
        if held is not None:
            held.status = S.PARKED
        self.check_parked(counter)

    def resume(self, counter: int, data: st.DataObject, retry: bool) -> None:
        model = self.model
        parked = [t for t in model.tickets.values() if t.status is S.PARKED]
        here = sorted(t.number for t in parked if t.counter == counter)
        elsewhere = sorted(t.number for t in parked if t.counter != counter)
        known = sorted({t.number for t in model.tickets.values()})
        number = self.pick(data, here or elsewhere, [*known, "Z999"], "number")
        ticket = model.latest(number)
        reasons = model.refusals_to_call(counter)
        if ticket is None:
            reasons.add("ticket_unknown")
        elif ticket.status is not S.PARKED or ticket.counter != counter:
            reasons.add("ticket_not_parked_here")
        resumed = self.attempt(
            reasons, lambda **o: self.hall.resume(counter, number, **o), retry=retry
        )
        if resumed is not REFUSED:
            assert ticket is not None and resumed.id == ticket.id
            ticket.status, ticket.called_at = S.CALLED, model.now
        self.check_parked(counter)

    def check_parked(self, counter: int) -> None:
        parked = [t.id for t in self.hall.parked_tickets(counter)]
        assert parked == sorted(
            t.id
            for t in self.model.tickets.values()
            if t.status is S.PARKED and t.counter == counter
        )

    def set_counter_state(self, counter: int, state: CounterState) -> None:
        busy = state is not CounterState.OPEN and self.model.held(counter) is not None
        result = self.attempt(
            {"counter_busy"} if busy else set(),
            lambda: self.hall.set_counter_state(counter, state),
        )
        if result is not REFUSED:
            assert result is state
            self.model.states[counter] = state

    def set_assignments(self, counter: int, ranks: dict[str, int]) -> None:
        assert self.hall.set_assignments(counter, ranks) == ranks
        self.changed = True
        self.model.ranks[counter] = dict(ranks)

    # --- time ------------------------------------------------------------------------

    def hall_life(self, data: st.DataObject) -> None:
        """Time passes (prints go stale after two minutes); a counter opens, goes on break
        or closes; a counter's services change; rarely, the day ends."""
        actions = ("clock", "clock", "clock", "state", "state", "assignments", "day_end")
        action = data.draw(st.sampled_from(actions), "hall")
        if action == "clock":
            seconds = data.draw(st.sampled_from((0, 1, 5, 30, 59, 60, 61, 120, 121)), "seconds")
            self.model.now += timedelta(seconds=seconds)
        elif action == "state":
            state = data.draw(st.sampled_from(list(CounterState) + [CounterState.OPEN]), "state")
            self.set_counter_state(data.draw(st.sampled_from(COUNTERS), "counter"), state)
        elif action == "assignments":
            ranks = st.dictionaries(st.sampled_from(SERVICES), st.integers(1, 3), max_size=3)
            counter = data.draw(st.sampled_from(COUNTERS), "counter")
            self.set_assignments(counter, data.draw(ranks, "ranks"))
        elif len(self.model.tickets) >= 8 and data.draw(st.booleans(), "day ends"):
            self.end_of_day()

    def end_of_day(self) -> None:
        closed = self.hall.end_of_day()
        self.changed = True
        expired = [t for t in self.model.tickets.values() if t.status in (S.WAITING, S.PARKED)]
        voided = [t for t in self.model.tickets.values() if t.status is S.PRINTING]
        assert (closed.expired, closed.voided) == (len(expired), len(voided))
        for ticket in expired:
            ticket.status = S.EXPIRED
        for ticket in voided:
            ticket.status, ticket.voided_by = S.VOID, "day end"

    # --- what must always hold ---------------------------------------------------------

    @invariant()
    def tickets_agree(self) -> None:
        core = [
            (
                t.id,
                t.number,
                t.hop,
                t.service_code,
                t.priority,
                t.status,
                t.counter_number,
                t.recall_count,
                t.transferred_from_id,
            )
            for t in self.hall.tickets_today()
        ]
        model = [
            (
                t.id,
                t.number,
                t.hop,
                t.service,
                t.priority,
                t.status,
                t.counter,
                t.recall_count,
                t.transferred_from,
            )
            for t in sorted(self.model.tickets.values(), key=lambda t: t.id)
        ]
        assert core == model

    @invariant()
    def queues_agree(self) -> None:
        if not self.changed:
            return  # refused, or only the clock moved: tickets_agree showed nothing changed
        for counter in COUNTERS:
            waiting = [t.id for t in self.hall.waiting_tickets(counter)]
            assert waiting == [t.id for t in self.model.queue(counter)], f"loket {counter}"

    @invariant()
    def snapshot_agrees(self) -> None:
        if not self.changed:
            return
        model = self.model
        snap = self.hall.snapshot()
        for queue in snap.services:
            waiting = [t for t in model.tickets.values() if t.service == queue.code]
            waiting = [t for t in waiting if t.status is S.WAITING]
            assert queue.waiting == len(waiting), queue.code
            assert queue.priority_waiting == sum(
                t.priority is not Priority.REGULAR for t in waiting
            )
            assert queue.oldest_issued_at == min((t.issued_at for t in waiting), default=None)
            assert queue.availability.reason.value == model.availability(queue.code), queue.code
        assert [c.number for c in snap.counters] == list(COUNTERS)
        for view in snap.counters:
            held = model.held(view.number)
            assert view.state is model.states[view.number]
            assert (view.current.id if view.current else None) == (held.id if held else None)
            assert dict(view.services) == model.ranks[view.number]


# --- running it --------------------------------------------------------------------------

CI = os.environ.get("CI") == "true" or os.environ.get("ANTRE_REQUIRE_PG") == "1"


def _run(db: Database, examples: int, steps: int) -> None:
    machine = type("LifeCycleOn" + db.dialect.title(), (LifeCycle,), {"db": db})
    try:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=examples,
                stateful_step_count=steps,
                deadline=None,
                derandomize=CI,  # the same examples on every CI run; fresh ones locally
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        clock.set_clock(None)


@pytest.fixture
def model_db(db_url: str) -> Iterator[Database]:
    database = schema.connect(db_url, auto_upgrade=False)
    yield database
    database.dispose()


@pytest.mark.timeout(900)  # a failure shrinks for up to 5 minutes before it is reported
def test_ticket_life_cycle_follows_the_model(model_db: Database) -> None:
    """About 1200 steps on SQLite and 450 on PostgreSQL (up to 30 steps an example)."""
    if model_db.is_sqlite:
        _run(model_db, examples=40, steps=30)
    else:
        _run(model_db, examples=15, steps=30)
