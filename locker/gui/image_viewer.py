"""The picture in the detail pane: fit to the pane, zoom, pan; decoded from memory only.

:func:`decode_image` runs on a worker thread (QImage is safe there; widgets are not). It never
writes a file, lets Qt read only the format the core found in the content (not whatever Qt would
guess), and bounds the decoded size so a huge picture cannot exhaust the memory.
:class:`ImageViewer` shows either the real pixels (zoom and pan on) or a cover: the blurred
stand-in for an intimate image, which cannot be zoomed or dragged.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from locker.gui.widgets import page_button
from locker.vault import InvalidInput

# Decoded pixels are kept in memory as 4 bytes each: 40 million is about 160 MB, and no screen
# shows more detail than that. Larger pictures are decoded scaled down to this many pixels.
MAX_PIXELS = 40_000_000
# Qt's own guard against a decompression bomb (MB per decoded image); above MAX_PIXELS * 4.
ALLOCATION_LIMIT_MB = 256

ZOOM_STEP = 1.25
MIN_SCALE = 0.02
MAX_SCALE = 16.0

# The core's media types for pictures, and the one Qt reader each may use.
_QT_FORMATS = {
    "image/png": b"png",
    "image/jpeg": b"jpeg",
    "image/gif": b"gif",
    "image/bmp": b"bmp",
    "image/tiff": b"tiff",
    "image/webp": b"webp",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImageViewer", text)


def qt_format(media_type: str) -> bytes | None:
    """The Qt image format for a media type the viewer can show, else None."""
    return _QT_FORMATS.get(media_type)


def decode_image(data: bytes, media_type: str, max_pixels: int = MAX_PIXELS) -> QImage:
    """Decode picture bytes held in memory (safe on a worker thread).

    Pictures above ``max_pixels`` come back scaled down (aspect kept). Raises
    :class:`InvalidInput` with a plain sentence when the picture cannot be shown."""
    fmt = qt_format(media_type)
    cant_show = _tr(
        "This picture could not be shown here. The stored file is not changed: you can "
        "export a copy and open it with another program."
    )
    if fmt is None or not data:
        raise InvalidInput(cant_show)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(fmt))
    reader.setDecideFormatFromContent(False)
    reader.setAutoTransform(True)  # upright, as the camera meant it (as every viewer shows it)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise InvalidInput(cant_show)
    pixels = size.width() * size.height()
    if pixels > max_pixels:
        factor = math.sqrt(max_pixels / pixels)
        reader.setScaledSize(
            QSize(max(1, int(size.width() * factor)), max(1, int(size.height() * factor)))
        )
    image = reader.read()
    buffer.close()
    if image.isNull():
        raise InvalidInput(cant_show)
    return image


def decode_thumbnail(data: bytes | None) -> QImage:
    """The stored JPEG thumbnail as a QImage (a null image if there is none or it is broken)."""
    if not data:
        return QImage()
    try:
        return decode_image(data, "image/jpeg", max_pixels=4_000_000)
    except InvalidInput:
        return QImage()


class _GraphicsView(QGraphicsView):
    """Ctrl + mouse wheel zooms; the wheel alone scrolls as usual.

    Plain callbacks, not signals: PySide6 6.12's ``SignalInstance.emit`` drops a reference to
    ``True`` on every call from Python, and these run on every wheel step and resize."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.on_wheel_zoom: Callable[[int], None] = lambda _step: None
        self.on_resized: Callable[[], None] = lambda: None

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.on_wheel_zoom(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.on_resized()


class ImageViewer(QWidget):
    """Shows one picture, fitted to the pane until the user zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.pixmap_item)

        self.view = _GraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.view.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys pan once focused
        self.view.setAccessibleName(self.tr("Picture"))
        self.view.setMinimumHeight(160)
        self.view.on_wheel_zoom = lambda step: self.zoom_by(ZOOM_STEP**step)
        self.view.on_resized = self._on_view_resized

        self.zoom_out_button = page_button(self.tr("Zoom out"))
        self.zoom_in_button = page_button(self.tr("Zoom in"))
        self.actual_button = page_button(self.tr("100 %"))
        self.fit_button = page_button(self.tr("Fit"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl+=)"))
        self.actual_button.setToolTip(self.tr("Show at actual size (Ctrl+0)"))
        self.fit_button.setToolTip(self.tr("Fit the whole picture in the pane"))
        self.actual_button.setAccessibleName(self.tr("Actual size"))
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName(self.tr("Zoom level"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.actual_button.clicked.connect(self.actual_size)
        self.fit_button.clicked.connect(self.fit)

        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.actual_button,
            self.fit_button,
        ):
            row.addWidget(button)
        row.addWidget(self.zoom_label)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.controls)

        for keys, slot in (
            ("Ctrl+=", self.zoom_in),
            ("Ctrl++", self.zoom_in),
            ("Ctrl+-", self.zoom_out),
            ("Ctrl+0", self.actual_size),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self._fit_mode = True
        self._interactive = False
        self._apply_interactive(False)

    # --- what is shown -----------------------------------------------------------------------

    def show_image(self, image: QImage) -> None:
        """Show real pixels, fitted to the pane; zoom and pan are on."""
        self.pixmap_item.setPixmap(QPixmap.fromImage(image))
        self.scene.setSceneRect(self.pixmap_item.boundingRect())
        self._apply_interactive(True)
        self.fit()

    def show_cover(self, pixmap: QPixmap) -> None:
        """Show a stand-in (the blurred picture): fitted, no zoom, no dragging."""
        self.pixmap_item.setPixmap(pixmap)
        self.scene.setSceneRect(self.pixmap_item.boundingRect())
        self._apply_interactive(False)
        self.fit()

    def clear(self) -> None:
        """Drop the picture (its pixels leave memory with the pixmap)."""
        self.pixmap_item.setPixmap(QPixmap())
        self.scene.setSceneRect(0, 0, 0, 0)
        self.view.resetTransform()
        self._apply_interactive(False)
        self._update_label()

    def has_image(self) -> bool:
        """True while real pixels (not a cover) are shown."""
        return self._interactive and not self.pixmap_item.pixmap().isNull()

    def pixmap(self) -> QPixmap:
        return self.pixmap_item.pixmap()

    # --- zoom ----------------------------------------------------------------------------------

    def scale(self) -> float:
        """How many screen pixels one picture pixel takes (1.0 = actual size)."""
        return float(self.view.transform().m11())

    def is_fitted(self) -> bool:
        return self._fit_mode

    def fit(self) -> None:
        """Fit the whole picture in the pane (never enlarged past actual size)."""
        self._fit_mode = True
        self._refit()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def actual_size(self) -> None:
        if self._interactive:
            self._fit_mode = False
            self._set_scale(1.0)

    def zoom_by(self, factor: float) -> None:
        if self._interactive:
            self._fit_mode = False
            self._set_scale(min(MAX_SCALE, max(MIN_SCALE, self.scale() * factor)))

    def _set_scale(self, scale: float) -> None:
        self.view.setTransform(QTransform.fromScale(scale, scale))
        self._update_label()

    def _refit(self) -> None:
        pixmap = self.pixmap_item.pixmap()
        if pixmap.isNull():
            return
        viewport = self.view.viewport().size()
        if viewport.width() <= 2 or viewport.height() <= 2:
            return
        scale = min(
            1.0,
            (viewport.width() - 2) / pixmap.width(),
            (viewport.height() - 2) / pixmap.height(),
        )
        self._set_scale(max(scale, 0.001))
        self.view.centerOn(self.pixmap_item)

    def _apply_interactive(self, on: bool) -> None:
        self._interactive = on
        self.view.setDragMode(
            QGraphicsView.DragMode.ScrollHandDrag if on else QGraphicsView.DragMode.NoDrag
        )
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if on else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.view.setHorizontalScrollBarPolicy(policy)
        self.view.setVerticalScrollBarPolicy(policy)
        self.controls.setVisible(on)
        self._update_label()

    def _update_label(self) -> None:
        text = self.tr("{percent} %").format(percent=round(self.scale() * 100))
        self.zoom_label.setText(text if self._interactive else "")

    def _on_view_resized(self) -> None:
        if self._fit_mode:
            self._refit()
