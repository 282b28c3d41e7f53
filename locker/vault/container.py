"""The vault file as an SQLite database (FORMAT.md §2): schema, pragmas, header, error mapping.

SQLite gives atomic, crash-safe transactions and keeps the vault one file that can be carried on
a USB stick. Every value in it except the small header and the key slots is AES-GCM ciphertext.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from locker.i18n import _
from locker.vault.crypto import FORMAT_VERSION, VAULT_ID_LEN
from locker.vault.errors import (
    Damaged,
    InvalidInput,
    NewerFormat,
    NotAVault,
    StorageError,
    StorageFull,
    VaultError,
)

APPLICATION_ID = 0x45564C4B  # "EVLK"
HEADER_MAGIC = "evidence-locker vault"
PAGE_SIZE = 65536
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_CHECK_PREFIX = b"EVLK header v1"

SCHEMA = """
CREATE TABLE header (
    singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
    magic          TEXT    NOT NULL,
    format_version INTEGER NOT NULL,
    vault_id       BLOB    NOT NULL,
    checksum       BLOB    NOT NULL
);
CREATE TABLE key_slot (
    slot     INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    params   TEXT NOT NULL,
    wrapped  BLOB NOT NULL,
    checksum BLOB NOT NULL
);
CREATE TABLE record (
    tbl   TEXT NOT NULL,
    id    TEXT NOT NULL,
    field TEXT NOT NULL,
    data  BLOB NOT NULL,
    PRIMARY KEY (tbl, id, field)
);
CREATE TABLE chunk (
    blob TEXT    NOT NULL,
    idx  INTEGER NOT NULL,
    data BLOB    NOT NULL,
    PRIMARY KEY (blob, idx)
);
CREATE TABLE custody (
    seq  INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);
"""


def header_checksum(format_version: int, vault_id: bytes) -> bytes:
    """First 16 bytes of SHA-256("EVLK header v1" ‖ u16be(version) ‖ vault_id) (§2.2)."""
    return hashlib.sha256(
        _HEADER_CHECK_PREFIX + struct.pack(">H", format_version) + vault_id
    ).digest()[:16]


def slot_checksum(vault_id: bytes, slot: int, kind: str, params: str, wrapped: bytes) -> bytes:
    """First 16 bytes of SHA-256 over the slot's stored values (§5.3).

    Not a security measure (the AEAD tag is); it tells "this slot was damaged or comes from
    another vault" apart from "wrong passphrase".
    """
    h = hashlib.sha256(b"EVLK key slot v1" + vault_id + struct.pack(">I", slot))
    for part in (kind.encode(), params.encode(), wrapped):
        h.update(struct.pack(">I", len(part)) + part)
    return h.digest()[:16]


@contextlib.contextmanager
def sqlite_errors(part: str = "") -> Iterator[None]:
    """Turn SQLite's exceptions into the vault's distinct, plain-worded errors."""
    try:
        yield
    except VaultError:
        raise
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, part) from exc
    except MemoryError as exc:  # a crafted page can ask SQLite for absurd allocations
        raise Damaged(part or _("vault file structure")) from exc
    except UnicodeDecodeError as exc:  # SQLite's error text quotes a damaged, non-UTF-8 schema
        raise Damaged(part or _("vault file structure")) from exc


def translate_sqlite_error(exc: sqlite3.DatabaseError, part: str = "") -> VaultError:
    text = str(exc).lower()
    if "full" in text:
        return StorageFull()
    if "not a database" in text:
        return NotAVault(_("This file is not an Evidence Locker vault."))
    if any(
        words in text
        for words in ("malformed", "corrupt", "could not decode", "unsupported file format")
    ):
        # "could not decode to UTF-8": a text column holds bytes that are not UTF-8;
        # "unsupported file format": a damaged schema-format byte in the SQLite header.
        return Damaged(part or _("vault file structure"))
    if "readonly" in text or "read-only" in text:
        return StorageError(
            _("The vault is on a drive that can't be written to. Nothing was changed.")
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            _("The vault is in use by another window or program. Close it there and try again.")
        )
    if "no such table" in text or "no such column" in text:
        return Damaged(part or _("vault file structure"))
    return StorageError(
        _("The vault file could not be read or written ({detail}). Nothing was changed.").format(
            detail=str(exc)
        )
    )


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    # FULL: a commit is on disk before we report success. secure_delete: freed pages are zeroed.
    # temp_store=MEMORY: SQLite's own temp files never reach the disk.
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


@dataclass
class Header:
    format_version: int
    vault_id: bytes


def create_file(path: Path) -> sqlite3.Connection:
    """Create a new, empty vault file (schema only) and return an open connection.

    Refuses to touch an existing file.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise InvalidInput(_("A file with that name already exists. Choose another name.")) from exc
    except IsADirectoryError as exc:
        raise InvalidInput(_("That is a folder. Please give a file name for the vault.")) from exc
    except OSError as exc:
        raise StorageError(
            _("The vault file could not be created there ({detail}).").format(
                detail=exc.strerror or exc
            )
        ) from exc
    os.close(fd)
    try:
        with sqlite_errors():
            conn = _connect(path.resolve().as_uri() + "?mode=rw")
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            _apply_pragmas(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
            return conn
    except VaultError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def write_schema(conn: sqlite3.Connection, vault_id: bytes) -> None:
    """Create the tables and the header row (inside the caller's transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(
        "INSERT INTO header VALUES (1, ?, ?, ?, ?)",
        (HEADER_MAGIC, FORMAT_VERSION, vault_id, header_checksum(FORMAT_VERSION, vault_id)),
    )


def _check_file(path: Path) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise StorageError(_("There is no vault file at that place.")) from exc
    except OSError as exc:
        raise StorageError(
            _("The vault file could not be read ({detail}).").format(detail=exc.strerror or exc)
        ) from exc
    if stat.S_ISDIR(st.st_mode):
        raise StorageError(_("That is a folder, not a vault file."))
    if not stat.S_ISREG(st.st_mode):
        # Opening a pipe for reading would wait, forever, for some other program to write.
        raise NotAVault(
            _(
                "This is not a vault file but a special file (such as a pipe or a device). "
                "Please choose the vault file itself."
            )
        )
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StorageError(
            _("The vault file could not be read ({detail}).").format(detail=exc.strerror or exc)
        ) from exc
    if not head.startswith(SQLITE_MAGIC):
        raise NotAVault(_("This file is not an Evidence Locker vault."))
    if len(head) < 100:
        raise Damaged(_("the file is cut short"))
    if struct.unpack(">I", head[68:72])[0] != APPLICATION_ID:  # SQLite's application_id field
        raise NotAVault(_("This file is not an Evidence Locker vault."))


def _check_not_cut_short(path: Path) -> None:
    """A file whose SQLite header declares more pages than it holds was cut off (FORMAT.md §2.1).

    Only meaningful once SQLite has opened the file: after a crash mid-commit the header may
    rightly declare pages that the hot journal's roll-back then removes.
    """
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StorageError(
            _("The vault file could not be read ({detail}).").format(detail=exc.strerror or exc)
        ) from exc
    if len(head) < 100:
        raise Damaged(_("the file is cut short"))
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", head[28:32])[0]
    change_counter = struct.unpack(">I", head[24:28])[0]
    valid_for = struct.unpack(">I", head[92:96])[0]
    if pages and change_counter == valid_for and pages * page_size > size:
        raise Damaged(
            _("the file is cut short"),
            _(
                "The vault file is shorter than it should be; it may have been cut off while "
                "copying. Try another copy or a backup."
            ),
        )


def open_file(path: Path) -> tuple[sqlite3.Connection, Header]:
    """Open an existing vault file and read its plaintext header. Never creates a file."""
    _check_file(path)
    uri = path.resolve().as_uri()
    with sqlite_errors(_("vault header")):
        try:
            conn = _connect(uri + "?mode=rw")
        except sqlite3.OperationalError:
            conn = _connect(uri + "?mode=ro")  # read-only media: listing and export still work
        try:
            try:
                _apply_pragmas(conn)
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]  # rolls back a crash
            except sqlite3.DatabaseError:
                _check_not_cut_short(path)  # the more useful answer, if that is what it is
                raise
            if app_id != APPLICATION_ID:
                raise NotAVault(_("This file is not an Evidence Locker vault."))
            _check_not_cut_short(path)
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            if user_version > FORMAT_VERSION:
                raise NewerFormat(
                    _(
                        "This vault was made by a newer version of Evidence Locker. "
                        "Please open it with that version or a later one."
                    )
                )
            row = conn.execute(
                "SELECT magic, format_version, vault_id, checksum FROM header WHERE singleton = 1"
            ).fetchone()
            if row is None:
                raise Damaged(_("vault header"))
            magic, version, vault_id, checksum = row
            if not isinstance(version, int) or not 0 < version <= 0xFFFF:
                raise Damaged(_("vault header"))
            if version > FORMAT_VERSION:
                raise NewerFormat(
                    _(
                        "This vault was made by a newer version of Evidence Locker. "
                        "Please open it with that version or a later one."
                    )
                )
            if (
                magic != HEADER_MAGIC
                or not isinstance(vault_id, bytes)
                or len(vault_id) != VAULT_ID_LEN
                or checksum != header_checksum(version, vault_id)
            ):
                raise Damaged(_("vault header"))
        except BaseException:
            conn.close()
            raise
    return conn, Header(version, vault_id)
