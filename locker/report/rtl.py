"""Notes in any script as reportlab paragraphs, right-to-left text in the right order (no Qt).

reportlab draws characters left to right as given, with no shaping and no bidi (its own support
needs ``rlbidi``, which is not on PyPI). So a paragraph with right-to-left text is laid out here:

1. Arabic letters are replaced by their joining forms (arabic_reshaper, harakat kept);
2. the paragraph is broken into lines in LOGICAL order at the available width, measuring each
   font run (fonts.py) in its own font, so the text reads top to bottom in the order typed;
3. each line is reordered into visual order from its bidi levels (python-bidi, UAX #9 rules L2
   and L4: runs reversed from the highest level down, brackets mirrored on right-to-left runs);
4. each line becomes a one-line ``Paragraph``, right-aligned when the paragraph starts with a
   right-to-left letter (its base direction).

A paragraph with no right-to-left letter is an ordinary ``Paragraph`` (CJK text wraps between
characters). Text extraction gives back the typed letters: fonts.patch_tounicode_cmap maps the
joining forms back. Bidi control characters (LRM, RLM, embeddings, isolates) steer the order but
are not drawn; the vault keeps the note as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

import arabic_reshaper
from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph

from locker.report.fonts import FONTS, font_runs, markup, register_fonts

Direction = Literal["L", "R"]

_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LEVELS = re.compile(r"Level\(\s*(\d+)")
# Measured lines are kept this much narrower than the frame, so reportlab never breaks them again.
_SLACK_PT = 0.5


def has_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left letter (Hebrew, Arabic, and the like)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def has_cjk(text: str) -> bool:
    """Whether ``text`` has CJK characters, which are written without spaces between words."""
    return any(
        0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
        for code in map(ord, text)
    )


def base_direction(text: str) -> Direction:
    """The paragraph's direction: that of its first strong letter (left to right if none)."""
    return "R" if get_base_level(text) == 1 else "L"


def shape(text: str) -> str:
    """Arabic letters in their joining forms (initial, medial, final, lam-alef), harakat kept."""
    return str(_RESHAPER.reshape(text))


def bidi_levels(text: str, base: Direction) -> list[int]:
    """The resolved embedding level of each character of one line (odd: right to left).

    python-bidi 0.6 gives the levels only in its debug text (one ``Level(n)`` per UTF-8 byte);
    each character takes the level of its first byte.
    """
    debug = str(get_display(text, base_dir=base, debug=True))
    section = debug.partition("levels:")[2].partition("paragraphs:")[0]
    per_byte = [int(n) for n in _LEVELS.findall(section)]
    if len(per_byte) != len(text.encode("utf-8")):
        raise RuntimeError("python-bidi did not report a level for every character.")
    levels = []
    offset = 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    return levels


def visual(line: str, base: Direction) -> str:
    """One line in the order it is drawn, left to right, with bidi controls left out."""
    if not line:
        return line
    levels = bidi_levels(line, base)
    order = list(range(len(line)))
    for level in range(max(levels), 0, -1):  # UAX #9 rule L2
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    chars = (
        MIRRORED.get(line[i], line[i]) if levels[i] % 2 else line[i]  # rule L4
        for i in order
        if line[i] not in _CONTROLS
    )
    return "".join(chars)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set at ``size``, each font run in its own font."""
    return float(
        sum(pdfmetrics.stringWidth(run, font, size) for font, run in font_runs(text, bold))
    )


def _pieces(word: str, width: float, size: float, bold: bool) -> Iterator[str]:
    """``word`` cut between characters (never before a combining mark) into pieces that fit."""
    piece = ""
    for char in word:
        if (
            piece
            and not unicodedata.combining(char)
            and text_width(piece + char, size, bold) > width
        ):
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def wrap_logical(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines that fit ``width`` points, in logical (typed) order.

    Lines break at spaces; a word wider than a whole line (a web address, say) is cut between
    characters.
    """
    width = max(width - _SLACK_PT, 1.0)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        *whole, current = list(_pieces(word, width, size, bold)) or [""]
        lines.extend(whole)
    lines.append(current)
    return lines


def _is_bold(style: ParagraphStyle) -> bool:
    return str(style.fontName) in FONTS.bold_chain


def line_markup(text: str, width: float, style: ParagraphStyle) -> tuple[list[str], Direction]:
    """One paragraph (no line breaks) with right-to-left text as per-line markup, top to bottom.

    Returns the markup of each line, in visual order with its font runs, and the paragraph's
    base direction (``"R"``: lines are set right-aligned).
    """
    register_fonts()
    bold = _is_bold(style)
    base = base_direction(text)
    lines = wrap_logical(shape(text), width, float(style.fontSize), bold)
    return [markup(visual(line, base), bold) for line in lines], base


def _line_style(style: ParagraphStyle, base: Direction, first: bool, last: bool) -> ParagraphStyle:
    alignment = style.alignment
    if alignment != TA_CENTER:
        alignment = TA_RIGHT if base == "R" else TA_LEFT
    return ParagraphStyle(
        f"{style.name}-{base}",
        parent=style,
        alignment=alignment,
        spaceBefore=style.spaceBefore if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
        firstLineIndent=0,
    )


class BidiParagraph(Flowable):  # type: ignore[misc]
    """One paragraph with right-to-left text, broken into lines at whatever width it is given.

    The lines are laid out when reportlab asks for the size (``wrap``), so a frame's padding or
    a table column's width is always the width used. Across a page break it splits into its
    one-line paragraphs.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._width = -1.0
        self._lines: list[tuple[Paragraph, float]] = []

    def _layout(self, avail_width: float) -> None:
        if avail_width == self._width:
            return
        lines, base = line_markup(self.text, avail_width, self.style)
        styled = [
            Paragraph(line, _line_style(self.style, base, i == 0, i == len(lines) - 1))
            for i, line in enumerate(lines)
        ]
        self._lines = [(p, float(p.wrap(avail_width, 1e9)[1])) for p in styled]
        self._width = avail_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._layout(availWidth)
        self.width = availWidth
        self.height = sum(height for _, height in self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._layout(availWidth)
        if len(self._lines) < 2 or self._lines[0][1] > availHeight:
            return []
        return [p for p, _ in self._lines]

    def getSpaceBefore(self) -> float:  # noqa: N802
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        y = self.height
        for paragraph, height in self._lines:
            y -= height
            paragraph.drawOn(self.canv, 0, y)


def paragraph_flowable(text: str, style: ParagraphStyle) -> Flowable:
    """One paragraph of a note (no line breaks) as a reportlab flowable, in any script."""
    register_fonts()
    if not text.strip():
        return Paragraph(markup("\u00a0"), style)  # a blank line keeps its height
    if not has_rtl(text):
        if has_cjk(text):
            style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
        clean = "".join(char for char in text if char not in _CONTROLS)
        return Paragraph(markup(clean, _is_bold(style)), style)
    return BidiParagraph(text, style)


def note_flowables(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A note in any mix of scripts as reportlab flowables, one per line it was typed in.

    Each flowable fits whatever width it is given (a frame, a table cell).
    """
    paragraphs = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [paragraph_flowable(para, style) for para in paragraphs]
