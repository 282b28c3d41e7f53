"""Helpers for the vault attack tests (tests/vault): build a small vault, change it behind the
program's back, and look at it the way a user would (open, list, export, verify).

The one rule every tamper test checks through :func:`examine`: an export gives the exact original
bytes or fails with one of the vault's own errors; nothing ever raises an exception that is not a
``VaultError``.
"""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import PASSPHRASE

MIB = 1024 * 1024


def content(seed: int, size: int) -> bytes:
    """Deterministic pseudo-random bytes (incompressible, like a photo)."""
    return random.Random(seed).randbytes(size)


@dataclass
class Item:
    id: str
    blob: str
    data: bytes
    name: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class BuiltVault:
    path: Path
    recovery: str
    items: dict[str, Item]  # by name

    def copy_to(self, dest: Path) -> Path:
        shutil.copyfile(self.path, dest)
        return dest


def build_vault(path: Path, files: dict[str, bytes], passphrase: str = PASSPHRASE) -> BuiltVault:
    """A vault at the KDF floor holding ``files`` (name -> bytes), added like the CLI does."""
    from locker.case import evidence
    from locker.vault import Argon2Params, Vault

    vault, recovery = Vault.create(path, passphrase, Argon2Params.floor())
    items: dict[str, Item] = {}
    try:
        for name, data in files.items():
            item = evidence.add_stream(vault, io.BytesIO(data), original_name=name)
            items[name] = Item(item.id, item.blob, data, name)
    finally:
        vault.lock()
    return BuiltVault(path, recovery, items)


# --- changing the file behind the program's back ---------------------------------------------


def sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> int:
    """Run one statement on the vault file with plain sqlite3; returns the changed row count."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        cur = conn.execute(statement, params)
        return cur.rowcount
    finally:
        conn.close()


def fetch(path: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def flip(data: bytes, pos: int, mask: int = 0x01) -> bytes:
    b = bytearray(data)
    b[pos] ^= mask
    return bytes(b)


def flip_raw(path: Path, stored: bytes, at: int | None = None, mask: int = 0x01) -> int:
    """Flip one byte of the raw file where the (unique) ``stored`` value lies; returns the offset.

    ``stored`` should be short enough to sit inside one page (say, at most a few hundred bytes),
    e.g. a slice of a stored value read with :func:`fetch`.
    """
    raw = path.read_bytes()
    start = raw.find(stored)
    assert start >= 0, "stored value not found in the file"
    assert raw.find(stored, start + 1) == -1, "stored value is not unique in the file"
    offset = start + (len(stored) // 2 if at is None else at)
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(bytes([raw[offset] ^ mask]))
    return offset


def flip_offset(path: Path, offset: int, mask: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        old = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([old ^ mask]))


# --- looking at it as the user would ----------------------------------------------------------


@dataclass
class Outcome:
    open_error: Exception | None = None
    exported: dict[str, bool] = field(default_factory=dict)  # name -> True (exact bytes)
    export_errors: dict[str, Exception] = field(default_factory=dict)  # name -> VaultError
    listed_damaged: list[str] = field(default_factory=list)
    list_error: Exception | None = None
    verify_problems: list[str] | None = None  # None: verify could not run
    verify_error: Exception | None = None

    @property
    def opened(self) -> bool:
        return self.open_error is None

    @property
    def verify_ok(self) -> bool:
        return self.verify_problems is not None and not self.verify_problems

    def describe(self) -> str:
        return (
            f"open_error={self.open_error!r} exported={sorted(self.exported)} "
            f"export_errors={ {k: repr(v) for k, v in self.export_errors.items()} } "
            f"listed_damaged={self.listed_damaged} list_error={self.list_error!r} "
            f"verify_problems={self.verify_problems} verify_error={self.verify_error!r}"
        )


def examine(
    path: Path,
    items: dict[str, Item],
    outdir: Path,
    *,
    recovery: str | None = None,
    run_verify: bool = True,
) -> Outcome:
    """Open the vault (passphrase, or ``recovery`` key), export every item, list, verify.

    Fails the test at once if an export yields bytes that differ from the original, if a failed
    export leaves a file behind, or if anything raises an exception that is not a VaultError.
    """
    from locker.case import evidence, export
    from locker.vault import LockedVault, VaultError, verify

    out = Outcome()
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        locked = LockedVault.open(path)
    except VaultError as exc:
        out.open_error = exc
        return out
    try:
        if recovery is None:
            vault = locked.unlock(PASSPHRASE)
        else:
            vault = locked.unlock_with_recovery_key(recovery)
    except VaultError as exc:
        locked.close()
        out.open_error = exc
        return out
    try:
        for name, item in items.items():
            target = outdir / f"{item.id}.out"
            try:
                export.export_item(vault, item.id, target, force=True)
            except VaultError as exc:
                out.export_errors[name] = exc
                assert not target.exists() or target.read_bytes() == item.data, (
                    f"a failed export of {name} left different bytes behind"
                )
            else:
                got = target.read_bytes()
                assert got == item.data, (
                    f"WRONG BYTES: export of {name} succeeded with {len(got)} bytes that differ "
                    f"from the original {len(item.data)} bytes"
                )
                out.exported[name] = True
            finally:
                partial = target.with_name(target.name + ".partial")
                assert not partial.exists(), f"export of {name} left {partial.name} behind"
                target.unlink(missing_ok=True)
        try:
            _, out.listed_damaged = evidence.list_items(vault)
        except VaultError as exc:
            out.list_error = exc
        if run_verify:
            try:
                out.verify_problems = list(verify(vault).problems)
            except VaultError as exc:
                out.verify_error = exc
    finally:
        vault.lock()
    return out


def verify_problems(path: Path, passphrase: str = PASSPHRASE) -> list[str]:
    """What `locker verify` (the vault's checks plus the case cross-checks) finds."""
    from locker.case import integrity
    from locker.vault import LockedVault

    vault = LockedVault.open(path).unlock(passphrase)
    try:
        return integrity.verify_case(vault).problems
    finally:
        vault.lock()
