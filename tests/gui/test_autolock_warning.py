"""Before the auto-lock, a calm note says it is coming and which tabs hold changes not saved yet;
any input puts it away. After the lock, the start screen says plainly what was not kept. Here
one "minute" lasts a few hundred milliseconds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from locker.case import journal
from locker.case.settings import Settings, save_settings
from locker.case.without_file import add_description_only
from locker.gui.autolock import locked_message, warning_message
from locker.gui.main_window import MainWindow
from tests.conftest import open_vault
from tests.gui.conftest import Factory, FakeDialogs, click, open_vault_in, wait_idle
from tests.gui.test_journal import add_words, to_journal

WAIT_MS = 30_000
SECRET = "Zebra4412Marker он написал"


class Seen:
    """What the window showed each time the warning came, and whether the vault was open then;
    and whether the warning was ever put away while the vault was still being watched."""

    def __init__(self, win: MainWindow) -> None:
        self.warnings: list[tuple[bool, str, bool]] = []
        self.put_away_while_watching = 0
        # Connected after the window's own slots: they have run when these do.
        win.autolock.warning.connect(
            lambda: self.warnings.append(
                (win.lock_warning.isVisible(), win.lock_warning.text(), win.vault is not None)
            )
        )
        win.autolock.warning_over.connect(self._over)
        self._win = win

    def _over(self) -> None:
        if self._win.autolock.running:
            self.put_away_while_watching += 1


def set_minutes(vault_path: Path, minutes: int) -> None:
    vault = open_vault(vault_path)
    save_settings(vault, Settings(auto_lock_minutes=minutes))
    vault.lock()


def test_the_warning_comes_before_the_lock_and_names_the_tab_with_unsaved_words(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(150)  # 5 minutes = 0.75 s; the warning after 0.6 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    seen = Seen(win)
    page = to_journal(qtbot, win)
    add_words(page, SECRET)  # written, not saved; then nobody touches anything
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)

    assert len(seen.warnings) == 1
    visible, text, was_open = seen.warnings[0]
    assert visible and was_open
    assert text == (
        "The vault will lock in 1 minute because it has not been used. Move the mouse or "
        "press a key to keep it open. If it locks, changes not saved yet on the Journal tab "
        "will not be kept."
    )
    assert "Zebra4412Marker" not in text and "написал" not in text
    assert seen.put_away_while_watching == 0  # it stayed until the lock
    assert not win.lock_warning.isVisible() and win.lock_warning.text() == ""

    assert win.stack.currentWidget() is win.start_page
    message = win.start_page.message.text()
    assert message == (
        "The vault was locked because the computer was not used for 5 minutes. Changes that "
        "had not been saved yet on the Journal tab were not kept. Everything that was saved "
        "is safe in the vault."
    )
    assert "Zebra4412Marker" not in message
    # What the message says is true: the words are not in the vault.
    vault = open_vault(new_vault[0])
    try:
        assert journal.list_entries(vault) == ([], [])
    finally:
        vault.lock()


def test_nothing_unsaved_reads_as_before(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(100)
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    seen = Seen(win)
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)
    assert [text for _, text, _ in seen.warnings] == [
        "The vault will lock in 1 minute because it has not been used. Move the mouse or "
        "press a key to keep it open."
    ]
    assert win.start_page.message.text() == (
        "The vault was locked because the computer was not used for 5 minutes. "
        "Your evidence is safe."
    )


def test_a_key_puts_the_warning_away_and_the_vault_stays_open(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    set_minutes(new_vault[0], 2)
    win = make_window(400)  # 2 minutes = 0.8 s; the warning after 0.4 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    seen = Seen(win)
    page = to_journal(qtbot, win)
    add_words(page, SECRET)
    qtbot.waitUntil(win.lock_warning.isVisible, timeout=WAIT_MS)
    assert "Journal" in win.lock_warning.text()

    qtbot.keyClick(page.text, Qt.Key.Key_Shift)  # the user is back
    assert not win.lock_warning.isVisible()
    assert win.vault is not None and win.autolock.running
    assert seen.put_away_while_watching == 1
    assert page.has_unsaved_changes()  # the words are still there, to be saved

    # The idle clock started again: a new warning a while later, with the vault still open.
    qtbot.waitUntil(win.lock_warning.isVisible, timeout=WAIT_MS)
    assert len(seen.warnings) == 2 and seen.warnings[1][2]
    qtbot.keyClick(page.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # saved now
    wait_idle(qtbot, win)
    assert not win.lock_warning.isVisible()
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)
    assert "Your evidence is safe." in win.start_page.message.text()  # nothing was lost
    assert "Journal" not in win.start_page.message.text()


def test_with_one_minute_the_warning_comes_at_half_time(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    set_minutes(new_vault[0], 1)
    win = make_window(400)  # 1 minute = 0.4 s; the warning after 0.2 s
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    assert win.autolock.warning_ms() == 200
    seen = Seen(win)
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)
    assert len(seen.warnings) == 1
    assert seen.warnings[0][1].startswith(
        "The vault will lock in 30 seconds because it has not been used."
    )


def test_every_tab_with_unsaved_changes_is_named_and_nothing_from_the_vault(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    vault = open_vault(new_vault[0])
    item = add_description_only(vault, title="Zebra4412Marker post", description="Квартира 12")
    vault.lock()
    win = make_window(150)
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    seen = Seen(win)
    assert win.vault_page.library.select_item(item.id)
    wait_idle(qtbot, win)
    win.vault_page.detail.form.title.setText("Zebra4412Marker, changed")
    # Words left on the Journal tab (a page keeps them while another tab is shown).
    add_words(win.journal_page, "Квартира 12, " + SECRET)
    qtbot.waitUntil(lambda: win.vault is None, timeout=WAIT_MS)

    assert len(seen.warnings) == 1
    text = seen.warnings[0][1]
    assert text.endswith(
        "If it locks, changes not saved yet on these tabs will not be kept: Evidence, Journal."
    )
    message = win.start_page.message.text()
    assert (
        "Changes that had not been saved yet on these tabs were not kept: Evidence, Journal."
        in message
    )
    for said in (text, message, win.lock_warning.accessibleDescription()):
        assert "Zebra4412Marker" not in said and "Квартира" not in said


def test_a_description_being_written_counts_as_unsaved_evidence(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(60_000)  # real minutes: the signals are sent by hand
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    click(qtbot, win.vault_page.describe_button)
    dialog = win.vault_page.import_flow.description_dialog
    assert dialog is not None and dialog.isVisible()
    win.autolock.warning.emit()
    assert win.lock_warning.isVisible()
    assert "Evidence" not in win.lock_warning.text()  # an empty window loses nothing
    qtbot.keyClicks(dialog.title_edit, "Zebra4412Marker")
    win.autolock.warning.emit()  # as if the warning came now
    assert "on the Evidence tab will not be kept" in win.lock_warning.text()
    win.autolock.timed_out.emit()  # as if the idle time ran out now
    assert win.vault is None and not dialog.isVisible()
    assert "on the Evidence tab were not kept" in win.start_page.message.text()


def test_lock_and_quick_exit_put_the_warning_away_without_asking(
    qtbot, make_window: Factory, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    win = make_window(60_000)
    open_vault_in(qtbot, win, dialogs, new_vault[0])
    page = to_journal(qtbot, win)
    add_words(page, SECRET)
    win.autolock.warning.emit()
    assert win.lock_warning.isVisible()
    win.lock()  # no question, no wait: the words go, as before
    assert win.vault is None and win.lock_warning.text() == ""
    assert win.start_page.message.text() == (
        "The vault is locked. Nothing from it is shown any more."
    )

    open_vault_in(qtbot, win, dialogs, new_vault[0])
    assert win.lock_warning.text() == ""  # a new session starts without the old note
    win.autolock.warning.emit()
    assert win.lock_warning.isVisible()
    win.quick_exit()
    assert win.vault is None and win.lock_warning.text() == ""


def test_the_words() -> None:
    assert locked_message(1) == (
        "The vault was locked because the computer was not used for 1 minute. "
        "Your evidence is safe."
    )
    assert locked_message(10, ["Incidents"]).startswith(
        "The vault was locked because the computer was not used for 10 minutes. Changes "
        "that had not been saved yet on the Incidents tab were not kept."
    )
    assert warning_message(1, ["Incidents", "Takedowns", "Journal"]).endswith(
        "on these tabs will not be kept: Incidents, Takedowns, Journal."
    )
