"""Print a PDF held in memory (the evidence summary) through the system print dialog, with
nothing written to disk by the program: the shelter case, where a survivor prints on the office
PC and leaves no file behind.

Each page is drawn by PDFium (:class:`~locker.gui.pdf_pages.PdfPages`) at the printer's
resolution, capped at :data:`MAX_DPI`, and painted onto the QPrinter, true to size when the
paper matches the page (otherwise shrunk to fit, keeping proportions).

Printing runs on the UI thread: a QPainter on a QPrinter must stay on the thread that made it,
and PDFium may only be used from one thread at a time. A long summary therefore takes a while;
between pages the window is allowed to repaint (no user input is taken, so Print cannot be
pressed twice). If the vault locks meanwhile, the document is closed and the print job is
abandoned (:class:`~locker.vault.Cancelled`).

Spooling: on Linux, Qt's CUPS printing writes the job to a temporary file (CUPS's
``cupsTempFd``, in ``$TMPDIR``) and deletes it once CUPS has it. While the printer opens that
file, :func:`spool_in_memory` points ``$TMPDIR`` at the user's private runtime folder
(``XDG_RUNTIME_DIR``: mode 0700, in memory on systemd systems), so the pages do not land on the
computer's disk. The system's own print spool (CUPS, the Windows spooler) is outside the
program's reach.

STYLE.md: a QPrinter must always have a Python reference while Qt uses it, so the printer lives
in :func:`print_pdf` until its dialog has been destroyed.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from locker.gui.pdf_pages import PdfPages
from locker.gui.recovery_sheet_print import PrintOutcome, printers_available
from locker.gui.spool import spool_in_memory
from locker.vault import Cancelled, VaultError

__all__ = ["JOB_NAME", "MAX_DPI", "PrintOutcome", "print_pdf", "printers_available"]

MAX_DPI = 300  # sharp on paper; a Letter page is then 25 MB of pixels, drawn one at a time
MAX_COPIES = 99
# The job name stays in the print queue and the system's print log (CUPS page_log): nothing
# there should say what was printed, or by which program (as for the recovery sheet).
JOB_NAME = "document"


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_print", text)


def print_pdf(
    parent: QWidget | None,
    pages: PdfPages,
    *,
    copies: int,
    title: str,
    printer: QPrinter | None = None,
    dialog: bool = True,
) -> PrintOutcome:
    """Print ``pages``: the system print dialog first (``dialog``), preset with ``copies`` and
    the paper of the first page, offering a page range; ``title`` names the dialog, never the
    print job. ``printer`` None means the one the user picks; given (tests: a PDF target), it is
    used as it is. Raises :class:`VaultError` in plain words if the printer cannot be started.
    """
    if printer is None:
        if not printers_available():
            return PrintOutcome.NO_PRINTER
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(JOB_NAME)
    printer.setCopyCount(min(max(copies, 1), MAX_COPIES))
    width_pt, height_pt = pages.page_size_pt(0)
    printer.setPageSize(QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if width_pt > height_pt
        else QPageLayout.Orientation.Portrait
    )
    # The page already has its margins: draw it on the whole sheet, true to size.
    printer.setFullPage(True)
    if dialog and not _ask(parent, printer, pages.count, title):
        return PrintOutcome.CANCELLED
    _draw(printer, pages)
    return PrintOutcome.PRINTED


def _ask(parent: QWidget | None, printer: QPrinter, count: int, title: str) -> bool:
    """The system print dialog; True if the user chose Print."""
    # The dialog may open a file chooser of its own: never the native one, which would add an
    # entry to the desktop's recent files.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    box = QPrintDialog(printer, parent)
    try:
        # "Print to file" is a file on disk: saving the PDF has its own path, with a warning.
        box.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        box.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        box.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        box.setMinMax(1, count)
        box.setWindowTitle(_tr("Print: {title}").format(title=title))
        return bool(box.exec() == QDialog.DialogCode.Accepted)
    finally:
        # Destroy the dialog now, while ``printer`` (which it points to) is still referenced.
        if isinstance(box, QObject) and shiboken6.isValid(box):
            shiboken6.delete(box)


def page_order(printer: QPrinter, count: int) -> list[int]:
    """The pages (from 0) in the order they go to the printer: the range the user chose, last
    page first if asked, and the copies repeated here when the printer cannot make copies
    itself. (Odd/even pages is done by CUPS from the dialog's own setting.)"""
    chosen = list(range(count))
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        chosen = [index for index in chosen if ranges.contains(index + 1)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:  # "Reverse" in the dialog
        chosen.reverse()
    if printer.supportsMultipleCopies():
        return chosen  # the printer (CUPS) makes the copies from one set
    copies = max(1, printer.copyCount())
    if printer.collateCopies():
        return chosen * copies  # whole sets: one for the judge, one for the other side...
    return [index for index in chosen for _copy in range(copies)]


def _draw(printer: QPrinter, pages: PdfPages) -> None:
    order = page_order(printer, pages.count)
    if not order:
        return
    painter = QPainter()
    with spool_in_memory():
        started = painter.begin(printer)  # opens the job's file (Linux: a CUPS temp file)
    if not started:
        raise VaultError(
            _tr(
                "The printer could not be started, so nothing was printed. Please check that "
                "it is switched on and connected, then try again."
            )
        )
    dpi = min(printer.resolution(), MAX_DPI)
    finished = False
    try:
        for number, index in enumerate(order):
            if number:
                printer.newPage()
            # Let the window repaint between pages (no user input: Print cannot run twice).
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if pages.closed:  # the vault locked while printing: abandon the job
                raise Cancelled()
            image = pages.render(index, dpi)
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            size = QSizeF(image.width() * scale, image.height() * scale)
            target = QRectF(
                area.left() + (area.width() - size.width()) / 2,
                area.top() + (area.height() - size.height()) / 2,
                size.width(),
                size.height(),
            )
            painter.drawImage(target, image)
            del image  # one page of pixels at a time
        finished = True
    finally:
        if not finished:
            printer.abort()  # half a summary is not sent on to the printer
        painter.end()
