"""The Qt binding itself must not crash a long session.

PySide6 6.12.0's ``Signal.emit`` drops one reference to ``True`` on every call; on Python 3.11
(where ``True`` is not immortal) the process aborts with "bool_dealloc" after a few thousand
emits — a survivor's window would vanish mid-session. pyproject.toml keeps that release out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()
    flag = Signal(bool)


def test_emitting_signals_leaves_reference_counts_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    emitter = _Emitter()
    received: list[object] = []
    emitter.ping.connect(lambda: received.append(None))
    emitter.flag.connect(lambda value: received.append(str(value)))
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emitter.ping.emit()
        emitter.flag.emit(False)
    assert len(received) == 1000
    # The buggy release loses one reference per emit (-1000 here); allow unrelated noise only.
    assert abs(sys.getrefcount(True) - before_true) < 20
    assert abs(sys.getrefcount(False) - before_false) < 20


def test_calls_returning_nothing_leave_none_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    """6.12.0 also drops a reference to None on every void call (``QLabel.setText``...)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
    assert abs(sys.getrefcount(None) - before) < 20
