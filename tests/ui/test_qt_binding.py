"""The pinned Qt binding must not leak or steal references on this Python.

PySide6 6.12.0 on Python 3.11 dropped a reference to True on every Python-side Signal.emit() and to
None on every void Qt call, which crashes a long session ("bool_dealloc"). This guards the pin.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emit_and_void_calls_keep_reference_counts(qtbot):
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    label = QLabel()
    qtbot.addWidget(label)
    # Garbage from earlier tests holds references to None too: collect it first, and keep the
    # collector from freeing more of it while counting.
    gc.collect()
    gc.disable()
    try:
        true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
        for _ in range(CALLS):
            emitter.fired.emit(frozenset())
            label.setText("x")
        true_after, none_after = sys.getrefcount(True), sys.getrefcount(None)
    finally:
        gc.enable()
    assert len(received) == CALLS
    # With the broken binding each count falls by one per call (2000); other live objects in a
    # long test run move them by a few hundred at most.
    assert abs(true_after - true_before) < CALLS // 4
    assert abs(none_after - none_before) < CALLS // 4
