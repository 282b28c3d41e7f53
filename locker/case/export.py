"""Exporting an item's original bytes to a plain file, the only plaintext the program writes
about an item (the caller tells the user first that the copy is not encrypted)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from locker import files
from locker.case.evidence import EvidenceItem, find_item
from locker.i18n import _
from locker.vault import Vault
from locker.vault.errors import InvalidInput, StorageError, VaultError


@dataclass(frozen=True)
class ExportResult:
    item: EvidenceItem
    unlogged: str = ""  # why the export could not be recorded in the custody log, if it couldn't


def export_item(
    vault: Vault,
    item_id: str,
    out: str | os.PathLike[str],
    *,
    force: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the original bytes to ``out`` (NOT encrypted: the caller tells the user so).

    The bytes go to a fresh hidden name beside ``out`` first. Only after the SHA-256 matched and
    the custody log recorded the export does the copy take its name, so a damaged item never
    leaves a half-written copy behind. If the log cannot be written, the copy is still made and
    ``ExportResult.unlogged`` says why, for the caller to tell the user.
    """
    item = find_item(vault, item_id)
    if not item.blob:
        raise InvalidInput(
            _("The original was removed, so there is no file to export; its description is kept.")
            if item.original_removed
            else _("This item is a description only: there is no file to export.")
        )
    target = Path(out)
    words = CopyWords(
        folder=_("That is a folder. Please give a file name for the copy."),
        itself=_("That is the vault file itself. Please choose another name for the copy."),
        not_there=_("The copy could not be written there ({detail})."),
        failed=_("The copy could not be written ({detail}). Nothing was left behind."),
    )
    check_target(target, vault.path, force, words)
    unlogged = ""

    def record() -> None:
        nonlocal unlogged
        unlogged = log_or_say(
            vault,
            "export",
            item.id,
            _("An unencrypted copy of the original was exported; SHA-256 {sha} matched.").format(
                sha=item.sha256
            ),
        )

    with writing_copy(target, words, before_rename=record) as f:
        for chunk in vault.read_blob(item.blob, cancelled):
            f.write(chunk)
    return ExportResult(item, unlogged)


def log_or_say(vault: Vault, action: str, item_id: str | None, summary: str) -> str:
    """Record an unencrypted copy (an export, a bundle) in the custody log; returns "" or why
    it could not be recorded. A damaged log or read-only media must not lock a survivor out of
    their own intact evidence: the copy is still made, and the caller tells the user it was not
    recorded."""
    try:
        vault.append_log(action, item_id, summary)
    except VaultError as exc:
        return exc.message
    return ""


@contextlib.contextmanager
def dropped_on_failure(partial: Path, failed: str) -> Iterator[None]:
    """Remove the half-written ``partial`` if the block does not finish; an OSError (a full disk,
    a pulled USB stick) becomes a StorageError worded by ``failed`` (with ``{detail}``)."""
    try:
        yield
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise StorageError(failed.format(detail=exc.strerror or exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


@dataclass(frozen=True)
class CopyWords:
    """How messages name an unencrypted copy being written ("the copy", "the PDF", "the
    bundle"): each a whole sentence, so translators see it whole."""

    folder: str  # the name given is a folder
    itself: str  # the name given is the vault file
    not_there: str  # the hidden partial could not be created ({detail})
    failed: str  # writing failed part-way ({detail}); nothing left behind


def check_target(target: Path, vault_path: Path | None, force: bool, words: CopyWords) -> None:
    """Refuse a folder, the vault file itself, and an existing file unless ``force``."""
    if target.is_dir():
        raise InvalidInput(words.folder)
    if vault_path is not None and files.is_same_file(target, vault_path):
        raise InvalidInput(words.itself)
    if target.exists() and not force:
        raise InvalidInput(
            _("A file with that name already exists. Choose another name, or use --force.")
        )


@contextlib.contextmanager
def writing_copy(
    target: Path,
    words: CopyWords,
    *,
    before_rename: Callable[[], None] | None = None,
    mode: str = "wb",
) -> Iterator[IO[Any]]:
    """Write a copy under a fresh hidden name beside ``target``; when the block finishes, the
    bytes are flushed to disk, ``before_rename`` runs (a last check, the custody entry) and
    only then does the copy take its name. A failure anywhere leaves nothing behind; a disk
    error is a StorageError worded by ``words``."""
    partial = files.sibling_partial(target)
    try:
        fd = files.create_exclusive(partial)
    except OSError as exc:
        raise StorageError(words.not_there.format(detail=exc.strerror or exc)) from exc
    with dropped_on_failure(partial, words.failed):
        with os.fdopen(fd, mode) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(partial, target)
    files.fsync_dir(target.parent)
