"""Everything works from the keyboard: Enter on a focused button presses it, Enter in the first
passphrase field moves on to the second."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from locker.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.gui.conftest import FakeDialogs, click, wait_idle


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_focused_open_button_opens(
    qtbot, window: MainWindow, dialogs: FakeDialogs, key: Qt.Key
) -> None:
    window.start_page.open_button.setFocus()
    with qtbot.waitSignal(window.start_page.open_requested, timeout=1000):
        qtbot.keyClick(window.start_page.open_button, key)
    assert dialogs.calls == ["open"]


def test_enter_on_a_focused_back_button_goes_back(
    qtbot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    click(qtbot, window.start_page.create_button)
    back = window.create_page.back_button
    back.setFocus()
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.start_page


def test_enter_on_the_focused_lock_button_locks(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    dialogs.open_answers.append(str(new_vault[0]))
    click(qtbot, window.start_page.open_button)
    wait_idle(qtbot, window)
    qtbot.keyClicks(window.unlock_page.secret, PASSPHRASE)
    qtbot.keyClick(window.unlock_page.secret, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.vault is not None
    window.lock_bar.lock_button.setFocus()
    qtbot.keyClick(window.lock_bar.lock_button, Qt.Key.Key_Return)
    assert window.vault is None
    assert window.stack.currentWidget() is window.start_page


def test_every_page_button_answers_enter(window: MainWindow) -> None:
    buttons = window.centralWidget().findChildren(QPushButton)
    assert len(buttons) >= 9
    assert [b.text() for b in buttons if not b.autoDefault()] == []


def test_enter_in_the_first_passphrase_field_moves_to_the_second(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    dialogs.save_answers.append(str(vault_dir / "d.evl"))
    click(qtbot, window.start_page.create_button)
    page = window.create_page
    click(qtbot, page.choose_button)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert window.focusWidget() is page.repeat
    assert not window.runner.busy  # nothing was submitted yet
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)  # Enter in the second field creates
    qtbot.waitUntil(lambda: window.recovery_dialog is not None, timeout=30_000)
