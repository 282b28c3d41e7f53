"""Streamed, chunked blob storage (FORMAT.md §6): original files of any size.

A blob is split into 1 MiB plaintext chunks, each sealed with the blob's own key and a STREAM
nonce (counter ‖ final flag). Reordering, dropping, appending or swapping chunks all fail
authentication. Memory use does not grow with the file's size.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from locker.i18n import _
from locker.vault.crypto import (
    BLOB_ID_LEN,
    CHUNK_SIZE,
    AuthenticationFailed,
    ChunkCipher,
)
from locker.vault.errors import Cancelled, Damaged

Progress = Callable[[int], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class BlobInfo:
    """What the vault knows of a stored blob (kept encrypted as record blob/<id>/info)."""

    blob_id: str
    size: int
    sha256: str
    chunks: int

    def to_json(self) -> dict[str, object]:
        return {"size": self.size, "sha256": self.sha256, "chunks": self.chunks}


def new_blob_id() -> bytes:
    return os.urandom(BLOB_ID_LEN)


def _read_full(stream: BinaryIO, n: int) -> bytes:
    """Read exactly n bytes unless the stream ends (pipes may return short reads)."""
    parts = []
    remaining = n
    while remaining:
        data = stream.read(remaining)
        if not data:
            break
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)


def write_blob(
    conn: sqlite3.Connection,
    cipher: ChunkCipher,
    blob_id: bytes,
    stream: BinaryIO,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> BlobInfo:
    """Encrypt ``stream`` into chunk rows, hashing the original bytes as they are read.

    Must run inside the caller's transaction; on error the caller rolls back.
    """
    digest = hashlib.sha256()
    blob_hex = blob_id.hex()
    size = 0
    index = 0
    current = _read_full(stream, CHUNK_SIZE)
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        nxt = _read_full(stream, CHUNK_SIZE) if len(current) == CHUNK_SIZE else b""
        final = not nxt
        digest.update(current)
        size += len(current)
        conn.execute(
            "INSERT INTO chunk (blob, idx, data) VALUES (?, ?, ?)",
            (blob_hex, index, cipher.encrypt(index, current, final)),
        )
        index += 1
        if progress is not None:
            progress(size)
        if final:
            break
        current = nxt
    return BlobInfo(blob_hex, size, digest.hexdigest(), index)


def read_blob(
    query: Callable[[str, tuple[object, ...]], list[tuple[object, ...]]],
    cipher: ChunkCipher,
    info: BlobInfo,
    cancelled: CancelCheck | None = None,
) -> Iterator[bytes]:
    """Yield the blob's plaintext chunks, checking order, completeness, size and SHA-256.

    The last yield is only reached when every check passed; a caller writing the bytes out must
    discard what it wrote if this raises.
    """
    digest = hashlib.sha256()
    size = 0
    for index in range(info.chunks):
        if cancelled is not None and cancelled():
            raise Cancelled()
        rows = query("SELECT data FROM chunk WHERE blob = ? AND idx = ?", (info.blob_id, index))
        row = rows[0] if rows else None
        where = _("file contents, part {n} of {total}").format(n=index + 1, total=info.chunks)
        if row is None or not isinstance(row[0], bytes):
            raise Damaged(where)
        try:
            plain = cipher.decrypt(index, row[0], final=index == info.chunks - 1)
        except AuthenticationFailed as exc:
            raise Damaged(where) from exc
        digest.update(plain)
        size += len(plain)
        yield plain
    extra = query(
        "SELECT count(*) FROM chunk WHERE blob = ? AND (idx < 0 OR idx >= ?)",
        (info.blob_id, info.chunks),
    )[0][0]
    if extra or size != info.size or digest.hexdigest() != info.sha256:
        raise Damaged(_("file contents (they no longer match the SHA-256 taken at import)"))
