"""The journal: private dated notes, kept in the vault apart from the evidence.

A gentle note at the top says what the journal is and is not (it could be seen in a court case).
On the left the entries (the day and the first line), on the right the entry being written
(:mod:`locker.gui.journal_parts`). With nothing chosen, the editor is a new entry for today, so
the user can simply start writing. Unsaved words are asked about before moving on (another
entry, a new one, another tab); a delete is asked about first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from locker.case import journal
from locker.case.journal import JournalEntry
from locker.gui.editor_pane import ask, save_row
from locker.gui.journal_parts import EntryEditor, EntryList
from locker.gui.messages import describe
from locker.gui.record_page import RecordPage
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, WrappingLabel, page_button, run_modal
from locker.text import clean_line
from locker.vault import Vault, VaultError

Listing = tuple[list[JournalEntry], list[str]]


class JournalPage(RecordPage):
    """Holds decrypted words only until :meth:`clear` (lock, quick exit).

    ``changed`` is emitted after an entry was saved or deleted."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._entries: dict[str, JournalEntry] = {}
        self._current: JournalEntry | None = None  # None: a new entry
        self._edit_token = 0  # bumped whenever the editor is loaded with something else

        self.note = WrappingLabel(
            self.tr(
                "Your journal is private. It is kept in the vault, apart from the evidence, and is "
                "not printed unless you choose to include it. The custody log notes only when an "
                "entry is written, changed or deleted, never its words. Anything written down "
                "could be seen by others if it becomes part of a court case, so write what you "
                "are comfortable with."
            )
        )
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setObjectName("journalNote")
        # Calm fixed colours, readable in light and dark themes (like MessageLabel, but blue).
        self.note.setStyleSheet(
            "QLabel#journalNote { background: #e8f0fa; color: #1d3047;"
            " border: 1px solid #b5c9e2; border-radius: 4px; padding: 8px; }"
        )
        self.message = MessageLabel()

        self.entries = EntryList()
        self.new_button = self.entries.new_button
        self.entry_list = self.entries.view
        self.editor = EntryEditor()
        self.day = self.editor.day
        self.text = self.editor.text

        self.save_button = page_button(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save this entry (Ctrl+S)"))
        self.discard_button = page_button(self.tr("Discard changes"))
        self.delete_button = page_button(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete this entry (you are asked first)"))
        self.saved_label = WrappingLabel()
        buttons = save_row(
            self.save_button, self.discard_button, self.saved_label, self.delete_button
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 1)
        right_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.entries)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([340, 660])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.delete_button.clicked.connect(self.delete_current)
        self.entries.on_chosen = self._chosen
        self.editor.on_edited = self._edited
        self._add_save_shortcut(self)
        self.clear()

    # --- the page contract ---------------------------------------------------------------------

    def _read(self, vault: Vault) -> Listing:
        """The entries (words being written stay as they are when they arrive)."""
        return journal.list_entries(vault)

    def _clear_records(self) -> None:
        self._entries = {}
        self.entries.clear()
        self._load(None)
        self.message.clear_message()

    def has_unsaved_changes(self) -> bool:
        """Words not saved yet (a new entry counts once something is written in it)."""
        return self._vault is not None and not self._saving and self.editor.is_dirty()

    def _ask_to_save(self) -> bool:
        return ask(
            self,
            self.tr("Save what you wrote in your journal?"),
            self.tr("You have not saved this journal entry yet."),
            (self.tr("Save"), self.tr("Don't save")),
            default_yes=True,
            title=self.tr("Unsaved journal entry"),
            destructive=True,
            run=lambda box: run_modal(box),  # looked up here when asked (tests stand in for it)
        )

    def _dont_save(self) -> None:
        self.discard()

    # --- actions ---------------------------------------------------------------------------------

    def new_entry(self) -> None:
        """An empty entry for today (after asking about unsaved words)."""
        if self.confirm_leave(self._start_new):
            self._start_new()

    def _start_new(self) -> None:
        self._load(None)
        self.text.setFocus()

    def show_entry(self, entry_id: str) -> bool:
        """Choose an entry (as a click in the list would)."""
        row = self.entries.row_of(entry_id)
        if row is not None:
            self.entry_list.setCurrentRow(row)
        return self._current is not None and self._current.id == entry_id

    def save(self) -> bool:
        """Save the entry being written. False if nothing could be started (empty, locked)."""
        vault, current = self._vault, self._current
        if vault is None or self._saving:
            return False
        day, text = self.editor.values()
        changes = self.editor.changes()
        if current is not None and not changes:
            return True
        if not text.strip():
            self.message.show_message(
                self.tr(
                    "There is nothing written in this entry yet, so it was not saved. "
                    "To remove an entry, use Delete."
                )
            )
            return False
        generation, token = self._generation, self._edit_token

        def work() -> tuple[JournalEntry, Listing]:
            if current is None:
                saved = journal.add_entry(vault, text, day)
            else:
                saved = journal.update_entry(vault, current.id, **changes)
            return saved, journal.list_entries(vault)

        self._set_saving(True)
        self.message.clear_message()
        self.runner.run(
            work,
            lambda result: self._saved(result, generation, token),
            lambda err: self._save_failed(err, generation),
        )
        return True

    def discard(self) -> None:
        """Put back the words as saved (an empty entry for a new one)."""
        self._load(self._current)
        self.message.clear_message()

    def delete_current(self) -> None:
        """Delete the chosen entry, after asking."""
        entry, vault = self._current, self._vault
        if entry is None or vault is None or self._saving:
            return
        confirmed = ask(
            self,
            self.tr("Delete this journal entry?"),
            self.tr(
                "What you wrote for {day} is removed from the vault and cannot be brought back. "
                "The custody log only notes that a private journal entry was deleted."
            ).format(day=clean_line(entry.day, 20)),
            (self.tr("Delete"), self.tr("Keep it")),
            default_yes=False,
            title=self.tr("Delete this entry?"),
            destructive=True,
            run=lambda box: run_modal(box),
        )
        if not confirmed:
            return
        generation, entry_id = self._generation, entry.id

        def work() -> Listing:
            journal.delete_entry(vault, entry_id)
            return journal.list_entries(vault)

        self._set_saving(True)
        self.runner.run(
            work,
            lambda listing: self._deleted(listing, generation, entry_id),
            lambda err: self._save_failed(err, generation),
        )

    # --- outcomes ---------------------------------------------------------------------------------

    def _loaded(self, listing: Listing, generation: int) -> None:
        if generation != self._generation:
            return
        self._show_list(listing)
        current = self._current
        stored = self._entries.get(current.id) if current is not None else None
        if current is not None and not self.has_unsaved_changes():
            self._load(stored)  # as stored now (None: deleted elsewhere)
        elif current is not None:
            self._current = stored  # unsaved words stay; deleted elsewhere: saved as new
            self._update_buttons()
        self.entries.select(self._current.id if self._current else None)

    def _saved(self, result: tuple[JournalEntry, Listing], generation: int, token: int) -> None:
        if generation != self._generation:
            return
        then, self._then = self._then, None
        saved, listing = result
        self._set_saving(False)
        self._show_list(listing)
        still_here = token == self._edit_token  # still on the words that were saved
        if still_here:
            self._load(saved)
            self.saved_label.setText(self.tr("Saved."))
        self.entries.select(self._current.id if self._current else None)
        self.changed.emit()
        if then is not None and still_here:  # stored: now go on
            then()

    def _deleted(self, listing: Listing, generation: int, entry_id: str) -> None:
        if generation != self._generation:
            return
        self._set_saving(False)
        self._show_list(listing)
        if self._current is not None and self._current.id == entry_id:
            self._load(None)
        self.entries.select(self._current.id if self._current else None)
        self.saved_label.setText(self.tr("The entry was deleted."))
        self.changed.emit()

    def _save_failed(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self._then = None  # stay on the words, with the message over them
        self._set_saving(False)
        self.message.show_message(describe(err))

    # --- internals ----------------------------------------------------------------------------------

    def _show_list(self, listing: Listing) -> None:
        entries, damaged = listing
        self._entries = {e.id: e for e in entries}
        self.entries.show_entries(entries)
        if damaged:
            self.message.show_message(
                self.tr(
                    "Some journal entries could not be read because part of the vault file is "
                    "damaged. Everything else is shown."
                )
            )

    def _chosen(self, entry_id: str) -> None:
        """The user picked a row in the list."""
        if self._current is not None and entry_id == self._current.id:
            return
        entry = self._entries.get(entry_id)

        def go_on() -> None:
            stored = self._entries.get(entry_id)
            if stored is not None:
                self._load(stored)

        if entry is None or not self.confirm_leave(go_on):
            self.entries.select(self._current.id if self._current else None)
            return
        self._load(entry)

    def _load(self, entry: JournalEntry | None) -> None:
        self._edit_token += 1
        self._then = None  # the user went somewhere: a move waiting for a save is dropped
        self._current = entry
        self.editor.load(entry)
        self.entries.select(entry.id if entry else None)
        self.saved_label.setText("")
        self._update_buttons()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.editor.set_busy(saving)
        if saving:
            self.saved_label.setText("")
        self._update_buttons()

    def _edited(self) -> None:
        self.saved_label.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        open_ = self._vault is not None and not self._saving
        dirty = open_ and self.editor.is_dirty()
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        self.delete_button.setEnabled(open_ and self._current is not None)
