"""The board on the real database: calls from another PC appear, are announced, in order."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from core.config import data_dir
from core.domain.enums import CounterState, TransferPosition
from display.window import Look
from tests.conftest import draw_logo, import_small_hall

pytestmark = pytest.mark.gui


def test_a_call_at_a_counter_appears_and_is_announced(qtbot, make_board, hall, issue) -> None:
    board = make_board()
    assert board.window.shown_numbers() == {1: "", 2: "", 3: ""}
    (number,) = issue("KTP")

    called = hall.call_next(1)

    assert called is not None and called.number == number
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == number, timeout=3000)
    qtbot.waitUntil(lambda: board.spoken() == [number], timeout=3000)
    assert board.chimes() == [number]
    assert board.window.now_calling.number_text == number
    assert board.window.now_calling.highlighted
    assert [c.number for c in board.state.recent] == [number]
    assert board.calls[0][1] == "announced"
    assert board.speech is not None
    assert board.speech.sentences == ["Nomor antrean, a, satu, silakan menuju loket satu"]


def test_a_burst_of_ten_calls_is_all_shown_and_spoken_in_order(
    qtbot, make_board, hall, issue
) -> None:
    board = make_board()
    issue("KTP", 4)
    issue("KK", 3)
    issue("SKCK", 3)
    order, last = [], {}
    for round_ in range(4):  # 3 counters: finish, call again — 10 calls within a second
        for counter in (1, 2, 3):
            if len(order) == 10:
                break
            if round_:
                hall.finish(counter)
            ticket = hall.call_next(counter)
            assert ticket is not None
            order.append(ticket.number)
            last[counter] = ticket.number

    qtbot.waitUntil(lambda: len(board.spoken()) == 10, timeout=10_000)
    assert [call.number for call, _ in board.calls] == order
    assert all(mode == "announced" for _, mode in board.calls)
    chimes = board.chimes()  # one chime for the burst (two if it came in two batches)
    assert chimes[0] == order[0] and len(chimes) <= 2
    assert board.spoken() == order
    assert [c.number for c in board.announced] == order  # "now calling" showed each in turn
    history = board.voice.history
    for before, after in zip(history, history[1:], strict=False):
        assert before.ended <= after.started + 1e-6, (before, after)  # never overlapping
    assert board.window.shown_numbers() == last
    assert [c.number for c in board.state.recent] == list(reversed(order))[:8]
    assert board.window.now_calling.number_text == order[-1]


def test_a_recall_is_announced_again(qtbot, make_board, hall, issue) -> None:
    board = make_board()
    (number,) = issue("SKCK")
    hall.call_next(3)
    qtbot.waitUntil(lambda: board.spoken() == [number], timeout=3000)

    hall.recall(3)

    qtbot.waitUntil(lambda: board.spoken() == [number, number], timeout=3000)
    assert [mode for _, mode in board.calls] == ["announced", "announced"]
    assert board.announced[-1].recall_count == 1
    assert board.window.now_calling.call is not None
    assert board.window.now_calling.call.recall_count == 1
    assert [c.number for c in board.state.recent] == [number]  # one line per ticket


def test_counter_tiles_follow_the_counters(qtbot, make_board, hall, issue) -> None:
    board = make_board()
    first, second = issue("KTP", 2)
    hall.call_next(1)
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == first, timeout=3000)
    hall.start(1)
    qtbot.waitUntil(lambda: board.state.counters[1].status == "serving", timeout=3000)

    hall.finish(1)
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == "", timeout=3000)
    hall.set_counter_state(1, CounterState.BREAK)
    qtbot.waitUntil(lambda: board.state.counters[1].state == "break", timeout=3000)
    hall.set_counter_state(1, CounterState.OPEN)
    hall.call_next(1)
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == second, timeout=3000)
    hall.transfer(1, "SKCK", TransferPosition.FRONT)
    qtbot.waitUntil(lambda: board.window.grid.number_at(1) == "", timeout=3000)
    hall.set_counter_state(2, CounterState.CLOSED)
    qtbot.waitUntil(lambda: board.state.counters[2].state == "closed", timeout=3000)


def test_zones_show_only_their_counters(qtbot, make_board, hall, issue) -> None:
    board = make_board(zones=("Lantai 2",))
    assert board.window.grid.counters() == [3]
    (ktp,) = issue("KTP")
    (skck,) = issue("SKCK")

    hall.call_next(1)  # Lantai 1: not for this board
    hall.call_next(3)

    qtbot.waitUntil(lambda: board.spoken() == [skck], timeout=3000)
    assert board.window.grid.number_at(3) == skck
    assert [call.number for call, _ in board.calls] == [skck]
    assert ktp not in [c.number for c in board.state.recent]
    assert "Lantai 2" in board.window.header.subtitle


def test_running_text_changes_live(qtbot, make_board, hall) -> None:
    board = make_board()
    assert board.window.marquee.text == "Selamat datang"

    hall.update_settings({"running_text": "Loket 2 istirahat pukul 12.00–13.00 WIB"})

    qtbot.waitUntil(
        lambda: board.window.marquee.text == "Loket 2 istirahat pukul 12.00–13.00 WIB",
        timeout=3000,
    )


def test_announcement_template_changes_live(qtbot, make_board, hall, issue) -> None:
    board = make_board()
    hall.update_settings(
        {"announcement_template": "Nomor {ticket}, ke loket {counter}", "number_reading": "digits"}
    )
    qtbot.waitUntil(lambda: board.state.settings.get("number_reading") == "digits", timeout=3000)
    issue("KTP")
    hall.call_next(1)
    qtbot.waitUntil(lambda: len(board.speech.sentences) == 1, timeout=3000)
    assert board.speech.sentences == ["Nomor a, nol, nol, satu, ke loket satu"]


def test_started_mid_day_rebuilds_the_board_without_announcing(
    qtbot, make_board, hall, issue, fixed_clock
) -> None:
    numbers = issue("KTP", 2) + issue("SKCK", 1)
    hall.call_next(1)
    hall.start(1)
    hall.finish(1)
    hall.call_next(1)
    hall.call_next(3)
    hall.set_counter_state(2, CounterState.BREAK)
    fixed_clock.advance(seconds=20)

    board = make_board()

    assert board.window.shown_numbers() == {1: numbers[1], 2: "", 3: numbers[2]}
    assert board.state.counters[1].status == "called"
    assert board.state.counters[2].state == "break"
    assert [c.number for c in board.state.recent] == [numbers[2], numbers[1], numbers[0]]
    assert board.window.now_calling.number_text == numbers[2]
    assert not board.window.now_calling.highlighted
    qtbot.wait(300)  # time enough to speak or show a call, which it must not
    assert board.voice.history == [] and board.calls == []


# --- the hall's logo ---------------------------------------------------------------------


def _logo_colour(board) -> QColor:
    """The colour a quarter down the header's logo box (see HeaderBar.paintEvent)."""
    header = board.window.header
    picture = header.grab().toImage()
    h = picture.height()
    x, y = round(h * 0.26 + h * 0.34), round(h * 0.16 + h * 0.68 * 0.25)
    return picture.pixelColor(x, y)


def _near(colour: QColor, expected: str, tolerance: int = 24) -> bool:
    want = QColor(expected)
    return all(
        abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True)
    )


def test_the_header_shows_the_hall_logo_from_the_database(
    qtbot, make_board, hall, tmp_path
) -> None:
    draw_logo(tmp_path / "lambang.png")
    import_small_hall(hall.db, tmp_path, "lambang.png")
    board = make_board()
    assert board.window.header.has_logo
    assert board.sync.logo == data_dir() / "logos" / "uji.png"
    assert _near(_logo_colour(board), "#F59E0B")  # the made-up logo's amber disc


def test_a_new_hall_file_brings_and_takes_the_logo_live(qtbot, make_board, hall, tmp_path) -> None:
    board = make_board()
    assert not board.window.header.has_logo
    draw_logo(tmp_path / "lambang.jpg", "jpeg")
    import_small_hall(hall.db, tmp_path, "lambang.jpg")  # hall.config_changed: a reload
    qtbot.waitUntil(lambda: board.window.header.has_logo, timeout=3000)
    assert board.sync.logo is not None and board.sync.logo.suffix == ".jpg"
    import_small_hall(hall.db, tmp_path, None)
    qtbot.waitUntil(lambda: not board.window.header.has_logo, timeout=3000)


def test_the_screens_own_logo_overrides_the_halls(qtbot, make_board, hall, tmp_path) -> None:
    draw_logo(tmp_path / "lambang.png")
    import_small_hall(hall.db, tmp_path, "lambang.png")
    own = QImage(64, 64, QImage.Format.Format_RGB32)
    own.fill(QColor("#1D4ED8"))
    assert own.save(str(tmp_path / "layar.png"))
    board = make_board(look=Look(logo=tmp_path / "layar.png"))
    assert _near(_logo_colour(board), "#1D4ED8")

    missing = make_board(look=Look(logo=tmp_path / "tidak-ada.png"))  # falls back to the hall's
    assert missing.window.header.has_logo
    assert _near(_logo_colour(missing), "#F59E0B")
