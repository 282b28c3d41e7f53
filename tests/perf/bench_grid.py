"""Benchmark: scroll a 2,000-item thumbnail grid (issue 3): memory and the largest UI stall.

    .venv/bin/python tests/perf/bench_grid.py                  # fill a temp vault, then scroll
    .venv/bin/python tests/perf/bench_grid.py --keep /tmp/grid.evl   # keep/reuse the vault
    .venv/bin/python tests/perf/bench_grid.py --items 300      # quick trial
    .venv/bin/python tests/perf/bench_grid.py --busy-vault     # a writer holds the vault lock
                                                               # (as a bulk import does)

The grid (locker.gui.library_view.LibraryView, offscreen Qt, 1280x800) scrolls steadily through
every item (about 2,400 px/s), back up a page at a time, then makes 60 random jumps. A 5 ms
QTimer heartbeat records the largest event-loop stall (goal <= 100 ms); process RSS is sampled
during the scroll. Thumbnails load on the library's worker thread (``--threads 0`` decodes on
the UI thread instead, for comparison). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _perfutil as pu  # noqa: E402  (puts the project root on sys.path)
import psutil  # noqa: E402

PASS = pu.PASSPHRASE


def screenshot(n: int) -> bytes:
    """A 1280x720 picture with text-like detail (thumbnails of screenshots are not flat)."""
    from PIL import Image, ImageDraw

    rnd = random.Random(n)
    im = Image.new("RGB", (1280, 720), tuple(rnd.randrange(160, 256) for _ in range(3)))
    draw = ImageDraw.Draw(im)
    for _ in range(40):
        x, y = rnd.randrange(1280), rnd.randrange(720)
        draw.rectangle(
            (x, y, x + rnd.randrange(20, 400), y + rnd.randrange(8, 60)),
            fill=tuple(rnd.randrange(256) for _ in range(3)),
        )
    for line in range(30):
        draw.text((20, 20 + line * 22), f"message {n} line {line} " * 6, fill=(0, 0, 0))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def fill(path: Path, count: int) -> None:
    from locker.case import importer
    from locker.vault import Argon2Params, Vault

    vault, _ = Vault.create(path, PASS, Argon2Params.floor())
    t0 = time.perf_counter()
    for n in range(count):
        importer.import_bytes(
            vault, screenshot(n), original_name=f"shot-{n}.png", provenance="pasted"
        )
        if n % 200 == 0:
            print(n, f"{time.perf_counter() - t0:.1f}s", flush=True)
    vault.lock()
    print(
        f"filled {count} items in {time.perf_counter() - t0:.0f} s: {path.stat().st_size / 1e6:.1f} MB"
    )


def scroll(path: Path, count: int, threads: int, busy_vault: bool) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from locker.case import evidence
    from locker.gui.library_view import LibraryView
    from locker.gui.reveal import RevealState
    from locker.vault import LockedVault

    proc = psutil.Process()
    rss_start = proc.memory_info().rss
    vault = LockedVault.open(path).unlock(PASS)
    items, damaged = evidence.list_items(vault)
    assert len(items) >= count, len(items)
    view = LibraryView(RevealState(), thumbnail_threads=threads)
    view.resize(1280, 800)
    view.set_vault(vault)
    view.show_items(items, damaged)
    view.show()
    for _ in range(20):
        app.processEvents()
    rss_open = proc.memory_info().rss

    stop = threading.Event()
    writer = None
    if busy_vault:  # a bulk import's transactions: 20 MB files, back to back
        payload = os.urandom(20 * 1024 * 1024)

        class RollBack(Exception):
            pass

        def write() -> None:
            # Each write is rolled back, so the vault holds its lock as an import does
            # without growing (the first version of this filled the disk).
            while not stop.is_set():
                try:
                    with vault.transaction():
                        vault.write_blob(io.BytesIO(payload))
                        raise RollBack
                except RollBack:
                    pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()

    bar = view.grid.verticalScrollBar()
    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [clock.elapsed()]
    peak = [proc.memory_info().rss]
    beat = QTimer()
    beat.setInterval(5)

    def heartbeat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
        if len(gaps) % 10 == 0:
            peak[0] = max(peak[0], proc.memory_info().rss)

    beat.timeout.connect(heartbeat)
    rnd = random.Random(1)
    steps: list[int] = []
    # 1) a steady scroll down through everything (about 2,400 px/s), 2) back up in pages,
    # 3) 60 random jumps (dragging the scroll bar thumb).
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + 40)
        steps.append(value)
    value = bar.maximum()
    while value > 0:
        value = max(0, value - bar.pageStep())
        steps.append(value)
    steps += [rnd.randrange(bar.maximum()) for _ in range(60)]
    pos = [0]
    mover = QTimer()
    mover.setInterval(16)

    def move() -> None:
        if pos[0] >= len(steps):
            mover.stop()
            QTimer.singleShot(500, app.quit)  # let the last pictures land
            return
        bar.setValue(steps[pos[0]])
        pos[0] += 1

    mover.timeout.connect(move)
    beat.start()
    mover.start()
    t0 = time.perf_counter()
    app.exec()
    elapsed = time.perf_counter() - t0
    stop.set()
    if writer:
        writer.join()
    view.thumbs.wait()
    stalls = sorted(gaps)
    print(
        f"threads={threads} busy_vault={busy_vault} items={len(items)} steps={len(steps)} "
        f"run={elapsed:.1f}s\n"
        f"  largest stall {stalls[-1] - 5} ms; 99th pct gap {stalls[int(len(stalls) * 0.99)]} ms; "
        f"gaps>50ms: {sum(g > 55 for g in gaps)}; heartbeats {len(gaps)}\n"
        f"  RSS start {rss_start / 1e6:.0f} MB, vault open+grid {rss_open / 1e6:.0f} MB, "
        f"peak while scrolling {peak[0] / 1e6:.0f} MB; pictures kept {view.thumbs.cached_count()}"
    )
    view.clear()
    vault.lock()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--items", type=int, default=2000, help="items in the grid (default 2000)")
    ap.add_argument("--keep", default=None, help="keep/reuse the filled vault at this path")
    ap.add_argument("--threads", type=int, default=1, help="thumbnail threads (0 = UI thread)")
    ap.add_argument("--busy-vault", action="store_true", help="write into the vault meanwhile")
    ap.add_argument("--tmp", default=None, help="directory for the temp vault")
    args = ap.parse_args()
    tmp = None
    if args.keep:
        path = Path(args.keep)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="locker-bench-grid-", dir=args.tmp)
        path = Path(tmp.name) / "grid.evl"
    try:
        if not path.exists():
            fill(path, args.items)
        print(f"== bench_grid: {pu.load_note()}")
        scroll(path, args.items, args.threads, args.busy_vault)
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
