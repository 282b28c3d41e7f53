"""Benchmark: add 200 screenshots (2560x1440 PNG, ~1-3 MB each) one by one, against the floor.

    .venv/bin/python tests/perf/bench_screenshots.py                       # 200 files, 3 repeats
    .venv/bin/python tests/perf/bench_screenshots.py --count 20 --repeat 1 # quick trial
    .venv/bin/python tests/perf/bench_screenshots.py --images /tmp/shots   # keep/reuse the PNGs

Goal (README.md): adding them one at a time through locker.case.evidence.add_file (one
transaction per file, as the app and `locker add` do) takes <= 1.3x the floor over the same
files (read + SHA-256 + AES-GCM in the vault's chunk size, no writing; measured in this run).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _perfutil as pu
import screenshots
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from locker.case import evidence
from locker.vault import Argon2Params, LockedVault, Vault
from locker.vault.crypto import CHUNK_SIZE

GOAL_RATIO = 1.3
OPS = ("floor", "naive_floor", "ioref", "add")


def _files(directory: str) -> list[str]:
    return sorted(str(p) for p in Path(directory).glob("shot-*.png"))


# --- workers (each runs in a fresh process) -------------------------------------------------


def floor_all(files: list[str]) -> None:
    for path in files:
        pu.floor_pass(path)


def naive_floor_all(files: list[str]) -> None:
    for path in files:
        pu.naive_floor_pass(path)


def io_reference(files: list[str], out_dir: str) -> None:
    """Informative: the floor plus writing each file's ciphertext to its own plain file with one
    fsync per file (the least a durable one-transaction-per-file import can do)."""
    aead = AESGCM(os.urandom(32))
    ad = os.urandom(64)
    buf = bytearray(CHUNK_SIZE)
    out_buf = bytearray(CHUNK_SIZE + 16)
    view, out_view = memoryview(buf), memoryview(out_buf)
    for i, path in enumerate(files):
        digest = hashlib.sha256()
        with open(path, "rb", buffering=0) as f, open(f"{out_dir}/{i}.enc", "wb", buffering=0) as o:
            index = 0
            while n := f.readinto(buf):
                digest.update(view[:n])
                aead.encrypt_into(index.to_bytes(12, "big"), view[:n], ad, out_view[: n + 16])
                o.write(out_view[: n + 16])
                index += 1
            os.fsync(o.fileno())


def add_all(vault: Vault, files: list[str], per_file: list[float], batch: int = 1) -> None:
    """add_file for each file; with batch > 1, ``batch`` files share one transaction (what-if:
    the app commits once per file)."""
    for first in range(0, len(files), batch):
        with vault.transaction() if batch > 1 else contextlib.nullcontext():
            for path in files[first : first + batch]:
                start = time.perf_counter()
                evidence.add_file(vault, path)
                per_file.append(time.perf_counter() - start)


def worker(args: argparse.Namespace) -> None:
    prof = bool(args.profile_worker)
    files = _files(args.images) if args.images else []
    if args.worker == "create":
        vault, recovery = Vault.create(args.vault, pu.PASSPHRASE, Argon2Params.floor())
        vault.lock()
        pu.emit({"recovery": recovery})
    elif args.worker == "floor":
        pu.emit(pu.measure(floor_all, files, profile=prof)[1])
    elif args.worker == "naive_floor":
        pu.emit(pu.measure(naive_floor_all, files, profile=prof)[1])
    elif args.worker == "ioref":
        pu.emit(pu.measure(io_reference, files, args.out, profile=prof)[1])
    elif args.worker == "add":
        locked = LockedVault.open(args.vault)
        vault = locked.unlock_with_recovery_key(args.recovery)  # no Argon2id in this process
        pu.apply_pragmas(vault.conn, args.pragma or [])
        per_file: list[float] = []
        try:
            res = pu.measure(add_all, vault, files, per_file, args.batch, profile=prof)[1]
        finally:
            vault.lock()
        res["per_file"] = per_file
        pu.emit(res)


# --- parent -----------------------------------------------------------------------------------


def generate(directory: Path, count: int) -> float:
    """Make shot-0000.png ... (reusing any already there); returns seconds spent."""
    directory.mkdir(parents=True, exist_ok=True)
    todo = [
        (i, str(directory / f"shot-{i:04d}.png"))
        for i in range(count)
        if not (directory / f"shot-{i:04d}.png").exists()
    ]
    start = time.perf_counter()
    if todo:
        with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 1) as pool:
            pool.map(screenshots.write_screenshot, todo, chunksize=4)
    for extra in sorted(directory.glob("shot-*.png"))[count:]:
        extra.unlink()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=200, help="number of screenshots (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats, fresh vault each (default 3)")
    ap.add_argument(
        "--images",
        default=None,
        help="keep the generated PNGs in this folder and reuse them next time "
        "(default: a temp folder, deleted afterwards)",
    )
    pu.add_write_bench_args(ap, OPS)
    ap.add_argument(
        "--batch",
        type=int,
        default=1,
        metavar="N",
        help="what-if: N files per transaction (default 1, as the app does it)",
    )
    for name in ("--vault", "--recovery", "--out"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-shots-", dir=args.tmp))
    images = Path(args.images) if args.images else tmp / "shots"
    me = str(Path(__file__).resolve())
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in OPS}
    sizes: list[tuple[int, int]] = []
    recycle: list[float] = []
    try:
        gen = generate(images, args.count)
        files = _files(str(images))
        total = sum(os.path.getsize(f) for f in files)
        fsizes = [os.path.getsize(f) for f in files]
        print(
            f"{len(files)} screenshots, {pu.mb(total)} in all ({min(fsizes) / 1e6:.2f}-"
            f"{max(fsizes) / 1e6:.2f} MB each), generated in {gen:.1f} s; {pu.load_note()}"
        )
        for r in range(args.repeat):

            def w(kind: str, *extra: str, r: int = r) -> dict[str, Any]:
                if kind in ("add", "ioref") and not args.no_recycle:
                    recycle.append(pu.recycle_page_cache(tmp, total + 100 * pu.MIB))
                prof = ["--profile-worker"] if args.profile == kind and r == 0 else []
                if kind in ("add", "export"):
                    prof += [f"--pragma={x}" for x in args.pragma or []]
                    prof += [f"--batch={args.batch}"]
                res = pu.run_worker([me, "--worker", kind, "--images", str(images), *extra, *prof])
                if "stderr" in res:
                    print(f"--- {kind} (repeat {r + 1}) stderr/profile ---\n{res['stderr']}")
                if kind in rows:
                    rows[kind].append(res)
                return res

            vault_path = tmp / "bench.vault"
            recovery = w("create", "--vault", str(vault_path))["recovery"]
            empty = vault_path.stat().st_size
            w("floor")
            w("naive_floor")
            w("add", "--vault", str(vault_path), "--recovery", recovery)
            sizes.append((empty, vault_path.stat().st_size))
            vault_path.unlink()
            if not args.no_ioref:
                out = tmp / "ioref"
                out.mkdir()
                w("ioref", "--out", str(out))
                shutil.rmtree(out)
            print(
                f"repeat {r + 1}/{args.repeat}: "
                + ", ".join(f"{k} {v[-1]['time']:.3f} s" for k, v in rows.items() if v)
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(args, len(files), total, rows, sizes, recycle)


def report(
    args: argparse.Namespace,
    count: int,
    total: int,
    rows: dict[str, list[dict[str, Any]]],
    sizes: list[tuple[int, int]],
    recycle: list[float],
) -> None:
    t = {k: [r["time"] for r in v] for k, v in rows.items()}
    fbest, fmed = min(t["floor"]), statistics.median(t["floor"])
    print()
    if args.batch > 1:
        print(f"!! {args.batch} files per transaction (what-if; the app commits once per file)")
    if args.pragma:
        print(f"!! PRAGMAs tried on the vault connection (not the app's settings): {args.pragma}")
    print(
        f"== bench_screenshots: {count} PNG screenshots, {pu.mb(total)}, added one by one; "
        f"{args.repeat} repeat(s), each in a fresh process; {pu.load_note()}"
    )
    print(
        f"floor (read + SHA-256 + AES-GCM, {CHUNK_SIZE // 1024} KiB chunks, no write): "
        f"{pu.summary(t['floor'])} {pu.spread(t['floor'])} = {total / fbest / 1e6:.0f} MB/s"
    )
    print(f"        {pu.cpu_note(rows['floor'])}")
    print(
        f"naive floor (new bytes per read/encrypt; informative): {pu.summary(t['naive_floor'])}"
        f"  = {min(t['naive_floor']) / fbest:.2f}x floor"
    )
    if t["ioref"]:
        print(
            f"io reference (floor + write + one fsync per file; informative): "
            f"{pu.summary(t['ioref'])}  = {min(t['ioref']) / fbest:.2f}x floor"
        )
        print(f"        {pu.cpu_note(rows['ioref'])}")
    v = t["add"]
    rb, rm = min(v) / fbest, statistics.median(v) / fmed
    per_file = [x for r in rows["add"] for x in r["per_file"]]
    print(
        f"add   : {pu.summary(v)} {pu.spread(v)}  = {total / min(v) / 1e6:.0f} MB/s, "
        f"{count / min(v):.1f} files/s"
    )
    print(
        f"        per file: median {statistics.median(per_file) * 1000:.1f} ms, "
        f"p90 {statistics.quantiles(per_file, n=10)[-1] * 1000:.1f} ms, "
        f"max {max(per_file) * 1000:.1f} ms"
    )
    print(
        f"        ratio to floor: best/best {rb:.2f}x, median/median {rm:.2f}x "
        f"(to io reference {min(v) / min(t['ioref'] or [float('nan')]):.2f}x)  "
        f"goal <= {GOAL_RATIO}x: {pu.verdict(rb <= GOAL_RATIO)}"
    )
    print(f"        peak RSS {max(pu.peak_rss(r) for r in rows['add']) / 1e6:.1f} MB")
    print(f"        {pu.cpu_note(rows['add'])}")
    if recycle:
        print(f"page-cache recycling before write-heavy operations: {pu.summary(recycle)}")
    empty, full = sizes[-1]
    print(
        f"vault file: empty {pu.mb(empty)}, with the screenshots {pu.mb(full)}: overhead "
        f"{(full - total) / 1e6:.2f} MB = {(full - total) / total * 100:.2f}% "
        f"({(full - empty - total) / count / 1024:.1f} KiB per file beyond the empty vault)"
    )


if __name__ == "__main__":
    main()
