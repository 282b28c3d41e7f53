"""What an exhibit page says about the capture (COURT.md §4): the date and camera the picture's
own EXIF data gives, right after how it was added, and who captured it, which the program does
not record, so the page says so plainly instead of leaving the row out or guessing a name."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from PIL import Image

from locker.case import evidence, importer
from locker.report.exhibit_pages import exhibit_story
from tests.conftest import open_vault
from tests.report.pdftools import page_texts, story_pdf
from tests.report.test_exhibit_pages import exhibit_of, make_context

DATETIME_ORIGINAL, OFFSET_TIME_ORIGINAL, EXIF_IFD, MAKE, MODEL = (
    0x9003,
    0x9011,
    0x8769,
    0x10F,
    0x110,
)


def _photo_with_exif(path: Path) -> Path:
    exif = Image.Exif()
    exif[MAKE] = "Pixelmaker"
    exif[MODEL] = "Phone 7"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = "2026:02:14 21:05:33"
    exif.get_ifd(EXIF_IFD)[OFFSET_TIME_ORIGINAL] = "-06:00"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="JPEG", exif=exif)
    path.write_bytes(out.getvalue())
    return path


def _lines(story_text: str) -> list[str]:
    return [" ".join(line.split()) for line in story_text.splitlines() if line.strip()]


def test_exif_date_and_camera_follow_how_it_was_added_and_who_captured_it_is_honest(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        item = importer.import_file(vault, _photo_with_exif(tmp_path / "photo.jpg"), title="Photo")
        plain = evidence.add_stream(vault, io.BytesIO(b"just words"), original_name="n.txt")
        ctx = make_context(vault)
    assert item.facts.get("taken_at")  # the import did read the EXIF date
    lines = _lines(
        "\n".join(page_texts(story_pdf(exhibit_story(ctx, exhibit_of(ctx, item.id))), tmp_path))
    )
    added = next(i for i, line in enumerate(lines) if line.startswith("How it was added"))
    assert lines[added + 1] == "Date in the picture (EXIF) 2026-02-14 21:05:33 (UTC offset -06:00)"
    assert lines[added + 2] == "Camera Pixelmaker Phone 7"
    assert lines[added + 3] == "Who captured it Not recorded by the program."

    # With the declaration page, it points there; no EXIF rows for a file without them.
    asked = replace(ctx, options=replace(ctx.options, include_declaration=True))
    text = " ".join(
        " ".join(
            page_texts(story_pdf(exhibit_story(asked, exhibit_of(asked, plain.id))), tmp_path / "p")
        ).split()
    )
    assert "Date in the picture" not in text and "Camera" not in text
    assert "Who captured it Not recorded by the program; see the declaration at the end." in text
