"""Suggest a strong passphrase: random words from the EFF large wordlist (no Qt).

Six words drawn with :mod:`secrets` from 7,776 give 6 × log2(7776) ≈ 77.5 bits, out of reach of
guessing even without the Argon2id cost in front of it. The words are joined by spaces, so four
EFF words that contain a hyphen ("t-shirt") stay unambiguous, and the result reads like a
phrase a person can write down and type. The list and its licence: ``assets/wordlists/``.
"""

from __future__ import annotations

import functools
import math
import re
import secrets
from pathlib import Path

from locker.i18n import _
from locker.paths import assets_dir

WORDLIST_FILE = ("wordlists", "eff_large_wordlist.txt")
WORDLIST_SIZE = 7776  # 6**5: five dice per word
DEFAULT_WORDS = 6
MIN_WORDS = 5  # below this a suggestion would be weaker than we want to offer
MAX_WORDS = 12
SEPARATOR = " "
_WORD = re.compile(r"^[a-z]+(-[a-z]+)?$")


class WordlistDamaged(Exception):
    """The shipped wordlist is missing or not the list it should be (the program is damaged)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The word list used to suggest passphrases could not be read, so no "
                "passphrase can be suggested. You can still type your own."
            )
        )


def wordlist_path() -> Path:
    return assets_dir().joinpath(*WORDLIST_FILE)


def parse_wordlist(text: str) -> tuple[str, ...]:
    """Check that ``text`` is a list of exactly 7,776 different words, one per line.

    A shorter, repeated or altered list would quietly make every suggestion weaker, so anything
    else is refused rather than used.
    """
    words = tuple(text.splitlines())
    if (
        len(words) != WORDLIST_SIZE
        or len(set(words)) != WORDLIST_SIZE
        or not all(_WORD.match(word) for word in words)
    ):
        raise WordlistDamaged()
    return words


@functools.cache
def load_wordlist() -> tuple[str, ...]:
    """The EFF large wordlist, read once and checked (:func:`parse_wordlist`)."""
    try:
        text = wordlist_path().read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise WordlistDamaged() from exc
    return parse_wordlist(text)


def strength_bits(words: int = DEFAULT_WORDS) -> float:
    """How many bits of randomness a suggestion of ``words`` words has."""
    return words * math.log2(WORDLIST_SIZE)


def suggest_passphrase(words: int = DEFAULT_WORDS) -> str:
    """``words`` words chosen uniformly at random (``secrets``), joined by spaces."""
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise ValueError(f"words must be between {MIN_WORDS} and {MAX_WORDS}")
    wordlist = load_wordlist()
    return SEPARATOR.join(secrets.choice(wordlist) for _n in range(words))
