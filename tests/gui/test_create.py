"""Creating a vault through the window: passphrase rules, off-thread creation, recovery key."""

from __future__ import annotations

import re
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from locker import passgen
from locker.gui import create_page, recovery_sheet_print
from locker.gui.main_window import MainWindow
from locker.gui.recovery_key_dialog import RecoveryKeyDialog
from locker.vault import LockedVault, Vault
from locker.vault.kdf import format_recovery_key, new_recovery_key
from tests.conftest import PASSPHRASE
from tests.gui.conftest import FakeDialogs, click, files_under, wait_idle
from tests.test_recovery_sheet import pdf_text

RECOVERY_KEY = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$")


def fill_create_form(qtbot, win: MainWindow, first: str, second: str) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, win.start_page.create_button)
    assert win.stack.currentWidget() is win.create_page
    click(qtbot, win.create_page.choose_button)
    qtbot.keyClicks(win.create_page.passphrase, first)
    qtbot.keyClicks(win.create_page.repeat, second)


def test_window_opens_on_the_start_screen(window: MainWindow) -> None:
    assert window.isVisible()
    assert window.windowTitle() == "Evidence Locker"
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.create_button.text() == "Create a new vault"
    assert window.start_page.open_button.text() == "Open a vault"
    assert not window.lock_bar.isVisible()


def test_create_a_vault_and_see_the_recovery_key_once(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "my case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    assert window.create_page.path_edit.text() == str(target)
    click(qtbot, window.create_page.create_button)

    qtbot.waitUntil(
        lambda: window.recovery_dialog is not None and window.recovery_dialog.isVisible(),
        timeout=30_000,
    )
    dialog = window.recovery_dialog
    assert dialog is not None
    key = dialog.key_label.text()
    assert RECOVERY_KEY.match(key), key
    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Esc must not throw the only copy of the key away without asking
    assert dialog.isVisible()
    assert dialog.leave_question is not None and dialog.leave_question.isVisible()
    click(qtbot, dialog.go_back_button)
    assert dialog.isVisible()
    click(qtbot, dialog.written_down)
    assert dialog.continue_button.isEnabled()
    click(qtbot, dialog.continue_button)
    # A real check that the key was noted: its last group, typed from the paper.
    assert not dialog.key_label.isVisible()
    qtbot.keyClicks(dialog.check_edit, key.split("-")[-1])
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: window.recovery_dialog is None)

    # The vault is open, empty, on the guide's first step (a new vault starts there), and the
    # passphrase is no longer in any field.
    assert window.current_page() is window.guide_page
    assert window.focusWidget() is not window.top_bar.quick_exit_button
    assert window.vault is not None and not window.vault.is_locked
    assert window.lock_bar.isVisible()
    assert window.vault_page.views.currentWidget() is window.vault_page.empty_state
    assert window.create_page.passphrase.text() == ""
    assert window.create_page.repeat.text() == ""

    # The file opens with the core, with the passphrase and with the key that was shown.
    window.lock()
    LockedVault.open(target).unlock(PASSPHRASE).lock()
    LockedVault.open(target).unlock_with_recovery_key(key).lock()


def test_rule_is_shown_up_front(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.start_page.create_button)
    texts = " ".join(label.text() for label in window.create_page.findChildren(QLabel))
    assert "at least 8 characters" in texts
    assert "recovery key" in texts


def test_mismatched_passphrases_are_refused(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE + "x")
    click(qtbot, window.create_page.create_button)
    assert "not the same" in window.create_page.message.text()
    assert window.create_page.message.isVisible()
    assert not window.runner.busy
    assert not target.exists()
    assert window.create_page.repeat.text() == ""  # ready to type it again


def test_short_passphrase_is_refused_with_the_rule(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, "short", "short")
    click(qtbot, window.create_page.create_button)
    assert "at least 8 characters" in window.create_page.message.text()
    assert not target.exists()


def test_no_place_chosen_yet(qtbot, window: MainWindow, dialogs: FakeDialogs) -> None:
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)  # the dialog is cancelled
    click(qtbot, window.create_page.create_button)
    assert "choose where to save" in window.create_page.message.text()


def test_an_existing_file_is_never_replaced(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    existing = vault_dir / "holiday.jpg"
    existing.write_bytes(b"precious")
    dialogs.save_answers.append(str(existing))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    assert "already a file with that name" in window.create_page.message.text()
    click(qtbot, window.create_page.create_button)
    assert "already a file with that name" in window.create_page.message.text()
    assert existing.read_bytes() == b"precious"


def test_busy_while_creating_then_back_to_normal(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialogs.save_answers.append(str(vault_dir / "case.evl"))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    click(qtbot, window.create_page.create_button)
    page = window.create_page
    assert window.runner.busy
    assert page.busy.isVisible()
    assert not page.create_button.isEnabled()
    assert not page.back_button.isEnabled()
    wait_idle(qtbot, window)
    assert not page.busy.isVisible()
    qtbot.waitUntil(lambda: window.recovery_dialog is not None)


def test_closing_while_the_vault_is_made_waits_then_removes_it(
    qtbot,
    window: MainWindow,
    dialogs: FakeDialogs,
    vault_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nobody saw the recovery key of a vault made while the window was closing: it must not
    be left on disk (nothing of the user's is in it yet), and the window still closes."""
    gate = threading.Event()
    made: list[Vault] = []

    class HeldBackVault:
        @staticmethod
        def create(*args, **kwargs):  # type: ignore[no-untyped-def]
            gate.wait(30)
            vault, key = Vault.create(*args, **kwargs)
            made.append(vault)
            return vault, key

    monkeypatch.setattr(create_page, "Vault", HeldBackVault)
    target = vault_dir / "case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    click(qtbot, window.create_page.create_button)
    assert window.runner.busy
    gate.set()
    window.close()  # waits for the worker (never terminates it), then locks and removes
    assert len(made) == 1 and made[0].is_locked
    assert window.recovery_dialog is None
    assert window.vault is None
    assert not window.isVisible()
    assert list(vault_dir.iterdir()) == []  # no vault, no journal


def test_closing_during_creation_removes_the_vault_with_the_real_runner(
    qtbot, floor_params, dialogs: FakeDialogs, vault_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    """Closing straight after "Create the vault", with the real thread pool."""
    win = MainWindow(kdf_params=floor_params)
    qtbot.addWidget(win)
    win.show()
    target = vault_dir / "c.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, win, PASSPHRASE, PASSPHRASE)
    click(qtbot, win.create_page.create_button)
    assert win.runner.busy
    win.close()
    assert win.recovery_dialog is None
    assert not target.exists(), "a vault was left on disk whose recovery key nobody ever saw"


def test_closing_while_the_key_is_shown_locks_and_closes_the_dialog(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    click(qtbot, window.create_page.create_button)
    qtbot.waitUntil(lambda: window.recovery_dialog is not None, timeout=30_000)
    dialog, vault = window.recovery_dialog, window.vault
    assert dialog is not None and vault is not None
    window.close()
    assert not dialog.isVisible()
    assert vault.is_locked
    assert window.recovery_dialog is None
    assert target.exists()  # the key was on screen: the vault is kept


def make_vault_and_wait_for_key(qtbot, win: MainWindow, dialogs: FakeDialogs, target: Path):  # type: ignore[no-untyped-def]
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, win, PASSPHRASE, PASSPHRASE)
    click(qtbot, win.create_page.create_button)
    qtbot.waitUntil(
        lambda: win.recovery_dialog is not None and win.recovery_dialog.isVisible(),
        timeout=30_000,
    )
    return win.recovery_dialog


def test_esc_on_the_recovery_key_asks_then_go_back_keeps_it(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialog = make_vault_and_wait_for_key(qtbot, window, dialogs, vault_dir / "case.evl")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = dialog.leave_question
    assert question is not None and question.isVisible()
    assert question.text() == "Leave without writing the key down? It can't be shown again."
    assert "passphrase opens it" in question.informativeText()
    assert question.defaultButton() is dialog.go_back_button  # Enter is the safe choice
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # Esc on the question = Go back
    assert not question.isVisible()
    assert window.recovery_dialog is dialog and dialog.isVisible()
    dialog.close()  # the dialog's own close button asks the same question
    assert question.isVisible()
    click(qtbot, dialog.go_back_button)
    assert dialog.isVisible()


def test_leave_without_writing_it_down_keeps_the_vault_open_and_lets_the_window_close(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "case.evl"
    dialog = make_vault_and_wait_for_key(qtbot, window, dialogs, target)
    dialog.close()
    click(qtbot, dialog.leave_button)
    qtbot.waitUntil(lambda: window.recovery_dialog is None)
    assert not dialog.isVisible()
    vault = window.vault
    assert vault is not None and not vault.is_locked  # still usable
    assert window.current_page() is window.guide_page  # where a new vault starts
    window.close()
    assert not window.isVisible()
    assert vault.is_locked
    LockedVault.open(target).unlock(PASSPHRASE).lock()  # kept: the passphrase opens it


def test_esc_after_ticking_written_down_asks_about_the_check(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialog = make_vault_and_wait_for_key(qtbot, window, dialogs, vault_dir / "case.evl")
    click(qtbot, dialog.written_down)
    click(qtbot, dialog.continue_button)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = dialog.leave_question
    assert question is not None and question.isVisible()
    assert question.text().startswith("Leave without checking your copy of the key?")
    click(qtbot, dialog.leave_button)  # leaving stays possible
    qtbot.waitUntil(lambda: window.recovery_dialog is None)
    assert window.vault is not None and not window.vault.is_locked


def test_lock_while_the_question_is_open_closes_both(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialog = make_vault_and_wait_for_key(qtbot, window, dialogs, vault_dir / "case.evl")
    dialog.reject()
    question = dialog.leave_question
    assert question is not None and question.isVisible()
    window.lock()
    assert not question.isVisible() and not dialog.isVisible()
    assert window.recovery_dialog is None and window.vault is None


# --- checking the user's copy of the key -------------------------------------------------------


@pytest.fixture
def key_dialog(qtbot):  # type: ignore[no-untyped-def]
    key = format_recovery_key(new_recovery_key())
    dialog = RecoveryKeyDialog(key, made_on=date(2026, 11, 21))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def go_to_check(qtbot, dialog: RecoveryKeyDialog) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, dialog.written_down)
    click(qtbot, dialog.continue_button)
    assert dialog.check_page.isVisible()
    assert not dialog.key_label.isVisible()  # read it from the paper, not the screen


def test_a_wrong_last_group_is_refused_kindly_and_the_key_can_be_seen_again(
    qtbot, key_dialog: RecoveryKeyDialog
) -> None:
    dialog = key_dialog
    last = dialog.key_label.text().split("-")[-1]
    wrong = "ZZZZ" if last != "ZZZZ" else "YYYY"
    go_to_check(qtbot, dialog)
    qtbot.keyClicks(dialog.check_edit, wrong)
    click(qtbot, dialog.check_button)
    assert dialog.isVisible() and not dialog.checked
    text = dialog.check_message.text()
    assert "not quite the last group" in text and "Show the key again" in text
    assert dialog.check_message.isVisible()

    qtbot.keyClicks(dialog.check_edit, "AB")  # replaces the selected wrong try
    qtbot.keyClick(dialog.check_edit, Qt.Key.Key_Return)
    assert "only the last group" in dialog.check_message.text()

    click(qtbot, dialog.look_again_button)
    assert dialog.key_label.isVisible()
    assert dialog.written_down.isChecked()
    click(qtbot, dialog.continue_button)
    assert dialog.check_edit.text() == ""  # a fresh start
    assert not dialog.check_message.isVisible()
    # Small letters, and the letter O for a zero, are forgiven as when unlocking.
    qtbot.keyClicks(dialog.check_edit, last.lower().replace("0", "o"))
    qtbot.keyClick(dialog.check_edit, Qt.Key.Key_Return)
    assert dialog.checked
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- printing and the PDF sheet ------------------------------------------------------------------


class FakePrintDialog:
    """Stands in for the system print dialog: the user picks a "printer" that is a PDF in tmp."""

    target: Path
    answer = QDialog.DialogCode.Accepted
    options: list[tuple[object, bool]] = []
    doc_name = ""

    def __init__(self, printer: QPrinter, parent: object = None) -> None:
        self.printer = printer
        FakePrintDialog.options = []

    def setOption(self, option: object, on: bool = True) -> None:  # noqa: N802 - Qt's name
        FakePrintDialog.options.append((option, on))

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
        pass

    def exec(self) -> QDialog.DialogCode:
        FakePrintDialog.doc_name = self.printer.docName()
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.target))
        return self.answer


@pytest.fixture
def printer_pdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    target = tmp_path / "printer" / "printed.pdf"
    target.parent.mkdir()
    FakePrintDialog.target = target
    FakePrintDialog.answer = QDialog.DialogCode.Accepted
    monkeypatch.setattr(recovery_sheet_print, "QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(recovery_sheet_print, "printers_available", lambda: True)
    return target


def test_print_the_sheet(
    qtbot, key_dialog: RecoveryKeyDialog, printer_pdf: Path, isolated_home: Path
) -> None:
    dialog = key_dialog
    click(qtbot, dialog.print_button)
    assert printer_pdf.read_bytes().startswith(b"%PDF-")
    assert (QAbstractPrintDialog.PrintDialogOption.PrintToFile, False) in FakePrintDialog.options
    assert FakePrintDialog.doc_name == "document"  # the print log says nothing of what it was
    assert "sent to the printer" in dialog.sheet_message.text()
    assert files_under(isolated_home) == []  # nothing in HOME, the XDG folders or TMPDIR
    # What was printed: the sheet, with the whole key in its groups.
    text = recovery_sheet_print.sheet_document(dialog.key_label.text(), date(2026, 11, 21))
    plain = text.toPlainText()
    for group in dialog.key_label.text().split("-"):
        assert group in plain
    assert "2026-11-21" in plain and "Where to keep it" in plain


def test_printing_cancelled_or_without_a_printer(
    qtbot, key_dialog: RecoveryKeyDialog, printer_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = key_dialog
    FakePrintDialog.answer = QDialog.DialogCode.Rejected
    click(qtbot, dialog.print_button)
    assert not printer_pdf.exists()
    assert not dialog.sheet_message.isVisible()
    monkeypatch.setattr(recovery_sheet_print, "printers_available", lambda: False)
    click(qtbot, dialog.print_button)
    assert "No printer is set up" in dialog.sheet_message.text()
    assert dialog.isVisible()


def test_save_as_pdf_warns_first_then_writes_the_sheet(
    qtbot,
    key_dialog: RecoveryKeyDialog,
    dialogs: FakeDialogs,
    vault_dir: Path,
    isolated_home: Path,
) -> None:
    dialog = key_dialog
    click(qtbot, dialog.save_pdf_button)
    warning = dialog.pdf_warning
    assert warning is not None and warning.isVisible()
    assert "not encrypted" in warning.text() and "Anyone who finds it" in warning.text()
    assert "print the sheet" in warning.informativeText()
    assert "USB stick" in warning.informativeText()
    qtbot.keyClick(warning, Qt.Key.Key_Escape)  # Esc = Cancel: no file dialog
    assert not warning.isVisible()
    assert dialogs.calls == []

    target = vault_dir / "sheet.pdf"
    dialogs.pdf_answers.append(str(target))
    click(qtbot, dialog.save_pdf_button)
    click(qtbot, dialog.pdf_continue_button)
    assert dialogs.calls == ["pdf"]
    assert "vault" not in dialogs.suggested[0] and "evl" not in dialogs.suggested[0]
    assert "saved as a PDF" in dialog.sheet_message.text()
    text = pdf_text(target.read_bytes())
    for group in dialog.key_label.text().split("-"):
        assert group in text
    assert "2026-11-21" in text
    assert files_under(isolated_home) == []
    assert dialog.isVisible()  # still to write down / check


def test_a_pdf_that_cannot_be_saved_says_so(
    qtbot, key_dialog: RecoveryKeyDialog, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialog = key_dialog
    dialogs.pdf_answers.append(str(vault_dir / "pulled-out-stick" / "sheet.pdf"))
    click(qtbot, dialog.save_pdf_button)
    click(qtbot, dialog.pdf_continue_button)
    text = dialog.sheet_message.text()
    assert "could not be saved there" in text and "print the sheet instead" in text
    assert list(vault_dir.iterdir()) == []


# --- a suggested passphrase -----------------------------------------------------------------------


def test_suggest_a_passphrase_fills_both_fields_and_the_vault_opens_with_it(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "case.evl"
    dialogs.save_answers.append(str(target))
    click(qtbot, window.start_page.create_button)
    page = window.create_page
    click(qtbot, page.choose_button)
    assert not page.suggestion_note.isVisible()
    click(qtbot, page.suggest_button)

    suggestion = page.passphrase.text()
    words = suggestion.split(" ")
    assert len(words) == 6
    assert set(words) <= set(passgen.load_wordlist())
    assert page.repeat.text() == suggestion
    # Shown, so it can be written down; and the page says so.
    assert page.show_typed.isChecked()
    assert page.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    assert page.suggestion_note.isVisible()
    assert "write this passphrase down" in page.suggestion_note.text()
    assert "not stored anywhere" in page.suggestion_note.text()
    assert not page.passphrase.isUndoAvailable()  # no trail of earlier text

    click(qtbot, page.suggest_button)  # another one, if the first was not to their liking
    assert page.passphrase.text() != suggestion
    suggestion = page.passphrase.text()
    assert page.repeat.text() == suggestion

    click(qtbot, page.create_button)
    qtbot.waitUntil(lambda: window.recovery_dialog is not None, timeout=30_000)
    assert page.passphrase.text() == "" and not page.suggestion_note.isVisible()
    window.lock()
    LockedVault.open(target).unlock(suggestion).lock()


def test_the_rule_and_the_suggestion_are_both_up_front(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.start_page.create_button)
    page = window.create_page
    assert page.suggest_button.isVisible() and page.suggest_button.isEnabled()
    texts = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())
    assert "at least 8 characters" in texts


def test_a_damaged_wordlist_lets_the_user_type_their_own(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged() -> str:
        raise passgen.WordlistDamaged()

    monkeypatch.setattr(passgen, "suggest_passphrase", damaged)
    click(qtbot, window.start_page.create_button)
    page = window.create_page
    click(qtbot, page.suggest_button)
    assert "type your own" in page.message.text()
    assert page.passphrase.text() == "" and page.passphrase.isEnabled()


@pytest.mark.parametrize("how", ["lock", "quick_exit"])
def test_lock_while_the_print_dialog_is_open_prints_nothing(
    how: str,
    qtbot,
    window: MainWindow,
    dialogs: FakeDialogs,
    vault_dir: Path,
    printer_pdf: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lock or a quick exit during the system print dialog cancels it."""
    dialog = make_vault_and_wait_for_key(qtbot, window, dialogs, vault_dir / "case.evl")
    seen: list[QDialog] = []

    class LockDuringPrintDialog(QDialog):
        def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
            super().__init__(parent)
            self.printer = printer

        def setOption(self, option: object, on: bool = True) -> None:  # noqa: N802
            pass

        def exec(self) -> int:
            seen.append(self)
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(printer_pdf))
            # The user presses Lock (or Quick exit) while choosing a printer.
            QTimer.singleShot(0, getattr(window, how))
            return super().exec()

    monkeypatch.setattr(recovery_sheet_print, "QPrintDialog", LockDuringPrintDialog)
    click(qtbot, dialog.print_button)
    assert seen and window.vault is None
    assert window.recovery_dialog is None and not dialog.isVisible()
    assert not printer_pdf.exists()
