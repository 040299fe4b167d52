"""Which loket serve a service now: the rule behind the kiosk's "Dilayani di" and the ticket.

A loket serves a service when it is active, assigned to the service (at any rank: a helper
calls its tickets once its own rank-1 queues are empty) and open; a loket on break or closed
calls no one. When none is open, the loket assigned at rank 1 are where the ticket will be
served once they open. The snapshot applies the rule to its counter views; issuing applies it
to the service's assignments read in the same statement as the rest (``ASSIGNMENTS``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, cast, func, select

from core.db import models as m
from core.domain.enums import CounterState
from core.views import CounterView, ServingCounters

Assigned = tuple[int, CounterState, int]  # (counter number, its state, its rank for the service)


def serving_counters(assigned: Iterable[Assigned]) -> ServingCounters:
    """The rule: open loket at any rank, and the rank-1 loket (any rank if there is none)."""
    rows = sorted(assigned)
    open_now = tuple(number for number, state, _rank in rows if state is CounterState.OPEN)
    main = tuple(number for number, _state, rank in rows if rank == 1)
    return ServingCounters(open_now, main or tuple(number for number, _s, _r in rows))


def by_service(counters: Iterable[CounterView]) -> dict[str, ServingCounters]:
    """Every service's serving loket, from the snapshot's (active) counter views."""
    assigned: dict[str, list[Assigned]] = defaultdict(list)
    for counter in counters:
        for code, rank in counter.services:
            assigned[code].append((counter.number, counter.state, rank))
    return {code: serving_counters(rows) for code, rows in assigned.items()}


def assignments_of(service_id: Any) -> Any:
    """A scalar subquery: the service's active counters as "number:state:rank,…" text."""
    entry = (
        cast(m.Counter.number, String)
        + ":"
        + cast(m.Counter.state, String)
        + ":"
        + cast(m.Assignment.rank, String)
    )
    return (
        select(func.aggregate_strings(entry, ","))
        .select_from(m.Assignment)
        .join(m.Counter, m.Counter.id == m.Assignment.counter_id)
        .where(m.Assignment.service_id == service_id, m.Counter.active.is_(True))
        .scalar_subquery()
    )


def from_text(text: str | None) -> ServingCounters:
    """The rule applied to ``assignments_of``'s text."""
    rows: list[Assigned] = []
    for entry in (text or "").split(","):
        if entry:
            number, state, rank = entry.split(":")
            rows.append((int(number), CounterState(state), int(rank)))
    return serving_counters(rows)
