"""The statements a counter's busiest work runs on, built once at import (see ``Tx.run``).

Building a statement costs more Python time than SQLite takes to run it, so the hot paths
of core.services.calling (lock the counter, call the next ticket, change the held ticket)
bind their values as parameters: ``hall``, ``number``, ``counter``, ``day``, ``by_officer``,
``officer``, ``held_number`` and ``at``. Which change may happen when is decided by
core.domain.ticket_rules; the WHERE clauses here say the same, so that one statement both
checks and writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal_column,
    select,
    true,
    update,
)

from core.db import models as m
from core.domain.enums import Priority, TicketStatus
from core.domain.ticket_rules import STEP_FROM, Action
from core.services.lookup import VIEW_COLUMNS

_T = m.Ticket.__table__.c
_AT = bindparam("at", type_=m.Ticket.called_at.type)
_HELD_NUMBER = bindparam("held_number", type_=m.Ticket.number.type)

# --- the counter -----------------------------------------------------------------------

# Two actions at one counter run one at a time (PostgreSQL locks the row; SQLite's
# BEGIN IMMEDIATE already runs writers one at a time and renders no FOR UPDATE).
COUNTER_LOCKED = (
    select(
        m.Counter.id,
        m.Counter.number,
        m.Counter.name,
        m.Counter.state,
        m.Counter.active,
        m.Counter.officer_id,
        m.Officer.username,
    )
    .outerjoin(m.Officer, m.Officer.id == m.Counter.officer_id)
    .where(m.Counter.hall_id == bindparam("hall"), m.Counter.number == bindparam("number"))
    .with_for_update(of=m.Counter)
)
OPEN_TICKET_AT = select(m.Ticket.id).where(
    m.Ticket.counter_id == bindparam("counter"), m.TICKET_IS_OPEN
)
HELD_CALL = select(m.Ticket.number, m.Ticket.called_at, m.Ticket.recall_count).where(
    m.Ticket.counter_id == bindparam("counter"), m.ticket_status_in("called")
)
USERNAME = select(m.Officer.username).where(m.Officer.id == bindparam("officer"))

# --- the next ticket -------------------------------------------------------------------

_QUEUED = m.Ticket.__table__.alias("queued")  # tickets looked at inside the claiming UPDATE
_HELD = m.Ticket.__table__.alias("held")
# The next ticket for a counter: its rank-1 services first, then priority, then first come.
# On PostgreSQL other counters skip a ticket being claimed instead of waiting for it.
_NEXT_TICKET_ID = (
    select(_QUEUED.c.id)
    .join(
        m.Assignment,
        (m.Assignment.service_id == _QUEUED.c.service_id)
        & (m.Assignment.counter_id == bindparam("counter")),
    )
    .where(
        m.ticket_status_in("waiting", table=_QUEUED.name),
        _QUEUED.c.hall_id == bindparam("hall"),
        _QUEUED.c.business_date == bindparam("day"),
    )
    .order_by(
        m.Assignment.rank,
        case((_QUEUED.c.priority == Priority.REGULAR, 1), else_=0),
        _QUEUED.c.queue_pos,
        _QUEUED.c.id,
    )
    .limit(1)
    .with_for_update(of=_QUEUED, skip_locked=True)
    .scalar_subquery()
)
# PostgreSQL first looks at the heads of the counter's queues: the first few waiting
# tickets of each assigned service, read in call order from ix_tickets_queue, so a claim
# costs the same with 30 or 3,000 waiting. Only when every head is being claimed by other
# counters (COALESCE then goes on) does it sort the whole queue as SQLite does.
HEADS_PER_SERVICE = 16
_HEAD = m.Ticket.__table__.alias("head")
_PICKED = m.Ticket.__table__.alias("picked")
_HEAD_PRIORITY_FIRST: Any = literal_column(
    "(CASE WHEN head.priority = 'regular' THEN 1 ELSE 0 END)"
)
_HEADS = (
    select(_HEAD.c.id)
    .where(
        _HEAD.c.service_id == m.Assignment.service_id,
        _HEAD.c.business_date == bindparam("day"),
        m.ticket_status_in("waiting", table=_HEAD.name),
    )
    .order_by(_HEAD_PRIORITY_FIRST, _HEAD.c.queue_pos, _HEAD.c.id)
    .limit(HEADS_PER_SERVICE)
    .lateral("heads")
)
# The heads' ids come first, as one array (an InitPlan), and the tickets are then looked
# up by primary key: joined instead, the planner may start from the waiting tickets.
_HEAD_IDS = (
    select(func.array_agg(_HEADS.c.id))
    .select_from(m.Assignment)
    .join(_HEADS, true())
    .where(m.Assignment.counter_id == bindparam("counter"))
    .scalar_subquery()
)
_RANK_AT_COUNTER = (
    select(m.Assignment.rank)
    .where(
        m.Assignment.counter_id == bindparam("counter"),
        m.Assignment.service_id == _PICKED.c.service_id,
    )
    .scalar_subquery()
)
_NEXT_OF_THE_HEADS = (
    select(_PICKED.c.id)
    .where(
        _PICKED.c.id == func.any(cast(_HEAD_IDS, ARRAY(BigInteger))),  # an array, not rows
        # Checked again once the row is locked. Written so that it does not match the
        # partial index's condition: the planner must look the heads up by primary key.
        func.coalesce(_PICKED.c.status, "") == TicketStatus.WAITING.value,
    )
    .order_by(
        _RANK_AT_COUNTER,
        literal_column("(CASE WHEN picked.priority = 'regular' THEN 1 ELSE 0 END)"),
        _PICKED.c.queue_pos,
        _PICKED.c.id,
    )
    .limit(1)
    .with_for_update(of=_PICKED, skip_locked=True)
    .scalar_subquery()
)


def _claim_next(next_ticket_id: Any) -> Any:
    """Pick and claim in one statement, which returns everything the view needs.

    It claims nothing while the counter still holds a ticket: the statement runs after the
    counter's lock was granted, so it sees the previous call at this counter."""
    return (
        update(m.Ticket)
        .where(
            _T.id == next_ticket_id,  # locked by the subquery, after it checked it still waits
            ~exists().where(
                _HELD.c.counter_id == bindparam("counter"),
                m.ticket_status_in("called", "serving", table=_HELD.name),
            ),
        )
        .values(
            status=TicketStatus.CALLED,
            counter_id=bindparam("counter"),
            officer_id=bindparam("by_officer"),
            called_at=_AT,
            first_called_at=func.coalesce(_T.first_called_at, _AT),
        )
        .returning(*VIEW_COLUMNS)
    )


CLAIM_NEXT = _claim_next(_NEXT_TICKET_ID)
CLAIM_NEXT_PG = _claim_next(func.coalesce(_NEXT_OF_THE_HEADS, _NEXT_TICKET_ID))

# --- the held ticket -------------------------------------------------------------------


def _change_held(action: Action, **values: Any) -> Any:
    """One step of the ticket a counter holds (``held_number``: None, or the one named),
    from the statuses the rules allow it from, returning what the view needs."""
    return (
        update(m.Ticket)
        .where(
            _T.counter_id == bindparam("counter"),
            m.ticket_status_in(*(status.value for status in STEP_FROM[action])),
            (_HELD_NUMBER.is_(None)) | (_T.number == _HELD_NUMBER),
        )
        .values(**values)
        .returning(*VIEW_COLUMNS)
    )


CHANGE_HELD = {
    Action.RECALL: _change_held(Action.RECALL, recall_count=_T.recall_count + 1, called_at=_AT),
    Action.START: _change_held(Action.START, status=TicketStatus.SERVING, started_at=_AT),
    Action.FINISH: _change_held(Action.FINISH, status=TicketStatus.DONE, finished_at=_AT),
    Action.NO_SHOW: _change_held(Action.NO_SHOW, status=TicketStatus.NO_SHOW, finished_at=_AT),
}
