"""End of day: nothing is left waiting overnight."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update

from core.db import models as m
from core.db.database import Tx
from core.domain.enums import TicketStatus
from core.events import DayEndedPayload, EventKind
from core.services.lookup import today
from core.views import HallRef


@dataclass(frozen=True)
class DayClosed:
    expired: int
    voided: int


def end_of_day(tx: Tx, hall: HallRef) -> DayClosed:
    """Expire waiting and parked tickets of today and earlier; void unconfirmed prints."""
    day = today(tx, hall)

    def move(statuses: list[TicketStatus], to: TicketStatus) -> int:
        result = tx.session.execute(
            update(m.Ticket)
            .where(
                m.Ticket.hall_id == hall.id,
                m.Ticket.business_date <= day,
                m.Ticket.status.in_(statuses),
            )
            .values(status=to, finished_at=tx.now)
            .returning(m.Ticket.id)
            .execution_options(synchronize_session=False)
        )
        return len(result.all())

    expired = move([TicketStatus.WAITING, TicketStatus.PARKED], TicketStatus.EXPIRED)
    voided = move([TicketStatus.PRINTING], TicketStatus.VOID)
    tx.emit(hall.id, EventKind.DAY_ENDED, DayEndedPayload(day, expired, voided))
    return DayClosed(expired, voided)
