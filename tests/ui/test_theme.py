"""The one design scale and the one restyle helper every program's look is built on."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from display import theme as board_theme
from kiosk import theme as kiosk_theme
from ui.theme import Scale, set_property


def test_a_screen_scales_from_the_1080p_design_and_turns_portrait_when_taller() -> None:
    assert Scale.for_size(1920, 1080) == Scale(1.0, False)
    assert Scale.for_size(1080, 1920) == Scale(1.0, True)
    assert Scale.for_size(1366, 768).px(100) == 71
    assert Scale.for_size(1000, 1040).portrait
    assert not board_theme.scale_for(1000, 1040).portrait  # the board: nearly square is landscape
    assert kiosk_theme.scale_for(640, 360) == Scale(0.55, False)  # the kiosk's smallest
    assert kiosk_theme.scale_for(3840, 2160) == Scale(1.6, False)


def test_a_changed_style_property_restyles_the_widget_and_what_is_in_it(qtbot) -> None:
    box = QWidget()
    box.setStyleSheet('QWidget[kind="warn"] QLabel { color: #ff0000; }')
    text = QLabel("x", box)
    qtbot.addWidget(box)
    box.show()
    assert text.palette().windowText().color().name() != "#ff0000"
    set_property(box, "kind", "warn")
    assert text.palette().windowText().color().name() == "#ff0000"
