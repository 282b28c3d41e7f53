"""Benchmark: add one large file to a vault and export it again, against the floor.

    .venv/bin/python tests/perf/bench_large_file.py                        # 500 MiB, 5 repeats
    .venv/bin/python tests/perf/bench_large_file.py --mb 50 --repeat 1     # quick trial
    .venv/bin/python tests/perf/bench_large_file.py --profile export       # + cProfile of export

Goals (README.md): add and export each take <= 1.3x the floor (read + SHA-256 + AES-GCM of the
same file in the same chunk size, no writing; measured in this run), and each needs <= 100 MB
peak RSS. Every operation (and the floor) runs in its own fresh process (_perfutil.run_worker),
through the real core: locker.case.evidence.add_file / export_item on a vault created with
Argon2Params.floor().
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _perfutil as pu
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from locker.case import evidence, export
from locker.vault import Argon2Params, LockedVault, Vault
from locker.vault.crypto import CHUNK_SIZE

GOAL_RATIO = 1.3
GOAL_RSS = 100 * 1000 * 1000  # "100 MB"
OPS = ("floor", "naive_floor", "ioref", "add", "export")


# --- workers (each runs in a fresh process) -------------------------------------------------


def io_reference(path: str, out: str) -> None:
    """Informative only (not the goal's floor): the floor plus writing the ciphertext to a plain
    file and fsyncing it once, i.e. what any durable encrypted copy costs on this disk."""
    aead = AESGCM(os.urandom(32))
    ad = os.urandom(64)
    digest = hashlib.sha256()
    buf = bytearray(CHUNK_SIZE)
    out_buf = bytearray(CHUNK_SIZE + 16)
    view, out_view = memoryview(buf), memoryview(out_buf)
    with open(path, "rb", buffering=0) as f, open(out, "wb", buffering=0) as o:
        index = 0
        while n := f.readinto(buf):
            digest.update(view[:n])
            aead.encrypt_into(index.to_bytes(12, "big"), view[:n], ad, out_view[: n + 16])
            o.write(out_view[: n + 16])
            index += 1
        os.fsync(o.fileno())


def worker(args: argparse.Namespace) -> None:
    prof = bool(args.profile_worker)
    if args.worker == "create":
        # In a worker so that the parent never runs Argon2id (64 MiB): see pu.ru_maxrss_bytes.
        vault, recovery = Vault.create(args.vault, pu.PASSPHRASE, Argon2Params.floor())
        vault.lock()
        pu.emit({"recovery": recovery})
    elif args.worker == "floor":
        pu.emit(pu.measure(pu.floor_pass, args.file, profile=prof)[1])
    elif args.worker == "naive_floor":
        pu.emit(pu.measure(pu.naive_floor_pass, args.file, profile=prof)[1])
    elif args.worker == "ioref":
        pu.emit(pu.measure(io_reference, args.file, args.out, profile=prof)[1])
    else:
        # Opened with the recovery key (HKDF): the passphrase's Argon2id would put its 64 MiB
        # into this process's peak RSS, which belongs to unlocking (bench_kdf.py), not add/export.
        locked = LockedVault.open(args.vault)
        vault = locked.unlock_with_recovery_key(args.recovery)
        pu.apply_pragmas(vault.conn, args.pragma or [])
        try:
            if args.worker == "add":
                item, res = pu.measure(evidence.add_file, vault, args.file, profile=prof)
                res["item"] = item.id
            else:
                result, res = pu.measure(
                    export.export_item, vault, args.item, args.out, profile=prof
                )
                item = result.item
            res["sha256"] = item.sha256
        finally:
            vault.lock()
        pu.emit(res)


# --- parent -----------------------------------------------------------------------------------


def generate(path: Path, size: int) -> None:
    """Random (incompressible) bytes, written in 1 MiB pieces so this process stays small."""
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(left, pu.MIB)
            f.write(os.urandom(n))
            left -= n
        f.flush()
        os.fsync(f.fileno())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--mb", type=int, default=500, help="file size in MiB (default 500)")
    ap.add_argument("--repeat", type=int, default=5, help="repeats, fresh vault each (default 5)")
    pu.add_write_bench_args(ap, OPS)
    # worker-only arguments
    for name in ("--file", "--vault", "--recovery", "--item", "--out"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    size = args.mb * pu.MIB
    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-large-", dir=args.tmp))
    me = str(Path(__file__).resolve())
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in OPS}
    sizes: list[tuple[int, int]] = []
    recycle: list[float] = []
    try:
        src = tmp / "evidence.bin"
        t0 = time.perf_counter()
        generate(src, size)
        print(
            f"generated {pu.mb(size)} of random bytes in {time.perf_counter() - t0:.1f} s "
            f"({pu.load_note()})"
        )
        for r in range(args.repeat):

            def w(kind: str, *extra: str, r: int = r) -> dict[str, Any]:
                if kind in ("add", "export", "ioref") and not args.no_recycle:
                    recycle.append(pu.recycle_page_cache(tmp, size + 100 * pu.MIB))
                prof = ["--profile-worker"] if args.profile == kind and r == 0 else []
                if kind in ("add", "export"):
                    prof += [f"--pragma={x}" for x in args.pragma or []]
                res = pu.run_worker([me, "--worker", kind, *extra, *prof])
                if "stderr" in res:
                    print(f"--- {kind} (repeat {r + 1}) stderr/profile ---\n{res['stderr']}")
                if kind in rows:
                    rows[kind].append(res)
                return res

            vault_path = tmp / "bench.vault"
            recovery = w("create", "--vault", str(vault_path))["recovery"]
            empty_size = vault_path.stat().st_size
            w("floor", "--file", str(src))
            w("naive_floor", "--file", str(src))
            add = w("add", "--vault", str(vault_path), "--recovery", recovery, "--file", str(src))
            sizes.append((empty_size, vault_path.stat().st_size))
            out = tmp / "exported.bin"
            w(
                "export",
                "--vault",
                str(vault_path),
                "--recovery",
                recovery,
                "--item",
                add["item"],
                "--out",
                str(out),
            )
            if out.stat().st_size != size:
                raise SystemExit("exported file has the wrong size")
            out.unlink()
            if not args.no_ioref:
                ref = tmp / "ioref.bin"
                w("ioref", "--file", str(src), "--out", str(ref))
                ref.unlink()
            vault_path.unlink()
            print(
                f"repeat {r + 1}/{args.repeat}: "
                + ", ".join(f"{k} {v[-1]['time']:.3f} s" for k, v in rows.items() if v)
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(args, size, rows, sizes, recycle)


def report(
    args: argparse.Namespace,
    size: int,
    rows: dict[str, list[dict[str, Any]]],
    sizes: list[tuple[int, int]],
    recycle: list[float],
) -> None:
    t = {k: [r["time"] for r in v] for k, v in rows.items()}
    fbest, fmed = min(t["floor"]), statistics.median(t["floor"])
    print()
    if args.pragma:
        print(f"!! PRAGMAs tried on the vault connection (not the app's settings): {args.pragma}")
    print(
        f"== bench_large_file: one {pu.mb(size)} file of random bytes, {args.repeat} repeat(s), "
        f"each operation in a fresh process; {pu.load_note()}"
    )
    print(
        f"floor (read + SHA-256 + AES-GCM in {CHUNK_SIZE // 1024} KiB chunks, no write, "
        f"no per-chunk allocation): {pu.summary(t['floor'])} {pu.spread(t['floor'])} "
        f"= {size / fbest / 1e6:.0f} MB/s"
    )
    print(f"        {pu.cpu_note(rows['floor'])}")
    nf = t["naive_floor"]
    print(
        f"naive floor (same, new bytes per read/encrypt, as write_blob does; informative): "
        f"{pu.summary(nf)}  = {min(nf) / fbest:.2f}x floor"
    )
    print(f"        {pu.cpu_note(rows['naive_floor'])}")
    if t["ioref"]:
        print(
            f"io reference (floor + write + one fsync to a plain file; informative): "
            f"{pu.summary(t['ioref'])}  = {min(t['ioref']) / fbest:.2f}x floor"
        )
        print(f"        {pu.cpu_note(rows['ioref'])}")
    for op in ("add", "export"):
        v = t[op]
        rb, rm = min(v) / fbest, statistics.median(v) / fmed
        peak = max(pu.peak_rss(r) for r in rows[op])
        ru = max(r["ru_maxrss"] for r in rows[op])
        base = statistics.median(r["rss_before"] for r in rows[op])
        print(f"{op:6}: {pu.summary(v)} {pu.spread(v)}  = {size / min(v) / 1e6:.0f} MB/s")
        print(
            f"        ratio to floor: best/best {rb:.2f}x, median/median {rm:.2f}x "
            f"(to naive floor {min(v) / min(nf):.2f}x)  goal <= {GOAL_RATIO}x: "
            f"{pu.verdict(rb <= GOAL_RATIO)}"
        )
        print(
            f"        peak RSS {peak / 1e6:.1f} MB (VmHWM / psutil polling; ru_maxrss "
            f"{ru / 1e6:.1f} MB; RSS before the operation {base / 1e6:.1f} MB)  "
            f"goal <= 100 MB: {pu.verdict(peak <= GOAL_RSS)}"
        )
        print(f"        {pu.cpu_note(rows[op])}")
    if recycle:
        print(
            f"page-cache recycling before write-heavy operations ({pu.mb(size + 100 * pu.MIB)}"
            f" written+deleted): {pu.summary(recycle)}  (slow = fresh guest pages; see README)"
        )
    else:
        print("page-cache recycling OFF (--no-recycle): write-heavy figures include VM noise")
    fpeak = max(pu.peak_rss(r) for r in rows["floor"])
    print(f"floor process peak RSS {fpeak / 1e6:.1f} MB (interpreter + imports, for comparison)")
    empty, full = sizes[-1]
    over = full - size
    print(
        f"vault file: empty {pu.mb(empty)}, with the file {pu.mb(full)}: overhead "
        f"{over / 1e6:.2f} MB = {over / size * 100:.2f}% of the original "
        f"({(full - empty - size) / size * 100:.2f}% beyond the empty vault)"
    )


if __name__ == "__main__":
    main()
