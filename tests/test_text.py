"""clean_line: untrusted text shown safely, and its fast path for text that is already clean."""

from __future__ import annotations

from locker.text import _replace_controls, clean_line


def test_controls_bidi_and_breaks_are_neutralised() -> None:
    assert clean_line("a\tb\r\nc") == "a b  c"
    assert clean_line("gnp\u202e.exe") == "gnp\ufffd.exe"
    assert clean_line("\x1b[2Jdone") == "\ufffd[2Jdone"
    assert clean_line("\u200fقال") == "\ufffdقال"


def test_every_code_point_gives_the_same_result_on_the_fast_path() -> None:
    """The fast path (printable text returned as it is) must never let through a character
    the full check would replace: checked for every Unicode code point."""
    for cp in range(0x110000):
        text = "a" + chr(cp) + "b"
        assert clean_line(text) == _replace_controls(text), hex(cp)


def test_long_text_is_shortened_either_way() -> None:
    assert clean_line("x" * 10, 5) == "xxxx…"
    assert clean_line("\t" * 10, 5) == "    …"
