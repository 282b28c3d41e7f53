"""Nothing the user types or imports reaches the disk in the clear.

A marker string is put in everything a user gives the program: a file's contents and its name,
--title, --note, --url, --platform, --account (and, later, a passphrase). After every `locker`
command (add, list, export, log, verify, passwd, rekey, backup) the marker — as UTF-8 and as
UTF-16-LE — must appear nowhere in the vault file, its -journal / -wal siblings, the backup copy,
or anywhere under the isolated HOME and TMPDIR. The same holds in the middle of a transaction (an
add held open on a named pipe, the hot journal after kill -9, and after the roll-back).

Each test also checks the marker really went in (it comes back out of list / export), so a pass
cannot come from the marker never having been stored.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import (
    PASSPHRASE,
    PW,
    init_vault,
    locker_env,
    open_vault,
    run_locker,
)

MARKER = "MARKER-7f3a91"
NEEDLES = {
    "utf-8": MARKER.encode("utf-8"),
    "utf-16-le": MARKER.encode("utf-16-le"),
    "utf-16-be": MARKER.encode("utf-16-be"),
}
MIB = 1024 * 1024


def marked_content(size: int, seed: int) -> bytes:
    """``size`` bytes of noise with the marker (both encodings) every 4 KiB."""
    import random

    noise = bytearray(random.Random(seed).randbytes(size))
    for pos in range(0, size - 64, 4096):
        noise[pos : pos + 13] = NEEDLES["utf-8"]
        noise[pos + 20 : pos + 46] = NEEDLES["utf-16-le"]
    return bytes(noise)


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 300), (90, 30, 160)).save(out, format="JPEG")
    return out.getvalue()


def files_to_scan(vault_dir: Path, home: Path) -> list[Path]:
    found = [p for p in vault_dir.iterdir() if p.is_file()]
    found += [p for p in home.rglob("*") if p.is_file()]
    return found


def leaks(vault_dir: Path, home: Path, extra: list[str] | None = None) -> list[str]:
    """Every (file, needle) where a marker shows up; [] when clean."""
    needles = dict(NEEDLES)
    for text in extra or []:
        needles[text] = text.encode()
    hits = []
    for path in files_to_scan(vault_dir, home):
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # a -journal that went away while we looked
            continue
        hits += [f"{path} contains {name}" for name, needle in needles.items() if needle in data]
    return hits


@pytest.fixture
def dirs(tmp_path: Path, isolated_home: Path) -> tuple[Path, Path, Path, Path]:
    """(source files, vault folder, export folder, HOME); only the vault folder and HOME are
    scanned — the sources and the exported copy are the user's own plaintext."""
    src, vault_dir, out = tmp_path / "src", tmp_path / "vault", tmp_path / "out"
    for d in (src, vault_dir, out):
        d.mkdir()
    return src, vault_dir, out, isolated_home


def test_marker_never_reaches_the_disk_through_any_command(dirs) -> None:  # type: ignore[no-untyped-def]
    src, vault_dir, out, home = dirs
    vault = vault_dir / "case.evl"

    recovery = init_vault(vault)
    assert not leaks(vault_dir, home, [recovery, recovery.replace("-", ""), PASSPHRASE])

    text_file = src / f"chat {MARKER}.txt"
    text_file.write_bytes(f"They wrote: {MARKER}\n".encode() * 50 + NEEDLES["utf-16-le"] * 50)
    photo = src / f"photo-{MARKER}.jpg"
    # A real JPEG (the import decodes it to check it and make a thumbnail), the marker after it.
    photo.write_bytes(_jpeg() + marked_content(2 * MIB + 5000, seed=7))
    r = run_locker(
        "add",
        vault,
        text_file,
        photo,
        "--passphrase-stdin",
        "--title",
        f"Title {MARKER}",
        "--note",
        f"Note {MARKER} ünïcödé",
        "--url",
        f"https://example.com/u/{MARKER}?q={MARKER}",
        "--platform",
        f"Platform {MARKER}",
        "--account",
        f"@{MARKER}",
        stdin=PW,
    )
    assert r.returncode == 0, r.stderr
    ids = r.stdout.split()
    assert len(ids) == 2
    assert not leaks(vault_dir, home), "after add"

    # The marker is really inside (so a clean scan means something).
    r = run_locker("list", vault, "--json", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0
    listed = json.loads(r.stdout)
    assert {i["original_name"] for i in listed} == {text_file.name, photo.name}
    for item in listed:
        for key in ("title", "url", "platform", "account"):
            assert MARKER in item[key], (key, item)
    with open_vault(vault) as v:
        from locker.case import evidence

        items, _ = evidence.list_items(v)
        assert all(MARKER in i.note for i in items)
    assert not leaks(vault_dir, home), "after list --json"

    steps: list[tuple[str, tuple[str | os.PathLike[str], ...], str]] = [
        ("list", ("list", vault, "--passphrase-stdin"), PW),
        ("export", ("export", vault, ids[1], out / f"copy {MARKER}.jpg", "--passphrase-stdin"), PW),
        ("log", ("log", vault, "--passphrase-stdin"), PW),
        ("log --json", ("log", vault, "--json", "--passphrase-stdin"), PW),
        ("verify", ("verify", vault, "--passphrase-stdin"), PW),
        ("passwd", ("passwd", vault, "--passphrase-stdin"), PW + f"new pass {MARKER}\n"),
        (
            "rekey",
            ("rekey", vault, "--passphrase-stdin"),
            f"new pass {MARKER}\n" + f"newer {MARKER} pass\n",
        ),
        (
            "backup",
            ("backup", vault, vault_dir / "backup.evl", "--passphrase-stdin"),
            f"newer {MARKER} pass\n",
        ),
        (
            "verify backup",
            ("verify", vault_dir / "backup.evl", "--passphrase-stdin"),
            f"newer {MARKER} pass\n",
        ),
    ]
    for name, args, stdin in steps:
        r = run_locker(*args, stdin=stdin)
        assert r.returncode == 0, (name, r.stderr)
        assert not leaks(vault_dir, home), f"after {name}"
    assert (out / f"copy {MARKER}.jpg").read_bytes() == photo.read_bytes()
    assert (vault_dir / "backup.evl").is_file()
    assert r.stdout.strip(), "verify of the backup printed nothing"
    # The scanner itself finds a planted marker (in either encoding).
    planted = home / "tmp" / "planted"
    for needle in (NEEDLES["utf-8"], NEEDLES["utf-16-le"]):
        planted.write_bytes(b"xx" + needle + b"yy")
        assert leaks(vault_dir, home) == [
            f"{planted} contains " + ("utf-8" if needle == NEEDLES["utf-8"] else "utf-16-le")
        ]
    planted.unlink()


def _open_fifo_for_writing(path: Path, proc: subprocess.Popen[bytes], timeout: float) -> int:
    """Open the named pipe once the `locker` process has opened it for reading."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            assert proc.poll() is None, "locker stopped before reading the file"
            assert time.monotonic() < deadline, "locker never opened the file"
            time.sleep(0.01)
            continue
        os.set_blocking(fd, True)
        return fd


def _wait_for(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_no_marker_during_a_transaction_after_kill_9_and_after_rollback(dirs) -> None:  # type: ignore[no-untyped-def]
    """An add is held open mid-transaction (its input is a named pipe we feed slowly): while it
    is open, after kill -9 (hot journal on disk) and after the roll-back, no marker anywhere."""
    src, vault_dir, _, home = dirs
    vault = vault_dir / "case.evl"
    journal = vault.with_name(vault.name + "-journal")
    init_vault(vault)
    # An earlier item with the marker, so the journal's page images include its ciphertext.
    earlier = src / f"earlier {MARKER}.txt"
    earlier.write_bytes(marked_content(300_000, seed=1))
    r = run_locker(
        "add", vault, earlier, "--passphrase-stdin", "--note", MARKER, stdin=PASSPHRASE + "\n"
    )
    assert r.returncode == 0, r.stderr

    fifo = src / f"stream {MARKER}.mp4"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "locker.cli",
            "add",
            str(vault),
            str(fifo),
            "--passphrase-stdin",
            "--title",
            f"Held {MARKER}",
            "--account",
            f"@{MARKER}",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=locker_env(),
    )
    try:
        assert proc.stdin is not None
        proc.stdin.write((PASSPHRASE + "\n").encode())
        proc.stdin.close()
        fd = _open_fifo_for_writing(fifo, proc, timeout=30)
        try:
            block = marked_content(MIB, seed=2)
            for _ in range(8):  # 8 MiB: more than SQLite's page cache, so pages spill to disk
                os.write(fd, block)
            assert _wait_for(journal.exists, 10), "no transaction in progress"
            time.sleep(0.2)  # let it encrypt and spill what it has read
            assert proc.poll() is None
            during = leaks(vault_dir, home)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            os.close(fd)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.stdout is not None and proc.stdout.read() == b""  # nothing was committed
    assert not during, "while the transaction was open"
    assert journal.exists() and journal.stat().st_size > 0, "no hot journal after kill -9"
    assert not leaks(vault_dir, home), "after kill -9 (hot journal)"

    with open_vault(vault) as v:  # rolls the hot journal back
        from locker.case import evidence
        from locker.vault import verify

        items, damaged = evidence.list_items(v)
        assert [i.original_name for i in items] == [earlier.name] and not damaged
        assert items[0].note == MARKER
        assert verify(v).ok
    assert not journal.exists()
    assert not leaks(vault_dir, home), "after the roll-back"
