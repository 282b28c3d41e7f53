"""Printing and saving the summary: print from memory (nothing else written), the "not
encrypted" note before any save, the custody entries, the packet's own question, no printer."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog

from locker.gui import filedialogs, report_print, report_printing, report_save
from locker.gui.pdf_pages import PdfPages
from locker.gui.report_page import ReportPage
from locker.gui.tasks import TaskRunner
from locker.vault import Vault
from tests.gui.case_helpers import idle, press
from tests.gui.conftest import FakeDialogs, FileDialogAnswerer, click, files_under
from tests.gui.report_helpers import add_evidence, make_summary, open_page, report_entries


@pytest.fixture(autouse=True)
def bundle_dialog(dialogs: FakeDialogs) -> FakeDialogs:
    """Every test here has the file dialogs replaced (the bundle's too: conftest's FakeDialogs
    answers it from ``export_answers``; ``calls`` says "bundle")."""
    return dialogs


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path) -> ReportPage:  # type: ignore[no-untyped-def]
    """The Summary page over two items, the summary made."""
    add_evidence(vault, tmp_path / "sources")
    shown = open_page(qtbot, runner, vault)
    make_summary(qtbot, shown)
    return shown


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_sends_the_previewed_pages_and_writes_nothing_else(  # type: ignore[no-untyped-def]
    qtbot,
    page: ReportPage,
    vault: Vault,
    runner: TaskRunner,
    tmp_path: Path,
    isolated_home: Path,
) -> None:
    out = tmp_path / "printer" / "printed.pdf"
    out.parent.mkdir()
    printer = pdf_printer(out)  # kept referenced for as long as it prints
    page.printer.target, page.printer.ask = printer, False
    before = set(files_under(tmp_path))
    entries = len(report_entries(vault))

    click(qtbot, page.print_button)
    idle(qtbot, runner)
    assert out.is_file()
    printed = PdfPages(out.read_bytes())
    try:
        assert page.report is not None and printed.count == page.report.pages
    finally:
        printed.close()
    assert set(files_under(tmp_path)) - before == {out}  # nothing in HOME, TMPDIR or beside it
    assert set(files_under(isolated_home)) <= before
    assert "sent to the printer" in page.message.text()
    assert len(report_entries(vault)) == entries + 1


def test_no_printer_points_to_save_pdf_and_logs_nothing(  # type: ignore[no-untyped-def]
    qtbot, page: ReportPage, vault: Vault, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        report_print, "print_pdf", lambda *a, **k: report_print.PrintOutcome.NO_PRINTER
    )
    entries = len(report_entries(vault))
    click(qtbot, page.print_button)
    idle(qtbot, runner)
    assert "No printer is set up" in page.message.text()
    assert "Save PDF" in page.message.text()
    assert len(report_entries(vault)) == entries


def test_save_pdf_only_after_the_not_encrypted_note(  # type: ignore[no-untyped-def]
    qtbot,
    page: ReportPage,
    vault: Vault,
    runner: TaskRunner,
    dialogs: FakeDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "stick" / "evidence-summary.pdf"
    out.parent.mkdir()
    dialogs.pdf_answers.append(str(out))
    said: list[str] = []
    entries = len(report_entries(vault))

    monkeypatch.setattr(report_save, "run_modal", press("Cancel", said))
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert "The PDF will not be encrypted. Anyone with the file can read it." in said[0]
    assert dialogs.calls == [] and not out.exists()
    assert len(report_entries(vault)) == entries

    monkeypatch.setattr(report_save, "run_modal", press("Choose where to save…", said))
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert dialogs.calls == ["pdf"] and dialogs.suggested == ["evidence-summary.pdf"]
    assert page.report is not None and out.read_bytes() == page.report.pdf
    assert "evidence-summary.pdf" in page.message.text() and str(out.parent) in page.message.text()
    assert "not encrypted" in page.message.text()
    assert len(report_entries(vault)) == entries + 1
    assert [p.name for p in out.parent.iterdir()] == ["evidence-summary.pdf"]  # no partial left


def test_save_bundle_holds_the_originals_and_the_summary(  # type: ignore[no-untyped-def]
    qtbot,
    page: ReportPage,
    vault: Vault,
    runner: TaskRunner,
    dialogs: FakeDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "stick" / "evidence-bundle.zip"
    out.parent.mkdir()
    dialogs.export_answers.append(str(out))
    monkeypatch.setattr(report_save, "run_modal", press("Choose where to save…"))
    entries = len(report_entries(vault))
    click(qtbot, page.bundle_button)
    idle(qtbot, runner)
    assert dialogs.suggested == ["evidence-bundle.zip"] and dialogs.calls == ["bundle"]
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert page.report is not None and zf.read("summary.pdf") == page.report.pdf
    assert "SHA256SUMS" in names and sum(n.startswith("exhibits/") for n in names) == 2
    assert "evidence-bundle.zip" in page.message.text()
    assert len(report_entries(vault)) == entries + 1
    assert any(e.action == "bundle" for e in vault.custody_log()[0])


def test_cancel_while_bundling_leaves_nothing_behind(  # type: ignore[no-untyped-def]
    qtbot,
    page: ReportPage,
    vault: Vault,
    runner: TaskRunner,
    dialogs: FakeDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    dialogs.export_answers.append(str(folder / "evidence-bundle.zip"))
    monkeypatch.setattr(report_save, "run_modal", press("Choose where to save…"))
    go_on = threading.Event()
    real = report_save.write_bundle

    def held(*args, progress, **kwargs):  # type: ignore[no-untyped-def]
        def reported(done: int, total: int) -> None:
            progress(done, total)
            go_on.wait(30)  # the worker waits here until the test has pressed Cancel

        return real(*args, progress=reported, **kwargs)

    monkeypatch.setattr(report_save, "write_bundle", held)
    entries = len(report_entries(vault))
    click(qtbot, page.bundle_button)
    qtbot.waitUntil(lambda: page.busy.isVisible() and page.cancel_button.isEnabled())
    assert not page.make_button.isEnabled() and not page.save_button.isEnabled()
    click(qtbot, page.cancel_button)
    go_on.set()
    idle(qtbot, runner)
    assert list(folder.iterdir()) == []  # no bundle, no hidden partial
    assert "stopped" in page.message.text() and "Nothing was left behind" in page.message.text()
    assert len(report_entries(vault)) == entries
    assert not page.busy.isVisible() and page.bundle_button.isEnabled()


def test_the_packet_is_saved_separately_after_its_own_question(  # type: ignore[no-untyped-def]
    qtbot,
    runner: TaskRunner,
    vault: Vault,
    dialogs: FakeDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_evidence(vault, tmp_path / "sources", intimate=True)
    page = open_page(qtbot, runner, vault)
    monkeypatch.setattr("locker.gui.report_options.run_modal", press("Yes"))
    click(qtbot, page.form.packet)
    make_summary(qtbot, page)
    report = page.report
    assert report is not None and report.packet is not None
    summary, packet = tmp_path / "summary.pdf", tmp_path / "packet.pdf"
    dialogs.pdf_answers += [str(summary), str(packet)]
    said: list[str] = []
    answers = iter(["Choose where to save…", "No", "Choose where to save…", "Yes"])
    monkeypatch.setattr(report_save, "run_modal", lambda box: press(next(answers), said)(box))

    click(qtbot, page.save_button)  # the summary saved; the packet refused
    idle(qtbot, runner)
    assert summary.read_bytes() == report.pdf and not packet.exists()
    assert "not blurred" in said[1] and "under seal" in said[1]
    assert dialogs.suggested == ["evidence-summary.pdf"]

    dialogs.pdf_answers = [str(tmp_path / "summary-2.pdf"), str(packet)]
    click(qtbot, page.save_button)
    idle(qtbot, runner)
    assert packet.read_bytes() == report.packet
    assert dialogs.suggested[-1] == "evidence-unredacted-packet.pdf"
    assert "unredacted" in page.message.text()
    assert len(report_entries(vault)) == 3  # summary, summary again, packet


def test_print_offers_the_packet_after_the_summary(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_evidence(vault, tmp_path / "sources", intimate=True)
    page = open_page(qtbot, runner, vault)
    monkeypatch.setattr("locker.gui.report_options.run_modal", press("Yes"))
    click(qtbot, page.form.packet)
    make_summary(qtbot, page)
    printed: list[tuple[int, str, int]] = []

    def fake_print(parent, pages, *, copies, title, printer=None, dialog=True):  # type: ignore[no-untyped-def]
        printed.append((pages.count, title, copies))
        return report_print.PrintOutcome.PRINTED

    monkeypatch.setattr(report_print, "print_pdf", fake_print)
    asked: list[str] = []
    monkeypatch.setattr(report_printing, "run_modal", press("Yes", asked))
    click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: len(printed) == 2)
    idle(qtbot, runner)
    report = page.report
    assert report is not None
    assert printed == [
        (report.pages, "Evidence summary", 1),
        (report.packet_pages, "Evidence packet", 1),
    ]
    assert "not blurred" in asked[0]
    assert len(report_entries(vault)) == 2


def test_more_copies_after_making_prints_them_without_making_it_again(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The advocate makes the summary, then remembers the hearing needs three: the pages are
    the same, so Print stays ready and sends three copies."""
    add_evidence(vault, tmp_path / "sources")
    page = open_page(qtbot, runner, vault)
    make_summary(qtbot, page)
    printed: list[int] = []

    def fake_print(parent, pages, *, copies, title, printer=None, dialog=True):  # type: ignore[no-untyped-def]
        printed.append(copies)
        return report_print.PrintOutcome.PRINTED

    monkeypatch.setattr(report_print, "print_pdf", fake_print)
    page.form.copies.setFocus()
    qtbot.keyClick(page.form.copies, "a", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.form.copies, "3")
    assert page.form.copies.value() == 3
    assert not page.out_of_date and not page.stale_note.isVisible()
    click(qtbot, page.print_button)
    idle(qtbot, runner)
    assert printed == [3]
    assert "3 copies" in page.message.text()


REAL_CHOOSE_BUNDLE_PATH = filedialogs.choose_bundle_path  # (before any stand-in)


class FilterRecorder(FileDialogAnswerer):
    """Notes the dialog's file type filters and the default suffix before answering it."""

    filters: list[str] = []
    suffix = ""

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            self.filters = dialog.nameFilters()
            self.suffix = dialog.defaultSuffix()
        super()._poll()


def test_the_bundle_dialog_offers_zip_adds_the_suffix_and_leaves_no_history(  # type: ignore[no-untyped-def]
    qtbot, isolated_home: Path, vault_dir: Path
) -> None:
    """The real dialog (not the stand-in): zip archives offered first, ".zip" added to a name
    typed without it, Qt's own dialog, and nothing remembered under HOME."""
    answer = FilterRecorder(vault_dir / "for the hearing")
    chosen = REAL_CHOOSE_BUNDLE_PATH(None, "evidence-bundle.zip")
    assert chosen == str(vault_dir / "for the hearing.zip")
    assert answer.native == [False]
    assert answer.filters[0] == "Zip archives (*.zip)" and answer.suffix == "zip"
    assert [p for p in files_under(isolated_home)] == []
