"""Auto-lock: lock the vault after some minutes without any key, mouse or wheel input.

The window's application-wide event filter calls :meth:`AutoLock.note_input` for every
event (cheap: a set lookup, and for input, storing a number); a single-shot timer wakes up when the idle time could have run out, and either asks
for the lock (:attr:`AutoLock.timed_out`) or sleeps again for what is left. While ``busy()``
says work the user started is still running (an import), the wait starts again: a long
import is not cut short because nobody touched the mouse while it ran.

A minute before the lock (half the time when it is one minute) :attr:`AutoLock.warning` asks
the window to say so; the next input (or the lock) emits :attr:`AutoLock.warning_over`. The
words of the warning and of the start screen afterwards are here too; they name the tabs whose
unsaved changes a lock drops (:func:`unsaved_tabs`), never anything from the vault.

Tests pass a tiny ``unit_ms`` (the length of one "minute") instead of 60 000.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

if TYPE_CHECKING:
    from locker.gui.case_screen import CaseScreen

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


def locked_message(minutes: int, unsaved: list[str] | None = None) -> str:
    """What the start screen says after an auto-lock: why, and what was kept. ``unsaved``: the
    names of the tabs whose unsaved changes the lock dropped."""
    if minutes == 1:
        why = _tr("The vault was locked because the computer was not used for 1 minute.")
    else:
        why = _tr(
            "The vault was locked because the computer was not used for %n minutes.",
            None,
            minutes,
        )
    if not unsaved:
        return why + " " + _tr("Your evidence is safe.")
    if len(unsaved) == 1:
        lost = _tr("Changes that had not been saved yet on the {tab} tab were not kept.").format(
            tab=unsaved[0]
        )
    else:
        lost = _tr(
            "Changes that had not been saved yet on these tabs were not kept: {tabs}."
        ).format(tabs=_tr(", ").join(unsaved))
    return " ".join((why, lost, _tr("Everything that was saved is safe in the vault.")))


def warning_message(minutes: int, unsaved: list[str] | None = None) -> str:
    """The note shown before the lock: when, how to stay, and which tabs' unsaved changes a
    lock would drop (their names only)."""
    if minutes == 1:
        when = _tr("The vault will lock in 30 seconds because it has not been used.")
    else:
        when = _tr("The vault will lock in 1 minute because it has not been used.")
    text = when + " " + _tr("Move the mouse or press a key to keep it open.")
    if not unsaved:
        return text
    if len(unsaved) == 1:
        lost = _tr("If it locks, changes not saved yet on the {tab} tab will not be kept.").format(
            tab=unsaved[0]
        )
    else:
        lost = _tr(
            "If it locks, changes not saved yet on these tabs will not be kept: {tabs}."
        ).format(tabs=_tr(", ").join(unsaved))
    return text + " " + lost


def unsaved_tabs(screen: CaseScreen) -> list[str]:
    """The names of the tabs (as their tab reads, without the Alt letter) that hold changes
    not saved yet, in tab order: each page's ``has_unsaved_changes()``; the Evidence page
    through its parts (the chosen item's details, a description being written)."""
    names = []
    for index in range(screen.count()):
        page = screen.widget(index)
        query = getattr(page, "has_unsaved_changes", None)
        if query is not None:
            unsaved = bool(query())
        elif page is screen.evidence:
            unsaved = _evidence_unsaved(screen)
        else:
            unsaved = False
        if unsaved:
            names.append(_plain_tab_text(screen.tabText(index)))
    return names


def _evidence_unsaved(screen: CaseScreen) -> bool:
    detail = screen.evidence.detail
    if detail.current_item() is not None and detail.form.is_dirty():
        return True
    dialog = screen.evidence.import_flow.description_dialog
    return dialog is not None and dialog.isVisible() and any(dialog.values().values())


def _plain_tab_text(text: str) -> str:
    """A tab's text without its Alt letter mark: "Ta&kedowns" reads "Takedowns"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


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
    and :meth:`stop`; :attr:`warning` once before it (see :meth:`warning_ms`), and
    :attr:`warning_over` when input (or busy work, or :meth:`stop`) ends the warning."""

    timed_out = Signal()
    warning = Signal()
    warning_over = Signal()

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
        self._warned = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    @property
    def running(self) -> bool:
        return self._running

    def interval_ms(self) -> int:
        return max(1, self.minutes * self.unit_ms)

    def warning_ms(self) -> int:
        """How long before the lock the warning comes: one minute, or half the time when the
        time is one minute (it says "1 minute" or "30 seconds": see :func:`warning_message`)."""
        if self.minutes > 1:
            return self.unit_ms
        return self.interval_ms() // 2

    @property
    def warned(self) -> bool:
        """The warning is out (no input since)."""
        return self._warned

    def set_minutes(self, minutes: int) -> None:
        """A new idle time; counted from the last input, as if it had always been set."""
        self.minutes = minutes
        if self._running:
            self._check()

    def start(self) -> None:
        """Begin watching (a vault was opened). The idle clock starts now."""
        self._running = True
        self._last_input = time.monotonic()
        self._timer.start(max(1, self.interval_ms() - self.warning_ms()))

    def stop(self) -> None:
        """Stop watching (the vault was locked)."""
        self._running = False
        self._timer.stop()
        self._end_warning()

    def note_input(self, kind: QEvent.Type) -> None:
        """An event of type ``kind`` happened somewhere in the program."""
        if kind in ACTIVITY:
            self._last_input = time.monotonic()
            if self._warned:
                # The timer then wakes at the old lock time, sees the input and sleeps again.
                self._end_warning()

    def _end_warning(self) -> None:
        if self._warned:
            self._warned = False
            self.warning_over.emit()

    def _check(self) -> None:
        if not self._running:
            return
        now = time.monotonic()
        if self._busy is not None and self._busy():
            # The idle time counts from when the work ends: look again soon.
            self._last_input = now
            self._end_warning()
            self._timer.start(min(self.interval_ms(), BUSY_POLL_MS))
            return
        left_ms = self.interval_ms() - int((now - self._last_input) * 1000)
        if left_ms <= 0:
            self.stop()
            self.timed_out.emit()
            return
        until_warning = left_ms - self.warning_ms()
        if until_warning > 0:
            self._end_warning()  # a longer time was chosen while the warning was out
            self._timer.start(until_warning)
            return
        if not self._warned:
            self._warned = True
            self.warning.emit()
        self._timer.start(left_ms)
