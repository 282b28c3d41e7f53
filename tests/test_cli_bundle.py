"""`locker bundle VAULT OUT.zip`: what it prints, the NOT-encrypted note, and its exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.conftest import PW, run_locker
from tests.helpers_tamper import fetch, flip, sql


def _add(path: Path, tmp_path: Path) -> list[str]:
    files = []
    for n in range(2):
        f = tmp_path / f"private name {n}.txt"
        f.write_bytes(f"message {n}\n".encode())
        files.append(f)
    r = run_locker("add", path, *files, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_bundle_writes_the_zip_and_says_it_is_not_encrypted(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _add(path, tmp_path)
    out = tmp_path / "bundle.zip"
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert "NOT encrypted" in r.stderr
    assert str(out) in r.stdout and "2 exhibits" in r.stdout
    with zipfile.ZipFile(out) as zf:
        assert "exhibits/exhibit-001.txt" in zf.namelist()
        assert not any("private name" in n for n in zf.namelist())
    log = run_locker("log", path, "--json", "--passphrase-stdin", stdin=PW)
    assert [e["action"] for e in json.loads(log.stdout)].count("bundle") == 1

    # OUT exists: refused (2) unless --force.
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "already exists" in r.stderr
    r = run_locker("bundle", path, out, "--force", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr


def test_bundle_exit_codes(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    out = tmp_path / "b.zip"
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)  # empty vault
    assert r.returncode == 2 and "no exhibits" in r.stderr
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin="wrong passphrase\n")
    assert r.returncode == 3
    r = run_locker("bundle", path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "usage:" in r.stderr
    ids = _add(path, tmp_path)
    blob = fetch(path, "SELECT blob FROM chunk LIMIT 1")[0][0]
    data = fetch(path, "SELECT data FROM chunk WHERE blob = ? AND idx = 0", (blob,))[0][0]
    sql(path, "UPDATE chunk SET data = ? WHERE blob = ?", (flip(bytes(data), len(data) // 2), blob))
    r = run_locker("bundle", path, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4 and "Exhibit" in r.stderr and "not written" in r.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert len(ids) == 2
