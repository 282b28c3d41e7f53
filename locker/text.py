"""Showing untrusted text safely (no Qt): file names, titles and names read from a vault file.

A crafted name could carry terminal escape sequences (clearing the screen, faking a verdict) or
bidi overrides (making "gnp.exe" look like "exe.png"); both are shown as U+FFFD instead.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def clean_line(text: str, limit: int | None = None) -> str:
    """One line, safe to show: control characters (C0 and C1) and bidi controls become U+FFFD,
    tabs and line breaks become spaces; text longer than ``limit`` is shortened with "…"."""
    # Fast path: printable text holds no control, bidi control (format), tab or line break,
    # so it is already clean (lists of thousands of titles are cleaned on every refresh).
    cleaned = text if text.isprintable() else _replace_controls(text)
    if limit is not None and len(cleaned) > limit:
        return cleaned[: limit - 1] + "…"
    return cleaned


def _replace_controls(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)
