"""Quick exit: the pieces that must work from anywhere in the program, at once.

- :class:`QuickExitKeys` recognises Ctrl+Q and F12 seen by the window's application-wide event
  filter, so they work on every screen, in every field, and while one of our dialogs (even a
  modal file dialog) is open. A button shortcut could not: Qt does not fire a window's
  shortcuts while a modal dialog blocks it.
- :func:`hide_everything` takes every window of ours off the screen; it touches nothing slow
  (no thread, no file), so it can run first, before the vault is locked.
- :func:`close_dialogs` then closes those dialogs for good.

The order of the whole quick exit lives in :meth:`MainWindow.quick_exit`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu, QWidget

KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})


def is_quick_exit_key(event: QKeyEvent) -> bool:
    """Ctrl+Q (Cmd+Q on a Mac, as Qt maps it) or F12, whatever else is held."""
    key = event.key()
    if key == Qt.Key.Key_F12:
        return True
    return key == Qt.Key.Key_Q and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


def belongs_to(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` is inside ``window`` or in a window of ours opened over it.

    A dialog opened without a parent (``None``) belongs to the program, hence to its one main
    window; another main window (tests make several) does not.
    """
    top: QWidget | None = widget.window()
    while top is not None:
        if top is window:
            return True
        parent = top.parentWidget()
        if parent is None:
            return not isinstance(top, QMainWindow)
        top = parent.window()
    return False


def our_windows(window: QWidget) -> list[QWidget]:
    """Every visible top-level widget of ours other than ``window`` (dialogs, menus)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w is not window and w.isVisible() and belongs_to(w, window)
    ]


def hide_everything(window: QWidget) -> list[QWidget]:
    """Hide ``window`` and every dialog of ours; returns the dialogs, to be closed next.

    Only hides: nothing here waits for a thread, a file or the window system.
    """
    window.hide()
    others = our_windows(window)
    for widget in others:
        widget.hide()
    return others


def close_dialogs(window: QWidget, widgets: list[QWidget] | None = None) -> None:
    """Close our dialogs and menus without any question ("are you sure?") in between.

    A dialog running its own event loop (``exec()``) returns Rejected to whoever opened it.
    """
    if widgets is None:
        widgets = our_windows(window)
    for widget in widgets:
        dismiss = getattr(widget, "dismiss", None)
        if callable(dismiss):  # a dialog that knows how to go without asking
            dismiss()
        elif isinstance(widget, QDialog):
            # done(), not reject(): a reject() override might ask a question first.
            widget.done(QDialog.DialogCode.Rejected)
        elif isinstance(widget, QMenu):
            widget.close()
        else:
            widget.hide()


class QuickExitKeys:
    """Ctrl+Q or F12 in ``window`` (or in a dialog of ours over it) calls ``trigger``.

    The window's application-wide event filter hands every key event to :meth:`handle` (one
    filter for the whole window: each Python filter costs about a microsecond per event).
    """

    def __init__(self, window: QWidget, trigger: Callable[[], None]) -> None:
        self._window = window
        self._trigger = trigger

    def handle(self, watched: QObject, event: QEvent) -> bool:
        """True if the event was ours (then it goes no further)."""
        kind = event.type()
        if kind not in KEY_EVENTS:
            return False
        # Key events reach the QWindow first, then the focused widget: act on the widget only,
        # so one key press triggers once.
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if not is_quick_exit_key(event) or not belongs_to(watched, self._window):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # Claim the key, so that no shortcut elsewhere (Qt's own "Quit", say) takes it;
            # the key press that follows comes back here.
            event.accept()
            return True
        self._trigger()
        return True
