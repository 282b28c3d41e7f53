"""Removing an original file after it was imported ("remove the original file after import").

Only the exact file that was read is removed: the name must still lead to the same file (same
device, inode, size and modification time as when it was opened), checked just before the
removal. What is never done, and why:

- A name that is a symbolic link (a shortcut) is not removed, and neither is the file it points
  to. Removing the link alone would leave the picture where it was while the user believes it is
  gone; removing the target would delete a file somewhere the user did not choose. The user is
  told, and can remove it themselves.
- A file with other names (hard links) is not removed: its content would stay reachable.
- Nothing is overwritten first: on SSDs, flash drives and journaling or copy-on-write file
  systems an overwrite does not reach the old blocks anyway. The window says honestly that
  copies may remain (trash, backups, cloud sync).
"""

from __future__ import annotations

import contextlib
import os
import stat

from locker.i18n import _
from locker.vault.errors import InvalidInput


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _check(now: os.stat_result, read: os.stat_result) -> None:
    if stat.S_ISLNK(now.st_mode):
        raise InvalidInput(
            _(
                "This was a shortcut (a link) to a file somewhere else, so nothing was removed: "
                "the file it points to is still there."
            )
        )
    if not stat.S_ISREG(now.st_mode) or _identity(now) != _identity(read):
        raise InvalidInput(
            _(
                "The file was changed or replaced after it was added, so it was not removed. "
                "The file there now is still on the disk."
            )
        )
    if now.st_nlink > 1:
        raise InvalidInput(
            _(
                "This file has other names on the disk (hard links), so removing this one would "
                "not remove it. Nothing was removed."
            )
        )


def _failed(exc: OSError) -> InvalidInput:
    if isinstance(exc, FileNotFoundError):
        return InvalidInput(
            _("The original file was already gone, so there was nothing to remove.")
        )
    if isinstance(exc, PermissionError):
        return InvalidInput(
            _("The original file could not be removed: this account has no permission to.")
        )
    return InvalidInput(
        _("The original file could not be removed ({detail}).").format(detail=exc.strerror or exc)
    )


def remove_source(path: str | os.PathLike[str], read: os.stat_result) -> None:
    """Remove ``path`` if it is still the regular file described by ``read`` (its fstat when it
    was opened for import). Raises InvalidInput with a plain message otherwise."""
    raw = os.fsencode(path)
    folder, name = os.path.split(raw)
    folder = folder or b"."
    use_dir_fd = os.unlink in os.supports_dir_fd and os.stat in os.supports_dir_fd
    try:
        if not use_dir_fd:  # Windows: no directory handles; the same checks by name
            _check(os.lstat(raw), read)
            os.unlink(raw)
            return
        # Holding the folder open pins it: a folder renamed or swapped meanwhile cannot
        # redirect the removal elsewhere.
        dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            _check(os.stat(name, dir_fd=dir_fd, follow_symlinks=False), read)
            os.unlink(name, dir_fd=dir_fd)
            with contextlib.suppress(OSError):
                os.fsync(dir_fd)  # make the removal durable
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise _failed(exc) from exc
