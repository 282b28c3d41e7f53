"""A vault left mid-commit by a crash opens: SQLite's roll-back runs before any "cut short" check.

After a kill during a commit the file's header can declare more pages than the file holds; the
hot journal holds the old page 1 and the roll-back puts it back. (Found by test_crash.py's
kill -9 test, whose timing made it rare; this builds that state on purpose.)
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from locker.case import export, integrity
from locker.vault import LockedVault
from tests.conftest import PASSPHRASE
from tests.helpers_tamper import build_vault

LEAVE_HOT_JOURNAL = """
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = DELETE")
db.execute("PRAGMA cache_size = 1")             # spill dirty pages to the file mid-transaction
db.execute("BEGIN IMMEDIATE")
db.execute("CREATE TABLE interrupted (x BLOB)")  # changes page 1, so page 1 is journaled
db.execute("INSERT INTO interrupted VALUES (zeroblob(8 * 1024 * 1024))")
os._exit(0)                                     # no COMMIT, no ROLLBACK: like kill -9
"""


def test_a_vault_with_a_hot_journal_and_an_overlong_header_opens(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"evidence before the crash"})
    size_before = built.path.stat().st_size
    subprocess.run([sys.executable, "-c", LEAVE_HOT_JOURNAL, str(built.path)], check=True)
    journal = built.path.with_name(built.path.name + "-journal")
    assert journal.stat().st_size > 0  # a hot journal was left behind
    # What a crash mid-write can leave: page 1 already says "many more pages" (and is marked
    # valid), the pages themselves never reached the file.
    with open(built.path, "r+b") as f:
        head = bytearray(f.read(100))
        head[28:32] = struct.pack(">I", 10_000)
        head[92:96] = head[24:28]
        f.seek(0)
        f.write(head)

    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        assert integrity.verify_case(vault).problems == []
        out = tmp_path / "a.out"
        export.export_item(vault, built.items["a.png"].id, out)
        assert out.read_bytes() == b"evidence before the crash"
    finally:
        vault.lock()
    assert not journal.exists()
    assert built.path.stat().st_size == size_before
