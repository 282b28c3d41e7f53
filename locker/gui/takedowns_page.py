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

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

from locker.case import takedowns
from locker.case.takedowns import Takedown
from locker.gui.editor_pane import EDITOR_MIN_WIDTH, EditorPane, ListAndEditor, ask
from locker.gui.messages import describe
from locker.gui.record_page import RecordPage
from locker.gui.takedown_form import TakedownForm
from locker.gui.takedown_table import TakedownList
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel
from locker.text import clean_line
from locker.vault import Vault, VaultError

SIDE_BY_SIDE_MIN_WIDTH = 900  # px: below this the form goes under the list
EDITOR_FORM_MARGIN = 8 + 4  # px: the editor's room by the scroll bar, and a little to spare


def read_clock() -> tuple[date, datetime]:
    """Today (this computer's calendar) and now (UTC)."""
    return QDate.currentDate().toPython(), datetime.now(UTC)  # type: ignore[return-value]


def editor_width(editor: EditorPane, form_width: int) -> int:
    """How narrow the editor may be: never under EDITOR_MIN_WIDTH, and with a large font
    wide enough for its buttons' whole words and for the form without a horizontal
    scroll bar (labels above the fields)."""
    scroll_bar = editor.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    form = form_width + EDITOR_FORM_MARGIN + scroll_bar
    return max(EDITOR_MIN_WIDTH, editor.editor.minimumSizeHint().width(), form)


class TakedownsPage(RecordPage):
    """Holds decrypted reports only until :meth:`clear`. ``changed`` is emitted after a report
    was added, changed or deleted."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.clock: Callable[[], tuple[date, datetime]] = read_clock  # tests may set their own
        self._current: Takedown | None = None  # the report in the form (None: new, or none)
        self._editing = False  # the form is shown (a report, or a new one)

        self.message = MessageLabel()
        # A page left open over midnight: "due today" and "overdue" as of the new day.
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._new_day)

        self.reports = r = TakedownList()
        self.model, self.proxy, self.table, self.summary = r.model, r.proxy, r.table, r.summary
        self.empty_list, self.list_pages, self.add_button = r.empty, r.pages, r.add_button

        self.form = TakedownForm()
        self.form.clock = lambda: self.clock()
        self.form.on_edited = self._on_edited
        self.editor = EditorPane(
            self.form,
            self.tr("Choose a report to see it here, or add one."),
            self.tr("Save this report (Ctrl+S)"),
            self.tr("Close"),
        )
        self.editor.close_button.setToolTip(
            self.tr("Put this report away: the table takes the whole width")
        )
        e = self.form_pages = self.editor
        self.scroll, self.form_title, self.form_message = e.scroll, e.title, e.message
        self.save_button, self.discard_button = e.save_button, e.discard_button
        self.delete_button, self.saved_label = e.delete_button, e.saved_label
        self.delete_button.setToolTip(self.tr("Delete this report (you are asked first)"))

        self.splitter = ListAndEditor(self.reports, self.editor, SIDE_BY_SIDE_MIN_WIDTH)
        self.editor.setMinimumWidth(editor_width(self.editor, self.form.narrowest()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(lambda: self.add_report())  # not clicked's bool
        self.reports.chosen.connect(self._row_chosen)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.delete_button.clicked.connect(self.delete)
        self.editor.close_button.clicked.connect(self.close_report)
        self._add_save_shortcut(self.editor)
        self._show(None)

    # --- the contract -------------------------------------------------------------------------

    def _read(self, vault: Vault) -> tuple[list[Takedown], list[str]]:
        """The reports (every state is worked out with the clock as it is when they arrive)."""
        return takedowns.list_takedowns(vault)

    def _clear_records(self) -> None:
        self.midnight.stop()
        self.model.clear()
        self._show(None)
        self.summary.setText("")
        self.summary.setAccessibleDescription("")  # read by screen readers, even hidden
        self.summary.setToolTip("")
        self.message.clear_message()
        self.list_pages.setCurrentWidget(self.empty_list)

    def has_unsaved_changes(self) -> bool:
        return self._editing and not self._saving and self.form.is_dirty()

    def _ask_to_save(self) -> bool:
        info = self.tr("You changed some details and have not saved them yet.")
        return ask(self, self.tr("Save your changes to this report?"), info,
                   (self.tr("Save"), self.tr("Don't save")), default_yes=True)  # fmt: skip

    # --- actions ------------------------------------------------------------------------------

    def add_report(self, method: str = "") -> None:
        """A new, empty report (after asking about unsaved changes), made with ``method``
        when one is named (the guide's "Add to takedown tracker"); untouched until the user
        types, so leaving it asks nothing."""
        start = partial(self._start_new, method)
        if self._vault is None or not self.confirm_leave(start):
            return
        start()

    def _start_new(self, method: str = "") -> None:
        self._select(None)
        self._show(None, new=True, method=method)
        self.form.url.setFocus()

    def save(self) -> bool:
        """Save the new report or the changed fields. False if nothing could be started."""
        vault, current = self._vault, self._current
        if vault is None or not self._editing or self._saving:
            return False
        problem = self.form.problem()
        if problem:
            self.editor.say(problem)
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

    def close_report(self) -> None:
        """Put the form away (after asking about unsaved changes): the table takes the room."""
        if self.confirm_leave(self._put_away):
            self._put_away()

    def _put_away(self) -> None:
        self._select(None)
        self._show(None)
        self.table.setFocus()  # the Close button went with the form

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

    def _show(self, t: Takedown | None, new: bool = False, method: str = "") -> None:
        self._current = t
        self._then = None  # the user went somewhere: a move waiting for a save is dropped
        self._editing = t is not None or new
        self.form.setEnabled(True)
        self.form.load(t, method)
        self.form_message.clear_message()
        self.saved_label.setText("")
        if t is not None:
            label = clean_line(t.platform, 60) or clean_line(t.url, 60)
            self.form_title.setText(self.tr("Report: {what}").format(what=label))
        else:
            self.form_title.setText(self.tr("Add a report"))
        self.editor.show_form(self._editing)
        self.splitter.show_editor(self._editing)
        self._update_buttons()

    def _select(self, takedown_id: str | None) -> None:
        self.reports.select(takedown_id)

    def _row_chosen(self, takedown_id: str) -> None:
        if self._current is not None and self._current.id == takedown_id:
            return
        if not self.confirm_leave(lambda: self._open(takedown_id)):
            stay = self._current.id if self._current is not None else None
            QTimer.singleShot(0, lambda: self._select(stay))
            return
        self._open(takedown_id)

    def _open(self, takedown_id: str) -> None:
        row = self.model.row_of(takedown_id)
        self._show(self.model.takedown(row) if row is not None else None)
        self._select(takedown_id if row is not None else None)

    def _update_summary(self) -> None:
        self.reports.show_summary()

    def _update_buttons(self) -> None:
        editing, busy = self._editing, self._saving
        dirty = editing and not busy and self.form.is_dirty()
        new = editing and self._current is None
        self.save_button.setEnabled(editing and not busy and (dirty or new))
        self.discard_button.setEnabled(dirty or (new and not busy))
        self.delete_button.setEnabled(editing and not new and not busy)
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
        self._arm_midnight()
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

    def _arm_midnight(self) -> None:
        """Work the states out again just after the next local midnight."""
        now = QDateTime.currentDateTime()
        midnight = QDateTime(now.date().addDays(1), QTime(0, 0))
        self.midnight.start(max(1_000, now.msecsTo(midnight) + 1_000))  # once the day turned

    def _new_day(self) -> None:
        if self._vault is None:
            return
        if self.model.rowCount():
            self._apply_clock(self.model.takedowns())
        self._arm_midnight()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown again (another tab, the next morning): overdue and deadlines as of now."""
        super().showEvent(event)
        if self.model.rowCount():
            self._apply_clock(self.model.takedowns())

    def _key(self) -> str:
        """Which report the form shows: its id, "" for a new one, None for none."""
        if not self._editing:
            return "-"
        return self._current.id if self._current is not None else ""

    def _saved(self, saved: Takedown, generation: int, key: str) -> None:
        if generation != self._generation:
            return
        then, self._then = self._then, None
        self._saving = False
        self.model.put(saved)
        if self._key() in (key, saved.id):  # still on it (the user may have moved on)
            self._show(saved)
            self.saved_label.setText(self.tr("Saved. The custody log notes what changed."))
        self._select(self._current.id if self._current is not None else None)
        self._update_summary()
        self._update_buttons()
        self.changed.emit()
        if then is not None and self._key() == saved.id:  # stored: now go on
            then()

    def _deleted(self, takedown_id: str, generation: int) -> None:
        if generation != self._generation:
            return
        self._saving = False
        if self._key() == takedown_id:
            self._show(None)
            self._select(None)
        self.reports.remove(takedown_id)
        self._update_summary()
        self.message.show_message(self.tr("The report was deleted."))
        self.changed.emit()

    def _save_failed(self, err: VaultError, generation: int, key: str, url: str) -> None:
        if generation != self._generation:
            return
        self._saving = False
        self._then = None  # stay on the words, with the message over them
        self.form.setEnabled(True)
        if self._key() == key:
            self.editor.say(describe(err))
        else:
            self.message.show_message(
                self.tr("Your changes to the report about “{url}” could not be saved. {reason}")
                .format(url=clean_line(url, 80), reason=describe(err))
            )  # fmt: skip
        self._update_buttons()
