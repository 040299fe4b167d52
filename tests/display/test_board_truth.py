"""The board never claims a ticket is being called once it left its counter.

Real core services on SQLite and PostgreSQL play the counters; the board follows the real event
feed (and, for a board started mid-day, the real snapshot). A parked, no-show or transferred
ticket leaves "now calling" and its tile; a finished ticket leaves its tile's "Dipanggil"; a
counter on a break or closed says so on its tile; the recent list keeps the history.
"""

from __future__ import annotations

import pytest

from core.domain.enums import CounterState, TransferPosition
from display import wording

pytestmark = pytest.mark.gui


def _settled(qtbot, board) -> None:
    qtbot.waitUntil(lambda: not board.voice.busy, timeout=5000)


def _card(board) -> str:
    return board.window.now_calling.number_text


def _tile_status(board, counter: int) -> str:
    return board.window.grid.status_text(counter)


def test_a_parked_ticket_leaves_the_card_and_the_counter_goes_on_break(
    qtbot, make_board, hall, issue
) -> None:
    board = make_board()
    (number,) = issue("KTP")
    hall.call_next(1)
    qtbot.waitUntil(lambda: _card(board) == number, timeout=3000)
    _settled(qtbot, board)

    hall.park(1)
    qtbot.waitUntil(lambda: _card(board) == "", timeout=3000)
    assert board.window.grid.number_at(1) == ""
    hall.set_counter_state(1, CounterState.BREAK)
    qtbot.waitUntil(lambda: _tile_status(board, 1) == wording.counter_on_break(), timeout=3000)
    assert board.state.counters[1].state == "break"
    assert [c.number for c in board.state.recent] == [number]  # history stays
    assert board.window.recent.numbers() == [number]  # listed again, off the card


def test_a_no_show_leaves_the_card_for_the_call_still_standing(
    qtbot, make_board, hall, issue, fixed_clock
) -> None:
    board = make_board()
    (skck,) = issue("SKCK")
    (ktp,) = issue("KTP")
    hall.call_next(3)
    hall.call_next(1)
    qtbot.waitUntil(lambda: _card(board) == ktp, timeout=5000)
    _settled(qtbot, board)
    fixed_clock.advance(minutes=3)  # a hall allows a no-show some time after the call

    hall.no_show(1)

    qtbot.waitUntil(lambda: _card(board) == skck, timeout=3000)  # loket 3 still calls it
    assert not board.window.now_calling.highlighted  # no "Dipanggil" badge for an old call
    assert board.window.grid.number_at(1) == ""
    assert _tile_status(board, 1) == wording.counter_free()
    assert _tile_status(board, 3) == wording.ticket_status("called")


def test_a_transfer_and_a_finish_clear_the_tiles(qtbot, make_board, hall, issue) -> None:
    board = make_board()
    (first,) = issue("KTP")
    (second,) = issue("SKCK")
    hall.call_next(1)
    hall.call_next(3)
    qtbot.waitUntil(lambda: _card(board) == second, timeout=5000)
    _settled(qtbot, board)

    hall.transfer(1, "SKCK", TransferPosition.FRONT)
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == "", timeout=3000)
    assert _tile_status(board, 1) == wording.counter_free()
    assert _card(board) == second
    hall.start(3)
    hall.finish(3)
    qtbot.waitUntil(lambda: _tile_status(board, 3) == wording.counter_free(), timeout=3000)
    assert _card(board) == ""  # no ticket stands at any counter
    hall.set_counter_state(3, CounterState.CLOSED)
    qtbot.waitUntil(lambda: _tile_status(board, 3) == wording.counter_closed(), timeout=3000)
    assert [c.number for c in board.state.recent] == [second, first]


def test_a_board_started_after_a_park_does_not_show_the_parked_ticket(
    qtbot, make_board, hall, issue, fixed_clock
) -> None:
    (ktp,) = issue("KTP")
    (skck,) = issue("SKCK")
    hall.call_next(3)
    fixed_clock.advance(seconds=5)
    hall.call_next(1)
    hall.park(1)
    hall.set_counter_state(1, CounterState.BREAK)

    board = make_board()

    assert _card(board) == skck
    assert _tile_status(board, 1) == wording.counter_on_break()
    assert [c.number for c in board.state.recent] == [ktp, skck]
    fixed_clock.advance(minutes=3)
    hall.no_show(3)
    qtbot.waitUntil(lambda: _card(board) == "", timeout=3000)


def test_a_call_that_left_before_its_turn_is_heard_but_not_shown(
    qtbot, make_board, hall, issue
) -> None:
    board = make_board()
    (ktp,) = issue("KTP")
    (skck,) = issue("SKCK")
    hall.call_next(1)
    hall.call_next(3)
    hall.park(3)  # most likely before its announcement's turn

    qtbot.waitUntil(lambda: board.spoken() == [ktp, skck], timeout=5000)
    _settled(qtbot, board)
    assert _card(board) == ktp  # loket 3 no longer calls anyone
    assert board.window.grid.number_at(3) == ""
