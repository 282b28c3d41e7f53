"""Adding files: the add action, bulk with progress and Cancel, the summary of what could not be
added, a responsive window meanwhile, and deleting the originals after import."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from locker.case import importer
from locker.case.evidence import PROVENANCE_IMPORTED, load_thumbnail
from tests.conftest import open_vault
from tests.gui.conftest import FakeDialogs, click
from tests.gui.import_helpers import (
    Harness,
    assert_whole,
    bomb_png,
    broken_png,
    good_pngs,
    items_in,
    make_harness,
)

WAIT_MS = 60_000


@pytest.fixture
def h(qtbot, new_vault) -> Iterator[Harness]:  # type: ignore[no-untyped-def]
    vault = open_vault(new_vault[0])
    harness = make_harness(qtbot, vault)
    yield harness
    harness.close()
    vault.lock()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "phone export"
    folder.mkdir()
    return folder


def gated_import(gate: threading.Event, after_files: int):  # type: ignore[no-untyped-def]
    """importer.import_files, held still once ``after_files`` files are in, until ``gate``."""
    real = importer.import_files

    def import_files(vault, paths, *, progress=None, cancelled=None, **kwargs):  # type: ignore[no-untyped-def]
        def report(value: importer.ImportProgress) -> None:
            assert progress is not None
            progress(value)
            if value.files_done >= after_files:
                gate.wait(WAIT_MS / 1000)

        return real(vault, paths, progress=report, cancelled=cancelled, **kwargs)

    return import_files


def test_three_files_through_the_add_action_show_with_thumbnails(
    qtbot, h: Harness, files: Path, dialogs: FakeDialogs
) -> None:
    paths = good_pngs(files, 3, size=(900, 600))
    dialogs.add_answers.append([str(p) for p in paths])
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.choose_and_add()
    assert dialogs.calls == ["add"]
    assert sorted(item.original_name for item in h.added) == [p.name for p in paths]
    stored = items_in(h.vault)
    assert {item.id for item in stored} == {item.id for item in h.added}
    for item in stored:
        assert item.provenance == PROVENANCE_IMPORTED
        assert item.has_thumbnail
        assert load_thumbnail(h.vault, item.id)
    # All went well: a calm line, no dialog.
    assert h.flow.summary_dialog is None
    assert h.flow.progress_widget.isVisible()
    assert h.flow.progress_widget.label.text() == "3 items added to the vault."
    assert not h.flow.progress_widget.cancel_button.isVisible()
    assert not h.flow.busy
    assert_whole(h.vault)


def test_cancelled_file_dialog_adds_nothing(qtbot, h: Harness, dialogs: FakeDialogs) -> None:
    h.flow.choose_and_add()
    assert dialogs.calls == ["add"]
    assert not h.flow.busy
    assert not h.flow.progress_widget.isVisible()
    assert items_in(h.vault) == []


def test_broken_png_and_bomb_are_named_and_the_rest_go_in(
    qtbot, h: Harness, files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = good_pngs(files, 3)
    bad = [broken_png(files / "cut off.png"), bomb_png(files / "huge.png")]
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS) as blocker:
        h.flow.add_files([str(good[0]), str(bad[0]), str(good[1]), str(bad[1]), str(good[2])])
    summary = blocker.args[0]
    assert sorted(f.name for f in summary.failed) == ["cut off.png", "huge.png"]
    assert sorted(item.original_name for item in h.added) == [p.name for p in good]

    dialog = h.flow.summary_dialog
    assert dialog is not None and dialog.isVisible()
    assert sorted(dialog.failed_names()) == ["cut off.png", "huge.png"]
    assert "3 files were added to the vault." in dialog.text_label.text()
    reasons = [reason for _name, reason in dialog.failed_entries()]
    assert all(reason.strip() for reason in reasons)
    assert not any("Traceback" in reason or "Error" in reason for reason in reasons)
    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: h.flow.summary_dialog is None)

    # Nothing half-written: only the three good files are in, each logged once.
    assert len(items_in(h.vault)) == 3
    assert_whole(h.vault)
    # Names are shown, never logged.
    err = capsys.readouterr().err
    assert "cut off" not in err and "huge" not in err and "good-" not in err


def test_cancel_mid_bulk_keeps_what_was_added(
    qtbot, h: Harness, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = good_pngs(files, 8)
    gate = threading.Event()
    monkeypatch.setattr(importer, "import_files", gated_import(gate, after_files=2))
    try:
        h.flow.add_files([str(p) for p in paths])
        row = h.flow.progress_widget
        qtbot.waitUntil(lambda: row.label.text().startswith("Adding 3 of 8"), timeout=WAIT_MS)
        assert row.bar.isVisible() and h.flow.busy
        click(qtbot, row.cancel_button)
        assert row.label.text() == "Stopping after the current file…"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: bool(h.summaries), timeout=WAIT_MS)
    summary = h.summaries[0]
    assert summary.cancelled
    stored = items_in(h.vault)
    assert 2 <= len(stored) < 8
    assert {item.id for item in stored} == {item.id for item in h.added}
    assert summary.skipped == 8 - len(stored)
    dialog = h.flow.summary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.title_label.text() == "Adding was stopped"
    assert "You stopped the adding" in dialog.text_label.text()
    assert not row.isVisible()
    assert not h.flow.busy
    assert_whole(h.vault)


def test_window_stays_responsive_during_a_bulk_import(qtbot, h: Harness, files: Path) -> None:
    paths = good_pngs(files, 12, size=(1280, 720), noise=True)
    beats = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: beats.append(1))
    heartbeat.start(5)
    try:
        with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
            h.flow.add_files([str(p) for p in paths])
    finally:
        heartbeat.stop()
    assert len(h.added) == 12
    assert len(beats) >= 5  # the event loop kept running while the worker imported


def test_a_second_add_while_one_runs_follows_it(
    qtbot, h: Harness, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = good_pngs(files, 4)
    later = files / "later"
    later.mkdir()
    second = good_pngs(later, 2)
    gate = threading.Event()
    monkeypatch.setattr(importer, "import_files", gated_import(gate, after_files=1))
    try:
        h.flow.add_files([str(p) for p in first])
        row = h.flow.progress_widget
        qtbot.waitUntil(lambda: row.label.text().startswith("Adding 2 of 4"), timeout=WAIT_MS)
        h.flow.add_files([str(p) for p in second])
        assert row.label.text().endswith("2 more will follow.")
    finally:
        gate.set()
    qtbot.waitUntil(lambda: bool(h.summaries), timeout=WAIT_MS)
    assert len(h.summaries) == 1  # one calm line for both
    assert len(h.summaries[0].added) == 6
    assert len(h.added) == 6 and len(items_in(h.vault)) == 6
    assert h.flow.summary_dialog is None
    assert row.label.text() == "6 items added to the vault."


def test_lock_during_bulk_cancels_and_shows_nothing_more(
    qtbot, h: Harness, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = good_pngs(files, 6)
    gate = threading.Event()
    monkeypatch.setattr(importer, "import_files", gated_import(gate, after_files=1))
    try:
        h.flow.add_files([str(p) for p in paths])
        qtbot.waitUntil(lambda: h.flow.progress_widget.label.text().startswith("Adding 2 of 6"))
        h.flow.set_vault(None)
        assert not h.flow.busy
        assert not h.flow.progress_widget.isVisible()
    finally:
        gate.set()
    h.runner.wait()  # what the window does before it locks
    assert h.summaries == [] and h.added == []
    assert h.flow.summary_dialog is None
    assert_whole(h.vault)  # what committed stays, whole; the rest was never started
    assert len(items_in(h.vault)) < 6


def test_remove_originals_asks_once_then_deletes_after_import(
    qtbot, h: Harness, files: Path
) -> None:
    flow = h.flow
    paths = good_pngs(files, 2)
    flow.remove_originals_action.trigger()  # the user ticks the option
    box = flow.note_box
    assert box is not None and box.isVisible()
    note = box.informativeText()
    assert "Copies may still exist in the trash or recycle bin" in note
    assert "cloud sync (OneDrive, iCloud, Google Drive, Dropbox)" in note
    assert "deleting cannot be undone" in note
    assert not flow.remove_originals  # not before OK
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: flow.note_box is None)
    assert flow.remove_originals and flow.remove_originals_action.isChecked()
    flow.ask_remove_originals(True)  # already on: no second note
    assert flow.note_box is None

    with qtbot.waitSignal(flow.finished, timeout=WAIT_MS) as blocker:
        flow.add_files([str(p) for p in paths])
    assert blocker.args[0].not_removed == []
    assert [p.exists() for p in paths] == [False, False]
    assert len(items_in(h.vault)) == 2
    assert "original files were deleted" in flow.progress_widget.label.text()


def test_remove_originals_cancel_leaves_it_off_and_files_stay(
    qtbot, h: Harness, files: Path
) -> None:
    flow = h.flow
    flow.remove_originals_action.trigger()
    box = flow.note_box
    assert box is not None
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: flow.note_box is None)
    assert not flow.remove_originals
    assert not flow.remove_originals_action.isChecked()
    paths = good_pngs(files, 1)
    with qtbot.waitSignal(flow.finished, timeout=WAIT_MS):
        flow.add_files([str(paths[0])])
    assert paths[0].exists()


def test_a_vanished_file_is_named_with_a_plain_reason(qtbot, h: Harness, files: Path) -> None:
    good = good_pngs(files, 1)
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.add_files([str(good[0]), str(files / "gone\u202eGNP.exe")])
    dialog = h.flow.summary_dialog
    assert dialog is not None
    names = dialog.failed_names()
    assert len(names) == 1 and "\u202e" not in names[0]  # the bidi override is not shown
    assert "1 file was added to the vault." in dialog.text_label.text()
    assert len(items_in(h.vault)) == 1
