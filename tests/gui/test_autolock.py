"""Auto-lock: after some minutes without key, mouse or wheel input the vault locks itself and
the start screen says calmly why. Here one "minute" lasts a few milliseconds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from locker.case import importer
from locker.case.settings import AUTO_LOCK_CHOICES, Settings, load_settings, save_settings
from tests.conftest import open_vault
from tests.gui.conftest import Factory, FakeDialogs, click, open_vault_in
from tests.gui.import_helpers import assert_whole, good_pngs

WAIT_MS = 30_000


def test_locks_after_the_idle_time_and_says_why(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(100)  # the default 5 minutes = 0.5 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    vault = win.vault
    assert vault is not None
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)
    assert vault.is_locked
    assert win.stack.currentWidget() is win.start_page
    assert win.start_page.message.text() == (
        "The vault was locked because the computer was not used for 5 minutes. "
        "Your evidence is safe."
    )
    assert not win.lock_bar.isVisible()
    assert win.vault_page.model.rowCount() == 0


def test_activity_postpones_the_lock(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(100)  # 5 minutes = 0.5 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    target = win.vault_page.library
    ticks = [0]

    def move() -> None:  # someone using the mouse, every 50 ms, for three times the idle time
        ticks[0] += 1
        qtbot.mouseMove(target, QPoint(10 + ticks[0] % 2 * 20, 10))
        if ticks[0] >= 30:
            mover.stop()

    mover = QTimer()
    mover.timeout.connect(move)
    mover.start(50)
    qtbot.waitUntil(lambda: not mover.isActive(), timeout=WAIT_MS)
    assert win.vault is not None  # still open after 1.5 s of use
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)  # then idle: locked


def test_key_presses_count_as_use(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(100)
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    search = win.vault_page.library.search
    typed = [0]

    def type_one() -> None:
        typed[0] += 1
        qtbot.keyClick(search, Qt.Key.Key_Shift)
        if typed[0] >= 30:
            typer.stop()

    typer = QTimer()
    typer.timeout.connect(type_one)
    typer.start(50)
    qtbot.waitUntil(lambda: not typer.isActive(), timeout=WAIT_MS)
    assert win.vault is not None


def test_the_choice_is_offered_kept_in_the_vault_and_used(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(60_000)  # real minutes: nothing locks during this test
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    combo = win.vault_page.auto_lock
    assert combo.isVisible()
    assert [combo.itemData(i) for i in range(combo.count())] == list(AUTO_LOCK_CHOICES)
    assert combo.currentData() == 5
    assert combo.currentText() == "After 5 minutes without use"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # as a user picks with the keyboard
    assert combo.currentData() == 10
    assert win.autolock.minutes == 10
    assert win.vault is not None and load_settings(win.vault).auto_lock_minutes == 10
    click(qtbot, win.lock_bar.lock_button)

    # The next time this vault is opened (on any computer) the choice is still there.
    win2 = make_window(60_000)
    open_vault_in(qtbot, win2, dialogs, new_vault[0])
    assert win2.vault_page.auto_lock.currentData() == 10
    assert win2.autolock.minutes == 10 and win2.autolock.running


def test_one_minute_reads_as_one_minute(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    vault = open_vault(new_vault[0])
    save_settings(vault, Settings(auto_lock_minutes=1))
    vault.lock()
    win = make_window(300)  # 1 minute = 0.3 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    assert win.vault_page.auto_lock.currentText() == "After 1 minute without use"
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)
    assert "not used for 1 minute." in win.start_page.message.text()


def test_a_running_import_is_not_cut_short(
    qtbot,
    make_window: Factory,
    dialogs: FakeDialogs,
    new_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nobody touches the mouse while two hundred screenshots go in: the idle time counts
    from the end of the import."""
    folder = tmp_path / "phone"
    folder.mkdir()
    paths = good_pngs(folder, 3)
    gate = threading.Event()
    real = importer.import_files

    def held(vault, paths, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(WAIT_MS / 1000)
        return real(vault, paths, **kwargs)

    monkeypatch.setattr(importer, "import_files", held)
    win = make_window(60)  # 5 minutes = 0.3 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    dialogs.add_answers.append([str(p) for p in paths])
    click(qtbot, win.vault_page.add_button)
    flow = win.vault_page.import_flow
    assert flow.busy
    try:
        qtbot.wait(900)  # three times the idle time, with the import still running
        assert win.vault is not None
    finally:
        gate.set()
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)  # idle after the import: locked
    vault = open_vault(new_vault[0])
    try:
        assert_whole(vault)
    finally:
        vault.lock()


def test_auto_lock_closes_our_dialogs(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(60_000)
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    click(qtbot, win.vault_page.describe_button)
    dialog = win.vault_page.import_flow.description_dialog
    assert dialog is not None and dialog.isVisible()
    win.autolock.timed_out.emit()  # as if the idle time ran out now
    assert win.vault is None
    assert not dialog.isVisible()
    assert "not used for 5 minutes" in win.start_page.message.text()
