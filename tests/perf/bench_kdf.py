"""Benchmark: Argon2id calibration (locker.vault.kdf.calibrate) and the unlock time it leads to.

    .venv/bin/python tests/perf/bench_kdf.py              # calibrate once, 3 unlocks each
    .venv/bin/python tests/perf/bench_kdf.py --calibrations 3   # see how the choice varies
    .venv/bin/python tests/perf/bench_kdf.py --unlocks 1        # quick trial

Prints the chosen parameters, how long calibrate() itself took, and the time of one unlock
(LockedVault.unlock with the passphrase, in a fresh process each) with them: median of 3,
against the same with Argon2Params.floor() (the floor, measured in this run) and against the
calibration target (kdf.CALIBRATION_TARGET_S, about one second). Also the peak RSS of an unlock,
which is where the Argon2id memory shows up.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _perfutil as pu

from locker.vault import Argon2Params, LockedVault, Vault, kdf


def worker(args: argparse.Namespace) -> None:
    if args.worker == "calibrate":
        start = time.perf_counter()
        p = kdf.calibrate()
        pu.emit(
            {
                "calibrate_s": time.perf_counter() - start,
                "memory_kib": p.memory_kib,
                "iterations": p.iterations,
                "lanes": p.lanes,
            }
        )
    elif args.worker == "create":
        p = Argon2Params(*map(int, args.params.split(",")))
        vault, _ = Vault.create(args.vault, pu.PASSPHRASE, p)
        vault.lock()
        pu.emit({})
    elif args.worker == "unlock":
        locked = LockedVault.open(args.vault)
        rss_before = pu.rss_now()
        start = time.perf_counter()
        vault = locked.unlock(pu.PASSPHRASE)
        elapsed = time.perf_counter() - start
        vault.lock()
        pu.emit({"time": elapsed, "rss_before": rss_before})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--calibrations", type=int, default=1, help="calibrate() runs (default 1)")
    ap.add_argument("--unlocks", type=int, default=3, help="unlocks per parameter set (default 3)")
    ap.add_argument("--tmp", default=None, help="directory for the temp files (default: system)")
    ap.add_argument("--worker", choices=("calibrate", "create", "unlock"), help=argparse.SUPPRESS)
    ap.add_argument("--vault", help=argparse.SUPPRESS)
    ap.add_argument("--params", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    me = str(Path(__file__).resolve())
    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-kdf-", dir=args.tmp))
    floor = Argon2Params.floor()
    results: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    floor_unlocks: list[dict[str, Any]] = []

    def unlocks(params: Argon2Params, name: str) -> list[dict[str, Any]]:
        path = tmp / f"{name}.vault"
        pu.run_worker(
            [
                me,
                "--worker",
                "create",
                "--vault",
                str(path),
                "--params",
                f"{params.memory_kib},{params.iterations},{params.lanes}",
            ]
        )
        out = [
            pu.run_worker([me, "--worker", "unlock", "--vault", str(path)])
            for _ in range(args.unlocks)
        ]
        path.unlink()
        return out

    try:
        floor_unlocks = unlocks(floor, "floor")
        for c in range(args.calibrations):
            cal = pu.run_worker([me, "--worker", "calibrate"])
            p = Argon2Params(cal["memory_kib"], cal["iterations"], cal["lanes"])
            print(
                f"calibration {c + 1}/{args.calibrations}: m={p.memory_kib // 1024} MiB "
                f"t={p.iterations} p={p.lanes} (calibrate() took {cal['calibrate_s']:.2f} s; "
                f"{pu.load_note()})"
            )
            results.append((cal, unlocks(p, f"cal{c}")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    ft = [u["time"] for u in floor_unlocks]
    fmed = statistics.median(ft)
    print()
    print(
        f"== bench_kdf: {args.calibrations} calibration(s), {args.unlocks} unlock(s) each, every "
        f"one in a fresh process; target {kdf.CALIBRATION_TARGET_S} s; {pu.load_note()}"
    )
    print(
        f"floor m={floor.memory_kib // 1024} MiB t={floor.iterations} p={floor.lanes}: unlock "
        f"median {fmed:.3f} s ({pu.summary(ft)}); peak RSS "
        f"{max(pu.peak_rss(u) for u in floor_unlocks) / 1e6:.0f} MB"
    )
    for cal, us in results:
        t = [u["time"] for u in us]
        med = statistics.median(t)
        peak = max(pu.peak_rss(u) for u in us)
        base = statistics.median(u["rss_before"] for u in us)
        print(
            f"chosen m={cal['memory_kib'] // 1024} MiB t={cal['iterations']} p={cal['lanes']} "
            f"(calibrate() {cal['calibrate_s']:.2f} s): unlock median {med:.3f} s "
            f"({pu.summary(t)} {pu.spread(t)})"
        )
        print(
            f"        = {med / fmed:.2f}x the floor's unlock, {med / kdf.CALIBRATION_TARGET_S:.2f}x "
            f"the target; peak RSS {peak / 1e6:.0f} MB (RSS before unlock {base / 1e6:.0f} MB)"
        )


if __name__ == "__main__":
    main()
