"""The "Dilayani di" tile on the result screen and on the on-screen ticket, at hall sizes.

A list of loket is one line when a slightly smaller size allows ("Loket 1, 2, 3", not
"Loket 1," / "2, 3" in the narrow on-screen tile), and breaks only between whole numbers
otherwise. With no loket open, "Dilayani di" above "Belum ada loket yang buka" did not read
as a sentence: like the other tiles, a short caption over a short figure ("Loket yang buka" /
"Belum ada", or "Loket buka pukul" / "13:00"), each whole in the narrowest tile.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from core.domain.enums import CounterState
from kiosk.text_fit import ELLIPSIS, metrics_for

SIZES = [(1920, 1080), (1366, 768)]
KK_LOKET = (1, 2, 3)  # the sample hall's loket for KK (Penerbitan Kartu Keluarga)


def issue_kk(kiosk, qtbot, *, on_screen: bool):
    """The KK ticket taken at the kiosk: its result screen, laid out."""
    assert kiosk.take_ticket("KK", on_screen=on_screen)
    screen = kiosk.on_screen if on_screen else kiosk.result
    qtbot.waitUntil(lambda: kiosk.current is screen, timeout=5000)
    settle()
    return screen


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def tile_problems(kiosk, screen) -> list[str]:
    """Why the counters tile's value is not shown whole, inside its tile (none if it is)."""
    tile, value = screen.counters, screen.counters.value
    fit = value.fit()
    metrics = metrics_for(fit.size, bold=True)
    found = []
    if not fit.whole or any(ELLIPSIS in line for line in fit.lines):
        found.append(f"elided: {fit.lines}")
    if any(metrics.horizontalAdvance(line) > value.width() for line in fit.lines):
        found.append(f"wider than its {value.width()}px: {fit.lines}")
    if value.height() < fit.height(bold=True):
        found.append(f"{fit.height(bold=True)}px of lines in {value.height()}px: {fit.lines}")
    inside = QRect(value.mapTo(tile, value.rect().topLeft()), value.size())
    if not tile.contentsRect().contains(inside):
        found.append(f"outside its tile: {inside} in {tile.contentsRect()}")
    return found


def caption_lines(caption) -> int:
    """Lines the caption label takes at its width (it wraps at spaces)."""
    metrics = caption.fontMetrics()
    return round(caption.heightForWidth(caption.width()) / metrics.lineSpacing())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("on_screen", [True, False], ids=["on-screen", "printed"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_three_open_loket_are_one_line(
    sample_hall, make_kiosk, printer_server, qtbot, tmp_path, size, on_screen
):
    printer = "none" if on_screen else printer_server("answer").uri
    kiosk = make_kiosk(printer, hall_service=sample_hall, size=size, on_screen_seconds=120)
    screen = issue_kk(kiosk, qtbot, on_screen=on_screen)
    kiosk.grab().save(str(tmp_path / f"loket-{size[0]}x{size[1]}.png"))
    value = screen.counters.value
    assert value.text() == "Loket 1, 2, 3"
    assert value.fit().lines == ("Loket 1, 2, 3",)  # not "Loket 1," / "2, 3"
    assert screen.counters.caption.text() == "Dilayani di"
    assert tile_problems(kiosk, screen) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_loket_open_reads_as_caption_and_figure(
    sample_hall, make_kiosk, qtbot, fixed_clock, tmp_path, size, language
):
    for number in KK_LOKET:
        sample_hall.set_counter_state(number, CounterState.CLOSED)
    kiosk = make_kiosk("none", hall_service=sample_hall, size=size, on_screen_seconds=120)
    screen = issue_kk(kiosk, qtbot, on_screen=True)
    caption, value = screen.counters.caption, screen.counters.value
    none_open, opens_at = {
        "id": (("Loket yang buka", "Belum ada"), ("Loket buka pukul", "13:00")),
        "en": (("Open counters", "None yet"), ("Counters open at", "13:00")),
    }[language]
    if language == "en":
        kiosk.set_language("en")
    try:
        for name, wanted in (("none", none_open), ("opens", opens_at)):
            if name == "opens":
                fixed_clock.set("2026-11-23T12:00:30+07:00")  # the service's break, to 13:00
                sample_hall.set_counter_state(4, CounterState.BREAK)  # an event: read again
            qtbot.waitUntil(lambda w=wanted: (caption.text(), value.text()) == w, timeout=5000)
            settle()
            kiosk.grab().save(str(tmp_path / f"{name}-{language}-{size[0]}x{size[1]}.png"))
            assert value.fit().lines == (wanted[1],)
            assert caption_lines(caption) <= 2, caption.text()
            assert tile_problems(kiosk, screen) == []
    finally:
        kiosk.set_language("id")  # the translator is the application's: leave it Indonesian

    sample_hall.set_counter_state(2, CounterState.OPEN)
    qtbot.waitUntil(lambda: value.text() == "Loket 2", timeout=5000)
    assert caption.text() == "Dilayani di"
