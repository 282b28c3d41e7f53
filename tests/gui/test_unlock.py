"""Opening a vault through the window, the item list, wrong input, and Lock."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

from locker.case import evidence
from locker.gui import unlock_page
from locker.gui.main_window import MainWindow
from locker.vault import LockedVault, Vault
from tests.conftest import (
    PASSPHRASE,
    open_vault,
    sha256_file,
)
from tests.gui.conftest import FakeDialogs, click, wait_idle
from tests.helpers_tamper import sql


@pytest.fixture
def vault_with_items(new_vault: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    """The conftest vault with two items added by the core."""
    path, recovery = new_vault
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "chat.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 2000)
    (sources / "notes.txt").write_bytes(b"what happened on Friday\n")
    vault = open_vault(path)
    try:
        evidence.add_file(vault, sources / "chat.png", title="Screenshot of the threat")
        evidence.add_file(vault, sources / "notes.txt", title="My notes")
    finally:
        vault.lock()
    return path, recovery


def start_opening(qtbot, win: MainWindow, dialogs: FakeDialogs, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs.open_answers.append(str(path))
    click(qtbot, win.start_page.open_button)
    assert win.stack.currentWidget() is win.unlock_page
    assert dialogs.calls == ["open"]  # the file chooser came up straight away
    wait_idle(qtbot, win)  # the file is opened off the UI thread


def type_and_open(qtbot, win: MainWindow, secret: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(win.unlock_page.secret, secret)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)


def shown_rows(win: MainWindow) -> list[set[str]]:
    """The texts of each row the library shows (whichever columns it has)."""
    proxy = win.vault_page.proxy
    return [
        {str(proxy.index(row, column).data()) for column in range(proxy.columnCount())}
        for row in range(proxy.rowCount())
    ]


def test_unlock_shows_the_items(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_with_items: tuple[Path, str]
) -> None:
    """What the library shows in detail is tests/gui/test_library.py's; here: the items are
    there, and nothing of the passphrase is left in the page."""
    path, _ = vault_with_items
    start_opening(qtbot, window, dialogs, path)
    type_and_open(qtbot, window, PASSPHRASE)
    assert window.current_page() is window.vault_page
    assert window.vault_page.views.currentWidget() is not window.vault_page.empty_state
    rows = shown_rows(window)
    assert len(rows) == 2
    assert any("Screenshot of the threat" in row for row in rows)
    notes = next(row for row in rows if "My notes" in row)
    # Added: local time, year first (unambiguous in every country), not the raw ISO text.
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text) for text in notes), notes
    assert "2 items" in window.vault_page.count_label.text()
    assert "case.evl" in window.lock_bar.vault_label.text()
    assert window.unlock_page.secret.text() == ""


def test_wrong_passphrase_says_so_and_opens_nothing(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_with_items: tuple[Path, str]
) -> None:
    path, _ = vault_with_items
    start_opening(qtbot, window, dialogs, path)
    type_and_open(qtbot, window, "not the passphrase")
    page = window.unlock_page
    assert "That passphrase does not open this vault" in page.message.text()
    assert page.message.isVisible()
    assert window.vault is None
    assert window.stack.currentWidget() is page
    assert not window.lock_bar.isVisible()
    # Trying again works without choosing the file again.
    page.secret.wipe()
    type_and_open(qtbot, window, PASSPHRASE)
    assert window.vault is not None
    assert len(shown_rows(window)) == 2


def test_a_text_file_is_not_a_vault(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    text_file = vault_dir / "shopping.txt"
    text_file.write_text("milk\neggs\n")
    start_opening(qtbot, window, dialogs, text_file)
    page = window.unlock_page
    assert "not an Evidence Locker vault" in page.message.text()
    assert page.message.isVisible()
    assert not page.secret.isEnabled()
    assert not page.open_button.isEnabled()
    assert page.choose_button.isEnabled()  # the way forward: choose another file
    assert page.choose_button.text() == "Choose another file…"
    assert window.vault is None
    assert text_file.read_text() == "milk\neggs\n"


def test_open_with_the_recovery_key(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_with_items: tuple[Path, str]
) -> None:
    path, recovery = vault_with_items
    start_opening(qtbot, window, dialogs, path)
    click(qtbot, window.unlock_page.use_recovery)
    assert window.unlock_page.secret_label.text() == "Recovery key:"
    type_and_open(qtbot, window, recovery.lower())
    assert window.vault is not None
    assert len(shown_rows(window)) == 2
    entries, problems = window.vault.custody_log()
    assert problems == []
    assert entries[-1].action == "recovery-key-used"


def test_empty_vault_shows_the_empty_state(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    start_opening(qtbot, window, dialogs, new_vault[0])
    type_and_open(qtbot, window, PASSPHRASE)
    assert window.vault_page.views.currentWidget() is window.vault_page.empty_state
    assert window.vault_page.empty_state.isVisible()


def test_lock_returns_to_start_and_locks_the_vault(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_with_items: tuple[Path, str]
) -> None:
    path, _ = vault_with_items
    start_opening(qtbot, window, dialogs, path)
    type_and_open(qtbot, window, PASSPHRASE)
    vault = window.vault
    assert vault is not None
    click(qtbot, window.lock_bar.lock_button)
    assert vault.is_locked
    assert window.vault is None
    assert window.stack.currentWidget() is window.start_page
    assert "locked" in window.start_page.message.text()
    assert not window.lock_bar.isVisible()
    assert window.vault_page.model.rowCount() == 0  # decrypted data dropped
    # The path is not remembered: opening again asks for the file again.
    click(qtbot, window.start_page.open_button)
    assert window.unlock_page.path_edit.text() == ""


def test_ui_stays_responsive_while_unlocking_and_close_waits_then_locks(
    qtbot,
    window: MainWindow,
    dialogs: FakeDialogs,
    vault_with_items: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    opened: list[Vault] = []
    real = unlock_page._unlock_and_list

    def held_back(*args):  # type: ignore[no-untyped-def]
        gate.wait(30)
        outcome = real(*args)
        opened.append(outcome.vault)
        return outcome

    monkeypatch.setattr(unlock_page, "_unlock_and_list", held_back)
    path, _ = vault_with_items
    start_opening(qtbot, window, dialogs, path)
    qtbot.keyClicks(window.unlock_page.secret, PASSPHRASE)
    click(qtbot, window.unlock_page.open_button)
    page = window.unlock_page
    assert window.runner.busy
    assert page.busy.isVisible() and "Opening the vault" in page.busy.label.text()
    assert not page.open_button.isEnabled() and not page.back_button.isEnabled()
    # The event loop keeps running while the key is derived: timers fire, the window repaints.
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        timer.start(0)
    assert window.runner.busy

    gate.set()
    assert window.runner.busy  # finished or not, the outcome has not been delivered yet
    window.close()  # must wait for the worker, then lock what it opened
    assert len(opened) == 1
    assert opened[0].is_locked
    assert window.vault is None
    assert not window.runner.busy


# --- messages with a next step ---------------------------------------------------------------


def test_damaged_key_slot_says_what_to_do(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, recovery = new_vault
    sql(path, "UPDATE key_slot SET checksum = zeroblob(16) WHERE slot = 1")
    before = sha256_file(path)
    start_opening(qtbot, window, dialogs, path)
    type_and_open(qtbot, window, PASSPHRASE)
    text = window.unlock_page.message.text()
    assert "Part of the vault is damaged" not in text  # not the core's bare sentence
    assert "Nothing was changed." in text
    assert "Your recovery key can still open it" in text
    assert text.endswith("The part that could not be read: passphrase key slot.")
    assert window.vault is None
    assert sha256_file(path) == before
    # ... and following that advice works.
    click(qtbot, window.unlock_page.use_recovery)
    type_and_open(qtbot, window, recovery)
    qtbot.waitUntil(lambda: window.vault is not None)


def test_damaged_header_says_what_to_do_when_the_file_is_chosen(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    sql(path, "UPDATE header SET checksum = zeroblob(16)")
    start_opening(qtbot, window, dialogs, path)
    page = window.unlock_page
    assert "try opening that one" in page.message.text()
    assert "vault header" in page.message.text()
    assert not page.open_button.isEnabled()
    assert page.choose_button.isEnabled()


def test_a_recovery_key_from_another_vault_gets_a_hint(
    qtbot,
    window: MainWindow,
    dialogs: FakeDialogs,
    new_vault: tuple[Path, str],
    vault_dir: Path,
    floor_params,  # type: ignore[no-untyped-def]
) -> None:
    other, other_key = Vault.create(vault_dir / "other.evl", PASSPHRASE, floor_params)
    other.lock()
    start_opening(qtbot, window, dialogs, new_vault[0])
    click(qtbot, window.unlock_page.use_recovery)
    type_and_open(qtbot, window, other_key)
    text = window.unlock_page.message.text()
    assert text.startswith("That recovery key does not open this vault.")
    assert "check each group" in text
    assert "opens only the vault it was made with" in text
    assert window.vault is None


def test_a_mistyped_recovery_key_keeps_the_cores_own_words(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, key = new_vault
    start_opening(qtbot, window, dialogs, path)
    click(qtbot, window.unlock_page.use_recovery)
    type_and_open(qtbot, window, key[:-9])
    assert "not complete" in window.unlock_page.message.text()
    assert "opens only the vault" not in window.unlock_page.message.text()


# --- the file is opened off the UI thread ----------------------------------------------------


def test_a_fifo_is_refused_with_a_clear_message(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    fifo = vault_dir / "looks-like-a-vault.evl"
    os.mkfifo(fifo)
    # Without the fix the UI thread blocks in open() until some writer appears. So that the
    # test fails rather than hangs, a writer comes along after a few seconds.
    unblock = threading.Timer(3.0, lambda: os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)))
    unblock.start()
    try:
        start_opening(qtbot, window, dialogs, fifo)
    finally:
        unblock.cancel()
    page = window.unlock_page
    qtbot.waitUntil(page.message.isVisible)
    assert "special file" in page.message.text()
    assert "choose the vault file" in page.message.text()
    assert not page.secret.isEnabled() and not page.open_button.isEnabled()
    assert page.choose_button.isEnabled() and page.back_button.isEnabled()


def test_ui_stays_responsive_while_the_file_is_opened_and_close_closes_it(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    opened: list[LockedVault] = []

    class StalledUsbStick:
        @staticmethod
        def open(path):  # type: ignore[no-untyped-def]
            gate.wait(5)  # a stalled USB stick
            opened.append(LockedVault.open(path))
            return opened[-1]

    monkeypatch.setattr(unlock_page, "LockedVault", StalledUsbStick)
    dialogs.open_answers.append(str(new_vault[0]))
    click(qtbot, window.start_page.open_button)
    page = window.unlock_page
    assert window.runner.busy, "the file was opened on the UI thread"
    assert not page.secret.isEnabled() and not page.open_button.isEnabled()
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        timer.start(0)
    qtbot.waitUntil(page.busy.isVisible)  # after a short delay, it says what it is doing
    assert "Checking the file" in page.busy.label.text()
    gate.set()
    wait_idle(qtbot, window)
    assert not page.busy.isVisible()
    assert page.secret.isEnabled()
    assert window.focusWidget() is page.secret
    window.close()
    assert len(opened) == 1
    still_open = [f.path for f in psutil.Process().open_files()]
    assert str(new_vault[0]) not in still_open  # the window closed the file too


# --- the page's own promises -------------------------------------------------------------------


def test_show_what_i_type_and_a_second_miss_points_to_the_recovery_key(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    start_opening(qtbot, window, dialogs, new_vault[0])
    page = window.unlock_page
    qtbot.keyClicks(page.secret, "forgotten")
    assert page.secret.echoMode() == QLineEdit.EchoMode.Password
    click(qtbot, page.show_typed)
    assert page.secret.echoMode() == QLineEdit.EchoMode.Normal
    click(qtbot, page.open_button)
    wait_idle(qtbot, window)
    first = page.message.text()
    assert first.startswith("That passphrase does not open this vault.")
    assert "Caps Lock" in first
    assert "recovery key" not in first  # a typing slip is the likely cause the first time
    click(qtbot, page.open_button)
    wait_idle(qtbot, window)
    second = page.message.text()
    assert second.startswith("That passphrase does not open this vault.")
    assert "I forgot my passphrase: use my recovery key instead" in second
    assert page.use_recovery.isVisible() and page.use_recovery.isEnabled()


def test_start_with_a_path_skips_the_file_dialog(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    path, _ = new_vault
    window.stack.setCurrentWidget(window.unlock_page)
    window.unlock_page.start(str(path))
    wait_idle(qtbot, window)
    assert dialogs.calls == []
    assert window.unlock_page.path_edit.text() == str(path)
    type_and_open(qtbot, window, PASSPHRASE)
    assert window.vault is not None


def test_a_file_that_vanished_since_it_was_remembered_gets_a_way_on(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    window.stack.setCurrentWidget(window.unlock_page)
    window.unlock_page.start(str(vault_dir / "gone.evl"))
    wait_idle(qtbot, window)
    page = window.unlock_page
    assert page.message.isVisible() and page.message.text()
    assert not page.open_button.isEnabled()
    assert page.choose_button.isEnabled()
