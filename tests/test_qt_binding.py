"""Guards on the Qt binding itself: a known PySide6 release corrupts Python on emit()."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emit_does_not_leak_references_to_true() -> None:
    # PySide6 6.12.0 drops one reference to True per emit() and aborts the process
    # after a few hundred calls; pyproject.toml pins below it.
    emitter = _Emitter()
    emitter.changed.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for value in range(500):
        emitter.changed.emit(value)
    assert sys.getrefcount(True) - before > -50
