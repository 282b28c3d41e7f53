"""Small, careful file-system helpers shared by export and backup (no Qt)."""

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
