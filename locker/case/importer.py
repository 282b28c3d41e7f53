"""The import pipeline (no Qt): every way evidence comes in from the user goes through here.

One file, one transaction: the original bytes are read once (SHA-256 taken as they are read),
stored as a blob, checked and described if they are an image the program can show (facts and a
thumbnail, made from the bytes in memory), and recorded with a custody-log entry. Anything that
goes wrong rolls the whole file back: no half-written item, blob, thumbnail or log entry.

Images (PNG, JPEG, GIF, BMP, TIFF, WebP, told from the content) up to
:data:`imaging.MAX_IMAGE_BYTES` are read into memory, hashed while read, then checked by Pillow
*before* the vault's write lock is taken, so a slow decode never makes other readers of the vault
(the window) wait. Other files stream straight into the vault, with memory that does not grow with
their size.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, BinaryIO

from locker.case import evidence, imaging, sniff
from locker.case.evidence import (
    ITEM_TABLE,
    PROVENANCE_CAPTURED,
    PROVENANCE_DESCRIPTION_ONLY,
    PROVENANCE_IMPORTED,
    PROVENANCE_PASTED,
    THUMB_FIELD,
    EvidenceItem,
    check_fields,
    display_name,
    find_item,
)
from locker.case.removal import remove_source
from locker.i18n import _
from locker.text import clean_line
from locker.vault import Vault
from locker.vault.blobs import read_into
from locker.vault.crypto import CHUNK_SIZE
from locker.vault.custody import now_utc
from locker.vault.errors import Cancelled, InvalidInput, VaultError

NAME_LIMIT = 120  # characters of a file name shown in a summary


@dataclass
class ImportProgress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current_name: str  # cleaned, for display


@dataclass
class ImportFailure:
    name: str  # cleaned display name of the file
    message: str  # what went wrong, in plain words


@dataclass
class ImportSummary:
    added: list[EvidenceItem] = field(default_factory=list)
    failed: list[ImportFailure] = field(default_factory=list)
    not_removed: list[ImportFailure] = field(default_factory=list)  # added, original kept
    cancelled: bool = False
    skipped: int = 0  # files not tried (cancelled, or the vault could take no more)


ProgressCallback = Callable[[ImportProgress], None]
CancelCheck = Callable[[], bool]


class NotRemoved(InvalidInput):
    """:func:`import_file` added the file but could not remove the original; ``item`` is the
    item that was added."""

    def __init__(self, message: str, item: EvidenceItem) -> None:
        super().__init__(message)
        self.item = item


# --- reading the source ----------------------------------------------------------------------


def _empty() -> InvalidInput:
    return InvalidInput(
        _("The file is empty (0 bytes): there is nothing in it to keep. Nothing was added.")
    )


def _changed() -> InvalidInput:
    return InvalidInput(
        _(
            "The file changed while it was being read (another program may still be saving it). "
            "Nothing was added; please try again in a moment."
        )
    )


def _os_open(path: str | os.PathLike[str], flags: int) -> int:
    return os.open(path, flags)


def _open_source(path: str | os.PathLike[str]) -> tuple[BinaryIO, os.stat_result]:
    """Open a file to import. Pipes and devices are refused without waiting on them."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the open
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = _os_open(path, flags)
    except FileNotFoundError as exc:
        raise InvalidInput(
            _("The file can't be found. It may have been moved or deleted.")
        ) from exc
    except IsADirectoryError as exc:
        raise InvalidInput(
            _("That is a folder, not a file. Please choose the files inside it.")
        ) from exc
    except PermissionError as exc:
        raise InvalidInput(
            _("The file can't be read: this account has no permission to open it.")
        ) from exc
    except OSError as exc:
        raise InvalidInput(
            _("The file can't be read ({detail}).").format(detail=exc.strerror or exc)
        ) from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InvalidInput(
                _("That is a folder, not a file. Please choose the files inside it.")
            )
        if not stat.S_ISREG(st.st_mode):
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


class _Source:
    """The bytes to import, read once: the first chunk (to tell the type), then either the rest
    into memory (images) or streamed into the vault (everything else)."""

    def __init__(
        self,
        stream: BinaryIO,
        size_hint: int | None,
        on_bytes: Callable[[int], None] | None,
        cancelled: CancelCheck | None,
    ) -> None:
        self._stream = stream
        self._size_hint = size_hint
        self._on_bytes = on_bytes
        self._cancelled = cancelled
        self.read = 0  # bytes read so far
        head = bytearray(CHUNK_SIZE)
        n = self._read_into(memoryview(head))
        self.head = bytes(head[:n])
        self._prefix = memoryview(self.head)
        self.media_type = sniff.media_type(self.head[:64])

    def _read_into(self, view: memoryview) -> int:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
        if self._size_hint is not None:
            # Never read past one byte more than the file had when opened: a file that keeps
            # growing (still being downloaded or saved) is refused, not read forever.
            view = view[: max(0, self._size_hint + 1 - self.read)]
        n = read_into(self._stream, view)
        self.read += n
        if self._size_hint is not None and self.read > self._size_hint:
            raise _changed()
        if self._on_bytes is not None and n:
            self._on_bytes(self.read)
        return n

    def whole_image(self) -> tuple[bytes, str] | None:
        """All the bytes and their SHA-256, if this is an image small enough to check in memory
        (else None, and the bytes read so far stay queued for :meth:`readinto`)."""
        if self.media_type not in imaging.PILLOW_FORMATS:
            return None
        if self._size_hint is not None and self._size_hint > imaging.MAX_IMAGE_BYTES:
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
                self._prefix = memoryview(b"".join(parts))
                return None
        return b"".join(parts), digest.hexdigest()

    def readinto(self, view: memoryview) -> int:
        """For Vault.write_blob: the queued bytes first, then the rest of the stream."""
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        return self._read_into(view)


@dataclass
class _Meta:
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


def _added_summary(provenance: str, size: int, sha: str) -> str:
    if provenance == PROVENANCE_PASTED:
        text = _("Added a pasted image of {size} bytes; SHA-256 {sha}.")
    elif provenance == PROVENANCE_CAPTURED:
        text = _("Added a screen capture of {size} bytes; SHA-256 {sha}.")
    else:
        text = _("Added a file of {size} bytes; SHA-256 {sha}.")
    return text.format(size=size, sha=sha)


def _ingest(
    vault: Vault,
    source: _Source,
    meta: _Meta,
    *,
    cancelled: CancelCheck | None = None,
    unchanged: Callable[[int], bool] | None = None,
) -> EvidenceItem:
    """Store one source as a new item, in one transaction (see the module docstring)."""
    if not source.head:
        raise _empty()
    whole = source.whole_image()
    report: imaging.ImageReport | None = None
    if whole is not None:
        data, sha = whole
        if unchanged is not None and not unchanged(len(data)):
            raise _changed()
        report = imaging.inspect_image(data, source.media_type)  # ImageRefused: nothing written
        stream: Any = io.BytesIO(data)
    else:
        sha = ""
        stream = source
    with vault.transaction():
        info = vault.write_blob(stream, None, cancelled)
        if whole is not None and info.sha256 != sha:  # cannot happen: bytes are immutable
            raise VaultError(_("The file's bytes changed in memory while being stored."))
        if whole is None and unchanged is not None and not unchanged(info.size):
            raise _changed()
        item = EvidenceItem(
            id=evidence._new_item_id(vault),
            title=meta.title if meta.title is not None else meta.original_name,
            original_name=meta.original_name,
            original_name_b64=meta.original_name_b64,
            size=info.size,
            sha256=info.sha256,
            media_type=source.media_type,
            added_at=now_utc(),
            blob=info.blob_id,
            provenance=meta.provenance,
            note=meta.note,
            url=meta.url,
            platform=meta.platform,
            account=meta.account,
            intimate=meta.intimate,
            source_modified=meta.source_modified,
            facts=dict(report.facts) if report else {},
            has_thumbnail=report is not None,
        )
        if report is not None:
            vault.put(ITEM_TABLE, item.id, THUMB_FIELD, report.thumbnail)
        vault.append_log(
            "add",
            item.id,
            _added_summary(meta.provenance, info.size, info.sha256),
            record=evidence._store_item(vault, item),
        )
    return item


# --- the public ways in ----------------------------------------------------------------------


def clean_name(path: str | os.PathLike[str]) -> str:
    """A file's base name, safe to show in a summary (never the folder it was in)."""
    return clean_line(display_name(path)[0], NAME_LIMIT)


def _import_path(
    vault: Vault,
    path: str | os.PathLike[str],
    meta: _Meta,
    on_bytes: Callable[[int], None] | None,
    cancelled: CancelCheck | None,
) -> tuple[EvidenceItem, os.stat_result]:
    meta.original_name, meta.original_name_b64 = display_name(path)
    f, st = _open_source(path)
    with f:
        if st.st_size == 0:
            raise _empty()
        meta.source_modified = datetime.fromtimestamp(st.st_mtime, UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )

        def unchanged(size_read: int) -> bool:
            """All of the file was read, and it was not written to meanwhile."""
            now = os.fstat(f.fileno())
            return size_read == st.st_size == now.st_size and now.st_mtime_ns == st.st_mtime_ns

        try:
            source = _Source(f, st.st_size, on_bytes, cancelled)
            item = _ingest(vault, source, meta, cancelled=cancelled, unchanged=unchanged)
        except MemoryError as exc:
            raise InvalidInput(
                _("There is not enough memory to add this file. Nothing was added.")
            ) from exc
        except OSError as exc:
            raise InvalidInput(
                _("The file could not be read to the end ({detail}). Nothing was added.").format(
                    detail=exc.strerror or exc
                )
            ) from exc
    return item, st


def import_file(
    vault: Vault,
    path: str | os.PathLike[str],
    *,
    remove_original: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    title: str | None = None,
    note: str = "",
    url: str = "",
    platform: str = "",
    account: str = "",
    intimate: bool = False,
) -> EvidenceItem:
    """Import one file as a new item (one transaction). Raises InvalidInput / ImageRefused with
    nothing written, Cancelled if ``cancelled()`` turned true, or a VaultError for the vault.

    With ``remove_original``, the file is removed after the item was committed, if it is still
    the file that was read; if that fails, :class:`NotRemoved` (carrying the added item)."""
    check_fields({"note": note, "url": url, "platform": platform, "account": account})
    name = clean_name(path)
    total = _size_of(path)

    def on_bytes(done: int) -> None:
        if progress is not None:
            progress(ImportProgress(0, 1, done, max(total, done), name))

    meta = _Meta(
        title=title, note=note, url=url, platform=platform, account=account, intimate=intimate
    )
    item, st = _import_path(vault, path, meta, on_bytes, cancelled)
    if progress is not None:
        progress(ImportProgress(1, 1, item.size, max(total, item.size), name))
    if remove_original:
        try:
            remove_source(path, st)
        except InvalidInput as exc:
            raise NotRemoved(exc.message, item) from exc
    return item


def _size_of(path: str | os.PathLike[str]) -> int:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


def import_files(
    vault: Vault,
    paths: Sequence[str | os.PathLike[str]],
    *,
    remove_original: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportSummary:
    """Import several files, each in its own transaction. A file that can't be added is named
    in ``failed`` and the rest still go in. ``cancelled()`` is checked between files and between
    chunks: the file being read is rolled back, those already committed stay, and ``skipped``
    counts the ones not added. If the vault itself fails (disk full, locked, damaged log), the
    file is reported and the rest are skipped: they would all fail the same way."""
    summary = ImportSummary()
    sizes = [_size_of(p) for p in paths]
    bytes_total = sum(sizes)
    done_before = 0
    for index, path in enumerate(paths):
        name = clean_name(path)
        if cancelled is not None and cancelled():
            summary.cancelled = True
            summary.skipped = len(paths) - index
            break

        def on_bytes(
            done: int, index: int = index, name: str = name, base: int = done_before
        ) -> None:
            if progress is not None:
                total = max(bytes_total, base + done)
                progress(ImportProgress(index, len(paths), base + done, total, name))

        on_bytes(0)
        try:
            item, st = _import_path(vault, path, _Meta(), on_bytes, cancelled)
        except Cancelled:
            summary.cancelled = True
            summary.skipped = len(paths) - index
            break
        except InvalidInput as exc:
            summary.failed.append(ImportFailure(name, exc.message))
        except VaultError as exc:  # the vault, not this file: the others would fail too
            summary.failed.append(ImportFailure(name, exc.message))
            summary.skipped = len(paths) - index - 1
            break
        except Exception as exc:  # never let one odd file stop the rest
            summary.failed.append(
                ImportFailure(
                    name,
                    _(
                        "An unexpected problem stopped this file ({kind}). Nothing was added "
                        "for it."
                    ).format(kind=type(exc).__name__),
                )
            )
        else:
            summary.added.append(item)
            if remove_original:
                try:
                    remove_source(path, st)
                except InvalidInput as exc:
                    summary.not_removed.append(ImportFailure(name, exc.message))
        done_before += sizes[index]
    if progress is not None:
        finished = len(paths) - summary.skipped
        progress(ImportProgress(finished, len(paths), done_before, bytes_total, ""))
    return summary


def import_bytes(vault: Vault, data: bytes, *, original_name: str, provenance: str) -> EvidenceItem:
    """Store bytes the program got itself (a pasted image, a screen capture) as a new item.

    ``provenance`` is PROVENANCE_PASTED or PROVENANCE_CAPTURED; ``original_name`` is the name
    the window gives it (e.g. "Pasted image 2026-11-21 14.03.png")."""
    if provenance not in (PROVENANCE_PASTED, PROVENANCE_CAPTURED, PROVENANCE_IMPORTED):
        raise InvalidInput(_("Unknown way in for this item: {p}.").format(p=provenance))
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidInput(_("There is no image to add."))
    if not data:
        raise InvalidInput(_("There is nothing to add: the image is empty. Nothing was added."))
    check_fields({"title": original_name})
    meta = _Meta(original_name=original_name, provenance=provenance)
    source = _Source(io.BytesIO(bytes(data)), len(data), None, None)
    return _ingest(vault, source, meta)


def add_description_only(
    vault: Vault,
    *,
    title: str,
    description: str = "",
    url: str = "",
    platform: str = "",
    account: str = "",
    intimate: bool = False,
    happened_at: str = "",
    happened_tz: str = "",
) -> EvidenceItem:
    """An item with no file: what the user wrote about it (for example, when keeping the image
    itself would be dangerous). Size 0, no SHA-256, no blob."""
    values = {
        "title": title,
        "description": description,
        "url": url,
        "platform": platform,
        "account": account,
        "intimate": intimate,
        "happened_at": happened_at,
        "happened_tz": happened_tz,
    }
    check_fields(values)
    if not title.strip():
        raise InvalidInput(_("Please give it a short title, so you can find it again later."))
    with vault.transaction():
        item = EvidenceItem(
            id=evidence._new_item_id(vault),
            original_name="",
            size=0,
            sha256="",
            media_type="",
            added_at=now_utc(),
            blob="",
            provenance=PROVENANCE_DESCRIPTION_ONLY,
            **values,  # type: ignore[arg-type]
        )
        vault.append_log(
            "add",
            item.id,
            _("Added a description only (no file was kept)."),
            record=evidence._store_item(vault, item),
        )
    return item


def remove_original(vault: Vault, item_id: str) -> EvidenceItem:
    """Delete the stored original and its thumbnail; keep the item with its SHA-256, size and
    description, mark it ``original_removed`` and log it (one transaction).

    SQLite's secure_delete zeroes the freed pages in the vault file (FORMAT.md §9 says what that
    can and cannot promise). An item with no stored original is returned unchanged."""
    with vault.transaction():
        item = find_item(vault, item_id)
        if not item.blob:
            return item
        vault.delete_blob(item.blob)
        vault.delete(ITEM_TABLE, item.id, THUMB_FIELD)
        item.blob = ""
        item.has_thumbnail = False
        item.original_removed = now_utc()
        vault.append_log(
            "original-removed",
            item.id,
            _(
                "The original file was deleted from the vault at the user's request; its "
                "SHA-256 {sha}, size ({size} bytes) and description are kept."
            ).format(sha=item.sha256, size=item.size),
            record=evidence._store_item(vault, item),
        )
    return item


__all__ = [
    "ImportFailure",
    "ImportProgress",
    "ImportSummary",
    "NotRemoved",
    "add_description_only",
    "import_bytes",
    "import_file",
    "import_files",
    "remove_original",
]
