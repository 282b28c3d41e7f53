"""One step of the guide as the user reads it: its title, where it is in the guide, its text
(paragraphs and bulleted lists), then each part: a heading, words, resource cards, buttons that
do what the step talks about ("Add a screenshot…"), and a checklist. An action that is an option
rather than a deed ("Keep what I add hidden") is a check box showing the program's own option
(the same QAction as the Evidence tab's box): ticking it here is ticking it there.

The view only shows the step and says what the user did (``on_checked``, ``on_action``); the
page (:mod:`locker.gui.guide_page`) keeps the progress and saves it. Everything is plain text
that wraps, so nothing runs off the side at a large font size. A checklist row is a check box
and a wrapping label beside it (a check box's own text never wraps): clicking the words ticks
the box, and the box's accessible name is the words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.gui.guide_links import Links
from locker.gui.guide_resources import ResourceCard
from locker.gui.widgets import WrappingLabel, heading, page_button, set_checked_quietly
from locker.guide.content import Action, CheckItem, Guide, Part, Step, blocks


class BulletList(QWidget):
    """Items with a bullet hanging to their left (wrapped lines start under the words)."""

    def __init__(self, lines: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for row, line in enumerate(lines):
            bullet = QLabel("•")
            bullet.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(bullet, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(WrappingLabel(line), row, 1)


def add_text(layout: QVBoxLayout, text: str) -> None:
    """The step's or a part's words: paragraphs and bulleted lists (core :func:`blocks`)."""
    for block in blocks(text):
        if block.kind == "list":
            layout.addWidget(BulletList(block.lines))
        else:
            layout.addWidget(WrappingLabel(" ".join(block.lines)))


class ClickableLabel(WrappingLabel):
    """The words of a checklist row: a click on them ticks (or unticks) the box."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
            self._box.toggle()


class CheckRow(QWidget):
    """A check box and its words beside it, wrapping."""

    def __init__(self, item: CheckItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setAccessibleName(item.text)
        self.label = ClickableLabel(item.text, self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)


class OptionRow(QWidget):
    """An option of the program (``action``, checkable) as a check box with wrapping words
    (``label``, the guide's wording). Ticking asks the option, which may refuse (the minors
    question answered "Go back") or be turned off later (a lock) without a signal: the action
    then tells the widgets it is added to (ActionChanged), and the box follows, as the Evidence
    tab's own box does."""

    def __init__(self, label: str, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.box = QCheckBox()
        self.box.setAccessibleName(label)
        self.box.setToolTip(action.toolTip())
        self.box.setChecked(action.isChecked())
        self.box.toggled.connect(action.setChecked)
        self.box.addAction(action)  # (its ActionChanged events reach the box)
        self.box.installEventFilter(self)
        self.label = ClickableLabel(label, self.box)
        self.label.setToolTip(action.toolTip())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.box and event.type() == QEvent.Type.ActionChanged:
            set_checked_quietly(self.box, self.action.isChecked())
        return super().eventFilter(watched, event)


class StepView(QWidget):
    """Step ``number`` of ``total``. ``can_do(action)``: whether this program can do the
    action now (else its ``missing`` sentence, if any, is shown instead of a button);
    ``option_for(action)``: the program's own option an action stands for (a check box then,
    not a button), or None; ``checked``: the ids of the step's checklist items already ticked.

    ``checklist_boxes`` by item id, ``action_buttons`` and ``option_boxes`` in order,
    ``resource_cards`` in order. ``on_checked(item_id, on)`` and ``on_action(action)`` say what
    the user did (an option's box changes the option itself)."""

    def __init__(
        self,
        guide: Guide,
        step: Step,
        links: Links,
        can_do: Callable[[Action], bool],
        checked: set[str],
        *,
        option_for: Callable[[Action], QAction | None] = lambda _action: None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.on_checked: Callable[[str, bool], None] = lambda _item, _on: None
        self.on_action: Callable[[Action], None] = lambda _action: None
        self.checklist_boxes: dict[str, QCheckBox] = {}
        self.action_buttons: list[tuple[Action, QPushButton]] = []
        self.option_boxes: list[tuple[Action, QCheckBox]] = []
        self.resource_cards: list[ResourceCard] = []
        self._chain: list[QWidget] = []
        self._links = links
        self._can_do = can_do
        self._option_for = option_for
        self._today = today

        number, total = guide.index(step.id) + 1, len(guide.steps)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.title = heading(step.title)
        self.where = WrappingLabel(
            self.tr("Step {number} of {total}").format(number=number, total=total)
        )
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.where)
        if number == 1 and guide.intro:
            add_text(self._layout, guide.intro)  # what the guide is, before its first step
        add_text(self._layout, step.text)
        for part in step.parts:
            self._add_part(guide, part)
        self.set_checked(checked)

    def focus_chain(self) -> list[QWidget]:
        """Everything in the step that takes keyboard focus, in reading order."""
        return list(self._chain)

    def set_checked(self, checked: set[str]) -> None:
        """Tick exactly the items in ``checked`` (quietly: the page knows already)."""
        for item_id, box in self.checklist_boxes.items():
            set_checked_quietly(box, item_id in checked)

    # --- parts ------------------------------------------------------------------------------------

    def _add_part(self, guide: Guide, part: Part) -> None:
        if part.heading:
            self._layout.addSpacing(6)
            self._layout.addWidget(heading(part.heading, 1.15))
        if part.text:
            add_text(self._layout, part.text)
        for resource_id in part.resources:
            resource = guide.resources.get(resource_id)
            if resource is None:  # the core checks this; never fail over a missing card
                continue
            card = ResourceCard(resource, self._links, self._today)
            self.resource_cards.append(card)
            self._chain += card.focus_chain()
            self._layout.addWidget(card)
        for action in part.actions:
            self._add_action(action)
        for item in part.checklist:
            row = CheckRow(item)
            row.box.toggled.connect(lambda on, item_id=item.id: self.on_checked(item_id, on))
            self.checklist_boxes[item.id] = row.box
            self._chain.append(row.box)
            self._layout.addWidget(row)

    def _add_action(self, action: Action) -> None:
        option = self._option_for(action) if self._can_do(action) else None
        if option is not None:
            row = OptionRow(action.label, option)
            self.option_boxes.append((action, row.box))
            self._chain.append(row.box)
            self._layout.addWidget(row)
        elif self._can_do(action):
            button = page_button(action.label.replace("&", "&&"))  # no Alt+letter of its own
            button.setAccessibleName(action.label)
            button.clicked.connect(lambda: self.on_action(action))
            self.action_buttons.append((action, button))
            self._chain.append(button)
            line = QHBoxLayout()
            line.addWidget(button)
            line.addStretch(1)
            self._layout.addLayout(line)
        elif action.missing:
            self._layout.addWidget(WrappingLabel(action.missing))
