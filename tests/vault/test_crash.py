"""Crash safety: `locker add` killed with SIGKILL at many moments never costs a committed item.

One `locker add` of a ~48 MiB file and three small ones (one transaction per file) is first run
to the end (twice) to learn its timing; then fresh copies of the vault see the same command killed with
kill -9 at 20 evenly spread moments of that run, plus 10 moments spread over the big file's own
transaction (timed from the moment the first id appears on stdout). After each kill:

- the vault opens (SQLite rolls back the hot journal) and `verify` finds nothing wrong;
- every id printed before the kill is there and exports bit-exact;
- what was committed is exactly the first k files of the command (each whole, with its SHA-256
  taken from the source), nothing half-added; the item that was in the vault before is intact;
- the vault still takes a new item.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import (
    PASSPHRASE,
    locker_env,
    open_vault,
    sha256_file,
)
from tests.helpers_tamper import MIB, build_vault

BIG_SIZE = 48 * MIB
N_EVEN = 20  # kills at (i - 1/2)/20 of the full run's duration
N_IN_BIG = 10  # kills spread over the big file's transaction


@dataclass
class Run:
    ids: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # seconds since start, per stdout line
    returncode: int = 0
    duration: float = 0.0
    stderr: str = ""
    hot_journal: bool = False

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


def _png() -> bytes:
    """A real PNG (the import checks that images decode)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("src")
    files: list[Path] = []
    for name, data in (
        ("first note.txt", b"The first message, sent on Monday.\n" * 30),
        ("video.mp4", None),
        ("screenshot.png", _png() + os.urandom(70_000)),  # a real PNG, then trailing bytes
        ("last.txt", b"last"),
    ):
        path = src / name
        if data is None:
            with open(path, "wb") as f:  # 48 MiB, written in pieces (memory stays small)
                for _ in range(BIG_SIZE // (4 * MIB)):
                    f.write(os.urandom(4 * MIB))
        else:
            path.write_bytes(data)
        files.append(path)
    sha = {p.name: sha256_file(p) for p in files}
    before = build_vault(
        tmp_path_factory.mktemp("vault") / "base.evl",
        {"before.txt": b"Already in the vault before the crash.\n"},
    )
    return files, sha, before


def run_add(
    vault: Path,
    files: list[Path],
    *,
    kill_at: float | None = None,
    kill_after_first_line: float | None = None,
) -> Run:
    """Run `locker add`; SIGKILL it ``kill_at`` s after start, or ``kill_after_first_line`` s
    after the first id appeared on stdout (if it is still running)."""
    run = Run()
    first_line = threading.Event()
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "locker.cli",
            "add",
            str(vault),
            "--passphrase-stdin",
            *map(str, files),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=locker_env(),
        bufsize=0,
    )

    def read_stdout() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.endswith(b"\n"):  # a whole line was printed (flushed) before any kill
                run.ids.append(line.decode().strip())
                run.times.append(time.monotonic() - t0)
                first_line.set()
        first_line.set()

    reader = threading.Thread(target=read_stdout, daemon=True)
    reader.start()
    assert proc.stdin is not None
    proc.stdin.write((PASSPHRASE + "\n").encode())
    proc.stdin.close()
    if kill_at is not None:
        time.sleep(max(0.0, kill_at - (time.monotonic() - t0)))
    elif kill_after_first_line is not None:
        first_line.wait(timeout=60)
        time.sleep(kill_after_first_line)
    if kill_at is not None or kill_after_first_line is not None:
        with contextlib.suppress(ProcessLookupError):  # already finished
            os.kill(proc.pid, signal.SIGKILL)
    run.returncode = proc.wait(timeout=120)
    run.duration = time.monotonic() - t0
    reader.join(timeout=10)
    assert proc.stderr is not None
    run.stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    journal = vault.with_name(vault.name + "-journal")
    run.hot_journal = journal.exists() and journal.stat().st_size > 0
    return run


def check_after(
    vault_path: Path, run: Run, files: list[Path], sha: dict[str, str], before, outdir: Path
) -> None:  # type: ignore[no-untyped-def]
    from locker.case import evidence, export
    from locker.vault import verify

    what = f"kill after {run.duration:.3f}s, ids printed {run.ids}, rc {run.returncode}"
    assert "Traceback" not in run.stderr, run.stderr
    assert run.killed or run.returncode == 0, (what, run.stderr)
    with open_vault(vault_path) as vault:
        report = verify(vault, record=False)
        assert report.ok, (what, report.problems)
        items, damaged = evidence.list_items(vault)
        assert not damaged, what
        names = [i.original_name for i in items]
        assert names[0] == "before.txt", what
        added = items[1:]
        # Committed = the first k files of the command, each whole; nothing half-added.
        assert [i.original_name for i in added] == [p.name for p in files[: len(added)]], what
        for item in added:
            assert item.sha256 == sha[item.original_name], what
        assert [i.id for i in added[: len(run.ids)]] == run.ids, what
        # Every printed id (and the old item) exports bit-exact.
        outdir.mkdir(exist_ok=True)
        for item in [items[0], *added[: len(run.ids)]]:
            out = outdir / item.id
            export.export_item(vault, item.id, out)
            expected = (
                before.items["before.txt"].sha256 if item is items[0] else sha[item.original_name]
            )
            assert sha256_file(out) == expected, what
            out.unlink()
        # And it still takes new evidence.
        evidence.add_stream(vault, io.BytesIO(b"added after the crash"), original_name="after.txt")
    assert not vault_path.with_name(vault_path.name + "-journal").exists(), what


def test_kill_9_during_add_never_loses_or_corrupts_committed_items(setup, tmp_path) -> None:  # type: ignore[no-untyped-def]
    files, sha, before = setup
    started = time.monotonic()

    # Two full runs (the first warms the caches); the faster one sets the timing.
    refs = []
    for n in range(2):
        ref_path = before.copy_to(tmp_path / f"ref{n}.evl")
        refs.append(run_add(ref_path, files))
        assert refs[-1].returncode == 0 and len(refs[-1].ids) == len(files), refs[-1].stderr
        check_after(ref_path, refs[-1], files, sha, before, tmp_path / "out")
        ref_path.unlink()
    ref = min(refs, key=lambda r: r.duration)
    # The big file's transaction runs from the first id to the second.
    big_window = max(ref.times[1] - ref.times[0], 0.02)

    plan = [("even", ref.duration * (i - 0.5) / N_EVEN) for i in range(1, N_EVEN + 1)]
    plan += [("in big", big_window * j / N_IN_BIG) for j in range(N_IN_BIG)]
    results: list[tuple[str, float, Run]] = []
    for n, (kind, at) in enumerate(plan):
        path = before.copy_to(tmp_path / f"kill{n}.evl")
        if kind == "even":
            run = run_add(path, files, kill_at=at)
        else:
            run = run_add(path, files, kill_after_first_line=at)
        check_after(path, run, files, sha, before, tmp_path / "out")
        results.append((kind, at, run))
        path.unlink()

    killed = [r for _, _, r in results if r.killed]
    mid_transaction = [r for _, _, r in results if r.hot_journal]
    partial = [r for _, _, r in results if r.killed and 0 < len(r.ids) < len(files)]
    summary = [(k, round(at, 3), len(r.ids), r.killed, r.hot_journal) for k, at, r in results]
    # The kills must have landed all over the command, including inside transactions.
    assert len(killed) >= (N_EVEN + N_IN_BIG) // 2, summary
    assert len(mid_transaction) >= 3, summary
    assert len(partial) >= 3, summary
    assert any(r.killed and not r.ids for r in killed), summary
    assert time.monotonic() - started < 90, "crash test too slow"
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
