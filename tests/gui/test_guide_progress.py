"""The guide's progress in the vault: notes saved by themselves once typing pauses, kept through
a lock and a restart, dropped from the screen by a lock; and, when something fails, a kind word
and nothing lost: a progress that could not be read is never saved over, and words whose save
failed are named by the lock's messages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox

from locker.case.fields import MAX_TEXT
from locker.gui import guide_page, guide_store
from locker.gui.autolock import unsaved_tabs, warning_message
from locker.gui.guide_page import GuidePage
from locker.gui.main_window import MainWindow
from locker.gui.tasks import TaskRunner
from locker.guide.progress import (
    PROGRESS_FIELD,
    PROGRESS_ID,
    PROGRESS_TABLE,
    GuideProgress,
    load_progress,
    save_progress,
)
from locker.vault import Vault, VaultError
from tests.conftest import open_vault
from tests.gui.conftest import click, wait_idle
from tests.gui.guide_helpers import guide_page as make_page
from tests.gui.guide_helpers import list_rows, settled
from tests.gui.test_case_screen import all_texts, type_a_guide_note

MARKER = "Zebra5521Marker"
NOT_NOW = "The vault could not be read just now."


@pytest.fixture
def page(qtbot, runner: TaskRunner, vault: Vault) -> GuidePage:  # type: ignore[no-untyped-def]
    return make_page(qtbot, runner, vault)


def test_notes_save_themselves_once_typing_pauses(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pause longer than any test: what is checked is that typing alone saves nothing, not
    # how fast the keys came (a slow machine may leave 800 ms between two of them).
    monkeypatch.setattr(guide_page, "NOTES_PAUSE_MS", 3_600_000)
    qtbot.keyClicks(page.notes, "Called the")
    runner.wait()
    assert load_progress(vault).notes == {}  # not while typing
    monkeypatch.setattr(guide_page, "NOTES_PAUSE_MS", 20)
    qtbot.keyClicks(page.notes, "m")  # then typing pauses
    qtbot.waitUntil(lambda: load_progress(vault).notes == {"first": "Called them"}, timeout=5000)
    # Going to another step saves at once.
    qtbot.keyClicks(page.notes, " on Monday")
    page.show_step("third")
    qtbot.waitUntil(lambda: not runner.busy and not page.store.busy, timeout=5000)
    assert load_progress(vault).notes == {"first": "Called them on Monday"}
    assert page.notes.toPlainText() == ""
    page.show_step("first")
    assert page.notes.toPlainText() == "Called them on Monday"
    assert not page.has_unsaved_changes()


def test_flush_and_confirm_leave_save_notes_being_typed(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault
) -> None:
    qtbot.keyClicks(page.notes, "first words")
    assert page.confirm_leave() is True
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert load_progress(vault).notes == {"first": "first words"}
    qtbot.keyClicks(page.notes, " and more")
    page.flush()
    runner.wait()
    assert load_progress(vault).notes == {"first": "first words and more"}


def test_progress_survives_lock_and_unlock_and_a_restart(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault, new_vault: tuple[Path, str]
) -> None:
    page.show_step("third")
    assert page.step_view is not None
    click(qtbot, page.step_view.checklist_boxes["c"])
    click(qtbot, page.done_box)
    qtbot.keyClicks(page.notes, MARKER)
    page.notes.insertPlainText(" ✓ Ünïcode")  # as an input method would (keyClicks is ASCII)
    page.flush()  # what the window does before a lock
    runner.wait()
    page.set_vault(None)
    vault.lock()

    def check(p: GuidePage) -> None:
        assert p.step_view is not None and p.step_view.title.text() == "Last step"
        assert p.step_view.checklist_boxes["c"].isChecked()
        assert p.done_box.isChecked() and p.progress_label.text() == "1 of 3 steps done"
        assert p.notes.toPlainText() == f"{MARKER} ✓ Ünïcode"
        assert list_rows(p)[2] == "✓ 3. Last step (done)"

    again = open_vault(new_vault[0])
    try:
        page.set_vault(again)
        qtbot.waitUntil(lambda: page.step_view is not None, timeout=5000)
        check(page)
        page.set_vault(None)
        runner.wait()
    finally:
        again.lock()
    # A restart: a new page over the vault opened again from its file.
    restarted = open_vault(new_vault[0])
    try:
        check(make_page(qtbot, runner, restarted))
        runner.wait()
    finally:
        restarted.lock()


def test_clear_drops_what_was_shown(qtbot, page: GuidePage, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    assert page.step_view is not None
    click(qtbot, page.step_view.checklist_boxes["a"])
    qtbot.keyClicks(page.notes, f"saved {MARKER}")
    settled(qtbot, page, runner)
    qtbot.keyClicks(page.notes, f" not saved {MARKER}")
    page.clear()
    assert page.step_view is None and page.notes.toPlainText() == ""
    assert not page.notes.document().isUndoAvailable()
    assert not page.done_box.isChecked() and page.progress_label.text() == ""
    assert not [t for t in all_texts(page) if MARKER in t]
    assert not [b for b in page.findChildren(QCheckBox) if b.isChecked()]
    runner.wait()  # a result that arrives after the clear changes nothing
    assert page.step_view is None


def test_a_late_read_after_a_lock_is_dropped(qtbot, runner: TaskRunner, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, None)
    page.set_vault(vault)
    page.set_vault(None)  # locked before the read arrived
    runner.wait()
    assert page.step_view is None and page.progress_label.text() == ""


def test_a_new_vault_opens_on_the_first_step(qtbot, runner: TaskRunner, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    save_progress(vault, GuideProgress(current="second", done={"first"}))
    page = make_page(qtbot, runner, None)
    page.set_vault(vault)
    page.start_at_beginning()  # asked for before the progress arrived: kept for it
    qtbot.waitUntil(lambda: page.step_view is not None, timeout=5000)
    assert page.step_view is not None and page.step_view.title.text() == "First things"
    settled(qtbot, page, runner)
    assert load_progress(vault).current == "first"


def test_unreadable_progress_starts_from_the_beginning_calmly(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault
) -> None:
    with vault.transaction():
        vault.put_json(PROGRESS_TABLE, PROGRESS_ID, PROGRESS_FIELD, ["not", "an", "object"])
    page = make_page(qtbot, runner, vault)
    assert page.message.isVisible()
    # Said honestly: the damaged record is replaced by what the user does now.
    assert page.message.text() == (
        "Your saved place in the guide could not be read, so the guide starts from the "
        "beginning, and what you do now is kept in its place. Your evidence is not affected."
    )
    assert page.step_view is not None and page.step_view.title.text() == "First things"
    assert not page.retry_button.isVisible()
    click(qtbot, page.step_view.checklist_boxes["a"])
    settled(qtbot, page, runner)
    stored = load_progress(vault)
    assert stored.checked == {"first/a"} and not stored.unreadable


def test_a_failed_save_says_so_and_keeps_the_words(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault
) -> None:
    too_long = "x" * (MAX_TEXT + 1)
    page.notes.setPlainText(too_long)
    page.flush()
    runner.wait()
    assert page.message.isVisible() and "too long" in page.message.text()
    assert page.notes.toPlainText() == too_long
    assert load_progress(vault).notes == {}
    # Shorter: stored, and the message goes.
    page.notes.setPlainText("short")
    settled(qtbot, page, runner)
    assert load_progress(vault).notes == {"first": "short"}
    assert not page.message.isVisible()


# --- a read that failed: nothing saved over the record until a read succeeds ---------------


def failing(*_args: object) -> GuideProgress:
    raise VaultError(NOT_NOW)


def test_after_a_failed_read_nothing_is_saved_over_the_record(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = GuideProgress(
        current="third",
        done={"third"},
        notes={"first": "stored words"},
        extra={"a later version's": [1]},  # kept too
    )
    save_progress(vault, before)
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    # The guide can still be read, from its start; the page says calmly what is happening.
    assert page.step_view is not None and page.step_view.title.text() == "First things"
    text = page.message.text()
    assert page.message.isVisible() and "could not be read just now" in text
    assert "not saved for the moment" in text and "lock the vault and open it again" in text
    assert page.retry_button.isVisible()
    assert not page.has_unsaved_changes()  # nothing done yet
    # Ticks, a finished step, notes, another step: kept on the screen, never saved.
    click(qtbot, page.step_view.checklist_boxes["a"])
    click(qtbot, page.done_box)
    qtbot.keyClicks(page.notes, "typed meanwhile")
    click(qtbot, page.next_button)
    page.flush()  # as before a lock
    runner.wait()
    assert load_progress(vault) == before
    assert page.has_unsaved_changes()
    assert list_rows(page)[0] == "✓ 1. First things (done)"
    # Try again while the vault still cannot be read: still nothing saved, still said.
    click(qtbot, page.retry_button)
    runner.wait()
    assert load_progress(vault) == before and page.retry_button.isVisible()
    assert "could not be read just now" in page.message.text()
    # Read at last: what was stored and what was done meanwhile, both kept.
    monkeypatch.setattr(guide_store, "load_progress", load_progress)
    click(qtbot, page.retry_button)
    settled(qtbot, page, runner)
    stored = load_progress(vault)
    assert stored.current == "second"  # where the user is now
    assert stored.done == {"first", "third"} and stored.checked == {"first/a"}
    assert stored.notes == {"first": "stored words\n\ntyped meanwhile"}
    assert stored.extra == before.extra
    assert not page.message.isVisible() and not page.retry_button.isVisible()
    assert not page.has_unsaved_changes()
    assert page.progress_label.text() == "2 of 3 steps done"
    page.show_step("first")
    assert page.notes.toPlainText() == "stored words\n\ntyped meanwhile"


def test_a_lock_after_a_failed_read_leaves_the_record_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = GuideProgress(current="second", notes={"second": "stored words"})
    save_progress(vault, before)
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    assert page.step_view is not None
    click(qtbot, page.step_view.checklist_boxes["b"])
    qtbot.keyClicks(page.notes, MARKER)
    page.flush()
    page.set_vault(None)
    page.clear()
    runner.wait()
    assert load_progress(vault) == before
    assert not [t for t in all_texts(page) if MARKER in t]
    assert not page.retry_button.isVisible() and not page.message.isVisible()


# --- a save that failed: the lock's messages name the Guide tab ------------------------------


def test_words_whose_save_failed_are_named_by_the_lock_messages(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = opened.guide_page
    type_a_guide_note(qtbot, opened, f"words {MARKER}")
    assert not page.has_unsaved_changes()  # they save themselves
    assert unsaved_tabs(opened.case_screen) == []

    def full_disk(*_args: object) -> None:
        raise VaultError("There is no room left on the disk.")

    monkeypatch.setattr(guide_store, "save_progress", full_disk)
    page.flush()
    wait_idle(qtbot, opened)
    assert page.message.isVisible() and "no room left" in page.message.text()
    assert page.has_unsaved_changes()
    assert unsaved_tabs(opened.case_screen) == ["Guide"]
    assert "on the Guide tab will not be kept" in warning_message(5, ["Guide"])
    opened.auto_lock()  # the lock tries once more, fails, and says what was not kept
    assert opened.vault is None
    message = opened.start_page.message.text()
    assert "on the Guide tab were not kept" in message and MARKER not in message


def test_once_a_save_works_again_nothing_is_unsaved(  # type: ignore[no-untyped-def]
    qtbot, page: GuidePage, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: object) -> None:
        raise VaultError("There is no room left on the disk.")

    monkeypatch.setattr(guide_store, "save_progress", full_disk)
    qtbot.keyClicks(page.notes, "kept for later")
    page.flush()
    runner.wait()
    assert page.has_unsaved_changes() and load_progress(vault).notes == {}
    monkeypatch.setattr(guide_store, "save_progress", save_progress)
    qtbot.keyClicks(page.notes, "!")
    settled(qtbot, page, runner)
    assert load_progress(vault).notes == {"first": "kept for later!"}
    assert not page.has_unsaved_changes() and not page.message.isVisible()


def read_at_last(
    qtbot, page: GuidePage, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The vault can be read again; "Try again"; its read delivered (no flush first: what was
    typed a moment ago must come through on its own)."""
    monkeypatch.setattr(guide_store, "load_progress", load_progress)
    click(qtbot, page.retry_button)
    qtbot.waitUntil(lambda: not runner.busy and not page.retry_button.isVisible(), timeout=5000)


def test_words_typed_just_before_try_again_are_kept(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guide_page, "NOTES_PAUSE_MS", 3_600_000)  # Try again within the pause
    save_progress(vault, GuideProgress(current="first", notes={"second": "stored"}))
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    qtbot.keyClicks(page.notes, "Called CCRI, case 123")
    read_at_last(qtbot, page, runner, monkeypatch)
    qtbot.waitUntil(lambda: not page.store.busy, timeout=5000)
    assert page.notes.toPlainText() == "Called CCRI, case 123"
    assert load_progress(vault).notes == {"second": "stored", "first": "Called CCRI, case 123"}


def test_typing_while_try_again_reads_keeps_the_focus_and_every_key(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_progress(vault, GuideProgress(current="first", notes={"first": "stored"}))
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    gate = threading.Event()

    def slow(v: Vault) -> GuideProgress:  # a slow USB stick: the read waits for the test
        gate.wait(10)
        return load_progress(v)

    monkeypatch.setattr(guide_store, "load_progress", slow)
    click(qtbot, page.retry_button)
    assert not page.retry_button.isEnabled()  # one read at a time
    click(qtbot, page.notes)
    qtbot.keyClicks(page.notes, "abc")
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy and not page.retry_button.isVisible(), timeout=5000)
    assert page.notes.hasFocus()
    qtbot.keyClicks(page.notes, "def")  # the cursor is still after "abc"
    settled(qtbot, page, runner)
    assert page.notes.toPlainText() == "stored\n\nabcdef"
    assert load_progress(vault).notes == {"first": "stored\n\nabcdef"}


def test_try_again_is_offered_again_when_the_read_fails_again(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    click(qtbot, page.retry_button)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert page.retry_button.isVisible() and page.retry_button.isEnabled()


def test_a_tick_while_held_keeps_the_saved_place(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_progress(vault, GuideProgress(current="third"))
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    assert page.step_view is not None
    click(qtbot, page.step_view.checklist_boxes["a"])  # on the step the guide opened on
    read_at_last(qtbot, page, runner, monkeypatch)
    settled(qtbot, page, runner)
    stored = load_progress(vault)
    assert stored.current == "third" and stored.checked == {"first/a"}
    assert page.step_view is not None and page.step_view.title.text() == "Last step"


def test_two_notes_too_long_together_are_kept_and_named(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_words = "y" * (MAX_TEXT - 5)
    before = GuideProgress(current="first", notes={"second": long_words})
    save_progress(vault, before)
    monkeypatch.setattr(guide_store, "load_progress", failing)
    page = make_page(qtbot, runner, vault)
    page.show_step("second")
    qtbot.keyClicks(page.notes, "new words")
    read_at_last(qtbot, page, runner, monkeypatch)
    runner.wait()
    # Both kept on the screen; nothing saved over the record; the page says which step, calmly.
    assert page.notes.toPlainText() == f"{long_words}\n\nnew words"
    text = page.message.text()
    assert page.message.isVisible() and '"Second step" are too long to save' in text
    assert "Make them shorter" in text
    assert load_progress(vault) == before
    assert page.has_unsaved_changes()  # a lock now would say so
    # Shorter: everything is saved again, and the message goes.
    page.notes.setPlainText("short now")
    settled(qtbot, page, runner)
    assert load_progress(vault).notes == {"second": "short now"}
    assert not page.message.isVisible()
