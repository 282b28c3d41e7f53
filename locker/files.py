"""Small, careful file-system helpers shared by export, backup and small whole-file writes (no Qt)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def sibling_partial(target: Path) -> Path:
    """A fresh hidden name beside ``target`` for writing before the final rename.

    Random, so it never collides with (or truncates) an existing file such as the vault itself;
    callers create it with O_EXCL, which also refuses a planted symlink.
    """
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")


def create_exclusive(path: Path) -> int:
    """Create ``path`` for writing, private (0o600), failing if anything is already there."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)


def is_same_file(a: Path, b: Path) -> bool:
    """True if both names lead to the same file (or would, once created)."""
    with contextlib.suppress(OSError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    with contextlib.suppress(OSError, RuntimeError):
        return a.resolve() == b.resolve()
    return False


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (best effort: not every system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_atomically(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` (private, 0o600), replacing any file there only once every
    byte is on the disk: written under a hidden sibling name first, synced, then renamed, so a
    full disk or a pulled USB stick never leaves half a file. Raises OSError."""
    partial = sibling_partial(target)
    fd = create_exclusive(partial)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(partial)
        raise
    fsync_dir(target.parent)
