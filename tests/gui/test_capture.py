"""Capture the screen: the window is hidden while every screen is grabbed, comes back after
(even when the grab fails), and each screen becomes one item with the "captured" provenance."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QImage

from locker.case.evidence import PROVENANCE_CAPTURED
from locker.gui import capture
from tests.conftest import open_vault
from tests.gui.import_helpers import Harness, assert_whole, items_in, make_harness

WAIT_MS = 30_000


@pytest.fixture
def h(qtbot, new_vault) -> Iterator[Harness]:  # type: ignore[no-untyped-def]
    vault = open_vault(new_vault[0])
    harness = make_harness(qtbot, vault)
    yield harness
    harness.close()
    vault.lock()


@pytest.fixture
def visible_at_grab(monkeypatch: pytest.MonkeyPatch, h: Harness) -> list[bool]:
    """Records whether the window was visible when the screens were grabbed."""
    seen: list[bool] = []
    real = capture.grab_screens

    def grab() -> list[QImage]:
        seen.append(h.page.isVisible())
        return real()

    monkeypatch.setattr(capture, "grab_screens", grab)
    return seen


def test_capture_hides_the_window_grabs_every_screen_and_comes_back(
    qtbot, h: Harness, visible_at_grab: list[bool]
) -> None:
    screens = QGuiApplication.screens()
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.capture_screen(h.page)
        assert not h.page.isVisible()  # hidden at once
        assert h.flow.busy
    assert visible_at_grab == [False]
    assert h.page.isVisible()
    stored = items_in(h.vault)
    assert len(stored) == len(screens) == len(h.added)
    for item in stored:
        assert item.provenance == PROVENANCE_CAPTURED
        assert item.original_name.startswith("Screen capture ")
        assert item.original_name.endswith(".png")
        assert item.media_type == "image/png" and item.has_thumbnail
        with Image.open(io.BytesIO(b"".join(h.vault.read_blob(item.blob)))) as grabbed:
            assert grabbed.size == (800, 800)  # the offscreen platform's screen
    assert h.flow.progress_widget.label.text() == "1 item added to the vault."
    assert not h.flow.busy
    assert_whole(h.vault)


def test_several_screens_are_numbered(qtbot, h: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    def two_screens() -> list[QImage]:
        images = []
        for width in (640, 320):
            image = QImage(width, 200, QImage.Format.Format_RGB32)
            image.fill(0x336699)
            images.append(image)
        return images

    monkeypatch.setattr(capture, "grab_screens", two_screens)
    with qtbot.waitSignal(h.flow.finished, timeout=WAIT_MS):
        h.flow.capture_screen(h.page)
    names = sorted(item.original_name for item in items_in(h.vault))
    assert len(names) == 2
    assert names[0].endswith("(screen 1).png") and names[1].endswith("(screen 2).png")


@pytest.mark.parametrize("failure", ["nothing", "raises"])
def test_window_comes_back_when_the_grab_fails(
    qtbot, h: Harness, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    def refused() -> list[QImage]:
        if failure == "raises":
            raise RuntimeError("platform plugin said no")
        return [QImage()]  # what a desktop that forbids grabbing gives

    monkeypatch.setattr(capture, "grab_screens", refused)
    h.flow.capture_screen(h.page)
    qtbot.waitUntil(lambda: h.flow.message_box is not None, timeout=WAIT_MS)
    assert h.page.isVisible()
    text = h.flow.message_box.text()  # type: ignore[union-attr]
    assert text.startswith("This computer did not let the program capture the screen")
    assert "Traceback" not in text and "platform plugin" not in text
    assert items_in(h.vault) == []
    assert not h.flow.busy


def test_lock_during_the_delay_grabs_nothing(
    qtbot, h: Harness, visible_at_grab: list[bool]
) -> None:
    h.flow.capture_screen(h.page)
    assert not h.page.isVisible()
    h.flow.set_vault(None)
    assert not h.flow.busy
    # Let a timer twice as long as the capture delay run out: still nothing was grabbed.
    later = QTimer()
    later.setSingleShot(True)
    with qtbot.waitSignal(later.timeout, timeout=capture.DELAY_MS * 4):
        later.start(capture.DELAY_MS * 2)
    assert visible_at_grab == []
    assert items_in(h.vault) == []
