"""Exhibit pictures in the report (locker.report.images).

What a court or the person in the pictures would notice: a printout that is huge or blurry, a
photo printed on its side, a phone's GPS position handed to the other side inside the printout,
a transparent screenshot printed on black, and above all an intimate picture that can still be
recognised in the default report. OCR is not available, so "the text is gone" is shown by
redacting two pictures with different text and finding the results identical.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
import zlib

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from locker.report.images import PictureRefused, PrintImage, print_image, redacted_image

BOX = (6.5 * 72, 4 * 72)  # a 6.5 × 4 inch box, in points
DPI = 170  # 6.5 in × 170 = 1105 px, 4 in × 170 = 680 px
MAX_PX = (1105, 680)
SIZE = (1200, 900)  # the redaction test pictures
NOT_RECOGNISABLE = 0.15  # |correlation| redacted vs print version, grey levels and edges


def encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, format=fmt, **options)
    return out.getvalue()


def decoded(result: PrintImage) -> Image.Image:
    im = Image.open(io.BytesIO(result.jpeg))
    assert im.format == "JPEG"
    assert im.size == result.pixels
    im.load()
    return im


def header_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` (a bomb's header; no pixel follows)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --- the pictures a redaction must hide ------------------------------------------------------


def face() -> Image.Image:
    """A high-contrast face-like drawing: head, eyes, nose, mouth, hair."""
    im = Image.new("RGB", SIZE, (250, 240, 220))
    d = ImageDraw.Draw(im)
    d.ellipse((300, 100, 900, 820), fill=(230, 180, 150), outline=(0, 0, 0), width=12)
    d.chord((300, 60, 900, 400), 180, 360, fill=(40, 25, 10))
    for x in (440, 680):
        d.ellipse((x, 360, x + 90, 430), fill=(255, 255, 255), outline=(0, 0, 0), width=6)
        d.ellipse((x + 30, 375, x + 65, 415), fill=(20, 60, 120))
    d.polygon([(600, 450), (560, 600), (640, 600)], fill=(190, 130, 110), outline=(0, 0, 0))
    d.arc((470, 580, 730, 720), 20, 160, fill=(150, 0, 0), width=14)
    return im


def text(words: str) -> Image.Image:
    """Large black text on white."""
    im = Image.new("RGB", SIZE, (255, 255, 255))
    d = ImageDraw.Draw(im)
    font = ImageFont.load_default(size=150)
    for row, line in enumerate(words.split("\n")):
        d.text((60, 80 + row * 260), line, fill=(0, 0, 0), font=font)
    return im


def photo_like() -> Image.Image:
    """A smooth colour gradient with shapes on it, like a photograph's broad areas."""
    w, h = SIZE
    im = Image.new("RGB", SIZE)
    im.putdata(
        [(x * 255 // w, y * 255 // h, (x + y) * 255 // (w + h)) for y in range(h) for x in range(w)]
    )
    d = ImageDraw.Draw(im)
    d.ellipse((150, 200, 550, 700), fill=(240, 200, 170))
    d.rectangle((700, 100, 1100, 500), fill=(20, 20, 80))
    d.polygon([(650, 850), (900, 550), (1150, 850)], fill=(200, 40, 40))
    return im


def checkerboard(cell: int = 75) -> Image.Image:
    im = Image.new("L", SIZE, 255)
    d = ImageDraw.Draw(im)
    for y in range(0, SIZE[1], cell):
        for x in range(0, SIZE[0], cell):
            if (x // cell + y // cell) % 2:
                d.rectangle((x, y, x + cell - 1, y + cell - 1), fill=0)
    return im.convert("RGB")


PICTURES = {
    "face": face,
    "text": lambda: text("MEET ME\nAT 9 PM"),
    "photo-like": photo_like,
    "checkerboard": checkerboard,
}


def correlation(a: Image.Image, b: Image.Image) -> float:
    """Normalised cross-correlation of two pictures' grey levels at 96 × 72 (1.0: the same
    picture, 0: nothing in common). A flat picture has nothing in common with anything."""
    xs = list(a.convert("L").resize((96, 72), Image.Resampling.BOX).tobytes())
    ys = list(b.convert("L").resize((96, 72), Image.Resampling.BOX).tobytes())
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return 0.0 if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def edges(im: Image.Image) -> Image.Image:
    """The outlines in a picture. Pillow's filter copies the outermost ring of pixels unfiltered
    (a white background would count as an "edge" all round), so a margin of 8 px is left out;
    that also leaves out the block's frame, which says nothing about any picture."""
    found = im.convert("L").filter(ImageFilter.FIND_EDGES)
    return found.crop((8, 8, found.width - 8, found.height - 8))


# --- print resolution ------------------------------------------------------------------------


def test_a_screenshot_is_downscaled_to_170_dpi_in_the_box_keeping_its_shape() -> None:
    shot = photo_like().resize((2560, 1440))
    result = print_image(encode(shot, "PNG"), BOX, DPI)
    w, h = result.pixels
    assert w <= MAX_PX[0] and h <= MAX_PX[1]
    assert (w, h) == (1105, 622)  # the width is what limits a 16:9 picture in this box
    assert abs(w / h - 2560 / 1440) < 0.005
    assert decoded(result).size == (w, h)
    # Drawn across the whole width of the box, keeping the proportions.
    assert result.size_pt[0] == pytest.approx(468)
    assert result.size_pt[1] == pytest.approx(468 * 1440 / 2560)
    assert result.redacted is False
    assert len(result.jpeg) < 400_000


def test_gps_and_other_metadata_never_reach_the_printout() -> None:
    photo = Image.new("RGB", (400, 300), (90, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    exif[0x8825] = gps  # GPS IFD
    data = encode(photo, "JPEG", exif=exif, comment=b"home address here")
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(0x8825)  # the original does carry a position

    result = print_image(data, BOX, DPI)
    printed = decoded(result)
    assert not printed.getexif()
    assert "exif" not in printed.info and "comment" not in printed.info
    assert b"PhoneMaker" not in result.jpeg and b"home address" not in result.jpeg
    assert b"Exif" not in result.jpeg


def test_a_photo_taken_sideways_is_printed_upright() -> None:
    # Stored 600 × 300, left half red, right half blue; EXIF 6 says "turn a quarter right".
    stored = Image.new("RGB", (600, 300), (220, 0, 0))
    stored.paste((0, 0, 220), (300, 0, 600, 300))
    exif = Image.Exif()
    exif[0x0112] = 6
    result = print_image(encode(stored, "JPEG", exif=exif, quality=95), BOX, DPI)
    printed = decoded(result)
    assert printed.size == (300, 600)  # upright: taller than wide, not upscaled
    top, bottom = printed.getpixel((150, 100)), printed.getpixel((150, 500))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 150 and top[2] < 80  # red on top
    assert bottom[2] > 150 and bottom[0] < 80  # blue below
    assert result.size_pt == pytest.approx((144, 288))  # as tall as the box


def test_a_large_sideways_jpeg_fits_the_box_upright() -> None:
    stored = photo_like().resize((4000, 3000))
    exif = Image.Exif()
    exif[0x0112] = 8
    result = print_image(encode(stored, "JPEG", exif=exif), BOX, DPI)
    assert result.pixels == (510, 680)  # 3000 × 4000 upright, limited by the 680 px height


def test_a_small_picture_is_never_upscaled() -> None:
    small = checkerboard().resize((300, 200))
    result = print_image(encode(small, "PNG"), BOX, DPI)
    assert result.pixels == (300, 200)
    assert decoded(result).size == (300, 200)
    # The page may draw it larger (as large as fits the box); the pixels are its own.
    assert result.size_pt == pytest.approx((432, 288))


def test_transparency_is_printed_on_white() -> None:
    im = Image.new("RGBA", (500, 400), (0, 0, 0, 0))
    ImageDraw.Draw(im).rectangle((150, 100, 350, 300), fill=(0, 0, 200, 255))
    printed = decoded(print_image(encode(im, "PNG"), BOX, DPI)).convert("RGB")
    for corner in ((2, 2), (497, 2), (2, 397), (497, 397)):
        pixel = printed.getpixel(corner)
        assert isinstance(pixel, tuple) and min(pixel) >= 245  # white, not black
    middle = printed.getpixel((250, 200))
    assert isinstance(middle, tuple) and middle[2] > 150 and middle[0] < 60


# --- redaction -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_a_redacted_picture_is_not_recognisable(name: str) -> None:
    data = encode(PICTURES[name](), "PNG")
    shown, hidden = print_image(data, BOX, DPI), redacted_image(data, BOX, DPI)
    assert hidden.redacted is True
    # Same place on the page, same pixel size as the picture would have had.
    assert hidden.pixels == shown.pixels
    assert hidden.size_pt == pytest.approx(shown.size_pt)
    original, redacted = decoded(shown), decoded(hidden)
    # The measure does see a picture, and a light blur (a weak redaction) would fail it.
    assert correlation(original, original) > 0.99
    assert correlation(original.filter(ImageFilter.GaussianBlur(6)), original) > 0.5
    assert abs(correlation(redacted, original)) < NOT_RECOGNISABLE
    assert abs(correlation(edges(redacted), edges(original))) < NOT_RECOGNISABLE


def test_redacted_text_cannot_be_read() -> None:
    one = redacted_image(encode(text("MEET ME\nAT 9 PM"), "PNG"), BOX, DPI)
    other = redacted_image(encode(text("I KNOW\nWHERE"), "PNG"), BOX, DPI)
    # The two printed texts differ; their redactions do not: the words are gone.
    a = decoded(print_image(encode(text("MEET ME\nAT 9 PM"), "PNG"), BOX, DPI))
    b = decoded(print_image(encode(text("I KNOW\nWHERE"), "PNG"), BOX, DPI))
    assert correlation(a, b) < 0.9
    assert one.jpeg == other.jpeg


def test_nothing_of_the_picture_survives_redaction_but_its_proportions() -> None:
    results = {redacted_image(encode(make(), "PNG"), BOX, DPI).jpeg for make in PICTURES.values()}
    assert len(results) == 1  # four different pictures of one size: one and the same block


def test_a_redaction_still_shows_that_a_picture_was_there() -> None:
    block = decoded(redacted_image(encode(face(), "PNG"), BOX, DPI)).convert("L")
    levels = block.tobytes()
    assert max(levels) - min(levels) > 40  # not a blank: a frame and the diagonals are drawn
    assert 200 <= levels[(block.height // 2) * block.width + block.width // 3] <= 240  # grey


def test_a_sideways_intimate_photo_is_redacted_with_its_upright_proportions() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encode(photo_like().resize((1600, 900)), "JPEG", exif=exif)
    assert redacted_image(data, BOX, DPI).pixels == print_image(data, BOX, DPI).pixels == (383, 680)


def test_output_is_the_same_every_time() -> None:
    data = encode(face(), "JPEG", quality=90)
    assert print_image(data, BOX, DPI).jpeg == print_image(data, BOX, DPI).jpeg
    assert redacted_image(data, BOX, DPI).jpeg == redacted_image(data, BOX, DPI).jpeg


# --- refusals --------------------------------------------------------------------------------


def bad_inputs() -> dict[str, bytes]:
    png, jpeg = encode(face(), "PNG"), encode(face(), "JPEG")
    return {
        "not a picture": b"%PDF-1.7 this is not an image at all" * 10,
        "empty": b"",
        "truncated PNG": png[: len(png) // 2],
        "truncated JPEG": jpeg[: len(jpeg) // 2],
        "bomb (Pillow's limit)": header_png(30000, 30000),
        "bomb (the program's limit)": header_png(10000, 9500),
    }


@pytest.mark.parametrize("name", sorted(bad_inputs()))
@pytest.mark.parametrize("make", [print_image, redacted_image])
def test_bad_pictures_are_refused_in_plain_words(name: str, make: object) -> None:
    assert callable(make)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with pytest.raises(PictureRefused) as refused:
            make(bad_inputs()[name], BOX, DPI)
    message = str(refused.value)
    assert "can't be shown in the report" in message
    assert "original is kept unaltered" in message
    assert "Traceback" not in message and "PIL" not in message


def test_a_media_type_limits_the_decoder() -> None:
    png = encode(face(), "PNG")
    with pytest.raises(PictureRefused):
        print_image(png, BOX, DPI, media_type="image/jpeg")
    assert print_image(png, BOX, DPI, media_type="image/png").pixels == (907, 680)


@pytest.mark.parametrize(("box", "dpi"), [((0, 100), 170), ((100, -1), 170), ((100, 100), 5)])
def test_a_nonsense_box_or_resolution_is_a_programming_error(
    box: tuple[float, float], dpi: int
) -> None:
    with pytest.raises(ValueError):
        print_image(encode(face(), "PNG"), box, dpi)
