"""The one thing the program may remember on the computer, and only when the user ticks
"remember this vault on this computer": the vault's path (no Qt).

A small JSON file in :func:`locker.paths.config_dir` (the folder 0o700, the file 0o600), written
atomically (a private temporary name, fsync, rename), so a crash leaves the old file or the new
one. A missing, unreadable or damaged file means nothing is remembered.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from locker import files, paths

FILE_NAME = "remembered.json"
MAX_SIZE = 64 * 1024  # a remembered path is small; anything bigger is not ours


def _file() -> Path:
    return paths.config_dir() / FILE_NAME


def remembered_vault() -> Path | None:
    """The remembered vault path, or None (nothing remembered, or the file is damaged)."""
    try:
        fd = os.open(_file(), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            data = f.read(MAX_SIZE + 1)
        if len(data) > MAX_SIZE:
            return None
        obj = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    value = obj.get("vault") if isinstance(obj, dict) else None
    if not isinstance(value, str) or not value or "\x00" in value:
        return None
    return Path(value)


def remember_vault(path: str | os.PathLike[str]) -> None:
    """Remember ``path`` (made absolute) for the next start. Raises OSError if it can't."""
    value = os.path.abspath(os.fspath(path))
    # ensure_ascii: a name that is not valid UTF-8 (lone surrogates) survives as \udcxx escapes.
    data = json.dumps({"vault": value}, ensure_ascii=True).encode("ascii")
    files.replace_atomically(paths.config_dir(create=True) / FILE_NAME, data)


def forget_vault() -> None:
    """Forget the remembered vault (nothing happens if none was remembered)."""
    with contextlib.suppress(FileNotFoundError):
        _file().unlink()
    files.fsync_dir(paths.config_dir())
