"""Notes in right-to-left scripts print in the right order and copy back out as typed.

What a court would notice: Arabic printed as separate unjoined letters or words in reverse order,
a wrapped Arabic note whose end is on its first line, brackets facing the wrong way, or text that
copies out of the PDF as different characters than the person typed. pdftotext/pdffonts come
from poppler-utils (.ci/run installs it).

pdftotext rebuilds logical order from the drawn (visual) order by itself, and puts neutral
punctuation at the end of a line whose direction differs from the page's at the other end, and
moves spaces around Latin words inside Arabic lines; so one-script notes are compared whole
(leading/trailing punctuation aside) and the mixed note word by word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import reportlab
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import ttfonts
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from locker.report import fonts, rtl
from locker.report.fonts import patch_tounicode_cmap, register_fonts, tounicode_text
from locker.report.rtl import (
    BidiParagraph,
    base_direction,
    bidi_levels,
    note_flowables,
    shape,
    text_width,
    visual,
    wrap_logical,
)

SPANISH = "Niño señaló el daño"
ARABIC = "مرحبا بالعالم"
ARABIC_MARKS = "مُحَمَّد قال لا الأسطر"  # harakat; lam-alef (لا) and lam-alef-hamza (لأ)
HEBREW = "שלום עולם"
CHINESE = "你好，世界"
MIXED = "نشر الصورة على Instagram يوم 12 مايو (الساعة 3:15) ولم يحذفها"
WORDS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"]
LONG_ARABIC = " ".join(f"{word} كلمة طويلة في ملاحظة" for word in WORDS)
CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e]")


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def style(bold: bool = False) -> ParagraphStyle:
    fontset = register_fonts()
    return ParagraphStyle(
        "note", fontName=fontset.bold if bold else fontset.body, fontSize=12, leading=17
    )


def build_pdf(path: Path, notes: list[str]) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=letter, initialFontName=register_fonts().body)
    doc.build([flowable for note in notes for flowable in note_flowables(note, style())])


def extract(pdf: Path) -> list[str]:
    """pdftotext -layout, bidi marks removed, each line's whitespace collapsed."""
    out = subprocess.run(
        [poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in CONTROLS.sub("", out).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rtl") / "notes.pdf"
    build_pdf(path, [SPANISH, ARABIC, ARABIC_MARKS, HEBREW, CHINESE, MIXED, LONG_ARABIC])
    return path


@pytest.mark.parametrize("note", [SPANISH, ARABIC, ARABIC_MARKS, HEBREW, CHINESE])
def test_one_script_notes_extract_as_the_same_characters(pdf: Path, note: str) -> None:
    lines = extract(pdf)
    assert note.strip("،.,;:!?。，") in lines


def test_mixed_arabic_latin_digits_note_extracts_every_word(pdf: Path) -> None:
    text = " ".join(extract(pdf))
    for word in re.findall(r"\w+", MIXED):
        assert word in text, word


def test_wrapped_arabic_note_reads_top_to_bottom_in_the_order_typed(pdf: Path) -> None:
    lines = extract(pdf)
    rows = [next(i for i, line in enumerate(lines) if word in line) for word in WORDS]
    assert rows == sorted(rows) and rows[0] < rows[-1]  # several lines, never out of order


def test_every_font_is_embedded(pdf: Path) -> None:
    out = subprocess.run(
        [poppler("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert len(rows) == 4  # Latin, Arabic, Hebrew, CJK
    for row in rows:
        assert row.split()[-5:-3] == ["yes", "yes"], row  # emb, sub


def test_arabic_is_drawn_joined_and_right_to_left() -> None:
    drawn = visual(shape(ARABIC), "R")
    assert not any(0x0621 <= ord(ch) <= 0x064A for ch in drawn)  # every letter in a joining form
    assert drawn == shape(ARABIC)[::-1]
    assert "\u064f" in shape(ARABIC_MARKS) and "\u0651" in shape(ARABIC_MARKS)  # harakat kept
    assert "\ufefb" in shape("لا") or "\ufefc" in shape("لا")  # lam-alef ligature


def test_brackets_face_the_right_way_inside_right_to_left_text() -> None:
    assert bidi_levels("مرحبا (x)", "R") == [1, 1, 1, 1, 1, 1, 1, 2, 1]
    assert visual("مرحبا (x)", "R") == "(x) " + "مرحبا"[::-1]
    assert visual("he said (שלום) ok", "L") == "he said (" + "שלום"[::-1] + ") ok"


def test_base_direction_is_that_of_the_first_letter() -> None:
    assert base_direction("12 مرحبا hello") == "R"
    assert base_direction("12 hello مرحبا") == "L"
    assert base_direction("123 ...") == "L"


def test_bidi_controls_steer_order_but_are_not_drawn() -> None:
    assert visual("\u200fabc\u200f", "R") == "abc"


def test_lines_fit_and_keep_logical_order() -> None:
    text = shape(LONG_ARABIC)
    lines = wrap_logical(text, 150, 12)
    assert len(lines) > 3 and " ".join(lines) == text
    assert all(text_width(line, 12) <= 150 for line in lines)


def test_a_word_wider_than_the_line_is_cut_between_characters() -> None:
    url = "https://example.com/" + "a" * 100
    lines = wrap_logical(shape(f"رابط {url} انتهى"), 120, 12)
    assert "".join(lines).replace(" ", "") == shape(f"رابط{url}انتهى")
    assert all(text_width(line, 12) <= 120 for line in lines)


def test_paragraph_fits_the_width_it_is_given_in_a_table_cell(tmp_path: Path) -> None:
    para = BidiParagraph(LONG_ARABIC, style())
    width, height = para.wrap(200, 1000)
    assert width == 200 and height >= 4 * 17
    assert para.split(200, 40) and all(isinstance(p, Paragraph) for p in para.split(200, 40))
    assert para.split(200, 5) == []
    table = Table([[note_flowables(LONG_ARABIC, style())]], colWidths=[200])
    pdf = tmp_path / "table.pdf"
    SimpleDocTemplate(str(pdf), initialFontName=register_fonts().body).build([table])
    assert "الثامن" in " ".join(extract(pdf))


def test_bold_notes_use_the_bold_faces() -> None:
    lines, base = rtl.line_markup(ARABIC, 400, style(bold=True))
    assert base == "R" and fonts.ARABIC_BOLD in lines[0]


def test_a_blank_line_in_a_note_keeps_its_height() -> None:
    blank = note_flowables("first\n\nthird", style())[1]
    assert blank.wrap(400, 100)[1] > 0


def test_tounicode_maps_joining_forms_back_and_writes_surrogate_pairs() -> None:
    patch_tounicode_cmap()
    patched = ttfonts.makeToUnicodeCMap
    patch_tounicode_cmap()
    assert ttfonts.makeToUnicodeCMap is patched  # applied once
    assert tounicode_text(0xFEE3) == "\u0645"  # initial meem -> meem
    assert tounicode_text(0xFEFB) == "\u0627\u0644"  # lam-alef, drawn right to left
    cmap = ttfonts.makeToUnicodeCMap("X", [0x20, 0xFEFB, 0x1F600])
    assert "<00> <0020>" in cmap and "<01> <06270644>" in cmap and "<02> <D83DDE00>" in cmap


def test_an_unknown_reportlab_version_is_refused_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", lambda fontname, subset: "")
    monkeypatch.setattr(reportlab, "Version", "6.0.0")
    with pytest.raises(RuntimeError, match="reportlab 6.0.0"):
        patch_tounicode_cmap()
