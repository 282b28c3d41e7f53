"""Intimate items across the whole window: whatever the user does, a picture flagged intimate is
shown only after Reveal on that item, in the grid and in the viewer alike.

Real vault at the KDF floor, real worker threads, the window driven like a user."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QAbstractButton, QDialog

from locker.case import importer
from locker.case.evidence import EvidenceItem
from locker.gui import minors_guard
from locker.gui.library_model import LibraryModel
from locker.gui.main_window import MainWindow
from tests.gui.conftest import click, wait_idle


def checkerboard(path: Path, square: int = 16) -> Path:
    """A picture that is nothing but detail: black and white squares."""
    im = Image.new("RGB", (640, 480), "white")
    draw = ImageDraw.Draw(im)
    for y in range(0, 480, square):
        for x in range(0, 640, square):
            if (x // square + y // square) % 2:
                draw.rectangle((x, y, x + square - 1, y + square - 1), fill="black")
    im.save(path, "PNG")
    return path


def contrast(pixmap: QPixmap) -> int:
    """The spread of grey levels in the middle: ~255 for the sharp checkerboard."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = image.width(), image.height()
    levels = [
        image.pixelColor(x, y).red()
        for y in range(h // 4, 3 * h // 4, 3)
        for x in range(w // 4, 3 * w // 4, 3)
    ]
    return max(levels) - min(levels)


def grid_picture(qtbot, win: MainWindow, item_id: str) -> QPixmap:  # type: ignore[no-untyped-def]
    """What the grid draws for the item, once its thumbnail has arrived."""
    library = win.vault_page.library

    def current() -> object:
        row = library.model.row_of(item_id)
        assert row is not None
        index = library.proxy.mapFromSource(library.model.index(row, LibraryModel.GRID))
        return index.data(Qt.ItemDataRole.DecorationRole)

    current()  # asks for the thumbnail
    qtbot.waitUntil(lambda: not library.thumbs.busy, timeout=20_000)
    picture = current()
    assert isinstance(picture, QPixmap) and not picture.isNull()
    return picture


def answer_adult(dialog: QDialog) -> int:
    """The minors guard's question, answered "No" (an adult)."""
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == "No":
            button.click()
            return dialog.result()
    raise AssertionError("the minors guard has no 'No' button")


def add_and_select(qtbot, win: MainWindow, path: Path, **fields: object) -> EvidenceItem:  # type: ignore[no-untyped-def]
    assert win.vault is not None
    item = importer.import_file(win.vault, path, **fields)  # type: ignore[arg-type]
    win.vault_page.reload()
    wait_idle(qtbot, win)
    assert win.vault_page.library.select_item(item.id)
    wait_idle(qtbot, win)
    return item


def test_unticking_then_ticking_intimate_again_hides_it_again(  # type: ignore[no-untyped-def]
    qtbot, opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(minors_guard, "run_modal", answer_adult)
    pane = opened.vault_page.detail
    item = add_and_select(qtbot, opened, checkerboard(tmp_path / "p.png"), intimate=True)
    click(qtbot, pane.reveal_button)
    wait_idle(qtbot, opened)
    assert pane.viewer.has_image()

    click(qtbot, pane.form.intimate)  # not intimate after all
    click(qtbot, pane.save_button)
    wait_idle(qtbot, opened)
    assert pane.viewer.has_image()

    click(qtbot, pane.form.intimate)  # it is, after all: hidden at once, before saving
    wait_idle(qtbot, opened)
    assert not pane.viewer.has_image()
    assert pane.reveal_button.isVisible()
    click(qtbot, pane.save_button)
    wait_idle(qtbot, opened)
    assert not pane.viewer.has_image()
    assert contrast(grid_picture(qtbot, opened, item.id)) < 60
