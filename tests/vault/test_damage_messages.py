"""Damage found during re-key and in the custody log is named plainly, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from locker.vault import Damaged, LockedVault, rekey
from tests.conftest import PASSPHRASE
from tests.helpers_tamper import build_vault, sql


def test_rekey_of_a_vault_with_a_garbage_blob_id_is_refused_as_damaged(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.txt": b"first", "b.txt": b"second"})
    blob = built.items["a.txt"].blob
    sql(built.path, "UPDATE chunk SET blob = 'not-hex!' WHERE blob = ?", (blob,))
    before = built.path.read_bytes()
    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        with pytest.raises(Damaged) as err:
            rekey(vault, "a new passphrase")
        assert "not-hex!" in err.value.message
    finally:
        vault.lock()
    # Nothing was changed: the whole re-key was one transaction, rolled back.
    assert built.path.read_bytes() == before
    LockedVault.open(built.path).unlock(PASSPHRASE).lock()


def test_one_missing_custody_entry_is_named_singly(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.txt": b"1", "b.txt": b"2", "c.txt": b"3"})
    sql(built.path, "DELETE FROM custody WHERE seq = 2")
    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        _, problems = vault.custody_log()
    finally:
        vault.lock()
    assert "Custody log: entry 2 is missing." in problems
    assert not any("–" in p for p in problems)
