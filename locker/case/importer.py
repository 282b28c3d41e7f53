"""The import pipeline (no Qt): every way evidence comes in from the user goes through here.

One file, one transaction: the original bytes are read once (SHA-256 taken as they are read),
stored as a blob, checked and described if they are an image the program can show (facts and a
thumbnail, made from the bytes in memory), and recorded with a custody-log entry. Anything that
goes wrong rolls the whole file back: no half-written item, blob, thumbnail or log entry.

Two stages (:mod:`locker.case.reading` reads and checks; :func:`_commit` writes). Images (PNG,
JPEG, GIF, BMP, TIFF, WebP, told from the content) up to :data:`imaging.MAX_IMAGE_BYTES` are
read into memory and checked by Pillow *before* the vault's write lock is taken, so a slow decode
never makes other readers of the vault (the window) wait; in a bulk import the next image is read
and checked on a helper thread while the current one is written and synced, so the decoding (CPU)
and the disk (fsync) overlap. Other files stream straight into the vault inside the transaction,
with memory that does not grow with their size.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from locker.case import evidence
from locker.case.evidence import (
    ITEM_TABLE,
    PROVENANCE_CAPTURED,
    PROVENANCE_IMPORTED,
    PROVENANCE_PASTED,
    THUMB_FIELD,
    EvidenceItem,
    display_name,
)
from locker.case.fields import check_fields
from locker.case.reading import Meta, Prepared, prepare_bytes, prepare_path
from locker.case.removal import remove_source
from locker.case.without_file import add_description_only, remove_original
from locker.i18n import _
from locker.text import clean_line
from locker.vault import Vault
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


def _added_summary(provenance: str, size: int, sha: str) -> str:
    if provenance == PROVENANCE_PASTED:
        text = _("Added a pasted image of {size} bytes; SHA-256 {sha}.")
    elif provenance == PROVENANCE_CAPTURED:
        text = _("Added a screen capture of {size} bytes; SHA-256 {sha}.")
    else:
        text = _("Added a file of {size} bytes; SHA-256 {sha}.")
    return text.format(size=size, sha=sha)


def _commit(vault: Vault, prepared: Prepared, cancelled: CancelCheck | None = None) -> EvidenceItem:
    """Store a prepared source as a new item, in one transaction; closes the source."""
    meta, source, report = prepared.meta, prepared.source, prepared.report
    stream: Any = io.BytesIO(prepared.image) if prepared.image is not None else source
    try:
        with vault.transaction():
            info = vault.write_blob(stream, None, cancelled)
            if prepared.image is not None and info.sha256 != prepared.sha256:
                raise VaultError(_("The file's bytes changed in memory while being stored."))
            if prepared.image is None and not prepared.unchanged(info.size):
                raise InvalidInput(
                    _(
                        "The file changed while it was being read (another program may still "
                        "be saving it). Nothing was added; please try again in a moment."
                    )
                )
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
    except OSError as exc:  # the source failed while streaming (a pulled USB stick)
        raise InvalidInput(
            _("The file could not be read to the end ({detail}). Nothing was added.").format(
                detail=exc.strerror or exc
            )
        ) from exc
    finally:
        prepared.close()
    return item


# --- the public ways in ----------------------------------------------------------------------


def clean_name(path: str | os.PathLike[str]) -> str:
    """A file's base name, safe to show in a summary (never the folder it was in)."""
    return clean_line(display_name(path)[0], NAME_LIMIT)


def _size_of(path: str | os.PathLike[str]) -> int:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


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
    allow_pipes: bool = False,
) -> EvidenceItem:
    """Import one file as a new item (one transaction). Raises InvalidInput / ImageRefused with
    nothing written, Cancelled if ``cancelled()`` turned true, or a VaultError for the vault.
    ``allow_pipes``: read a named pipe too (the command line only; see reading.open_source).

    With ``remove_original``, the file is removed after the item was committed, if it is still
    the file that was read; if that fails, :class:`NotRemoved` (carrying the added item)."""
    check_fields({"note": note, "url": url, "platform": platform, "account": account})
    if title is not None:
        check_fields({"title": title})
    name = clean_name(path)
    total = _size_of(path)

    def on_bytes(done: int) -> None:
        if progress is not None:
            progress(ImportProgress(0, 1, done, max(total, done), name))

    meta = Meta(
        title=title, note=note, url=url, platform=platform, account=account, intimate=intimate
    )
    prepared = prepare_path(path, meta, cancelled, on_bytes, allow_pipes)
    read = prepared.stat
    item = _commit(vault, prepared, cancelled)
    if progress is not None:
        progress(ImportProgress(1, 1, item.size, max(total, item.size), name))
    if remove_original and read is not None:
        try:
            remove_source(path, read)
        except InvalidInput as exc:
            raise NotRemoved(exc.message, item) from exc
    return item


CANCEL_POLL_S = 0.01  # how often a waiting import looks at its cancel flag


class _Ahead:
    """Reads and checks the next file on one helper thread while the current one is written."""

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        cancelled: CancelCheck | None,
        intimate: bool = False,
    ):
        self._paths = paths
        self._cancelled = cancelled
        self._intimate = intimate
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="locker-import")
        self._next: tuple[int, Future[Prepared]] | None = None

    def start(self, index: int) -> None:
        if index < len(self._paths):
            path = self._paths[index]
            meta = Meta(intimate=self._intimate)
            self._next = (index, self._pool.submit(prepare_path, path, meta, self._cancelled))

    def take(self, index: int) -> Prepared:
        """The prepared file ``index`` (read now if it was not read ahead); starts reading the
        next one. Raises what reading or checking file ``index`` raised."""
        if self._next is None or self._next[0] != index:
            self.discard()
            self.start(index)
        assert self._next is not None
        future = self._next[1]
        self._next = None
        self.start(index + 1)
        while True:
            # A picture's check cannot be interrupted (Pillow decodes in one call), so wait for
            # it in short steps: a cancel (Lock, Quick exit) must not wait for the decode.
            try:
                return future.result(timeout=CANCEL_POLL_S)
            except TimeoutError:
                if self._cancelled is not None and self._cancelled():
                    _close_when_done(future)
                    raise Cancelled() from None

    def discard(self) -> None:
        """Drop the file read ahead (the import stopped before it), without waiting for it."""
        if self._next is not None:
            future = self._next[1]
            self._next = None
            if not future.cancel():
                _close_when_done(future)

    def close(self) -> None:
        """Stop without waiting for a check still running: it only reads the source file and
        decodes it in memory (never the vault), and closes what it read when it ends."""
        self.discard()
        self._pool.shutdown(wait=False, cancel_futures=True)


def _close_when_done(future: Future[Prepared]) -> None:
    def close(done: Future[Prepared]) -> None:
        if not done.cancelled() and done.exception() is None:
            with contextlib.suppress(Exception):  # it was not going to be imported anyway
                done.result().close()

    future.add_done_callback(close)


def import_files(
    vault: Vault,
    paths: Sequence[str | os.PathLike[str]],
    *,
    remove_original: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    intimate: bool = False,
) -> ImportSummary:
    """Import several files, each in its own transaction. A file that can't be added is named
    in ``failed`` and the rest still go in. ``cancelled()`` is checked between files and between
    chunks: the file being read is rolled back, those already committed stay, and ``skipped``
    counts the ones not added. If the vault itself fails (disk full, locked, damaged log), the
    file is reported and the rest are skipped: they would all fail the same way. With
    ``intimate``, every item is marked intimate as it is stored (hidden from the first moment)."""
    summary = ImportSummary()
    sizes = [_size_of(p) for p in paths]
    bytes_total = sum(sizes)
    done_before = 0
    ahead = _Ahead(paths, cancelled, intimate)
    try:
        for index, path in enumerate(paths):
            name = clean_name(path)
            if cancelled is not None and cancelled():
                summary.cancelled = True
                summary.skipped = len(paths) - index
                break

            def on_bytes(
                done: int, i: int = index, name: str = name, base: int = done_before
            ) -> None:
                if progress is not None:
                    total = max(bytes_total, base + done)
                    progress(ImportProgress(i, len(paths), base + done, total, name))

            on_bytes(0)
            try:
                prepared = ahead.take(index)  # and the next one is read while this is written
                prepared.source.on_bytes = on_bytes
                read = prepared.stat
                item = _commit(vault, prepared, cancelled)
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
                if remove_original and read is not None:
                    try:
                        remove_source(path, read)
                    except InvalidInput as exc:
                        summary.not_removed.append(ImportFailure(name, exc.message))
            done_before += sizes[index]
    finally:
        ahead.close()
    if progress is not None:
        finished = len(paths) - summary.skipped
        progress(ImportProgress(finished, len(paths), done_before, bytes_total, ""))
    return summary


def import_bytes(
    vault: Vault, data: bytes, *, original_name: str, provenance: str, intimate: bool = False
) -> EvidenceItem:
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
    meta = Meta(original_name=original_name, provenance=provenance, intimate=intimate)
    return _commit(vault, prepare_bytes(bytes(data), meta))


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
