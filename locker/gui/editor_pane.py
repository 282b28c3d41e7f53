"""The right side of a case tab: the record being edited, or a short line when none is chosen.

Shared by the Incidents and Takedowns tabs (the Journal uses :func:`save_row` only), so the
three tabs look and behave alike: a heading, the form (it scrolls), a message about the form,
and always in view under it Save, Discard changes, what happened ("Saved.") and, apart on the
right, Delete…. The pages decide what the buttons do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from locker.gui.widgets import MessageLabel, WrappingLabel, heading, page_button, run_modal


def ask(parent: QWidget, text: str, info: str, buttons: tuple[str, str], *,
        default_yes: bool, title: str = "", destructive: bool = False,
        run: Callable[[QMessageBox], object] | None = None) -> bool:  # fmt: skip
    """A question with two answers; True for the first. Enter and Esc pick the default (never
    the destructive one: it must not throw away what the user wrote, nor delete), and so does
    a box closed without an answer. ``destructive``: the other answer throws away or deletes
    (its button says so; a delete question gets the warning icon). ``title``: the window's
    title (``text`` if none). ``run``: shows the box (run_modal)."""
    box = QMessageBox(parent)
    warning = destructive and not default_yes
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
    box.setWindowTitle(title or text)
    box.setTextFormat(Qt.TextFormat.PlainText)  # text and details: never markup
    box.setText(text)
    box.setInformativeText(info)
    other = QMessageBox.ButtonRole.DestructiveRole if destructive else None
    roles = (
        (QMessageBox.ButtonRole.AcceptRole, other or QMessageBox.ButtonRole.RejectRole)
        if default_yes
        else (other or QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole)
    )
    yes, no = (box.addButton(b, r) for b, r in zip(buttons, roles, strict=True))
    default = yes if default_yes else no
    box.setDefaultButton(default)
    box.setEscapeButton(default)
    try:
        (run or run_modal)(box)
        clicked = box.clickedButton()
        return clicked is yes or (default_yes and clicked is not no)
    finally:
        box.deleteLater()  # what it named (an address, a day) goes with it, not kept hidden


EDITOR_MIN_WIDTH = 400  # px: the editor beside a list; the list takes the rest


def save_row(
    save: QPushButton, discard: QPushButton, saved: QLabel, delete: QPushButton | None
) -> QHBoxLayout:
    """Save, Discard changes and the saved note on the left; Delete… apart on the right."""
    row = QHBoxLayout()
    row.addWidget(save)
    row.addWidget(discard)
    row.addWidget(saved, 1)
    if delete is not None:
        row.addSpacing(24)
        row.addWidget(delete)
    return row


class EditorPane(QStackedWidget):
    """``form`` with its heading, message and buttons; ``empty_text`` when nothing is chosen."""

    def __init__(
        self,
        form: QWidget,
        empty_text: str,
        save_tip: str,
        close_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = heading("", 1.2)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        # "Close" beside the heading, for a pane that can be put away (``close_text``).
        self.close_button = page_button(close_text)
        self.close_button.setVisible(bool(close_text))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.message = MessageLabel()
        self.save_button = page_button(self.tr("Save"))
        self.save_button.setToolTip(save_tip)
        self.discard_button = page_button(self.tr("Discard changes"))
        self.delete_button = page_button(self.tr("Delete…"))
        self.saved_label = WrappingLabel()

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)  # room between the fields and the scroll bar
        column.addWidget(form)
        column.addWidget(self.message)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)

        self.editor = QWidget()
        layout = QVBoxLayout(self.editor)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        buttons = save_row(
            self.save_button, self.discard_button, self.saved_label, self.delete_button
        )
        layout.addLayout(buttons)

        self.empty = WrappingLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.empty)
        self.addWidget(self.editor)

    def show_form(self, shown: bool) -> None:
        """The form (at its top), or the line saying nothing is chosen."""
        self.setCurrentWidget(self.editor if shown else self.empty)
        self.scroll.verticalScrollBar().setValue(0)

    def showing_form(self) -> bool:
        return self.currentWidget() is self.editor

    def say(self, text: str) -> None:
        """A message about the form, scrolled into view."""
        self.message.show_message(text)
        self.scroll.ensureWidgetVisible(self.message)


class ListAndEditor(QSplitter):
    """A list and its editor side by side (the editor under the list when narrower than
    ``side_by_side``), the editor taking ``share`` of the width (at least EDITOR_MIN_WIDTH).
    With :meth:`show_editor` False the editor is put away and the list has all the room. The
    editor's size, once the user drags the divider, is kept."""

    def __init__(
        self, list_side: QWidget, editor: QWidget, side_by_side: int, share: float = 1 / 3
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._side_by_side = side_by_side
        self._share = share
        self._editor = editor
        self._shown = True
        self._editor_size = 0  # as the user last left it (0: not moved)
        self._placed = False  # the first sizes are given once the splitter has its width
        self.setChildrenCollapsible(False)
        self.addWidget(list_side)
        self.addWidget(editor)
        self.setStretchFactor(0, 1 if share < 0.5 else 0)
        self.setStretchFactor(1, 0 if share < 0.5 else 1)
        editor.setMinimumWidth(EDITOR_MIN_WIDTH)
        self.splitterMoved.connect(self._moved)

    def show_editor(self, shown: bool) -> None:
        self._shown = shown
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        wide = self.width() >= self._side_by_side
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        turned = self.orientation() != orientation
        appearing = self._shown and (self._editor.isHidden() or not self._placed)
        if turned:
            self.setOrientation(orientation)
            self._editor_size = 0
        self._editor.setVisible(self._shown)
        if self._shown and (turned or appearing):
            # Side by side the list takes what the editor does not need; one above the other,
            # the editor takes more (it is taller).
            total = self.width() if wide else self.height()
            size = max(EDITOR_MIN_WIDTH, int(total * self._share)) if wide else total * 3 // 5
            size = self._editor_size or size
            self.setSizes([total - size, size])
            self._placed = self.width() > 0

    def _moved(self) -> None:
        if self._editor.isVisible():
            self._editor_size = self.sizes()[1]
