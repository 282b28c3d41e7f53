"""Translation hook for user-facing text in the Qt-free core.

The core marks every message a person may read with ``_()``. It goes through
:mod:`gettext`, so a translation is a catalogue in ``assets/locale``, not a rewrite.
The GUI uses Qt's own ``tr()``; the core stays Qt-free.
"""

from __future__ import annotations

import gettext

from locker.paths import assets_dir

_LOCALE_DIR = assets_dir() / "locale"
_translation = gettext.translation("evidence-locker", localedir=_LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """Return ``message`` in the user's language (English when no catalogue exists)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware variant of :func:`_`."""
    return _translation.ngettext(singular, plural, n)
