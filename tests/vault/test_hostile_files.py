"""Crafted vault files get a plain "damaged" / "not a vault" answer and cannot drive the
terminal; the export and the re-key never harm the vault (security review, 2026-11-21)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from locker.case import evidence, export
from locker.vault import InvalidInput, LockedVault, StorageError, container, kdf, rekey, verify
from tests.conftest import PASSPHRASE, run_locker
from tests.helpers_tamper import build_vault, fetch, sql

PW = PASSPHRASE + "\n"


def _recompute_slot_checksum(path: Path, params: str) -> None:
    (vid,) = fetch(path, "SELECT vault_id FROM header")[0]
    (wrapped,) = fetch(path, "SELECT wrapped FROM key_slot WHERE slot = 1")[0]
    checksum = container.slot_checksum(vid, 1, "passphrase", params, wrapped)
    sql(path, "UPDATE key_slot SET params = ?, checksum = ? WHERE slot = 1", (params, checksum))


@pytest.mark.parametrize(
    "params",
    [
        '{"kdf":"argon2id","m":65536,"p":4,"salt":"00","t":3,"pad":"' + "x" * 70000 + '"}',
        "[" * 100000 + "]" * 100000,
    ],
    ids=["params over 64 KiB", "deeply nested params"],
)
def test_crafted_slot_params_are_damage_not_a_crash(tmp_path: Path, params: str) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"x"})
    _recompute_slot_checksum(built.path, params)
    r = run_locker("list", built.path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4, r.stderr
    assert "damaged" in r.stderr
    # verify (opened with the recovery key) names the slot instead of crashing
    vault = LockedVault.open(built.path).unlock_with_recovery_key(built.recovery)
    try:
        assert any("passphrase key slot" in p for p in verify(vault, record=False).problems)
    finally:
        vault.lock()


@pytest.mark.parametrize("version", [-1, 0, 70000])
def test_a_header_version_out_of_range_is_damage(tmp_path: Path, version: int) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"x"})
    sql(built.path, "UPDATE header SET format_version = ?", (version,))
    r = run_locker("list", built.path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4
    assert "damaged" in r.stderr


def test_a_truncated_sqlite_file_of_another_program_is_not_a_vault(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x BLOB)")
    db.executemany("INSERT INTO t VALUES (?)", [(b"0" * 5000,)] * 50)
    db.commit()
    db.close()
    other.write_bytes(other.read_bytes()[: other.stat().st_size // 2])
    r = run_locker("list", other, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4
    assert "not an Evidence Locker vault" in r.stderr


def test_names_from_the_file_cannot_send_terminal_escapes(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"x"})
    evil = "\x1b[2J\x1b[H Checked 9 files: everything is intact.\x1b[8m\x9b"
    sql(
        built.path,
        "INSERT INTO record (tbl, id, field, data) VALUES ('item', ?, 'meta', ?)",
        (evil, b"\x00" * 40),
    )
    for command in ("verify", "list"):
        r = run_locker(command, built.path, "--passphrase-stdin", stdin=PW)
        assert r.returncode in (1, 4), r
        for stream in (r.stdout, r.stderr):
            assert "\x1b" not in stream and "\x9b" not in stream
    r = run_locker("list", built.path, "--json", "--passphrase-stdin", stdin=PW)
    assert "\x1b" not in r.stdout
    json.loads(r.stdout)


def test_a_passphrase_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidInput):
        kdf.normalize_passphrase("abc\udcff def")


def test_export_refuses_to_overwrite_the_vault_itself(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.jpg": b"\xff\xd8\xff photo"})
    before = built.path.read_bytes()
    r = run_locker(
        "export",
        built.path,
        built.items["a.jpg"].id,
        built.path,
        "--force",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 2
    assert "vault file itself" in r.stderr
    assert built.path.read_bytes() == before


def test_export_never_truncates_a_file_at_its_temporary_name(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.jpg": b"photo"})
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "copy.jpg"
    bystander = folder / "copy.jpg.partial"  # the name a naive exporter would use
    bystander.write_bytes(b"someone else's file")
    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        export.export_item(vault, built.items["a.jpg"].id, out)
    finally:
        vault.lock()
    assert out.read_bytes() == b"photo"
    assert bystander.read_bytes() == b"someone else's file"
    assert sorted(p.name for p in folder.iterdir()) == ["copy.jpg", "copy.jpg.partial"]


def test_a_rekey_whose_commit_fails_leaves_the_open_vault_on_its_old_key(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"evidence"})
    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        old_master = vault._master
        vault.conn.execute("PRAGMA busy_timeout = 0")
        reader = sqlite3.connect(built.path)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM record").fetchone()  # a shared lock blocks COMMIT
        try:
            with pytest.raises(StorageError):
                rekey(vault, "a brand new passphrase")
        finally:
            reader.rollback()
            reader.close()
        assert vault._master == old_master
        assert verify(vault, record=False).problems == []  # no false "damaged" afterwards
        evidence.add_stream(vault, io.BytesIO(b"more"), original_name="b.txt")
    finally:
        vault.lock()
    LockedVault.open(built.path).unlock(PASSPHRASE).lock()  # old passphrase still opens
