"""The minors guard: ticking "intimate" asks whether the person shown was under 18 before it is
saved; "yes" explains why keeping the file can be dangerous and offers to keep only the
description and link (the stored file is then removed for good, the SHA-256 stays).

Real vault at the KDF floor, real worker threads, the dialogs answered by pressing their buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QMessageBox, QWidget

from locker.case import evidence, importer
from locker.case.evidence import EvidenceItem
from locker.gui import minors_guard
from locker.gui.detail_pane import DetailPane
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.vault import InvalidInput, Vault
from tests.conftest import sha256_file
from tests.gui.conftest import click


@pytest.fixture
def pane(qtbot, runner: TaskRunner, vault: Vault) -> DetailPane:  # type: ignore[no-untyped-def]
    p = DetailPane(runner, RevealState())
    qtbot.addWidget(p)
    p.resize(820, 1000)
    p.show()
    qtbot.waitExposed(p)
    p.set_vault(vault)
    return p


@pytest.fixture(autouse=True)
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard shows addresses; it never opens them."""
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda *a: pytest.fail("the program opened a browser")
    )


@pytest.fixture
def item(vault: Vault, tmp_path: Path) -> tuple[EvidenceItem, Path]:
    path = tmp_path / "image.png"
    Image.new("RGB", (200, 150), "#c08080").save(path)
    return importer.import_file(vault, path), path


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)


def text_of(dialog: QWidget) -> str:
    if isinstance(dialog, QMessageBox):
        return dialog.text() + " " + dialog.informativeText()
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


class Answers:
    """Stands in for minors_guard.run_modal: for each dialog, note its words and press the next
    button in the script (by its text)."""

    def __init__(self, *buttons: str, before: Callable[[QDialog], None] | None = None) -> None:
        self.buttons = list(buttons)
        self.seen: list[str] = []
        self.before = before

    def __call__(self, dialog: QDialog) -> int:
        self.seen.append(text_of(dialog))
        if self.before is not None:
            self.before(dialog)
        wanted = self.buttons.pop(0)
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == wanted:
                button.click()
                return dialog.result()
        raise AssertionError(f"no button {wanted!r} in: {self.seen[-1]}")


def tick_intimate_and_save(qtbot, pane: DetailPane, item: EvidenceItem) -> None:  # type: ignore[no-untyped-def]
    pane.show_item(item)
    click(qtbot, pane.form.intimate)
    click(qtbot, pane.save_button)


def test_under_18_keep_only_the_description(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, item, monkeypatch
) -> None:
    it, path = item
    answers = Answers("Yes", "Keep only a description and the link", "Remove the file")
    monkeypatch.setattr(minors_guard, "run_modal", answers)
    blobs_before = vault.blob_ids()
    assert it.blob in blobs_before

    with qtbot.waitSignal(pane.item_changed, timeout=20_000) as signal:
        tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)

    question, advice, confirm = answers.seen
    assert "Was the person shown under 18 when this was made?" in question
    assert "child sexual abuse material" in advice
    assert "even when you are the person in it" in advice
    assert "keep only a description" in advice
    assert "takeitdown.ncmec.org" in advice
    assert "report.cybertip.org" in advice and "1-800-843-5678" in advice
    assert "for good" in confirm

    stored = evidence.find_item(vault, it.id)
    assert stored.intimate
    assert stored.original_removed
    assert stored.sha256 == sha256_file(path)  # the fingerprint stays
    assert stored.size == path.stat().st_size
    assert it.blob not in vault.blob_ids()  # the stored original is gone
    assert evidence.load_thumbnail(vault, it.id) is None
    actions = [entry.action for entry in vault.custody_log()[0]]
    assert actions[-2:] == ["edit", "original-removed"]
    assert signal.args[0].original_removed

    # the pane now says what happened, with nothing to show or export
    assert pane.card.isVisible() and "removed from the vault" in pane.card.text.text()
    assert not pane.viewer.isVisible()
    assert not pane.export_button.isVisible()
    assert pane.facts.values["SHA-256"] == stored.sha256
    assert "Original removed" in pane.facts.values


def test_adult_keeps_the_file_and_saves_the_flag(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, item, monkeypatch
) -> None:
    it, _path = item
    answers = Answers("No")
    monkeypatch.setattr(minors_guard, "run_modal", answers)
    tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)
    assert len(answers.seen) == 1  # no further advice for an adult
    stored = evidence.find_item(vault, it.id)
    assert stored.intimate and not stored.original_removed
    assert it.blob in vault.blob_ids()
    assert vault.custody_log()[0][-1].action == "edit"
    assert pane.cover_box.isVisible()  # and it is now hidden until revealed


def test_not_sure_gets_the_gentler_words_and_may_keep_the_file(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, item, monkeypatch
) -> None:
    it, _path = item
    answers = Answers("I'm not sure", "Keep the file for now")
    monkeypatch.setattr(minors_guard, "run_modal", answers)
    tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)
    advice = answers.seen[1]
    assert "all right not to be sure" in advice
    assert "child sexual abuse material" in advice
    assert "takeitdown.ncmec.org" in advice
    stored = evidence.find_item(vault, it.id)
    assert stored.intimate and not stored.original_removed
    assert it.blob in vault.blob_ids()


def test_going_back_saves_nothing(qtbot, pane, runner, vault, item, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    it, _path = item
    monkeypatch.setattr(minors_guard, "run_modal", Answers("Go back"))
    log_before = len(vault.custody_log()[0])
    tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)
    assert not evidence.find_item(vault, it.id).intimate
    assert len(vault.custody_log()[0]) == log_before
    assert pane.form.intimate.isChecked() and pane.save_button.isEnabled()


def test_go_back_at_the_last_check_removes_nothing(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, item, monkeypatch
) -> None:
    it, _path = item
    answers = Answers(
        "Yes", "Keep only a description and the link", "Go back", "Keep the file for now"
    )
    monkeypatch.setattr(minors_guard, "run_modal", answers)
    tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)
    assert len(answers.seen) == 4  # the advice came back after "Go back"
    assert it.blob in vault.blob_ids()
    assert evidence.find_item(vault, it.id).intimate


def test_addresses_are_copied_not_opened(qtbot, pane, runner, vault, item, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    it, _path = item
    copied: list[str] = []

    def copy_all(dialog: QDialog) -> None:
        if isinstance(dialog, minors_guard.AdviceDialog):
            for row in (dialog.take_it_down_row, dialog.cybertip_row, dialog.cybertip_phone_row):
                row.copy_button.click()  # the dialog is not on screen in this stand-in
                copied.append(QGuiApplication.clipboard().text())

    answers = Answers("Yes", "Keep the file for now", before=copy_all)
    monkeypatch.setattr(minors_guard, "run_modal", answers)
    tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)
    assert copied == ["takeitdown.ncmec.org", "report.cybertip.org", "1-800-843-5678"]


def test_no_question_for_an_item_without_a_stored_file(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, monkeypatch
) -> None:
    item = importer.add_description_only(vault, title="Described only")
    monkeypatch.setattr(minors_guard, "run_modal", lambda d: pytest.fail("asked"))
    tick_intimate_and_save(qtbot, pane, item)
    idle(qtbot, runner)
    assert evidence.find_item(vault, item.id).intimate


def test_unticking_intimate_asks_nothing(qtbot, pane, runner, vault, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.png"
    Image.new("RGB", (50, 50), "blue").save(path)
    item = importer.import_file(vault, path, intimate=True)
    monkeypatch.setattr(minors_guard, "run_modal", lambda d: pytest.fail("asked"))
    tick_intimate_and_save(qtbot, pane, item)
    idle(qtbot, runner)
    assert not evidence.find_item(vault, item.id).intimate


def test_a_failed_removal_saves_nothing(  # type: ignore[no-untyped-def]
    qtbot, pane, runner, vault, item, monkeypatch
) -> None:
    """The flag and the removal are one step: if the removal fails, neither is saved."""
    it, _path = item
    monkeypatch.setattr(
        minors_guard,
        "run_modal",
        Answers("Yes", "Keep only a description and the link", "Remove the file"),
    )

    def broken_removal(v, item_id):  # type: ignore[no-untyped-def]
        raise InvalidInput("The disk is full. Nothing was changed.")

    monkeypatch.setattr(importer, "remove_original", broken_removal)
    log_before = len(vault.custody_log()[0])
    tick_intimate_and_save(qtbot, pane, it)
    idle(qtbot, runner)
    stored = evidence.find_item(vault, it.id)
    assert not stored.intimate and not stored.original_removed
    assert it.blob in vault.blob_ids()
    assert len(vault.custody_log()[0]) == log_before
    qtbot.waitUntil(lambda: "disk is full" in pane.message.text())
