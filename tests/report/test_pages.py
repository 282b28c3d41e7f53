"""Page furniture on its own: Page X of Y with the right total, Bates numbers running on with
the packet's own prefix, the exhibit label on each page of a long exhibit (and not after it), the
case title in any script at the top."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, PageBreak, Paragraph

from locker.case.evidence import EvidenceItem
from locker.report.context import PACKET_BATES_PREFIX
from locker.report.exhibits import Exhibit
from locker.report.fitting import fitted
from locker.report.fonts import register_fonts
from locker.report.marks import ExhibitMark, SectionMark
from locker.report.pages import Furniture, bates, build_pdf, frame_size, page_size, part_break
from locker.report.styles import make_styles
from tests.report.pdftools import font_rows, page_pngs, page_texts


def _header(page: str) -> str:
    """The page's header: its first two lines of text (the case title and the label sit at the
    top, a line apart or on one line), whitespace collapsed."""
    lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    return " | ".join(lines[:2])


def _furniture(title: str = "", prefix: str = "EL-", paper: str = "letter") -> Furniture:
    fonts = register_fonts()
    return Furniture(title, prefix, paper, fonts, make_styles(fonts))


def _exhibit(n: int) -> Exhibit:
    return Exhibit(
        n,
        f"Exhibit {n}",
        EvidenceItem(
            id=f"id{n}",
            title="t",
            original_name="",
            size=0,
            sha256="",
            media_type="",
            added_at="",
            blob="",
        ),
    )


def _filler(lines: int) -> list[Flowable]:
    style = make_styles(register_fonts()).body
    return [Paragraph(f"Line {i} of the text.", style) for i in range(lines)]


def test_bates_is_prefix_and_six_digits() -> None:
    assert bates("EL-", 1) == "EL-000001"
    assert bates(PACKET_BATES_PREFIX, 42) == "EL-U-000042"
    assert bates("EL-", 1234567) == "EL-1234567"


def test_paper_and_frame_sizes() -> None:
    assert page_size("letter") == (612, 792)
    assert [round(v) for v in page_size("a4")] == [595, 842]
    width, height = frame_size("letter")
    assert 400 < width < 612 and 500 < height < 792


def test_long_exhibit_keeps_its_label_and_the_next_part_its_name(tmp_path: Path) -> None:
    story: list[Flowable] = [SectionMark("Exhibit list"), *_filler(3), *part_break()]
    story += [ExhibitMark(_exhibit(17)), *_filler(120), ExhibitMark(None), *part_break()]
    story += [SectionMark("Integrity appendix"), *_filler(2)]
    pdf, layout = build_pdf(story, _furniture("Caso de María"), pdf_title="Evidence summary")
    pages = page_texts(pdf, tmp_path)
    assert layout.pages == len(pages) >= 4
    assert layout.exhibit_pages == {17: 2}
    headers = [_header(p) for p in pages]
    assert "Exhibit list" in headers[0] and "Exhibit 17" not in headers[0]
    for header in headers[1:-1]:
        assert "Exhibit 17" in header and "Caso de María" in header
    assert "Integrity appendix" in headers[-1] and "Exhibit 17" not in headers[-1]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert bates("EL-", number) in text
    assert layout.labels[1:-1] == ["Exhibit 17"] * (len(pages) - 2)


def test_the_packet_numbers_its_own_pages(tmp_path: Path) -> None:
    story = [SectionMark("Packet"), *_filler(2), PageBreak(), *_filler(2)]
    pdf, layout = build_pdf(story, _furniture(prefix=PACKET_BATES_PREFIX), pdf_title="x")
    pages = page_texts(pdf, tmp_path)
    assert layout.pages == 2
    assert "EL-U-000001" in pages[0] and "EL-U-000002" in pages[1]
    assert "Page 2 of 2" in pages[1]


def test_title_in_arabic_and_chinese_prints_in_embedded_fonts(tmp_path: Path) -> None:
    title = "قضية مريم 王小明"
    pdf, _layout = build_pdf(
        [SectionMark("Cover page"), *_filler(1)], _furniture(title), pdf_title="x"
    )
    header = " ".join(_header(page_texts(pdf, tmp_path)[0]).split())
    assert "王小明" in header
    assert all(word in header for word in ("قضية", "مريم"))
    rows = font_rows(pdf, tmp_path)
    assert rows and all(row.split()[-5] == "yes" for row in rows)
    assert not any("Helvetica" in row for row in rows)


def test_the_label_is_big_and_dark_at_the_top_right(tmp_path: Path) -> None:
    from PIL import Image

    story = [ExhibitMark(_exhibit(3)), *_filler(1), ExhibitMark(None)]
    pdf, _layout = build_pdf(story, _furniture(), pdf_title="x")
    png = page_pngs(pdf, tmp_path, dpi=72)[0]
    with Image.open(png) as image:
        grey = image.convert("L")
        width, _height = grey.size
        corner = grey.crop((width // 2, 0, width, 72))
        left = grey.crop((0, 0, width // 2, 72))
        dark = sum(corner.histogram()[:100])
        assert dark > 300  # the boxed label: thick frame and 18 pt bold digits
        assert sum(left.histogram()[:100]) < dark / 4


def test_cancel_is_asked_after_every_page(tmp_path: Path) -> None:
    import pytest

    from locker.vault.errors import Cancelled

    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(Cancelled):
        build_pdf(_filler(400), _furniture(), pdf_title="x", cancelled=cancelled)
    assert len(asked) == 2  # stopped on the second page, not after the whole document


def _num_copies_entry(pdf: bytes) -> int | None:
    """The /NumCopies the catalog's /ViewerPreferences holds, read from the raw PDF (None when
    there is none)."""
    catalog = re.search(rb"/Type /Catalog.*?>>", pdf, re.S)
    assert catalog is not None
    ref = re.search(rb"/ViewerPreferences (\d+) 0 R", catalog.group(0))
    if ref is None:
        return None
    body = re.search(rb"\n" + ref.group(1) + rb" 0 obj\s*<<(.*?)>>", pdf, re.S)
    assert body is not None
    number = re.search(rb"/NumCopies (\d+)", body.group(1))
    return int(number.group(1)) if number else None


@pytest.mark.parametrize(("copies", "asked"), [(1, None), (2, 2), (3, 3), (5, 5), (6, None)])
def test_the_print_dialog_is_asked_for_two_to_five_copies(copies: int, asked: int | None) -> None:
    import pypdfium2  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    pdf, _layout = build_pdf(_filler(5), _furniture(), pdf_title="x", copies=copies)
    assert _num_copies_entry(pdf) == asked
    if asked is not None:
        assert pdf.startswith(b"%PDF-1.7")  # NumCopies is a PDF 1.7 entry
    # What a viewer reads: PDFium (Chrome's viewer, and this program's own print) sees the same.
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert pdfium_c.FPDF_VIEWERREF_GetNumCopies(document.raw) == (asked or 1)
    finally:
        document.close()


def test_a_long_case_title_is_shortened_to_fit_the_header(tmp_path: Path) -> None:
    """500 wide (Chinese) characters would run down over the page; the header keeps three
    lines of it and marks the cut, and the page's own text starts below the header's rule."""
    title = "案件" + "威胁信息他知道我住在哪里" * 41
    pdf, _layout = build_pdf(_filler(3), _furniture(title), pdf_title="x")
    page = page_texts(pdf, tmp_path)[0]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    first_body = next(i for i, line in enumerate(lines) if line.startswith("Line 0"))
    assert 1 <= first_body <= 3  # the title took at most three lines above it
    header = "".join(lines[:first_body])
    assert header.startswith("案件威胁信息") and header.endswith("…")
    assert len(header) < len(title)


def test_a_title_that_fits_is_printed_whole() -> None:
    fonts = register_fonts()
    style = make_styles(fonts).furniture
    assert fitted("Caso de María", style, 250, 3) == "Caso de María"
    long = " ".join(["palabra"] * 200)
    cut = fitted(long, style, 250, 3)
    assert cut.endswith("…") and cut.startswith("palabra palabra")
    assert cut[:-1].rstrip().endswith("palabra")  # cut between words
