"""Images from memory (locker.case.imaging): refusals in plain words, facts, thumbnails, blur."""

from __future__ import annotations

import functools
import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from locker.case import imaging
from locker.case.imaging import THUMBNAIL_SIZE, ImageRefused, inspect_image, obscure


@functools.lru_cache(maxsize=4)
def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A real, valid 1-bit PNG of ``width`` × ``height`` white pixels (900 million by default)
    that is only a few hundred KB: what a decompression bomb is. Built row block by row block,
    faster than asking Pillow to encode it."""
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte + the packed pixels
    z = zlib.compressobj(9)
    block = row * 1000
    body = b"".join(z.compress(block) for _ in range(height // 1000))
    body += z.compress(row * (height % 1000)) + z.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, format=fmt, **options)
    return out.getvalue()


def noisy(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A photo-like image (noise compresses badly, so a cut file really misses pixels)."""
    rng = random.Random(seed)
    return Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))


def exif_jpeg(orientation: int | None = None, size: tuple[int, int] = (400, 200)) -> bytes:
    im = Image.new("RGB", size, (255, 0, 0))
    ImageDraw.Draw(im).rectangle((size[0] // 2, 0, size[0], size[1]), fill=(0, 0, 255))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS R6"
    if orientation:
        exif[0x0112] = orientation
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2026:05:03 21:14:07"
    sub[0x9011] = "+02:00"
    return encode(im, "JPEG", exif=exif, quality=95)


def test_facts_and_thumbnail_of_a_screenshot() -> None:
    report = inspect_image(encode(noisy((2560, 1440)), "PNG"), "image/png")
    assert report.facts == {"width": 2560, "height": 1440, "format": "PNG"}
    with Image.open(io.BytesIO(report.thumbnail)) as t:
        assert t.format == "JPEG" and t.mode == "RGB"
        assert t.size == (THUMBNAIL_SIZE, 180)


def test_exif_date_and_camera_are_read_and_the_original_is_unchanged() -> None:
    data = exif_jpeg()
    before = bytes(data)
    report = inspect_image(data, "image/jpeg")
    assert data == before
    assert report.facts["taken_at"] == "2026:05:03 21:14:07"
    assert report.facts["taken_offset"] == "+02:00"
    assert report.facts["camera"] == "Canon EOS R6"  # not "Canon Canon EOS R6"
    assert (report.facts["width"], report.facts["height"]) == (400, 200)  # as stored
    with Image.open(io.BytesIO(report.thumbnail)) as t:
        assert not t.getexif()  # the thumbnail carries no EXIF (no camera, no place)


def test_hostile_exif_text_is_cleaned_and_capped() -> None:
    im = Image.new("RGB", (50, 50))
    exif = Image.Exif()
    exif[0x010F] = "Evil\x1b[2J\u202ecorp"
    exif[0x0110] = "M" * 500
    exif.get_ifd(0x8769)[0x9003] = "2026:05:03\n21:14:07\x00\x00"
    facts = inspect_image(encode(im, "JPEG", exif=exif), "image/jpeg").facts
    assert "\x1b" not in facts["camera"] and "\u202e" not in facts["camera"]
    assert len(facts["camera"]) <= 100
    assert facts["taken_at"] == "2026:05:03 21:14:07"


def test_exif_orientation_is_applied_to_the_thumbnail_only() -> None:
    data = exif_jpeg(orientation=6)  # stored sideways: shown turned 90° clockwise
    report = inspect_image(data, "image/jpeg")
    assert (report.facts["width"], report.facts["height"]) == (400, 200)
    with Image.open(io.BytesIO(report.thumbnail)) as t:
        assert t.size == (160, 320)
        top, bottom = t.getpixel((80, 10)), t.getpixel((80, 310))
    assert top[0] > 200 and top[2] < 60  # the red half (left when stored) is on top
    assert bottom[2] > 200 and bottom[0] < 60


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"])
def test_every_shown_format_gives_a_thumbnail(fmt: str) -> None:
    from locker.case import sniff

    im = noisy((500, 300)).convert("P") if fmt == "GIF" else noisy((500, 300))
    data = encode(im, fmt)
    report = inspect_image(data, sniff.media_type(data[:64]))
    assert report.facts["format"] == fmt
    with Image.open(io.BytesIO(report.thumbnail)) as t:
        assert t.size == (320, 192)


@pytest.mark.parametrize(
    "mode", ["RGBA", "LA", "L", "1", "I;16", "CMYK", "P"], ids=lambda m: m.replace(";", "")
)
def test_odd_colour_modes_become_a_plain_rgb_thumbnail(mode: str) -> None:
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    data = encode(Image.new(mode, (64, 64)), fmt)
    with Image.open(io.BytesIO(inspect_image(data).thumbnail)) as t:
        assert t.mode == "RGB"


def test_transparency_is_shown_over_white() -> None:
    data = encode(Image.new("RGBA", (64, 64), (0, 0, 0, 0)), "PNG")
    with Image.open(io.BytesIO(inspect_image(data, "image/png").thumbnail)) as t:
        assert min(t.getpixel((10, 10))) > 245


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP"])
def test_a_truncated_image_is_refused_in_plain_words(fmt: str) -> None:
    im = noisy((800, 600)).convert("P") if fmt == "GIF" else noisy((800, 600))
    data = encode(im, fmt)
    with pytest.raises(ImageRefused) as caught:
        inspect_image(data[: len(data) // 2])
    assert "damaged or incomplete" in caught.value.message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(200),  # PNG signature, then nothing sensible
        b"\xff\xd8\xff\xe0" + bytes(300),
        b"GIF89a" + b"\xff" * 10,
        b"BM" + b"\xff" * 60,
        b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(20),
        b"",
    ],
    ids=["png", "jpeg", "gif", "bmp", "webp", "empty"],
)
def test_garbage_behind_an_image_signature_is_refused(data: bytes) -> None:
    with pytest.raises(ImageRefused):
        inspect_image(data)


def test_a_file_lying_about_its_type_is_read_by_its_real_decoder_only() -> None:
    jpeg = encode(noisy((100, 100)), "JPEG")
    with pytest.raises(ImageRefused):
        inspect_image(jpeg, "image/png")  # the PNG decoder alone may read what says PNG


def test_decompression_bombs_are_refused_before_decoding() -> None:
    huge = bomb_png()  # 900 million pixels
    assert len(huge) < 200_000
    with Image.open(io.BytesIO(bomb_png(300, 200))) as small:  # the recipe makes real PNGs
        small.load()
        assert small.size == (300, 200) and small.getpixel((5, 5)) == 0
    with pytest.raises(ImageRefused) as caught:
        inspect_image(huge, "image/png")
    assert "far larger than any real photo" in caught.value.message
    # Just over our own cap (below Pillow's error threshold): refused from the header too.
    side = int(imaging.MAX_PIXELS**0.5) + 2
    over = bomb_png(side, side)
    with pytest.warns(Image.DecompressionBombWarning), pytest.raises(ImageRefused) as caught:
        inspect_image(over, "image/png")
    assert f"{side} × {side} pixels" in caught.value.message


def test_a_bomb_is_refused_quickly_and_without_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal comes from the header: decoding must never start."""
    huge = bomb_png(20000, 20000)  # 400 MP

    def no_decode(self: Image.Image) -> None:
        raise AssertionError("decoding started")

    monkeypatch.setattr(Image.Image, "load", no_decode)
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decode)
    with pytest.raises(ImageRefused):
        inspect_image(huge, "image/png")


def test_obscure_leaves_nothing_recognisable() -> None:
    im = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(im)
    for y in range(0, 400, 40):  # lines of "text" and a face-like shape
        draw.rectangle((20, y + 10, 580, y + 22), fill="black")
    draw.ellipse((200, 100, 400, 300), fill=(230, 180, 150))
    draw.ellipse((250, 160, 280, 190), fill="black")
    draw.ellipse((320, 160, 350, 190), fill="black")
    blurred_bytes = obscure(encode(im, "PNG"), 300)
    with Image.open(io.BytesIO(blurred_bytes)) as b:
        assert b.format == "JPEG" and max(b.size) == 300
        blurred = b.convert("L")
    original = im.resize(blurred.size).convert("L")
    pixels_b, pixels_o = blurred.tobytes(), original.tobytes()
    # Far from the original pixel by pixel...
    mean_diff = sum(abs(a - c) for a, c in zip(pixels_b, pixels_o, strict=True)) / len(pixels_o)
    assert mean_diff > 40
    # ...and no edges left: neighbouring pixels barely differ anywhere.
    w, h = blurred.size
    steps = [
        abs(pixels_b[y * w + x] - pixels_b[y * w + x + 1]) for y in range(h) for x in range(w - 1)
    ]
    assert max(steps) <= 6
    # The original's edges are sharp (the comparison means something).
    steps_o = [
        abs(pixels_o[y * w + x] - pixels_o[y * w + x + 1]) for y in range(h) for x in range(w - 1)
    ]
    assert max(steps_o) > 150


def test_obscure_refuses_bombs_and_broken_data_too() -> None:
    with pytest.raises(ImageRefused):
        obscure(bomb_png(), 200)
    with pytest.raises(ImageRefused):
        obscure(b"\x89PNG\r\n\x1a\n" + bytes(50), 200)


def test_format_md_states_the_limits_the_code_uses() -> None:
    from pathlib import Path

    text = (Path(imaging.__file__).parent.parent / "vault" / "FORMAT.md").read_text("utf-8")
    assert f"{imaging.MAX_PIXELS:,} pixels" in text
    assert f"longest side {imaging.THUMBNAIL_SIZE} pixels" in text
    assert f"{imaging.MAX_IMAGE_BYTES // (1024 * 1024)} MiB" in text


def test_the_types_shown_are_the_types_checked() -> None:
    from locker.case import evidence

    assert set(imaging.PILLOW_FORMATS) == evidence.IMAGE_TYPES


def tiff_with_a_damaged_second_page(garbage: bytes) -> bytes:
    """A whole one-page TIFF whose "next page" offset points at ``garbage`` after it."""
    data = bytearray(encode(Image.new("RGB", (8, 8), "red"), "TIFF"))
    first = struct.unpack_from("<I", data, 4)[0]
    entries = struct.unpack_from("<H", data, first)[0]
    struct.pack_into("<I", data, first + 2 + 12 * entries, len(data))
    return bytes(data) + garbage


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")  # Pillow's note on the broken page
@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xff" + bytes(10),  # more entries than there are bytes
        b"\x01\x00" + struct.pack("<HHII", 256, 4, 1, 0xFFFFFFF0) + bytes(4),  # width only
    ],
    ids=["cut-short", "no-dimensions"],
)
def test_a_damaged_later_page_is_refused_in_plain_words(garbage: bytes) -> None:
    """Counting the pages reads every page's header: a damaged one raised Pillow's own
    TypeError or SyntaxError, which a bulk import showed as "an unexpected problem"."""
    with pytest.raises(ImageRefused) as caught:
        inspect_image(tiff_with_a_damaged_second_page(garbage), "image/tiff")
    assert "damaged or incomplete" in caught.value.message
