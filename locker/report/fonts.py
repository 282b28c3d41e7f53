"""The fonts the printable summary is set in, and which one draws each character (no Qt).

The fonts ship with the program in ``assets/fonts/`` (see its README.md for sources and
licences) and are registered with reportlab by absolute path, so a report never depends on, or
looks up, a font installed on the computer. Every font is embedded (as a subset) in the PDF.

No single shipped font covers every script: Noto Sans has Latin, Greek and Cyrillic, Noto Sans
Arabic and Noto Sans Hebrew their scripts, Droid Sans Fallback Chinese, Japanese kana and Korean.
``font_runs`` splits a text into runs, each set in the first font of a fallback chain that has
its characters, and ``markup`` turns the runs into reportlab paragraph markup with the user's text
escaped. Droid Sans Fallback has no bold face, so CJK text in bold is set in its regular face.

Scope: this module chooses fonts and keeps every character in logical order. Right-to-left
shaping (Arabic joining forms) and reordering lines into visual order are done in rtl.py;
``patch_tounicode_cmap`` (applied by ``register_fonts``) makes the joining forms, and characters
above U+FFFF, copy back out of the PDF as the typed text.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from locker.i18n import _
from locker.paths import assets_dir

# reportlab name -> file in assets/fonts/. The names are the program's own, so they never collide
# with reportlab's built-in fonts (Helvetica and the rest are never used: they are not embedded).
SANS = "Locker-Sans"
SANS_BOLD = "Locker-Sans-Bold"
MONO = "Locker-Mono"
ARABIC = "Locker-Arabic"
ARABIC_BOLD = "Locker-Arabic-Bold"
HEBREW = "Locker-Hebrew"
HEBREW_BOLD = "Locker-Hebrew-Bold"
CJK = "Locker-CJK"

FONT_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    MONO: "NotoSansMono-Regular.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    CJK: "DroidSansFallback.ttf",
}

# (family, regular, bold): registered as families so that <b> inside a run picks the bold face.
_FAMILIES = ((SANS, SANS, SANS_BOLD), (ARABIC, ARABIC, ARABIC_BOLD), (HEBREW, HEBREW, HEBREW_BOLD))
_FAMILIES_NO_BOLD = (CJK, MONO)

# Characters that stay in the current run's font when it has them: spaces, punctuation, digits
# and combining marks (a mark belongs with the letter before it).
_NEUTRAL_CATEGORIES = frozenset("ZPNM")


@dataclass(frozen=True)
class FontSet:
    """The registered reportlab font names the report uses."""

    body: str
    bold: str
    mono: str
    body_chain: tuple[str, ...]
    bold_chain: tuple[str, ...]

    def chain(self, bold: bool = False) -> tuple[str, ...]:
        return self.bold_chain if bold else self.body_chain


FONTS = FontSet(
    body=SANS,
    bold=SANS_BOLD,
    mono=MONO,
    # MONO last: Noto Sans has no minus sign (U+2212), which zone offsets are written with
    # ("UTC−05:00"); Noto Sans Mono has it, and other symbols the others lack.
    body_chain=(SANS, ARABIC, HEBREW, CJK, MONO),
    bold_chain=(SANS_BOLD, ARABIC_BOLD, HEBREW_BOLD, CJK, MONO),
)

_lock = threading.Lock()
_registered = False
_cmaps: dict[str, Mapping[int, int]] = {}


def fonts_dir() -> Path:
    """The shipped fonts: ``assets/fonts`` (``locker/assets/fonts`` in an installed wheel)."""
    return assets_dir() / "fonts"


def font_path(name: str) -> Path:
    """The absolute path of a registered font's file."""
    return (fonts_dir() / FONT_FILES[name]).resolve()


def register_fonts() -> FontSet:
    """Register every shipped font with reportlab (once per process) and return their names.

    Each font is loaded from its absolute path in the program's own assets; a missing file is a
    damaged installation and raises FileNotFoundError naming it, rather than letting reportlab
    search the system's font folders.
    """
    global _registered
    with _lock:
        if _registered:
            return FONTS
        for name in FONT_FILES:
            path = font_path(name)
            if not path.is_file():
                raise FileNotFoundError(
                    _(
                        "A font the report needs is missing from the program's files: {path}. "
                        "Reinstalling the program puts it back."
                    ).format(path=path)
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        for family, regular, bold in _FAMILIES:
            pdfmetrics.registerFontFamily(
                family, normal=regular, bold=bold, italic=regular, boldItalic=bold
            )
        for name in _FAMILIES_NO_BOLD:
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
        patch_tounicode_cmap()
        _registered = True
    return FONTS


# --- reportlab internals: the ToUnicode CMap (what text extraction reads back) -------------------
#
# reportlab writes one ToUnicode entry per glyph of a font subset: the codepoint it was drawn for.
# Two cases come out wrong, and a court would notice both when copying a note out of the PDF:
# * Arabic is drawn in its joining forms (rtl.py), codepoints U+FB50-FDFF and U+FE70-FEFF; they
#   are mapped back to the letters the user typed (NFKC). A ligature of several letters (lam-alef,
#   the word Allah) is drawn where those letters sit in visual order, and extraction reverses
#   right-to-left text character by character, so its letters are listed in reverse.
# * A character above U+FFFF (an emoji, a rare CJK ideograph) must be written as a UTF-16
#   surrogate pair; reportlab writes five hex digits, which readers reject.
# The patch replaces the module function reportlab's TTFont calls; reportlab 4 and 5 write the
# CMap the same way, and a later version is refused plainly rather than patched blindly.

_TOUNICODE_VERSIONS = ("4.", "5.")
_BFCHAR = re.compile(r"^<([0-9A-F]{2})> <[0-9A-F]+>$")


def _is_presentation_form(code: int) -> bool:
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _utf16_hex(text: str) -> str:
    data = text.encode("utf-16-be")
    return data.hex().upper()


def tounicode_text(code: int) -> str:
    """The text a glyph drawn for ``code`` extracts as (see the patch notes above)."""
    char = chr(code)
    if _is_presentation_form(code):
        return unicodedata.normalize("NFKC", char)[::-1]
    return char


def patch_tounicode_cmap() -> None:
    """Make reportlab's ToUnicode CMaps extract as the typed text (idempotent).

    Raises RuntimeError if the installed reportlab is a version this patch was not written for,
    or writes its CMap differently, so a change there fails loudly in the tests, not silently in
    a court's copy of the text.
    """
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_locker_patched", False):
        return
    if not reportlab.Version.startswith(_TOUNICODE_VERSIONS):
        raise RuntimeError(
            f"reportlab {reportlab.Version} is not a version the report's text-extraction fix "
            "(locker/report/fonts.py, patch_tounicode_cmap) was checked with."
        )

    def make_tounicode_cmap(fontname: str, subset: list[int]) -> str:
        lines: list[str] = original(fontname, subset).split("\n")
        start = lines.index(f"{len(subset)} beginbfchar") + 1
        entries = lines[start : start + len(subset)]
        if len(entries) != len(subset) or not all(_BFCHAR.match(e) for e in entries):
            raise RuntimeError("reportlab's ToUnicode CMap is not in the form the report expects.")
        ours = [f"<{i:02X}> <{_utf16_hex(tounicode_text(code))}>" for i, code in enumerate(subset)]
        return "\n".join(lines[:start] + ours + lines[start + len(subset) :])

    make_tounicode_cmap._locker_patched = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_tounicode_cmap


def _cmap(name: str) -> Mapping[int, int]:
    """Codepoint -> glyph of a registered font (glyph 0, the empty box, left out); cached."""
    cmap = _cmaps.get(name)
    if cmap is None:
        face = pdfmetrics.getFont(name).face
        cmap = {cp: glyph for cp, glyph in face.charToGlyph.items() if glyph}
        _cmaps[name] = cmap
    return cmap


def has_glyph(name: str, char: str) -> bool:
    """Whether the registered font ``name`` draws ``char`` (one character)."""
    register_fonts()
    return ord(char) in _cmap(name)


def _font_for(char: str, current: str | None, chain: tuple[str, ...]) -> str:
    code = ord(char)
    if (
        current is not None
        and current != chain[-1]  # the symbol fallback (mono) keeps no digits or spaces
        and unicodedata.category(char)[0] in _NEUTRAL_CATEGORIES
        and code in _cmap(current)
    ):
        return current
    for name in chain:
        if code in _cmap(name):
            return name
    # No shipped font has it (an emoji, say): it is drawn as an empty box but stays in the text.
    return current if current is not None else chain[0]


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, run) pairs, in order, that join back to ``text``.

    Each run is set in the first font of the body (or bold) chain that has its characters;
    spaces, punctuation, digits and combining marks stay in the run they follow when its font
    has them.
    """
    chain = register_fonts().chain(bold)
    runs: list[tuple[str, str]] = []
    current: str | None = None
    start = 0
    for i, char in enumerate(text):
        font = _font_for(char, current, chain)
        if font != current:
            if current is not None and i > start:
                runs.append((current, text[start:i]))
            current, start = font, i
    if current is not None and start < len(text):
        runs.append((current, text[start:]))
    return runs


def markup(text: str, bold: bool = False) -> str:
    """``text`` as reportlab paragraph markup: one ``<font name=...>`` element per run.

    The user's text is escaped (&, <, >), so it is always printed as written, never read as
    markup.
    """
    return "".join(
        f'<font name="{name}">{escape(run)}</font>' for name, run in font_runs(text, bold)
    )
