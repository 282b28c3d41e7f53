"""The `locker` command's contract (README "The `locker` command", ARCHITECTURE "The CLI contract"):
usage errors, what init/add/list/export/verify/log print, and item-id prefixes."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import (
    PW,
    RECOVERY_KEY_RE,
    one_line,
    run_locker,
    sha256_file,
)

ITEM_ID_RE = re.compile(r"^[0-9a-f]{16}$")


def test_no_arguments_is_a_usage_error() -> None:
    r = run_locker()
    assert r.returncode == 2
    assert "usage: locker" in r.stderr
    assert r.stdout == ""


def test_unknown_option_and_unknown_command_are_usage_errors(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    before = sha256_file(path)
    r = run_locker("list", path, "--no-such-option", stdin=PW)
    assert r.returncode == 2
    assert "unrecognized arguments: --no-such-option" in r.stderr
    r = run_locker("frobnicate", path, stdin=PW)
    assert r.returncode == 2
    assert "invalid choice" in r.stderr
    assert sha256_file(path) == before


def test_version() -> None:
    r = run_locker("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("locker ")


def test_init_prints_only_the_recovery_key_on_stdout(tmp_path: Path) -> None:
    vault = tmp_path / "new.evl"
    r = run_locker(
        "init", vault, "--passphrase-stdin", "--kdf-memory", "64", "--kdf-iterations", "3", stdin=PW
    )
    assert r.returncode == 0, r.stderr
    assert RECOVERY_KEY_RE.match(r.stdout.strip()), r.stdout
    assert r.stdout.count("\n") == 1
    assert "recovery key" in r.stderr and "only this once" in r.stderr
    assert vault.is_file()
    r = run_locker("verify", vault, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert "everything is intact" in r.stdout


def test_init_refuses_a_kdf_cost_below_the_floor(tmp_path: Path) -> None:
    vault = tmp_path / "weak.evl"
    r = run_locker(
        "init", vault, "--passphrase-stdin", "--kdf-memory", "8", "--kdf-iterations", "1", stdin=PW
    )
    assert r.returncode == 2
    assert "can't be lower than 64 MiB" in one_line(r.stderr)
    assert not vault.exists()


def test_add_prints_one_id_per_line_in_the_order_given(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    files = []
    for n in range(3):
        f = tmp_path / f"shot-{n}.txt"
        f.write_text(f"screenshot number {n}\n")
        files.append(f)
    r = run_locker("add", path, *files, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    ids = r.stdout.splitlines()
    assert len(ids) == 3 and len(set(ids)) == 3
    assert all(ITEM_ID_RE.match(i) for i in ids), ids
    listed = json.loads(run_locker("list", path, "--json", "--passphrase-stdin", stdin=PW).stdout)
    names = {item["id"]: item["original_name"] for item in listed}
    assert [names[i] for i in ids] == ["shot-0.txt", "shot-1.txt", "shot-2.txt"]


def test_list_text_shows_each_item_and_marks_intimate_ones(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("first")
    b.write_text("second")
    id_a = run_locker(
        "add", path, a, "--title", "Message", "--passphrase-stdin", stdin=PW
    ).stdout.strip()
    id_b = run_locker(
        "add", path, b, "--title", "Photo", "--intimate", "--passphrase-stdin", stdin=PW
    ).stdout.strip()
    r = run_locker("list", path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    line_a = next(line for line in lines if line.startswith(id_a))
    line_b = next(line for line in lines if line.startswith(id_b))
    assert "Message" in line_a and "[intimate]" not in line_a
    assert "Photo" in line_b and "[intimate]" in line_b


def test_list_of_an_empty_vault(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    r = run_locker("list", path, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0
    assert json.loads(r.stdout) == []


def test_export_by_unique_prefix_and_unknown_ids(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    files = []
    for n in range(3):
        f = tmp_path / f"f{n}.txt"
        f.write_bytes(f"item {n}".encode())
        files.append(f)
    r = run_locker("add", path, *files, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    ids = r.stdout.split()
    by_id = dict(zip(ids, files, strict=True))

    # A unique 4-character prefix (upper case works too: ids are shown in lower case).
    target = next(i for i in ids if sum(j.startswith(i[:4]) for j in ids) == 1)
    out = tmp_path / "out.txt"
    r = run_locker("export", path, target[:4].upper(), out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == by_id[target].read_bytes()
    assert "NOT encrypted" in r.stderr

    # Too short a prefix, or an id that is not there.
    for bad in (target[:3], "0123456789abcdef0"):
        out3 = tmp_path / "none.txt"
        r = run_locker("export", path, bad, out3, "--passphrase-stdin", stdin=PW)
        assert r.returncode == 2
        assert "no item with that id" in one_line(r.stderr)
        assert not out3.exists()
        assert not (tmp_path / "none.txt.partial").exists()


def test_export_with_an_ambiguous_prefix_is_refused(
    new_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from locker import cli
    from locker.case import evidence

    path, _ = new_vault
    fixed = iter(["abcd000000000001", "abcd000000000002"])
    monkeypatch.setattr(evidence, "_new_item_id", lambda vault: next(fixed))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("a")
    b.write_text("b")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW))
    assert cli.main(["add", str(path), str(a), str(b), "--passphrase-stdin"]) == 0
    assert capsys.readouterr().out.split() == ["abcd000000000001", "abcd000000000002"]

    out = tmp_path / "out.txt"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW))
    assert cli.main(["export", str(path), "abcd", str(out), "--passphrase-stdin"]) == 2
    assert "More than one item" in one_line(capsys.readouterr().err)
    assert not out.exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW))
    assert cli.main(["export", str(path), "abcd0000000000", str(out), "--passphrase-stdin"]) == 2
    assert "More than one item" in one_line(capsys.readouterr().err)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW))
    assert cli.main(["export", str(path), "abcd000000000002", str(out), "--passphrase-stdin"]) == 0
    assert out.read_text() == "b"


def test_export_refuses_existing_output_and_force_replaces_it(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    src = tmp_path / "evidence.txt"
    src.write_bytes(b"the original bytes")
    item_id = run_locker("add", path, src, "--passphrase-stdin", stdin=PW).stdout.strip()
    out = tmp_path / "already-there.txt"
    out.write_bytes(b"someone else's file")
    r = run_locker("export", path, item_id, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "already exists" in one_line(r.stderr)
    assert out.read_bytes() == b"someone else's file"
    r = run_locker("export", path, item_id, out, "--force", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == b"the original bytes"
    assert not (tmp_path / "already-there.txt.partial").exists()


def test_log_text_ends_with_the_head_hash(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    f = tmp_path / "x.txt"
    f.write_text("x")
    run_locker("add", path, f, "--passphrase-stdin", stdin=PW)
    r = run_locker("log", path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0
    entries = json.loads(run_locker("log", path, "--json", "--passphrase-stdin", stdin=PW).stdout)
    assert r.stdout.splitlines()[-1] == f"Head hash: {entries[-1]['hash']}"
    assert "vault-created" in r.stdout and "add" in r.stdout


def test_verify_reports_intact_vault(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    f = tmp_path / "x.bin"
    f.write_bytes(bytes(range(256)) * 10)
    run_locker("add", path, f, "--passphrase-stdin", stdin=PW)
    r = run_locker("verify", path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0
    assert "Checked 1 file" in r.stdout and "everything is intact" in r.stdout


def test_no_terminal_and_no_stdin_flag_is_a_plain_message(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    r = run_locker("list", path)  # stdin is a pipe, not a terminal
    assert r.returncode == 2
    assert "--passphrase-stdin" in one_line(r.stderr)
