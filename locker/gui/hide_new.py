"""The "Keep what I add hidden" option: items are marked intimate as they are stored.

Without it, an intimate image a survivor adds would show sharp in the grid and the viewer the
moment it lands, before she could tick "intimate". Turning the option on asks the minors
guard's question first (PRODUCT.md: before storing an item flagged intimate): for someone who
was, or may have been, under 18, the advice recommends adding only a description and the link.
The option starts off, and goes back to off on lock (a shared PC: the next person starts fresh).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from locker.gui import minors_guard
from locker.gui.widgets import set_checked_quietly


class HideNewItems(QObject):
    description_only_requested = Signal()  # the user chose to add only a description

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._on = False
        self.action = QAction(self.tr("Keep what I add hidden (intimate images)"), self)
        self.action.setCheckable(True)
        self.action.setToolTip(
            self.tr(
                "Everything you add, paste or capture while this is on is marked as an intimate "
                "image and shown blurred until you choose Reveal."
            )
        )
        self.action.toggled.connect(self.ask)

    @property
    def on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        """Set without asking (lock turns it off); widgets showing the action follow it."""
        self._on = on
        set_checked_quietly(self.action, on)

    def ask(self, on: bool) -> None:
        """The user ticked or unticked the option. Ticking asks the minors question first."""
        if not on:
            self.set_on(False)
            return
        age = minors_guard.ask_age(self._parent)
        if age is None:
            self.set_on(False)
            return
        if age is minors_guard.Age.ADULT:
            self.set_on(True)
            return
        advice = minors_guard.AdviceDialog(age, self._parent, before_adding=True)
        minors_guard.run_modal(advice)
        choice = advice.choice
        advice.deleteLater()
        self.set_on(choice is minors_guard.Choice.KEEP_FILE)
        if choice is minors_guard.Choice.DESCRIPTION_ONLY:
            self.description_only_requested.emit()
