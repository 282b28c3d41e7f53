"""Printing the summary from memory: the pages reach the printer (here Qt's PDF printer, writing
into the test's folder), with the copies and page range asked for, and nothing else on disk."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from locker.gui import report_print, spool
from locker.gui.pdf_pages import PdfPages
from locker.gui.report_print import PrintOutcome, print_pdf
from locker.vault import Cancelled, VaultError
from tests.gui.test_pdf_preview import COLOURS, make_pdf

RED, GREEN, BLUE = COLOURS


def all_files(*roots: Path) -> set[Path]:
    return {Path(d) / f for root in roots for d, _, names in os.walk(root) for f in names}


@pytest.fixture
def no_traces(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Where the printer writes (``printer/out.pdf``); after the test, checks that no other
    file appeared in the test's folder, its HOME (XDG folders, TMPDIR) or the temp folder."""
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() follows TMPDIR again
    roots = (tmp_path, isolated_home, Path(tempfile.gettempdir()))
    before = all_files(*roots)
    out = tmp_path / "printer" / "out.pdf"
    out.parent.mkdir()
    yield out
    assert all_files(*roots) - before <= {out}


@pytest.fixture
def pdf_printer(qapp, no_traces: Path) -> QPrinter:  # type: ignore[no-untyped-def]
    """Qt's PDF printer writing to ``no_traces`` (a printer that cannot make copies itself)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(no_traces))
    return printer


def box_colours(path: Path) -> list[str]:
    """Which coloured box each printed page shows ("red", "green", "blue" or "none")."""
    printed = PdfPages(path.read_bytes())
    try:
        return [colour_on(printed.render(i, 24)) for i in range(printed.count)]
    finally:
        printed.close()


def colour_on(image: QImage) -> str:
    counts = {"red": 0, "green": 0, "blue": 0}
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            r, g, b = colour.red(), colour.green(), colour.blue()
            if r > 200 and g < 60 and b < 60:
                counts["red"] += 1
            elif g > 120 and r < 60 and b < 60:
                counts["green"] += 1
            elif b > 200 and r < 60 and g < 60:
                counts["blue"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 50 else "none"


def test_qts_pdf_printer_cannot_make_copies_itself(pdf_printer: QPrinter) -> None:
    # So print_pdf must repeat the pages itself for this printer (what the tests below rely on).
    assert not pdf_printer.supportsMultipleCopies()


def test_print_once(pdf_printer: QPrinter, no_traces: Path) -> None:
    pages = PdfPages(make_pdf())
    outcome = print_pdf(
        None, pages, copies=1, title="Evidence summary", printer=pdf_printer, dialog=False
    )
    assert outcome == PrintOutcome.PRINTED
    assert box_colours(no_traces) == ["red", "green", "blue"]
    printed = PdfPages(no_traces.read_bytes())
    # The paper is the summary's own (Letter here), true to size.
    assert printed.page_size_pt(0) == pytest.approx((612, 792), abs=1)
    printed.close()
    # The print queue (and the PDF's title) say nothing of what was printed.
    assert pdf_printer.docName() == "document"
    assert b"Evidence" not in no_traces.read_bytes()
    assert not pages.closed  # the caller's document is left for the caller to close


def test_the_text_is_printed_sharp_enough_to_read(pdf_printer: QPrinter, no_traces: Path) -> None:
    print_pdf(None, PdfPages(make_pdf(1)), copies=1, title="t", printer=pdf_printer, dialog=False)
    printed = PdfPages(no_traces.read_bytes())
    page = printed.render(0, 72)
    # The big "1" drawn at (300, 500) from the bottom: its stem is black on the printed page.
    dark = [
        (x, y)
        for y in range(792 - 500 - 60, 792 - 500)
        for x in range(300, 360)
        if QColor(page.pixel(x, y)).lightness() < 60
    ]
    assert len(dark) > 200
    printed.close()


def test_two_copies_make_two_whole_sets(pdf_printer: QPrinter, no_traces: Path) -> None:
    outcome = print_pdf(
        None, PdfPages(make_pdf()), copies=2, title="t", printer=pdf_printer, dialog=False
    )
    assert outcome == PrintOutcome.PRINTED
    assert box_colours(no_traces) == ["red", "green", "blue"] * 2


def test_copies_not_collated_when_the_user_says_so(pdf_printer: QPrinter, no_traces: Path) -> None:
    pdf_printer.setCollateCopies(False)
    print_pdf(None, PdfPages(make_pdf()), copies=2, title="t", printer=pdf_printer, dialog=False)
    assert box_colours(no_traces) == ["red", "red", "green", "green", "blue", "blue"]


def test_reverse_order_when_asked(pdf_printer: QPrinter, no_traces: Path) -> None:
    pdf_printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    print_pdf(None, PdfPages(make_pdf()), copies=2, title="t", printer=pdf_printer, dialog=False)
    assert box_colours(no_traces) == ["blue", "green", "red"] * 2


def test_a_printer_that_makes_copies_gets_one_set(qapp) -> None:  # type: ignore[no-untyped-def]
    class CopyingPrinter(QPrinter):
        def supportsMultipleCopies(self) -> bool:  # noqa: N802 - Qt's name
            return True

    printer = CopyingPrinter()
    printer.setCopyCount(3)
    assert report_print.page_order(printer, 3) == [0, 1, 2]
    assert printer.copyCount() == 3  # the printer makes the three


def test_pages_two_to_three_only(pdf_printer: QPrinter, no_traces: Path) -> None:
    pdf_printer.setPrintRange(QPrinter.PrintRange.PageRange)
    pdf_printer.setFromTo(2, 3)
    print_pdf(None, PdfPages(make_pdf()), copies=1, title="t", printer=pdf_printer, dialog=False)
    assert box_colours(no_traces) == ["green", "blue"]


def test_no_printer(qapp, monkeypatch: pytest.MonkeyPatch, no_traces: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(report_print, "printers_available", lambda: False)
    monkeypatch.setattr(report_print, "QPrintDialog", None)  # must not be reached
    outcome = print_pdf(None, PdfPages(make_pdf()), copies=1, title="t")
    assert outcome == PrintOutcome.NO_PRINTER


def test_a_printer_that_cannot_start_gets_plain_words(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "out.pdf"))
    with pytest.raises(VaultError) as caught:
        print_pdf(None, PdfPages(make_pdf()), copies=1, title="t", printer=printer, dialog=False)
    assert caught.value.message.startswith("The printer could not be started")


def test_locking_while_printing_abandons_the_job(pdf_printer: QPrinter) -> None:
    pages = PdfPages(make_pdf())
    QTimer.singleShot(0, pages.close)  # the lock, arriving while the first page is drawn
    with pytest.raises(Cancelled):
        print_pdf(None, pages, copies=1, title="t", printer=pdf_printer, dialog=False)


class FakePrintDialog:
    """The system print dialog, answered like a user: sees what it was preset with, then
    (if accepted) picks pages 2 to 3 and "prints" to the test's PDF file."""

    target: Path
    answer = QDialog.DialogCode.Accepted
    seen: dict[str, object] = {}

    def __init__(self, printer: QPrinter, parent: object = None) -> None:
        self.printer = printer
        FakePrintDialog.seen = {"options": []}

    def setOption(self, option: object, on: bool = True) -> None:  # noqa: N802 - Qt's name
        self.seen["options"].append((option, on))  # type: ignore[attr-defined]

    def setMinMax(self, low: int, high: int) -> None:  # noqa: N802 - Qt's name
        self.seen["range"] = (low, high)

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
        self.seen["title"] = title

    def exec(self) -> QDialog.DialogCode:
        self.seen["copies"] = self.printer.copyCount()
        self.seen["job"] = self.printer.docName()
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.target))
        self.printer.setPrintRange(QPrinter.PrintRange.PageRange)
        self.printer.setFromTo(2, 3)
        return self.answer


@pytest.fixture
def system_dialog(qapp, monkeypatch: pytest.MonkeyPatch, no_traces: Path) -> type[FakePrintDialog]:  # type: ignore[no-untyped-def]
    FakePrintDialog.target = no_traces
    FakePrintDialog.answer = QDialog.DialogCode.Accepted
    monkeypatch.setattr(report_print, "QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(report_print, "printers_available", lambda: True)
    return FakePrintDialog


def test_the_dialog_is_preset_for_court(
    system_dialog: type[FakePrintDialog], no_traces: Path
) -> None:
    outcome = print_pdf(None, PdfPages(make_pdf()), copies=3, title="Evidence summary")
    assert outcome == PrintOutcome.PRINTED
    seen = system_dialog.seen
    assert seen["copies"] == 3  # judge, other side, self
    assert seen["job"] == "document"
    assert seen["range"] == (1, 3)
    assert seen["title"] == "Print: Evidence summary"
    options = seen["options"]
    assert (QAbstractPrintDialog.PrintDialogOption.PrintToFile, False) in options  # type: ignore[operator]
    assert (QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True) in options  # type: ignore[operator]
    # The user's page range, three whole sets (Qt's PDF printer makes no copies itself).
    assert box_colours(no_traces) == ["green", "blue"] * 3


def test_cancel_in_the_dialog_prints_nothing(
    system_dialog: type[FakePrintDialog], no_traces: Path
) -> None:
    system_dialog.answer = QDialog.DialogCode.Rejected
    outcome = print_pdf(None, PdfPages(make_pdf()), copies=1, title="t")
    assert outcome == PrintOutcome.CANCELLED
    assert not no_traces.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="CUPS spooling through $TMPDIR is Linux's")
def test_the_print_spool_file_goes_to_the_private_runtime_folder(isolated_home: Path) -> None:
    runtime = isolated_home / "runtime"  # 0700, as XDG_RUNTIME_DIR is
    before = os.environ["TMPDIR"]
    with spool.spool_in_memory():
        assert os.environ["TMPDIR"] == str(runtime)
    assert os.environ["TMPDIR"] == before
    runtime.chmod(0o755)  # readable by others: not a place for the pages
    with spool.spool_in_memory():
        assert os.environ["TMPDIR"] == before
