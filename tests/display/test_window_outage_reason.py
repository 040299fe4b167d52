"""The board's outage banner says why when core knows: a SQLite file missing at start, or
deleted, moved or replaced while the board runs, named with its path, in the board's language.

A technician reads the banner in passing: the short form of core's message, never cut, on
a few lines, and never over the board (checked with the font's own metrics).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QFont, QFontMetricsF

from core import messages
from core.db import schema
from core.hall import HallService
from core.hallfile import store
from display import wording
from display.board_state import BoardState
from display.sync import BoardSync
from display.window import BoardWindow, Look
from tests.conftest import SMALL_HALL
from tests.sqlite_tamper import delete, move, move_away, moved, replace_with_copy

pytestmark = pytest.mark.gui

SIZES = [(1920, 1080), (1366, 768)]
# A hall PC's settings may well point this deep (a share mounted per office).
LONG_FOLDER = "kantor-kecamatan-sukamaju-barat/pelayanan-terpadu-satu-pintu/data-antrean"
# Pictures of the banner to look at after a run (not docs: ./run screenshots does not take them).
SHOTS = Path(tempfile.gettempdir()) / "antre-test-shots" / "display-outage"


@pytest.fixture
def board(qtbot) -> Iterator[Callable[..., BoardWindow]]:
    """board(path, size, language) → a started board reading the SQLite file at path."""
    made: list[BoardWindow] = []

    def make(path: Path, size: tuple[int, int], language: str = "id") -> BoardWindow:
        url = f"sqlite:///{path.as_posix()}"
        sync = BoardSync(
            lambda: HallService.open(schema.connect(url), "uji"),
            BoardState(()),
            None,
            language=language,
            synchronous=True,
            feed_wait_seconds=0.3,
        )
        window = BoardWindow(sync, None, Look(language=language))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        made.append(window)
        sync.start()
        return window

    yield make
    for window in made:
        window.sync.stop()
        if window.sync.hall is not None:
            window.sync.hall.db.dispose()
    QThreadPool.globalInstance().waitForDone(5000)


def make_hall(path: Path) -> None:
    made = schema.connect(f"sqlite:///{path.as_posix()}", create=True)  # antre hall import
    store.import_spec(made, store.load(SMALL_HALL))
    made.dispose()


def assert_banner_whole(window: BoardWindow, text: str, shot: str) -> None:
    """The banner shows ``text`` whole (no "…", every line within its box) above the board."""
    banner = window.banner
    assert banner.isVisible() and banner.text == text
    image = window.grab()  # paints the banner too
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SHOTS / f"{shot}.png"))
    lines = [banner.painted[role] for role in sorted(banner.painted)]
    # Lines break at spaces, or after a "/" of the path: together they are the whole text.
    assert "".join(line.shown for line in lines).replace(" ", "") == text.replace(" ", "")
    assert len(lines) <= banner.MAX_LINES
    for line in lines:
        font = QFont(banner.text_font())
        font.setPixelSize(line.pixel_size)
        advance = QFontMetricsF(font).horizontalAdvance(line.shown)
        assert not line.elided and advance <= line.rect.width() + 0.5, line
        assert line.pixel_size >= banner.text_font().pixelSize() * 0.8
        assert line.rect.bottom() <= banner.height()
    below = banner.geometry().bottom()
    for part in (window.now_calling, window.grid, window.recent):
        assert part.geometry().top() > below, part  # nothing of the board under the banner
    assert window.header.geometry().bottom() < banner.geometry().top()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_missing_file_at_start_is_named(qtbot, board, tmp_path: Path, size) -> None:
    path = tmp_path / LONG_FOLDER / "antre.db"
    window = board(path, size)
    brief = messages.text("database_missing_brief", "id", path=path)
    assert brief == f"Basis data tidak ditemukan: {path} — periksa pengaturan"
    qtbot.waitUntil(lambda: window.banner.text == brief, timeout=5000)
    assert not window.sync.online
    assert_banner_whole(window, brief, f"missing-{size[0]}x{size[1]}")
    path.parent.mkdir(parents=True)
    make_hall(path)
    qtbot.waitUntil(lambda: window.sync.state.loaded, timeout=10_000)
    assert window.sync.online and not window.banner.isVisible()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        (delete, "database_file_gone_brief"),
        (move_away, "database_file_gone_brief"),
        (replace_with_copy, "database_file_replaced_brief"),
    ],
    ids=["deleted", "moved-away", "replaced"],
)
def test_a_file_lost_while_running_is_named(
    qtbot, board, tmp_path: Path, size, tamper, code
) -> None:
    path = tmp_path / LONG_FOLDER / "antre.db"
    path.parent.mkdir(parents=True)
    make_hall(path)
    window = board(path, size)
    qtbot.waitUntil(lambda: window.sync.state.loaded, timeout=5000)
    assert not window.banner.isVisible()
    tamper(path)
    brief = messages.text(code, "id", path=path)
    qtbot.waitUntil(lambda: window.banner.text == brief, timeout=5000)
    assert_banner_whole(window, brief, f"{tamper.__name__}-{size[0]}x{size[1]}")
    if tamper is move_away:  # the same file back: the board is back, the banner goes
        move(moved(path), path)
        qtbot.waitUntil(lambda: window.sync.online, timeout=10_000)
        assert not window.banner.isVisible()


def test_in_english(qtbot, board, tmp_path: Path) -> None:
    path = tmp_path / LONG_FOLDER / "antre.db"
    window = board(path, (1366, 768), language="en")
    brief = f"Database not found: {path} — check the settings"
    qtbot.waitUntil(lambda: window.banner.text == brief, timeout=5000)
    assert_banner_whole(window, brief, "missing-en-1366x768")


def test_an_unreachable_server_keeps_the_generic_line(qtbot, board, tmp_path: Path) -> None:
    """No file to blame (here: a folder where the file should be): the calm generic line."""
    path = tmp_path / "antre.db"
    path.mkdir()
    window = board(path, (1920, 1080))
    qtbot.waitUntil(lambda: not window.sync.online, timeout=5000)
    qtbot.wait(300)  # time for a wrong, file-naming banner to appear
    assert window.banner.text in (wording.offline(), "")
