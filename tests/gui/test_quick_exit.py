"""Quick exit: off the screen at once, then the vault locked and our traces cleared.

Everything is checked right after ``quick_exit()`` returns (how fast it is, is measured by
tests/perf/bench_quick_exit.py, not asserted here).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap, QPixmapCache
from PySide6.QtWidgets import QApplication, QMessageBox

from locker.case import importer
from locker.gui import clipboard
from locker.gui.main_window import MainWindow
from locker.vault import Vault
from tests.conftest import PASSPHRASE, open_vault
from tests.gui.conftest import FakeDialogs, click, open_vault_in
from tests.gui.import_helpers import assert_whole, good_pngs, items_in

OTHER_TEXT = "a shopping list copied in another program"


@pytest.fixture(autouse=True)
def empty_clipboard(qtbot):  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def opened(qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]) -> Vault:  # type: ignore[no-untyped-def]
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    assert window.vault is not None
    return window.vault


def cached_pixmap() -> str:
    key = "evidence-thumbnail"
    pixmap = QPixmap(8, 8)
    pixmap.fill(Qt.GlobalColor.red)
    QPixmapCache.insert(key, pixmap)
    assert QPixmapCache.find(key) is not None
    return key


def test_the_button_is_on_every_screen_with_its_shortcut_in_the_label(
    qtbot, window: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    button = window.top_bar.quick_exit_button
    assert button.isVisible() and "Quick exit" in button.text() and "Ctrl+Q" in button.text()
    assert "F12" in button.toolTip()
    click(qtbot, window.start_page.create_button)
    assert button.isVisible()
    window.show_start()
    open_vault_in(qtbot, window, dialogs, new_vault[0])
    assert button.isVisible() and window.lock_bar.isVisible()
    assert window.windowTitle() == "Evidence Locker"  # never the vault's name


def test_quick_exit_hides_locks_and_clears(qtbot, window: MainWindow, opened: Vault) -> None:
    key = cached_pixmap()
    clipboard.remember_shown("text this program put on the clipboard")
    QGuiApplication.clipboard().setText("text this program put on the clipboard")
    with qtbot.waitSignal(window.quick_exited, timeout=1000):
        click(qtbot, window.top_bar.quick_exit_button)
    assert not window.isVisible()
    assert opened.is_locked and window.vault is None
    assert QPixmapCache.find(key) is None
    assert QGuiApplication.clipboard().text() == ""
    assert window.lock_bar.vault_label.text() == ""
    assert window.vault_page.model.rowCount() == 0


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_shortcut_from_a_text_field(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, key, modifier, new_vault: tuple[Path, str]
) -> None:
    dialogs.open_answers.append(str(new_vault[0]))
    click(qtbot, window.start_page.open_button)
    qtbot.waitUntil(lambda: window.unlock_page.secret.isEnabled(), timeout=30_000)
    qtbot.keyClicks(window.unlock_page.secret, PASSPHRASE)
    with qtbot.waitSignal(window.quick_exited, timeout=1000):
        qtbot.keyClick(window.unlock_page.secret, key, modifier)
    assert not window.isVisible()
    assert window.unlock_page.secret.text() == ""  # what was typed is gone too


def test_quick_exit_leaves_other_programs_text_on_the_clipboard(
    qtbot, window: MainWindow, opened: Vault
) -> None:
    QGuiApplication.clipboard().setText(OTHER_TEXT)
    window.quick_exit()
    assert QGuiApplication.clipboard().text() == OTHER_TEXT
    assert opened.is_locked


def test_quick_exit_clears_a_passphrase_from_the_clipboard(
    qtbot, window: MainWindow, opened: Vault
) -> None:
    QGuiApplication.clipboard().setText(PASSPHRASE)
    window.quick_exit()
    assert QGuiApplication.clipboard().text() == ""


def test_the_window_is_hidden_before_anything_is_waited_for(
    qtbot, window: MainWindow, opened: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real_wait = window.runner.wait

    def wait() -> None:
        seen.append(window.isVisible())
        real_wait()

    monkeypatch.setattr(window.runner, "wait", wait)
    window.quick_exit()
    assert seen and not any(seen)


def test_f12_works_while_one_of_our_dialogs_is_open(
    qtbot, window: MainWindow, opened: Vault
) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "A question", "Keep going?", parent=window)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.open()
    qtbot.waitExposed(box)
    with qtbot.waitSignal(window.quick_exited, timeout=1000):
        qtbot.keyClick(box, Qt.Key.Key_F12)
    assert not window.isVisible() and not box.isVisible()
    assert opened.is_locked


def test_ctrl_q_works_inside_a_dialog_that_runs_its_own_loop(
    qtbot, window: MainWindow, opened: Vault
) -> None:
    """A modal dialog shown with exec() (as the file dialogs are) blocks the window's own
    shortcuts; the key must still work, and exec() returns as if cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, "A question", "Keep going?", parent=window)
    pressed: list[bool] = []

    def press() -> None:
        modal = QApplication.activeModalWidget()
        if modal is box and box.isVisible():
            timer.stop()
            pressed.append(True)
            qtbot.keyClick(
                box.focusWidget() or box, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
            )

    timer = QTimer()
    timer.timeout.connect(press)
    timer.start(10)
    with qtbot.waitSignal(window.quick_exited, timeout=5000):
        result = box.exec()
    assert pressed and result != QMessageBox.StandardButton.Ok
    assert not window.isVisible() and not box.isVisible()
    assert opened.is_locked


def test_a_vault_still_being_made_is_removed(
    qtbot, window: MainWindow, dialogs: FakeDialogs, vault_dir: Path
) -> None:
    """Nobody has seen its recovery key yet: better no file than a vault no one can recover."""
    target = vault_dir / "new.evl"
    dialogs.save_answers.append(str(target))
    click(qtbot, window.start_page.create_button)
    click(qtbot, window.create_page.choose_button)
    qtbot.keyClicks(window.create_page.passphrase, PASSPHRASE)
    qtbot.keyClicks(window.create_page.repeat, PASSPHRASE)
    click(qtbot, window.create_page.create_button)
    assert window.runner.busy  # the key is being derived
    window.quick_exit()
    assert not window.isVisible()
    assert not window.runner.busy
    assert window.vault is None and window.recovery_dialog is None
    assert not target.exists()


def test_quick_exit_twice_is_harmless(qtbot, window: MainWindow, opened: Vault) -> None:
    emitted: list[bool] = []
    window.quick_exited.connect(lambda: emitted.append(True))
    window.quick_exit()
    window.quick_exit()
    assert emitted == [True]


@pytest.mark.parametrize("action", ["quick exit", "lock", "close"])
def test_stopping_during_an_import_cancels_it_and_leaves_nothing_half_written(
    qtbot,
    action: str,
    window: MainWindow,
    dialogs: FakeDialogs,
    opened: Vault,
    new_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    paths = good_pngs(folder, 6)
    # Hold the import after its first file, until the quick exit asks it to stop.
    gate = threading.Event()
    real_import, real_cancel_all = importer.import_files, window.runner.cancel_all

    def held(vault, paths, *, progress=None, **kwargs):  # type: ignore[no-untyped-def]
        def report(value: importer.ImportProgress) -> None:
            assert progress is not None
            progress(value)
            if value.files_done >= 1:
                gate.wait(30)

        return real_import(vault, paths, progress=report, **kwargs)

    def cancel_all() -> None:
        real_cancel_all()
        gate.set()

    monkeypatch.setattr(importer, "import_files", held)
    monkeypatch.setattr(window.runner, "cancel_all", cancel_all)
    dialogs.add_answers.append([str(p) for p in paths])
    click(qtbot, window.vault_page.add_button)
    flow = window.vault_page.import_flow
    qtbot.waitUntil(lambda: flow.progress_widget.label.text().startswith("Adding 2 of 6"))
    try:
        if action == "quick exit":
            window.quick_exit()
            assert not window.isVisible()
        elif action == "lock":
            window.activateWindow()
            qtbot.waitActive(window)
            qtbot.keyClick(
                window.vault_page.library, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
            )
            assert window.stack.currentWidget() is window.start_page
        else:
            window.close()
    finally:
        gate.set()
    assert opened.is_locked and not window.runner.busy and not flow.busy
    assert flow.summary_dialog is None and flow.message_box is None  # nothing shown after
    assert all(p.exists() for p in paths)
    vault = open_vault(new_vault[0])
    try:
        assert_whole(vault)  # what was committed is whole; the file in progress rolled back
        assert 1 <= len(items_in(vault)) < 6
    finally:
        vault.lock()


def test_quick_exit_with_an_item_on_screen_drops_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: FakeDialogs, tmp_path: Path, floor_params
) -> None:
    folder = tmp_path / "shots"
    folder.mkdir()
    path = tmp_path / "with-items.evl"
    vault, _key = Vault.create(path, PASSPHRASE, floor_params)
    for p in good_pngs(folder, 2):
        importer.import_file(vault, p)
    vault.lock()
    open_vault_in(qtbot, window, dialogs, path)
    library = window.vault_page.library
    qtbot.waitUntil(lambda: library.model.rowCount() == 2)
    library.select_item(library.model.item(0).id)
    detail = window.vault_page.detail
    qtbot.waitUntil(lambda: detail.current_item() is not None)
    window.quick_exit()
    assert detail.current_item() is None and library.model.rowCount() == 0
    assert window.reveal.revealed_id is None


def test_after_opening_the_focus_is_on_adding_not_on_quick_exit(
    qtbot, window: MainWindow, opened: Vault
) -> None:
    """The passphrase was confirmed with Enter; one Enter too many must not close the program."""
    assert window.focusWidget() is window.vault_page.add_button
    assert window.focusWidget() is not window.top_bar.quick_exit_button


def test_the_window_opens_with_the_focus_on_the_first_step(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.focusWidget() is window.start_page.create_button
