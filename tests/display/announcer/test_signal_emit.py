import sys

import pytest
from PySide6.QtCore import QObject, Signal

from display.announcer.signal_emit import emit, references_lost_per_emit

pytestmark = pytest.mark.gui


class Source(QObject):
    changed = Signal(bool)


def test_emit_delivers_and_keeps_true_alive(qtbot) -> None:
    source = Source()
    got: list[int] = []  # not the bools themselves: they would hold references to True
    source.changed.connect(lambda value: got.append(int(value)))
    references_lost_per_emit()  # measure first, outside the count
    before = sys.getrefcount(True)
    for n in range(1000):  # more than a fresh Qt app's references to True (about 600)
        emit(source.changed, n % 2 == 0)
    assert len(got) == 1000
    assert got[:2] == [1, 0]
    assert abs(sys.getrefcount(True) - before) < 50
