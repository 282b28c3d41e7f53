"""Print the recovery sheet on paper: the system print dialog, then Qt draws the sheet straight
to the printer. Nothing is written to disk by the program (a PDF has its own, warned path).

The words are the core's (:mod:`locker.report.recovery_sheet`), so paper and PDF say the same.
STYLE.md: a QPrinter must always have a Python reference while Qt uses it, so the printer lives
in :func:`print_sheet` until its dialog has been destroyed.
"""

from __future__ import annotations

import enum
from datetime import date
from html import escape

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
)
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from locker.gui.spool import spool_in_memory
from locker.report.recovery_sheet import WRITE_IN_LINES, key_rows, sheet_text


class PrintOutcome(enum.Enum):
    PRINTED = "printed"
    CANCELLED = "cancelled"
    NO_PRINTER = "no-printer"


def printers_available() -> bool:
    """True if the computer has a printer set up (tests replace this)."""
    return bool(QPrinterInfo.availablePrinterNames())


def sheet_html(recovery_key: str, made_on: date) -> str:
    """The sheet as the rich text a QTextDocument lays out (every string escaped)."""
    text = sheet_text(made_on)
    mono = escape(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family())
    cells = "".join(
        "<tr>"
        + "".join(
            f'<td align="center" style="padding: 6px 18px;">'
            f"<span style=\"font-family: '{mono}', monospace; font-size: 24pt; "
            f'font-weight: bold;">{escape(group)}</span></td>'
            for group in row
        )
        + "</tr>"
        for row in key_rows(recovery_key)
    )

    def section(heading: str, body: str) -> str:
        return f'<h3 style="margin-top: 14px;">{escape(heading)}</h3><p>{escape(body)}</p>'

    lines = "".join("<p>&nbsp;</p><hr/>" for _n in range(WRITE_IN_LINES))
    return (
        '<html><body style="font-size: 11pt;">'
        f"<h1>{escape(text.title)}</h1>"
        f"<p>{escape(text.made_on)}</p>"
        f"<h3>{escape(text.key_heading)}</h3>"
        '<table border="1" cellspacing="0" cellpadding="4" align="center" '
        f'style="border-style: solid; border-color: #000000;">{cells}</table>'
        f'<p style="font-size: 9pt;">{escape(text.typing_note)}</p>'
        + section(text.what_for_heading, text.what_for)
        + section(text.once_heading, text.once)
        + section(text.keep_heading, text.keep)
        + f"<h3>{escape(text.where_heading)}</h3>"
        f'<p style="font-size: 9pt;">{escape(text.where)}</p>'
        f"{lines}"
        f'<p style="font-size: 9pt; margin-top: 18px;">{escape(text.footer)}</p>'
        "</body></html>"
    )


def sheet_document(
    recovery_key: str, made_on: date, parent: QObject | None = None
) -> QTextDocument:
    document = QTextDocument(parent)
    document.setHtml(sheet_html(recovery_key, made_on))
    return document


def render_sheet(printer: QPrinter, recovery_key: str, made_on: date) -> None:
    """Draw the sheet on ``printer`` (QTextDocument paginates; one page in practice)."""
    document = sheet_document(recovery_key, made_on)
    try:
        with spool_in_memory():  # CUPS's plain copy of the job goes to memory, not /tmp
            document.print_(printer)
    finally:
        document.clear()  # the key text does not outlive the printing


def print_sheet(parent: QWidget | None, recovery_key: str, made_on: date) -> PrintOutcome:
    """Ask the user where to print (the system print dialog), then print the sheet.

    "Print to file" is switched off in the dialog: a file is exactly what printing avoids, and
    saving a PDF has its own path with a warning first.
    """
    if not printers_available():
        return PrintOutcome.NO_PRINTER
    # The print dialog may open a file chooser of its own: never the native one, which would
    # add an entry to the desktop's recent files.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # The job name stays in the print queue and the system's print log (CUPS page_log):
    # nothing there should say what was printed, or by which program.
    printer.setDocName("document")
    dialog = QPrintDialog(printer, parent)
    try:
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        dialog.setWindowTitle(
            QApplication.translate("recovery_sheet_print", "Print the recovery sheet")
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return PrintOutcome.CANCELLED
        render_sheet(printer, recovery_key, made_on)
        return PrintOutcome.PRINTED
    finally:
        # Destroy the dialog now, while ``printer`` (which it points to) is still referenced.
        # Closing the window may already have destroyed it.
        if isinstance(dialog, QObject) and shiboken6.isValid(dialog):
            shiboken6.delete(dialog)
