"""The pinned Qt binding must not leak or steal references on this Python.

PySide6 6.12.0 on Python 3.11 dropped a reference to True on every Python-side Signal.emit() and to
None on every void Qt call, which crashes a long session ("bool_dealloc"). This guards the pin.

From Python 3.12 on None and True are immortal (PEP 683): they are never freed, so that crash cannot
happen, and their counts say nothing (extensions built for the stable ABI still add and subtract
on them, so the count drifts even with a sound binding). There the guard counts references to
objects that stay mortal on every Python: the emitted argument and the text passed to the void call.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000
IMMORTAL_SINGLETONS = sys.version_info >= (3, 12)


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emit_and_void_calls_keep_reference_counts(qtbot):
    emitter = _Emitter()
    payload = object()
    text = "".join(["reference", " count"])  # built at run time: not shared with any other code
    received = 0

    def receive(value: object) -> None:
        nonlocal received
        received += value is payload  # counts without keeping a reference to the value

    emitter.fired.connect(receive)
    label = QLabel()
    qtbot.addWidget(label)
    watched = {"payload": payload, "text": text}
    if not IMMORTAL_SINGLETONS:
        watched.update({"True": True, "None": None})
    # Garbage from earlier tests holds references to None too: collect it first, and keep the
    # collector from freeing more of it while counting.
    gc.collect()
    gc.disable()
    try:
        before = {name: sys.getrefcount(value) for name, value in watched.items()}
        for _ in range(CALLS):
            emitter.fired.emit(payload)
            label.setText(text)
        after = {name: sys.getrefcount(value) for name, value in watched.items()}
    finally:
        gc.enable()
    assert received == CALLS
    # With a broken binding a count moves by one per call (2000); other live objects in a long
    # test run move those of True and None by a few hundred at most.
    moved = {name: after[name] - before[name] for name in watched}
    assert all(abs(change) < CALLS // 4 for change in moved.values()), moved
