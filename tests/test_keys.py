"""Passphrase, recovery key, passwd, rekey, backup and the custody log, through `locker`."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
from pathlib import Path

from locker.vault.crypto import CHUNK_SIZE
from tests.conftest import (
    PASSPHRASE,
    PW,
    RECOVERY_KEY_RE,
    init_vault,
    one_line,
    open_vault,
    run_locker,
    sha256_file,
)

NEW_PW = "a whole new passphrase ✨ جديد"
WRONG_PASSPHRASE = "That passphrase does not open this vault."
WRONG_RECOVERY = "That recovery key does not open this vault."


def _list(vault: Path, stdin: str, *flags: str):  # type: ignore[no-untyped-def]
    return run_locker("list", vault, "--json", *flags, stdin=stdin)


def _typo(key: str) -> str:
    """The key with one character changed so that its check group catches it."""
    from locker.vault import WrongKey
    from locker.vault.kdf import parse_recovery_key

    for pos in range(len(key)):
        if key[pos] == "-":
            continue
        for ch in "23456789ABCDEFGHJKMNPQRSTVWXYZ":
            if ch == key[pos]:
                continue
            candidate = key[:pos] + ch + key[pos + 1 :]
            try:
                parse_recovery_key(candidate)
            except WrongKey as exc:
                if "typing mistake" in exc.message:
                    return candidate
    raise AssertionError("no detectable typo found")


def test_wrong_passphrase_is_exit_3_with_a_plain_message(new_vault: tuple[Path, str]) -> None:
    vault, _ = new_vault
    before = sha256_file(vault)
    r = _list(vault, "correct horse battery staple\n", "--passphrase-stdin")
    assert r.returncode == 3
    assert WRONG_PASSPHRASE in one_line(r.stderr)
    assert r.stdout == ""
    assert sha256_file(vault) == before


def test_recovery_key_opens_also_in_lower_case_and_with_spaces(tmp_path: Path) -> None:
    vault = tmp_path / "case.evl"
    key = init_vault(vault)
    for typed in (
        key,
        key.lower(),
        key.replace("-", " "),
        "  " + key.lower().replace("-", "   ") + "  ",
        key.replace("-", ""),
    ):
        r = _list(vault, typed + "\n", "--recovery-key-stdin")
        assert r.returncode == 0, (typed, r.stderr)
        assert json.loads(r.stdout) == []
    # Each opening with the recovery key is written down in the custody log.
    r = run_locker("log", vault, "--json", "--passphrase-stdin", stdin=PW)
    actions = [e["action"] for e in json.loads(r.stdout)]
    assert actions.count("recovery-key-used") == 5


def test_recovery_key_with_a_typo_says_so(tmp_path: Path) -> None:
    vault = tmp_path / "case.evl"
    key = init_vault(vault)
    before = sha256_file(vault)
    r = _list(vault, _typo(key) + "\n", "--recovery-key-stdin")
    assert r.returncode == 3
    assert "typing mistake" in one_line(r.stderr)
    r = _list(vault, key[:-5] + "\n", "--recovery-key-stdin")  # last group missing
    assert r.returncode == 3
    assert "not complete" in one_line(r.stderr)
    assert sha256_file(vault) == before


def test_recovery_key_of_another_vault_does_not_open(tmp_path: Path) -> None:
    a, b = tmp_path / "a.evl", tmp_path / "b.evl"
    init_vault(a)
    key_b = init_vault(b)
    r = _list(a, key_b + "\n", "--recovery-key-stdin")
    assert r.returncode == 3
    assert WRONG_RECOVERY in one_line(r.stderr)


def test_passwd_only_the_new_passphrase_opens(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    vault, recovery = new_vault
    f = tmp_path / "a.txt"
    f.write_text("kept across the change")
    item_id = run_locker("add", vault, f, "--passphrase-stdin", stdin=PW).stdout.strip()

    r = run_locker("passwd", vault, "--passphrase-stdin", stdin=PW + NEW_PW + "\n")
    assert r.returncode == 0, r.stderr
    assert "passphrase was changed" in r.stderr

    r = _list(vault, PW, "--passphrase-stdin")
    assert r.returncode == 3
    assert WRONG_PASSPHRASE in one_line(r.stderr)
    r = _list(vault, NEW_PW + "\n", "--passphrase-stdin")
    assert r.returncode == 0, r.stderr
    assert [i["id"] for i in json.loads(r.stdout)] == [item_id]
    # The recovery key is not affected by a passphrase change.
    assert _list(vault, recovery + "\n", "--recovery-key-stdin").returncode == 0
    out = tmp_path / "out.txt"
    r = run_locker("export", vault, item_id, out, "--passphrase-stdin", stdin=NEW_PW + "\n")
    assert r.returncode == 0
    assert out.read_text() == "kept across the change"


def test_passwd_with_the_wrong_current_passphrase_changes_nothing(
    new_vault: tuple[Path, str],
) -> None:
    vault, _ = new_vault
    before = sha256_file(vault)
    r = run_locker("passwd", vault, "--passphrase-stdin", stdin="not the one\n" + NEW_PW + "\n")
    assert r.returncode == 3
    assert WRONG_PASSPHRASE in one_line(r.stderr)
    assert sha256_file(vault) == before
    assert _list(vault, PW, "--passphrase-stdin").returncode == 0


def test_passwd_via_recovery_key(new_vault: tuple[Path, str]) -> None:
    """Forgot the passphrase: open with the recovery key and set a new one."""
    vault, recovery = new_vault
    r = run_locker("passwd", vault, "--recovery-key-stdin", stdin=recovery + "\n" + NEW_PW + "\n")
    assert r.returncode == 0, r.stderr
    assert _list(vault, NEW_PW + "\n", "--passphrase-stdin").returncode == 0
    r = _list(vault, PW, "--passphrase-stdin")
    assert r.returncode == 3
    actions = [
        e["action"]
        for e in json.loads(
            run_locker("log", vault, "--json", "--passphrase-stdin", stdin=NEW_PW + "\n").stdout
        )
    ]
    assert actions[-2:] == ["recovery-key-used", "passphrase-changed"]


def test_rekey_reencrypts_everything_and_replaces_both_keys(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    from locker.vault import LockedVault

    vault, old_recovery = new_vault
    files = []
    for name, size in (("shot.png", 0), ("small.txt", 17), ("multi.bin", 2 * CHUNK_SIZE + 5)):
        f = tmp_path / name
        if name.endswith(".png"):  # an image: its thumbnail record is re-encrypted too
            from PIL import Image

            Image.new("RGB", (400, 300), (30, 60, 90)).save(f, format="PNG")
        else:
            f.write_bytes(os.urandom(size))
        files.append(f)
    r = run_locker("add", vault, *files, "--passphrase-stdin", stdin=PW)
    ids = r.stdout.split()
    assert len(ids) == 3
    old_backup = tmp_path / "before-rekey.evl"
    assert run_locker("backup", vault, old_backup, "--passphrase-stdin", stdin=PW).returncode == 0

    locked = LockedVault.open(vault)
    with locked.unlock(PASSPHRASE) as v:
        old_master = v._master
    assert old_master is not None

    r = run_locker("rekey", vault, "--passphrase-stdin", stdin=PW + NEW_PW + "\n")
    assert r.returncode == 0, r.stderr
    new_recovery = r.stdout.strip()
    assert RECOVERY_KEY_RE.match(new_recovery), r.stdout
    assert new_recovery != old_recovery
    assert "old recovery key" in r.stderr

    # Old passphrase and old recovery key no longer open it; the new ones do.
    r = _list(vault, PW, "--passphrase-stdin")
    assert r.returncode == 3 and WRONG_PASSPHRASE in r.stderr
    r = _list(vault, old_recovery + "\n", "--recovery-key-stdin")
    assert r.returncode == 3 and WRONG_RECOVERY in r.stderr
    assert _list(vault, new_recovery + "\n", "--recovery-key-stdin").returncode == 0

    # A new master key, not just new key slots.
    with LockedVault.open(vault).unlock(NEW_PW) as v:
        new_master = v._master
    assert new_master is not None and new_master != old_master

    for item_id, f in zip(ids, files, strict=True):
        out = tmp_path / ("out-" + f.name)
        r = run_locker("export", vault, item_id, out, "--passphrase-stdin", stdin=NEW_PW + "\n")
        assert r.returncode == 0, r.stderr
        assert filecmp.cmp(out, f, shallow=False)
    r = run_locker("verify", vault, "--passphrase-stdin", stdin=NEW_PW + "\n")
    assert r.returncode == 0, r.stdout

    # A backup made before the re-key still opens with what opened it then (README).
    assert _list(old_backup, PW, "--passphrase-stdin").returncode == 0
    assert _list(old_backup, NEW_PW + "\n", "--passphrase-stdin").returncode == 3


def test_new_passphrase_too_short_for_rekey_changes_nothing(new_vault: tuple[Path, str]) -> None:
    vault, _ = new_vault
    before = sha256_file(vault)
    r = run_locker("rekey", vault, "--passphrase-stdin", stdin=PW + "short\n")
    assert r.returncode == 2
    assert "too short" in one_line(r.stderr)
    assert r.stdout == ""  # no recovery key shown for a re-key that did not happen
    assert sha256_file(vault) == before


def test_backup_copy_opens_verifies_and_needs_force_to_replace(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    vault, recovery = new_vault
    f = tmp_path / "a.txt"
    f.write_text("first item")
    run_locker("add", vault, f, "--passphrase-stdin", stdin=PW)

    dest = tmp_path / "usb" / "copy.evl"
    dest.parent.mkdir()
    r = run_locker("backup", vault, dest, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert "verified" in r.stderr
    assert not Path(str(dest) + ".partial").exists()
    r = run_locker("verify", dest, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stdout
    assert _list(dest, recovery + "\n", "--recovery-key-stdin").returncode == 0
    assert json.loads(_list(dest, PW, "--passphrase-stdin").stdout) == json.loads(
        _list(vault, PW, "--passphrase-stdin").stdout
    )

    g = tmp_path / "b.txt"
    g.write_text("second item")
    run_locker("add", vault, g, "--passphrase-stdin", stdin=PW)
    before = sha256_file(dest)
    r = run_locker("backup", vault, dest, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "already exists" in one_line(r.stderr)
    assert sha256_file(dest) == before

    r = run_locker("backup", vault, dest, "--force", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    names = {i["original_name"] for i in json.loads(_list(dest, PW, "--passphrase-stdin").stdout)}
    assert names == {"a.txt", "b.txt"}

    r = run_locker("backup", vault, vault, "--force", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2  # a backup never replaces the vault itself
    assert _list(vault, PW, "--passphrase-stdin").returncode == 0


def test_log_records_every_action_in_an_unbroken_hash_chain(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    from locker.vault.custody import GENESIS_HASH, entry_hash, entry_plaintext

    vault, recovery = new_vault
    f = tmp_path / "a.txt"
    f.write_text("evidence")
    item_id = run_locker("add", vault, f, "--passphrase-stdin", stdin=PW).stdout.strip()
    steps = [
        ("export", vault, item_id, tmp_path / "out.txt", "--passphrase-stdin"),
        ("verify", vault, "--passphrase-stdin"),
        ("backup", vault, tmp_path / "b.evl", "--passphrase-stdin"),
    ]
    for args in steps:
        assert run_locker(*args, stdin=PW).returncode == 0
    assert (
        run_locker("passwd", vault, "--passphrase-stdin", stdin=PW + NEW_PW + "\n").returncode == 0
    )
    r = run_locker(
        "rekey", vault, "--recovery-key-stdin", stdin=recovery + "\n" + PASSPHRASE + "\n"
    )
    assert r.returncode == 0, r.stderr

    r = run_locker("log", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    entries = json.loads(r.stdout)
    assert [e["action"] for e in entries] == [
        "vault-created",
        "add",
        "export",
        "verify",
        "backup",
        "passphrase-changed",
        "recovery-key-used",
        "rekey",
    ]
    assert entries[1]["item"] == entries[2]["item"] == item_id
    assert hashlib.sha256(f.read_bytes()).hexdigest() in entries[1]["summary"]
    prev = GENESIS_HASH
    for n, e in enumerate(entries, start=1):
        assert e["seq"] == n
        assert e["prev"] == prev
        plaintext = entry_plaintext(
            e["seq"], e["at"], e["action"], e["item"], e["summary"], e["prev"], e["record"]
        )
        assert e["hash"] == entry_hash(plaintext)
        prev = e["hash"]

    r = run_locker("verify", vault, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stdout
    entries_after = json.loads(
        run_locker("log", vault, "--json", "--passphrase-stdin", stdin=PW).stdout
    )
    assert entries_after[:-1] == entries
    assert entries_after[-1]["action"] == "verify"
    assert entries_after[-1]["prev"] == entries[-1]["hash"]


def test_verify_and_log_report_a_removed_log_entry(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    """The chain is worth checking only if a broken one is reported: delete an entry."""
    import sqlite3

    vault, _ = new_vault
    f = tmp_path / "a.txt"
    f.write_text("evidence")
    run_locker("add", vault, f, "--passphrase-stdin", stdin=PW)
    run_locker("verify", vault, "--passphrase-stdin", stdin=PW)
    conn = sqlite3.connect(vault)
    conn.execute("DELETE FROM custody WHERE seq = 2")
    conn.commit()
    conn.close()
    r = run_locker("log", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 1
    assert "missing" in r.stderr
    r = run_locker("verify", vault, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 1
    assert "problem" in r.stdout
    # The item itself is still listed and readable.
    with open_vault(vault) as v:
        from locker.case import evidence

        items, damaged = evidence.list_items(v)
    assert [i.original_name for i in items] == ["a.txt"] and not damaged
