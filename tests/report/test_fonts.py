"""The report's fonts: shipped with the program, embedded in the PDF, every script readable.

What a court would notice: a character printed as an empty box, text that cannot be searched or
copied back out of the PDF, or a PDF that looks different on another computer because a font was
not embedded. pdffonts/pdftotext come from poppler-utils (.ci/run installs it).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from locker.report import fonts
from locker.report.fonts import (
    FONT_FILES,
    font_path,
    font_runs,
    fonts_dir,
    has_glyph,
    markup,
    register_fonts,
)

# | `file` | package (version) | upstream | licence | scripts covered | `sha256` |
README_ROW = re.compile(r"^\| `(?P<file>[\w.-]+\.ttf)` \|")

SAMPLES = {
    "Spanish": "Niño señaló el daño; ¿dónde está? Sí, mañana.",
    "Greek": "Η φωτογραφία δημοσιεύτηκε χωρίς τη συγκατάθεσή μου.",
    "Cyrillic": "Фотография опубликована без моего согласия.",
    "Chinese (simplified)": "他在微信上发布了这张照片。你好，世界",
    "Chinese (traditional)": "他在臉書上發佈了這張照片。繁體中文",
    "Japanese kana": "ひらがな と カタカナ の テキスト",
    "Korean Hangul": "동의 없이 사진을 올렸습니다",
    "Arabic": "نشر الصورة دون موافقتي مُحَمَّد",
    "Hebrew": "הוא פרסם את התמונה בלי הסכמתי",
}
SCRIPT_FONT = {
    "Spanish": fonts.SANS,
    "Greek": fonts.SANS,
    "Cyrillic": fonts.SANS,
    "Chinese (simplified)": fonts.CJK,
    "Chinese (traditional)": fonts.CJK,
    "Japanese kana": fonts.CJK,
    "Korean Hangul": fonts.CJK,
    "Arabic": fonts.ARABIC,
    "Hebrew": fonts.HEBREW,
}


def readme_rows() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (fonts_dir() / "README.md").read_text(encoding="utf-8").splitlines():
        if m := README_ROW.match(line):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows[m["file"]] = (cells[3], cells[5].strip("`"))
    return rows


def test_every_shipped_font_is_listed_with_its_hash_and_licence() -> None:
    rows = readme_rows()
    shipped = {p.name for p in fonts_dir().glob("*.ttf")}
    assert shipped == set(rows) == set(FONT_FILES.values())
    for name, (licence, sha) in rows.items():
        data = (fonts_dir() / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha, f"{name} differs from the README"
        licence_text = (fonts_dir() / f"{licence}.txt").read_text(encoding="utf-8")
        assert len(licence_text) > 4000  # the whole licence, not a pointer to it
    ofl = (fonts_dir() / "OFL-1.1.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in ofl and "Google" in ofl
    apache = (fonts_dir() / "Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in apache and "Google Corp." in apache
    total = sum((fonts_dir() / n).stat().st_size for n in shipped)
    assert total < 7_000_000  # the program stays small to download


def test_each_font_registers_from_the_programs_own_files() -> None:
    fontset = register_fonts()
    assert register_fonts() is fontset  # idempotent
    used = {fontset.body, fontset.bold, fontset.mono, *fontset.body_chain, *fontset.bold_chain}
    assert used == set(FONT_FILES)
    for name in FONT_FILES:
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)
        # Loaded by absolute path from assets/fonts, never found by searching system folders.
        path = Path(font.face.filename)
        assert path.is_absolute() and path == font_path(name)
        assert path.parent == fonts_dir().resolve()
    first = pdfmetrics.getFont(fontset.body)
    register_fonts()
    assert pdfmetrics.getFont(fontset.body) is first


def test_a_missing_font_file_is_named_not_looked_up_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "assets_dir", lambda: tmp_path)
    with pytest.raises(FileNotFoundError, match="NotoSans-Regular.ttf"):
        register_fonts()


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("script", list(SAMPLES))
def test_every_character_of_every_script_has_a_font(script: str, bold: bool) -> None:
    text = SAMPLES[script]
    runs = font_runs(text, bold=bold)
    assert "".join(run for _, run in runs) == text  # nothing lost, nothing reordered
    for font, run in runs:
        for char in run:
            assert has_glyph(font, char), f"{char!r} ({script}) would print as an empty box"
    letters = [font for font, run in runs for c in run if unicodedata.category(c)[0] == "L"]
    expected = SCRIPT_FONT[script]
    if bold and expected != fonts.CJK:  # Droid Sans Fallback has no bold face
        expected += "-Bold"
    assert set(letters) == {expected}


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_the_minus_sign_of_a_zone_offset_prints(bold: bool) -> None:
    """The program writes offsets as "UTC\u221205:00" (the app, the timeline, exhibit facts);
    Noto Sans has no U+2212, so it must come from a font in the chain that has it."""
    runs = font_runs("UTC\u221205:00", bold=bold)
    assert all(has_glyph(font, char) for font, run in runs for char in run), runs
    # only the sign comes from the fallback: the digits after it are in the text's own font
    assert runs[-1] == (fonts.SANS_BOLD if bold else fonts.SANS, "05:00"), runs


def test_marks_spaces_and_digits_stay_with_the_run() -> None:
    # A decomposed é and Arabic vowel marks stay with the letter they sit on.
    assert font_runs("cafe\u0301 123") == [(fonts.SANS, "cafe\u0301 123")]
    assert font_runs("مُحَمَّد ١٢٣") == [(fonts.ARABIC, "مُحَمَّد ١٢٣")]
    # Droid Sans Fallback has no ASCII comma: it goes back to Noto Sans with the digits.
    mixed = font_runs("Photo 照片, 2024")
    assert mixed == [(fonts.SANS, "Photo "), (fonts.CJK, "照片"), (fonts.SANS, ", 2024")]
    # A character no font has (an emoji) is kept in the text, in the run it follows.
    assert font_runs("ok 😀") == [(fonts.SANS, "ok 😀")]
    assert font_runs("") == []


def test_markup_escapes_user_text() -> None:
    result = markup("<b>not bold</b> & <font name=Helvetica>x</font>")
    assert "<b>" not in result and "Helvetica>" not in result
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;font name=Helvetica&gt;" in result
    assert result.startswith(f'<font name="{fonts.SANS}">') and result.endswith("</font>")


LINES = [
    "Niño señaló el daño",
    "Η φωτογραφία δημοσιεύτηκε χωρίς συγκατάθεση",
    "Фотография опубликована без согласия",
    "你好，世界",
    "<b>not bold</b> & more",
]


def build_pdf(path: Path) -> None:
    fontset = register_fonts()
    doc = SimpleDocTemplate(str(path), pagesize=letter, initialFontName=fontset.body)
    body = ParagraphStyle("body", fontName=fontset.body, fontSize=11, leading=15)
    bold = ParagraphStyle("bold", parent=body, fontName=fontset.bold)
    story = [Paragraph(markup(line), body) for line in LINES]
    story.append(Paragraph(markup("Exhibit 1 — 証拠", bold=True), bold))
    doc.build(story)


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed; .ci/run installs it")
    return found


def test_pdf_embeds_every_font_and_no_helvetica(tmp_path: Path) -> None:
    pdf = tmp_path / "fonts.pdf"
    build_pdf(pdf)
    out = subprocess.run(
        [poppler("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]  # after the header and its underline
    assert rows, out
    for row in rows:
        cols = row.split()
        # name type encoding emb sub uni object ID: emb/sub/uni are the 3 columns before the ID.
        emb = cols[-5]
        assert emb == "yes", f"font not embedded: {row}"
        assert "Helvetica" not in row and "Times" not in row and "Courier" not in row
    names = " ".join(row.split()[0] for row in rows)
    for family in ("NotoSans-Regular", "NotoSans-Bold", "DroidSansFallback"):
        assert family in names, out


def test_pdf_text_comes_back_as_the_same_characters(tmp_path: Path) -> None:
    pdf = tmp_path / "fonts.pdf"
    build_pdf(pdf)
    text = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines == [*LINES, "Exhibit 1 — 証拠"]
