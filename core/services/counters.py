"""Counter state (open, break, closed) and which services each counter calls."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import CounterState
from core.domain.ticket_rules import state_change_refusal
from core.errors import ConfigError
from core.events import AssignmentsPayload, CounterStatePayload, EventKind
from core.services.lookup import counter_row, open_ticket_at, service_row
from core.views import HallRef


def set_state(
    tx: Tx, hall: HallRef, counter_number: int, state: CounterState, officer_id: int | None
) -> CounterState:
    counter = counter_row(tx, hall, counter_number, lock=True)
    if state is not CounterState.OPEN:
        refusal = state_change_refusal(state, open_ticket_at(tx, counter.id), counter.name)
        if refusal is not None:
            raise refusal
    if counter.state is state and (officer_id is None or counter.officer_id == officer_id):
        return state
    counter.state = state
    if state is CounterState.OPEN and officer_id is not None:
        counter.officer_id = officer_id
    if state is CounterState.CLOSED:
        counter.officer_id = None
    officer = tx.session.get(m.Officer, counter.officer_id) if counter.officer_id else None
    tx.emit(
        hall.id,
        EventKind.COUNTER_STATE,
        CounterStatePayload(
            counter=counter.number,
            counter_name=counter.name,
            zone=counter.zone,
            state=state,
            officer=officer.username if officer else None,
        ),
    )
    return state


def set_assignments(
    tx: Tx, hall: HallRef, counter_number: int, ranks: Mapping[str, int]
) -> dict[str, int]:
    """Replace the services a counter calls: {service code: rank (1 main, 2 helper)}."""
    counter = counter_row(tx, hall, counter_number, lock=True)
    resolved: dict[int, int] = {}
    codes: dict[str, int] = {}
    for code, rank in ranks.items():
        if rank not in (1, 2, 3):
            raise ConfigError("bad_rank", service=code, rank=rank)
        service = service_row(tx, hall, code)
        resolved[service.id] = rank
        codes[service.code] = rank
    tx.session.execute(delete(m.Assignment).where(m.Assignment.counter_id == counter.id))
    tx.session.add_all(
        m.Assignment(counter_id=counter.id, service_id=sid, rank=rank)
        for sid, rank in resolved.items()
    )
    tx.emit(hall.id, EventKind.ASSIGNMENTS_CHANGED, AssignmentsPayload(counter.number, codes))
    return codes


def assignments(tx: Tx, hall: HallRef, counter_number: int) -> dict[str, int]:
    counter = counter_row(tx, hall, counter_number)
    rows = tx.session.execute(
        select(m.Service.code, m.Assignment.rank)
        .join(m.Assignment, m.Assignment.service_id == m.Service.id)
        .where(m.Assignment.counter_id == counter.id)
        .order_by(m.Assignment.rank, m.Service.sort_order)
    )
    return {code: rank for code, rank in rows}
