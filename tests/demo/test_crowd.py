"""The demo's simulated crowd, run through the real core for simulated hours."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from core.db import models as m
from core.domain.enums import TicketStatus
from core.hall import HallService
from core.hallfile import store
from demo.crowd import Crowd
from tests.conftest import SAMPLE_HALL, ManualClock


def test_crowd_keeps_a_hall_busy_and_the_invariants_hold(db, fixed_clock: ManualClock) -> None:
    store.import_spec(db, store.load(SAMPLE_HALL))
    hall = HallService.open(db, "mpp-lampung-timur")
    crowd = Crowd(hall, counters=list(range(2, 16)), arrivals_per_hour=300, seed=7, now=fixed_clock)
    crowd.open_counters()
    for _ in range(2 * 90):  # 90 simulated minutes from 09:00 WIB, in 30-second steps
        crowd.step()
        fixed_clock.advance(seconds=30)
    stats = crowd.stats
    assert stats.issued > 300 and stats.finished > 50 and stats.called >= stats.finished
    # the simulated officers follow the hall's no-show rule (a recall, or two minutes first)
    assert stats.no_shows > 0
    assert not [code for code in stats.errors if code.startswith("no_show")], stats.errors
    tickets = hall.tickets_today()
    by_status = Counter(t.status for t in tickets if t.hop == 0)
    originals = [t for t in tickets if t.hop == 0]
    # numbers unique per prefix; the real officer's loket 1 was never touched
    assert len({t.number for t in originals}) == len(originals)
    assert all(t.counter_number != 1 for t in tickets)
    # each counter holds at most one open ticket
    open_at = Counter(
        t.counter_number for t in tickets if t.status in (TicketStatus.CALLED, TicketStatus.SERVING)
    )
    assert all(count == 1 for count in open_at.values())
    # issued = every original ticket in exactly one state (transfers continue as later hops)
    assert sum(by_status.values()) == stats.issued
    with db.engine.connect() as connection:
        events = connection.execute(select(func.count()).select_from(m.Event)).scalar()
    assert events > stats.issued + stats.called
