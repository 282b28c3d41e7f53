"""Whole-vault operations: verify, change passphrase, re-key, verified backup (FORMAT.md §8)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from locker import files
from locker.i18n import _, ngettext
from locker.vault import container, kdf, keyslots
from locker.vault.crypto import KEY_LEN, ChunkCipher, open_sealed, record_key, seal
from locker.vault.custody import LogEntry
from locker.vault.errors import Cancelled, Damaged, InvalidInput, StorageError, VaultError
from locker.vault.vault import LockedVault, Vault

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]


@dataclass
class VerifyReport:
    records: int = 0
    blobs: int = 0
    bytes_checked: int = 0
    log_entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        files = ngettext("{n} file", "{n} files", self.blobs).format(n=self.blobs)
        entries = ngettext("{n} custody-log entry", "{n} custody-log entries", self.log_entries)
        entries = entries.format(n=self.log_entries)
        if self.ok:
            return _("Checked {files} and {entries}: everything is intact.").format(
                files=files, entries=entries
            )
        return ngettext(
            "Checked {files} and {entries}: {n} problem found.",
            "Checked {files} and {entries}: {n} problems found.",
            len(self.problems),
        ).format(files=files, entries=entries, n=len(self.problems))


def verify(
    vault: Vault,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    record: bool = True,
    checks: Sequence[Callable[[Vault, list[LogEntry]], list[str]]] = (),
) -> VerifyReport:
    """Re-hash every stored file, check every record and the custody-log chain.

    ``checks`` are the domain's own consistency checks (given the readable custody entries),
    e.g. that every item the log says was added is still there. With ``record`` the result is
    added to the custody log (if the vault can be written).
    """
    report = VerifyReport()
    integrity = vault.query("PRAGMA integrity_check")
    if not integrity or integrity[0][0] != "ok":
        report.problems.append(_("The vault file's internal structure is damaged."))
    # A damaged recovery-key slot must show up now, not on the day the passphrase is forgotten.
    for slot_no, slot_name in (
        (keyslots.PASSPHRASE_SLOT, _("passphrase key slot")),
        (keyslots.RECOVERY_SLOT, _("recovery key slot")),
    ):
        try:
            with vault._lock, container.sqlite_errors():
                keyslots.check(vault.conn, vault.vault_id, slot_no)
        except Damaged:
            report.problems.append(
                _("The {slot} is damaged; the vault may no longer open with it.").format(
                    slot=slot_name
                )
            )
    for table, record_id, fld, sealed in vault.query(
        "SELECT tbl, id, field, data FROM record ORDER BY rowid"
    ):
        report.records += 1
        try:
            vault._open(table, record_id, fld, sealed)
        except Damaged:
            report.problems.append(
                _("Record {what} is damaged.").format(what=f"{table}/{record_id}/{fld}")
            )
    blob_ids = vault.blob_ids()
    for n, blob_hex in enumerate(blob_ids):
        report.blobs += 1
        try:
            for chunk in vault.read_blob(blob_hex, cancelled):
                report.bytes_checked += len(chunk)
        except Damaged as exc:
            report.problems.append(_("Stored file {id}: {part}").format(id=blob_hex, part=exc.part))
        if progress is not None:
            progress(n + 1, len(blob_ids))
    entries, log_problems = vault.custody_log()
    report.log_entries = len(entries)
    report.problems.extend(log_problems)
    for check in checks:
        report.problems.extend(check(vault, entries))
    if record:
        with contextlib.suppress(VaultError):
            vault.append_log("verify", None, report.summary())
    return report


def change_passphrase(
    vault: Vault, new_passphrase: str, params: kdf.Argon2Params | None = None
) -> None:
    """Rewrite the passphrase slot. The master key (and so every record) stays the same."""
    kdf.check_new_passphrase(new_passphrase)
    params = _new_slot_params(vault, params)
    master = _master(vault)
    slot = keyslots.passphrase_slot(vault.vault_id, new_passphrase, params, master)
    with vault.transaction() as conn:
        keyslots.store(conn, slot)
        vault.append_log("passphrase-changed", None, _("The passphrase was changed."))


def _new_slot_params(vault: Vault, params: kdf.Argon2Params | None) -> kdf.Argon2Params:
    """The cost for a new passphrase slot: as given, else the current slot's. If the current slot
    is damaged or asks for a cost we refuse (the vault was opened with the recovery key to repair
    exactly that), measure afresh instead of refusing."""
    if params is not None:
        params.check_for_creation()
        return params
    try:
        return vault.kdf_params()
    except Damaged:
        return kdf.calibrate()


def _master(vault: Vault) -> bytes:
    key = vault._master
    if key is None:
        raise VaultError(_("The vault is locked."))
    return key


def rekey(
    vault: Vault,
    new_passphrase: str,
    params: kdf.Argon2Params | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> str:
    """Make a new master key, re-encrypt everything under it, and replace both key slots.

    For "someone may know my passphrase or have my recovery key". Returns the new recovery key
    (the old one stops working). All in one transaction: a crash leaves the old vault intact.
    """
    kdf.check_new_passphrase(new_passphrase)
    params = _new_slot_params(vault, params)
    old_master = _master(vault)
    old_rkey = record_key(old_master, vault.vault_id)
    new_master = os.urandom(KEY_LEN)
    new_rkey = record_key(new_master, vault.vault_id)
    recovery = kdf.new_recovery_key()
    pslot = keyslots.passphrase_slot(vault.vault_id, new_passphrase, params, new_master)
    rslot = keyslots.recovery_slot(vault.vault_id, recovery, new_master)
    vid = vault.vault_id

    def reseal(table: str, record_id: str, fld: str, sealed: bytes) -> bytes:
        ad = vault._ad(table, record_id, fld)
        try:
            plain = open_sealed(old_rkey, sealed, ad)
        except Exception as exc:
            raise Damaged(f"{table}/{record_id}/{fld}") from exc
        return seal(new_rkey, plain, ad)

    # The vault object holds the new keys only once the transaction has committed: if anything
    # fails, COMMIT included, it keeps the old ones (and the file is as it was).
    try:
        with vault.transaction() as conn, container.sqlite_errors():
            rows = conn.execute("SELECT rowid, tbl, id, field, data FROM record").fetchall()
            for rowid, table, record_id, fld, sealed in rows:
                conn.execute(
                    "UPDATE record SET data = ? WHERE rowid = ?",
                    (reseal(table, record_id, fld, sealed), rowid),
                )
            for seq, sealed in conn.execute("SELECT seq, data FROM custody").fetchall():
                conn.execute(
                    "UPDATE custody SET data = ? WHERE seq = ?",
                    (reseal("custody", str(seq), "entry", sealed), seq),
                )
            blob_rows = conn.execute("SELECT blob, max(idx) FROM chunk GROUP BY blob").fetchall()
            total = len(blob_rows)
            for n, (blob_hex, last) in enumerate(blob_rows):
                try:
                    old_c = ChunkCipher(old_master, vid, bytes.fromhex(blob_hex))
                    new_c = ChunkCipher(new_master, vid, bytes.fromhex(blob_hex))
                except (TypeError, ValueError) as exc:  # a blob id that is not 32 hex digits
                    raise Damaged(_("stored file {id}").format(id=blob_hex)) from exc
                for idx in range(last + 1):
                    if cancelled is not None and cancelled():
                        raise Cancelled()
                    row = conn.execute(
                        "SELECT rowid, data FROM chunk WHERE blob = ? AND idx = ?", (blob_hex, idx)
                    ).fetchone()
                    if row is None:
                        raise Damaged(_("stored file {id}").format(id=blob_hex))
                    try:
                        plain = old_c.decrypt(idx, row[1], final=idx == last)
                    except Exception as exc:
                        raise Damaged(_("stored file {id}").format(id=blob_hex)) from exc
                    conn.execute(
                        "UPDATE chunk SET data = ? WHERE rowid = ?",
                        (new_c.encrypt(idx, plain, final=idx == last), row[0]),
                    )
                if progress is not None:
                    progress(n + 1, total)
            keyslots.store(conn, pslot)
            keyslots.store(conn, rslot)
            vault._master = new_master
            vault._record_key = new_rkey
            vault.append_log(
                "rekey",
                None,
                _("New master key: everything re-encrypted; new passphrase and recovery key."),
            )
    except BaseException:
        vault._master, vault._record_key = old_master, old_rkey
        raise
    return kdf.format_recovery_key(recovery)


def backup(
    vault: Vault,
    dest: str | os.PathLike[str],
    force: bool = False,
    progress: Progress | None = None,
) -> VerifyReport:
    """Copy the vault to ``dest`` and verify the copy fully before it takes the final name."""
    target = Path(dest)
    if target.is_dir():
        raise InvalidInput(_("That is a folder. Please give a file name for the backup copy."))
    if target.exists() and not force:
        raise InvalidInput(
            _("A file with that name already exists. Choose another name, or use --force.")
        )
    if files.is_same_file(target, vault.path):
        raise InvalidInput(_("The backup can't replace the vault itself."))
    partial = files.sibling_partial(target)
    copy = container.create_file(partial)  # O_EXCL: never truncates an existing file
    try:
        with vault._lock, container.sqlite_errors():
            vault.conn.backup(copy)
        copy.close()
        _fsync(partial)
        report = _verify_copy(vault, partial)
        if not report.ok:
            raise Damaged(
                _("the backup copy"),
                _("The backup copy did not verify, so it was removed: {problem}").format(
                    problem=report.problems[0]
                ),
            )
        os.replace(partial, target)
        files.fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(Exception):
            copy.close()
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    with contextlib.suppress(VaultError):
        vault.append_log("backup", None, _("A verified backup copy was made."))
    return report


def _verify_copy(vault: Vault, path: Path) -> VerifyReport:
    locked = LockedVault.open(path)
    try:
        if locked.vault_id != vault.vault_id:
            raise Damaged(_("the backup copy"))
        for slot_no in (keyslots.PASSPHRASE_SLOT, keyslots.RECOVERY_SLOT):
            mine = keyslots.load(vault.conn, vault.vault_id, slot_no)
            theirs = keyslots.load(locked._conn, locked.vault_id, slot_no)
            if mine != theirs:
                raise Damaged(_("the backup copy's key slots"))
        copy = Vault(path, locked._conn, vault.vault_id, _master(vault))
        report = verify(copy, record=False)
    finally:
        locked.close()
    return report


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StorageError(
            _("The backup copy could not be written ({detail}).").format(detail=exc.strerror or exc)
        ) from exc


__all__ = ["VerifyReport", "backup", "change_passphrase", "rekey", "verify"]
