"""Removing a whole item from the file (without the key) is noticed by `verify`: the custody log
remembers every item that was added."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE, run_locker
from tests.helpers_tamper import build_vault, sql, verify_problems


def test_an_intact_vault_has_no_cross_check_problems(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"\x89PNG...", "b.txt": b"note"})
    assert verify_problems(built.path) == []


def test_an_item_deleted_with_its_file_is_reported(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"first", "b.txt": b"second"})
    gone = built.items["a.png"]
    sql(built.path, "DELETE FROM record WHERE tbl = 'item' AND id = ?", (gone.id,))
    sql(built.path, "DELETE FROM record WHERE tbl = 'blob' AND id = ?", (gone.blob,))
    sql(built.path, "DELETE FROM chunk WHERE blob = ?", (gone.blob,))
    problems = verify_problems(built.path)
    assert any(gone.id in p and "no longer in the vault" in p for p in problems), problems
    result = run_locker("verify", built.path, "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.returncode == 1
    assert "no longer in the vault" in result.stdout


def test_an_item_record_deleted_leaves_its_file_orphaned_and_reported(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"first", "b.txt": b"second"})
    gone = built.items["b.txt"]
    sql(built.path, "DELETE FROM record WHERE tbl = 'item' AND id = ?", (gone.id,))
    problems = verify_problems(built.path)
    assert any(gone.id in p for p in problems), problems
    assert any(gone.blob in p and "belongs to no item" in p for p in problems), problems
