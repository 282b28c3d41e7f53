"""The guide: "What to do if your image is shared", one step at a time, at the user's pace.

On the left the steps (a ✓ and "done" beside the finished ones) and how many are done; on the
right the step being read (:class:`locker.gui.guide_step.StepView`, it scrolls), the user's own
notes for it, "I have finished this step", and Back / Next (Alt+B, Alt+N).

Where the user is, what they ticked and wrote is kept in the vault (core
:mod:`locker.guide.progress`), so the guide picks up where they left off, after a lock or on
another computer. Every change is saved through the runner, one save at a time (changes made
meanwhile go in the next one); notes are saved once typing pauses, when the step changes, and
before a lock (:meth:`GuidePage.flush`). Like the case tabs, the page holds what it read only
until :meth:`GuidePage.clear`; results that arrive after a clear are dropped.

If the guide's own files cannot be read (whatever the reason: a content file must never stop
the program from starting), the page says so kindly and lists the problems for whoever looks
after the files; the rest of the program works as usual. If the progress cannot be read, nothing
is saved over it until it can be (:class:`locker.gui.guide_store.ProgressStore`), and the page
says so (:mod:`locker.gui.guide_notice`). The notes field is kept by
:class:`locker.gui.guide_notes.NotesKeeper`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from locker.gui.guide_links import Links
from locker.gui.guide_list import StepList
from locker.gui.guide_notes import NotesKeeper
from locker.gui.guide_notice import ProgressNotice
from locker.gui.guide_pane import BrokenGuide, StepPane
from locker.gui.guide_step import StepView
from locker.gui.guide_store import ProgressStore, files_note, read_guide
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import WrappingLabel, set_checked_quietly
from locker.guide.content import Action, Guide
from locker.guide.progress import GuideProgress, is_checked, set_checked
from locker.vault import Vault

NOTES_PAUSE_MS = 800  # notes are saved this long after typing stops


class GuidePage(QWidget):
    """Holds the progress it read only until :meth:`clear` (lock, quick exit).

    ``action_requested(action)``: the user pressed an action's button ("Add a screenshot…");
    the window does it (:mod:`locker.gui.guide_actions`)."""

    action_requested = Signal(object)

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, *, guide: Guide | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.store = ProgressStore(runner, self)
        self.store.on_read = self._read
        self.store.on_problem = self._problem
        self._wanted = ""  # a step asked for before the progress was read
        self._moved = False  # the user chose a step, or wrote on one, while saving was held
        self._can_do: Callable[[Action], bool] = lambda _action: False
        self._option_for: Callable[[Action], QAction | None] = lambda _action: None
        self.links = Links(self)
        self.links.on_note_seen = self._note_seen
        self.guide, problem = (guide, None) if guide is not None else read_guide()

        self.notice = ProgressNotice(self)
        self.notice.on_retry = self.refresh
        self.store.on_saved, self.store.on_held = self.notice.saved, self.notice.held
        self.message, self.retry_button = self.notice.message, self.notice.retry_button
        self.broken = BrokenGuide(problem)
        # Parts of the guide's files that could not be used were left out (a step skips them).
        self.files_note = WrappingLabel(files_note(self.guide))
        self.files_note.setVisible(bool(self.files_note.text()))
        self.steps = StepList(self.guide or Guide("en", "", "", (), {}))
        self.step_list = self.steps.view
        self.progress_label = self.steps.progress_label
        pane = self.pane = StepPane()
        self.step_area, self.notes, self.done_box = pane.step_area, pane.notes, pane.done_box
        self.back_button, self.next_button = pane.back_button, pane.next_button

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([280, 720])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.broken)
        self.stack.setCurrentWidget(self.splitter if self.guide is not None else self.broken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.message)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.files_note)

        self.notes_keeper = NotesKeeper(self.notes, lambda: NOTES_PAUSE_MS, self)
        self.notes_keeper.on_paused = self.flush
        self.done_box.toggled.connect(self._done_toggled)
        self.back_button.clicked.connect(lambda: self._go(-1))
        self.next_button.clicked.connect(lambda: self._go(1))
        self.steps.on_chosen = self._chosen
        self.clear()

    # --- the page contract ------------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """The open vault (None once locked); its progress is read at once."""
        if vault is not self.store.vault:
            self.clear()
            self.store.vault = vault
            self.refresh()

    def refresh(self) -> None:
        """Read the progress again (through the runner; dropped if cleared meanwhile)."""
        if self.guide is not None:
            self.store.read()

    def clear(self) -> None:
        """Drop everything read and written (lock, quick exit): no question asked."""
        self.store.clear()
        self.notes_keeper.stop()
        self._moved, self._wanted = False, ""
        self.links.note_seen = False
        self.pane.drop()
        self.notes_keeper.empty()
        set_checked_quietly(self.done_box, False)
        self.steps.show_done(None)
        self.steps.select(-1)
        self.notice.clear()
        self._update_buttons()

    def has_unsaved_changes(self) -> bool:
        """Notes and ticks save themselves, so only while a save failed or saving is held (the
        progress could not be read) are there changes a lock would drop."""
        return self.store.unsaved(self.notes_keeper.dirty)

    def confirm_leave(self, then: Callable[[], None] | None = None) -> bool:
        """Before another tab: the notes being typed are saved now. Always True."""
        self.flush()
        return True

    def flush(self) -> None:
        """Hand anything not saved yet (notes being typed) to a save now (before a lock)."""
        if self._commit_notes():
            self.store.changed()
        else:
            self.store.save_pending()

    def show_step(self, step_id: str) -> None:
        """Go to that step (once the progress is read, if it is not yet)."""
        if self.guide is None or self.guide.step(step_id) is None:
            return
        progress = self.store.progress
        if progress is None:
            self._wanted = step_id
            return
        if step_id == progress.current and self.step_view is not None:
            return
        self._commit_notes()
        progress.current = step_id
        self._moved = self._moved or self.store.held
        self.store.changed()
        self._show_current()

    def start_at_beginning(self) -> None:
        """The first step (a new vault opens there)."""
        if self.guide is not None and self.guide.steps:
            self.show_step(self.guide.steps[0].id)

    def set_action_check(
        self,
        can_do: Callable[[Action], bool],
        option_for: Callable[[Action], QAction | None] | None = None,
    ) -> None:
        """Which actions this program can do now; the others show their ``missing`` words.
        ``option_for(action)``: the program's option an action stands for ("Keep what I add
        hidden"), shown as a check box bound to it; None for a button."""
        self._can_do = can_do
        self._option_for = option_for or (lambda _action: None)
        if self.step_view is not None:
            self._show_current()

    # --- what the user does -----------------------------------------------------------------------

    def _chosen(self, step_id: str) -> None:
        """A row of the list was picked (a click, the arrows)."""
        if self.store.progress is None:
            # Nothing read yet: the list picks its first row by itself when it gets the focus,
            # which must not move a vault's place in the guide back to the start.
            self.steps.select(-1)
            return
        self.show_step(step_id)

    def _go(self, delta: int) -> None:
        """Back (-1) or Next (+1)."""
        guide, progress = self.guide, self.store.progress
        if guide is None or progress is None:
            return
        index = guide.index(self._current_id()) + delta
        if 0 <= index < len(guide.steps):
            self.show_step(guide.steps[index].id)

    def _done_toggled(self, on: bool) -> None:
        progress, step_id = self.store.progress, self._current_id()
        if progress is None or not step_id:
            return
        if on:
            progress.done.add(step_id)
        else:
            progress.done.discard(step_id)
        self.steps.show_done(progress.done)
        self.store.changed()

    def _item_checked(self, step_id: str, item_id: str, on: bool) -> None:
        if self.store.progress is not None:
            set_checked(self.store.progress, step_id, item_id, on)
            self.store.changed()

    def _action(self, action: Action) -> None:
        self.flush()  # the notes first: the action may take the user to another tab
        self.action_requested.emit(action)

    def _note_seen(self) -> None:
        """The browser note was answered "Open in browser": not shown again for this vault."""
        if self.store.progress is not None:
            self.store.progress.link_note_seen = True
            self.store.changed()

    def _commit_notes(self) -> bool:
        """Put the words in the notes field into the progress (True if they changed)."""
        if not self.notes_keeper.commit(self.store.progress):
            return False
        self._moved = self._moved or self.store.held  # writing on a step is being there
        return True

    # --- reading and saving -------------------------------------------------------------------------

    def _read(self, progress: GuideProgress) -> None:
        """What a read of the vault found (a fresh start if nothing was saved yet)."""
        guide, store = self.guide, self.store
        if guide is None or not guide.steps:
            return
        recovered = store.held and store.progress is not None
        if recovered:  # read at last, after a failed read: what was done meanwhile is added
            if self._commit_notes():
                store.changed()  # (held: not saved yet, but merged below)
            # The place the guide opened on (its start) is not the user's choice: the stored
            # one stays, unless the user chose a step or is writing on this one.
            progress = store.recover(progress, moved=self._moved or self.notes.hasFocus())
            self._moved = False
            self.notice.recovered()
        if store.progress is not None and (
            store.busy or self.notes_keeper.dirty or progress == store.progress
        ):
            return  # what is on the screen is the same, or newer than what was read
        store.progress = progress
        self.links.note_seen = progress.link_note_seen
        if progress.unreadable:  # damaged: nothing of it could be read, so it is replaced
            self.message.show_message(self.store.unreadable_text())
        wanted, self._wanted = self._wanted, ""
        current = wanted or progress.current
        if guide.step(current) is None:
            current = guide.steps[0].id  # new, or a step this version no longer has
        if current != progress.current:
            progress.current = current
            if wanted:  # asked for (a new vault starts at the beginning): remembered
                store.changed()
        if recovered:
            store.save_pending()  # what was held, with what was read
        self.steps.show_done(progress.done)
        self._show_current()

    def _problem(self, text: str) -> None:
        """Reading or saving failed: said, unless a note too long to save is the reason."""
        self.notice.problem(self.store.too_long_text(self.guide) or text)

    # --- showing -------------------------------------------------------------------------------------

    @property
    def step_view(self) -> StepView | None:
        """The step shown (None before the progress is read, and after a lock)."""
        return self.pane.step_view

    def _current_id(self) -> str:
        return self.step_view.step.id if self.step_view is not None else ""

    def _show_current(self) -> None:
        """Show the step the progress is on, with its ticks, notes and done box."""
        guide, progress = self.guide, self.store.progress
        if guide is None or progress is None:
            return
        if self._commit_notes():  # words typed a moment ago are kept, whatever comes next
            self.store.changed()
        step = guide.step(progress.current) or guide.steps[0]
        focus = QApplication.focusWidget()
        old = self.step_view
        # Another step, or the focus was in the step being replaced: the focus goes to the top
        # of the step. The same step (shown again after a read): focus and cursor stay put.
        moved_on = old is None or old.step.id != step.id or old.isAncestorOf(focus)
        focus_here = (
            moved_on
            and focus is not None
            and focus is not self.step_list
            and self.isAncestorOf(focus)
        )
        checked = {i.id for i in step.checklist() if is_checked(progress, step.id, i.id)}
        view = StepView(guide, step, self.links, self._can_do, checked, option_for=self._option_for)
        view.on_checked = lambda item_id, on: self._item_checked(step.id, item_id, on)
        view.on_action = self._action
        self.pane.put(view, self.step_list)
        self.notes_keeper.show(step.id, progress.notes.get(step.id, ""))
        set_checked_quietly(self.done_box, step.id in progress.done)
        self.steps.select(guide.index(step.id))
        self._update_buttons()
        if focus_here:  # (Back, Next, or a button of the step before): read on from the top
            self.step_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        guide = self.guide
        shown = guide is not None and self.step_view is not None
        index = guide.index(self._current_id()) if guide is not None and shown else -1
        self.back_button.setEnabled(shown and index > 0)
        self.next_button.setEnabled(shown and guide is not None and index < len(guide.steps) - 1)
        self.notes.setEnabled(shown)
        self.done_box.setEnabled(shown)
