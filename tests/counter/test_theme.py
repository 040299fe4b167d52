"""A disabled action looks disabled: grey, faint text, never brighter than one that acts.

Measured on the rendered pixels of the real buttons (background = the most common colour,
text = the pixel that stands out most from it), with WCAG's contrast ratio.
"""

from __future__ import annotations

import colorsys
from collections import Counter

from PySide6.QtGui import QColor, QImage

from core.domain.enums import CounterState
from display.theme import contrast  # WCAG's contrast ratio, as the board measures its own


def saturation(colour: QColor) -> float:
    return colorsys.rgb_to_hsv(colour.redF(), colour.greenF(), colour.blueF())[1]


def look(button) -> tuple[QColor, QColor]:
    """(background, text) of a button as drawn: its title's area, without the edges."""
    image: QImage = button.grab().toImage()
    title = button.title.geometry()
    pixels = [
        QColor(image.pixel(x, y))
        for x in range(title.left(), title.right(), 1)
        for y in range(title.top(), title.bottom(), 1)
    ]
    background = Counter(p.rgb() for p in pixels).most_common(1)[0][0]
    back = QColor(background)
    text = max(pixels, key=lambda p: contrast(p, back))
    return back, text


def main_button(window, key):
    return next(b for b in window.buttons[key] if b.window() is window)


def test_disabled_actions_are_grey_and_faint(qtbot, hall, issue, open_window, click):
    issue("KTP")
    window = open_window(1)
    window.resize(1366, 768)
    qtbot.wait(20)
    looks = {}
    looks["call_next on"] = look(main_button(window, "call_next"))
    looks["finish off"] = look(main_button(window, "finish"))  # nothing to finish
    looks["start off"] = look(main_button(window, "start"))
    looks["call_number on"] = look(main_button(window, "call_number"))
    click(window, "call_next")
    click(window, "start")
    looks["finish on"] = look(main_button(window, "finish"))
    click(window, "finish")
    click(window, "break")
    assert window.controller.reading.state is CounterState.BREAK
    assert not main_button(window, "call_next").isEnabled()
    looks["call_next off"] = look(main_button(window, "call_next"))

    for name, (back, text) in looks.items():
        ratio = contrast(back, text)
        if name.endswith(" on"):
            assert ratio >= 4.5, (name, back.name(), text.name(), ratio)
        else:
            assert ratio < 3.0, (name, back.name(), text.name(), ratio)
            assert saturation(back) < 0.08, (name, back.name())  # grey, not a pale colour
    for key in ("call_next", "finish"):
        on, off = looks[f"{key} on"], looks[f"{key} off"]
        assert saturation(on[0]) > 0.5  # blue / green when it can act
        assert contrast(*off) < contrast(*on) / 2, key  # clearly fainter
    # Never brighter: a disabled button's text stands out less than any enabled one's.
    faintest_on = min(contrast(*v) for k, v in looks.items() if k.endswith(" on"))
    assert all(contrast(*v) < faintest_on for k, v in looks.items() if k.endswith(" off"))
