"""A counter's work and the rules core enforces, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

from core.db import models as m
from core.domain.enums import CounterState, Priority, TicketStatus, TransferPosition
from core.errors import NotFound, Refused
from core.hall import HallService
from tests.conftest import ManualClock


def waiting(hall: HallService, *codes: str, priority: Priority = Priority.REGULAR) -> list[str]:
    return [hall.issue(code, priority, reserve_for_print=False).ticket.number for code in codes]


def test_call_order_rank_then_priority_then_first_come(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    # Loket 2: KK rank 1, SKCK rank 2.
    waiting(hall, "SKCK")  # S001
    fixed_clock.advance(seconds=1)
    waiting(hall, "KK")  # A001
    fixed_clock.advance(seconds=1)
    waiting(hall, "KK", priority=Priority.LANSIA)  # A002, priority
    fixed_clock.advance(seconds=1)
    waiting(hall, "KK")  # A003
    order = []
    while (ticket := hall.call_next(2)) is not None:
        order.append(ticket.number)
        hall.finish(2)
    assert order == ["A002", "A001", "A003", "S001"]


def test_counter_only_calls_its_services(hall: HallService) -> None:
    waiting(hall, "SIM")  # only loket 3
    assert hall.call_next(1) is None
    with pytest.raises(Refused) as error:
        hall.call_ticket(1, "M001")
    assert error.value.code == "service_not_assigned"
    assert hall.call_next(3).number == "M001"


def test_one_open_ticket_per_counter(hall: HallService) -> None:
    waiting(hall, "KTP", "KTP")
    hall.call_next(1)
    with pytest.raises(Refused) as error:
        hall.call_next(1)
    assert error.value.code == "counter_busy"
    assert "A001" in error.value.message("id")


def test_database_itself_refuses_two_open_tickets_at_one_counter(hall: HallService, db) -> None:
    waiting(hall, "KTP", "KTP")
    hall.call_next(1)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            update(m.Ticket)
            .where(m.Ticket.number == "A002")
            .values(status=TicketStatus.CALLED, counter_id=1)
        )


def test_auto_finish_setting_finishes_the_open_ticket(hall: HallService) -> None:
    hall.update_settings({"auto_finish_on_call": True})
    waiting(hall, "KTP", "KTP")
    hall.call_next(1)
    assert hall.call_next(1).number == "A002"
    assert {t.number: t.status for t in hall.tickets_today()}["A001"] is TicketStatus.DONE


@pytest.mark.parametrize(
    ("state", "code"),
    [(CounterState.BREAK, "counter_on_break"), (CounterState.CLOSED, "counter_closed")],
)
def test_counter_on_break_or_closed_cannot_call(
    hall: HallService, state: CounterState, code: str
) -> None:
    waiting(hall, "KTP")
    hall.set_counter_state(1, state)
    with pytest.raises(Refused) as error:
        hall.call_next(1)
    assert error.value.code == code
    hall.set_counter_state(1, CounterState.OPEN)
    assert hall.call_next(1).number == "A001"


def test_cannot_go_on_break_holding_a_ticket(hall: HallService) -> None:
    waiting(hall, "KTP")
    hall.call_next(1)
    with pytest.raises(Refused, match="A001"):
        hall.set_counter_state(1, CounterState.BREAK)


def test_a_ticket_held_at_a_counter_on_break_is_served_but_not_recalled(
    hall: HallService, db
) -> None:
    """A break only starts with no ticket held; should one be held anyway (the counter was
    set on break behind core's back), a recall is a call and waits for the counter to open,
    while the ticket can still be served, finished or set aside."""
    waiting(hall, "KTP")
    hall.call_next(1)
    with db.engine.begin() as connection:
        connection.execute(
            update(m.Counter).where(m.Counter.number == 1).values(state=CounterState.BREAK)
        )
    with pytest.raises(Refused) as error:
        hall.recall(1)
    assert (error.value.code, error.value.params) == ("counter_on_break", {"counter": "Loket 1"})
    assert hall.start(1).status is TicketStatus.SERVING
    with pytest.raises(Refused) as error:
        hall.recall(1)
    assert error.value.code == "ticket_not_called"
    assert hall.finish(1, "a001").status is TicketStatus.DONE


def test_life_cycle_times_and_recall(hall: HallService, fixed_clock: ManualClock) -> None:
    waiting(hall, "KTP")
    fixed_clock.advance(minutes=5)
    called = hall.call_next(1)
    fixed_clock.advance(seconds=30)
    recalled = hall.recall(1)
    assert recalled.recall_count == 1
    assert recalled.first_called_at == called.called_at
    assert recalled.called_at > called.called_at
    fixed_clock.advance(seconds=30)
    started = hall.start(1)
    with pytest.raises(Refused):
        hall.recall(1)  # already being served
    with pytest.raises(Refused) as error:
        hall.no_show(1)
    assert error.value.code == "no_show_after_start"
    fixed_clock.advance(minutes=7)
    done = hall.finish(1)
    assert done.status is TicketStatus.DONE
    assert (done.finished_at - started.started_at).total_seconds() == 420
    assert (called.first_called_at - called.issued_at).total_seconds() == 300


def test_only_the_holding_counter_finishes(hall: HallService) -> None:
    waiting(hall, "KK")
    hall.call_next(1)
    with pytest.raises(Refused) as error:
        hall.finish(2, "A001")
    assert error.value.code == "ticket_not_here"
    with pytest.raises(Refused):
        hall.finish(2)  # loket 2 holds nothing
    assert hall.finish(1, "A001").status is TicketStatus.DONE


def test_no_show(hall: HallService) -> None:
    waiting(hall, "KTP")
    hall.call_next(1)
    hall.recall(1)  # the hall's default rule: after one recall (or two minutes)
    assert hall.no_show(1).status is TicketStatus.NO_SHOW
    assert hall.snapshot().counters[0].current is None


def test_no_show_waits_for_a_recall_or_two_minutes(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    waiting(hall, "KTP", "KTP")
    fixed_clock.set("2026-11-23T09:12:20+07:00")
    hall.call_next(1)  # A001 at 09:12:20: two minutes later is 09:14:20, said as 09:15
    with pytest.raises(Refused) as refused:
        hall.no_show(1, request_id="no-show-1")
    assert refused.value.code == "no_show_too_soon_both"
    assert refused.value.message("id") == (
        "Nomor A001 belum bisa ditandai tidak hadir: "
        "bisa setelah 1 kali panggil ulang atau pukul 09:15."
    )
    assert refused.value.message("en") == (
        "Ticket A001 cannot be marked no-show yet: it can after 1 recall(s) or at 09:15."
    )
    fixed_clock.advance(minutes=1, seconds=59)
    with pytest.raises(Refused):
        hall.no_show(1)
    with pytest.raises(Refused):
        hall.no_show(1, request_id="no-show-1")  # a retried request: the same refusal
    assert hall.counter(1).current.status is TicketStatus.CALLED
    fixed_clock.advance(seconds=1)
    assert hall.no_show(1).status is TicketStatus.NO_SHOW  # two minutes after the call
    hall.call_next(1)  # A002
    fixed_clock.advance(seconds=5)
    hall.recall(1)
    assert hall.no_show(1, "A002").status is TicketStatus.NO_SHOW  # one recall is enough


def test_no_show_rule_is_the_halls_setting(hall: HallService, fixed_clock: ManualClock) -> None:
    waiting(hall, "KTP", "KTP", "KTP")
    hall.update_settings({"no_show_after_recalls": 0, "no_show_after_minutes": 0})
    hall.call_next(1)
    assert hall.no_show(1).status is TicketStatus.NO_SHOW  # 0 and 0: at once

    hall.update_settings({"no_show_after_recalls": 2, "no_show_after_minutes": 0})
    hall.call_next(1)
    fixed_clock.advance(minutes=30)  # time alone never allows it
    hall.recall(1)
    with pytest.raises(Refused) as refused:
        hall.no_show(1)
    assert refused.value.message("id") == (
        "Nomor A002 belum bisa ditandai tidak hadir: bisa setelah 2 kali panggil ulang."
    )
    hall.recall(1)
    assert hall.no_show(1).status is TicketStatus.NO_SHOW

    hall.update_settings({"no_show_after_recalls": 0, "no_show_after_minutes": 3})
    fixed_clock.set("2026-11-23T10:00:00+07:00")
    hall.call_next(1)
    fixed_clock.advance(minutes=2)
    hall.recall(1)  # a recall is a new call: three minutes from 10:02
    fixed_clock.advance(minutes=2)
    with pytest.raises(Refused) as refused:
        hall.no_show(1)
    assert refused.value.code == "no_show_too_soon_time"
    assert refused.value.message("id").endswith("bisa mulai pukul 10:05.")
    fixed_clock.advance(minutes=1)
    assert hall.no_show(1).status is TicketStatus.NO_SHOW


def test_a_served_ticket_is_refused_as_before(hall: HallService) -> None:
    waiting(hall, "KTP")
    hall.call_next(1)
    hall.start(1)
    with pytest.raises(Refused) as refused:
        hall.no_show(1)
    assert refused.value.code == "no_show_after_start"  # not "too soon": it never can


def test_transfer_keeps_the_number_front_and_back(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    waiting(hall, "SKCK", "SKCK")  # S001, S002 waiting at loket 3
    waiting(hall, "KTP", "KTP")  # A001, A002
    hall.call_next(1)  # A001
    moved = hall.transfer(1, "SKCK", TransferPosition.FRONT, note="lanjut SKCK")
    assert (moved.number, moved.service_code, moved.status, moved.hop) == (
        "A001",
        "SKCK",
        TicketStatus.WAITING,
        1,
    )
    hall.call_next(1)  # A002
    fixed_clock.advance(seconds=1)
    hall.transfer(1, "SKCK", TransferPosition.BACK)
    order = []
    while (ticket := hall.call_next(3)) is not None:
        order.append(ticket.number)
        hall.finish(3)
    assert order == ["A001", "S001", "S002", "A002"]
    chain = [t for t in hall.tickets_today() if t.number == "A001"]
    assert [(t.hop, t.status.value) for t in chain] == [(0, "transferred"), (1, "done")]
    assert chain[1].transferred_from_id == chain[0].id


def test_transfer_to_same_service_refused(hall: HallService) -> None:
    waiting(hall, "KTP")
    hall.call_next(1)
    with pytest.raises(Refused) as error:
        hall.transfer(1, "KTP")
    assert error.value.code == "transfer_same_service"


def test_park_and_resume(hall: HallService) -> None:
    waiting(hall, "KTP", "KTP")
    hall.call_next(1)
    parked = hall.park(1, "ambil fotokopi KK")
    assert parked.status is TicketStatus.PARKED
    assert hall.parked_tickets(1)[0].number == "A001"
    assert hall.call_next(1).number == "A002"  # the counter is free meanwhile
    with pytest.raises(Refused):
        hall.resume(1, "A001")  # A002 is open
    hall.finish(1)
    with pytest.raises(Refused) as error:
        hall.resume(2, "A001")
    assert error.value.code == "ticket_not_parked_here"
    resumed = hall.resume(1, "A001")
    assert (resumed.status, resumed.counter_number) == (TicketStatus.CALLED, 1)


def test_call_specific_ticket(hall: HallService) -> None:
    waiting(hall, "KTP", "KTP", "KTP")
    assert hall.call_ticket(1, "a003").number == "A003"
    hall.finish(1)
    with pytest.raises(Refused) as error:
        hall.call_ticket(1, "A003")
    assert error.value.code == "ticket_not_waiting"
    with pytest.raises(NotFound):
        hall.call_ticket(1, "A999")


def test_waiting_list_matches_call_order(hall: HallService, fixed_clock: ManualClock) -> None:
    waiting(hall, "SKCK")
    fixed_clock.advance(seconds=1)
    waiting(hall, "KK")
    waiting(hall, "KK", priority=Priority.DISABILITAS)
    assert [t.number for t in hall.waiting_tickets(2)] == ["A002", "A001", "S001"]


def test_request_id_makes_call_retry_safe(hall: HallService) -> None:
    waiting(hall, "KTP", "KTP")
    first = hall.call_next(1, request_id="loket-1:call:1")
    again = hall.call_next(1, request_id="loket-1:call:1")
    assert again == first
    assert [t.status for t in hall.tickets_today()] == [TicketStatus.CALLED, TicketStatus.WAITING]
    hall.finish(1, request_id="loket-1:finish:1")
    assert (
        hall.finish(1, request_id="loket-1:finish:1").number == "A001"
    )  # not refused: same result
    empty = hall.call_next(2, request_id="loket-2:call:1")
    assert hall.call_next(2, request_id="loket-2:call:1") == empty


def test_request_id_for_another_operation_is_refused(hall: HallService) -> None:
    waiting(hall, "KTP")
    hall.call_next(1, request_id="same")
    from core.errors import ConfigError

    with pytest.raises(ConfigError):
        hall.finish(1, request_id="same")


def test_end_of_day_expires_waiting_and_parked(hall: HallService) -> None:
    waiting(hall, "KTP", "KTP", "SKCK")
    hall.issue("KK")  # still printing
    hall.call_next(1)
    hall.park(1)
    closed = hall.end_of_day()
    assert (closed.expired, closed.voided) == (3, 1)
    assert sorted(t.status.value for t in hall.tickets_today()) == [
        "expired",
        "expired",
        "expired",
        "void",
    ]


def test_counter_figures(hall: HallService, fixed_clock: ManualClock) -> None:
    waiting(hall, "KTP", "KTP", "KTP")
    hall.call_next(1)
    hall.start(1)
    fixed_clock.advance(minutes=4)
    hall.finish(1)
    hall.call_next(1)
    fixed_clock.advance(minutes=2)  # the hall's rule: no-show two minutes after the call
    hall.no_show(1)
    hall.call_next(1)
    hall.transfer(1, "SKCK")
    figures = hall.counter_figures(1)
    assert (figures.served, figures.no_show, figures.transferred, figures.mean_service_seconds) == (
        1,
        1,
        1,
        240.0,
    )


def test_snapshot(hall: HallService) -> None:
    waiting(hall, "KTP", "SKCK")
    waiting(hall, "SKCK", priority=Priority.IBU_HAMIL)
    hall.call_next(1)
    snap = hall.snapshot()
    by_code = {s.code: s for s in snap.services}
    assert (by_code["SKCK"].waiting, by_code["SKCK"].priority_waiting, by_code["KTP"].waiting) == (
        2,
        1,
        0,
    )
    assert snap.counters[0].current.number == "A001"
    assert snap.counters[0].services == (("KTP", 1), ("KK", 1))
    assert snap.last_event_id > 0


def test_two_halls_in_one_database_do_not_mix(hall: HallService, db) -> None:
    from core.hallfile import store
    from tests.conftest import SMALL_HALL

    other_text = SMALL_HALL.read_text(encoding="utf-8").replace('code = "uji"', 'code = "uji-dua"')
    store.import_spec(db, store.parse(other_text))
    other = HallService.open(db, "uji-dua")
    other.set_counter_state(1, CounterState.OPEN)
    waiting(hall, "KTP")
    assert other.issue("KTP", reserve_for_print=False).ticket.number == "A001"
    assert other.call_next(1).number == "A001"
    assert [t.status for t in hall.tickets_today()] == [TicketStatus.WAITING]


def test_unknown_counter(hall: HallService) -> None:
    with pytest.raises(NotFound) as error:
        hall.call_next(99)
    assert error.value.message("en") == "Unknown counter 99."


def test_sqlite_uses_wal_and_immediate_writes(tmp_path) -> None:
    from core.db import schema

    db = schema.connect(f"sqlite:///{tmp_path / 'wal.db'}", create=True)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_call_next_gets_past_heads_that_other_counters_are_claiming(hall: HallService) -> None:
    """PostgreSQL looks at the first 16 waiting tickets of each service first; when other
    counters hold every one of them, it still finds the next free ticket in the queue."""
    from core.services.calling_statements import HEADS_PER_SERVICE as _HEADS_PER_SERVICE

    numbers = waiting(hall, *["SKCK"] * (_HEADS_PER_SERVICE + 2))
    held = numbers[:_HEADS_PER_SERVICE]
    with hall.db.engine.connect() as other_counters:  # claims in flight, not yet committed
        other_counters.execute(
            text("SELECT id FROM tickets WHERE number = ANY(:held) FOR UPDATE"), {"held": held}
        ).all()
        called = hall.call_next(3)
        assert called is not None and called.number == numbers[_HEADS_PER_SERVICE]
        other_counters.rollback()
    assert hall.call_next(2).number == numbers[0]  # once free, the head comes first again
