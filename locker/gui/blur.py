"""Hide an intimate image's content while keeping a sense of "there is a picture here".

Shrinking to a handful of pixels throws the detail away for good (a blur filter alone can be
partly undone); scaling back up smoothly then gives a soft wash of colour. Nothing of a face or
a body survives 6 pixels on the long side.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap

OBSCURE_PIXELS = 6  # longest side of the shrunk image


def blurred(image: QImage, size: QSize) -> QPixmap:
    """A pixmap of ``size`` (aspect kept, within it) in which nothing is recognisable."""
    if image.isNull() or size.isEmpty():
        return QPixmap()
    tiny = image.scaled(
        OBSCURE_PIXELS,
        OBSCURE_PIXELS,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    # A second pass averages the few remaining pixels into their neighbours.
    tiny = tiny.scaled(
        max(1, tiny.width() // 2) or 1,
        max(1, tiny.height() // 2) or 1,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    ).scaled(
        tiny.width(),
        tiny.height(),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    target = image.size().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    return QPixmap.fromImage(
        tiny.scaled(
            target,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
