"""Everything the workstation shows about its counter, read in one go off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core import clock
from core.domain.enums import CounterState
from core.feed import EventFeed
from core.service import HallService
from core.views import CounterFigures, CounterView, ServiceInfo, TicketView
from counter.hall_queries import counter_view


@dataclass(frozen=True)
class ServiceLine:
    """One of the counter's services in the waiting list."""

    code: str
    name: str
    rank: int
    waiting: int
    priority_waiting: int
    oldest_issued_at: datetime | None


@dataclass(frozen=True)
class CounterSnapshot:
    at: datetime
    counter: CounterView
    waiting: tuple[TicketView, ...]
    parked: tuple[TicketView, ...]
    lines: tuple[ServiceLine, ...]
    counter_figures: CounterFigures
    officer_figures: CounterFigures
    settings: dict[str, Any] = field(default_factory=dict)
    services: tuple[ServiceInfo, ...] = ()  # for the transfer dialog
    cursor: int | None = None  # the feed cursor read before everything else (first load)

    @property
    def state(self) -> CounterState:
        return self.counter.state

    @property
    def current(self) -> TicketView | None:
        return self.counter.current

    @property
    def auto_finish_on_call(self) -> bool:
        return bool(self.settings.get("auto_finish_on_call", False))


def service_lines(
    assignments: tuple[tuple[str, int], ...],
    waiting: list[TicketView],
    names: dict[str, str],
) -> tuple[ServiceLine, ...]:
    lines = []
    for code, rank in assignments:
        mine = [t for t in waiting if t.service_code == code]
        lines.append(
            ServiceLine(
                code=code,
                name=names.get(code, code),
                rank=rank,
                waiting=len(mine),
                priority_waiting=sum(1 for t in mine if t.priority.is_priority),
                oldest_issued_at=min((t.issued_at for t in mine), default=None),
            )
        )
    return tuple(lines)


def load(
    hall: HallService,
    counter: int,
    officer_id: int | None,
    *,
    with_config: bool = False,
    with_cursor: bool = False,
    previous: CounterSnapshot | None = None,
) -> CounterSnapshot:
    """Read the counter, its queue and today's figures (and the hall settings when asked)."""
    cursor = EventFeed(hall.db, hall.hall.id).latest_id() if with_cursor else None
    view = counter_view(hall, counter)
    waiting = hall.waiting_tickets(counter)
    parked = hall.parked_tickets(counter)
    figures = hall.counter_figures(counter)
    mine = hall.counter_figures(counter, officer_id) if officer_id is not None else figures
    if with_config or previous is None:
        settings = hall.settings()
        services = tuple(hall.services())
    else:
        settings, services = previous.settings, previous.services
    names = {s.code: s.name for s in services}
    return CounterSnapshot(
        at=clock.now(),
        counter=view,
        waiting=tuple(waiting),
        parked=tuple(parked),
        lines=service_lines(view.services, waiting, names),
        counter_figures=figures,
        officer_figures=mine,
        settings=settings,
        services=services,
        cursor=cursor,
    )
