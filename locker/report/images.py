"""Exhibit pictures for the printed report: downscaled to print resolution, or redacted.

Both functions work on bytes in memory only (no Qt, never a temporary file) and reuse the import's
safe decoding in :mod:`locker.case.imaging`: the one decoder for the file's type, the
decompression-bomb limit read from the header before any pixel is decoded, a broken or truncated
file noticed, the EXIF orientation applied and transparency shown over white.

:func:`print_image` makes the JPEG that goes on the page. COURT.md asks for about 150–200 dpi at
the printed size (default 170), so a 300-exhibit report stays a size courts accept. Nothing of the
original's metadata is carried into it: no EXIF (a phone photo's GPS position must never reach a
printout handed to the other side), no comment, XMP or colour profile.

:func:`redacted_image` is what an intimate exhibit shows by default (COURT.md §5): see its
docstring for why it is a plain block rather than a blur.

A picture that can't be used raises :class:`PictureRefused` (an ``InvalidInput`` with a plain
message); the report prints a note in its place. The original in the vault is never touched.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from locker.case import imaging
from locker.i18n import _
from locker.vault.errors import InvalidInput

DEFAULT_DPI = 170  # COURT.md "Layout conventions": about 150–200 dpi at printed size
MIN_DPI, MAX_DPI = 36, 600
JPEG_QUALITY = 80
# Reduce by whole factors (fast box filter) while the image is over 3× the target, then Lanczos:
# indistinguishable from Lanczos all the way for a downscale, and much faster on big screenshots.
REDUCING_GAP = 3.0

# The redaction block: a light neutral grey with a thin darker frame and the two diagonals (the
# usual "a picture was here" sign). Nothing in it depends on the picture except its proportions.
BLOCK_FILL = (224, 224, 224)
BLOCK_LINE = (160, 160, 160)

_SWAPS_SIDES = (5, 6, 7, 8)  # EXIF orientations that turn the picture a quarter turn


@dataclass(frozen=True)
class PrintImage:
    """A picture ready to place on a page.

    ``jpeg``: the JPEG bytes (RGB, no metadata); ``pixels``: its width and height in pixels;
    ``size_pt``: the width and height, in points, to draw it at: as large as fits the box while
    keeping its proportions (a small picture is drawn larger by the page, never by adding
    pixels); ``redacted``: True for the block shown instead of an intimate picture."""

    jpeg: bytes
    pixels: tuple[int, int]
    size_pt: tuple[float, float]
    redacted: bool = False


class PictureRefused(InvalidInput):
    """The exhibit's file can't be drawn in the report (damaged, cut short, not a picture, or
    too large to open safely). The original is unaffected; the report prints a note instead."""


def _refused() -> PictureRefused:
    return PictureRefused(
        _(
            "This picture can't be shown in the report: the file is damaged, incomplete, too "
            "large to open safely, or not a picture the program can read. The original is kept "
            "unaltered, and a note is printed in its place."
        )
    )


def _check_box(box_pt: tuple[float, float], dpi: int) -> tuple[float, float, int, int]:
    """The box in points and the most pixels each side may have at ``dpi``."""
    box_w, box_h = float(box_pt[0]), float(box_pt[1])
    if not (math.isfinite(box_w) and math.isfinite(box_h) and box_w > 0 and box_h > 0):
        raise ValueError(f"the box must have a positive width and height, not {box_pt!r}")
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be between {MIN_DPI} and {MAX_DPI}, not {dpi!r}")
    # The small tolerance keeps 468 pt × 170 / 72 = 1105 from flooring to 1104 on rounding.
    max_w = max(1, math.floor(box_w * dpi / 72 + 1e-6))
    max_h = max(1, math.floor(box_h * dpi / 72 + 1e-6))
    return box_w, box_h, max_w, max_h


def _fit(width: int, height: int, max_w: int, max_h: int) -> tuple[int, int]:
    """The pixel size within ``max_w`` × ``max_h`` keeping proportions; never larger than now."""
    scale = min(1.0, max_w / width, max_h / height)
    return (
        min(max_w, max(1, math.floor(width * scale + 0.5))),
        min(max_h, max(1, math.floor(height * scale + 0.5))),
    )


def _points(width: int, height: int, box_w: float, box_h: float) -> tuple[float, float]:
    """As large as fits the box, in the picture's own proportions (not the rounded pixels')."""
    scale = min(box_w / width, box_h / height)
    return (min(box_w, width * scale), min(box_h, height * scale))


def _turned(im: Image.Image) -> bool:
    """Whether the EXIF orientation swaps width and height (a damaged tag: as stored)."""
    try:
        return im.getexif().get(imaging.ORIENTATION_TAG) in _SWAPS_SIDES
    except Exception:
        return False


def _jpeg(im: Image.Image, dpi: int) -> bytes:
    im.info = {}  # nothing of the original (comment, XMP, ICC, EXIF) may ride along
    out = io.BytesIO()
    im.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, exif=b"", dpi=(dpi, dpi))
    return out.getvalue()


def print_image(
    data: bytes,
    box_pt: tuple[float, float],
    dpi: int = DEFAULT_DPI,
    *,
    media_type: str | None = None,
) -> PrintImage:
    """The picture in ``data`` as a JPEG for a box of ``box_pt`` (width, height in points).

    Neither side has more than box × ``dpi`` / 72 pixels; a smaller picture keeps its own pixels
    (never upscaled). EXIF orientation applied, transparency on white, JPEG quality 80,
    optimised, no metadata. ``media_type`` (from sniffing), if given, picks the only decoder
    allowed to read it. Raises :class:`PictureRefused` for anything that can't be drawn."""
    box_w, box_h, max_w, max_h = _check_box(box_pt, dpi)
    try:
        with imaging.opened(data, media_type) as im:
            stored_w, stored_h = im.size
            turned = _turned(im)
            shown_w, shown_h = (stored_h, stored_w) if turned else (stored_w, stored_h)
            target = _fit(shown_w, shown_h, max_w, max_h)
            if im.format == "JPEG":
                # Decode at 1/2, 1/4 or 1/8 scale when that still leaves at least the target
                # (in the stored orientation); imaging's own draft call is then a no-op.
                im.draft("RGB", (target[1], target[0]) if turned else target)
            shown = imaging.decode_upright(im, max(target))
            if shown.size != target:
                shown = shown.resize(target, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
            jpeg = _jpeg(shown, dpi)
    except imaging.ImageRefused as exc:
        raise _refused() from exc
    except (OSError, ValueError, MemoryError) as exc:  # resize/encode failing on odd data
        raise _refused() from exc
    return PrintImage(jpeg, target, _points(shown_w, shown_h, box_w, box_h))


def redacted_image(
    data: bytes,
    box_pt: tuple[float, float],
    dpi: int = DEFAULT_DPI,
    *,
    media_type: str | None = None,
) -> PrintImage:
    """What an intimate picture shows in the report by default: a plain block, same size.

    The block has the picture's proportions and takes the same place on the page (same pixel
    size and points as :func:`print_image` would give), so a reader sees that a picture was
    there; the report adds the note "redacted — original held unaltered, SHA-256 …".

    Why a block and not a blur or mosaic: even a coarse 6×6 mosaic under a heavy blur keeps the
    picture's colours and where they are (a skin-coloured shape, a bed, a silhouette), which can
    be enough for someone who knows the picture or the person to recognise it, and seeing it can
    hurt the person it shows. A block keeps nothing of the picture but its proportions, which the
    report states anyway. The strongest redaction that still says "a picture was here" is
    therefore the block: light grey, a thin frame, the two diagonals. It depends only on the
    size, so it is the same every time (and for every picture of that size).

    The picture is still decoded (at reduced scale), so a damaged or hostile file gets the same
    :class:`PictureRefused` as with :func:`print_image`."""
    box_w, box_h, max_w, max_h = _check_box(box_pt, dpi)
    try:
        with imaging.opened(data, media_type) as im:
            stored_w, stored_h = im.size
            turned = _turned(im)
            imaging.decode_upright(im, 64)  # the whole file must decode; the pixels are not used
    except imaging.ImageRefused as exc:
        raise _refused() from exc
    except (OSError, ValueError, MemoryError) as exc:
        raise _refused() from exc
    shown_w, shown_h = (stored_h, stored_w) if turned else (stored_w, stored_h)
    target = _fit(shown_w, shown_h, max_w, max_h)
    return PrintImage(
        _jpeg(_block(target), dpi),
        target,
        _points(shown_w, shown_h, box_w, box_h),
        redacted=True,
    )


def _block(size: tuple[int, int]) -> Image.Image:
    """The redaction block: grey, a frame about 1/200 of the long side (at least 1 px), and the
    two diagonals. Drawn fresh from the size alone."""
    w, h = size
    block = Image.new("RGB", size, BLOCK_FILL)
    line = max(1, round(max(w, h) / 200))
    draw = ImageDraw.Draw(block)
    draw.rectangle((0, 0, w - 1, h - 1), outline=BLOCK_LINE, width=line)
    draw.line((0, 0, w - 1, h - 1), fill=BLOCK_LINE, width=line)
    draw.line((0, h - 1, w - 1, 0), fill=BLOCK_LINE, width=line)
    return block
