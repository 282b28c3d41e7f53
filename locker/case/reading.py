"""Reading what is imported, once (no Qt): the first stage of :mod:`locker.case.importer`.

:func:`prepare_path` / :func:`prepare_bytes` open the source, read its first chunk to tell the
type from the content, and, for an image the program can show (up to
:data:`imaging.MAX_IMAGE_BYTES`), read the rest into memory, hashing it as it is read, and check
it with Pillow (facts and thumbnail). None of this touches the vault, so it can run while another
file is being written (the importer overlaps the two). Anything else stays queued in the
:class:`Source` and streams into the vault when the item is committed.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO

from locker.case import imaging, sniff
from locker.case.evidence import PROVENANCE_IMPORTED, cannot_open, display_name, is_a_folder
from locker.i18n import _
from locker.vault.blobs import read_into
from locker.vault.crypto import CHUNK_SIZE
from locker.vault.errors import Cancelled, InvalidInput

CancelCheck = Callable[[], bool]
BytesCallback = Callable[[int], None]


def empty_error() -> InvalidInput:
    return InvalidInput(
        _("The file is empty (0 bytes): there is nothing in it to keep. Nothing was added.")
    )


def changed_error() -> InvalidInput:
    return InvalidInput(
        _(
            "The file changed while it was being read (another program may still be saving it). "
            "Nothing was added; please try again in a moment."
        )
    )


def _os_open(path: str | os.PathLike[str], flags: int) -> int:
    return os.open(path, flags)


def _is_pipe(path: str | os.PathLike[str]) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def open_source(
    path: str | os.PathLike[str], allow_pipes: bool = False
) -> tuple[BinaryIO, os.stat_result]:
    """Open a file to import. Devices are refused, and so are pipes (FIFOs) unless
    ``allow_pipes`` (the command line, where ``locker add V <(...)`` is a deliberate choice):
    a window must never wait for ever on a pipe nobody writes to."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not (allow_pipes and _is_pipe(path)):
        flags |= getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    try:
        fd = _os_open(path, flags)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise cannot_open(exc) from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise is_a_folder()
        if not stat.S_ISREG(st.st_mode) and not (allow_pipes and stat.S_ISFIFO(st.st_mode)):
            raise InvalidInput(
                _(
                    "That is not an ordinary file (it may be a device or a pipe), so it can't be "
                    "added."
                )
            )
        return os.fdopen(fd, "rb", buffering=0), st
    except BaseException:
        os.close(fd)
        raise


class Source:
    """The bytes to import, read once: the first chunk (to tell the type), then either the rest
    into memory (images) or streamed into the vault (everything else) through :meth:`readinto`.

    ``size`` (a file's size when opened) also bounds the reading: one byte more means the file
    is still growing, and it is refused rather than read for ever."""

    def __init__(
        self,
        stream: BinaryIO,
        size: int | None,
        cancelled: CancelCheck | None = None,
        on_bytes: BytesCallback | None = None,
    ) -> None:
        self._stream = stream
        self._size = size
        self._cancelled = cancelled
        self.on_bytes = on_bytes  # progress: bytes read so far
        self.read = 0
        head = bytearray(CHUNK_SIZE)
        n = self._read_into(memoryview(head))
        self.head = bytes(head[:n])
        self._queued = memoryview(self.head)
        self.media_type = sniff.media_type(self.head[:64])

    def _read_into(self, view: memoryview) -> int:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
        if self._size is not None:
            view = view[: max(0, self._size + 1 - self.read)]
        n = read_into(self._stream, view)
        self.read += n
        if self._size is not None and self.read > self._size:
            raise changed_error()
        if self.on_bytes is not None and n:
            self.on_bytes(self.read)
        return n

    def whole_image(self) -> tuple[bytes, str] | None:
        """All the bytes and their SHA-256, if this is an image small enough to check in memory
        (else None, and the bytes read so far stay queued for :meth:`readinto`)."""
        if self.media_type not in imaging.PILLOW_FORMATS:
            return None
        if self._size is not None and self._size > imaging.MAX_IMAGE_BYTES:
            return None
        digest = hashlib.sha256(self.head)
        parts = [self.head]
        total = n = len(self.head)
        while n == CHUNK_SIZE:  # a short read means the end was reached
            block = bytearray(CHUNK_SIZE)
            n = self._read_into(memoryview(block))
            piece = bytes(block[:n])
            digest.update(piece)
            parts.append(piece)
            total += n
            if total > imaging.MAX_IMAGE_BYTES:  # larger than it said: store it unchecked
                self._queued = memoryview(b"".join(parts))
                return None
        return b"".join(parts), digest.hexdigest()

    def readinto(self, view: memoryview) -> int:
        """For Vault.write_blob: the queued bytes first, then the rest of the stream."""
        if self._queued:
            n = min(len(view), len(self._queued))
            view[:n] = self._queued[:n]
            self._queued = self._queued[n:]
            return n
        return self._read_into(view)


@dataclass
class Meta:
    """What the item record will say about where the bytes came from, and the user's text."""

    original_name: str = ""
    original_name_b64: str = ""
    source_modified: str = ""
    provenance: str = PROVENANCE_IMPORTED
    title: str | None = None
    note: str = ""
    url: str = ""
    platform: str = ""
    account: str = ""
    intimate: bool = False


@dataclass
class Prepared:
    """A source read and checked, ready to be committed (or closed unused)."""

    meta: Meta
    source: Source
    image: bytes | None = None  # the whole content, for a checked image
    sha256: str = ""  # of ``image``, taken as it was read
    report: imaging.ImageReport | None = None
    stat: os.stat_result | None = None  # of the file as opened (for remove-after-import)
    _file: BinaryIO | None = field(default=None, repr=False)

    def unchanged(self, size_read: int) -> bool:
        """All of the file was read, and it was not written to meanwhile."""
        if self.stat is None or self._file is None or not stat.S_ISREG(self.stat.st_mode):
            return True
        now = os.fstat(self._file.fileno())
        st = self.stat
        return size_read == st.st_size == now.st_size and now.st_mtime_ns == st.st_mtime_ns

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _finish(prepared: Prepared) -> Prepared:
    """Read an image whole and check it (ImageRefused if it is broken or a bomb)."""
    whole = prepared.source.whole_image()
    if whole is not None:
        prepared.image, prepared.sha256 = whole
        if not prepared.unchanged(len(prepared.image)):
            raise changed_error()
        prepared.report = imaging.inspect_image(prepared.image, prepared.source.media_type)
    return prepared


def _read_errors(exc: BaseException) -> InvalidInput | None:
    if isinstance(exc, MemoryError):
        return InvalidInput(_("There is not enough memory to add this file. Nothing was added."))
    if isinstance(exc, OSError):
        return InvalidInput(
            _("The file could not be read to the end ({detail}). Nothing was added.").format(
                detail=exc.strerror or exc
            )
        )
    return None


def prepare_path(
    path: str | os.PathLike[str],
    meta: Meta,
    cancelled: CancelCheck | None = None,
    on_bytes: BytesCallback | None = None,
    allow_pipes: bool = False,
) -> Prepared:
    """Open and read a file (see the module docstring). The caller commits or closes it."""
    meta.original_name, meta.original_name_b64 = display_name(path)
    f, st = open_source(path, allow_pipes)
    regular = stat.S_ISREG(st.st_mode)
    try:
        if regular and st.st_size == 0:
            raise empty_error()
        meta.source_modified = datetime.fromtimestamp(st.st_mtime, UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
        source = Source(f, st.st_size if regular else None, cancelled, on_bytes)
        prepared = Prepared(meta, source, stat=st, _file=f)
        if not prepared.source.head:  # a pipe that gave nothing, or a file emptied meanwhile
            raise empty_error() if not regular else changed_error()
        prepared = _finish(prepared)
        if prepared.image is not None:
            prepared.close()  # all in memory: the file is not needed any more
        return prepared
    except BaseException as exc:
        f.close()
        better = _read_errors(exc)
        if better is not None:
            raise better from exc
        raise


def prepare_bytes(data: bytes, meta: Meta) -> Prepared:
    """The same for bytes the program got itself (paste, screen capture)."""
    if not data:
        raise empty_error()
    return _finish(Prepared(meta, Source(io.BytesIO(data), len(data))))
