"""Printing on Linux goes through CUPS, which first writes the whole job, in plain form, to a
temporary file (``cupsTempFd`` in ``$TMPDIR``, else ``/tmp``) and deletes it once CUPS has it,
without wiping it. :func:`spool_in_memory` points ``$TMPDIR`` at the user's private runtime
folder while a job is opened (on systemd systems it lives in memory), so a printed summary or
recovery sheet leaves nothing readable on the disk. CUPS's own spool is out of our reach.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def spool_in_memory() -> Iterator[None]:
    """While active (Linux), temporary files go to the user's private runtime folder instead
    of ``/tmp`` on disk, if that folder is private; otherwise nothing changes."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "linux" or not runtime or not _private_folder(runtime):
        yield
        return
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = runtime
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before


def _private_folder(path: str) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )
