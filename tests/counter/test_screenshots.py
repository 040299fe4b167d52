"""Pictures of the workstation for docs/screenshots, from a realistic morning at MPP Lampung Timur.

One SQLite database is enough here: the pictures do not depend on the engine. They go to
the test's temporary folder unless ANTRE_SCREENSHOTS_DIR names one (``./run screenshots``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage

from core.db import schema
from core.domain.enums import CounterState, Priority
from core.hall import HallService
from core.hallfile import store
from counter.controller import CounterController
from counter.dialogs import TransferDialog
from counter.login import LoginDialog
from counter.workstation import Workstation
from tests.conftest import copy_template
from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_HALL = ROOT / "assets" / "halls" / "mpp-lampung-timur.toml"

MORNING = [  # (hall-local time, service, priority)
    ("08:02", "KTP-EL-REKAM", Priority.REGULAR),
    ("08:06", "KK", Priority.REGULAR),
    ("08:11", "KTP-EL-CETAK", Priority.REGULAR),
    ("08:19", "KIA", Priority.REGULAR),
    ("08:24", "KTP-EL-REKAM", Priority.LANSIA),
    ("08:31", "IKD", Priority.REGULAR),
    ("08:37", "KTP-EL-REKAM", Priority.REGULAR),
    ("08:52", "KTP-EL-CETAK", Priority.REGULAR),
    ("09:04", "KK", Priority.REGULAR),
    ("09:10", "KTP-EL-REKAM", Priority.REGULAR),
    ("09:13", "KIA", Priority.IBU_HAMIL),
    ("09:18", "KTP-EL-CETAK", Priority.REGULAR),
    ("09:22", "KTP-EL-REKAM", Priority.REGULAR),
    ("09:27", "IKD", Priority.REGULAR),
    ("09:33", "KTP-EL-REKAM", Priority.REGULAR),
    ("09:38", "KK", Priority.REGULAR),
]


def at(fixed_clock, hhmm: str, seconds: int = 0) -> None:
    fixed_clock.set(f"2026-11-23T{hhmm}:{seconds:02d}+07:00")


@pytest.fixture
def morning(tmp_path, fixed_clock, sqlite_template):
    """The sample hall at 09:45, Loket 1 has served a few citizens since eight."""
    db = schema.connect(copy_template(sqlite_template, tmp_path / "pagi.db"))
    store.import_spec(db, store.load(SAMPLE_HALL))
    hall = HallService.open(db)
    officer = hall.add_officer("siti.rahma", "rahasia-loket", full_name="Siti Rahmawati")
    at(fixed_clock, "07:55")
    for number in range(1, 16):
        hall.set_counter_state(number, CounterState.OPEN)
    hall.set_counter_state(1, CounterState.OPEN, officer_id=officer.id)
    served = {
        "08:09": "start",
        "08:17": "finish",
        "08:21": "start",
        "08:30": "finish",
        "08:33": "start",
        "08:38": "finish",
        "08:40": "call",
        "08:42": "no_show",
    }
    timeline = sorted(
        [(hhmm, "issue", (service, priority)) for hhmm, service, priority in MORNING]
        + [(hhmm, what, None) for hhmm, what in served.items()]
    )
    for hhmm, what, detail in timeline:
        at(fixed_clock, hhmm)
        if what == "issue":
            hall.issue(*detail, kiosk="kiosk-1", reserve_for_print=False)
        elif what in ("start", "call"):
            hall.call_next(1, officer_id=officer.id)
            if what == "start":
                hall.start(1)
        elif what == "finish":
            hall.finish(1)
        else:
            hall.no_show(1)
    at(fixed_clock, "09:41", 5)
    yield hall, officer
    db.dispose()


def save(widget, path: Path) -> QImage:
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull()
    return image


def distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 60)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_screenshots(qtbot, morning, fixed_clock, screenshots_dir):
    hall, officer = morning
    window = Workstation(CounterController(hall, officer, 1, synchronous=True, feed_wait=0.05))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    window.act("call_next")
    at(fixed_clock, "09:42", 31)
    window.act("start")
    at(fixed_clock, "09:45", 12)
    window.controller.tick()
    qtbot.wait(50)
    image = save(window, screenshots_dir / "counter-main.png")
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20
    assert window.ticket_card.number.text() == "A011"  # ibu hamil: priority goes first

    window.resize(1024, 600)  # a netbook, or a quarter of a big screen
    qtbot.waitUntil(lambda: window.compact)
    qtbot.wait(50)
    small = save(window, screenshots_dir / "counter-main-1024x600.png")
    assert (small.width(), small.height()) == (1024, 600)
    assert not window.header.date_label.isVisible() and window.ticket_card.number.isVisible()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not window.compact)

    window.set_mini(True)
    qtbot.waitUntil(lambda: window.mini.isVisible())
    mini = save(window.mini, screenshots_dir / "counter-mini.png")
    assert mini.height() < 120 and mini.width() < 900
    window.set_mini(False)

    window.act("transfer")
    dialog = window.dialog
    assert isinstance(dialog, TransferDialog)
    dialog.select("KK")
    dialog.note.setText("Perlu pembaruan KK dulu")
    qtbot.wait(20)
    save(dialog, screenshots_dir / "counter-transfer.png")
    dialog.reject()

    login = LoginDialog(hall, synchronous=True)
    qtbot.addWidget(login)
    login.show()
    login.load_counters()
    login.username.setText("siti.rahma")
    login.password.setText("salah")
    login.submit()
    assert login.error.isVisible()
    save(login, screenshots_dir / "counter-login.png")

    window.controller.runner.set_feed_ok(False)
    window.controller.runner.pending = (
        window.controller.runner.running
    )  # nothing kept: the plain outage banner
    qtbot.wait(20)
    save(window, screenshots_dir / "counter-offline.png")
    window.controller.runner.set_feed_ok(True)

    window.set_language("en")
    qtbot.wait(20)
    save(window, screenshots_dir / "counter-main-en.png")
    i18n.set_language("id")
    window.shutdown()
    QThreadPool.globalInstance().waitForDone(5000)
