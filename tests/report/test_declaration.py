"""The declaration template as the person signing it sees it: statements naming this summary's
exhibits, the 28 U.S.C. §1746 sentence (and its variant for outside the United States), real
ruled lines with room to write by hand, and a note that it is a template, not legal advice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from locker.case.evidence import PROVENANCE_DESCRIPTION_ONLY as DESCRIPTION
from locker.case.evidence import EvidenceItem
from locker.report.context import ReportContext, ReportData, ReportOptions
from locker.report.declaration import declaration_story, exhibit_range
from locker.report.exhibits import Exhibit
from locker.report.fonts import register_fonts
from locker.report.styles import make_styles
from tests.report.pdftools import font_rows, page_pngs, story_pdf, text_lines

DPI = 80


def _item(n: int, provenance: str = "imported") -> EvidenceItem:
    return EvidenceItem(
        provenance=provenance,
        id=f"{n:016x}",
        title=f"Item {n}",
        original_name="",
        media_type="image/png",
        size=10,
        sha256="a" * 64,
        added_at="2026-03-01T10:00:00Z",
        blob="",
    )


def context(count: int, described: Sequence[int] = ()) -> ReportContext:
    """``count`` exhibits; those numbered in ``described`` are descriptions only."""
    fonts = register_fonts()
    exhibits = [
        Exhibit(n, f"Exhibit {n}", _item(n, DESCRIPTION if n in described else "imported"))
        for n in range(1, count + 1)
    ]
    data = ReportData(
        exhibits=exhibits,
        incidents=[],
        takedowns=[],
        journal=[],
        log=[],
        head_hash="",
        checks=[],
        unreadable=[],
        printed_at=datetime(2026, 11, 21, 15, 0, tzinfo=UTC),
        zone_name="UTC",
        floating_zone="UTC",
    )
    return ReportContext(
        ReportOptions(include_declaration=True), data, make_styles(fonts), fonts, (468.0, 648.0)
    )


def ruled_lines(png: Path, min_length_pt: float) -> list[int]:
    """The pixel rows holding a dark horizontal line at least ``min_length_pt`` long (adjacent
    rows of one thick line counted once)."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.tobytes()  # one byte per pixel, row by row
    need = int(min_length_pt * DPI / 72)
    rows: list[int] = []
    for y in range(height):
        run = best = 0
        for x in range(width):
            run = run + 1 if pixels[y * width + x] < 128 else 0
            best = max(best, run)
        if best >= need and not (rows and rows[-1] == y - 1):
            rows.append(y)
        elif best >= need:
            rows[-1] = y
    return rows


def test_the_declaration_names_the_exhibits_and_carries_the_1746_sentence(
    tmp_path: Path,
) -> None:
    text = " ".join(text_lines(story_pdf(declaration_story(context(12))), tmp_path / "pdf"))
    assert text.startswith("Declaration")
    assert "(full name), declare:" in text
    assert "I captured or saved the items listed in this summary as Exhibits 1 to 12." in text
    assert "true and accurate copy of what I saw" in text
    assert "I declare under penalty of perjury that the foregoing is true and correct." in text
    assert (
        "I declare under penalty of perjury under the laws of the United States of America "
        "that the foregoing is true and correct." in text
    )
    assert "Executed on" in text and "(date)" in text and "(city and state, or country)" in text
    assert "Signature" in text and "Printed name" in text
    assert "not legal advice" in text and "Sign only what is true." in text
    assert "not by someone who helped prepare this summary" in text


def test_fill_in_lines_are_real_rules_with_room_to_write(tmp_path: Path) -> None:
    pdf = story_pdf(declaration_story(context(3)))
    pages = page_pngs(pdf, tmp_path / "png", dpi=DPI)
    assert len(pages) == 1
    rows = ruled_lines(pages[0], min_length_pt=150)
    # name, three blank statements, date, place, signature, printed name
    assert len(rows) >= 8
    gaps = [b - a for a, b in zip(rows, rows[1:], strict=False)]
    assert min(gaps) >= 20 * DPI / 72  # a handwritten line fits between two rules
    lines = text_lines(pdf, tmp_path / "pdf")
    assert not any("____" in line for line in lines)  # drawn, not typed underscores
    assert any(line.startswith("6.") for line in lines)


def test_exhibit_range_in_words() -> None:
    assert exhibit_range([1]) == "Exhibit 1"
    assert exhibit_range([3, 1, 2]) == "Exhibits 1 to 3"
    assert exhibit_range([1, 2, 5]) == "Exhibits 1, 2, 5"
    assert exhibit_range([*range(1, 5), 6, 7, *range(9, 41)]) == "Exhibits 1 to 4, 6, 7, 9 to 40"
    assert exhibit_range([]) == "the exhibits listed in this summary"


def test_one_exhibit_reads_in_the_singular(tmp_path: Path) -> None:
    text = " ".join(text_lines(story_pdf(declaration_story(context(1))), tmp_path / "pdf"))
    assert "I captured or saved the item listed in this summary as Exhibit 1." in text


def test_only_the_embedded_fonts(tmp_path: Path) -> None:
    rows = font_rows(story_pdf(declaration_story(context(2))), tmp_path / "pdf")
    assert rows
    assert not any("Helvetica" in row for row in rows)
    assert all(" yes " in row for row in rows)


def test_a_description_only_exhibit_is_not_sworn_to_as_a_copy(tmp_path: Path) -> None:
    text = " ".join(text_lines(story_pdf(declaration_story(context(40, [5, 17]))), tmp_path))
    assert "as Exhibits 1 to 4, 6 to 16, 18 to 40." in text
    assert (
        "Exhibits 5, 17 describe things I saw or heard that were not kept as files; each "
        "description is true to the best of my memory." in text
    )
    only = " ".join(text_lines(story_pdf(declaration_story(context(1, [1]))), tmp_path / "one"))
    assert "Exhibit 1 describes something I saw or heard" in only
    assert "true and accurate copy" not in only and "I captured or saved" not in only


def test_a_caption_for_the_court_and_one_page_to_sign(tmp_path: Path) -> None:
    """Court and case number to fill in, and the whole template, the note that it is not legal
    advice included, on one page: with many exhibits, description-only ones among them."""
    pdf = story_pdf(declaration_story(context(40, [5, 17, 30])))
    pages = page_pngs(pdf, tmp_path / "png", dpi=DPI)
    assert len(pages) == 1
    lines = text_lines(pdf, tmp_path / "pdf")
    assert any(line.startswith("Court:") and "Case number:" in line for line in lines)
    text = " ".join(lines)
    assert text.index("not legal advice") < text.index("(full name), declare:")
    assert text.index("Case number:") < text.index("(full name), declare:")
