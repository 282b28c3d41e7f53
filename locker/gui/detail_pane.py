"""The detail pane: one item's picture (or a card for other files), its facts, and its fields.

The picture area is :mod:`locker.gui.item_preview`: intimate items are covered there until the
user reveals that one item, and this pane covers them again when they move on or lock. Edits are
saved by the core, which logs what changed; unsaved edits are asked about before moving on.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from locker.case import evidence, importer
from locker.case.evidence import EvidenceItem
from locker.gui import minors_guard
from locker.gui.export_flow import ExportFlow, has_file
from locker.gui.item_facts import FactsView
from locker.gui.item_form import ItemForm
from locker.gui.item_incidents import ItemIncidents
from locker.gui.item_preview import ItemPreview
from locker.gui.messages import describe
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, WrappingLabel, heading, page_button, run_modal
from locker.text import clean_line
from locker.vault import Vault, VaultError


class DetailPane(QWidget):
    """One item in detail. Holds decrypted data only until :meth:`clear` (lock, quick exit).

    ``item_changed(item)`` is emitted after an edit was saved (or the original removed), with
    the item as it is now stored. ``keep_item_selected(item_id)`` asks the library to select
    that item again, when the user chose to stay on it (unsaved changes that could not be saved).
    """

    item_changed = Signal(object)
    keep_item_selected = Signal(str)

    def __init__(
        self, runner: TaskRunner, reveal: RevealState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reveal = reveal
        self._vault: Vault | None = None
        self._item: EvidenceItem | None = None
        self._generation = 0  # bumped on clear(): late results after a lock are dropped
        self._saving: set[str] = set()  # ids of items whose save is under way

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_title = heading(self.tr("Nothing chosen yet"), 1.2)
        empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_text = WrappingLabel(
            self.tr("Choose an item to see it here, with everything you noted about it.")
        )
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(empty_title)
        empty_layout.addWidget(empty_text)
        empty_layout.addStretch(2)

        self.title_label = heading("", 1.3)
        self.message = MessageLabel()

        self.preview = ItemPreview(runner, reveal, lambda: self.form.wants_intimate())
        # The preview's parts by their old names (the window's tests look at them here).
        self.cover_box = self.preview.cover_box
        self.cover_text = self.preview.cover_text
        self.reveal_button = self.preview.reveal_button
        self.viewer = self.preview.viewer
        self.loading = self.preview.loading
        self.card = self.preview.card
        self.hide_button = page_button(self.tr("Hide again"))
        self.export_button = page_button(self.tr("Export a copy…"))
        actions = QHBoxLayout()
        actions.addWidget(self.hide_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)

        self.facts = FactsView()
        facts_box = QGroupBox(self.tr("About this file"))
        QVBoxLayout(facts_box).addWidget(self.facts)

        self.form = ItemForm()
        self.save_button = page_button(self.tr("Save changes"))
        self.save_button.setToolTip(self.tr("Save changes (Ctrl+S)"))
        self.discard_button = page_button(self.tr("Discard changes"))
        self.saved_label = WrappingLabel()
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.discard_button)
        save_row.addWidget(self.saved_label, 1)
        describe_box = QGroupBox(self.tr("Describe this item"))
        describe_layout = QVBoxLayout(describe_box)
        describe_layout.addWidget(self.form)
        describe_layout.addLayout(save_row)
        self.incidents = ItemIncidents(runner)  # the incidents this item is linked to

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message)
        layout.addWidget(self.preview)
        layout.addLayout(actions)
        layout.addWidget(facts_box)
        layout.addWidget(describe_box)
        layout.addWidget(self.incidents)
        layout.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.viewport().installEventFilter(self)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        self.export_flow = ExportFlow(runner, self)
        self.export_flow.message.connect(self.message.show_message)
        self.export_flow.busy_changed.connect(lambda _busy: self._update_buttons())
        self.reveal_button.clicked.connect(self.reveal_current)
        self.hide_button.clicked.connect(self._reveal.hide_all)
        self.export_button.clicked.connect(self.export_current)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.form.on_edited = self._on_edited
        self.form.on_intimate_toggled = lambda _on: self._update_cover()
        self._reveal.changed.connect(self._update_cover)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)

        self._set_item(None)

    # --- the contract -----------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """The open vault (None once locked)."""
        if vault is not self._vault:
            self.clear()
        self._vault = vault
        self.incidents.set_vault(vault)

    def show_item(self, item: EvidenceItem | None) -> None:
        """Show ``item`` (None: nothing). Unsaved changes to the item on screen are asked about
        first; moving on hides any revealed intimate image again."""
        current = self._item
        if current is not None and item is not None and item.id == current.id:
            self._refresh(item)
            return
        if current is not None and not self.confirm_leave():
            QTimer.singleShot(0, lambda: self.keep_item_selected.emit(current.id))
            return
        if self._reveal.revealed_id != (item.id if item is not None else None):
            self._reveal.hide_all()  # moving on hides it (unless the new item was just revealed)
        self._set_item(item)

    def clear(self) -> None:
        """Drop everything decrypted (lock, quick exit): no question asked, edits discarded."""
        self._generation += 1
        self._saving.clear()
        self._reveal.hide_all()
        self._set_item(None)
        self.incidents.clear()
        self.message.clear_message()

    def current_item(self) -> EvidenceItem | None:
        return self._item

    # --- actions ------------------------------------------------------------------------------

    def reveal_current(self) -> None:
        if self._item is not None:
            self._reveal.reveal(self._item.id)

    def export_current(self) -> None:
        if self._item is not None:
            self.message.clear_message()
            self.export_flow.start(self._vault, self._item)

    def discard(self) -> None:
        """Put back the stored values."""
        self.form.load(self._item)
        self.message.clear_message()
        self._update_cover()
        self._update_buttons()

    def save(self) -> bool:
        """Save the changed fields (asking the minors guard first when the intimate box was
        ticked). False if nothing could be started: a problem to fix, or the user went back."""
        item, vault = self._item, self._vault
        if item is None or vault is None or item.id in self._saving:
            return False
        changes = self.form.changes()
        if not changes:
            return True
        problem = self.form.problem()
        if problem:
            self.message.show_message(problem)
            self.scroll.ensureWidgetVisible(self.message)
            return False
        remove = False
        if changes.get("intimate") is True and has_file(item):
            choice = minors_guard.ask(self)
            if choice is minors_guard.Choice.CANCEL:
                return False
            remove = choice is minors_guard.Choice.DESCRIPTION_ONLY
        item_id, title, generation = item.id, item.title, self._generation

        def work() -> EvidenceItem:
            # One transaction: the new fields and the removal of the stored file happen
            # together or not at all, so a failed removal never leaves a half-done save.
            with vault.transaction():
                updated = evidence.update_item(vault, item_id, **changes)
                if remove:
                    updated = importer.remove_original(vault, item_id)
            return updated

        self._saving.add(item_id)
        self.message.clear_message()
        self.form.setEnabled(False)
        self._update_buttons()
        self._runner.run(
            work,
            lambda updated: self._saved(updated, generation),
            lambda err: self._save_failed(err, item_id, title, generation),
        )
        return True

    # --- internals: which item ---------------------------------------------------------------

    def _set_item(self, item: EvidenceItem | None) -> None:
        self._item = item
        self.message.clear_message()
        self.saved_label.setText("")
        self.form.load(item)
        self.form.setEnabled(item is not None and item.id not in self._saving)
        self.facts.show_item(item)
        if item is None:
            self.title_label.setText("")
            self.title_label.setAccessibleName("")  # accessibility tools read it, even hidden
            self.pages.setCurrentWidget(self.empty)
        else:
            self._show_title(item)
            self.pages.setCurrentWidget(self.scroll)
            self.scroll.verticalScrollBar().setValue(0)
        self.preview.show_item(self._vault, item)
        self.incidents.show_item(item)
        self._update_buttons()

    def _show_title(self, item: EvidenceItem) -> None:
        title = clean_line(item.title, 300).strip()
        self.title_label.setText(title or self.tr("(no title)"))
        self.title_label.setAccessibleName(self.title_label.text())

    def _refresh(self, item: EvidenceItem) -> None:
        """The same item again (the library re-sent it): keep the user's unsaved edits."""
        old = self._item
        self._item = item
        self._show_title(item)
        self.facts.show_item(item)
        if item.id not in self._saving and not self.form.is_dirty():
            self.form.load(item)
        shown = ("intimate", "original_removed", "blob", "media_type", "has_thumbnail", "facts")
        if old is None or any(getattr(old, k, None) != getattr(item, k, None) for k in shown):
            self.preview.show_item(self._vault, item)
        else:
            self.preview.keep_item(item)
        self._update_buttons()

    def confirm_leave(self) -> bool:
        """Unsaved changes (before another item or tab is shown): ask Save / Don't save.
        False to stay on the item."""
        item = self._item
        if item is None or self._vault is None or item.id in self._saving:
            return True
        if not self.form.is_dirty():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # text and details: never markup
        box.setText(self.tr("Save your changes to this item?"))
        box.setInformativeText(
            self.tr("You changed some details of “{title}” and have not saved them yet.").format(
                title=clean_line(item.title, 80)
            )
        )
        save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        dont = box.addButton(self.tr("Don't save"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(save)
        box.setEscapeButton(save)  # Esc must not throw away what the user wrote
        try:
            run_modal(box)
            answered_dont = box.clickedButton() is dont
        finally:
            box.deleteLater()  # the item's title goes with it, not kept hidden after a lock
        if answered_dont:
            return True
        return self.save()

    # --- internals: the picture (see item_preview) --------------------------------------------

    def _update_cover(self) -> None:
        self.preview.update_cover()
        self._update_buttons()

    # --- internals: saving --------------------------------------------------------------------

    def _saved(self, updated: EvidenceItem, generation: int) -> None:
        if generation != self._generation:
            return  # locked meanwhile: nothing decrypted is shown or passed on
        self._saving.discard(updated.id)
        if self._item is not None and self._item.id == updated.id:
            self._refresh_after_save(updated)
        self.item_changed.emit(updated)

    def _refresh_after_save(self, updated: EvidenceItem) -> None:
        self.form.setEnabled(True)
        self.form.load(updated)
        self._refresh(updated)
        if getattr(updated, "original_removed", ""):
            self.saved_label.setText(
                self.tr("Saved. The stored file was removed; the custody log notes it.")
            )
        else:
            self.saved_label.setText(self.tr("Saved. The custody log notes what changed."))

    def _save_failed(self, err: VaultError, item_id: str, title: str, generation: int) -> None:
        if generation != self._generation:
            return
        self._saving.discard(item_id)
        if self._item is not None and self._item.id == item_id:
            self.form.setEnabled(True)
            self.message.show_message(describe(err))
            self.scroll.ensureWidgetVisible(self.message)
        else:
            self.message.show_message(
                self.tr("Your changes to “{title}” could not be saved. {reason}").format(
                    title=clean_line(title, 80), reason=describe(err)
                )
            )
        self._update_buttons()

    def _on_edited(self) -> None:
        self.saved_label.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self._item
        saving = item is not None and item.id in self._saving
        dirty = item is not None and not saving and self.form.is_dirty()
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        exportable = item is not None and has_file(item)
        self.export_button.setVisible(exportable)
        self.export_button.setEnabled(exportable and not self.export_flow.busy)
        revealed = item is not None and self._reveal.is_revealed(item.id)
        self.hide_button.setVisible(
            revealed and item is not None and (item.intimate or self.form.wants_intimate())
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            # The picture takes most of the visible height; the fields scroll below it.
            self.viewer.setFixedHeight(max(200, int(self.scroll.viewport().height() * 0.62)))
        return super().eventFilter(watched, event)
