"""Keep secrets the program showed off the clipboard once the vault is locked or the window closes.

The recovery key and the passphrase fields refuse to be copied (see :class:`RecoveryKeyDialog`
and :class:`~locker.gui.widgets.PassphraseEdit`), but the clipboard is shared with every other
program, and on X11 a mouse selection travels on its own (the "Selection" clipboard). So, as a
second line: every secret shown on screen is remembered here, and :func:`clear_if_ours` empties
both clipboards when they hold one of them, or anything else this program put there.

Only a keyed digest is remembered, never the text itself: the passphrase must not outlive its
field (the key is random per run, so the digests are useless outside this process).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from PySide6.QtGui import QClipboard, QGuiApplication

_KEY = os.urandom(32)
_shown: set[bytes] = set()


def _digest(text: str) -> bytes:
    return hmac.new(_KEY, text.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


def remember_shown(text: str) -> None:
    """Note that ``text`` (a recovery key, a passphrase) was in a widget on screen."""
    if text:
        _shown.add(_digest(text))
        # A copy may have been trimmed by whatever pasted it along; match that too.
        if text.strip() != text:
            _shown.add(_digest(text.strip()))


def clear_if_ours() -> None:
    """Empty the clipboard and the X11 selection if they hold a secret we showed, or anything
    this program put there; then forget the digests. Text other programs copied is left alone."""
    clipboard = QGuiApplication.clipboard()
    modes = [(QClipboard.Mode.Clipboard, clipboard.ownsClipboard())]
    if clipboard.supportsSelection():
        modes.append((QClipboard.Mode.Selection, clipboard.ownsSelection()))
    for mode, owned in modes:
        text = clipboard.text(mode)
        if owned or (text and (_digest(text) in _shown or _digest(text.strip()) in _shown)):
            clipboard.clear(mode)
    _shown.clear()
