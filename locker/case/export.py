"""Exporting an item's original bytes to a plain file, the only plaintext the program writes
about an item (the caller tells the user first that the copy is not encrypted)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
    if target.is_dir():
        raise InvalidInput(_("That is a folder. Please give a file name for the copy."))
    if files.is_same_file(target, vault.path):
        raise InvalidInput(
            _("That is the vault file itself. Please choose another name for the copy.")
        )
    if target.exists() and not force:
        raise InvalidInput(
            _("A file with that name already exists. Choose another name, or use --force.")
        )
    partial = files.sibling_partial(target)
    try:
        fd = files.create_exclusive(partial)
    except OSError as exc:
        raise StorageError(
            _("The copy could not be written there ({detail}).").format(detail=exc.strerror or exc)
        ) from exc
    failed = _("The copy could not be written ({detail}). Nothing was left behind.")
    with dropped_on_failure(partial, failed):
        with os.fdopen(fd, "wb") as f:
            for chunk in vault.read_blob(item.blob, cancelled):
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        unlogged = log_or_say(
            vault,
            "export",
            item.id,
            _("An unencrypted copy of the original was exported; SHA-256 {sha} matched.").format(
                sha=item.sha256
            ),
        )
        os.replace(partial, target)
    files.fsync_dir(target.parent)
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
