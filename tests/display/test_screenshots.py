"""The board of the sample hall (15 loket) mid-morning, at the sizes halls use.

Each size is rendered and checked (nothing cut off: every counter has a tile inside the
grid, the number on the card fits). The pictures (display-*.png) go to the test's temporary
folder unless ANTRE_SCREENSHOTS_DIR names one (``./run screenshots``: docs/screenshots/).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter

from core import clock
from core.db import schema
from core.domain.enums import CounterState, Priority
from core.hall import HallService
from core.hallfile import store
from display.board_state import BoardState
from display.sync import BoardSync
from display.window import BoardWindow, Look
from tests.conftest import copy_template

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "halls" / "mpp-lampung-timur.toml"
MORNING = datetime.fromisoformat("2026-11-23T10:42:00+07:00")


def open_sample(path: Path, text: str, template: Path) -> HallService:
    """The sample hall (as ``text``) in a new file (a copy of the empty ``template``) at
    MORNING, four tickets a service taken; Loket 6 on a break, Loket 14 closed, nobody called
    yet."""
    clock.set_clock(clock.fixed_clock(MORNING))
    db = schema.connect(copy_template(template, path))
    store.import_spec(db, store.parse(text, SAMPLE.name, SAMPLE.parent))  # its logo beside it
    hall = HallService.open(db)
    for number in range(1, 16):
        state = {6: CounterState.BREAK, 14: CounterState.CLOSED}.get(number, CounterState.OPEN)
        hall.set_counter_state(number, state)
    for info in hall.services():
        for n in range(4):
            priority = Priority.LANSIA if n == 3 and info.prefix in ("A", "S") else Priority.REGULAR
            try:
                hall.issue(info.code, priority, reserve_for_print=False)
            except Exception:  # a service closed at this hour
                continue
    return hall


@pytest.fixture(scope="module")
def sample_hall(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[HallService]:
    """The sample hall after an hour and a half of work; Loket 6 on a break, Loket 14 closed."""
    path = tmp_path_factory.mktemp("shots") / "antre.db"
    hall = open_sample(path, SAMPLE.read_text(encoding="utf-8"), sqlite_template)
    for number in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 15):
        hall.call_next(number)
    for number in (2, 4, 9, 1, 11):
        hall.start(number)
        hall.finish(number)
        hall.call_next(number)
    hall.start(3)
    hall.start(8)
    yield hall
    hall.db.dispose()
    clock.set_clock(None)


def media_picture(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    image = QImage(1600, 900, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 1600, 900)
    gradient.setColorAt(0, QColor("#0F766E"))
    gradient.setColorAt(1, QColor("#134E4A"))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("#FFFFFF"))
    font = QFont()
    font.setPixelSize(92)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(100, 250, 1400, 200), Qt.AlignmentFlag.AlignLeft, "Sertifikasi Halal")
    font.setPixelSize(54)
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(QPointF(104, 520), "Gratis untuk usaha mikro dan kecil (self declare)")
    painter.drawText(QPointF(104, 600), "Tanyakan di Loket 7 — Kementerian Agama")
    painter.end()
    path = folder / "01-halal.png"
    image.save(str(path))
    return path


CASES = [
    ("landscape", (1920, 1080), False),
    ("portrait", (1080, 1920), False),
    ("landscape-media", (1920, 1080), True),
    ("portrait-media", (1080, 1920), True),
    ("1366x768", (1366, 768), False),
    ("3840x2160", (3840, 2160), False),
]


@pytest.mark.parametrize(("name", "size", "with_media"), CASES, ids=[c[0] for c in CASES])
def test_board_at_hall_sizes(
    qtbot, sample_hall, tmp_path, screenshots_dir, name, size, with_media
) -> None:
    clock.set_clock(clock.fixed_clock(MORNING))
    look = Look(media_folder=tmp_path / "media" if with_media else None)
    if with_media:
        media_picture(tmp_path / "media")
    sync = BoardSync(sample_hall, BoardState(), None, synchronous=True)
    window = BoardWindow(sync, None, look)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    sync.start()
    qtbot.waitUntil(lambda: sync.state.loaded)
    try:
        (sample_hall.recall(10) if name != "portrait" else sample_hall.recall(12))
        qtbot.waitUntil(lambda: window.now_calling.highlighted, timeout=3000)
        picture = window.grab()
        assert (picture.width(), picture.height()) == size
        grid = QRectF(window.grid.rect()).adjusted(-0.5, -0.5, 0.5, 0.5)
        tiles = window.grid.tile_rects()
        assert len(tiles) == 15 and all(grid.contains(t) for t in tiles)
        assert window.grid.number_at(14) == ""  # closed
        cut = [(k, t.shown) for k, t in window.grid.texts.items() if t.elided or not t.fits]
        assert not cut, cut  # "Menunggu panggil…", "Dinas Koperasi da…" were cut
        card = window.now_calling.texts
        assert all(t.fits for t in card.values()), card
        assert window.recent.numbers()  # previous calls are listed
        if with_media:
            assert window.media is not None and window.media.isVisible()
        assert picture.save(str(screenshots_dir / f"display-{name}.png"))
    finally:
        sync.stop()
        window.close()
