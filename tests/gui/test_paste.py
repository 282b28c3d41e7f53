"""Paste (Ctrl+V): a picture becomes an item with the "pasted" provenance; files are added;
a web address opens the description-only dialog; anything else gets a kind how-to."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from locker.case.evidence import (
    PROVENANCE_DESCRIPTION_ONLY,
    PROVENANCE_IMPORTED,
    PROVENANCE_PASTED,
)
from tests.conftest import open_vault
from tests.gui.conftest import click
from tests.gui.import_helpers import Harness, assert_whole, good_pngs, items_in, make_harness

WAIT_MS = 30_000


@pytest.fixture
def h(qtbot, new_vault) -> Iterator[Harness]:  # type: ignore[no-untyped-def]
    vault = open_vault(new_vault[0])
    harness = make_harness(qtbot, vault)
    QApplication.clipboard().clear()
    yield harness
    QApplication.clipboard().clear()
    harness.close()
    vault.lock()


def stored_bytes(h: Harness, blob: str) -> bytes:
    return b"".join(h.vault.read_blob(blob))


def test_pasting_a_picture_adds_it_as_pasted(qtbot, h: Harness) -> None:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 30))
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.paste()
    [item] = items_in(h.vault)
    assert [i.id for i in h.added] == [item.id]
    assert item.provenance == PROVENANCE_PASTED
    assert item.media_type == "image/png"
    assert item.original_name.startswith("Pasted image ") and item.original_name.endswith(".png")
    assert item.has_thumbnail
    with Image.open(io.BytesIO(stored_bytes(h, item.blob))) as stored:
        assert stored.size == (320, 200)
        assert stored.convert("RGB").getpixel((10, 10)) == (200, 30, 30)
    assert h.flow.progress_widget.label.text() == "1 item added to the vault."
    assert_whole(h.vault)


def test_pasting_with_nothing_on_the_clipboard_explains_how(qtbot, h: Harness) -> None:
    h.flow.paste()
    box = h.flow.message_box
    assert box is not None and box.isVisible()
    text = box.text()
    assert text.startswith("There is no picture to paste right now.")
    assert "PrtScn" in text and "Ctrl+V" in text
    assert "error" not in text.lower()
    assert not h.flow.busy
    assert items_in(h.vault) == [] and h.summaries == []
    box.close()
    qtbot.waitUntil(lambda: h.flow.message_box is None)


def test_pasting_plain_words_explains_how_and_adds_nothing(qtbot, h: Harness) -> None:
    QApplication.clipboard().setText("call the advocate on Monday")
    h.flow.paste()
    assert h.flow.message_box is not None
    assert "There is no picture to paste" in h.flow.message_box.text()
    assert items_in(h.vault) == []


def test_pasting_a_web_address_offers_a_description_with_the_link(qtbot, h: Harness) -> None:
    link = "https://forum.example/thread/123?post=9"
    QApplication.clipboard().setText(f"  {link}\n")
    h.flow.paste()
    dialog = h.flow.description_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.url_edit.text() == link
    assert "You pasted a web address" in dialog.intro_label.text()
    assert not dialog.ok_button.isEnabled()  # a title first
    qtbot.keyClicks(dialog.title_edit, "Post with my photo")
    dialog.description_edit.setPlainText("My photo, posted without asking me.")
    qtbot.keyClicks(dialog.platform_edit, "Forum")
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        click(qtbot, dialog.ok_button)
    [item] = items_in(h.vault)
    assert item.provenance == PROVENANCE_DESCRIPTION_ONLY
    assert (item.title, item.url, item.platform) == ("Post with my photo", link, "Forum")
    assert item.description == "My photo, posted without asking me."
    assert [i.id for i in h.added] == [item.id]
    qtbot.waitUntil(lambda: h.flow.description_dialog is None)


def test_pasting_copied_files_adds_them(qtbot, h: Harness, tmp_path: Path) -> None:
    paths = good_pngs(tmp_path, 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    QApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.paste()
    stored = items_in(h.vault)
    assert sorted(i.original_name for i in stored) == ["good-1.png", "good-2.png"]
    assert {i.provenance for i in stored} == {PROVENANCE_IMPORTED}


def test_description_only_from_the_toolbar(qtbot, h: Harness) -> None:
    h.flow.add_description_only()
    dialog = h.flow.description_dialog
    assert dialog is not None and dialog.url_edit.text() == ""
    qtbot.keyClicks(dialog.title_edit, "Message from an unknown account")
    qtbot.keyClicks(dialog.account_edit, "@someone")
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        click(qtbot, dialog.ok_button)
    [item] = items_in(h.vault)
    assert item.account == "@someone" and item.provenance == PROVENANCE_DESCRIPTION_ONLY
    log, problems = h.vault.custody_log()
    assert problems == []
    assert [e.item for e in log if e.action == "add"] == [item.id]
