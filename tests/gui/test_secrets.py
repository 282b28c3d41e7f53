"""Secrets leave no trace in the GUI: not in a field's undo history, not on the clipboard,
not in Python frames kept alive by an error, not in a hidden label after Lock."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit

from locker.gui.main_window import MainWindow
from locker.gui.widgets import PassphraseEdit
from tests.conftest import PASSPHRASE, ROOT, locker_env
from tests.gui.conftest import FakeDialogs, click, wait_idle

OTHER_TEXT = "a shopping list copied in another program"


@pytest.fixture(autouse=True)
def empty_clipboard(qtbot):  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def open_vault_in(qtbot, win: MainWindow, dialogs: FakeDialogs, path: Path, secret: str) -> None:  # type: ignore[no-untyped-def]
    dialogs.open_answers.append(str(path))
    click(qtbot, win.start_page.open_button)
    wait_idle(qtbot, win)
    qtbot.keyClicks(win.unlock_page.secret, secret)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)


def create_vault_in(qtbot, win: MainWindow, dialogs: FakeDialogs, target: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs.save_answers.append(str(target))
    click(qtbot, win.start_page.create_button)
    page = win.create_page
    click(qtbot, page.choose_button)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    click(qtbot, page.create_button)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.recovery_dialog is not None)


def finish_recovery_dialog(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = win.recovery_dialog
    assert dialog is not None
    click(qtbot, dialog.written_down)
    click(qtbot, dialog.continue_button)
    # The dialog then checks the copy: the last group, typed from the paper.
    qtbot.keyClicks(dialog.check_edit, dialog.key_label.text().split("-")[-1])
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: win.recovery_dialog is None)


def undo(qtbot, edit: QLineEdit) -> str:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.keySequence(edit, QKeySequence.StandardKey.Undo)
    return edit.text()


# --- the undo history ---------------------------------------------------------------------


def test_passphrase_does_not_come_back_with_undo_after_lock(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    open_vault_in(qtbot, window, dialogs, path, PASSPHRASE)  # typed hidden, as most people do
    assert window.vault is not None
    click(qtbot, window.lock_bar.lock_button)
    # Someone else at the computer: Open a vault, tick "Show what I type", Ctrl+Z.
    dialogs.open_answers.append(str(path))
    click(qtbot, window.start_page.open_button)
    wait_idle(qtbot, window)
    page = window.unlock_page
    click(qtbot, page.show_typed)
    assert page.secret.text() == ""
    assert undo(qtbot, page.secret) == ""
    assert not page.secret.isUndoAvailable()


def test_recovery_mode_switch_leaves_no_undo(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    dialogs.open_answers.append(str(new_vault[0]))
    click(qtbot, window.start_page.open_button)
    wait_idle(qtbot, window)
    page = window.unlock_page
    qtbot.keyClicks(page.secret, PASSPHRASE)
    click(qtbot, page.use_recovery)  # empties the field
    click(qtbot, page.show_typed)
    assert undo(qtbot, page.secret) == ""


def test_create_passphrase_does_not_come_back_with_undo(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    create_vault_in(qtbot, window, dialogs, vault_dir / "a.evl")
    finish_recovery_dialog(qtbot, window)
    click(qtbot, window.lock_bar.lock_button)
    click(qtbot, window.start_page.create_button)
    page = window.create_page
    click(qtbot, page.show_typed)
    assert undo(qtbot, page.repeat) == ""
    assert undo(qtbot, page.passphrase) == ""


def test_mismatched_repeat_is_wiped_without_undo(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialogs.save_answers.append(str(vault_dir / "b.evl"))
    click(qtbot, window.start_page.create_button)
    page = window.create_page
    click(qtbot, page.choose_button)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE + " typo")
    click(qtbot, page.create_button)
    assert page.repeat.text() == ""
    click(qtbot, page.show_typed)
    assert undo(qtbot, page.repeat) == ""


def test_passphrase_edit_refuses_undo_redo_copy_and_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = PassphraseEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setEchoMode(QLineEdit.EchoMode.Normal)  # as with "Show what I type"
    qtbot.keyClicks(edit, "first secret words")
    edit.selectAll()
    qtbot.keyClicks(edit, "second")  # replacing a selection is an undoable step in Qt
    for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
        qtbot.keySequence(edit, key)
        assert edit.text() == "second"
    QGuiApplication.clipboard().setText(OTHER_TEXT)
    edit.selectAll()
    qtbot.keySequence(edit, QKeySequence.StandardKey.Copy)
    qtbot.keySequence(edit, QKeySequence.StandardKey.Cut)
    assert QGuiApplication.clipboard().text() == OTHER_TEXT
    assert edit.text() == "second"
    names = {action.objectName() for action in edit.context_menu().actions()}
    assert not names & {"edit-undo", "edit-redo", "edit-cut", "edit-copy"}
    assert "edit-paste" in names  # pasting a passphrase in stays possible
    edit.wipe()
    assert edit.text() == "" and not edit.isUndoAvailable()


# --- the clipboard ------------------------------------------------------------------------


def test_recovery_key_cannot_be_copied_and_is_cleared_by_lock(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    create_vault_in(qtbot, window, dialogs, vault_dir / "b.evl")
    dialog = window.recovery_dialog
    assert dialog is not None
    key = dialog.key_label.text()
    assert dialog.key_label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert dialog.key_label.accessibleName() == "Recovery key"
    assert dialog.key_label.accessibleDescription() == key  # screen readers still read it
    dialog.key_label.setFocus()
    qtbot.keySequence(dialog.key_label, QKeySequence.StandardKey.SelectAll)
    qtbot.keySequence(dialog.key_label, QKeySequence.StandardKey.Copy)
    assert QGuiApplication.clipboard().text() != key
    # However it got there (a screen reader, a bug), Lock takes it back off the clipboard.
    QGuiApplication.clipboard().setText(key)
    finish_recovery_dialog(qtbot, window)
    click(qtbot, window.lock_bar.lock_button)
    assert QGuiApplication.clipboard().text() == ""


def test_lock_clears_a_passphrase_from_the_clipboard(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    open_vault_in(qtbot, window, dialogs, path, PASSPHRASE)
    QGuiApplication.clipboard().setText(PASSPHRASE)
    click(qtbot, window.lock_bar.lock_button)
    assert QGuiApplication.clipboard().text() == ""


def test_lock_leaves_other_programs_text_on_the_clipboard(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    open_vault_in(qtbot, window, dialogs, path, PASSPHRASE)
    QGuiApplication.clipboard().setText(OTHER_TEXT)
    click(qtbot, window.lock_bar.lock_button)
    assert QGuiApplication.clipboard().text() == OTHER_TEXT


def test_close_clears_a_typed_passphrase_from_the_clipboard(
    qtbot, floor_params, dialogs: FakeDialogs, vault_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(kdf_params=floor_params)
    qtbot.addWidget(win)
    win.show()
    dialogs.save_answers.append(str(vault_dir / "c.evl"))
    click(qtbot, win.start_page.create_button)
    click(qtbot, win.create_page.choose_button)
    qtbot.keyClicks(win.create_page.passphrase, "typed but never used")
    QGuiApplication.clipboard().setText("typed but never used")
    win.close()
    assert QGuiApplication.clipboard().text() == ""


# The X11 "Selection" clipboard exists only on a real display server, so this one runs a small
# script under Xvfb when it is installed (offscreen Qt has no Selection clipboard at all).
SELECTION_PROBE = """
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
from locker.gui.widgets import PassphraseEdit
board = QGuiApplication.clipboard()
assert board.supportsSelection()
for cls in (QLineEdit, PassphraseEdit):
    edit = cls()
    edit.setEchoMode(QLineEdit.EchoMode.Normal)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    board.clear(QClipboard.Mode.Selection)
    QTest.keyClicks(edit, "correct horse battery")
    QTest.keyClick(edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    by_keys = board.text(QClipboard.Mode.Selection)
    QTest.mouseDClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(20, edit.height() // 2))
    QTest.mouseRelease(edit, Qt.MouseButton.LeftButton, pos=QPoint(20, edit.height() // 2))
    print(cls.__name__, repr(by_keys), repr(board.text(QClipboard.Mode.Selection)))
"""


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Xvfb (xvfb-run)")
def test_a_shown_passphrase_stays_off_the_x11_selection() -> None:
    env = locker_env()
    env["QT_QPA_PLATFORM"] = "xcb"
    proc = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", SELECTION_PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # A plain line edit shows what this guards against: a selection lands there by itself.
    assert lines[0] == "QLineEdit 'correct horse battery' 'correct'"
    assert lines[1] == "PassphraseEdit '' ''"


# --- an error must not keep the typed passphrase alive -----------------------------------


def test_wrong_passphrase_is_not_kept_alive_by_a_reference_cycle(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    """task -> error -> __traceback__ -> frames (locals: the passphrase) -> task: without the
    fix these frames live until the cyclic GC happens to run, so the GC is held off here."""
    path, _ = new_vault
    wrong = "my-other-secret-phrase-xyz"
    gc.collect()
    gc.disable()
    try:
        open_vault_in(qtbot, window, dialogs, path, wrong)
        assert "does not open" in window.unlock_page.message.text()
        window.unlock_page.reset()
        holders = [
            obj.f_code.co_name
            for obj in gc.get_objects()
            if type(obj).__name__ == "frame" and wrong in obj.f_locals.values()
        ]
        assert holders == [], f"frames still hold the typed passphrase: {holders}"
    finally:
        gc.enable()


# --- nothing of the vault left in hidden widgets -----------------------------------------


def test_lock_forgets_the_vault_name_in_the_lock_bar(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    open_vault_in(qtbot, window, dialogs, path, PASSPHRASE)
    assert "case.evl" in window.lock_bar.vault_label.text()
    click(qtbot, window.lock_bar.lock_button)
    assert window.lock_bar.vault_label.text() == ""
