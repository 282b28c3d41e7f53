"""The summary's paragraph styles, in one place so every section looks the same.

Plain black text in the embedded fonts (fonts.py), sizes a judge reads on paper without glasses
trouble: 10 pt body, 8.5 pt tables and the custody log. Never reportlab's built-in Helvetica
(it is not embedded and has no glyphs beyond Latin-1). Build every user-typed text through
``rtl.paragraph_flowable`` / ``rtl.note_flowables`` with these styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from locker.report.fonts import FontSet

GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.6, 0.6, 0.6)
SHADE = colors.Color(0.93, 0.93, 0.93)  # table header rows, label columns


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle  # the cover's case title
    h1: ParagraphStyle  # a part of the document ("Exhibit list", "Exhibit 17")
    h2: ParagraphStyle  # a heading inside a part
    body: ParagraphStyle
    small: ParagraphStyle  # explanations under a heading, the disclaimer
    cell: ParagraphStyle  # table cells
    cell_bold: ParagraphStyle  # table headers and label columns
    mono: ParagraphStyle  # SHA-256 values, hashes (breakable anywhere)
    note: ParagraphStyle  # a grey note under a picture
    furniture: ParagraphStyle  # header and footer text
    centered: ParagraphStyle


def make_styles(fonts: FontSet) -> Styles:
    body = ParagraphStyle("body", fontName=fonts.body, fontSize=10, leading=13.5, spaceAfter=4)
    bold = ParagraphStyle("bold", parent=body, fontName=fonts.bold)
    return Styles(
        title=ParagraphStyle(
            "title", parent=bold, fontSize=20, leading=25, spaceBefore=6, spaceAfter=10
        ),
        h1=ParagraphStyle("h1", parent=bold, fontSize=15, leading=19, spaceBefore=0, spaceAfter=8),
        h2=ParagraphStyle(
            "h2", parent=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=GREY),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=bold, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
        mono=ParagraphStyle(
            "mono",
            parent=body,
            fontName=fonts.mono,
            fontSize=8,
            leading=10,
            spaceAfter=0,
            wordWrap="CJK",  # a 64-digit hash breaks anywhere rather than overflowing its cell
        ),
        note=ParagraphStyle("note", parent=body, fontSize=8.5, leading=11, textColor=GREY),
        furniture=ParagraphStyle("furniture", parent=body, fontSize=8, leading=10, spaceAfter=0),
        centered=ParagraphStyle("centered", parent=body, alignment=TA_CENTER),
    )


def body_font(styles: Styles) -> tuple[str, tuple[int, int], tuple[int, int], str]:
    """The TableStyle command that sets every cell in the body font: reportlab's Table
    otherwise names Helvetica (not embedded) for its cells, even cells holding paragraphs."""
    return ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName)
