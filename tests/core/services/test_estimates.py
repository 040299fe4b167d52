"""The wait a new ticket is told: people ahead and minutes, from the latest finished tickets
(core.services.estimates, read by issue and the snapshot; both engines)."""

from __future__ import annotations

from sqlalchemy import select

from core.db import models as m
from core.domain.enums import Priority, TicketStatus
from core.hall import HallService
from core.services.estimates import MIN_SAMPLES, RECENT_SAMPLES, mean_minutes, wait_minutes
from tests.conftest import ManualClock


def test_people_ahead_and_estimate(hall: HallService) -> None:
    first = hall.issue("SKCK", reserve_for_print=False)
    second = hall.issue("SKCK", reserve_for_print=False)
    priority = hall.issue("SKCK", Priority.LANSIA, reserve_for_print=False)
    assert (first.people_ahead, second.people_ahead, priority.people_ahead) == (0, 1, 0)
    # SKCK: 20 typical minutes; open counters: loket 3 (rank 1) + loket 2 (rank 2, counts half)
    assert second.estimated_wait_minutes == 14  # ceil(1 * 20 / 1.5)
    assert first.counters == (3,)


def test_the_estimate_follows_the_latest_twenty_finished_tickets(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    for _ in range(26):
        hall.issue("SKCK", reserve_for_print=False)
    for minutes in [30] * 5 + [3] * 20:  # a slow start, then a quick pace
        hall.call_next(3)
        hall.start(3)
        fixed_clock.advance(minutes=minutes)
        hall.finish(3)
    skck = next(s for s in hall.snapshot().services if s.code == "SKCK")
    # One waiting; 3 minutes each over loket 3 + half of loket 2. All 25 would give 8.4 → 6.
    assert (skck.waiting, skck.estimated_wait_minutes) == (1, 2)
    fixed_clock.set("2026-11-23T10:00:00+07:00")
    issued = hall.issue("SKCK", reserve_for_print=False)
    assert (issued.people_ahead, issued.estimated_wait_minutes) == (1, 2)


def test_yesterdays_waiting_tickets_are_not_ahead_of_today(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    hall.issue("SKCK", reserve_for_print=False)  # never called, and no end of day was run
    fixed_clock.advance(days=1)
    assert hall.issue("SKCK", reserve_for_print=False).people_ahead == 0


# --- the wait estimate against its rule, computed from every ticket of the day ------------

# Counter 1 serves KTP and KK at rank 1, counter 2 KK at rank 1 and SKCK at rank 2, counter 3
# SKCK at rank 1: (rank-1 counters, open capacity) of each service, all three open.
STAFF = {"KTP": (1, 1.0), "KK": (2, 2.0), "SKCK": (1, 1.5)}
SERVED = {"KTP": 27, "KK": 8, "SKCK": 3}  # more than RECENT_SAMPLES, between, fewer than MIN
WAITING = {"KTP": 30, "KK": 10, "SKCK": 4}  # many ahead: a wait in minutes shows the mean's seconds
COUNTER = {"KTP": 1, "KK": 2, "SKCK": 3}


def serve_a_day(hall: HallService, clock: ManualClock, salt: int) -> None:
    """Every service of STAFF serves SERVED tickets one after another, each taking its own
    time; some are finished without being started, every seventh citizen does not come."""
    for code, count in SERVED.items():
        for k in range(count):
            hall.issue(code, reserve_for_print=False)
            hall.call_next(COUNTER[code])
            clock.advance(seconds=20)
            if k % 7 == 6:
                hall.recall(COUNTER[code])  # no-show is allowed after one recall
                hall.no_show(COUNTER[code])  # finished_at is set, but it is no service time
                continue
            if k % 5 != 4:
                hall.start(COUNTER[code])
            slow_start = 600 if k < 4 else 0  # the first four are not among the latest 20
            clock.advance(seconds=slow_start + 45 + 15 * ((k * 7 + salt) % 23) + k)
            hall.finish(COUNTER[code])


def rule_mean(hall: HallService, code: str, latest: int | None = RECENT_SAMPLES) -> float | None:
    """The mean minutes (finish − start, or − call) of the service's `latest` tickets
    finished today (all of them: None), or None before MIN_SAMPLES have finished."""
    day = hall.snapshot().business_date
    todays = hall.db.read(
        lambda tx: tx.session.execute(
            select(m.Ticket.id, m.Ticket.status, m.Ticket.called_at)
            .add_columns(m.Ticket.started_at, m.Ticket.finished_at)
            .join(m.Service, m.Service.id == m.Ticket.service_id)
            .where(m.Service.code == code, m.Ticket.business_date == day)
        ).all()
    )
    done = [t for t in todays if t.status is TicketStatus.DONE and t.finished_at is not None]
    done.sort(key=lambda t: (t.finished_at, t.id), reverse=True)
    minutes = [
        (t.finished_at - (t.started_at or t.called_at)).total_seconds() / 60
        for t in done[:latest]
        if t.started_at or t.called_at
    ]
    return sum(minutes) / len(minutes) if len(minutes) >= MIN_SAMPLES else None


def rule_wait(hall: HallService, code: str, ahead: int, typical: int) -> int | None:
    rank_one, capacity = STAFF[code]
    return wait_minutes(ahead, mean_minutes(rule_mean(hall, code), typical), rank_one, capacity)


def test_issue_and_snapshot_estimate_by_the_rule_of_the_latest_finished_tickets(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    """On a day after a day of service, the snapshot's and issue's waits are those of the
    rule, computed here from every ticket of the day (the same before and after the
    estimate read its tickets from ix_tickets_finished)."""
    fixed_clock.set("2026-11-23T08:00:00+07:00")
    serve_a_day(hall, fixed_clock, salt=11)  # Monday: other durations, not counted on Tuesday
    fixed_clock.set("2026-11-24T08:00:00+07:00")
    serve_a_day(hall, fixed_clock, salt=0)
    for code, count in WAITING.items():
        for _ in range(count):
            hall.issue(code, reserve_for_print=False)
    latest, every = rule_mean(hall, "KTP"), rule_mean(hall, "KTP", latest=None)
    assert latest is not None and every is not None and abs(latest - every) > 0.5
    assert rule_mean(hall, "SKCK") is None  # too few: the typical time
    typical = {"KTP": 10, "KK": 8, "SKCK": 20}
    waits = {s.code: s.estimated_wait_minutes for s in hall.snapshot().services}
    assert waits == waits | {c: rule_wait(hall, c, WAITING[c], typical[c]) for c in STAFF}
    for code in STAFF:
        issued = hall.issue(code, reserve_for_print=False)
        assert issued.people_ahead == WAITING[code]
        assert issued.estimated_wait_minutes == rule_wait(hall, code, WAITING[code], typical[code])
