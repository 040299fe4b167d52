"""Everything the workstation shows about its counter, read in one go off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core import clock
from core.domain.enums import CounterState
from core.domain.no_show import NoShowRule
from core.hall import HallService
from core.views import CounterFigures, CounterView, ServiceInfo, TicketView


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
class CounterReading:
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
    def no_show_rule(self) -> NoShowRule:
        return NoShowRule.from_settings(self.settings)

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
    previous: CounterReading | None = None,
) -> CounterReading:
    """Read the counter, its queue and today's figures (and the hall settings when asked)."""
    fresh_config = with_config or previous is None
    view = hall.workstation(counter, officer_id, with_config=fresh_config)
    if view.settings is not None and view.services is not None:
        settings, services = view.settings, view.services
    elif previous is not None:
        settings, services = previous.settings, previous.services
    names = {s.code: s.name for s in services}
    return CounterReading(
        at=clock.now(),
        counter=view.counter,
        waiting=view.waiting,
        parked=view.parked,
        lines=service_lines(view.counter.services, list(view.waiting), names),
        counter_figures=view.counter_figures,
        officer_figures=view.officer_figures,
        settings=settings,
        services=services,
        cursor=view.last_event_id if with_cursor else None,
    )
