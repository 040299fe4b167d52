"""What the hall can read: sizes of the texts the board paints, measured, at the sizes halls use.

The sample hall with two loket renamed as halls name them ("Loket Pelayanan Terpadu Satu Pintu
Nomor 3 (Prioritas Lansia)"), one with a hall-set short name. The loket stays large on the card
and on its tile whatever its name; no tile text is cut; the "Dipanggil" badge reads (WCAG AA);
the outage banner covers nothing. With ANTRE_LAYOUT_PNG=folder the renders are written there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

from core import clock
from core.hall import HallService
from display import theme
from display.board_state import BoardState
from display.sync import BoardSync
from display.widgets.now_calling import badge_colours
from display.window import BoardWindow
from tests.display.test_screenshots import MORNING, SAMPLE, open_sample

pytestmark = pytest.mark.gui

LONG = "Loket Pelayanan Terpadu Satu Pintu Nomor {n} (Prioritas Lansia)"
SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]
IDS = ["1920x1080", "1366x768", "1080x1920"]


def _renamed(text: str, number: int, short_name: str | None) -> str:
    old = f'number = {number}\nname = "Loket {number}"\n'
    assert old in text
    new = f'number = {number}\nname = "{LONG.format(n=number)}"\n'
    if short_name:
        new += f'short_name = "{short_name}"\n'
    return text.replace(old, new)


@pytest.fixture(scope="module")
def long_names(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[HallService]:
    """The sample hall mid-morning; loket 3 has a long name, loket 5 a long and a short one."""
    text = _renamed(_renamed(SAMPLE.read_text(encoding="utf-8"), 3, None), 5, "Lansia 5")
    hall = open_sample(tmp_path_factory.mktemp("layout") / "antre.db", text, sqlite_template)
    for number in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13):
        hall.call_next(number)
    hall.start(1)
    hall.finish(1)  # loket 1 waits for its next call, 12 and 15 have called nobody yet
    yield hall
    hall.db.dispose()
    clock.set_clock(None)


@pytest.fixture
def board(qtbot, long_names):
    """board(size, recall=counter) → a window showing that counter's call on the card."""
    made = []

    def make(size: tuple[int, int], recall: int) -> BoardWindow:
        clock.set_clock(clock.fixed_clock(MORNING))
        sync = BoardSync(long_names, BoardState(), None, synchronous=True)
        window = BoardWindow(sync, None)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        sync.start()
        qtbot.waitUntil(lambda: sync.state.loaded)
        long_names.recall(recall)
        qtbot.waitUntil(lambda: window.now_calling.call is not None, timeout=3000)
        qtbot.waitUntil(lambda: window.now_calling.call.counter == recall, timeout=3000)
        window.grab()  # painted now: the texts are those of this call
        made.append(sync)
        return window

    yield make
    for sync in made:
        sync.stop()


def _render(window: BoardWindow, name: str) -> None:
    picture = window.grab()
    folder = os.environ.get("ANTRE_LAYOUT_PNG")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert picture.save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_a_long_loket_name_keeps_the_loket_large_on_the_card(board, size) -> None:
    plain = board(size, recall=4)  # "Loket 4"
    _render(plain, f"card-plain-{size[0]}x{size[1]}")
    normal = dict(plain.now_calling.texts)
    plain.close()
    window = board(size, recall=3)
    _render(window, f"card-long-{size[0]}x{size[1]}")
    texts = window.now_calling.texts

    assert normal["counter"].shown == "Loket 4"
    assert texts["counter"].shown == "Loket 3"  # the number, large
    assert texts["counter"].pixel_size >= 0.6 * normal["counter"].pixel_size, (texts, normal)
    assert texts["go_to"].pixel_size == normal["go_to"].pixel_size
    assert texts["go_to"].pixel_size >= 14 * min(size) / 1080
    name = " ".join(
        texts[f"counter_name.{i}"].shown for i in range(2) if f"counter_name.{i}" in texts
    )
    assert name == LONG.format(n=3) or name.endswith("…"), name  # the whole name, wrapped
    assert texts["counter_name.0"].pixel_size >= 14 * min(size) / 1080
    assert all(t.fits for t in texts.values()), texts


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_a_short_name_is_what_the_board_shows_large(board, size) -> None:
    window = board(size, recall=5)
    texts = window.now_calling.texts
    assert texts["counter"].shown == "Lansia 5"
    assert texts["counter_name.0"].shown.startswith("Loket Pelayanan")
    assert window.grid.texts["name.5"].shown == "Lansia 5"


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_no_tile_text_is_cut_or_shrunk_away(board, size) -> None:
    window = board(size, recall=10)
    _render(window, f"tiles-{size[0]}x{size[1]}")
    texts = window.grid.texts
    assert len([k for k in texts if k.startswith("name.")]) == 15
    assert texts["name.3"].shown == "Loket 3"
    for role, text in texts.items():
        assert not text.elided and text.fits, (role, text)
    names = [t.pixel_size for k, t in texts.items() if k.startswith("name.")]
    assert min(names) >= 0.75 * max(names), names  # a long name does not shrink its tile's
    statuses = {k: t.shown for k, t in texts.items() if k.startswith("status.")}
    assert statuses["status.12"] == "Menunggu panggilan"
    assert statuses["status.6"] == "Sedang istirahat"


def _over(colour: QColor, ground: QColor) -> QColor:
    return theme.mix(theme.with_alpha(ground, 1.0), theme.with_alpha(colour, 1.0), colour.alphaF())


@pytest.mark.parametrize("glow", [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0])
def test_the_called_badge_reads_at_every_step_of_its_pulse(glow: float) -> None:
    fill, ink = badge_colours(glow)
    for agency in ("#C62828", "#EF6C00", "#F6C343", "#1565C0", "#2E7D32"):
        card = theme.mix(QColor(agency), theme.BG, 0.35)  # the card's lightest corner
        ground = _over(fill, card)
        assert theme.contrast(_over(ink, ground), ground) >= 4.5, (glow, agency)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_outage_banner_covers_nothing(board, size) -> None:
    window = board(size, recall=10)
    assert not window.banner.isVisible()
    window.sync.online_changed.emit(False)  # what the sync says when the database is gone
    _render(window, f"banner-{size[0]}x{size[1]}")
    banner = window.banner.geometry()
    assert window.banner.isVisible()
    for part in (window.header, window.now_calling, window.grid, window.recent):
        assert not banner.intersects(part.geometry()), part
    badge = window.now_calling.texts["badge"].rect.toAlignedRect()
    badge = QRect(window.now_calling.mapTo(window, badge.topLeft()), badge.size())
    assert not banner.intersects(badge)
    window.sync.online_changed.emit(True)
    assert not window.banner.isVisible()
    assert window.now_calling.geometry().top() < banner.top() + banner.height()
