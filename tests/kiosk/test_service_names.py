"""Every service name of the sample hall is shown whole on the kiosk, at every screen size.

Names are wrapped at spaces into two lines (three, at the smallest size, before anything
is elided), and a name too long even so ends in "…" after a whole word, never inside one.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.text_fit import ELLIPSIS, fit_text, metrics_for

SIZES = [(1920, 1080), (1080, 1920), (1366, 768)]  # turned as the screenshots are


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_service_name_is_shown_whole(sample_hall, make_kiosk, qtbot, tmp_path):
    """One kiosk turned through every size, as the screenshots are: nothing is carried over."""
    kiosk = make_kiosk("none", hall_service=sample_hall)
    problems, checked = [], 0
    for size in SIZES:
        kiosk.resize(*size)
        qtbot.waitUntil(lambda s=size: (kiosk.width(), kiosk.height()) == s)
        for agency in kiosk.data.agencies():
            kiosk.open_agency(agency.code)
            for _ in range(3):
                QApplication.processEvents()
            kiosk.grab().save(str(tmp_path / f"{agency.code}-{size[0]}x{size[1]}.png"))
            for code, row in kiosk.services.rows.items():
                checked += 1
                problems += [f"{size} {code}: {p}" for p in name_problems(kiosk, row)]
    assert checked == 3 * len(kiosk.data.services) == 3 * 56
    assert problems == [], "\n".join(problems)


def name_problems(kiosk, row) -> list[str]:
    """Why the row's name is not shown whole, inside its box and on the screen (none if it is)."""
    button = row.button
    fit, box = button.name_fit(), button.name_box()
    metrics = metrics_for(fit.size, bold=True)
    found = []
    if " ".join(fit.lines) != " ".join(row.info.name.split()) or not fit.whole:
        found.append(f"shown as {fit.lines} ({fit.size}px, box {box.width():.0f}px)")
    if any(metrics.horizontalAdvance(line) > box.width() for line in fit.lines):
        found.append(f"wider than its box ({box.width():.0f}px): {fit.lines}")
    if button.figures_line(fit).bottom() > button.height():
        found.append(f"the figures fall below the row ({len(fit.lines)} lines)")
    right = button.mapTo(kiosk, box.topRight().toPoint()).x()
    if right > kiosk.width():
        found.append(f"runs off the screen ({right}px of {kiosk.width()}px)")
    return found


def test_a_name_too_long_for_its_lines_ends_after_a_whole_word(qapp) -> None:
    name = "Pencatatan Perkawinan dan Akta Perkawinan (Non-Muslim) bagi Warga Negara Asing"
    fit = fit_text(name, 300, 24, bold=True, lines=2)
    assert not fit.whole and len(fit.lines) == 2
    assert fit.lines[-1].endswith(ELLIPSIS)
    shown = " ".join(fit.lines).removesuffix(ELLIPSIS).split()
    assert shown == name.split()[: len(shown)], fit.lines  # whole words, in order
    metrics = metrics_for(24, bold=True)
    assert all(metrics.horizontalAdvance(line) <= 300 for line in fit.lines)


def test_a_long_name_is_set_smaller_before_it_is_elided(qapp) -> None:
    name = "Pencatatan Perkawinan dan Akta Perkawinan (Non-Muslim)"
    width = metrics_for(29, bold=True).horizontalAdvance(name) / 2.1  # just too long for two
    fit = fit_text(name, width, 29, bold=True, lines=2, min_size=24)
    assert fit.whole and fit.size < 29 and " ".join(fit.lines) == name
    assert not fit_text(name, width, 29, bold=True, lines=2).whole  # without shrinking: elided


def test_only_a_word_wider_than_the_box_is_cut(qapp) -> None:
    fit = fit_text("Pendaftaran/Reaktivasi/Pembaruan/Penonaktifan", 120, 24, lines=2)
    assert len(fit.lines) == 1 and fit.lines[0].endswith(ELLIPSIS) and not fit.whole
