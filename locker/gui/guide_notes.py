"""The user's own notes for the step being read, kept for the guide page.

The notes field holds one step's words at a time. What is typed is put into the progress
(:meth:`NotesKeeper.commit`) once typing pauses (``on_paused``: the page then saves), when the
step changes, and before a lock; showing the words again after a merge keeps the cursor where
the user is typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker, QTimer
from PySide6.QtGui import QTextCursor

from locker.gui.item_form import TextBox
from locker.guide.progress import GuideProgress


class NotesKeeper(QObject):
    """``step``: the step the notes field holds the words of; ``dirty``: words typed there
    are not in the progress yet. ``on_paused()`` runs once typing pauses for ``pause_ms()``
    (asked at each key, so the page's setting holds)."""

    def __init__(
        self, notes: TextBox, pause_ms: Callable[[], int], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.notes = notes
        self._pause_ms = pause_ms
        self.step = ""
        self.dirty = False
        self.on_paused: Callable[[], None] = lambda: None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.on_paused())
        notes.textChanged.connect(self._edited)

    def stop(self) -> None:
        """Forget the words typed (a lock): no save comes of them."""
        self._timer.stop()
        self.dirty = False
        self.step = ""

    def empty(self) -> None:
        """An empty field, with no undo history."""
        with QSignalBlocker(self.notes):
            self.notes.load("")

    def commit(self, progress: GuideProgress | None) -> bool:
        """Put the words in the notes field into ``progress`` (True if they changed)."""
        self._timer.stop()
        if not self.dirty or progress is None or not self.step:
            return False
        self.dirty = False
        text = self.notes.value()
        if text:
            progress.notes[self.step] = text
        else:
            progress.notes.pop(self.step, None)
        return True

    def show(self, step_id: str, words: str) -> None:
        """The step's notes in the field. When it already holds that step's words, and the
        stored words were only added before them (the merge after a failed read), the cursor
        stays where the user is typing."""
        self._show(step_id, words)
        self.step, self.dirty = step_id, False

    def _show(self, step_id: str, words: str) -> None:
        shown = self.notes.value()
        if step_id == self.step and words == shown:
            return
        cursor = self.notes.textCursor()
        position, anchor = cursor.position(), cursor.anchor()
        before = self.notes.document().characterCount()
        with QSignalBlocker(self.notes):
            self.notes.load(words)
        if step_id == self.step and shown and words.endswith(shown):
            added = self.notes.document().characterCount() - before
            cursor = self.notes.textCursor()
            cursor.setPosition(anchor + added)
            cursor.setPosition(position + added, QTextCursor.MoveMode.KeepAnchor)
            self.notes.setTextCursor(cursor)

    def _edited(self) -> None:
        self.dirty = True
        self._timer.start(self._pause_ms())  # again: saved once typing pauses
