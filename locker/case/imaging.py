"""Images, from bytes in memory only (Pillow; no Qt, never a temporary file).

:func:`inspect_image` is the import's image check: one decode that both notices a broken or
truncated image and makes the thumbnail, plus the facts worth keeping (dimensions, format, EXIF
date and camera). The original bytes are only read, never changed.

Decompression bombs: a small file can declare a huge picture (a 30000×30000 PNG of one colour
compresses to a few KB and would need 900 MB or more to decode). The pixel count is read from the
header, before any pixel is decoded, and anything over :data:`MAX_PIXELS` is refused. The cap is
Pillow's own warning threshold (about 89 million pixels: 12,000 × 7,400, more than any screen or
phone screenshot and most cameras), which bounds the check's memory to about 360 MB for the
largest image it accepts (RGBA, 4 bytes a pixel); JPEGs are decoded at reduced scale ("draft"),
so they use far less. Pillow's global ``MAX_IMAGE_PIXELS`` and the warning filters are left
alone (other threads may be using Pillow, and ``warnings.catch_warnings`` is not thread-safe):
above twice the threshold Pillow raises DecompressionBombError itself, which is caught here;
between once and twice it only warns (DecompressionBombWarning, which the command line silences
once at start-up, see :data:`BombWarning`) and our own check refuses the image.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageFilter, ImageOps

from locker.i18n import _
from locker.text import clean_line
from locker.vault.errors import InvalidInput

THUMBNAIL_SIZE = 320  # longest side of a stored thumbnail, in pixels
THUMBNAIL_QUALITY = 80
MAX_PIXELS = 89_478_485  # see the module docstring
MAX_IMAGE_BYTES = 256 * 1024 * 1024  # larger image files are stored as plain files, unchecked

# Media type (from locker.case.sniff) -> the one Pillow decoder allowed to read it, so a file
# never reaches a decoder for another format (and the rarer Pillow plugins never see input).
PILLOW_FORMATS = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/bmp": "BMP",
    "image/tiff": "TIFF",
    "image/webp": "WEBP",
}
BombWarning = Image.DecompressionBombWarning  # for applications that silence it at start-up

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011
_MAKE, _MODEL, ORIENTATION_TAG = 0x010F, 0x0110, 0x0112


class ImageRefused(InvalidInput):
    """The bytes claim to be an image the program can show, but it can't be used: broken,
    truncated, a decompression bomb or too large. The message names the problem plainly."""


@dataclass(frozen=True)
class ImageReport:
    facts: dict[str, Any]  # width, height, format, taken_at, taken_offset, camera (cleaned)
    thumbnail: bytes  # JPEG, longest side THUMBNAIL_SIZE, EXIF orientation applied


def _broken() -> ImageRefused:
    return ImageRefused(
        _(
            "This image is damaged or incomplete (it may have been cut short while it was saved "
            "or copied), so it can't be checked or shown. Nothing was added."
        )
    )


def _too_big(width: int, height: int) -> ImageRefused:
    return ImageRefused(
        _(
            "This image says it is {w} × {h} pixels, far larger than any real photo or "
            "screenshot. Files like this are sometimes made to freeze programs, so it was not "
            "opened. Nothing was added."
        ).format(w=width, h=height)
    )


@contextmanager
def opened(data: bytes, media_type: str | None = None) -> Iterator[Image.Image]:
    """Open ``data`` (header only) with the decoder for its sniffed type; check the size."""
    fmt = PILLOW_FORMATS.get(media_type) if media_type else None
    formats = [fmt] if fmt else list(PILLOW_FORMATS.values())
    try:
        im = Image.open(io.BytesIO(data), formats=formats)
    except Image.DecompressionBombError as exc:
        raise ImageRefused(
            _(
                "This image says it is far larger than any real photo or screenshot. Files like "
                "this are sometimes made to freeze programs, so it was not opened. Nothing was "
                "added."
            )
        ) from exc
    except Exception as exc:  # Pillow raises many kinds on hostile headers
        raise _broken() from exc
    with im:
        width, height = im.size
        if width <= 0 or height <= 0:
            raise _broken()
        if width * height > MAX_PIXELS:
            raise _too_big(width, height)
        yield im


def decode_upright(im: Image.Image, box: int) -> Image.Image:
    """Decode the whole (first) frame, at reduced scale for JPEG; returns an RGB image with the
    EXIF orientation applied. Raises ImageRefused if the data is broken or cut short."""
    if im.format == "JPEG":
        im.draft("RGB", (box, box))  # decode at 1/2, 1/4 or 1/8: no smaller than ``box``
    try:
        im.load()
    except MemoryError as exc:
        raise ImageRefused(
            _("There is not enough memory to check this image. Nothing was added.")
        ) from exc
    except Exception as exc:  # truncated: OSError; hostile chunks: SyntaxError, ValueError...
        raise _broken() from exc
    try:
        turned = im.getexif().get(ORIENTATION_TAG) in range(2, 9)
        oriented = (ImageOps.exif_transpose(im) or im) if turned else im
    except Exception:  # a damaged orientation tag: keep the image as stored
        oriented = im
    return _rgb(oriented)


def _rgb(im: Image.Image) -> Image.Image:
    """RGB, with any transparency shown over white (as a page would show it)."""
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if im.mode.startswith("I") or im.mode == "F":  # 16-bit, 32-bit or float greys
        wide = im if im.mode in ("I", "F") else im.convert("I")
        extrema: Any = wide.getextrema()  # (low, high) for a one-band image
        low, high = float(extrema[0]), float(extrema[1])
        span = high - low if high > low else 1.0
        return wide.point(lambda v: (v - low) * (255.0 / span)).convert("L").convert("RGB")
    return im.convert("RGB")


def _jpeg(im: Image.Image, quality: int = THUMBNAIL_QUALITY) -> bytes:
    out = io.BytesIO()
    im.save(out, format="JPEG", quality=quality, optimize=False)
    return out.getvalue()


def _text(value: object, limit: int) -> str:
    """An EXIF value as one clean line (EXIF strings may be bytes, padded with NULs, or hostile)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return clean_line(value.replace("\x00", " ").strip(), limit).strip()


def _exif_facts(im: Image.Image) -> dict[str, str]:
    facts: dict[str, str] = {}
    try:
        exif = im.getexif()
        make, model = _text(exif.get(_MAKE), 64), _text(exif.get(_MODEL), 64)
        sub = exif.get_ifd(_EXIF_IFD)
        taken = _text(sub.get(_DATETIME_ORIGINAL), 32)
        offset = _text(sub.get(_OFFSET_TIME_ORIGINAL), 8)
    except Exception:  # damaged EXIF is not a damaged image: just no EXIF facts
        return facts
    if taken:
        facts["taken_at"] = taken
    if offset:
        facts["taken_offset"] = offset
    if make and model.lower().startswith(make.lower()):
        make = ""  # "Canon" + "Canon EOS R6" reads better as "Canon EOS R6"
    camera = " ".join(p for p in (make, model) if p)
    if camera:
        facts["camera"] = clean_line(camera, 100)
    return facts


def inspect_image(data: bytes, media_type: str | None = None) -> ImageReport:
    """Check that ``data`` is a whole image within the limits; its facts and a thumbnail.

    Raises :class:`ImageRefused` (plain message) for a broken, truncated or oversized image.
    ``media_type`` (from sniffing) picks the only decoder that may read it."""
    with opened(data, media_type) as im:
        width, height = im.size
        facts: dict[str, Any] = {"width": width, "height": height, "format": str(im.format)}
        try:
            # Counting reads every frame's header: a damaged one raises whatever Pillow met.
            frames = getattr(im, "n_frames", 1)
        except Exception as exc:
            raise _broken() from exc
        if isinstance(frames, int) and frames > 1:
            facts["frames"] = frames
        shown = decode_upright(im, THUMBNAIL_SIZE)
        facts.update(_exif_facts(im))
        try:
            shown.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.BICUBIC)
            thumb = _jpeg(shown)
        except Exception as exc:
            raise _broken() from exc
    return ImageReport(facts, thumb)


def obscure(data: bytes, size: int) -> bytes:
    """A strongly blurred JPEG of the image (longest side ``size``): colours and rough shapes,
    nothing recognisable. For showing that an intimate image is there without showing it.

    Works on the original or on a thumbnail; raises ImageRefused like :func:`inspect_image`."""
    size = max(16, min(int(size), 4096))
    with opened(data) as im:
        shown = decode_upright(im, 64)
        # Down to a few pixels across (all detail gone), back up smoothly, then blur the seams.
        shown.thumbnail((6, 6), Image.Resampling.BOX)
        w, h = shown.size
        scale = size / max(w, h)
        big = shown.resize(
            (max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.BILINEAR
        )
        return _jpeg(big.filter(ImageFilter.GaussianBlur(max(2, size // 16))), quality=70)
