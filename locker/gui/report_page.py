"""The Summary tab: choose what goes in, make the printable summary, look at it, print or save it.

On the left the choices and "Make the summary" (:mod:`locker.gui.report_column`); on the right
(:mod:`locker.gui.report_view`) the progress (with Cancel) while the core builds the PDF off the
UI thread, then the preview and what can be done with it (Print…, Save PDF…, Save originals bundle… — :mod:`locker.gui.
report_save` and :mod:`locker.gui.report_printing`).

What is printed is what was previewed: once a choice changes (or something in the vault does),
the preview is marked out of date and Print and Save wait until the summary is made again.
The PDF lives in memory only; :meth:`ReportPage.clear` (lock, quick exit) drops it, the packet of
unredacted pictures and every drawn page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from locker.case import evidence
from locker.case.evidence import EvidenceItem
from locker.case.settings import load_settings, remember_report_paper
from locker.gui.item_form import local_zone
from locker.gui.messages import describe
from locker.gui.pdf_pages import PdfPages
from locker.gui.report_column import OptionsColumn
from locker.gui.report_printing import ReportPrinter
from locker.gui.report_save import ReportSaver
from locker.gui.report_status import stats_words
from locker.gui.report_view import SummaryView
from locker.gui.tasks import Job, JobControl, TaskRunner
from locker.report.document import Report, build_report
from locker.vault import Vault, VaultError
from locker.vault.errors import Cancelled


class ReportPage(QWidget):
    """Follows the case pages' contract (set_vault, refresh, clear, has_unsaved_changes).
    ``report``: the summary made (None before, and after a lock); ``out_of_date``: it no longer
    matches the choices or the vault."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._vault: Vault | None = None
        self._generation = 0  # bumped on clear() and on each make: older outcomes are dropped
        self._job: Job | None = None
        self._making: int | None = None  # the generation of the make under way
        self._cleared = 0  # bumped on clear(): a list read after a lock is dropped
        self.report: Report | None = None
        self.pages: PdfPages | None = None
        self.out_of_date = False

        self.column = OptionsColumn()
        self.form, self.make_button = self.column.form, self.column.make_button

        self.view = view = SummaryView()
        self._empty_vault = False  # the list read says there is no evidence
        self.message, self.busy, self.stats = view.message, view.busy, view.stats
        self.empty_note, self.stale_note, self.preview = (
            view.empty_note,
            view.stale_note,
            view.preview,
        )
        self.print_button, self.save_button = view.print_button, view.save_button
        self.bundle_button = view.bundle_button
        self.stage, self.bar = self.busy.stage, self.busy.bar
        self.cancel_button = self.busy.cancel_button

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.column)
        layout.addWidget(view, 1)

        self.saver = ReportSaver(runner, self)
        self.printer = ReportPrinter(runner, self)
        self.make_button.clicked.connect(self.make)
        self.cancel_button.clicked.connect(self.stop)
        self.form.changed.connect(lambda: self.mark_out_of_date(self.tr("Options changed.")))
        self.print_button.clicked.connect(
            lambda: self.printer.print_summary(
                self._vault, self._ready(), self.pages, self.form.copies.value()
            )
        )
        self.save_button.clicked.connect(lambda: self.saver.save_pdf(self._vault, self._ready()))
        self.bundle_button.clicked.connect(
            lambda: self.saver.save_bundle(self._vault, self._ready())
        )
        for flow in (self.saver, self.printer):
            flow.message.connect(self.message.show_message)
            flow.busy_changed.connect(lambda _busy: self._update())
        self.saver.progress.connect(self._show_progress)
        self._update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.column.fit()  # the choices' share of a narrower window

    # --- the page contract -------------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """The open vault (None once locked); the paper it was last printed on is chosen."""
        if vault is not self._vault:
            self.clear()
            if vault is not None:
                cleared = self._cleared
                self.runner.run(
                    lambda: load_settings(vault).report_paper,
                    lambda paper: self._paper_read(paper, cleared),
                    lambda _err: None,  # settings never stand in the way: Letter, as it is
                )
        self._vault = vault
        self._update()

    def _paper_read(self, paper: str, cleared: int) -> None:
        if cleared == self._cleared and self.report is None and self._job is None:
            self.form.set_paper(paper)

    def refresh(self) -> None:
        """Read the evidence list again (for "Choose…" and the empty-vault note). Something in
        the vault changed since the summary was made: it is out of date."""
        vault, cleared = self._vault, self._cleared
        if vault is None:
            return
        if self.report is not None:
            self.mark_out_of_date(
                self.tr("Something in the vault changed since this summary was made.")
            )
        self.runner.run(
            lambda: evidence.list_items(vault),
            lambda listing: self._items_read(listing, cleared),
            lambda err: self._list_failed(err, cleared),
        )

    def clear(self) -> None:
        """Drop the summary, the packet, every drawn page and the choices (lock, quick exit);
        work under way is cancelled and its outcome ignored."""
        self._generation += 1
        self._cleared += 1
        if self._job is not None:
            self._job.cancel()
        self._job = self._making = None
        self.saver.cancel()
        self.printer.cancel()
        self._drop_report()
        self.form.clear()
        self.message.clear_message()
        self._empty_vault = False
        self.busy.hide()
        self._update()

    def has_unsaved_changes(self) -> bool:
        """Nothing here is ever lost by leaving: the choices stay, and are not the vault's."""
        return False

    # --- making the summary ----------------------------------------------------------------------

    def make(self) -> None:
        """Build the summary off the UI thread with the choices as they are now."""
        vault = self._vault
        if vault is None or self._job is not None or self.saver.busy or self.printer.busy:
            return
        options = self.form.options()
        if options.ids == ():
            self.message.show_message(
                self.tr("No evidence is ticked. Tick what to include, or choose “All evidence”.")
            )
            return
        self._generation += 1
        generation, zone = self._generation, local_zone()
        self.message.clear_message()
        self._show_progress(self.tr("Getting started…"), 0.0)
        self._making = generation

        def work(control: JobControl) -> Report:
            remember_report_paper(vault, options.paper)
            return build_report(
                vault,
                options,
                cancelled=control.cancelled,
                progress=lambda done, total, words: control.report((words, done / max(total, 1))),
                floating_zone=zone,
            )

        job = self.runner.start_job(
            work,
            lambda report: self._made(report, generation),
            lambda err: self._failed(err, generation),
            lambda value: self._progressed(value, generation),
        )
        if self._making == generation:
            self._job = job  # (a synchronous runner has delivered already)
        self._update()

    def stop(self) -> None:
        """The Cancel button: the job stops at its next check; nothing is kept."""
        if self._job is not None:
            self._job.cancel()
            self.busy.show_stopping()
        elif self.saver.busy:
            self.saver.stop()
            self.busy.show_stopping()

    def _progressed(self, value: Any, generation: int) -> None:
        stopping = self._job is not None and self._job.cancel_requested
        if generation == self._making and value is not None and not stopping:
            self._show_progress(*value)

    def _made(self, report: Report, generation: int) -> None:
        if generation != self._generation:
            return
        self._job = self._making = None
        lost = self._focus_on_work()
        self.busy.hide()
        try:
            pages = PdfPages(report.pdf)
        except VaultError as err:
            self.message.show_message(describe(err))
            self._update()
            self._give_focus(lost, self.make_button)
            return
        self._drop_report()
        self.report, self.pages = report, pages
        self.preview.set_document(pages)
        self.stats.setText(stats_words(report))
        self._update()
        self._give_focus(lost, self.preview.pages_area)

    def _failed(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self._job = self._making = None
        lost = self._focus_on_work()
        self.busy.hide()
        if isinstance(err, Cancelled):
            self.message.show_message(self.tr("Stopped. No summary was made."))
        else:
            self.message.show_message(describe(err))
        self._update()
        self._give_focus(lost, self.make_button)

    def _focus_on_work(self) -> bool:
        """True when the keyboard focus is on Cancel or the greyed choices: hiding them would
        send it on to the next button outside the page (Lock), where one more Enter locks."""
        focus = QApplication.focusWidget()
        return focus is not None and (self.busy.isAncestorOf(focus) or not focus.isEnabled())

    @staticmethod
    def _give_focus(lost: bool, target: QWidget) -> None:
        if lost and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _list_failed(self, err: VaultError, cleared: int) -> None:
        if cleared == self._cleared:
            self.message.show_message(describe(err))

    def _items_read(self, listing: tuple[list[EvidenceItem], list[str]], cleared: int) -> None:
        if cleared != self._cleared:
            return
        items, _damaged = listing
        self.form.set_items(items, local_zone())
        self._empty_vault = not items
        self._update()

    # --- state ----------------------------------------------------------------------------------------

    def mark_out_of_date(self, why: str) -> None:
        """The preview no longer shows what would be printed: Print and Save wait for a remake."""
        if self.report is None:
            return
        self.out_of_date = True
        self.stale_note.show_message(
            why + " " + self.tr("Make the summary again to print or save it.")
        )
        self._update()

    def _ready(self) -> Report | None:
        """The summary to print or save: only one that matches what is previewed."""
        return None if self.out_of_date else self.report

    def _drop_report(self) -> None:
        self.preview.clear()
        if self.pages is not None:
            self.pages.close()
        self.report = self.pages = None
        self.out_of_date = False
        self.stale_note.clear_message()
        self.stats.setText("")

    def _show_progress(self, words: str, fraction: float | None) -> None:
        self.busy.show_progress(words, fraction)

    def _update(self) -> None:
        self.view.show_words(made=self.report is not None, empty_vault=self._empty_vault)
        working = self._job is not None or self.saver.busy or self.printer.busy
        if not working:
            self.busy.hide()
        making = self._job is not None and not self._job.cancel_requested
        self.cancel_button.setEnabled(making or self.saver.busy)
        self.make_button.setEnabled(self._vault is not None and not working)
        ready = self._ready() is not None and not working
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.bundle_button.setEnabled(ready and bool(self.report and self.report.exhibits))
        self.form.setEnabled(self._job is None)
