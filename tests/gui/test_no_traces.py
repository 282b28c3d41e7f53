"""Nothing about the vault or the evidence is left on the computer after a whole session
(PRODUCT.md principle 2): not under HOME, not in the XDG folders, not in TMPDIR.

This drives the real Qt file dialogs (not the test stand-ins), because they are what would
write history to QtProject.conf or recently-used.xbel. The vault itself lives outside HOME
(the ``vault_dir`` fixture, a "USB stick"), and even it must not hold the marker in plain text.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, PngImagePlugin
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from locker.case.evidence import PROVENANCE_PASTED
from locker.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.gui.conftest import FileDialogAnswerer, click, files_under, wait_idle

MARKER = "Zebra7731Marker"
WAIT_MS = 30_000


def marked_png(text: str) -> bytes:
    """A picture carrying the marker in a text chunk (as EXIF or a caption might)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 120, 200)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode("utf-8")]


def assert_no_trace(root: Path, *needles: str) -> None:
    for path in files_under(root):
        data = path.read_bytes()
        for needle in needles:
            for form in encodings(needle):
                assert form not in data, f"{needle!r} found in {path}"


def create_vault(qtbot, win: MainWindow, target: Path) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, win.start_page.create_button)
    answer = FileDialogAnswerer(target)
    click(qtbot, win.create_page.choose_button)
    assert answer.seen and answer.native == [False]
    qtbot.keyClicks(win.create_page.passphrase, PASSPHRASE)
    qtbot.keyClicks(win.create_page.repeat, PASSPHRASE)
    click(qtbot, win.create_page.create_button)
    qtbot.waitUntil(lambda: win.recovery_dialog is not None, timeout=WAIT_MS)
    dialog = win.recovery_dialog
    assert dialog is not None
    key = dialog.key_label.text()
    click(qtbot, dialog.written_down)
    click(qtbot, dialog.continue_button)
    qtbot.keyClicks(dialog.check_edit, key.split("-")[-1])
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: win.recovery_dialog is None, timeout=WAIT_MS)


def test_a_whole_session_leaves_no_trace(  # type: ignore[no-untyped-def]
    qtbot, isolated_home: Path, vault_dir: Path, tmp_path: Path, floor_params
) -> None:
    target = vault_dir / "private-case.evl"
    phone = tmp_path / "phone-export"  # where the evidence comes from (outside HOME too)
    phone.mkdir()
    picture = phone / f"{MARKER} screenshot.png"
    picture.write_bytes(marked_png(f"caption {MARKER}"))
    text_file = phone / f"{MARKER} messages.txt"
    text_file.write_text(f"threat received, see {MARKER}\n", encoding="utf-8")
    QGuiApplication.clipboard().clear()

    win = MainWindow(kdf_params=floor_params)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)

    # Create, with the real save dialog.
    create_vault(qtbot, win, target)
    # A new vault opens on the guide: a note there is kept in the vault only.
    guide = win.guide_page
    assert win.current_page() is guide
    qtbot.waitUntil(lambda: guide.step_view is not None, timeout=WAIT_MS)
    qtbot.keyClicks(guide.notes, f"Called the helpline about {MARKER}")
    tabs = win.case_screen.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())  # Evidence
    page = win.vault_page
    assert win.current_page() is page
    library, detail = page.library, page.detail

    # Add two files at once, with the real open dialog.
    answer = FileDialogAnswerer(f'"{picture.name}" "{text_file.name}"', phone)
    click(qtbot, page.add_button)
    assert answer.seen
    qtbot.waitUntil(lambda: library.model.rowCount() == 2, timeout=WAIT_MS)

    # Paste a screenshot.
    image = QImage(200, 120, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 40, 40))
    QGuiApplication.clipboard().setImage(image)
    click(qtbot, page.paste_button)
    qtbot.waitUntil(lambda: library.model.rowCount() == 3, timeout=WAIT_MS)
    pasted = library.current_item()
    assert pasted is not None and pasted.provenance == PROVENANCE_PASTED
    QGuiApplication.clipboard().clear()

    # Describe it: a title and notes with the marker, saved (and logged) in the vault.
    qtbot.waitUntil(lambda: detail.current_item() is not None, timeout=WAIT_MS)
    detail.form.title.setText("")
    qtbot.keyClicks(detail.form.title, f"Post by {MARKER}")
    qtbot.keyClicks(detail.form.note, f"Seen on Tuesday. {MARKER} wrote it.")
    with qtbot.waitSignal(detail.item_changed, timeout=WAIT_MS):
        click(qtbot, detail.save_button)

    click(qtbot, win.lock_bar.lock_button)
    assert win.vault is None

    # Open again (a wrong try first), with the real open dialog, and close the window.
    answer = FileDialogAnswerer(target)
    click(qtbot, win.start_page.open_button)
    assert answer.seen
    wait_idle(qtbot, win)
    qtbot.keyClicks(win.unlock_page.secret, "wrong passphrase")
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)
    win.unlock_page.secret.wipe()
    qtbot.keyClicks(win.unlock_page.secret, PASSPHRASE)
    click(qtbot, win.unlock_page.open_button)
    wait_idle(qtbot, win)
    assert win.vault is not None
    qtbot.waitUntil(lambda: library.model.rowCount() == 3, timeout=WAIT_MS)
    win.close()
    assert win.vault is None

    # Nothing under HOME, the XDG folders or TMPDIR mentions the evidence or the vault.
    leftovers = files_under(isolated_home)
    assert_no_trace(isolated_home, MARKER, "private-case", str(vault_dir))
    assert [p for p in leftovers if p.name in ("QtProject.conf", "recently-used.xbel")] == []
    assert leftovers == []  # today nothing at all is written there
    # The vault is the only new file on the "USB stick", and even it holds no plain marker.
    assert sorted(p.name for p in vault_dir.iterdir()) == ["private-case.evl"]
    assert_no_trace(vault_dir, MARKER)
    # The originals are untouched.
    assert sorted(p.name for p in phone.iterdir()) == sorted([picture.name, text_file.name])
