"""Tampering with a vault file is always noticed and never yields wrong bytes.

Each test changes a copy of a small vault behind the program's back — with sqlite3 on the rows,
or by flipping raw file bytes found by searching the file for the stored value — and then looks at
it as the user would: open it, export every item, list, verify (in-process and with `locker`).

What must hold, every time: an export gives the exact original bytes or fails with a vault error
(Damaged / WrongKey / NotAVault / NewerFormat); `locker verify` reports the problem (exit 1), or
refuses to open the vault (exit 3/4); never a traceback, never wrong bytes.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from locker.vault import Damaged, NewerFormat, NotAVault, VaultError, WrongKey, container
from tests.conftest import PASSPHRASE, run_locker
from tests.helpers_tamper import (
    MIB,
    BuiltVault,
    build_vault,
    content,
    examine,
    fetch,
    flip,
    flip_offset,
    flip_raw,
    sql,
)

PW = PASSPHRASE + "\n"

# a.bin: 3 chunks; b.txt: 1 chunk; c.bin: 2 chunks.
FILES = {
    "a.bin": content(1, 2 * MIB + 512 * 1024),
    "b.txt": b"A small text file: the message they sent.\n" * 20,
    "c.bin": content(3, MIB + 1000),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> BuiltVault:
    return build_vault(tmp_path_factory.mktemp("base") / "base.evl", FILES)


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> BuiltVault:
    """A second vault with the SAME passphrase (and the same file names)."""
    return build_vault(tmp_path_factory.mktemp("other") / "other.evl", FILES)


@pytest.fixture
def vpath(base: BuiltVault, tmp_path: Path) -> Path:
    return base.copy_to(tmp_path / "case.evl")


def _vault_id(path: Path) -> bytes:
    return fetch(path, "SELECT vault_id FROM header")[0][0]  # type: ignore[return-value]


def _cli_verify(path: Path) -> tuple[int, str, str]:
    r = run_locker("verify", path, "--passphrase-stdin", stdin=PW)  # asserts: no traceback
    return r.returncode, r.stdout, r.stderr


def expect_refused(base: BuiltVault, path: Path, tmp_path: Path, *kinds: type[VaultError]):  # type: ignore[no-untyped-def]
    """The vault does not open, with one of ``kinds``; `locker verify` exits 3 or 4."""
    out = examine(path, base.items, tmp_path / "out")
    assert isinstance(out.open_error, kinds), out.describe()
    rc, stdout, stderr = _cli_verify(path)
    assert rc == out.open_error.exit_code and rc in (3, 4), (rc, stderr)
    assert stderr.strip() and "intact" not in stdout
    return out


def expect_detected(base: BuiltVault, path: Path, tmp_path: Path, damaged: set[str]):  # type: ignore[no-untyped-def]
    """The vault opens; the items in ``damaged`` fail to export with Damaged, every other item
    exports bit-exact; verify reports at least one problem in-process and `locker verify` exits 1."""
    out = examine(path, base.items, tmp_path / "out")
    assert out.opened, out.describe()
    for name in base.items:
        if name in damaged:
            assert isinstance(out.export_errors.get(name), Damaged), out.describe()
        else:
            assert out.exported.get(name), out.describe()
    assert out.verify_problems, out.describe()
    rc, stdout, _ = _cli_verify(path)
    assert rc == 1, stdout
    assert "problem" in stdout
    return out


# --- the plaintext header ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "kinds"),
    [
        ("UPDATE header SET magic = 'evidence-locker vaulT'", (Damaged,)),
        ("UPDATE header SET vault_id = substr(vault_id, 1, 15) || x'00'", (Damaged,)),
        ("UPDATE header SET vault_id = CAST(substr(vault_id, 1, 15) || x'00' AS BLOB)", (Damaged,)),
        ("UPDATE header SET checksum = zeroblob(16)", (Damaged,)),
        ("UPDATE header SET format_version = 0", (Damaged,)),
        ("UPDATE header SET format_version = 2", (NewerFormat, Damaged)),
        ("UPDATE header SET vault_id = 'text, not bytes'", (Damaged,)),
        ("DELETE FROM header", (Damaged,)),
        ("PRAGMA application_id = 1", (NotAVault,)),
        ("PRAGMA user_version = 2", (NewerFormat,)),
    ],
)
def test_header_row_changes_are_refused(base, vpath, tmp_path, statement, kinds) -> None:  # type: ignore[no-untyped-def]
    sql(vpath, statement)
    expect_refused(base, vpath, tmp_path, *kinds)


@pytest.mark.parametrize("where", ["vault_id", "checksum", "magic"])
def test_header_raw_byte_flips_are_refused(base, vpath, tmp_path, where) -> None:  # type: ignore[no-untyped-def]
    stored = fetch(vpath, f"SELECT {where} FROM header")[0][0]
    needle = stored.encode() if isinstance(stored, str) else stored
    flip_raw(vpath, needle)
    expect_refused(base, vpath, tmp_path, Damaged)


def test_vault_id_changed_with_recomputed_header_checksum_is_refused(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    new_id = flip(_vault_id(vpath), 0, 0x80)
    sql(
        vpath,
        "UPDATE header SET vault_id = ?, checksum = ?",
        (new_id, container.header_checksum(1, new_id)),
    )
    out = expect_refused(base, vpath, tmp_path, Damaged, WrongKey)
    assert "key slot" in str(out.open_error)


def test_damaged_schema_text_is_refused(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A flipped byte in the schema's SQL text on page 1 (SQLite quotes it, not UTF-8, in its
    error message): "damaged", not a crash."""
    flip_raw(vpath, b"CREATE TABLE chunk", at=3, mask=0x80)
    expect_refused(base, vpath, tmp_path, Damaged)


def test_damaged_sqlite_schema_format_number_is_refused(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite file header bytes 44-47 (schema format number, 4) changed to 20."""
    assert vpath.read_bytes()[44:48] == b"\x00\x00\x00\x04"
    flip_offset(vpath, 47, 0x10)
    out = expect_refused(base, vpath, tmp_path, Damaged)
    assert "Nothing was changed" not in str(out.open_error)


# --- the passphrase key slot -------------------------------------------------------------------


def _slot(path: Path, slot: int) -> tuple[str, str, bytes, bytes]:
    row = fetch(
        path, "SELECT kind, params, wrapped, checksum FROM key_slot WHERE slot = ?", (slot,)
    )
    return row[0]  # type: ignore[return-value]


def _params_with(params: str, **changes: object) -> str:
    obj = json.loads(params)
    obj.update(changes)
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def _other_salt(params: str) -> str:
    salt = json.loads(params)["salt"]
    return _params_with(params, salt=("1" if salt[0] != "1" else "2") + salt[1:])


SLOT_CHANGES = {
    "wrapped key byte": lambda k, p, w: (k, p, flip(w, 20)),
    "wrapped key nonce": lambda k, p, w: (k, p, flip(w, 0)),
    "wrapped key tag": lambda k, p, w: (k, p, flip(w, len(w) - 1)),
    "wrapped key cut short": lambda k, p, w: (k, p, w[:-1]),
    "salt": lambda k, p, w: (k, _other_salt(p), w),
    "iterations t=3 to t=4": lambda k, p, w: (k, _params_with(p, t=4), w),
    "memory 64 MiB to 128 MiB": lambda k, p, w: (k, _params_with(p, m=128 * 1024), w),
    "lanes": lambda k, p, w: (k, _params_with(p, p=8), w),
    "kdf name": lambda k, p, w: (k, _params_with(p, kdf="hkdf-sha256"), w),
    "kind": lambda k, p, w: ("recovery", p, w),
}


@pytest.mark.parametrize("change", sorted(SLOT_CHANGES))
def test_passphrase_slot_changes_are_refused(base, vpath, tmp_path, change) -> None:  # type: ignore[no-untyped-def]
    """A changed slot (its checksum not updated): "damaged: passphrase key slot", not "wrong
    passphrase" — the user should not be sent hunting for a typo."""
    kind, params, wrapped, _ = _slot(vpath, 1)
    kind, params, wrapped = SLOT_CHANGES[change](kind, params, wrapped)
    sql(
        vpath,
        "UPDATE key_slot SET kind = ?, params = ?, wrapped = ? WHERE slot = 1",
        (kind, params, wrapped),
    )
    out = expect_refused(base, vpath, tmp_path, Damaged)
    assert "passphrase key slot" in str(out.open_error)


@pytest.mark.parametrize("change", sorted(SLOT_CHANGES))
def test_passphrase_slot_changes_with_recomputed_checksum_never_open(
    base, vpath, tmp_path, change
) -> None:  # type: ignore[no-untyped-def]
    """An attacker who also fixes the (unkeyed) checksum still cannot make the slot open: the
    parameters and the wrapped key are authenticated by the AEAD tag."""
    kind, params, wrapped, _ = _slot(vpath, 1)
    kind, params, wrapped = SLOT_CHANGES[change](kind, params, wrapped)
    checksum = container.slot_checksum(_vault_id(vpath), 1, kind, params, wrapped)
    sql(
        vpath,
        "UPDATE key_slot SET kind = ?, params = ?, wrapped = ?, checksum = ? WHERE slot = 1",
        (kind, params, wrapped, checksum),
    )
    expect_refused(base, vpath, tmp_path, WrongKey, Damaged)


def test_argon2_params_raised_without_rewrapping_do_not_open(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """t=3 -> t=4 with a valid checksum: the KDF runs with the new cost, and the key it gives does
    not unwrap (the parameter text is in the associated data), so it is refused."""
    kind, params, wrapped, _ = _slot(vpath, 1)
    assert json.loads(params)["t"] == 3
    params = _params_with(params, t=4)
    checksum = container.slot_checksum(_vault_id(vpath), 1, kind, params, wrapped)
    sql(vpath, "UPDATE key_slot SET params = ?, checksum = ? WHERE slot = 1", (params, checksum))
    expect_refused(base, vpath, tmp_path, WrongKey, Damaged)


@pytest.mark.parametrize("where", ["wrapped", "params", "salt", "checksum"])
def test_passphrase_slot_raw_byte_flips_are_refused(base, vpath, tmp_path, where) -> None:  # type: ignore[no-untyped-def]
    kind, params, wrapped, checksum = _slot(vpath, 1)
    needle = {
        "wrapped": wrapped,
        "params": params.encode(),
        "salt": json.loads(params)["salt"].encode(),
        "checksum": checksum,
    }[where]
    flip_raw(vpath, needle, mask=0x04)
    out = expect_refused(base, vpath, tmp_path, Damaged)
    assert "passphrase key slot" in str(out.open_error) or "parameters" in str(out.open_error)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM key_slot WHERE slot = 1",
        "UPDATE key_slot SET slot = 3 WHERE slot = 1",
        "UPDATE key_slot SET wrapped = 'text' WHERE slot = 1",
    ],
)
def test_passphrase_slot_removed_or_moved_is_refused(base, vpath, tmp_path, statement) -> None:  # type: ignore[no-untyped-def]
    sql(vpath, statement)
    expect_refused(base, vpath, tmp_path, Damaged)


def test_damaged_passphrase_slot_is_repaired_with_the_recovery_key(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What the recovery key is for: the passphrase slot is damaged, so the passphrase is refused;
    the recovery key opens the vault, verify names the slot, and `locker passwd` (default cost)
    writes a new passphrase slot that opens everything again."""
    _, _, wrapped, _ = _slot(vpath, 1)
    flip_raw(vpath, wrapped)
    expect_refused(base, vpath, tmp_path, Damaged)
    out = examine(vpath, base.items, tmp_path / "out", recovery=base.recovery)
    assert set(out.exported) == set(base.items), out.describe()
    assert any("passphrase key slot" in p for p in out.verify_problems or []), out.describe()
    new = "a new passphrase after the damage"
    r = run_locker("passwd", vpath, "--recovery-key-stdin", stdin=f"{base.recovery}\n{new}\n")
    assert r.returncode == 0, r.stderr
    r = run_locker("verify", vpath, "--passphrase-stdin", stdin=new + "\n")
    assert r.returncode == 0, r.stdout


def test_key_slots_swapped_between_two_vaults_with_the_same_passphrase(
    base, other, vpath, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Vault B's slots opened with the same passphrase would give B's master key; the program must
    refuse, with a clear error, rather than open A with B's key."""
    for slot in (1, 2):
        kind, params, wrapped, checksum = _slot(other.path, slot)
        sql(
            vpath,
            "UPDATE key_slot SET kind = ?, params = ?, wrapped = ?, checksum = ? WHERE slot = ?",
            (kind, params, wrapped, checksum, slot),
        )
    out = expect_refused(base, vpath, tmp_path, Damaged)
    assert "key slot" in str(out.open_error)
    # And with the recovery key of the other vault.
    out = examine(vpath, base.items, tmp_path / "out", recovery=other.recovery)
    assert isinstance(out.open_error, Damaged), out.describe()

    # Same, with the checksums recomputed for this vault's id: the AEAD still refuses.
    vid = _vault_id(vpath)
    for slot in (1, 2):
        kind, params, wrapped, _ = _slot(other.path, slot)
        sql(
            vpath,
            "UPDATE key_slot SET checksum = ? WHERE slot = ?",
            (container.slot_checksum(vid, slot, kind, params, wrapped), slot),
        )
    expect_refused(base, vpath, tmp_path, WrongKey, Damaged)
    out = examine(vpath, base.items, tmp_path / "out", recovery=other.recovery)
    assert isinstance(out.open_error, WrongKey | Damaged), out.describe()


def test_whole_header_and_slots_of_another_vault_never_give_its_bytes(
    base, other, vpath, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Transplant B's header AND key slots into A: the passphrase now unwraps B's master key, but
    every record of A is bound to A's vault id and key, so nothing exports and verify says so."""
    hdr = fetch(other.path, "SELECT magic, format_version, vault_id, checksum FROM header")[0]
    sql(vpath, "UPDATE header SET magic = ?, format_version = ?, vault_id = ?, checksum = ?", hdr)
    for slot in (1, 2):
        row = _slot(other.path, slot)
        sql(
            vpath,
            "UPDATE key_slot SET kind = ?, params = ?, wrapped = ?, checksum = ? WHERE slot = ?",
            (*row, slot),
        )
    out = examine(vpath, base.items, tmp_path / "out")
    assert out.opened, out.describe()
    assert not out.exported, out.describe()
    assert out.verify_problems, out.describe()
    rc, _, _ = _cli_verify(vpath)
    assert rc == 1


# --- the recovery-key slot ---------------------------------------------------------------------


@pytest.mark.parametrize("change", ["wrapped", "salt", "checksum"])
def test_recovery_slot_damage_is_reported_by_verify(base, vpath, tmp_path, change) -> None:  # type: ignore[no-untyped-def]
    """The recovery key is what opens the vault when the passphrase is forgotten: damage to its slot
    must show up in `verify` now, not on the day it is needed."""
    kind, params, wrapped, checksum = _slot(vpath, 2)
    if change == "wrapped":
        flip_raw(vpath, wrapped)
    elif change == "salt":
        flip_raw(vpath, json.loads(params)["salt"].encode(), mask=0x01)
    else:
        flip_raw(vpath, checksum)
    # The passphrase still opens everything, bit-exact.
    out = examine(vpath, base.items, tmp_path / "out")
    assert out.opened and set(out.exported) == set(base.items), out.describe()
    assert out.verify_problems, "verify did not notice the damaged recovery-key slot"
    assert any("recovery" in p.lower() for p in out.verify_problems), out.verify_problems
    rc, stdout, _ = _cli_verify(vpath)
    assert rc == 1, stdout
    # The recovery key itself is refused with "damaged", never opens wrongly.
    out = examine(vpath, base.items, tmp_path / "out", recovery=base.recovery, run_verify=False)
    assert isinstance(out.open_error, Damaged), out.describe()
    assert "recovery key slot" in str(out.open_error)


def test_recovery_slot_with_recomputed_checksum_does_not_open(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kind, params, wrapped, _ = _slot(vpath, 2)
    params = _other_salt(params)
    sql(
        vpath,
        "UPDATE key_slot SET params = ?, checksum = ? WHERE slot = 2",
        (params, container.slot_checksum(_vault_id(vpath), 2, kind, params, wrapped)),
    )
    out = examine(vpath, base.items, tmp_path / "out", recovery=base.recovery, run_verify=False)
    assert isinstance(out.open_error, WrongKey), out.describe()
    r = run_locker("list", vpath, "--recovery-key-stdin", stdin=base.recovery + "\n")
    assert r.returncode == 3


# --- encrypted records ---------------------------------------------------------------------


def _record(path: Path, tbl: str, rid: str, fld: str) -> bytes:
    rows = fetch(
        path, "SELECT data FROM record WHERE tbl = ? AND id = ? AND field = ?", (tbl, rid, fld)
    )
    assert rows, (tbl, rid, fld)
    return rows[0][0]  # type: ignore[return-value]


def _set_record(path: Path, tbl: str, rid: str, fld: str, data: bytes) -> None:
    n = sql(
        path,
        "UPDATE record SET data = ? WHERE tbl = ? AND id = ? AND field = ?",
        (data, tbl, rid, fld),
    )
    assert n == 1


@pytest.mark.parametrize("pos", [0, 11, 12, 40, -16, -1])  # nonce, body, tag
@pytest.mark.parametrize("how", ["sqlite", "raw"])
def test_item_meta_record_flip(base, vpath, tmp_path, pos, how) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    data = _record(vpath, "item", a.id, "meta")
    pos %= len(data)
    if how == "sqlite":
        _set_record(vpath, "item", a.id, "meta", flip(data, pos))
    else:
        lo = max(0, pos - 24)
        flip_raw(vpath, data[lo : lo + 48], at=pos - lo)
    out = expect_detected(base, vpath, tmp_path, {"a.bin"})
    assert out.listed_damaged == [a.id]
    r = run_locker("list", vpath, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4 and a.id in r.stderr
    assert base.items["b.txt"].id in r.stdout


@pytest.mark.parametrize("how", ["sqlite", "raw"])
def test_blob_info_record_flip(base, vpath, tmp_path, how) -> None:  # type: ignore[no-untyped-def]
    c = base.items["c.bin"]
    data = _record(vpath, "blob", c.blob, "info")
    if how == "sqlite":
        _set_record(vpath, "blob", c.blob, "info", flip(data, len(data) // 2))
    else:
        flip_raw(vpath, data)
    expect_detected(base, vpath, tmp_path, {"c.bin"})


def test_item_meta_moved_into_another_item(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A's (valid) ciphertext placed in B's record must not make B export A's file."""
    a, b = base.items["a.bin"], base.items["b.txt"]
    _set_record(vpath, "item", b.id, "meta", _record(vpath, "item", a.id, "meta"))
    expect_detected(base, vpath, tmp_path, {"b.txt"})


def test_item_records_swapped(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, c = base.items["a.bin"], base.items["c.bin"]
    ra, rc_ = _record(vpath, "item", a.id, "meta"), _record(vpath, "item", c.id, "meta")
    _set_record(vpath, "item", a.id, "meta", rc_)
    _set_record(vpath, "item", c.id, "meta", ra)
    expect_detected(base, vpath, tmp_path, {"a.bin", "c.bin"})


def test_record_renamed_to_another_item_id(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The row itself re-keyed under another id (not just its data moved)."""
    b = base.items["b.txt"]
    fake = "0123456789abcdef"
    sql(vpath, "UPDATE record SET id = ? WHERE tbl = 'item' AND id = ?", (fake, b.id))
    out = examine(vpath, base.items, tmp_path / "out")
    assert out.opened
    assert set(out.exported) == {"a.bin", "c.bin"}, out.describe()
    assert out.verify_problems, out.describe()
    from locker.case import export
    from tests.conftest import open_vault

    with open_vault(vpath) as vault, pytest.raises(Damaged):
        export.export_item(vault, fake, tmp_path / "fake.out")
    assert not (tmp_path / "fake.out").exists()


def test_blob_info_moved_to_another_blob(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """C's blob facts replaced by A's: C must not export A's size/hash (or bytes)."""
    a, c = base.items["a.bin"], base.items["c.bin"]
    _set_record(vpath, "blob", c.blob, "info", _record(vpath, "blob", a.blob, "info"))
    expect_detected(base, vpath, tmp_path, {"c.bin"})


def test_item_meta_moved_into_the_custody_head(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    _set_record(vpath, "meta", "custody", "head", _record(vpath, "item", a.id, "meta"))
    out = expect_detected(base, vpath, tmp_path, set())
    assert any("head" in p for p in out.verify_problems), out.verify_problems


# --- blob chunks ----------------------------------------------------------------------------


def _chunk(path: Path, blob: str, idx: int) -> bytes:
    rows = fetch(path, "SELECT data FROM chunk WHERE blob = ? AND idx = ?", (blob, idx))
    assert rows, (blob, idx)
    return rows[0][0]  # type: ignore[return-value]


def _set_chunk(path: Path, blob: str, idx: int, data: bytes) -> None:
    assert sql(path, "UPDATE chunk SET data = ? WHERE blob = ? AND idx = ?", (data, blob, idx)) == 1


@pytest.mark.parametrize("idx", [0, 1, 2])  # a.bin has 3 chunks; 2 is the final one
@pytest.mark.parametrize("pos", [0, 5000, -1])  # first byte, inside, last byte of the tag
@pytest.mark.parametrize("how", ["sqlite", "raw"])
def test_chunk_ciphertext_flip(base, vpath, tmp_path, idx, pos, how) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    data = _chunk(vpath, a.blob, idx)
    pos %= len(data)
    if how == "sqlite":
        _set_chunk(vpath, a.blob, idx, flip(data, pos))
    else:
        lo = max(0, min(pos - 16, len(data) - 32))
        flip_raw(vpath, data[lo : lo + 32], at=pos - lo, mask=0x40)
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_chunk_cut_short(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    _set_chunk(vpath, a.blob, 2, _chunk(vpath, a.blob, 2)[:-100])
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_two_chunks_of_one_blob_swapped(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    c0, c1 = _chunk(vpath, a.blob, 0), _chunk(vpath, a.blob, 1)
    _set_chunk(vpath, a.blob, 0, c1)
    _set_chunk(vpath, a.blob, 1, c0)
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_chunk_rows_renumbered(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Swap by renumbering the rows' idx (not their data)."""
    a = base.items["a.bin"]
    sql(vpath, "UPDATE chunk SET idx = -1 WHERE blob = ? AND idx = 0", (a.blob,))
    sql(vpath, "UPDATE chunk SET idx = 0 WHERE blob = ? AND idx = 1", (a.blob,))
    sql(vpath, "UPDATE chunk SET idx = 1 WHERE blob = ? AND idx = -1", (a.blob,))
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_final_chunk_dropped(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    assert sql(vpath, "DELETE FROM chunk WHERE blob = ? AND idx = 2", (a.blob,)) == 1
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_final_chunk_dropped_and_previous_one_cut(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Truncation at a chunk boundary: chunk 1 was not sealed as the final one."""
    a = base.items["a.bin"]
    sql(vpath, "DELETE FROM chunk WHERE blob = ? AND idx = 2", (a.blob,))
    c = base.items["c.bin"]
    sql(vpath, "DELETE FROM chunk WHERE blob = ? AND idx = 1", (c.blob,))
    expect_detected(base, vpath, tmp_path, {"a.bin", "c.bin"})


def test_all_chunks_of_a_blob_dropped(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    b = base.items["b.txt"]
    sql(vpath, "DELETE FROM chunk WHERE blob = ?", (b.blob,))
    expect_detected(base, vpath, tmp_path, {"b.txt"})


@pytest.mark.parametrize("source", ["other blob", "same blob"])
def test_chunk_appended(base, vpath, tmp_path, source) -> None:  # type: ignore[no-untyped-def]
    a, c = base.items["a.bin"], base.items["c.bin"]
    data = _chunk(vpath, c.blob, 1) if source == "other blob" else _chunk(vpath, a.blob, 2)
    sql(vpath, "INSERT INTO chunk (blob, idx, data) VALUES (?, 3, ?)", (a.blob, data))
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_chunk_from_another_blob_at_the_same_index(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, c = base.items["a.bin"], base.items["c.bin"]
    _set_chunk(vpath, a.blob, 1, _chunk(vpath, c.blob, 1))
    expect_detected(base, vpath, tmp_path, {"a.bin"})


def test_chunk_with_a_negative_index_added(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = base.items["a.bin"]
    sql(
        vpath,
        "INSERT INTO chunk (blob, idx, data) VALUES (?, -1, ?)",
        (a.blob, _chunk(vpath, a.blob, 0)),
    )
    expect_detected(base, vpath, tmp_path, {"a.bin"})


@pytest.mark.parametrize("blob", ["not hex at all!", "abcd", "ABCDEF0123456789ABCDEF0123456789"])
def test_chunks_under_a_garbage_blob_id(base, vpath, tmp_path, blob) -> None:  # type: ignore[no-untyped-def]
    """A chunk row whose blob column is not a valid blob id: reported, not a crash."""
    a = base.items["a.bin"]
    sql(
        vpath,
        "INSERT INTO chunk (blob, idx, data) VALUES (?, 0, ?)",
        (blob, _chunk(vpath, a.blob, 0)),
    )
    expect_detected(base, vpath, tmp_path, set())


def test_record_key_columns_of_the_wrong_type(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite does not enforce column types: a record id stored as a BLOB (a flipped type byte
    does this) must be reported as damage, not crash list or verify."""
    b = base.items["b.txt"]
    sql(vpath, "UPDATE record SET id = CAST(id AS BLOB) WHERE tbl = 'item' AND id = ?", (b.id,))
    out = examine(vpath, base.items, tmp_path / "out")
    assert out.opened, out.describe()
    assert out.exported.get("a.bin") and out.exported.get("c.bin"), out.describe()
    assert "b.txt" not in out.exported
    assert out.list_error is None, out.describe()
    assert out.verify_problems, out.describe()
    rc, _, _ = _cli_verify(vpath)
    assert rc == 1


def test_record_with_an_absurdly_long_id(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An id too long for the associated data (> 65535 bytes): damage, not a crash."""
    sql(
        vpath,
        "INSERT INTO record (tbl, id, field, data) VALUES ('item', ?, 'meta', ?)",
        ("f" * 70000, bytes(64)),
    )
    out = expect_detected(base, vpath, tmp_path, set())
    assert out.listed_damaged == ["f" * 70000]


# --- the custody log -------------------------------------------------------------------------


def _entry(path: Path, seq: int) -> bytes:
    return fetch(path, "SELECT data FROM custody WHERE seq = ?", (seq,))[0][0]  # type: ignore[return-value]


def _cli_log(path: Path) -> tuple[int, str]:
    r = run_locker("log", path, "--passphrase-stdin", stdin=PW)
    return r.returncode, r.stderr


@pytest.mark.parametrize("seq", [1, 2, 4])
@pytest.mark.parametrize("how", ["sqlite", "raw"])
def test_custody_entry_flip(base, vpath, tmp_path, seq, how) -> None:  # type: ignore[no-untyped-def]
    data = _entry(vpath, seq)
    if how == "sqlite":
        sql(vpath, "UPDATE custody SET data = ? WHERE seq = ?", (flip(data, 30), seq))
    else:
        flip_raw(vpath, data)
    out = expect_detected(base, vpath, tmp_path, set())
    assert any(f"entry {seq}" in p for p in out.verify_problems), out.verify_problems
    rc, stderr = _cli_log(vpath)
    assert rc == 1 and f"entry {seq}" in stderr


@pytest.mark.parametrize("how", ["sqlite", "raw"])
def test_custody_head_flip(base, vpath, tmp_path, how) -> None:  # type: ignore[no-untyped-def]
    data = _record(vpath, "meta", "custody", "head")
    if how == "sqlite":
        _set_record(vpath, "meta", "custody", "head", flip(data, 20))
    else:
        flip_raw(vpath, data)
    out = expect_detected(base, vpath, tmp_path, set())
    assert any("head" in p for p in out.verify_problems), out.verify_problems
    rc, _ = _cli_log(vpath)
    assert rc == 1


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("DELETE FROM custody WHERE seq = 2", "missing"),  # from the middle
        ("DELETE FROM custody WHERE seq = 4", "missing"),  # the newest
        ("DELETE FROM custody WHERE seq >= 3", "missing"),  # the newest two
        ("DELETE FROM custody WHERE seq = 1", "missing"),  # the first
        ("DELETE FROM record WHERE tbl = 'meta' AND id = 'custody'", "head"),
        ("UPDATE custody SET seq = 5 WHERE seq = 4", "missing"),
        (
            "UPDATE custody SET data = (SELECT data FROM custody WHERE seq = 2) WHERE seq = 3",
            "entry 3",
        ),  # an entry replayed in another place
    ],
)
def test_custody_entries_removed_or_moved(base, vpath, tmp_path, statement, words) -> None:  # type: ignore[no-untyped-def]
    sql(vpath, statement)
    out = expect_detected(base, vpath, tmp_path, set())
    assert any(words in p for p in out.verify_problems), out.verify_problems
    rc, _ = _cli_log(vpath)
    assert rc == 1


def test_custody_last_entry_and_head_removed_together(base, vpath, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Cutting the tail and deleting the head record is still noticed (there is no head)."""
    sql(vpath, "DELETE FROM custody WHERE seq = 4")
    sql(vpath, "DELETE FROM record WHERE tbl = 'meta' AND id = 'custody'")
    expect_detected(base, vpath, tmp_path, set())


# --- random single-byte damage anywhere in the file --------------------------------------------


@pytest.fixture(autouse=True)
def memo_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id is deterministic: remember results for identical inputs (speed only; a changed
    salt or cost still runs the real KDF)."""
    from locker.vault import kdf

    real = kdf.argon2id
    cache: dict[tuple[str, bytes, object], bytes] = {}

    def memo(passphrase: str, salt: bytes, params):  # type: ignore[no-untyped-def]
        key = (passphrase, salt, params)
        if key not in cache:
            cache[key] = real(passphrase, salt, params)
        return cache[key]

    monkeypatch.setattr(kdf, "argon2id", memo)


RANDOM_SEED = 20261121
PAGE = container.PAGE_SIZE


def _random_offsets(raw: bytes, rng: random.Random) -> list[int]:
    """Seeded offsets in four strata, so the structure is hit and not only the ciphertext of the
    big chunks (which is most of the file): anywhere; non-zero bytes of B-tree pages (page
    headers, cell pointers, cells: header row, key slots, records, index entries, custody); the
    next-page pointers of overflow pages; the SQLite file header; page 1 (the schema's SQL)."""
    btree: list[int] = []
    overflow: list[int] = []
    for page in range(len(raw) // PAGE):
        start = page * PAGE
        if raw[start + (100 if page == 0 else 0)] in (0x02, 0x05, 0x0A, 0x0D):  # B-tree page
            btree.extend(i for i in range(start, start + PAGE) if raw[i])
        else:
            overflow.extend(range(start, start + 4))
    assert btree and overflow
    return (
        [rng.randrange(len(raw)) for _ in range(40)]
        + [rng.choice(btree) for _ in range(60)]
        + [rng.choice(overflow) for _ in range(10)]
        + [rng.randrange(112) for _ in range(30)]
        + [rng.choice([i for i in range(100, PAGE) if raw[i]]) for _ in range(30)]
    )


def test_random_byte_flips_never_give_wrong_bytes(base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Flip one byte (XOR a random non-zero mask) at 170 seeded offsets, each in a fresh copy.
    Every copy either refuses to open with a clear vault error, or opens and then each export
    gives the exact original bytes or fails with a VaultError — never other bytes, never another
    exception. And verify agrees with export: verify OK => every item exports bit-exact; any
    export/list failure => verify is not OK."""
    raw = base.path.read_bytes()
    rng = random.Random(RANDOM_SEED)
    tally = {"exact": 0, "refused": 0, "some damaged": 0}
    for n, offset in enumerate(_random_offsets(raw, rng)):
        mask = rng.randrange(1, 256)
        path = tmp_path / "flip.evl"
        shutil.copyfile(base.path, path)
        flip_offset(path, offset, mask)
        where = f"case {n}: offset {offset} (page {offset // PAGE}) ^ {mask:#04x}"
        try:
            out = examine(path, base.items, tmp_path / "out")
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}") from exc
        except Exception as exc:  # anything but a VaultError escaping is a bug
            raise AssertionError(f"{where}: uncaught {type(exc).__name__}: {exc}") from exc
        if not out.opened:
            assert isinstance(out.open_error, Damaged | NotAVault | NewerFormat | WrongKey), (
                f"{where}: {out.describe()}"
            )
            tally["refused"] += 1
        else:
            if out.verify_ok:
                assert set(out.exported) == set(base.items), f"{where}: {out.describe()}"
            if out.export_errors or out.list_error or out.listed_damaged:
                assert not out.verify_ok, f"{where}: verify said OK: {out.describe()}"
            tally["exact" if len(out.exported) == len(base.items) else "some damaged"] += 1
        path.unlink()
    # The sample must actually have hit something (else the test proves nothing).
    assert tally["refused"] >= 5 and tally["some damaged"] >= 20, tally
