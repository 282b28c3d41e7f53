"""The picture on each exhibit page, made before layout starts (no Qt, nothing written to disk).

:func:`prepare_pictures` reads each exhibit's stored original from the vault, one at a time and
only into memory, and turns it into what the page shows (:class:`~locker.report.context.Picture`):

- a picture: downscaled to print resolution (:func:`images.print_image`);
- an intimate picture: the plain redaction block of the same size (:func:`images.redacted_image`);
  the real picture only when the separate packet was asked for;
- a PDF: its first page, rendered by PDFium from memory at print resolution, then treated like a
  picture (redacted likewise when the item is marked intimate);
- anything else (a video, a recording, a description only, an original removed, a file that
  can't be read): a plain sentence instead.

One bad exhibit is a note on its page, never an error that stops the report; Cancel does stop it.
The stored original is read through :class:`~locker.report.exhibits.Rehashed`, so a picture whose
bytes no longer match the SHA-256 taken at import is never printed as if it were the original.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PIL import Image

from locker.case.evidence import IMAGE_TYPES, EvidenceItem
from locker.case.imaging import MAX_IMAGE_BYTES
from locker.i18n import _
from locker.report.context import Picture
from locker.report.exhibits import Exhibit, Rehashed, file_name
from locker.report.images import (
    DEFAULT_DPI,
    PictureRefused,
    PrintImage,
    print_image,
    redacted_image,
)
from locker.vault import Vault
from locker.vault.errors import Cancelled, VaultError

# Of the frame's height: the heading, the picture, its note and the whole facts table of a usual
# exhibit fit on one page (Letter and A4), so a judge finds each exhibit on one sheet.
PICTURE_SHARE = 0.40
PDF_TYPE = "application/pdf"
MAX_PDF_BYTES = MAX_IMAGE_BYTES  # a larger PDF is not opened for its first page
# PDFium is not thread-safe across all documents (its state is global): every call into it, here
# (the report is made off the UI thread) and in the preview, must hold this one lock.
PDFIUM_LOCK = threading.Lock()


def picture_box(frame: tuple[float, float]) -> tuple[float, float]:
    """The box (width, height in points) a picture may fill on an exhibit page: the frame's
    full width and :data:`PICTURE_SHARE` of its height."""
    width, height = frame
    return (float(width), float(height) * PICTURE_SHARE)


def _in_bundle(exhibit: Exhibit, total: int) -> str:
    return _("It is in the originals bundle as {name}.").format(name=file_name(exhibit, total))


def _other_file_note(exhibit: Exhibit, total: int) -> str:
    kind = exhibit.item.media_type.split("/", 1)[0] if exhibit.item.media_type else ""
    if kind == "video":
        first = _("A video file. It cannot be shown on paper;")
    elif kind == "audio":
        first = _("A sound recording. It cannot be shown on paper;")
    elif kind == "image":
        first = _("A picture in a format the program cannot show on paper;")
    else:
        first = _("A file of a kind that cannot be shown on paper;")
    name = file_name(exhibit, total)
    return _("{first} it is in the originals bundle as {name}.").format(first=first, name=name)


def _no_file_note(item: EvidenceItem) -> str:
    if item.original_removed:
        return _(
            "The original file was removed from the vault at the user's request, so it cannot "
            "be shown. Its SHA-256 and size, taken when it was added, are kept below."
        )
    return _("Only a description was recorded for this exhibit; no file was kept.")


def _read_original(vault: Vault, item: EvidenceItem, cancelled: Callable[[], bool] | None) -> bytes:
    """The stored original, whole, in memory; raises VaultError if it can't be read intact and
    PictureRefused if it no longer matches its SHA-256."""
    original = Rehashed(vault, item, cancelled)
    data = b"".join(original.chunks())
    if not original.matches():
        raise PictureRefused(
            _(
                "The stored original no longer matches the SHA-256 taken when it was added, so it "
                "is not shown here. The integrity appendix lists it as FAIL."
            )
        )
    return data


def _pdf_first_page(data: bytes, box_pt: tuple[float, float]) -> bytes:
    """The PDF's first page as a PNG (in memory) at print resolution for ``box_pt``."""
    import pypdfium2  # type: ignore[import-untyped]  # no type information shipped

    try:
        with PDFIUM_LOCK:
            rendered = _render_first(pypdfium2, data, box_pt)
    except Exception as exc:  # PDFium raises its own errors on damaged or locked files
        raise PictureRefused(
            _(
                "The first page of this PDF can't be shown: the file is damaged, locked with a "
                "password, or not one the program can read. The original is kept unaltered."
            )
        ) from exc
    out = io.BytesIO()
    rendered.save(out, format="PNG")
    return out.getvalue()


def _render_first(pypdfium2: Any, data: bytes, box_pt: tuple[float, float]) -> Image.Image:
    """Page 1 drawn on white, as large as fits ``box_pt`` at the print resolution (so a page of
    any stated size gives at most box × dpi pixels)."""
    document = pypdfium2.PdfDocument(data)
    try:
        if len(document) < 1:
            raise ValueError("no pages")
        page = document[0]
        try:
            width, height = page.get_size()
            if not (width > 0 and height > 0):
                raise ValueError("an empty page")
            scale = min(box_pt[0] / width, box_pt[1] / height) * DEFAULT_DPI / 72
            bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255))
            rendered: Image.Image = bitmap.to_pil().convert("RGB")
            bitmap.close()
            return rendered
        finally:
            page.close()
    finally:
        document.close()


def _picture(
    data: bytes,
    media_type: str,
    box_pt: tuple[float, float],
    *,
    intimate: bool,
    include_intimate: bool,
) -> Picture:
    shown: PrintImage
    if intimate:
        shown = redacted_image(data, box_pt, media_type=media_type)
        unredacted = print_image(data, box_pt, media_type=media_type) if include_intimate else None
        return Picture(shown=shown, unredacted=unredacted)
    return Picture(shown=print_image(data, box_pt, media_type=media_type))


def _one(
    vault: Vault,
    exhibit: Exhibit,
    total: int,
    box_pt: tuple[float, float],
    include_intimate: bool,
    cancelled: Callable[[], bool] | None,
) -> Picture:
    item = exhibit.item
    if not item.blob:
        return Picture(note=_no_file_note(item))
    is_pdf = item.media_type == PDF_TYPE
    if item.media_type not in IMAGE_TYPES and not is_pdf:
        return Picture(note=_other_file_note(exhibit, total))
    if item.size > (MAX_PDF_BYTES if is_pdf else MAX_IMAGE_BYTES):
        return Picture(
            note=_("This file is too large to show here. {where}").format(
                where=_in_bundle(exhibit, total)
            )
        )
    try:
        data = _read_original(vault, item, cancelled)
        if is_pdf:
            data = _pdf_first_page(data, box_pt)
        return _picture(
            data,
            "image/png" if is_pdf else item.media_type,
            box_pt,
            intimate=item.intimate,
            include_intimate=include_intimate,
        )
    except Cancelled:
        raise
    except PictureRefused as exc:
        return Picture(note=exc.message)
    except VaultError as exc:
        part = getattr(exc, "part", "") or exc.message
        return Picture(
            note=_(
                "The stored original could not be read back intact ({part}), so it is not shown "
                "here. The integrity appendix lists it as FAIL."
            ).format(part=part)
        )


def prepare_pictures(
    vault: Vault,
    exhibits: Sequence[Exhibit],
    box_pt: tuple[float, float],
    *,
    include_intimate: bool = False,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, Picture]:
    """What each exhibit page shows, by exhibit number (see the module docstring).

    ``box_pt``: the picture's box (:func:`picture_box`). ``include_intimate``: also make the
    real picture of each intimate exhibit, for the separate packet. ``progress(done, total)``
    after each exhibit (once at 0 first); ``cancelled()`` true raises Cancelled."""
    total = len(exhibits)
    pictures: dict[int, Picture] = {}
    if progress is not None:
        progress(0, total)
    for done, exhibit in enumerate(exhibits, start=1):
        if cancelled is not None and cancelled():
            raise Cancelled()
        pictures[exhibit.number] = _one(vault, exhibit, total, box_pt, include_intimate, cancelled)
        if progress is not None:
            progress(done, total)
    return pictures
