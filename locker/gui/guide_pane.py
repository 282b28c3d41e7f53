"""The right side of the guide: the step being read, the user's notes for it, "I have
finished this step", and Back / Next; and what the page shows instead when the guide's files
cannot be read.

The step, the notes and the done box scroll together (at a large font size there is little
room); Back and Next stay in view under them. The words keep to a comfortable line length
(about :data:`READING_CHARS` characters of the font in use, so twice as wide at twice the font
size), on the left; the scroll area still fills the pane, so the wheel scrolls anywhere in it,
and Next sits at the right edge of the words. The pane only holds the widgets and keeps the Tab
order in reading order; the page (:mod:`locker.gui.guide_page`) decides what they show.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
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

READING_CHARS = 80  # average characters on a line of the step's words: long lines tire the eye
SCROLL_GAP = 12  # px between the words and the scroll bar


def reading_width(widget: QWidget) -> int:
    """How wide (px) a line of the step's words may be, in ``widget``'s font."""
    return widget.fontMetrics().averageCharWidth() * READING_CHARS


def left_column(column: QWidget) -> QWidget:
    """``column`` on the left of a row that takes any width: it grows up to its maximum width,
    and what is left over stays empty on its right."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(column, 1)
    layout.addStretch(0)
    return row


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
        self.column = column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, SCROLL_GAP, 0)
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
        self.step_area.setWidget(left_column(column))

        self.back_button = page_button(self.tr("&Back"))
        self.back_button.setToolTip(self.tr("The step before this one (Alt+B)"))
        self.next_button = page_button(self.tr("&Next"))
        self.next_button.setToolTip(self.tr("The next step (Alt+N)"))
        self._nav = QWidget()
        buttons = QHBoxLayout(self._nav)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.step_area, 1)
        layout.addWidget(left_column(self._nav))
        self._measure()

    def _measure(self) -> None:
        """Cap the words (and Back/Next under them) at the reading width of the font now."""
        width = reading_width(self)
        self.column.setMaximumWidth(width + SCROLL_GAP)
        self._nav.setMaximumWidth(width)  # Next under the right edge of the words

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:  # the user made the font larger or smaller
            self._measure()
        super().changeEvent(event)

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
            # Hidden first: a visible widget set loose becomes a window of its own for a
            # moment, which takes the focus (and the program's shortcuts) from the main window.
            view.hide()
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
