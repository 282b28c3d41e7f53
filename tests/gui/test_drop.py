"""Files dragged from a file manager onto the window are added to the open vault."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from locker.case.evidence import PROVENANCE_IMPORTED
from locker.gui.main_window import MainWindow
from tests.gui.import_helpers import assert_whole, good_pngs, items_in

WAIT_MS = 30_000


def mime_with(urls: list[QUrl]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(urls)
    return mime


def drop_on(widget: QWidget, mime: QMimeData) -> QDropEvent:
    """What a file manager's drop does: enter, then drop, offering Copy or Move."""
    where = QPointF(widget.width() / 2, widget.height() / 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(
        where.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        where, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    return drop


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return good_pngs(folder, 3)


def urls_of(paths: list[Path]) -> list[QUrl]:
    return [QUrl.fromLocalFile(str(p)) for p in paths]


def test_dropped_files_are_added(qtbot, opened: MainWindow, files: list[Path]) -> None:
    window = opened
    drop = drop_on(window, mime_with(urls_of(files)))
    # Copy, never Move: a Move would let the file manager delete the user's files.
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    model = window.vault_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT_MS)
    assert window.vault is not None
    items = items_in(window.vault)
    assert sorted(i.original_name for i in items) == sorted(p.name for p in files)
    assert {i.provenance for i in items} == {PROVENANCE_IMPORTED}
    assert all(p.exists() for p in files)  # the originals are untouched
    assert_whole(window.vault)
    assert not window.notice.isVisible()


def test_files_dropped_on_a_text_field_are_added_not_typed(
    qtbot, opened: MainWindow, files: list[Path]
) -> None:
    window = opened
    field = window.vault_page.library.search
    assert field.acceptDrops()  # a line edit would paste the file's path
    drop_on(field, mime_with(urls_of(files[:1])))
    qtbot.waitUntil(lambda: window.vault_page.model.rowCount() == 1, timeout=WAIT_MS)
    assert field.text() == ""


def test_web_links_are_refused_kindly(qtbot, opened: MainWindow) -> None:
    window = opened
    drop_on(window, mime_with([QUrl("https://example.com/picture.jpg")]))
    assert window.notice.isVisible()
    assert "Only files on this computer can be added" in window.notice.text()
    assert window.vault is not None and items_in(window.vault) == []
    assert not window.vault_page.import_flow.busy


def test_a_mix_adds_the_files_and_says_what_was_left_out(
    qtbot, opened: MainWindow, files: list[Path]
) -> None:
    window = opened
    drop_on(window, mime_with([*urls_of(files[:2]), QUrl("https://example.com/a")]))
    qtbot.waitUntil(lambda: window.vault_page.model.rowCount() == 2, timeout=WAIT_MS)
    assert "was left out" in window.notice.text()


def test_without_an_open_vault_the_window_says_to_open_one(
    qtbot, window: MainWindow, files: list[Path]
) -> None:
    drop_on(window, mime_with(urls_of(files)))
    assert window.notice.isVisible()
    assert "open your vault first" in window.notice.text()
    window.show_create()
    assert not window.notice.isVisible()  # the note goes once the user moves on


def test_text_without_files_is_not_taken(qtbot, opened: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just some words")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(opened, enter)
    assert not enter.isAccepted()


@pytest.mark.skipif(not hasattr(os, "fsencode") or os.name != "posix", reason="POSIX names")
def test_a_file_whose_name_is_not_utf8_is_added(qtbot, opened: MainWindow, tmp_path: Path) -> None:
    """A file manager sends such a name percent-encoded byte by byte (caf%E9.png);
    QUrl.toLocalFile() would turn the byte into U+FFFD, naming a file that does not exist."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    name = b"caf\xe9.png"
    (good,) = good_pngs(folder, 1)
    os.rename(good, os.path.join(os.fsencode(folder), name))
    url = QUrl(QUrl.fromLocalFile(str(folder)).toString() + "/caf%E9.png")
    drop_on(opened, mime_with([url]))
    model = opened.vault_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    assert opened.vault is not None
    (item,) = items_in(opened.vault)
    assert item.original_name_b64  # the exact bytes of the name are kept
    assert os.path.exists(os.path.join(os.fsencode(folder), name))  # copied, not moved
