"""Suggested passphrases: the shipped EFF list, drawn with `secrets`, accepted by the vault."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest

from locker import passgen
from locker.vault.kdf import check_new_passphrase

# SHA-256 of assets/wordlists/eff_large_wordlist.txt (EFF's list, words only; see its README).
WORDLIST_SHA256 = "6d557f0693958fb5e650b68b5bee585eb82cf4da32965505c789e924743bc522"


def test_the_shipped_list_is_the_eff_large_list() -> None:
    path = passgen.wordlist_path()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == WORDLIST_SHA256
    words = passgen.load_wordlist()
    assert len(words) == len(set(words)) == 7776
    assert words[0] == "abacus" and words[-1] == "zoom"
    readme = (path.parent / "README.md").read_text()
    assert "https://www.eff.org/dice" in readme
    assert "CC BY 3.0 US" in readme


def test_a_suggestion_is_six_words_from_the_list_and_a_valid_passphrase() -> None:
    words = set(passgen.load_wordlist())
    for _n in range(50):
        suggestion = passgen.suggest_passphrase()
        parts = suggestion.split(" ")
        assert len(parts) == 6
        assert all(part in words for part in parts)
        check_new_passphrase(suggestion)  # raises if the vault would refuse it


def test_suggestions_differ_and_use_the_whole_list() -> None:
    seen = {passgen.suggest_passphrase() for _n in range(200)}
    assert len(seen) == 200
    first_letters = {s[0] for s in seen}
    assert len(first_letters) > 15  # not stuck at the start of the list


def test_strength() -> None:
    assert passgen.strength_bits() == pytest.approx(6 * math.log2(7776))
    assert passgen.strength_bits() > 77


def test_word_count_is_bounded() -> None:
    assert len(passgen.suggest_passphrase(8).split(" ")) == 8
    with pytest.raises(ValueError):
        passgen.suggest_passphrase(2)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n".join(["apple"] * 7776),  # repeated words
        "\n".join(f"w{i}" for i in range(7776)),  # not words
        "\n".join(passgen.load_wordlist()[:-1]),  # one short
        "\n".join(f"1{i:04}\t{w}" for i, w in enumerate(passgen.load_wordlist())),  # dice column
    ],
)
def test_a_damaged_list_is_refused(text: str) -> None:
    with pytest.raises(passgen.WordlistDamaged) as info:
        passgen.parse_wordlist(text)
    assert "type your own" in str(info.value)


def test_a_missing_list_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(passgen, "assets_dir", lambda: tmp_path)
    passgen.load_wordlist.cache_clear()
    try:
        with pytest.raises(passgen.WordlistDamaged):
            passgen.suggest_passphrase()
    finally:
        passgen.load_wordlist.cache_clear()
