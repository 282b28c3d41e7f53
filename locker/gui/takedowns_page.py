"""The Takedowns page: every web address the user asked to have removed, when to follow up, and
the US 48-hour removal deadline; one report's fields beside the list (below it when narrow).

Every read and write goes through the :class:`TaskRunner`; results that arrive after a lock are
dropped (a generation counter, as in the detail pane). Today and now are read from the clock
here, once per refresh, and passed to the core, which never reads the clock itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from locker.case import takedowns
from locker.case.takedowns import Takedown
from locker.gui.messages import describe
from locker.gui.takedown_form import TakedownForm
from locker.gui.takedown_table import ID_ROLE, TakedownModel, TakedownProxy, TakedownTable
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, WrappingLabel, heading, page_button, run_modal
from locker.text import clean_line
from locker.vault import Vault, VaultError

SIDE_BY_SIDE_MIN_WIDTH = 1000  # px: below this the form goes under the list


def read_clock() -> tuple[date, datetime]:
    """Today (this computer's calendar) and now (UTC)."""
    return QDate.currentDate().toPython(), datetime.now(UTC)  # type: ignore[return-value]


def ask(parent: QWidget, text: str, info: str, buttons: tuple[str, str], *,
        default_yes: bool) -> bool:  # fmt: skip
    """A question with two answers; True for the first. Esc picks the default (never the
    destructive one: it must not throw away what the user wrote, nor delete)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(text)
    box.setText(text)
    box.setInformativeText(info)
    roles = (QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole)
    yes, no = (box.addButton(b, r) for b, r in zip(buttons, roles, strict=True))
    default = yes if default_yes else no
    box.setDefaultButton(default)
    box.setEscapeButton(default)
    run_modal(box)
    return box.clickedButton() is yes


class TakedownsPage(QWidget):
    """Holds decrypted reports only until :meth:`clear`. ``changed`` is emitted after a report
    was added, changed or deleted."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.clock: Callable[[], tuple[date, datetime]] = read_clock  # tests may set their own
        self._vault: Vault | None = None
        self._generation = 0  # bumped on clear(): late results after a lock are dropped
        self._current: Takedown | None = None  # the report in the form (None: new, or none)
        self._editing = False  # the form is shown (a report, or a new one)
        self._saving = False
        self._quiet = False  # selecting a row from code: not the user choosing

        self.summary = WrappingLabel()
        self.summary.setAccessibleName(self.tr("Summary of your reports"))
        self.add_button = page_button(self.tr("Add a report…"))
        self.add_button.setToolTip(self.tr("Record a request you made to take something down"))
        self.message = MessageLabel()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.add_button)

        self.model = TakedownModel(self)
        self.proxy = TakedownProxy(self.model)
        self.table = TakedownTable(self.proxy)
        self.empty_list = WrappingLabel(
            self.tr(
                "No reports yet. When you ask a platform or a search engine to remove something, "
                "add it here: you will see the ticket or case number, when to follow up, and for "
                "US platforms the 48-hour deadline."
            )
        )
        self.empty_list.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list_pages = QStackedWidget()
        self.list_pages.addWidget(self.empty_list)
        self.list_pages.addWidget(self.table)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_pages)
        self.splitter.addWidget(self._build_form_pane())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(self.add_report)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self._show(None)

    def _build_form_pane(self) -> QWidget:
        self.form = TakedownForm()
        self.form.clock = lambda: self.clock()
        self.form.on_edited = self._on_edited
        self.form_title = heading("", 1.2)
        self.form_message = MessageLabel()
        self.save_button = page_button(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save this report (Ctrl+S)"))
        self.discard_button = page_button(self.tr("Discard changes"))
        self.delete_button = page_button(self.tr("Delete…"))
        self.saved_label = WrappingLabel()
        buttons = QHBoxLayout()
        for button in (self.save_button, self.discard_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.saved_label, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.form_title)
        column.addWidget(self.form)
        column.addWidget(self.form_message)
        column.addLayout(buttons)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)

        nothing = WrappingLabel(self.tr("Choose a report to see it here, or add one."))
        nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form_pages = QStackedWidget()
        self.form_pages.addWidget(nothing)
        self.form_pages.addWidget(self.scroll)

        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.delete_button.clicked.connect(self.delete)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self.form_pages)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        return self.form_pages

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE_MIN_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            # Side by side the list takes more; one above the other, the form (it is taller).
            total = self.splitter.width() if wide else self.splitter.height()
            first = total * 3 // 5 if wide else total * 2 // 5
            self.splitter.setSizes([first, total - first])

    # --- the contract -------------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        if vault is not self._vault:
            self.clear()
        self._vault = vault
        self._update_buttons()

    def refresh(self) -> None:
        """Read the reports again, and work out every state with the clock as it is now."""
        vault, generation = self._vault, self._generation
        if vault is None:
            return
        self.runner.run(
            lambda: takedowns.list_takedowns(vault),
            lambda result: self._loaded(result, generation),
            lambda err: self._failed(err, generation),
        )

    def clear(self) -> None:
        """Drop everything decrypted (lock, quick exit): no question asked, edits discarded."""
        self._generation += 1
        self._saving = False
        self.model.clear()
        self._show(None)
        self.summary.setText("")
        self.message.clear_message()
        self.list_pages.setCurrentWidget(self.empty_list)

    def has_unsaved_changes(self) -> bool:
        return self._editing and not self._saving and self.form.is_dirty()

    # --- actions ------------------------------------------------------------------------------

    def add_report(self) -> None:
        if self._vault is None or not self._confirm_leave():
            return
        self._select(None)
        self._show(None, new=True)
        self.form.url.setFocus()

    def save(self) -> bool:
        """Save the new report or the changed fields. False if nothing could be started."""
        vault, current = self._vault, self._current
        if vault is None or not self._editing or self._saving:
            return False
        problem = self.form.problem()
        if problem:
            self.form_message.show_message(problem)
            self.scroll.ensureWidgetVisible(self.form_message)
            return False
        work: Callable[[], Takedown]
        if current is None:
            values = self.form.values()
            work = partial(takedowns.add_takedown, vault, values.pop("url"), **values)
        else:
            changes, note = self.form.changes(), self.form.note_for_history()
            if not changes:
                return True
            work = partial(takedowns.update_takedown, vault, current.id, note, **changes)
        generation, key, url = self._generation, self._key(), self.form.url.text().strip()
        self._saving = True
        self.form_message.clear_message()
        self.form.setEnabled(False)
        self._update_buttons()
        self.runner.run(
            work,
            lambda saved: self._saved(saved, generation, key),
            lambda err: self._save_failed(err, generation, key, url),
        )
        return True

    def discard(self) -> None:
        """Put back the stored values (a new report is dropped)."""
        if self._current is None:
            self._show(None)
        else:
            self._show(self._current)

    def delete(self) -> None:
        """Delete the report on show, after asking."""
        vault, current = self._vault, self._current
        if vault is None or current is None or self._saving:
            return
        info = self.tr(
            "The record of your request about “{url}” will be removed from the vault. "
            "The custody log keeps a line saying that a takedown record was deleted."
        ).format(url=clean_line(current.url, 80))
        if not ask(self, self.tr("Delete this report and its history?"), info,
                   (self.tr("Delete"), self.tr("Keep it")), default_yes=False):  # fmt: skip
            return
        generation, takedown_id = self._generation, current.id
        self._saving = True
        self._update_buttons()
        self.runner.run(
            lambda: takedowns.delete_takedown(vault, takedown_id),
            lambda _none: self._deleted(takedown_id, generation),
            lambda err: self._save_failed(err, generation, takedown_id, current.url),
        )

    # --- internals: showing -------------------------------------------------------------------

    def _show(self, t: Takedown | None, new: bool = False) -> None:
        self._current = t
        self._editing = t is not None or new
        self.form.setEnabled(True)
        self.form.load(t)
        self.form_message.clear_message()
        self.saved_label.setText("")
        if t is not None:
            label = clean_line(t.platform, 60) or clean_line(t.url, 60)
            self.form_title.setText(self.tr("Report: {what}").format(what=label))
        else:
            self.form_title.setText(self.tr("Add a report"))
        self.form_pages.setCurrentIndex(1 if self._editing else 0)
        self.scroll.verticalScrollBar().setValue(0)
        self._update_buttons()

    def _select(self, takedown_id: str | None) -> None:
        """Select that report's row (none: no row) without treating it as the user's choice."""
        self._quiet = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of(takedown_id) if takedown_id else None
            if row is None:
                selection.clear()
            else:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                flags = QItemSelectionModel.SelectionFlag
                selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
                self.table.scrollTo(index)
        finally:
            self._quiet = False

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        takedown_id = current.data(ID_ROLE)
        if self._current is not None and self._current.id == takedown_id:
            return
        if not self._confirm_leave():
            stay = self._current.id if self._current is not None else None
            QTimer.singleShot(0, lambda: self._select(stay))
            return
        row = self.model.row_of(takedown_id)
        self._show(self.model.takedown(row) if row is not None else None)

    def _confirm_leave(self) -> bool:
        """Unsaved changes: ask Save / Don't save. False to stay."""
        if not self.has_unsaved_changes():
            return True
        info = self.tr("You changed some details and have not saved them yet.")
        if ask(self, self.tr("Save your changes to this report?"), info,
               (self.tr("Save"), self.tr("Don't save")), default_yes=True):  # fmt: skip
            return self.save()
        return True

    def _update_summary(self) -> None:
        total, overdue, today, passed = self.model.counts()
        # English has one plural rule; a translation brings its own through %n.
        parts = [
            one if n == 1 else many
            for n, one, many in (
                (total, self.tr("1 report"), self.tr("%n reports", "", total)),
                (overdue, self.tr("1 follow-up overdue"), self.tr("%n follow-ups overdue", "", overdue)),
                (today, self.tr("1 follow-up due today"), self.tr("%n follow-ups due today", "", today)),
                (passed, self.tr("1 deadline passed"), self.tr("%n deadlines passed", "", passed)),
            )
            if n
        ]  # fmt: skip
        self.summary.setText(" · ".join(parts) if total else self.tr("No reports yet."))
        self.summary.setAccessibleDescription(self.summary.text())
        self.list_pages.setCurrentWidget(self.table if total else self.empty_list)

    def _update_buttons(self) -> None:
        editing, busy = self._editing, self._saving
        dirty = editing and not busy and self.form.is_dirty()
        new = editing and self._current is None
        self.save_button.setEnabled(editing and not busy and (dirty or new))
        self.discard_button.setEnabled(dirty or (new and not busy))
        self.delete_button.setVisible(editing and not new)
        self.delete_button.setEnabled(editing and not busy)
        self.add_button.setEnabled(self._vault is not None and not busy)

    def _on_edited(self) -> None:
        self.saved_label.setText("")
        self._update_buttons()

    # --- internals: results -------------------------------------------------------------------

    def _loaded(self, result: tuple[list[Takedown], list[str]], generation: int) -> None:
        if generation != self._generation:
            return  # locked meanwhile
        items, damaged = result
        current = self._current
        fresh = next((t for t in items if current and t.id == current.id), None)
        if current is not None and not self._saving and not self.form.is_dirty():
            self._show(fresh)  # as stored now (or gone: deleted elsewhere)
        elif fresh is not None:
            self._current = fresh
        self._apply_clock(items)
        damaged_text = self.tr(
            "Reports that could not be read because part of the vault file is damaged: %n. "
            "Everything else is shown.", "", len(damaged))  # fmt: skip
        self.message.show_message(damaged_text if damaged else "")

    def _apply_clock(self, items: list[Takedown]) -> None:
        """Show ``items`` with their states at the clock's today and now."""
        today, now = self.clock()
        self.model.set_takedowns(items, today, now)
        self.table.fit_columns()
        self._select(self._current.id if self._current is not None else None)
        self.form.refresh_deadline()
        self._update_summary()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown again (another tab, the next morning): overdue and deadlines as of now."""
        super().showEvent(event)
        if self.model.rowCount():
            self._apply_clock(self.model.takedowns())

    def _failed(self, err: VaultError, generation: int) -> None:
        if generation == self._generation:
            self.message.show_message(describe(err))

    def _key(self) -> str:
        """Which report the form shows: its id, "" for a new one, None for none."""
        if not self._editing:
            return "-"
        return self._current.id if self._current is not None else ""

    def _saved(self, saved: Takedown, generation: int, key: str) -> None:
        if generation != self._generation:
            return
        self._saving = False
        self.model.put(saved)
        if self._key() in (key, saved.id):  # still on it (the user may have moved on)
            self._show(saved)
            self.saved_label.setText(self.tr("Saved. The custody log notes what changed."))
        self._select(self._current.id if self._current is not None else None)
        self._update_summary()
        self._update_buttons()
        self.changed.emit()

    def _deleted(self, takedown_id: str, generation: int) -> None:
        if generation != self._generation:
            return
        self._saving = False
        if self._key() == takedown_id:
            self._show(None)
            self._select(None)
        self._quiet = True  # the row going away moves the current row: not the user's choice
        try:
            self.model.remove(takedown_id)
        finally:
            self._quiet = False
        self._update_summary()
        self.message.show_message(self.tr("The report was deleted."))
        self.changed.emit()

    def _save_failed(self, err: VaultError, generation: int, key: str, url: str) -> None:
        if generation != self._generation:
            return
        self._saving = False
        self.form.setEnabled(True)
        if self._key() == key:
            self.form_message.show_message(describe(err))
            self.scroll.ensureWidgetVisible(self.form_message)
        else:
            self.message.show_message(
                self.tr("Your changes to the report about “{url}” could not be saved. {reason}")
                .format(url=clean_line(url, 80), reason=describe(err))
            )  # fmt: skip
        self._update_buttons()
