"""PROTOTYPES of proposed changes to locker/vault/blobs.py, for measurement only.

Used by ``bench_screenshots.py --whatif NAME`` and ``bench_large_file.py --whatif NAME``: they
replace functions of ``locker.vault.blobs`` *inside the benchmark's worker process only*
(nothing in locker/ is edited). Same file format, same checks.

``noalloc`` (write_blob) -- the difference is memory traffic:

- today, each 1 MiB chunk costs four fresh ~1 MiB allocations: the bytes read, the ciphertext,
  and two private copies SQLite makes while inserting it (sqlite3's parameter binding uses
  SQLITE_TRANSIENT, then OP_MakeRecord builds the record). glibc serves each from a fresh mmap,
  so every page is faulted in again: ~113,000 minor page faults for 200 screenshots (331 MiB).
- here: the chunk is read with ``readinto`` into two buffers that alternate (the look-ahead that
  decides the "final" flag), encrypted with ``AESGCM.encrypt_into`` into one output buffer,
  and stored by inserting ``zeroblob(n)`` and writing the ciphertext with incremental blob I/O
  (``Connection.blobopen``), so SQLite never copies it into a record. Buffers live as long as
  the process (one add at a time: the vault's lock serialises writers).

``both``: noalloc's write path with the hashing overlapped as in hashthread, and
hashthread's read path.

``hashthread`` (write_blob and read_blob) -- the SHA-256 of chunk i runs in a helper thread
(hashlib releases the GIL for large updates) while the main thread encrypts and inserts chunk i
(add), or while the caller writes chunk i to the output file and the next chunk is read and
decrypted (export). On 2 cores this hides most of the hashing, the largest single CPU cost.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, BinaryIO

from locker.case import evidence
from locker.i18n import _
from locker.vault import blobs
from locker.vault.crypto import CHUNK_SIZE, TAG_LEN, AuthenticationFailed, ChunkCipher, chunk_nonce
from locker.vault.errors import Cancelled, Damaged

_IN = (memoryview(bytearray(CHUNK_SIZE)), memoryview(bytearray(CHUNK_SIZE)))
_OUT = memoryview(bytearray(CHUNK_SIZE + TAG_LEN))
_HASHER = ThreadPoolExecutor(1, thread_name_prefix="sha256")


def _readinto_full(stream: Any, view: memoryview) -> int:
    """Fill ``view`` unless the stream ends (pipes may return short reads)."""
    got = 0
    while got < len(view):
        n = stream.readinto(view[got:])
        if not n:
            break
        got += n
    return got


def write_blob(
    conn: sqlite3.Connection,
    cipher: ChunkCipher,
    blob_id: bytes,
    stream: BinaryIO,
    progress: blobs.Progress | None = None,
    cancelled: blobs.CancelCheck | None = None,
    hash_in_thread: bool = False,
) -> blobs.BlobInfo:
    digest = hashlib.sha256()
    blob_hex = blob_id.hex()
    aead = cipher._aead  # a real change would give ChunkCipher an encrypt_into method
    size = 0
    index = 0
    cur = 0
    n = _readinto_full(stream, _IN[cur])
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        data = _IN[cur][:n]
        hashing = _HASHER.submit(digest.update, data) if hash_in_thread else None
        if hashing is None:
            digest.update(data)
        m = _readinto_full(stream, _IN[1 - cur]) if n == CHUNK_SIZE else 0
        final = m == 0
        size += n
        sealed = _OUT[: n + TAG_LEN]
        aead.encrypt_into(chunk_nonce(index, final), data, cipher._ad(index), sealed)
        row = conn.execute(
            "INSERT INTO chunk (blob, idx, data) VALUES (?, ?, zeroblob(?))",
            (blob_hex, index, n + TAG_LEN),
        ).lastrowid
        assert row is not None
        with conn.blobopen("chunk", "data", row) as blob:
            blob.write(sealed)
        if hashing is not None:
            hashing.result()  # before _IN[cur] is read into again
        index += 1
        if progress is not None:
            progress(size)
        if final:
            break
        cur, n = 1 - cur, m
    return blobs.BlobInfo(blob_hex, size, digest.hexdigest(), index)


def write_blob_hashthread(
    conn: sqlite3.Connection,
    cipher: ChunkCipher,
    blob_id: bytes,
    stream: BinaryIO,
    progress: blobs.Progress | None = None,
    cancelled: blobs.CancelCheck | None = None,
) -> blobs.BlobInfo:
    """blobs.write_blob with the hashing of each chunk overlapping its encryption and insert."""
    digest = hashlib.sha256()
    blob_hex = blob_id.hex()
    size = 0
    index = 0
    current = blobs._read_full(stream, CHUNK_SIZE)
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        hashing = _HASHER.submit(digest.update, current)
        nxt = blobs._read_full(stream, CHUNK_SIZE) if len(current) == CHUNK_SIZE else b""
        final = not nxt
        size += len(current)
        conn.execute(
            "INSERT INTO chunk (blob, idx, data) VALUES (?, ?, ?)",
            (blob_hex, index, cipher.encrypt(index, current, final)),
        )
        hashing.result()
        index += 1
        if progress is not None:
            progress(size)
        if final:
            break
        current = nxt
    return blobs.BlobInfo(blob_hex, size, digest.hexdigest(), index)


def read_blob_hashthread(
    query: Callable[[str, tuple[object, ...]], list[tuple[object, ...]]],
    cipher: ChunkCipher,
    info: blobs.BlobInfo,
    cancelled: blobs.CancelCheck | None = None,
) -> Iterator[bytes]:
    """blobs.read_blob with the hashing of chunk i overlapping the caller's use of it."""
    digest = hashlib.sha256()
    size = 0
    hashing: Future[None] | None = None
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
        hashing = _HASHER.submit(digest.update, plain)
        size += len(plain)
        yield plain
    if hashing is not None:
        hashing.result()
    extra = query(
        "SELECT count(*) FROM chunk WHERE blob = ? AND (idx < 0 OR idx >= ?)",
        (info.blob_id, info.chunks),
    )[0][0]
    if extra or size != info.size or digest.hexdigest() != info.sha256:
        raise Damaged(_("file contents (they no longer match the SHA-256 taken at import)"))


def _peek_readinto(self: Any, b: memoryview) -> int:
    n: int = self._stream.readinto(b)
    if len(self.head) < 64:
        self.head += bytes(b[: min(n, 64 - len(self.head))])
    return n


WHATIFS = ("noalloc", "hashthread", "both")


def install(name: str) -> None:
    if name == "noalloc":
        evidence._Peek.readinto = _peek_readinto  # type: ignore[attr-defined]
        blobs.write_blob = write_blob
    elif name == "hashthread":
        blobs.write_blob = write_blob_hashthread
        blobs.read_blob = read_blob_hashthread
    elif name == "both":  # noalloc's write path with hashthread's overlap; hashthread's read
        evidence._Peek.readinto = _peek_readinto  # type: ignore[attr-defined]
        blobs.write_blob = functools.partial(write_blob, hash_in_thread=True)
        blobs.read_blob = read_blob_hashthread
    else:
        raise SystemExit(f"unknown --whatif {name!r}")


def verify_all(vault: Any) -> int:
    """Read every item back through the real read path (GCM tags + SHA-256 checked)."""
    items, damaged = evidence.list_items(vault)
    if damaged:
        raise SystemExit(f"damaged items: {damaged}")
    for item in items:
        for _chunk in vault.read_blob(item.blob):
            pass
    return len(items)
