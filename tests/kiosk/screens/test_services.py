"""Every service name of the sample hall is shown whole on the kiosk, at every screen size.

Names are wrapped at spaces into two lines (three, at the smallest size, before anything
is elided), and a name too long even so ends in "…" after a whole word, never inside one.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.text_fit import metrics_for

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
