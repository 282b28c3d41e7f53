"""The Vault: open, unlock, records, blobs, custody log, passphrase change, re-key, backup.

A :class:`LockedVault` is an opened file whose header has been read; unlocking it with the
passphrase or the recovery key gives a :class:`Vault`, which holds the master key in memory
until :meth:`Vault.lock`. Every user action is one SQLite transaction (FORMAT.md §2.3).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from locker.i18n import _
from locker.vault import blobs, container, custody, kdf, keyslots
from locker.vault.blobs import BlobInfo
from locker.vault.crypto import (
    KEY_LEN,
    VAULT_ID_LEN,
    AuthenticationFailed,
    ChunkCipher,
    associated_data,
    open_sealed,
    record_key,
    seal,
)
from locker.vault.errors import Damaged, InvalidInput, VaultError

Row = tuple[Any, ...]


def _slot_params(conn: sqlite3.Connection, vault_id: bytes) -> kdf.Argon2Params:
    with container.sqlite_errors(_("passphrase key slot")):
        return keyslots.argon2_params(keyslots.load(conn, vault_id, keyslots.PASSPHRASE_SLOT))


class LockedVault:
    """An opened vault file whose key is not yet known.

    The unlocked :class:`Vault` takes over its SQLite connection: once that vault is locked,
    this object is closed too; open the file again to unlock it again.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, header: container.Header) -> None:
        self.path = path
        self._conn = conn
        self.vault_id = header.vault_id
        self.format_version = header.format_version

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> LockedVault:
        """Open an existing vault file; raises NotAVault, NewerFormat, Damaged or StorageError."""
        p = Path(path)
        conn, header = container.open_file(p)
        return cls(p, conn, header)

    def kdf_params(self) -> kdf.Argon2Params:
        """The passphrase slot's Argon2id cost (checked against the read caps)."""
        return _slot_params(self._conn, self.vault_id)

    def unlock(self, passphrase: str) -> Vault:
        """Derive the key from the passphrase (slow: about a second) and open the vault."""
        if not passphrase:
            raise InvalidInput(_("No passphrase was entered."))
        with container.sqlite_errors(_("passphrase key slot")):
            master = keyslots.unwrap_with_passphrase(self._conn, self.vault_id, passphrase)
        return Vault(self.path, self._conn, self.vault_id, master)

    def unlock_with_recovery_key(self, key_text: str) -> Vault:
        """Open with the recovery key; the custody log records that it was used."""
        with container.sqlite_errors(_("recovery key slot")):
            master = keyslots.unwrap_with_recovery_key(self._conn, self.vault_id, key_text)
        vault = Vault(self.path, self._conn, self.vault_id, master)
        with contextlib.suppress(VaultError):  # read-only media: still let the user in
            vault.append_log(
                "recovery-key-used", None, _("The vault was opened with the recovery key.")
            )
        return vault

    def close(self) -> None:
        self._conn.close()


class Vault:
    """An unlocked vault. Thread-safe: every database access holds one lock."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, vault_id: bytes, master_key: bytes
    ) -> None:
        self.path = path
        self.vault_id = vault_id
        self._conn: sqlite3.Connection | None = conn
        self._master: bytes | None = master_key
        self._record_key: bytes | None = record_key(master_key, vault_id)
        self._lock = threading.RLock()
        self._tx_depth = 0

    # --- creation ------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        params: kdf.Argon2Params | None = None,
    ) -> tuple[Vault, str]:
        """Create a new vault file. Returns the unlocked vault and the recovery key text,
        which must be shown to the user once and is never stored."""
        kdf.check_new_passphrase(passphrase)
        if params is not None:
            params.check_for_creation()
        p = Path(path)
        # Claim the file name first: an existing file is refused before the slow calibration.
        conn = container.create_file(p)
        try:
            if params is None:
                params = kdf.calibrate()
            vault_id = os.urandom(VAULT_ID_LEN)
            master = os.urandom(KEY_LEN)
            recovery = kdf.new_recovery_key()
            pslot = keyslots.passphrase_slot(vault_id, passphrase, params, master)
            rslot = keyslots.recovery_slot(vault_id, recovery, master)
            vault = cls(p, conn, vault_id, master)
            with vault.transaction():
                container.write_schema(conn, vault_id)
                keyslots.store(conn, pslot)
                keyslots.store(conn, rslot)
                vault.append_log("vault-created", None, _("Vault created."), genesis=True)
        except BaseException:
            conn.close()
            with contextlib.suppress(OSError):
                p.unlink()
            raise
        return vault, kdf.format_recovery_key(recovery)

    # --- plumbing ------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise VaultError(_("The vault is locked."))
        return self._conn

    def kdf_params(self) -> kdf.Argon2Params:
        """The Argon2id cost of the current passphrase slot."""
        return _slot_params(self.conn, self.vault_id)

    @property
    def is_locked(self) -> bool:
        return self._conn is None

    def _key(self) -> bytes:
        if self._record_key is None:
            raise VaultError(_("The vault is locked."))
        return self._record_key

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[Row]:
        with self._lock, container.sqlite_errors():
            return self.conn.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action = one transaction; nested uses join the outer one."""
        with self._lock:
            conn = self.conn
            if self._tx_depth:
                self._tx_depth += 1
                try:
                    yield conn
                finally:
                    self._tx_depth -= 1
                return
            with container.sqlite_errors():
                conn.execute("BEGIN IMMEDIATE")
            self._tx_depth = 1
            try:
                yield conn
                with container.sqlite_errors():
                    conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            finally:
                self._tx_depth = 0

    def lock(self) -> None:
        """Forget the keys and close the file. (Python cannot promise the bytes are wiped
        from memory; dropping every reference is the most it can do.)"""
        with self._lock:
            self._master = None
            self._record_key = None
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    # --- records (FORMAT.md §4) ---------------------------------------------------------------

    def _ad(self, table: str, record_id: str, field: str) -> bytes:
        return associated_data(self.vault_id, table, record_id, field)

    def put(self, table: str, record_id: str, field: str, plaintext: bytes) -> None:
        sealed = seal(self._key(), plaintext, self._ad(table, record_id, field))
        with self.transaction() as conn, container.sqlite_errors():
            conn.execute(
                "INSERT OR REPLACE INTO record (tbl, id, field, data) VALUES (?, ?, ?, ?)",
                (table, record_id, field, sealed),
            )

    def _open(self, table: str, record_id: str, field: str, sealed: object) -> bytes:
        # Rows read from the file may hold any SQLite type (a flipped type byte makes a text
        # column a blob): anything but text names and blob data is damage, not a crash.
        if not isinstance(sealed, bytes) or not all(
            isinstance(part, str) for part in (table, record_id, field)
        ):
            raise Damaged(f"{table} {record_id} {field}")
        try:
            return open_sealed(self._key(), sealed, self._ad(table, record_id, field))
        except (AuthenticationFailed, ValueError) as exc:  # ValueError: name too long for the AD
            raise Damaged(f"{table} {record_id} {field}") from exc

    def get(self, table: str, record_id: str, field: str) -> bytes | None:
        """The decrypted record, or None if there is none; Damaged if it fails its check."""
        rows = self.query(
            "SELECT data FROM record WHERE tbl = ? AND id = ? AND field = ?",
            (table, record_id, field),
        )
        return self._open(table, record_id, field, rows[0][0]) if rows else None

    def scan(self, table: str, field: str) -> tuple[list[tuple[str, bytes]], list[str]]:
        """All records of one table and field: (id, plaintext) pairs and the ids that are damaged."""
        good: list[tuple[str, bytes]] = []
        damaged: list[str] = []
        for record_id, sealed in self.query(
            "SELECT id, data FROM record WHERE tbl = ? AND field = ? ORDER BY rowid",
            (table, field),
        ):
            try:
                good.append((record_id, self._open(table, record_id, field, sealed)))
            except Damaged:
                damaged.append(str(record_id))
        return good, damaged

    def delete(self, table: str, record_id: str, field: str | None = None) -> None:
        """Delete a record's fields (all of them, or only ``field``)."""
        with self.transaction() as conn, container.sqlite_errors():
            if field is None:
                conn.execute("DELETE FROM record WHERE tbl = ? AND id = ?", (table, record_id))
            else:
                conn.execute(
                    "DELETE FROM record WHERE tbl = ? AND id = ? AND field = ?",
                    (table, record_id, field),
                )

    def put_json(self, table: str, record_id: str, field: str, obj: object) -> bytes:
        """Store ``obj`` as JSON; returns the exact plaintext bytes written."""
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.put(table, record_id, field, data)
        return data

    def get_json(self, table: str, record_id: str, field: str) -> Any:
        data = self.get(table, record_id, field)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError as exc:
            raise Damaged(f"{table} {record_id} {field}") from exc

    # --- blobs (FORMAT.md §6) -------------------------------------------------------------

    def _chunk_cipher(self, blob_hex: str) -> ChunkCipher:
        if self._master is None:
            raise VaultError(_("The vault is locked."))
        return ChunkCipher(self._master, self.vault_id, bytes.fromhex(blob_hex))

    def write_blob(
        self,
        stream: BinaryIO,
        progress: blobs.Progress | None = None,
        cancelled: blobs.CancelCheck | None = None,
    ) -> BlobInfo:
        """Stream ``stream`` into a new blob (inside the caller's transaction)."""
        with self.transaction() as conn, container.sqlite_errors():
            blob_id = blobs.new_blob_id()
            while conn.execute("SELECT 1 FROM chunk WHERE blob = ?", (blob_id.hex(),)).fetchone():
                blob_id = blobs.new_blob_id()
            info = blobs.write_blob(
                conn, self._chunk_cipher(blob_id.hex()), blob_id, stream, progress, cancelled
            )
            self.put_json("blob", info.blob_id, "info", info.to_json())
            return info

    def blob_info(self, blob_hex: str) -> BlobInfo:
        obj = self.get_json("blob", blob_hex, "info")
        if not isinstance(obj, dict):
            raise Damaged(_("file record {id}").format(id=blob_hex))
        try:
            return BlobInfo(blob_hex, int(obj["size"]), str(obj["sha256"]), int(obj["chunks"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise Damaged(_("file record {id}").format(id=blob_hex)) from exc

    def read_blob(
        self, blob_hex: str, cancelled: blobs.CancelCheck | None = None
    ) -> Iterator[bytes]:
        """Yield the original bytes; raises Damaged (after the last good chunk) on any problem."""
        info = self.blob_info(blob_hex)
        return blobs.read_blob(self.query, self._chunk_cipher(blob_hex), info, cancelled)

    def delete_blob(self, blob_hex: str) -> None:
        """Delete a blob: its chunks and its info record (inside the caller's transaction).

        ``secure_delete`` zeroes the freed pages in the vault file; FORMAT.md §9 says what that
        cannot reach (the rollback journal's old blocks, backups, earlier copies)."""
        with self.transaction() as conn, container.sqlite_errors():
            conn.execute("DELETE FROM chunk WHERE blob = ?", (blob_hex,))
            conn.execute("DELETE FROM record WHERE tbl = 'blob' AND id = ?", (blob_hex,))

    def blob_ids(self) -> list[str]:
        """Every blob with chunks in the file, whether or not it has an info record."""
        rows = self.query("SELECT DISTINCT blob FROM chunk")
        info_rows = self.query("SELECT id FROM record WHERE tbl = 'blob' AND field = 'info'")
        return sorted({str(r[0]) for r in rows} | {str(r[0]) for r in info_rows})

    # --- custody log (FORMAT.md §7) --------------------------------------------------------

    def append_log(
        self,
        action: str,
        item: str | None,
        summary: str,
        record: str | None = None,
        *,
        genesis: bool = False,
    ) -> custody.LogEntry:
        """Append one custody entry (in the caller's transaction, if any).

        Only :meth:`create` writes the first entry (``genesis``): a vault whose log head is
        missing refuses new entries instead of silently starting a fresh log.
        """
        with self.transaction() as conn:
            head = self.get_json("meta", "custody", "head")
            if head is None and not genesis:
                raise Damaged(_("custody log head"))
            if head is not None and (
                genesis
                or not isinstance(head.get("seq"), int)
                or not isinstance(head.get("hash"), str)
            ):
                raise Damaged(_("custody log head"))
            seq = int(head["seq"]) + 1 if head else 1
            prev = str(head["hash"]) if head else custody.GENESIS_HASH
            plaintext = custody.entry_plaintext(
                seq, custody.now_utc(), action, item, summary, prev, record
            )
            sealed = seal(self._key(), plaintext, self._ad("custody", str(seq), "entry"))
            with container.sqlite_errors():
                conn.execute("INSERT INTO custody (seq, data) VALUES (?, ?)", (seq, sealed))
            entry = custody.parse_entry(plaintext)
            self.put_json("meta", "custody", "head", {"seq": seq, "hash": entry.hash})
            return entry

    def custody_log(self) -> tuple[list[custody.LogEntry], list[str]]:
        """Every entry, checked: returns (readable entries, problems found in the chain)."""
        entries: list[custody.LogEntry] = []
        problems: list[str] = []
        prev = custody.GENESIS_HASH
        expected = 1
        for seq, sealed in self.query("SELECT seq, data FROM custody ORDER BY seq"):
            if seq == expected + 1:
                problems.append(_("Custody log: entry {n} is missing.").format(n=expected))
            elif seq != expected:
                problems.append(
                    _("Custody log: entries {a}–{b} are missing.").format(a=expected, b=seq - 1)
                )
            expected = seq + 1
            try:
                entry = custody.parse_entry(self._open("custody", str(seq), "entry", sealed))
            except (Damaged, ValueError):
                problems.append(_("Custody log: entry {n} is damaged.").format(n=seq))
                prev = ""
                continue
            if entry.seq != seq:
                problems.append(_("Custody log: entry {n} is out of place.").format(n=seq))
            elif prev and entry.prev != prev:
                problems.append(
                    _("Custody log: entry {n} does not follow from the one before it.").format(
                        n=seq
                    )
                )
            prev = entry.hash
            entries.append(entry)
        if (
            not entries
            or entries[0].seq != 1
            or entries[0].action != "vault-created"
            or (entries[0].prev != custody.GENESIS_HASH)
        ):
            problems.append(
                _("Custody log: its first entry (the vault's creation) is missing or changed.")
            )
        try:
            head = self.get_json("meta", "custody", "head")
        except Damaged:
            head = None
        if not head or head.get("seq") != expected - 1 or (prev and head.get("hash") != prev):
            problems.append(
                _(
                    "Custody log: its newest entries were removed or changed (the head does not match)."
                )
            )
        return entries, problems
