"""Test set-up shared by every test.

- Qt runs on the offscreen platform, so `pytest` needs no display.
- Every path the program could write to (HOME, XDG dirs, TMPDIR) points into tmp_path.
- A guard fails any test that opens a network socket, in-process or in a `locker` subprocess.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
GUARD_DIR = Path(__file__).resolve().parent / "guard"
PASSPHRASE = "correct horse battery"
PW = PASSPHRASE + "\n"  # the passphrase as --passphrase-stdin reads it
INIT_FLOOR = ("--kdf-memory", "64", "--kdf-iterations", "3")  # `locker init` at the KDF floor
RECOVERY_KEY_RE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$")


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test whose code creates an IPv4/IPv6 socket."""
    real_init = socket.socket.__init__

    def guarded(self: socket.socket, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            raise NetworkUsed("the program tried to open a network socket")
        real_init(self, family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "__init__", guarded)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG folders and TMPDIR at a private folder for this test."""
    home = tmp_path / "home"
    for sub in ("config", "data", "cache", "state", "runtime", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    os.chmod(home / "runtime", 0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
    monkeypatch.setenv("TMPDIR", str(home / "tmp"))
    return home


def locker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(GUARD_DIR), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_locker(
    *args: str | os.PathLike[str],
    stdin: str | bytes = "",
    check_guard: bool = True,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the `locker` CLI in a subprocess (with the socket guard) and capture its output."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "locker.cli", *map(os.fsdecode, args)],
        input=data,
        capture_output=True,
        env=locker_env(),
        timeout=timeout,
    )
    result = subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )
    if check_guard:
        assert proc.returncode != 97, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def floor_params():  # type: ignore[no-untyped-def]
    from locker.vault import Argon2Params

    return Argon2Params.floor()


@pytest.fixture
def new_vault(tmp_path: Path, floor_params) -> Iterator[tuple[Path, str]]:  # type: ignore[no-untyped-def]
    """A fresh vault at the KDF floor; yields (path, recovery key). Created in-process (fast)."""
    from locker.vault import Vault

    path = tmp_path / "case.evl"
    vault, recovery = Vault.create(path, PASSPHRASE, floor_params)
    vault.lock()
    yield path, recovery


def open_vault(path: Path, passphrase: str = PASSPHRASE):  # type: ignore[no-untyped-def]
    from locker.vault import LockedVault

    return LockedVault.open(path).unlock(passphrase)


def sha256_file(path: str | os.PathLike[str] | bytes) -> str:
    """SHA-256 of a file's bytes (read in blocks: some test files are large)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(4 * 1024 * 1024):
            h.update(block)
    return h.hexdigest()


def one_line(stderr: str) -> str:
    """The program's single message line (the contract: one plain line on stderr)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    return lines[0]


def init_vault(vault: Path, passphrase: str = PASSPHRASE) -> str:
    """`locker init` at the KDF floor; returns the recovery key it printed."""
    r = run_locker("init", vault, "--passphrase-stdin", *INIT_FLOOR, stdin=passphrase + "\n")
    assert r.returncode == 0, r.stderr
    key = r.stdout.strip()
    assert RECOVERY_KEY_RE.match(key), key
    return key
