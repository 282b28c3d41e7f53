"""Printing what the Summary tab made: the summary with the copies chosen, then (only if it was
made, and only after its own question) the separate packet of unredacted pictures.

The pages go to the printer from memory (:func:`locker.gui.report_print.print_pdf`): nothing is
written to the disk. The custody log notes a print only when something was really sent to a
printer; no printer set up gets a kind sentence pointing to Save PDF instead. Tests set
:attr:`ReportPrinter.target` (a QPrinter writing a PDF into a temporary folder) and
:attr:`ReportPrinter.ask` (False: no print dialog).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from locker.gui import report_print
from locker.gui.messages import describe
from locker.gui.pdf_pages import PdfPages
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import run_modal, warning_question, went_on
from locker.report.document import Report
from locker.report.record import PRINTED, record_report
from locker.vault import Cancelled, Vault, VaultError


class ReportPrinter(QObject):
    """Prints the page's summary. ``message(text)`` says what happened; ``busy_changed`` while
    the custody entry is written."""

    message = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._runner = runner
        self._parent = parent_widget
        self.target: QPrinter | None = None  # None: the printer the user picks in the dialog
        self.ask = True  # show the print dialog
        self._runs = 0
        self._active: int | None = None  # the custody entry being written

    @property
    def busy(self) -> bool:
        return self._active is not None

    def cancel(self) -> None:
        """Forget the entry being written (it still finishes): nothing more is said."""
        if self._active is not None:
            self._active = None
            self.busy_changed.emit(False)

    def print_summary(
        self, vault: Vault | None, report: Report | None, pages: PdfPages | None, copies: int
    ) -> None:
        """Print the summary (the system's print dialog first); then offer the packet."""
        if vault is None or report is None or pages is None or self.busy:
            return
        title = self.tr("Evidence summary")  # what a print queue shows: no names in it
        if not self._print(pages, copies, title):
            return
        said = (
            self.tr("The summary was sent to the printer.")
            if copies == 1
            else self.tr("The summary was sent to the printer (%n copies).", "", copies)
        )
        self._record(
            vault, report, PRINTED, said, lambda: self._offer_packet(vault, report, copies)
        )

    def _offer_packet(self, vault: Vault, report: Report, copies: int) -> None:
        if report.packet is None or not self.ask_packet():
            return
        try:
            pages = PdfPages(report.packet)
        except VaultError as err:
            self.message.emit(describe(err))
            return
        try:
            printed = self._print(pages, copies, self.tr("Evidence packet"))
        finally:
            pages.close()
        if printed:
            said = self.tr(
                "The separate packet with the unredacted pictures was sent to the printer."
            )
            self._record(vault, report, PRINTED, said, None)

    def ask_packet(self) -> bool:
        """The question before the unredacted pictures are printed (No is the default)."""
        box = warning_question(
            self._parent,
            self.tr("Print the unredacted packet"),
            self.tr("Also print the separate packet with the intimate pictures shown in full?"),
            self.tr(
                "The pictures are not blurred: anyone near the printer could see them. Courts "
                "usually want such pictures filed under seal. You can also print it later."
            ),
        )
        run_modal(box)
        return went_on(box)

    # --- internals -------------------------------------------------------------------------------

    def _print(self, pages: PdfPages, copies: int, title: str) -> bool:
        """True when the pages really went to a printer; otherwise say why not (cancelled in
        the dialog: nothing to say)."""
        try:
            outcome = report_print.print_pdf(
                self._parent,
                pages,
                copies=copies,
                title=title,
                printer=self.target,
                dialog=self.ask,
            )
        except Cancelled:  # the vault locked while it printed: the page is cleared already
            return False
        except VaultError as err:
            self.message.emit(describe(err))
            return False
        if outcome == report_print.PrintOutcome.PRINTED:
            return True
        if outcome == report_print.PrintOutcome.NO_PRINTER:
            self.message.emit(
                self.tr(
                    "No printer is set up on this computer, so nothing was printed. You can use "
                    "“Save PDF…” instead, and print the file from a computer that has a printer "
                    "(it is not encrypted, so keep it safe)."
                )
            )
        return False

    def _record(
        self,
        vault: Vault,
        report: Report,
        how: str,
        said: str,
        then: Callable[[], None] | None,
    ) -> None:
        self._runs += 1
        run = self._active = self._runs
        self.busy_changed.emit(True)

        def done(unlogged: str) -> None:
            if run != self._active:
                return
            self._active = None
            self.busy_changed.emit(False)
            text = said
            if unlogged:
                text += " " + self.tr("It could not be noted in the custody log: {reason}").format(
                    reason=unlogged
                )
            self.message.emit(text)
            if then is not None:
                then()

        def failed(err: VaultError) -> None:
            done(describe(err))

        self._runner.run(lambda: record_report(vault, report, how), done, failed)
