"""'Remember this vault on this computer': off by default, nothing written unless ticked, the
start page opens a remembered vault straight to its passphrase, and forgetting works."""

from __future__ import annotations

from pathlib import Path

from locker import paths, remembered
from locker.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.gui.conftest import FakeDialogs, click, files_under, wait_idle
from tests.gui.test_create import fill_create_form

SHARED_PC_NOTE = "Leave this off on a shared computer, such as at a shelter or library."


def finish_key_dialog(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: win.recovery_dialog is not None, timeout=30_000)
    dialog = win.recovery_dialog
    assert dialog is not None
    click(qtbot, dialog.written_down)
    click(qtbot, dialog.continue_button)
    qtbot.keyClicks(dialog.check_edit, dialog.key_label.text().split("-")[-1])
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: win.recovery_dialog is None)


def unlock_with(qtbot, win: MainWindow, secret: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(win.unlock_page.secret, secret)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)


def remember_first(win: MainWindow, path: Path) -> None:
    """As if ticked in an earlier session (the window then starts on the start page)."""
    remembered.remember_vault(path)
    win.show_start()


def test_off_by_default_and_nothing_written(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path, isolated_home: Path
) -> None:
    target = vault_dir / "case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    page = window.create_page
    assert page.remember.isVisible() and not page.remember.isChecked()
    assert page.remember_note.text() == SHARED_PC_NOTE and page.remember_note.isVisible()
    click(qtbot, page.create_button)
    finish_key_dialog(qtbot, window)
    click(qtbot, window.lock_bar.lock_button)

    dialogs.open_answers.append(str(target))
    click(qtbot, window.start_page.open_button)
    wait_idle(qtbot, window)
    unlock_page = window.unlock_page
    assert unlock_page.remember.isVisible() and not unlock_page.remember.isChecked()
    assert unlock_page.remember_note.text() == SHARED_PC_NOTE
    unlock_with(qtbot, window)
    assert window.vault is not None
    click(qtbot, window.lock_bar.lock_button)

    assert remembered.remembered_vault() is None
    assert not paths.config_dir().exists() or files_under(paths.config_dir()) == []
    assert files_under(isolated_home) == []
    assert not window.start_page.remembered_button.isVisible()
    assert window.start_page.open_button.text() == "Open a vault"


def test_remember_when_creating_then_open_it_from_the_start_page(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    target = vault_dir / "my case.evl"
    dialogs.save_answers.append(str(target))
    fill_create_form(qtbot, window, PASSPHRASE, PASSPHRASE)
    click(qtbot, window.create_page.remember)
    click(qtbot, window.create_page.create_button)
    finish_key_dialog(qtbot, window)
    assert remembered.remembered_vault() == target
    click(qtbot, window.lock_bar.lock_button)

    start = window.start_page
    assert start.remembered_button.isVisible()
    assert start.remembered_button.text() == "Open my case.evl"
    assert start.main_button() is start.remembered_button
    assert start.forget_button.isVisible()
    assert start.open_button.text() == "Open another vault"
    dialogs.calls.clear()
    click(qtbot, start.remembered_button)
    assert window.stack.currentWidget() is window.unlock_page
    wait_idle(qtbot, window)
    assert dialogs.calls == []  # no file dialog: straight to the passphrase
    page = window.unlock_page
    assert page.path_edit.text() == str(target)
    assert page.secret.isEnabled() and window.focusWidget() is page.secret
    assert page.remember.isChecked()  # it is the remembered one
    unlock_with(qtbot, window)
    assert window.vault is not None and window.vault.path == target
    assert remembered.remembered_vault() == target


def test_remember_when_unlocking_and_not_after_a_wrong_passphrase(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    dialogs.open_answers.append(str(path))
    click(qtbot, window.start_page.open_button)
    wait_idle(qtbot, window)
    click(qtbot, window.unlock_page.remember)
    unlock_with(qtbot, window, "not the passphrase")
    assert window.vault is None
    assert remembered.remembered_vault() is None  # only after the vault opened
    window.unlock_page.secret.wipe()
    unlock_with(qtbot, window)
    assert window.vault is not None
    assert remembered.remembered_vault() == path


def test_unticking_a_remembered_vault_forgets_it(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    remember_first(window, path)
    click(qtbot, window.start_page.remembered_button)
    wait_idle(qtbot, window)
    click(qtbot, window.unlock_page.remember)
    assert not window.unlock_page.remember.isChecked()
    unlock_with(qtbot, window)
    assert window.vault is not None
    assert remembered.remembered_vault() is None
    click(qtbot, window.lock_bar.lock_button)
    assert not window.start_page.remembered_button.isVisible()
    assert not window.start_page.forget_button.isVisible()


def test_forget_on_the_start_page(
    qtbot, window: MainWindow, new_vault: tuple[Path, str], isolated_home: Path
) -> None:
    path, _ = new_vault
    before = path.read_bytes()
    remember_first(window, path)
    start = window.start_page
    assert start.remembered_button.text() == "Open case.evl"
    click(qtbot, start.forget_button)
    assert remembered.remembered_vault() is None
    assert not start.remembered_button.isVisible() and not start.forget_button.isVisible()
    assert start.create_button.isVisible() and start.open_button.text() == "Open a vault"
    assert "no longer remembers" in start.message.text()
    assert path.read_bytes() == before  # the vault itself is untouched
    assert files_under(isolated_home) == []


def test_a_remembered_vault_that_is_not_there_right_now(
    qtbot, window: MainWindow, vault_dir: Path
) -> None:
    gone = vault_dir / "on-the-stick.evl"  # the USB stick is not plugged in
    remember_first(window, gone)
    start = window.start_page
    assert not start.remembered_button.isVisible()
    assert start.missing_note.isVisible()
    assert "on-the-stick.evl" in start.missing_note.text()
    assert "plug the stick in" in start.missing_note.text()
    assert start.main_button() is start.create_button
    click(qtbot, start.forget_button)
    assert remembered.remembered_vault() is None
    assert not start.missing_note.isVisible()


def test_an_odd_remembered_file_name_is_shown_cleaned(
    qtbot, window: MainWindow, vault_dir: Path, floor_params
) -> None:  # type: ignore[no-untyped-def]
    odd = vault_dir / "case\u202egpj.evl"  # a right-to-left override would reverse the name
    odd.write_bytes(b"not really a vault")
    remember_first(window, odd)
    text = window.start_page.remembered_button.text()
    assert "\u202e" not in text and "\ufffd" in text
