"""The picture area of the detail pane: the item's picture, a card for other files, or the cover
over an intimate image.

Intimate items are covered (a blurred stand-in made from the thumbnail; the original is not even
decoded) until the user reveals that one item. Originals are read and decoded off the UI thread,
in memory only; a result that arrives after the user moved on is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from locker.case import evidence
from locker.case.evidence import EvidenceItem
from locker.gui.blur import blurred
from locker.gui.export_flow import has_file
from locker.gui.image_viewer import ImageViewer, decode_image, decode_thumbnail
from locker.gui.item_facts import FileCard
from locker.gui.messages import describe
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import BusyRow, WrappingLabel, page_button
from locker.vault import Vault, VaultError

# Originals above this size are not loaded for the viewer (export a copy to look at them).
MAX_SHOW_BYTES = 256 * 1024 * 1024
COVER_SIZE = QSize(960, 960)


def _read_picture(
    vault: Vault, item: EvidenceItem, cancelled: Callable[[], bool] | None = None
) -> QImage:
    """Worker side: the original's bytes into memory (never a file), decoded there. A lock or
    quick exit cancels the read between chunks (a picture may be up to MAX_SHOW_BYTES)."""
    data = bytearray()
    for chunk in vault.read_blob(item.blob, cancelled):
        data += chunk
    return decode_image(bytes(data), item.media_type)


def _read_thumbnail(vault: Vault, item_id: str) -> QImage:
    return decode_thumbnail(evidence.load_thumbnail(vault, item_id))


class ItemPreview(QWidget):
    """Shows one item's picture, card or cover. ``wants_intimate()`` says whether the user has
    ticked "intimate" on the unsaved form: the cover goes on at once, before any save."""

    def __init__(
        self,
        runner: TaskRunner,
        reveal: RevealState,
        wants_intimate: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reveal = reveal
        self._wants_intimate = wants_intimate
        self._vault: Vault | None = None
        self._item: EvidenceItem | None = None
        self._token = 0  # bumped whenever what the preview should show changes
        self._thumb: QImage | None = None  # the current item's thumbnail, for its cover
        self._covered = False  # the preview shows the cover now

        self.cover_box = QFrame()
        self.cover_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.cover_text = WrappingLabel(
            self.tr(
                "This item is marked as an intimate image, so it is hidden. Reveal it only when "
                "you are ready; it is hidden again when you move on or lock."
            )
        )
        self.reveal_button = page_button(self.tr("Reveal"))
        self.reveal_button.setAccessibleName(self.tr("Reveal this intimate image"))
        cover_layout = QHBoxLayout(self.cover_box)
        cover_layout.addWidget(self.cover_text, 1)
        cover_layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)

        self.viewer = ImageViewer()
        self.loading = BusyRow()
        self.card = FileCard()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cover_box)
        layout.addWidget(self.loading)
        layout.addWidget(self.viewer)
        layout.addWidget(self.card)

    def show_item(self, vault: Vault | None, item: EvidenceItem | None) -> None:
        """Show ``item`` (None: nothing), reading its picture afresh."""
        self._vault, self._item, self._thumb = vault, item, None
        self._render()

    def keep_item(self, item: EvidenceItem) -> None:
        """The same item again with nothing shown changed: the picture stays as it is."""
        self._item = item

    def update_cover(self) -> None:
        """Put the cover on or take it off, if the reveal or the intimate box changed."""
        if self._wants_cover() != self._covered:
            self._render()

    def _wants_cover(self) -> bool:
        item = self._item
        return (
            item is not None
            and has_file(item)
            and evidence.is_image(item)
            and (item.intimate or self._wants_intimate())
            and not self._reveal.is_revealed(item.id)
        )

    def _render(self) -> None:
        self._token += 1
        token, item, vault = self._token, self._item, self._vault
        self.loading.stop()
        self.viewer.clear()
        for widget in (self.viewer, self.card, self.cover_box):
            widget.hide()
        self._covered = False
        if item is None or vault is None:
            return
        if not has_file(item) or not evidence.is_image(item):
            self._show_card(item)
            return
        if self._wants_cover():
            self._covered = True
            self.cover_box.show()
            self.viewer.show()
            self._show_cover()
            if self._thumb is None and getattr(item, "has_thumbnail", False):
                item_id = item.id
                self._runner.run(
                    lambda: _read_thumbnail(vault, item_id),
                    lambda image: self._thumbnail_loaded(token, image),
                    lambda _err: None,  # the grey cover stays: nothing of the picture shows
                )
            return
        if item.size > MAX_SHOW_BYTES:
            self._show_card(
                item,
                self.tr(
                    "This picture is too large to show here. To look at it, export a copy and "
                    "open it with another program."
                ),
            )
            return
        self.loading.start(self.tr("Loading…"))
        self._runner.start_job(
            lambda control: _read_picture(vault, item, control.cancelled),
            lambda image: self._picture_loaded(token, image),
            lambda err: self._picture_failed(token, err),
        )

    def _show_card(self, item: EvidenceItem, note: str = "") -> None:
        self.card.show_item(item, note)
        self.card.show()

    def _show_cover(self) -> None:
        image = self._thumb
        pixmap = blurred(image, COVER_SIZE) if image is not None else QPixmap()
        if pixmap.isNull():
            pixmap = QPixmap(480, 360)
            pixmap.fill(QColor("#8c8c8c"))
        self.viewer.show_cover(pixmap)

    def _thumbnail_loaded(self, token: int, image: QImage) -> None:
        if token != self._token or image.isNull():
            return
        self._thumb = image
        self._show_cover()

    def _picture_loaded(self, token: int, image: QImage) -> None:
        if token != self._token:
            return  # the user moved on (or hid it again): drop the pixels
        self.loading.stop()
        self.viewer.show()
        self.viewer.show_image(image)

    def _picture_failed(self, token: int, err: VaultError) -> None:
        if token != self._token or self._item is None:
            return
        self.loading.stop()
        self._show_card(self._item, describe(err))
