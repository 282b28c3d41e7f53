"""Secrets leave no trace in the GUI: not in Python frames kept alive by an error."""

from __future__ import annotations

import gc
from pathlib import Path

from locker.gui.main_window import MainWindow
from tests.gui.conftest import FakeDialogs, click, wait_idle


def open_vault_in(qtbot, win: MainWindow, dialogs: FakeDialogs, path: Path, secret: str) -> None:  # type: ignore[no-untyped-def]
    dialogs.open_answers.append(str(path))
    click(qtbot, win.start_page.open_button)
    wait_idle(qtbot, win)
    qtbot.keyClicks(win.unlock_page.secret, secret)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)


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
