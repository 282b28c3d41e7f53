"""The journal tab: private notes written, kept through a lock, deleted only when the user
confirms, and gone from the screen once the vault is locked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QTextCursor

from locker.case import journal
from locker.gui import journal_page
from locker.gui.list_rows import HEAD_ROLE
from locker.gui.main_window import MainWindow
from tests.gui.case_helpers import press
from tests.gui.conftest import FakeDialogs, click, open_vault_in, wait_idle
from tests.gui.test_case_screen import all_texts

WORDS = "Он снова написал мне. 今日はとても怖かった。 لم أرد عليه\nSecond line, Zebra4412Marker"


def to_journal(qtbot, win: MainWindow) -> journal_page.JournalPage:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() is win.journal_page
    wait_idle(qtbot, win)
    return win.journal_page


def add_words(page: journal_page.JournalPage, text: str) -> None:
    """What typing (or an input method) puts in the field, at the end of what is there."""
    page.text.setFocus()
    page.text.moveCursor(QTextCursor.MoveOperation.End)
    page.text.insertPlainText(text)


def write(qtbot, win: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    page = win.journal_page
    add_words(page, text)
    qtbot.keyClick(page.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, win)


def rows(page: journal_page.JournalPage) -> list[str]:
    return [page.entry_list.item(i).text() for i in range(page.entry_list.count())]


def test_the_gentle_note_is_always_there(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = to_journal(qtbot, opened)
    assert page.note.isVisible()
    note = page.note.text()
    assert "Your journal is private" in note
    assert "not printed unless you choose to include it" in note
    # What the custody log keeps of it: when, never the words.
    assert "custody log notes only when an entry is written, changed or deleted" in note
    assert "never its words" in note
    assert "could be seen by others if it becomes part of a court case" in note
    write(qtbot, opened, "a first note")
    assert page.note.isVisible()  # still there while writing and after saving


def test_an_entry_in_any_script_comes_back_after_lock_and_unlock(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, dialogs: FakeDialogs, new_vault: tuple[Path, str]
) -> None:
    page = to_journal(qtbot, opened)
    assert page.day.date() == QDate.currentDate()  # a new entry is about today
    page.day.setDate(QDate(2026, 3, 8))
    write(qtbot, opened, WORDS)
    assert page.saved_label.text() == "Saved."
    assert rows(page) == ["2026-03-08  Он снова написал мне. 今日はとても怖かった。 لم أرد عليه"]
    assert opened.vault is not None
    entries, damaged = journal.list_entries(opened.vault)
    assert [(e.day, e.text) for e in entries] == [("2026-03-08", WORDS)] and damaged == []

    click(qtbot, opened.lock_bar.lock_button)
    assert opened.current_page() is opened.start_page
    open_vault_in(qtbot, opened, dialogs, new_vault[0])
    assert opened.current_page() is opened.vault_page  # an open vault starts on its evidence
    page = to_journal(qtbot, opened)
    assert len(rows(page)) == 1
    page.entry_list.setCurrentRow(0)
    assert page.text.toPlainText() == WORDS
    assert page.day.date() == QDate(2026, 3, 8)
    assert not page.has_unsaved_changes()


def test_an_edit_changes_the_entry_not_adds_one(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = to_journal(qtbot, opened)
    write(qtbot, opened, "first words")
    write(qtbot, opened, " and more")
    assert opened.vault is not None
    entries, _ = journal.list_entries(opened.vault)
    assert [e.text for e in entries] == ["first words and more"]
    click(qtbot, page.new_button)
    assert page.text.toPlainText() == "" and not page.delete_button.isEnabled()


def test_a_long_first_line_is_shortened_in_the_list_and_whole_in_its_tooltip(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow
) -> None:
    page = to_journal(qtbot, opened)
    long_line = "Today I went to the police station with my sister and " * 4
    write(qtbot, opened, long_line.strip() + "\nand the rest")
    view = page.entry_list
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not view.horizontalScrollBar().isVisible()
    assert view.item(0).toolTip() == long_line.strip()  # the whole first line
    # The day reads in words (in bold) above the line.
    today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
    assert view.item(0).data(HEAD_ROLE) == today


def test_an_empty_entry_is_not_saved_and_says_why(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = to_journal(qtbot, opened)
    page.text.setFocus()
    qtbot.keyClicks(page.text, "   ")
    qtbot.keyClick(page.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.message.isVisible() and "nothing written" in page.message.text()
    assert opened.vault is not None
    assert journal.list_entries(opened.vault)[0] == []


def test_delete_asks_first(qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    page = to_journal(qtbot, opened)
    write(qtbot, opened, "something to delete later")
    assert opened.vault is not None
    seen: list[str] = []
    monkeypatch.setattr(journal_page, "run_modal", press("Keep it", seen))
    click(qtbot, page.delete_button)
    wait_idle(qtbot, opened)
    assert seen and "Delete this journal entry?" in seen[0]
    assert len(journal.list_entries(opened.vault)[0]) == 1
    assert page.text.toPlainText() == "something to delete later"

    monkeypatch.setattr(journal_page, "run_modal", press("Delete", seen))
    click(qtbot, page.delete_button)
    wait_idle(qtbot, opened)
    assert len(seen) == 2
    assert journal.list_entries(opened.vault)[0] == []
    assert rows(page) == [] and page.text.toPlainText() == ""
    assert opened.vault.custody_log()[0][-1].action == "journal"


def test_unsaved_words_are_asked_about_before_moving_on(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = to_journal(qtbot, opened)
    write(qtbot, opened, "kept")
    add_words(page, " with more not saved")
    seen: list[str] = []
    monkeypatch.setattr(journal_page, "run_modal", press("Save", seen))
    click(qtbot, page.new_button)
    wait_idle(qtbot, opened)
    assert seen and "Save what you wrote" in seen[0]
    assert opened.vault is not None
    assert [e.text for e in journal.list_entries(opened.vault)[0]] == ["kept with more not saved"]
    assert page.text.toPlainText() == ""

    # Another tab: the same question; "Don't save" goes on and the words are put back.
    page.entry_list.setCurrentRow(0)
    add_words(page, " draft")
    monkeypatch.setattr(journal_page, "run_modal", press("Don't save", seen))
    qtbot.keyClick(opened, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 2
    assert opened.current_page() is opened.vault_page
    assert page.text.toPlainText() == "kept with more not saved"


def test_lock_clears_the_journal(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = to_journal(qtbot, opened)
    write(qtbot, opened, "Zebra4412Marker saved")
    add_words(page, " and Zebra9931Marker not saved")
    click(qtbot, opened.lock_bar.lock_button)
    assert opened.vault is None
    assert page.entry_list.count() == 0 and page.text.toPlainText() == ""
    assert not page.text.document().isUndoAvailable()
    texts = all_texts(opened)
    assert not [t for t in texts if "Zebra4412Marker" in t or "Zebra9931Marker" in t]


def test_an_edit_keeps_every_other_character_of_the_entry_as_written(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow
) -> None:
    """Right-to-left marks, an override, tabs, leading spaces, a no-break space and a control
    character are the writer's own: adding a line changes nothing else in the entry."""
    own = " \u200fقال لي\u200f: …\tcolumn2\n  indented\u00a0line \u202e words\x01 end"
    assert opened.vault is not None
    journal.add_entry(opened.vault, own, "2026-04-03")
    page = to_journal(qtbot, opened)
    page.entry_list.setCurrentRow(0)
    assert "\u202e" not in rows(page)[0]  # the list shows it cleaned
    assert not page.has_unsaved_changes()
    write(qtbot, opened, "\nand later he called")
    assert page.saved_label.text() == "Saved."
    (stored,), _ = journal.list_entries(opened.vault)
    assert stored.text == own + "\nand later he called"


def test_save_on_moving_on_that_the_core_refuses_keeps_the_words(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = to_journal(qtbot, opened)
    pasted = "Everything he sent me: " + "x" * 100_000  # more than one entry can hold
    add_words(page, pasted)
    seen: list[str] = []
    monkeypatch.setattr(journal_page, "run_modal", press("Save", seen))
    click(qtbot, page.new_button)
    wait_idle(qtbot, opened)
    assert seen and "Save what you wrote" in seen[0]
    assert page.text.toPlainText() == pasted  # still there
    assert page.message.isVisible() and "too long" in page.message.text()
    assert opened.vault is not None and journal.list_entries(opened.vault)[0] == []

    # Another tab: the same; the tab stays, and so do the words.
    qtbot.keyClick(opened, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, opened)
    assert len(seen) == 2
    assert opened.current_page() is page
    assert page.text.toPlainText() == pasted

    # Shorter, the move to the other tab goes on once the entry is stored.
    page.text.setPlainText("Everything he sent me, in short")
    qtbot.keyClick(opened, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, opened)
    assert opened.current_page() is opened.vault_page
    assert [e.text for e in journal.list_entries(opened.vault)[0]] == [
        "Everything he sent me, in short"
    ]
