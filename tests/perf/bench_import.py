"""Benchmark: the import pipeline (issue 3) on 200 screenshots, against its floor.

    .venv/bin/python tests/perf/bench_import.py                        # 200 files, 3 repeats
    .venv/bin/python tests/perf/bench_import.py --count 20 --repeat 1  # quick trial
    .venv/bin/python tests/perf/bench_import.py --images /tmp/shots    # keep/reuse the PNGs

Operation: ``locker.case.importer.import_files`` over 200 generated 2560x1440 PNGs (one
transaction per file: blob + image check + EXIF facts + thumbnail + record + custody entry).

Floor, measured in the same run over the same files, each part in its own fresh process:
  * the vault floor (``_perfutil.floor_pass``: read + SHA-256 + AES-GCM in 1 MiB chunks, no write)
  * plus a plain Pillow thumbnail pass: read the file, decode it from memory, make a 320 px
    thumbnail, encode it as JPEG (what any program that shows a thumbnail must do).
Goal (issue 3): import <= 1.3x (vault floor + thumbnail pass).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

import _perfutil as pu
from bench_screenshots import _files, generate
from PIL import Image

from locker.case import importer
from locker.vault import Argon2Params, LockedVault, Vault

GOAL_RATIO = 1.3
OPS = ("floor", "thumbs", "import")
THUMB = 320


def floor_all(files: list[str]) -> None:
    for path in files:
        pu.floor_pass(path)


def thumbs_all(files: list[str]) -> None:
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        with Image.open(io.BytesIO(data)) as im:
            im.draft("RGB", (THUMB, THUMB))
            im.load()
            small = im.convert("RGB")
            small.thumbnail((THUMB, THUMB))
            out = io.BytesIO()
            small.save(out, "JPEG", quality=80)


def import_all(vault: Vault, files: list[str]) -> Any:
    summary = importer.import_files(vault, files)
    if summary.failed or len(summary.added) != len(files):
        raise SystemExit(f"import failed for {len(summary.failed)} file(s)")
    return summary


def worker(args: argparse.Namespace) -> None:
    prof = bool(args.profile_worker)
    files = _files(args.images) if args.images else []
    if args.worker == "create":
        vault, recovery = Vault.create(args.vault, pu.PASSPHRASE, Argon2Params.floor())
        vault.lock()
        pu.emit({"recovery": recovery})
    elif args.worker == "floor":
        pu.emit(pu.measure(floor_all, files, profile=prof)[1])
    elif args.worker == "thumbs":
        pu.emit(pu.measure(thumbs_all, files, profile=prof)[1])
    elif args.worker == "import":
        vault = LockedVault.open(args.vault).unlock_with_recovery_key(args.recovery)
        try:
            pu.emit(pu.measure(import_all, vault, files, profile=prof)[1])
        finally:
            vault.lock()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=200, help="number of screenshots (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats, fresh vault each (default 3)")
    ap.add_argument("--images", default=None, help="keep/reuse the generated PNGs in this folder")
    ap.add_argument("--tmp", default=None, help="directory for the temp files (default: system)")
    ap.add_argument("--profile", choices=OPS, default=None, help="cProfile that op (repeat 1)")
    ap.add_argument("--worker", choices=("create", *OPS), help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", action="store_true", help=argparse.SUPPRESS)
    for name in ("--vault", "--recovery"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-import-", dir=args.tmp))
    images = Path(args.images) if args.images else tmp / "shots"
    me = str(Path(__file__).resolve())
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in OPS}
    try:
        gen = generate(images, args.count)
        files = _files(str(images))
        total = sum(Path(f).stat().st_size for f in files)
        print(
            f"{len(files)} screenshots, {pu.mb(total)}, generated in {gen:.1f} s; {pu.load_note()}"
        )
        for r in range(args.repeat):

            def w(kind: str, *extra: str, r: int = r) -> dict[str, Any]:
                prof = ["--profile-worker"] if args.profile == kind and r == 0 else []
                res = pu.run_worker([me, "--worker", kind, "--images", str(images), *extra, *prof])
                if "stderr" in res:
                    print(f"--- {kind} (repeat {r + 1}) stderr/profile ---\n{res['stderr']}")
                if kind in rows:
                    rows[kind].append(res)
                return res

            vault_path = tmp / "bench.vault"
            recovery = w("create", "--vault", str(vault_path))["recovery"]
            w("floor")
            w("thumbs")
            w("import", "--vault", str(vault_path), "--recovery", recovery)
            vault_path.unlink()
            print(
                f"repeat {r + 1}/{args.repeat}: "
                + ", ".join(f"{k} {v[-1]['time']:.3f} s" for k, v in rows.items() if v)
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    t = {k: [r["time"] for r in v] for k, v in rows.items()}
    floor_best = min(t["floor"]) + min(t["thumbs"])
    floor_med = statistics.median(t["floor"]) + statistics.median(t["thumbs"])
    imp = t["import"]
    rb, rm = min(imp) / floor_best, statistics.median(imp) / floor_med
    print()
    print(f"== bench_import: {len(files)} PNG screenshots, {pu.mb(total)}; {pu.load_note()}")
    print(f"vault floor (read + SHA-256 + AES-GCM, no write): {pu.summary(t['floor'])}")
    print(f"thumbnail pass (Pillow decode + {THUMB} px JPEG):  {pu.summary(t['thumbs'])}")
    print(f"floor = sum of the two: best {floor_best:.3f} s, median {floor_med:.3f} s")
    print(
        f"import_files: {pu.summary(imp)} {pu.spread(imp)} = "
        f"{len(files) / min(imp):.1f} files/s, {min(imp) / len(files) * 1000:.1f} ms/file"
    )
    print(
        f"        ratio to floor: best/best {rb:.2f}x, median/median {rm:.2f}x  "
        f"goal <= {GOAL_RATIO}x: {pu.verdict(rb <= GOAL_RATIO)}"
    )
    print(f"        peak RSS {max(pu.peak_rss(r) for r in rows['import']) / 1e6:.1f} MB")
    print(f"        {pu.cpu_note(rows['import'])}")


if __name__ == "__main__":
    main()
