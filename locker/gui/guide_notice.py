"""What the guide page says about its progress: a save that failed (gone again once a save goes
through), and saving held because the progress could not be read, with "Try again".

:class:`ProgressNotice` makes the ``message`` and ``retry_button`` the page lays out; what it
shows follows :class:`locker.gui.guide_store.ProgressStore`'s reports.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from locker.gui.widgets import MessageLabel, page_button


class ProgressNotice(QObject):
    """``message`` and ``retry_button`` (hidden unless saving is held); ``on_retry()`` runs when
    "Try again" is chosen (the page reads the progress again)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_retry: Callable[[], None] = lambda: None
        self._problem_shown = ""  # the message about a failed save, while it is shown
        self.message = MessageLabel()
        self.retry_button = page_button(self.tr("Try again"))  # read the progress again (held)
        self.retry_button.setToolTip(self.tr("Read your place in the guide from the vault again"))
        self.retry_button.clicked.connect(self._retry)
        self.retry_button.hide()

    def clear(self) -> None:
        """Nothing said (lock, quick exit)."""
        self._problem_shown = ""
        self.message.clear_message()
        self.retry_button.hide()
        self.retry_button.setEnabled(True)

    def held(self, text: str) -> None:
        """The progress could not be read: what the user does is kept here, not saved."""
        self.message.show_message(text)
        self.retry_button.setEnabled(True)
        self.retry_button.show()

    def recovered(self) -> None:
        """Read at last after a failed read: saving goes on."""
        self.message.clear_message()
        self.retry_button.hide()

    def problem(self, text: str) -> None:
        """Reading or saving failed (or a note is too long to save)."""
        self._problem_shown = text
        self.message.show_message(text)

    def saved(self) -> None:
        """A save went through: a message about an earlier one that failed is gone."""
        if self._problem_shown and self.message.text() == self._problem_shown:
            self.message.clear_message()
        self._problem_shown = ""

    def _retry(self) -> None:
        """Try again: one read at a time (a second one, late, could undo what the first
        merged)."""
        self.retry_button.setEnabled(False)
        self.on_retry()
