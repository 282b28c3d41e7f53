"""One exhibit's pages, read back from the PDF the way a court would see them.

Above all: an intimate picture placed in the default summary must not be recognisable. Every
image embedded in the PDF is pulled out (pdfimages) and compared, pixel by pixel, with the
original; the same comparison finds an ordinary picture, so the test can tell the difference.
"""

from __future__ import annotations

import io
import math
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reportlab import rl_config
from reportlab.platypus import PageBreak

from locker.case import evidence, incidents
from locker.case.without_file import add_description_only
from locker.report.context import ReportContext, ReportData, ReportOptions
from locker.report.exhibit_pages import JpegReader, PictureFlowable, exhibit_story
from locker.report.exhibits import Exhibit, number_exhibits
from locker.report.facts import rehash_exhibits
from locker.report.fonts import register_fonts
from locker.report.images import print_image
from locker.report.marks import ExhibitMark
from locker.report.pages import Furniture, build_pdf
from locker.report.pictures import picture_box, prepare_pictures
from locker.report.styles import make_styles
from locker.vault import Vault
from tests.conftest import open_vault
from tests.report.pdftools import page_texts, poppler, story_pdf
from tests.report.report_vault import fill_vault

FRAME = (456.0, 636.0)  # story_pdf: Letter, 1 inch margins, reportlab's 6 pt frame padding
ARABIC_TITLE = "رسالة تهديد من الحساب المزيف"
CHINESE_TITLE = "威胁信息：他知道我住在哪里"


def portrait(seed: int = 0) -> bytes:
    """A recognisable picture: a bright face and lines of "text" on a dark background."""
    im = Image.new("RGB", (900, 600), (15 + seed, 20, 60))
    d = ImageDraw.Draw(im)
    d.ellipse((80, 60, 420, 520), fill=(235, 190, 160), outline=(255, 255, 255), width=10)
    for x in (150, 280):
        d.ellipse((x, 200, x + 70, 250), fill=(255, 255, 255))
        d.ellipse((x + 22, 210, x + 48, 240), fill=(10, 10, 10))
    d.arc((170, 330, 330, 440), 20, 160, fill=(120, 0, 0), width=14)
    for row in range(6):
        width = 320 - (row * 37 + seed * 53) % 150
        d.rectangle((500, 80 + row * 80, 500 + width, 120 + row * 80), fill=(250, 250, 250))
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def grey64(im: Image.Image) -> list[float]:
    return [float(v) for v in im.convert("L").resize((64, 64), Image.Resampling.BOX).tobytes()]


def correlation(a: list[float], b: list[float]) -> float:
    """Pearson correlation of two equally long pixel lists (0 when one is flat)."""
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    da, db = [x - mean_a for x in a], [y - mean_b for y in b]
    spread = math.sqrt(sum(x * x for x in da) * sum(y * y for y in db))
    return sum(x * y for x, y in zip(da, db, strict=True)) / spread if spread else 0.0


def mean_difference(a: list[float], b: list[float]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def embedded_images(pdf: bytes, workdir: Path) -> list[Image.Image]:
    """Every image embedded in the PDF, as drawn (pdfimages -png)."""
    tool = poppler("pdfimages")
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run([tool, "-png", str(path), str(workdir / "img")], check=True)
    found = []
    for png in sorted(workdir.glob("img-*.png")):
        with Image.open(png) as im:
            found.append(im.convert("RGB"))
    return found


def make_context(vault: Vault, *, include_intimate: bool = False) -> ReportContext:
    """Everything a section needs, read from ``vault`` the way the document reads it."""
    items, damaged = evidence.list_items(vault)
    assert damaged == []
    exhibits = number_exhibits(items, floating_zone="UTC")
    pictures = prepare_pictures(
        vault, exhibits, picture_box(FRAME), include_intimate=include_intimate
    )
    fonts = register_fonts()
    data = ReportData(
        exhibits=exhibits,
        incidents=incidents.list_incidents(vault)[0],
        takedowns=[],
        journal=[],
        log=[],
        head_hash="",
        checks=rehash_exhibits(vault, exhibits),
        unreadable=[],
        printed_at=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        zone_name="UTC",
        floating_zone="UTC",
        pictures=pictures,
    )
    options = ReportOptions(include_intimate=include_intimate)
    return ReportContext(options, data, make_styles(fonts), fonts, FRAME)


def exhibit_of(ctx: ReportContext, item_id: str) -> Exhibit:
    return next(e for e in ctx.data.exhibits if e.item.id == item_id)


def flat(text: str) -> str:
    return "".join(text.split())


def add(vault: Vault, data: bytes, name: str, **fields: object) -> evidence.EvidenceItem:
    return evidence.add_stream(vault, io.BytesIO(data), original_name=name, **fields)  # type: ignore[arg-type]


def test_an_intimate_picture_in_the_summary_is_not_recognisable(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    secret, ordinary = portrait(0), portrait(9)
    with open_vault(path) as vault:
        hidden = add(vault, secret, "photo.png", title="Shared without consent", intimate=True)
        shown = add(vault, ordinary, "chat.png", title="Threat")
        ctx = make_context(vault)
    original = grey64(Image.open(io.BytesIO(secret)))
    images = embedded_images(
        story_pdf(exhibit_story(ctx, exhibit_of(ctx, hidden.id))), tmp_path / "i"
    )
    assert images, "the redacted block is still placed where the picture was"
    for im in images:
        drawn = grey64(im)
        assert abs(correlation(drawn, original)) < 0.2
        assert mean_difference(drawn, original) > 40
    # The same comparison does find an ordinary picture: the test can fail.
    plain = embedded_images(
        story_pdf(exhibit_story(ctx, exhibit_of(ctx, shown.id))), tmp_path / "o"
    )
    expected = grey64(Image.open(io.BytesIO(ordinary)))
    assert max(correlation(grey64(im), expected) for im in plain) > 0.9


def test_label_hash_check_redaction_note_and_incidents_are_printed(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        hidden = add(vault, portrait(1), "photo.png", title="Shared without consent", intimate=True)
        incidents.add_incident(vault, title="Threats after the break-up", link=[hidden.id])
        ctx = make_context(vault)
    exhibit = exhibit_of(ctx, hidden.id)
    story = exhibit_story(ctx, exhibit)
    assert isinstance(story[0], ExhibitMark) and story[0].exhibit == exhibit
    assert isinstance(story[-1], ExhibitMark) and story[-1].exhibit is None
    text = "\n".join(page_texts(story_pdf(story), tmp_path))
    assert "Exhibit 1" in text
    assert text.count(hidden.sha256) >= 1  # in the facts table, whole on one line
    joined = flat(text)
    assert (
        flat(f"Redacted — the original is held unaltered in the vault, SHA-256 {hidden.sha256}")
        in joined
    )
    assert "PASS" in text and "Threats after the break-up" in text
    assert "separate packet" not in text  # no packet was asked for


@pytest.mark.parametrize("include_intimate", [False, True])
def test_a_usual_exhibit_fits_on_one_page(
    include_intimate: bool, new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    """Heading, picture, note, every fact, the re-check and the incidents on one sheet."""
    path, _key = new_vault
    with open_vault(path) as vault:
        filled = fill_vault(vault)
        wide = add(vault, portrait(8), "wide.png", title="Wide screenshot", intimate=True)
        incidents.add_incident(vault, title="Photos sent to family", link=[wide.id])
        ctx = make_context(vault, include_intimate=include_intimate)
    for item in (*filled.items, wide):
        pages = page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, item.id))), tmp_path)
        assert len(pages) == 1, item.title
        assert "Checked again at printing" in pages[0]
    assert "Photos sent to family" in pages[0]


def test_arabic_and_chinese_titles_extract_as_typed(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        arabic = add(vault, portrait(2), "a.png", title=ARABIC_TITLE)
        chinese = add(vault, portrait(3), "b.png", title=CHINESE_TITLE)
        ctx = make_context(vault)
    for item, title in ((arabic, ARABIC_TITLE), (chinese, CHINESE_TITLE)):
        pages = page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, item.id))), tmp_path)
        lines = [" ".join(line.split()) for line in pages[0].splitlines()]
        # the heading under "Exhibit N": every word of the title, as typed
        assert any(set(title.split()) <= set(line.split()) for line in lines[:4]), lines[:4]


def test_files_with_no_picture_get_a_plain_note_on_their_page(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        video = add(vault, b"\x00\x00\x00\x18ftypisom" + bytes(400), "clip.mp4", title="Video")
        ctx = make_context(vault)
    text = flat(page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, video.id))), tmp_path)[0])
    assert (
        flat(
            "A video file. It cannot be shown on paper; it is in the originals bundle as exhibit-001.mp4."
        )
        in text
    )


def test_the_intimate_row_says_what_the_page_really_shows(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        picture = add(vault, portrait(4), "p.png", title="Picture", intimate=True)
        video = add(vault, b"\x00\x00\x00\x18ftypisom" + bytes(400), "c.mp4", intimate=True)
        told = add_description_only(vault, title="Told", description="x", intimate=True)
        ctx = make_context(vault)
    expected = {
        picture.id: "Intimate yes — shown redacted",
        video.id: "Intimate yes — not shown in this summary",
        told.id: "Intimate yes — not shown in this summary",
    }
    for item_id, row in expected.items():
        pages = page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, item_id))), tmp_path)
        lines = [" ".join(line.split()) for line in "\n".join(pages).splitlines()]
        assert row in lines, item_id


def test_linked_incidents_carry_their_numbers_in_this_summary_in_order(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    """ "Incident 2: …" as the incidents part and the timeline number it, sorted by number
    (not by the order they were recorded)."""
    path, _key = new_vault
    with open_vault(path) as vault:
        shot = add(vault, portrait(5), "s.png", title="Screenshot")
        incidents.add_incident(vault, title="Later one", start_at="2026-03-05", link=[shot.id])
        incidents.add_incident(vault, title="Not linked", start_at="2026-03-03")
        incidents.add_incident(vault, title="Earlier one", start_at="2026-03-01", link=[shot.id])
        ctx = make_context(vault)
    text = page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, shot.id))), tmp_path)[0]
    lines = [" ".join(line.split()) for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.endswith("Incident 1: Earlier one"))
    assert lines[first + 1] == "Incident 3: Later one"
    assert not any("Not linked" in line for line in lines)


def test_a_very_long_note_splits_across_pages(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _key = new_vault
    lines = "\n".join(f"Line {n}: he wrote again at night." for n in range(1, 181))
    one_paragraph = " ".join(f"word{n}" for n in range(1, 2501))
    url = "https://example.com/" + "x" * 600
    chinese = "他说他知道我住在哪里" * 300  # 3,000 characters with no space to break at
    title = " ".join(f"title{n}" for n in range(1, 1001))
    with open_vault(path) as vault:
        item = add(vault, portrait(4), "a.png", title=title)
        evidence.update_item(
            vault, item.id, note=f"{lines}\n{chinese}", description=one_paragraph, url=url
        )
        ctx = make_context(vault)
    exhibit = exhibit_of(ctx, item.id)
    story = exhibit_story(ctx, exhibit)
    pages = page_texts(story_pdf(story), tmp_path)
    assert len(pages) >= 4
    text = "\n".join(pages)
    assert "Line 180: he wrote again at night." in text
    assert "word2500" in text and "PASS" in pages[-1]
    assert flat(text).count("他说他知道我住在哪里") == 300
    assert flat(text).count("title1000") == 2  # the heading and the facts table


def test_the_summary_lays_out_every_exhibit_in_a_row(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        add(vault, portrait(5), "a.png")
        add(vault, b"%PDF-1.4 not really", "b.pdf")
        changed = add(vault, portrait(6), "c.png")
        ctx = make_context(vault)
    story = []
    for exhibit in ctx.data.exhibits:
        if exhibit.item.id == changed.id:  # a record whose hash no longer matches: a note
            exhibit = replace(exhibit, item=replace(exhibit.item, sha256="0" * 64))
        story += [PageBreak(), *exhibit_story(ctx, exhibit)]
    assert story_pdf(story[1:]).startswith(b"%PDF")


@pytest.mark.parametrize("title", [ARABIC_TITLE, CHINESE_TITLE])
def test_user_titles_are_never_raw_markup(
    title: str, new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        item = add(vault, portrait(7), "a.png", title=f"<b>{title}</b> & <font>")
        ctx = make_context(vault)
    text = page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, item.id))), tmp_path)[0]
    assert "<font>" in text and "&" in text


def test_each_picture_goes_into_the_pdf_as_its_jpeg_bytes(tmp_path: Path) -> None:
    """Print-ready JPEGs are placed as they are (binary, not ASCII85 text 25% larger), named by
    their own bytes (not decoded back to pixels on every layout pass); two pictures stay two."""
    pictures = [print_image(portrait(seed), (200.0, 200.0)) for seed in (4, 5)]
    fonts = register_fonts()
    furniture = Furniture("", "EL-", "letter", fonts, make_styles(fonts))
    before = rl_config.useA85
    pdf, _layout = build_pdf([PictureFlowable(p) for p in pictures], furniture, pdf_title="x")
    assert rl_config.useA85 == before  # reportlab's global setting is left as it was
    for picture in pictures:
        assert picture.jpeg in pdf
    assert b"ASCII85Decode" not in pdf
    assert len(embedded_images(pdf, tmp_path)) == 2
    assert JpegReader(pictures[0].jpeg).getRGBData() == pictures[0].jpeg
    png = JpegReader(portrait(6))  # not a JPEG: read as pixels, as reportlab always did
    assert len(png.getRGBData()) == png.getSize()[0] * png.getSize()[1] * 3
