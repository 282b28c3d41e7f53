"""The pages of a PDF held in memory, drawn as pictures for the preview and for printing.

The printable summary is made in memory by the core and must never touch the disk unless the
user saves it (ARCHITECTURE.md "Leaks to close"), so PDFium (pypdfium2) reads the bytes
directly: bytes in, :class:`QImage` out, no temporary file.

Threads: PDFium is not thread-safe at all, across *all* documents (its library state is
global), so every call into it goes through one lock shared by every :class:`PdfPages`. In
practice pages are drawn on the UI thread (the preview draws a page or two at a time; printing
draws one page at a time); the lock only makes a stray call from another thread wait instead of
crashing.
"""

from __future__ import annotations

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information shipped
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from locker.report.pictures import PDFIUM_LOCK
from locker.vault import InvalidInput

# PDFium is not thread-safe across documents: the report's worker renders PDF exhibits under
# the same lock (locker.report.pictures), so preview and report never call into it at once.
_PDFIUM = PDFIUM_LOCK

# A page drawn as a picture never exceeds this many pixels (about 150 MB as RGB): a page of an
# odd size at a high resolution must not exhaust memory. Letter at 300 dpi is 8.4 million.
MAX_PIXELS = 50_000_000
POINTS_PER_INCH = 72.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("pdf_pages", text)


class PdfPages:
    """A PDF document in memory: its page count, page sizes, and pages drawn as images."""

    def __init__(self, data: bytes) -> None:
        """Open ``data`` (the bytes of a PDF). Raises :class:`InvalidInput` in plain words if
        they are not a readable PDF."""
        self._data: bytes | None = bytes(data)
        with _PDFIUM:
            try:
                self._doc: pdfium.PdfDocument | None = pdfium.PdfDocument(self._data)
                self._sizes: list[tuple[float, float]] = [
                    (float(w), float(h))
                    for w, h in (self._doc.get_page_size(i) for i in range(len(self._doc)))
                ]
            except pdfium.PdfiumError:
                self._doc = None
                self._data = None
                raise InvalidInput(
                    _tr(
                        "This summary could not be shown because its pages could not be read. "
                        "Please make it again."
                    )
                ) from None
        if not self._sizes:
            self.close()
            raise InvalidInput(_tr("This summary has no pages to show. Please make it again."))

    @property
    def count(self) -> int:
        """How many pages (0 once closed)."""
        return len(self._sizes) if self._doc is not None else 0

    @property
    def closed(self) -> bool:
        return self._doc is None

    def page_size_pt(self, index: int) -> tuple[float, float]:
        """The page's (width, height) in points (1/72 inch), as it is meant to be shown."""
        return self._sizes[index]

    def render(self, index: int, dpi: float) -> QImage:
        """Page ``index`` (from 0) drawn at ``dpi`` dots per inch: an RGB image on white that
        owns its memory. The resolution is lowered if the picture would be enormous."""
        if self._doc is None:
            raise ValueError("the document was closed")
        width_pt, height_pt = self._sizes[index]
        scale = max(dpi, 1.0) / POINTS_PER_INCH
        pixels = width_pt * height_pt * scale * scale
        if pixels > MAX_PIXELS:
            scale *= (MAX_PIXELS / pixels) ** 0.5 * 0.999  # PDFium rounds the size up
        with _PDFIUM:
            page = self._doc[index]
            try:
                bitmap = page.render(
                    scale=scale,
                    fill_color=(255, 255, 255, 255),
                    force_bitmap_format=pdfium_c.FPDFBitmap_BGR,
                    rev_byteorder=True,  # RGB byte order, as QImage.Format_RGB888 wants it
                )
                try:
                    view = QImage(
                        bitmap.buffer,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QImage.Format.Format_RGB888,
                    )
                    # The view points into PDFium's buffer, which goes away with the bitmap.
                    return view.copy()
                finally:
                    bitmap.close()
            finally:
                page.close()

    def close(self) -> None:
        """Let go of the document and its bytes (on lock: decrypted content must not linger)."""
        with _PDFIUM:
            if self._doc is not None:
                self._doc.close()
            self._doc = None
            self._data = None
