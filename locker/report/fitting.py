"""Fitting what the user typed into a place of fixed size on the page (no Qt): a list row, the
page header. The text is cut at a word with "…" only where it must be; the place that prints it
whole (the cover, the exhibit's own page) is named to the reader by the caller."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from locker.report.rtl import paragraph_flowable


def word_cut(line: str, limit: int) -> int:
    """Where to cut ``line`` to keep at most ``limit`` characters: at the last space in the
    second half of them, or at ``limit`` when there is none (one long token, CJK text)."""
    cut = line.rfind(" ", limit // 2, limit)
    return cut if cut > 0 else limit


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last space before ``limit`` characters with "…" when it
    is longer (at ``limit`` if it has no space there)."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[: word_cut(line, limit)].rstrip() + "…"


def fitted(text: str, style: ParagraphStyle, width: float, lines: int) -> str:
    """``text`` whole when it wraps to at most ``lines`` lines of ``style`` in ``width``, else
    the longest :func:`shortened` start of it that does."""

    def fits(candidate: str) -> bool:
        _w, height = paragraph_flowable(candidate, style).wrap(width, 100_000)
        return bool(height <= lines * style.leading + 0.5)

    if fits(text):
        return text
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(shortened(text, middle)):
            low = middle
        else:
            high = middle - 1
    return shortened(text, low)
