"""Bad input (PRODUCT.md "Bad input"): one plain line on stderr, the contract's exit code, no
traceback, and the vault left as it was."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import (
    INIT_FLOOR,
    PW,
    one_line,
    open_vault,
    run_locker,
    sha256_file,
)

NOT_A_VAULT = "not an Evidence Locker vault"


def _png(size: tuple[int, int] = (64, 48)) -> bytes:
    """A real, small PNG (the import checks that images decode)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def _items(vault: Path | bytes, stdin: str = PW) -> list[dict[str, object]]:
    r = run_locker("list", vault, "--json", "--passphrase-stdin", stdin=stdin)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def _log_length(vault: Path | bytes) -> int:
    r = run_locker("log", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return len(json.loads(r.stdout))


@pytest.fixture
def filled_vault(new_vault: tuple[Path, str], tmp_path: Path) -> Path:
    """A vault holding two items (one of them several chunks long)."""
    path, _ = new_vault
    a, b = tmp_path / "first.txt", tmp_path / "second.bin"
    a.write_text("a message")
    b.write_bytes(os.urandom(3 * 1024 * 1024 + 7))
    r = run_locker("add", path, a, b, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    return path


# --- passphrases -----------------------------------------------------------------------------


def test_wrong_passphrase(filled_vault: Path) -> None:
    before = sha256_file(filled_vault)
    for cmd in (("list",), ("verify",), ("add", filled_vault.parent / "first.txt"), ("log",)):
        r = run_locker(
            cmd[0], filled_vault, *cmd[1:], "--passphrase-stdin", stdin="Correct Horse Battery\n"
        )
        assert r.returncode == 3, cmd
        assert "does not open this vault" in one_line(r.stderr)
        assert r.stdout == ""
    assert sha256_file(filled_vault) == before


def test_empty_passphrase_at_unlock(filled_vault: Path) -> None:
    before = sha256_file(filled_vault)
    r = run_locker("list", filled_vault, "--passphrase-stdin", stdin="\n")
    assert r.returncode == 2
    assert "No passphrase was entered" in one_line(r.stderr)
    r = run_locker("list", filled_vault, "--passphrase-stdin", stdin="")  # stdin ends at once
    assert r.returncode == 2
    assert "standard input" in one_line(r.stderr)
    assert sha256_file(filled_vault) == before


def test_empty_and_too_short_passphrase_at_init(tmp_path: Path) -> None:
    vault = tmp_path / "new.evl"
    r = run_locker("init", vault, "--passphrase-stdin", *INIT_FLOOR, stdin="\n")
    assert r.returncode == 2
    assert "empty" in one_line(r.stderr)
    assert r.stdout == ""  # no recovery key for a vault that was not made
    r = run_locker("init", vault, "--passphrase-stdin", *INIT_FLOOR, stdin="seven77\n")
    assert r.returncode == 2
    assert "too short" in one_line(r.stderr) and "8" in r.stderr
    assert not vault.exists()


def test_too_short_new_passphrase_at_passwd(filled_vault: Path) -> None:
    before = sha256_file(filled_vault)
    r = run_locker("passwd", filled_vault, "--passphrase-stdin", stdin=PW + "short\n")
    assert r.returncode == 2
    assert "too short" in one_line(r.stderr)
    r = run_locker("passwd", filled_vault, "--passphrase-stdin", stdin=PW + "\n")
    assert r.returncode == 2
    assert "empty" in one_line(r.stderr)
    assert sha256_file(filled_vault) == before
    assert len(_items(filled_vault)) == 2  # the old passphrase still opens it


# --- files that are not (good) vaults --------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"just some notes\n", b"\x89PNG\r\n\x1a\n" + bytes(200), "sqlite"],
    ids=["empty-file", "text", "png", "other-sqlite-db"],
)
def test_a_file_that_is_not_a_vault(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "not-a-vault.evl"
    if content == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (t TEXT)")
        conn.execute("INSERT INTO notes VALUES ('hello')")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    before = sha256_file(path)
    r = run_locker("list", path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 4
    assert NOT_A_VAULT in one_line(r.stderr)
    assert sha256_file(path) == before


def test_a_truncated_vault(filled_vault: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.evl"
    data = filled_vault.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    before = sha256_file(cut)
    for cmd in ("list", "verify"):
        r = run_locker(cmd, cut, "--passphrase-stdin", stdin=PW)
        assert r.returncode == 4, cmd
        line = one_line(r.stderr)
        assert "shorter than it should be" in line and "cut off" in line
    assert sha256_file(cut) == before


def test_a_vault_from_a_newer_version(filled_vault: Path) -> None:
    conn = sqlite3.connect(filled_vault)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    before = sha256_file(filled_vault)
    for cmd in ("list", "verify"):
        r = run_locker(cmd, filled_vault, "--passphrase-stdin", stdin=PW)
        assert r.returncode == 4
        assert "newer version" in one_line(r.stderr)
    assert sha256_file(filled_vault) == before


def test_vault_path_missing_or_a_folder(tmp_path: Path) -> None:
    r = run_locker("list", tmp_path / "nowhere.evl", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "no vault file" in one_line(r.stderr)
    assert not (tmp_path / "nowhere.evl").exists()  # opening never creates a file
    r = run_locker("list", tmp_path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "folder" in one_line(r.stderr)


# --- input files -----------------------------------------------------------------------------


def test_missing_input_file_the_others_still_go_in(filled_vault: Path, tmp_path: Path) -> None:
    ok1, ok2 = tmp_path / "ok1.txt", tmp_path / "ok2.txt"
    ok1.write_text("one")
    ok2.write_text("two")
    gone = tmp_path / "deleted-meanwhile.jpg"
    r = run_locker("add", filled_vault, ok1, gone, ok2, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert "deleted-meanwhile.jpg" in line and "can't be found" in line
    ids = r.stdout.split()
    assert len(ids) == 2
    names = {i["id"]: i["original_name"] for i in _items(filled_vault)}
    assert [names[i] for i in ids] == ["ok1.txt", "ok2.txt"]
    assert len(names) == 4


def test_a_folder_given_as_a_file(filled_vault: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Screenshots"
    folder.mkdir()
    (folder / "inside.png").write_bytes(b"x")
    before = sha256_file(filled_vault)
    r = run_locker("add", filled_vault, folder, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert "Screenshots" in line and "folder" in line
    assert r.stdout == ""
    assert sha256_file(filled_vault) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_input_file(filled_vault: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.png"
    locked.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    locked.chmod(0)
    try:
        before = sha256_file(filled_vault)
        r = run_locker("add", filled_vault, locked, "--passphrase-stdin", stdin=PW)
        assert r.returncode == 2
        line = one_line(r.stderr)
        assert "locked.png" in line and "permission" in line
        assert sha256_file(filled_vault) == before
    finally:
        locked.chmod(0o600)


def test_unreadable_input_file_in_process(
    filled_vault: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same as above where the tests run as root: the open fails with EACCES."""
    from locker import cli
    from locker.case import reading

    locked = tmp_path / "locked.png"
    locked.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    fine = tmp_path / "fine.txt"
    fine.write_text("readable")
    real_open = reading._os_open

    def fake_open(path, flags):  # type: ignore[no-untyped-def]
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags)

    monkeypatch.setattr(reading, "_os_open", fake_open)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW))
    code = cli.main(["add", str(filled_vault), str(locked), str(fine), "--passphrase-stdin"])
    out, err = capsys.readouterr()
    assert code == 2
    line = one_line(err)
    assert "locked.png" in line and "no permission" in line
    assert len(out.split()) == 1  # the readable file still went in
    monkeypatch.undo()
    assert sorted(i["original_name"] for i in _items(filled_vault)) == [
        "fine.txt",
        "first.txt",
        "second.bin",
    ]


def test_non_utf8_file_name(filled_vault: Path, tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.png")
    content = _png()
    with open(raw, "wb") as f:
        f.write(content)
    r = run_locker("add", filled_vault, raw, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    item_id = r.stdout.strip()
    (item,) = [i for i in _items(filled_vault) if i["id"] == item_id]
    assert item["original_name"] == "caf\ufffd.png"
    assert item["title"] == "caf\ufffd.png"
    assert item["media_type"] == "image/png"
    assert item["sha256"] == hashlib.sha256(content).hexdigest()
    r = run_locker("list", filled_vault, "--passphrase-stdin", stdin=PW)
    assert "caf\ufffd.png" in r.stdout
    # The exact original name bytes are kept too.
    with open_vault(filled_vault) as v:
        from locker.case import evidence

        stored = evidence.find_item(v, item_id)
    assert base64.b64decode(stored.original_name_b64) == b"caf\xe9.png"
    out = os.path.join(os.fsencode(tmp_path), b"out-\xff.png")
    r = run_locker("export", filled_vault, item_id, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    with open(out, "rb") as f:
        assert f.read() == content


def test_non_utf8_missing_file_name_is_reported_readably(
    filled_vault: Path, tmp_path: Path
) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"gone-\xe9.jpg")
    r = run_locker("add", filled_vault, raw, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "gone-" in one_line(r.stderr) and "can't be found" in r.stderr


def test_non_utf8_text_option_is_kept_not_a_crash(filled_vault: Path, tmp_path: Path) -> None:
    """A script passing a Latin-1 file name as --title must not stop with an internal error."""
    f = tmp_path / "photo.txt"
    f.write_text("x")
    before = _log_length(filled_vault)
    r = run_locker(
        "add",
        filled_vault,
        f,
        "--title",
        os.fsdecode(b"\xe9t\xe9 2024"),
        "--account",
        os.fsdecode(b"@caf\xe9"),
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    (item,) = [i for i in _items(filled_vault) if i["id"] == r.stdout.strip()]
    assert item["title"] == "\ufffdt\ufffd 2024"
    assert item["account"] == "@caf\ufffd"
    assert _log_length(filled_vault) == before + 1


def test_non_utf8_vault_path(tmp_path: Path) -> None:
    vault = os.path.join(os.fsencode(tmp_path), b"d\xe9p\xf4t.evl")
    r = run_locker("init", vault, "--passphrase-stdin", *INIT_FLOOR, stdin=PW)
    assert r.returncode == 0, r.stderr
    assert os.path.isfile(vault)
    f = tmp_path / "a.txt"
    f.write_text("in a vault with an odd name")
    r = run_locker("add", vault, f, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    item_id = r.stdout.strip()
    assert [i["id"] for i in _items(vault)] == [item_id]
    assert run_locker("verify", vault, "--passphrase-stdin", stdin=PW).returncode == 0
    out = tmp_path / "out.txt"
    assert run_locker("export", vault, item_id, out, "--passphrase-stdin", stdin=PW).returncode == 0
    assert out.read_text() == "in a vault with an odd name"
    dest = os.path.join(os.fsencode(tmp_path), b"b\xe4ckup.evl")
    r = run_locker("backup", vault, dest, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    assert [i["id"] for i in _items(dest)] == [item_id]


# --- outputs ---------------------------------------------------------------------------------


def test_export_to_an_existing_file_or_a_folder(filled_vault: Path, tmp_path: Path) -> None:
    item_id = str(_items(filled_vault)[0]["id"])
    out = tmp_path / "mine.txt"
    out.write_bytes(b"precious, do not overwrite")
    stat_before = out.stat()
    r = run_locker("export", filled_vault, item_id, out, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "already exists" in one_line(r.stderr) and "--force" in r.stderr
    assert out.read_bytes() == b"precious, do not overwrite"
    assert out.stat().st_mtime_ns == stat_before.st_mtime_ns
    r = run_locker("export", filled_vault, item_id, tmp_path, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "folder" in one_line(r.stderr)
    r = run_locker("export", filled_vault, item_id, out, "--force", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0
    assert out.read_bytes() == b"a message"


def test_export_into_a_missing_folder(filled_vault: Path, tmp_path: Path) -> None:
    item_id = str(_items(filled_vault)[0]["id"])
    r = run_locker(
        "export",
        filled_vault,
        item_id,
        tmp_path / "no" / "such" / "x.txt",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert r.returncode == 2
    assert "could not be written" in one_line(r.stderr)


def test_init_over_an_existing_file_is_refused(filled_vault: Path, tmp_path: Path) -> None:
    other = tmp_path / "thesis.docx"
    other.write_bytes(b"years of work")
    for target in (filled_vault, other):
        before = sha256_file(target)
        r = run_locker("init", target, "--passphrase-stdin", *INIT_FLOOR, stdin=PW)
        assert r.returncode == 2
        assert "already exists" in one_line(r.stderr)
        assert r.stdout == ""
        assert sha256_file(target) == before
    assert len(_items(filled_vault)) == 2


def test_backup_to_a_folder_is_refused(filled_vault: Path, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    r = run_locker("backup", filled_vault, folder, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert "folder" in one_line(r.stderr)
    assert list(folder.iterdir()) == []


# --- a full disk -----------------------------------------------------------------------------


def _limit_pages(conn: sqlite3.Connection, spare: int = 2) -> None:
    """Make SQLite believe the disk is nearly full: only ``spare`` more 64 KiB pages fit."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    assert conn.execute(f"PRAGMA max_page_count = {pages + spare}").fetchone()[0] == pages + spare


def test_full_disk_during_add_in_the_core(filled_vault: Path, tmp_path: Path) -> None:
    from locker.case import evidence
    from locker.vault import StorageFull, verify

    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(4 * 1024 * 1024))
    with open_vault(filled_vault) as v:
        before_items = [i.to_json() | {"id": i.id} for i in evidence.list_items(v)[0]]
        before_log = len(v.custody_log()[0])
        _limit_pages(v.conn)
        with pytest.raises(StorageFull) as caught:
            evidence.add_file(v, big, title="too big for the stick")
        assert "not enough free space" in caught.value.message
        assert caught.value.exit_code == 2
        # Still usable in the same session.
        assert [i.id for i in evidence.list_items(v)[0]] == [i["id"] for i in before_items]
    with open_vault(filled_vault) as v:
        items, damaged = evidence.list_items(v)
        assert not damaged
        assert [i.to_json() | {"id": i.id} for i in items] == before_items
        assert len(v.custody_log()[0]) == before_log
        report = verify(v, record=False)
        assert report.ok, report.problems
        assert report.blobs == 2  # no half-stored file left behind


def test_full_disk_during_add_through_the_cli(
    filled_vault: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from locker import cli
    from locker.vault import container

    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(4 * 1024 * 1024))
    before_items = _items(filled_vault)
    before_log = _log_length(filled_vault)
    real_open_file = container.open_file

    def nearly_full(path):  # type: ignore[no-untyped-def]
        conn, header = real_open_file(path)
        _limit_pages(conn)
        return conn, header

    monkeypatch.setattr(container, "open_file", nearly_full)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW))
    code = cli.main(["add", str(filled_vault), str(big), "--passphrase-stdin"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "not enough free space" in one_line(err)
    assert "Traceback" not in err
    assert out == ""
    monkeypatch.undo()

    assert _items(filled_vault) == before_items
    assert _log_length(filled_vault) == before_log
    r = run_locker("verify", filled_vault, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_given_as_the_vault_is_refused_at_once(tmp_path: Path) -> None:
    """Reading a pipe would wait forever for a writer; the command must answer instead."""
    fifo = tmp_path / "pipe.evl"
    os.mkfifo(fifo)
    r = run_locker("list", fifo, "--passphrase-stdin", stdin=PW, timeout=30)
    assert r.returncode == 4
    assert "special file" in one_line(r.stderr)
