"""The custody log cannot be wiped, restarted or outrun by an older record, even by someone
without the key (security review, 2026-11-21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from locker.case import evidence
from locker.vault import Damaged, LockedVault
from tests.conftest import PASSPHRASE, run_locker
from tests.helpers_tamper import build_vault, fetch, sql, verify_problems

PW = PASSPHRASE + "\n"


def test_a_wiped_log_is_not_restarted_and_stays_reported(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"evidence"})
    sql(built.path, "DELETE FROM custody")
    sql(built.path, "DELETE FROM record WHERE tbl = 'meta' AND id = 'custody'")
    # verify reports it, cannot append its own entry, and so the second verify reports it too.
    for _ in range(2):
        problems = verify_problems(built.path)
        assert any("first entry" in p for p in problems), problems
    assert fetch(built.path, "SELECT count(*) FROM custody") == [(0,)]
    # A new add is refused rather than starting a fresh log at entry 1.
    (tmp_path / "new.txt").write_bytes(b"new")
    r = run_locker("add", built.path, tmp_path / "new.txt", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4
    assert "custody log head" in r.stderr
    assert fetch(built.path, "SELECT count(*) FROM custody") == [(0,)]


def test_a_missing_head_refuses_new_entries_with_a_plain_message(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"evidence"})
    sql(built.path, "DELETE FROM record WHERE tbl = 'meta' AND id = 'custody'")
    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        with pytest.raises(Damaged, match="custody log head"):
            vault.append_log("verify", None, "x")
    finally:
        vault.lock()


def test_an_older_version_of_an_item_put_back_is_reported(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"evidence", "b.txt": b"note"})
    item = built.items["a.png"]
    (old_meta,) = fetch(
        built.path, "SELECT data FROM record WHERE tbl='item' AND id=? AND field='meta'", (item.id,)
    )[0]
    vault = LockedVault.open(built.path).unlock(PASSPHRASE)
    try:
        evidence.update_item(vault, item.id, note="He sent it on 3 March", intimate=True)
    finally:
        vault.lock()
    assert verify_problems(built.path) == []
    # Splice the old (authentic) ciphertext back in: no key needed.
    sql(
        built.path,
        "UPDATE record SET data = ? WHERE tbl='item' AND id=? AND field='meta'",
        (old_meta, item.id),
    )
    problems = verify_problems(built.path)
    assert any(item.id in p and "older version" in p for p in problems), problems
    r = run_locker("verify", built.path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 1


def test_an_item_the_log_never_saw_added_is_reported(tmp_path: Path) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"evidence", "b.txt": b"note"})
    assert [s for (s,) in fetch(built.path, "SELECT seq FROM custody ORDER BY seq")] == [1, 2, 3]
    sql(built.path, "DELETE FROM custody WHERE seq = 3")  # b's "add" entry
    problems = verify_problems(built.path)
    b_id = built.items["b.txt"].id
    assert any(b_id in p and "not in the custody log" in p for p in problems), problems


def test_export_with_a_damaged_log_still_gives_the_evidence_and_says_it_was_not_recorded(
    tmp_path: Path,
) -> None:
    built = build_vault(tmp_path / "v.evl", {"a.png": b"the original bytes"})
    item = built.items["a.png"]
    sql(built.path, "DELETE FROM record WHERE tbl = 'meta' AND id = 'custody'")
    out = tmp_path / "copy.png"
    r = run_locker("export", built.path, item.id, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == b"the original bytes"
    assert "could not be recorded in the custody log" in r.stderr
    assert "NOT encrypted" in r.stderr
