"""Nothing about the vault is left on the computer after a whole session (PRODUCT.md §2).

This drives the real Qt file dialogs (not the monkeypatched stand-ins), because they are what
would write history to QtProject.conf or recently-used.xbel.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from locker.gui import filedialogs
from locker.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.gui.conftest import click, wait_idle


class FileDialogAnswerer:
    """Waits (on the event loop, no sleeping) for the next Qt file dialog and types a path in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: list[QFileDialog] = []
        self.native: list[bool] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._poll)
        self.timer.start(10)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        self.timer.stop()
        self.seen.append(dialog)
        self.native.append(not dialog.testOption(QFileDialog.Option.DontUseNativeDialog))
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None, "expected Qt's own (widget) file dialog"
        edit.setText(str(self.path))
        dialog.accept()


def files_under(root: Path) -> list[Path]:
    return [Path(d) / f for d, _, names in os.walk(root) for f in names]


def test_real_file_dialogs_leave_no_history(qtbot, isolated_home: Path, vault_dir: Path) -> None:
    target = vault_dir / "private-case.evl"
    answer = FileDialogAnswerer(target)
    assert filedialogs.choose_new_vault_path(None) == str(target)
    assert answer.native == [False]
    target.write_bytes(b"x")
    answer = FileDialogAnswerer(target)
    assert filedialogs.choose_vault_to_open(None) == str(target)
    assert files_under(isolated_home) == []


def test_default_suffix_is_added(qtbot, vault_dir: Path) -> None:
    answer = FileDialogAnswerer(vault_dir / "my case")  # keep a reference: it holds the timer
    assert filedialogs.choose_new_vault_path(None) == str(vault_dir / "my case.evl")
    assert answer.seen


def test_a_whole_session_writes_nothing_under_home(
    qtbot, isolated_home: Path, vault_dir: Path, floor_params
) -> None:  # type: ignore[no-untyped-def]
    target = vault_dir / "private-case.evl"
    win = MainWindow(kdf_params=floor_params)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)

    # Create, with the real save dialog.
    click(qtbot, win.start_page.create_button)
    answer = FileDialogAnswerer(target)
    click(qtbot, win.create_page.choose_button)
    assert answer.seen
    qtbot.keyClicks(win.create_page.passphrase, PASSPHRASE)
    qtbot.keyClicks(win.create_page.repeat, PASSPHRASE)
    click(qtbot, win.create_page.create_button)
    qtbot.waitUntil(lambda: win.recovery_dialog is not None, timeout=30_000)
    assert win.recovery_dialog is not None
    click(qtbot, win.recovery_dialog.written_down)
    click(qtbot, win.recovery_dialog.continue_button)
    click(qtbot, win.lock_bar.lock_button)

    # Open again (a wrong try first), with the real open dialog.
    answer = FileDialogAnswerer(target)
    click(qtbot, win.start_page.open_button)
    assert answer.seen
    wait_idle(qtbot, win)
    qtbot.keyClicks(win.unlock_page.secret, "wrong passphrase")
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)
    win.unlock_page.secret.wipe()
    qtbot.keyClicks(win.unlock_page.secret, PASSPHRASE)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)
    assert win.vault is not None
    win.close()
    assert win.vault is None

    leftovers = files_under(isolated_home)
    # Qt may create its own caches one day; none may mention the vault. Today there are none.
    for path in leftovers:
        data = path.read_bytes()
        assert b"private-case" not in data and str(vault_dir).encode() not in data, path
    assert leftovers == []
    assert target.exists()
