""" "Keep what I add hidden": what is added, pasted or captured while it is on is marked intimate
as it is stored, so it is never shown sharp; turning it on asks the minors question first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog

from locker.gui import minors_guard
from tests.conftest import open_vault
from tests.gui.import_helpers import Harness, assert_whole, good_pngs, items_in, make_harness

WAIT_MS = 30_000


@pytest.fixture
def h(qtbot, new_vault) -> Iterator[Harness]:  # type: ignore[no-untyped-def]
    vault = open_vault(new_vault[0])
    harness = make_harness(qtbot, vault)
    yield harness
    QApplication.clipboard().clear()
    harness.close()
    vault.lock()


class Press:
    """Stands in for minors_guard.run_modal: presses the named buttons in turn."""

    def __init__(self, *buttons: str) -> None:
        self.buttons = list(buttons)
        self.texts: list[str] = []

    def __call__(self, dialog: QDialog) -> int:
        wanted = self.buttons.pop(0)
        buttons = dialog.findChildren(QAbstractButton)
        self.texts += [b.text().replace("&", "") for b in buttons]
        for button in buttons:
            if button.text().replace("&", "") == wanted:
                button.click()
                return dialog.result()
        raise AssertionError(f"no button {wanted!r}")


def test_adding_with_the_option_on_stores_them_hidden(
    qtbot, h: Harness, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(minors_guard, "run_modal", Press("No"))
    h.flow.hide_new.action.setChecked(True)  # the user ticks the box
    assert h.flow.hide_new.on
    paths = [str(p) for p in good_pngs(tmp_path, 2)]
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.add_files(paths)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(10, 200, 10))
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.paste()
    items = items_in(h.vault)
    assert len(items) == 3 and all(item.intimate for item in items)
    assert_whole(h.vault)


def test_the_option_is_off_by_default_and_after_a_lock(
    qtbot, h: Harness, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert not h.flow.hide_new.on
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.add_files([str(p) for p in good_pngs(tmp_path, 1)])
    assert not items_in(h.vault)[0].intimate
    monkeypatch.setattr(minors_guard, "run_modal", Press("No"))
    h.flow.hide_new.action.setChecked(True)
    h.flow.set_vault(None)  # lock
    assert not h.flow.hide_new.on and not h.flow.hide_new.action.isChecked()


def test_under_18_recommends_a_description_instead(qtbot, h: Harness, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    press = Press("Yes", "Add only a description and the link")
    monkeypatch.setattr(minors_guard, "run_modal", press)
    h.flow.hide_new.action.setChecked(True)
    assert not h.flow.hide_new.on and not h.flow.hide_new.action.isChecked()
    assert "Add the files anyway" in press.texts  # the other choice was offered
    qtbot.waitUntil(lambda: h.flow.description_dialog is not None)
    assert h.flow.description_dialog.isVisible()
    h.flow.description_dialog.done(0)
    assert items_in(h.vault) == []  # nothing was stored


def test_going_back_leaves_it_off(qtbot, h: Harness, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(minors_guard, "run_modal", Press("Go back"))
    h.flow.hide_new.action.setChecked(True)
    assert not h.flow.hide_new.on


def test_the_window_box_follows_a_refusal_and_a_lock(  # type: ignore[no-untyped-def]
    qtbot, window, dialogs, new_vault, monkeypatch
) -> None:
    """The check box on the vault page shows what the option really is: unticked again after
    "Go back" on the minors question, and after a lock."""
    from tests.gui.conftest import click, open_vault_in

    open_vault_in(qtbot, window, dialogs, new_vault[0])
    box = window.vault_page.hide_new
    monkeypatch.setattr(minors_guard, "run_modal", Press("Go back"))
    click(qtbot, box)
    assert not window.vault_page.import_flow.hide_new.on
    assert not box.isChecked()
    monkeypatch.setattr(minors_guard, "run_modal", Press("No"))
    click(qtbot, box)
    assert box.isChecked() and window.vault_page.import_flow.hide_new.on
    window.lock()
    assert not box.isChecked()
