"""A crafted vault cannot make the program run an absurd (or a too weak) key derivation.

The passphrase slot's Argon2id parameters are rewritten (64 GiB of memory, a million iterations,
below the floor, ...) and the slot checksum is recomputed, so the slot itself looks whole and the
refusal must come from the read caps. The program must refuse at once, with "damaged" (CLI exit 4)
and a message naming the cost, WITHOUT running the KDF: once the vault exists,
locker.vault.kdf.argon2id (and the Argon2id class behind it) are replaced by functions that fail
the test if called (fixture ``no_kdf``). The real `locker` subprocess is checked by its time.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from locker import cli
from locker.vault import Damaged, LockedVault, container, keyslots, verify
from locker.vault.kdf import Argon2id as REAL_ARGON2ID_CLASS
from locker.vault.kdf import argon2id as REAL_ARGON2ID
from tests.conftest import PASSPHRASE, run_locker

GIB_KIB = 1024 * 1024

CAPPED = {
    # name: (changes to the params JSON, words the message must contain)
    "64 GiB of memory": ({"m": 64 * GIB_KIB}, ["65536 MiB"]),
    "a million iterations": ({"t": 10**6}, ["1000000 iterations"]),
    "below the floor: 8 MiB": ({"m": 8 * 1024}, ["8 MiB"]),
    "below the floor: 1 iteration": ({"t": 1}, ["1 iterations"]),
    "just above the memory cap": ({"m": 2048 * 1024 + 1}, ["2048 MiB"]),
    "an astronomically big number": ({"m": 10**30}, ["MiB"]),
    "zero lanes": ({"p": 0}, []),
    "a thousand lanes": ({"p": 1000}, []),
    "below the floor: 2 lanes": ({"p": 2}, []),
}

MALFORMED = {
    "memory as text": {"m": "65536"},
    "memory as a float": {"m": 1e12},
    "iterations as true": {"t": True},
    "no lanes": {"p": None},
    "negative memory": {"m": -1},
}


@pytest.fixture
def no_kdf(new_vault, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """From here on (the vault already exists), any Argon2id run fails the test."""
    from locker.vault import kdf

    def refuse(*args: object, **kwargs: object) -> bytes:
        pytest.fail("the KDF was run for a slot whose cost should have been refused")

    monkeypatch.setattr(kdf, "argon2id", refuse)
    monkeypatch.setattr(kdf, "Argon2id", refuse)


def craft(path: Path, changes: dict[str, object]) -> str:
    """Rewrite the passphrase slot's params and recompute its checksum; returns the params."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        (vault_id,) = conn.execute("SELECT vault_id FROM header").fetchone()
        kind, params, wrapped = conn.execute(
            "SELECT kind, params, wrapped FROM key_slot WHERE slot = 1"
        ).fetchone()
        obj = json.loads(params)
        assert (obj["m"], obj["t"], obj["p"]) == (64 * 1024, 3, 4)
        for key, value in changes.items():
            if value is None:
                del obj[key]
            else:
                obj[key] = value
        params = json.dumps(obj, sort_keys=True, separators=(",", ":"))
        checksum = container.slot_checksum(vault_id, 1, kind, params, wrapped)
        conn.execute(
            "UPDATE key_slot SET params = ?, checksum = ? WHERE slot = 1", (params, checksum)
        )
        # The slot is whole as far as its checksum goes: the refusal cannot come from there.
        slot = keyslots.load(conn, vault_id, 1)
        assert slot.params == params
    finally:
        conn.close()
    return params


def _refused_in_process(path: Path) -> Damaged:
    locked = LockedVault.open(path)
    try:
        started = time.monotonic()
        with pytest.raises(Damaged) as info:
            locked.unlock(PASSPHRASE)
        assert time.monotonic() - started < 1.0
        with pytest.raises(Damaged):
            locked.kdf_params()
    finally:
        locked.close()
    return info.value


def _cli_in_process(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    capsys.readouterr()
    rc = cli.main([command, str(path), "--passphrase-stdin"])
    captured = capsys.readouterr()
    return rc, captured.err


@pytest.mark.parametrize("case", sorted(CAPPED))
def test_costly_or_weak_params_are_refused_without_running_the_kdf(
    new_vault, no_kdf, monkeypatch, capsys, case
) -> None:  # type: ignore[no-untyped-def]
    path, _ = new_vault
    changes, words = CAPPED[case]
    craft(path, changes)
    err = _refused_in_process(path)
    message = str(err)
    assert "key-derivation cost" in message, message
    for word in words:
        assert word in message, message
    assert "passphrase does not open" not in message
    for command in ("list", "verify", "passwd"):
        rc, stderr = _cli_in_process(path, monkeypatch, capsys, command)
        assert rc == 4, (command, stderr)
        assert "key-derivation cost" in stderr
        for word in words:
            assert word in stderr


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_params_are_refused_without_running_the_kdf(
    new_vault, no_kdf, monkeypatch, capsys, case
) -> None:  # type: ignore[no-untyped-def]
    path, _ = new_vault
    craft(path, MALFORMED[case])
    err = _refused_in_process(path)
    assert "passphrase does not open" not in str(err)
    rc, stderr = _cli_in_process(path, monkeypatch, capsys, "list")
    assert rc == 4 and stderr.strip()


@pytest.mark.parametrize("case", ["64 GiB of memory", "a million iterations"])
def test_locker_command_refuses_quickly(new_vault, case) -> None:  # type: ignore[no-untyped-def]
    """The real `locker` (no monkeypatching in the subprocess): exit 4 within seconds, where
    running that KDF would take minutes or exhaust memory."""
    path, _ = new_vault
    changes, words = CAPPED[case]
    craft(path, changes)
    started = time.monotonic()
    r = run_locker("verify", path, "--passphrase-stdin", stdin=PASSPHRASE + "\n", timeout=60)
    assert time.monotonic() - started < 15
    assert r.returncode == 4, r.stderr
    assert "key-derivation cost" in r.stderr
    for word in words:
        assert word in r.stderr


def test_recovery_key_still_opens_verify_names_the_bad_slot_and_passwd_repairs_it(
    new_vault, no_kdf, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The recovery slot does not use Argon2id: the vault still opens with it, verify reports
    the passphrase slot that asks for 64 GiB, and a new passphrase can be set (with a freshly
    measured cost, not the refused one)."""
    from locker.vault import Argon2Params, change_passphrase, kdf

    path, recovery = new_vault
    craft(path, {"m": 64 * GIB_KIB})
    with LockedVault.open(path).unlock_with_recovery_key(recovery) as vault:
        report = verify(vault, record=False)
        assert not report.ok
        assert any("passphrase key slot" in p for p in report.problems), report.problems
        # From here the KDF may run again, but only at the cost calibration chooses.
        monkeypatch.setattr(kdf, "Argon2id", REAL_ARGON2ID_CLASS)
        monkeypatch.setattr(kdf, "argon2id", REAL_ARGON2ID)
        monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: Argon2Params.floor())
        change_passphrase(vault, "a brand new passphrase")
    locked = LockedVault.open(path)
    try:
        assert locked.kdf_params() == Argon2Params.floor()
    finally:
        locked.close()
    with LockedVault.open(path).unlock("a brand new passphrase") as vault:
        assert verify(vault, record=False).ok
