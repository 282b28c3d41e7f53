"""Nothing about the vault is left on the computer after a whole session (PRODUCT.md §2).

This drives the real Qt file dialogs (not the monkeypatched stand-ins), because they are what
would write history to QtProject.conf or recently-used.xbel.
"""

from __future__ import annotations

from pathlib import Path

from locker.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.gui.conftest import FileDialogAnswerer, click, files_under, wait_idle


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
