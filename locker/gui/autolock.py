"""Auto-lock: lock the vault after some minutes without any key, mouse or wheel input.

The window's application-wide event filter calls :meth:`AutoLock.note_input` for every
event (cheap: a set lookup, and for input, storing a number); a single-shot timer wakes up when the idle time could have run out, and either asks
for the lock (:attr:`AutoLock.timed_out`) or sleeps again for what is left. While ``busy()``
says work the user started is still running (an import), the wait starts again: a long
import is not cut short because nobody touched the mouse while it ran.

Tests pass a tiny ``unit_ms`` (the length of one "minute") instead of 60 000.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

MINUTE_MS = 60_000
DEFAULT_MINUTES = 5
BUSY_POLL_MS = 1000

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
    }
)


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("autolock", text, disambiguation, n)


def locked_message(minutes: int) -> str:
    """What the start screen says after an auto-lock: why, and that nothing was lost."""
    if minutes == 1:
        return _tr(
            "The vault was locked because the computer was not used for 1 minute. "
            "Your evidence is safe."
        )
    return _tr(
        "The vault was locked because the computer was not used for %n minutes. "
        "Your evidence is safe.",
        None,
        minutes,
    )


def choice_label(minutes: int) -> str:
    """How one choice reads in the list ("After 5 minutes without use")."""
    if minutes == 1:
        return _tr("After 1 minute without use")
    if minutes % 60 == 0:
        hours = minutes // 60
        if hours == 1:
            return _tr("After 1 hour without use")
        return _tr("After %n hours without use", None, hours)
    return _tr("After %n minutes without use", None, minutes)


class AutoLock(QObject):
    """Emits :attr:`timed_out` once, after ``minutes`` without input, between :meth:`start`
    and :meth:`stop`."""

    timed_out = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        unit_ms: int = MINUTE_MS,
        busy: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.unit_ms = unit_ms
        self.minutes = DEFAULT_MINUTES
        self._busy = busy
        self._last_input = time.monotonic()
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    @property
    def running(self) -> bool:
        return self._running

    def interval_ms(self) -> int:
        return max(1, self.minutes * self.unit_ms)

    def set_minutes(self, minutes: int) -> None:
        """A new idle time; counted from the last input, as if it had always been set."""
        self.minutes = minutes
        if self._running:
            self._check()

    def start(self) -> None:
        """Begin watching (a vault was opened). The idle clock starts now."""
        self._running = True
        self._last_input = time.monotonic()
        self._timer.start(self.interval_ms())

    def stop(self) -> None:
        """Stop watching (the vault was locked)."""
        self._running = False
        self._timer.stop()

    def note_input(self, kind: QEvent.Type) -> None:
        """An event of type ``kind`` happened somewhere in the program."""
        if kind in ACTIVITY:
            self._last_input = time.monotonic()

    def _check(self) -> None:
        if not self._running:
            return
        now = time.monotonic()
        if self._busy is not None and self._busy():
            # The idle time counts from when the work ends: look again soon.
            self._last_input = now
            self._timer.start(min(self.interval_ms(), BUSY_POLL_MS))
            return
        left_ms = self.interval_ms() - int((now - self._last_input) * 1000)
        if left_ms > 0:
            self._timer.start(left_ms)
            return
        self.stop()
        self.timed_out.emit()
