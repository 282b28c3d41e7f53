"""Streamed, chunked blob storage (FORMAT.md §6): original files of any size.

A blob is split into 1 MiB plaintext chunks, each sealed with the blob's own key and a STREAM
nonce (counter ‖ final flag). Reordering, dropping, appending or swapping chunks all fail
authentication. Memory use does not grow with the file's size.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

from locker.i18n import _
from locker.vault.crypto import (
    BLOB_ID_LEN,
    CHUNK_SIZE,
    TAG_LEN,
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


class _Buffers(threading.local):
    """Per-thread reusable chunk buffers: fresh 1 MiB buffers per chunk cost a page fault per
    4 KiB, which measured as most of the system time of an import (tests/perf/README.md)."""

    def __init__(self) -> None:
        self.plain = (memoryview(bytearray(CHUNK_SIZE)), memoryview(bytearray(CHUNK_SIZE)))
        self.sealed = memoryview(bytearray(CHUNK_SIZE + TAG_LEN))


_buffers = _Buffers()
# One thread hashes chunk i while the caller's thread encrypts and stores it (hashlib releases
# the GIL); each submitted update is awaited before its buffer is reused.
_hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="locker-sha256")


def read_into(stream: BinaryIO, view: memoryview) -> int:
    """Fill ``view`` unless the stream ends (pipes may return short reads); bytes read."""
    readinto = getattr(stream, "readinto", None)
    got = 0
    while got < len(view):
        if readinto is None:  # a plain read()-only stream
            data = stream.read(len(view) - got)
            view[got : got + len(data)] = data
            n = len(data)
        else:
            n = readinto(view[got:])
        if not n:
            break
        got += n
    return got


def write_blob(
    conn: sqlite3.Connection,
    cipher: ChunkCipher,
    blob_id: bytes,
    stream: BinaryIO,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> BlobInfo:
    """Encrypt ``stream`` into chunk rows, hashing the original bytes as they are read.

    Must run inside the caller's transaction; on error the caller rolls back. The ciphertext is
    written into a zeroblob with incremental blob I/O, so SQLite makes no private copies of it.
    """
    digest = hashlib.sha256()
    blob_hex = blob_id.hex()
    bufs = _buffers
    size = 0
    index = 0
    cur = 0
    n = read_into(stream, bufs.plain[cur])
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        data = bufs.plain[cur][:n]
        hashing: Future[None] = _hasher.submit(digest.update, data)
        try:
            m = read_into(stream, bufs.plain[1 - cur]) if n == CHUNK_SIZE else 0
            final = m == 0
            sealed = bufs.sealed[: n + TAG_LEN]
            cipher.encrypt_into(index, data, final, sealed)
            rowid = conn.execute(
                "INSERT INTO chunk (blob, idx, data) VALUES (?, ?, zeroblob(?))",
                (blob_hex, index, n + TAG_LEN),
            ).lastrowid
            assert rowid is not None
            with conn.blobopen("chunk", "data", rowid) as blob:
                blob.write(sealed)
        finally:
            hashing.result()  # never leave the hasher reading a buffer we are about to reuse
        size += n
        index += 1
        if progress is not None:
            progress(size)
        if final:
            break
        cur, n = 1 - cur, m
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
    hashing: Future[None] | None = None
    try:
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
            if hashing is not None:
                hashing.result()
            hashing = _hasher.submit(digest.update, plain)
            size += len(plain)
            yield plain
    finally:
        if hashing is not None:
            hashing.result()
    extra = query(
        "SELECT count(*) FROM chunk WHERE blob = ? AND (idx < 0 OR idx >= ?)",
        (info.blob_id, info.chunks),
    )[0][0]
    if extra or size != info.size or digest.hexdigest() != info.sha256:
        raise Damaged(_("file contents (they no longer match the SHA-256 taken at import)"))
