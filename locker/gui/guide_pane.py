"""The right side of the guide: the step being read, the user's notes for it, "I have
finished this step", and Back / Next; and what the page shows instead when the guide's files
cannot be read.

The step, the notes and the done box scroll together (at a large font size there is little
room); Back and Next stay in view under them. The pane only holds the widgets and keeps the Tab
order in reading order; the page (:mod:`locker.gui.guide_page`) decides what they show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locker.gui.guide_step import StepView
from locker.gui.item_form import TextBox
from locker.gui.widgets import WrappingLabel, heading, page_button
from locker.guide.content import GuideError


class StepPane(QWidget):
    """``step_area`` (scrolling: the step, ``notes``, ``done_box``), ``back_button``, ``next_button``;
    ``step_view`` is the step shown (None: none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_view: StepView | None = None
        self._holder = QVBoxLayout()
        self._holder.setContentsMargins(0, 0, 0, 0)
        # Alt+Y, Alt+F, Alt+B, Alt+N: no tab's letter (G, E, I, K, J) and no other on the page.
        notes_label = QLabel(self.tr("&Your notes for this step"))
        notes_about = WrappingLabel(
            self.tr(
                "Only for you, if you want them: what you did, what to do next, a number you "
                "were given. They are kept in the encrypted vault, like your evidence."
            )
        )
        self.notes = TextBox(5)
        self.notes.setAccessibleName(self.tr("Your notes for this step"))
        notes_label.setBuddy(self.notes)
        self.done_box = QCheckBox(self.tr("I have &finished this step"))
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 12, 0)  # room between the words and the scroll bar
        column_layout.addLayout(self._holder)
        column_layout.addSpacing(12)
        column_layout.addWidget(notes_label)
        column_layout.addWidget(notes_about)
        column_layout.addWidget(self.notes)
        column_layout.addWidget(self.done_box)
        column_layout.addStretch(1)
        self.step_area = QScrollArea()
        self.step_area.setWidgetResizable(True)
        self.step_area.setFrameShape(QFrame.Shape.NoFrame)
        self.step_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.step_area.setWidget(column)

        self.back_button = page_button(self.tr("&Back"))
        self.back_button.setToolTip(self.tr("The step before this one (Alt+B)"))
        self.next_button = page_button(self.tr("&Next"))
        self.next_button.setToolTip(self.tr("The next step (Alt+N)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.step_area, 1)
        layout.addLayout(buttons)

    def put(self, view: StepView, before: QWidget) -> None:
        """Show ``view`` (at its top) in place of the step shown; Tab comes from ``before``."""
        self.drop()
        self._holder.addWidget(view)
        view.show()  # now, not when the event loop comes round (Qt's default for a new child)
        self.step_view = view
        self.step_area.setAccessibleName(f"{view.where.text()}: {view.step.title}")
        self.step_area.verticalScrollBar().setValue(0)
        # Tab goes through the page in reading order: the list of steps, the step (its
        # buttons, boxes, Copy), the notes, "I have finished", Back, Next.
        chain: list[QWidget] = [before, self.step_area, *view.focus_chain()]
        chain += [self.notes, self.done_box, self.back_button, self.next_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def drop(self) -> None:
        """Take the step away (its words are gone from the page at once)."""
        view, self.step_view = self.step_view, None
        if view is not None:
            self._holder.removeWidget(view)
            view.setParent(None)
            view.deleteLater()
        self.step_area.setAccessibleName("")


class BrokenGuide(QWidget):
    """The guide's files could not be read: a kind message and, for whoever looks after the
    files, every problem found (``problems``, plain text that can be selected and copied)."""

    def __init__(self, problem: GuideError | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Problems found in the guide's files"))
        self.problems.setPlainText("\n".join(problem.problems) if problem is not None else "")
        self.explanation = WrappingLabel(
            self.tr(
                "The guide's files could not be read. Everything else in Evidence Locker works "
                "as usual, and your evidence is not affected. Whoever looks after this program "
                '(an advocate, for example) can check the files with the command "locker guide '
                'check". This is what was found:'
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("The guide cannot be shown right now")))
        layout.addWidget(self.explanation)
        layout.addWidget(self.problems, 1)
