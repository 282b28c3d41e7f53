"""The left side of the guide: the list of steps and how many are done.

Each row is the step's number and title in bold with its one-line summary under it, as a card
(:mod:`locker.gui.list_rows`), wrapping at any font size. A finished step has a ✓ and the word
"done" (a mark alone is easy to miss, and a screen reader reads the word). The list only shows
and says what the user chose; the page decides what that means.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from locker.gui.list_rows import card_item, card_list
from locker.gui.widgets import WrappingLabel, heading
from locker.guide.content import Guide

ID_ROLE = Qt.ItemDataRole.UserRole


class StepList(QWidget):
    """``view`` (one row per step) and ``progress_label`` ("2 of 7 steps done").
    ``on_chosen(step_id)`` runs when the user picks a row (a click or the arrow keys), not
    when the page selects one."""

    def __init__(self, guide: Guide, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.on_chosen: Callable[[str], None] = lambda _step_id: None
        self.title = heading(guide.title, 1.2)
        self.view: QListWidget = card_list(wrap=True)
        self.view.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("Steps of the guide"))
        self.progress_label = WrappingLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress_label)
        self.show_done(None)
        self.view.currentItemChanged.connect(self._row_changed)

    def show_done(self, done: set[str] | None) -> None:
        """Mark the finished steps (None: nothing read yet, so no marks and no count)."""
        row = self.view.currentRow()
        with QSignalBlocker(self.view):
            self.view.clear()
            for number, step in enumerate(self.guide.steps, start=1):
                head = self.tr("{number}. {title}").format(number=number, title=step.title)
                if done is not None and step.id in done:
                    head = self.tr("✓ {step} (done)").format(step=head)
                item: QListWidgetItem = card_item(head, head, step.summary)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, step.summary)
                item.setData(ID_ROLE, step.id)
                self.view.addItem(item)
            self.view.setCurrentRow(row)
        total = len(self.guide.steps)
        finished = sum(1 for s in self.guide.steps if done is not None and s.id in done)
        self.progress_label.setText(
            ""
            if done is None
            else self.tr("{done} of {total} steps done").format(done=finished, total=total)
        )

    def select(self, index: int) -> None:
        """Show which step is being read (-1: none), without calling on_chosen."""
        with QSignalBlocker(self.view):
            self.view.setCurrentRow(index)
            if index < 0:
                self.view.clearSelection()

    def _row_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.on_chosen(str(item.data(ID_ROLE)))
