"""Benchmark: the printable summary (issue 6) of 300 screenshot exhibits, against its floor.

    .venv/bin/python tests/perf/bench_report.py                        # 300 exhibits, 2 repeats
    .venv/bin/python tests/perf/bench_report.py --count 20 --repeat 1  # quick trial
    .venv/bin/python tests/perf/bench_report.py --images /tmp/shots --keep /tmp/report.vault

Setup (not timed): N generated 2560x1440 PNG screenshots (screenshots.py), added with
``evidence.add_file`` to a vault made at ``Argon2Params.floor()``; every 10th one marked
intimate, ~70% dated (over a year), N/10 incidents linking 1-3 exhibits, N/30 takedowns.
``--keep FILE`` keeps that vault (its recovery key beside it in FILE.recovery) and reuses it.

Measured, each in a fresh process (peak RSS from that process):
  * report: ``build_report(vault, ReportOptions())`` after unlocking (recovery key: no Argon2id
    in the figures), until the PDF bytes are in memory. The progress callback's stage words
    give where the time goes (re-hash, pictures, each layout pass).
  * floor: for the same images, read the file, decode it with Pillow, downscale it to exactly
    the pixel size the report gave that exhibit's picture (taken from the report run), and
    JPEG-encode it at ``images.JPEG_QUALITY`` (plain encoder settings; what ``optimize=True``
    adds on top is printed too). Intimate exhibits are downscaled and encoded like the others.
Goal (issue 6): report <= 2x the floor; report peak RSS <= 400 MB. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _perfutil as pu
from bench_screenshots import _files, generate
from PIL import Image

from locker.case import evidence, incidents, takedowns
from locker.report import document
from locker.report.context import ReportOptions
from locker.report.images import JPEG_QUALITY, REDUCING_GAP
from locker.vault import Argon2Params, LockedVault, Vault

GOAL_RATIO = 2.0
GOAL_RSS = 400e6
OPS = ("report", "floor")
ZONE = "UTC"


# --- setup ------------------------------------------------------------------------------------


def build_vault(path: str, files: list[str]) -> dict[str, Any]:
    """The vault the report is made from (see the module docstring); not timed."""
    rng = random.Random(20261121)
    vault, recovery = Vault.create(path, pu.PASSPHRASE, Argon2Params.floor())
    start = time.perf_counter()
    try:
        ids = []
        for i, f in enumerate(files):
            item = evidence.add_file(
                vault,
                f,
                note="Posted in the group chat; see the reply underneath.",
                url=f"https://social.example/p/{i:08d}",
                platform=rng.choice(("Instagram", "Facebook", "X", "Snapchat")),
                account="@throwaway_81",
                intimate=i % 10 == 0,
            )
            ids.append(item.id)
            if rng.random() < 0.7:
                day = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                at = f"{day}T{rng.randrange(24):02d}:{rng.randrange(60):02d}"
                evidence.update_item(vault, item.id, happened_at=at, happened_tz="Europe/London")
        for i in range(len(files) // 10):
            incidents.add_incident(
                vault,
                link=rng.sample(ids, min(len(ids), rng.randint(1, 3))),
                title=f"Incident {i + 1}: the picture posted again",
                description="They posted the picture again and wrote under it.",
                start_at=f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T21:15",
                start_tz="Europe/London",
            )
        for i in range(len(files) // 30):
            takedowns.add_takedown(
                vault, f"https://social.example/p/{i:08d}", platform="Instagram", ticket=f"T-{i}"
            )
    finally:
        vault.lock()
    return {"recovery": recovery, "build_s": time.perf_counter() - start}


# --- workers ----------------------------------------------------------------------------------


def print_profile(prof: cProfile.Profile) -> None:
    for key, n in (("tottime", 30), ("cumulative", 45)):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats(key).print_stats(n)
        sys.stderr.write(f"=== by {key} ===\n{buf.getvalue()}")


def report_worker(args: argparse.Namespace) -> dict[str, Any]:
    vault = LockedVault.open(args.vault).unlock_with_recovery_key(args.recovery)
    seen: dict[int, Any] = {}
    prepare = document.prepare_pictures

    def keep_pictures(*a: Any, **k: Any) -> Any:  # the result, for the pixel sizes; no cost
        seen.update(result := prepare(*a, **k))
        return result

    document.prepare_pictures = keep_pictures  # type: ignore[assignment]
    marks: list[tuple[float, str, int]] = []

    def progress(done: int, total: int, stage: str) -> None:
        marks.append((time.perf_counter(), stage, done))

    options = ReportOptions(include_intimate=args.include_intimate)
    prof = cProfile.Profile() if args.profile_worker else None
    try:
        rss_before = pu.rss_now()
        start = time.perf_counter()
        if prof is not None:
            report = prof.runcall(
                document.build_report, vault, options, progress=progress, floating_zone=ZONE
            )
        else:
            report = document.build_report(vault, options, progress=progress, floating_zone=ZONE)
        end = time.perf_counter()
    finally:
        vault.lock()
    if prof is not None:
        print_profile(prof)
    if report.exhibits and not seen:
        raise SystemExit(
            "build_report no longer calls document.prepare_pictures: see keep_pictures"
        )
    # where the time went: from each change of stage (or layout pass) to the next
    stages: list[tuple[str, float]] = []
    last_t, last_name = start, "reading the records (before the first progress)"
    for t, stage, done in marks:
        name = f"{stage} (pass {done + 1})" if stage == "Laying out pages" else stage
        if stage == "Laying out pages" and done == 3:
            name = "finishing"
        if name != last_name:
            stages.append((last_name, t - last_t))
            last_t, last_name = t, name
    stages.append((last_name, end - last_t))
    sizes = [
        (ex.item.original_name, *seen[ex.number].shown.pixels)
        for ex in report.exhibits
        if seen.get(ex.number) is not None and seen[ex.number].shown is not None
    ]
    return {
        "time": end - start,
        "rss_before": rss_before,
        "stages": stages,
        "pages": report.pages,
        "exhibits": len(report.exhibits),
        "pdf_bytes": len(report.pdf),
        "packet_bytes": len(report.packet or b""),
        "packet_pages": report.packet_pages,
        "pictures": len(sizes),
        "redacted": sum(1 for p in seen.values() if p.shown is not None and p.shown.redacted),
        "sizes": sizes,
    }


def floor_worker(args: argparse.Namespace) -> dict[str, Any]:
    """Read, decode, downscale to the report's size, JPEG-encode: each phase timed; the extra
    cost of ``optimize=True`` is measured apart and left out of the floor."""
    sizes = json.loads(Path(args.sizes).read_text())
    phases = dict.fromkeys(("read", "decode", "downscale", "encode"), 0.0)
    optimize = 0.0
    out_bytes = 0
    for name, w, h in sizes:
        t0 = time.perf_counter()
        with open(Path(args.images) / name, "rb") as f:
            data = f.read()
        t1 = time.perf_counter()
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            rgb = im if im.mode == "RGB" else im.convert("RGB")
            t2 = time.perf_counter()
            small = rgb.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
            t3 = time.perf_counter()
            out = io.BytesIO()
            small.save(out, format="JPEG", quality=JPEG_QUALITY)
            t4 = time.perf_counter()
            small.save(io.BytesIO(), format="JPEG", quality=JPEG_QUALITY, optimize=True)
            optimize += time.perf_counter() - t4 - (t4 - t3)
        out_bytes += out.tell()
        for key, dt in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            phases[key] += dt
    return {"time": sum(phases.values()), **phases, "optimize_extra": optimize, "out": out_bytes}


def worker(args: argparse.Namespace) -> None:
    if args.worker == "create":
        pu.emit(build_vault(args.vault, _files(args.images)))
    elif args.worker == "report":
        pu.emit(report_worker(args))
    else:
        pu.emit(floor_worker(args))


# --- parent -----------------------------------------------------------------------------------


def parse() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=300, help="screenshots/exhibits (default 300)")
    ap.add_argument("--repeat", type=int, default=2, help="repeats of each worker (default 2)")
    ap.add_argument("--images", default=None, help="keep/reuse the generated PNGs in this folder")
    ap.add_argument("--keep", default=None, help="keep/reuse the vault in this file")
    ap.add_argument("--tmp", default=None, help="directory for the temp files (default: system)")
    ap.add_argument(
        "--include-intimate", action="store_true", help="also make the unredacted packet"
    )
    ap.add_argument("--profile", action="store_true", help="cProfile the report (first repeat)")
    ap.add_argument("--worker", choices=("create", *OPS), help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", action="store_true", help=argparse.SUPPRESS)
    for name in ("--vault", "--recovery", "--sizes"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    return ap.parse_args()


def main() -> None:
    args = parse()
    if args.worker:
        worker(args)
        return
    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-report-", dir=args.tmp))
    images = Path(args.images) if args.images else tmp / "shots"
    me = str(Path(__file__).resolve())
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in OPS}
    try:
        gen = generate(images, args.count)
        files = _files(str(images))
        total = sum(Path(f).stat().st_size for f in files)
        print(f"{len(files)} screenshots, {pu.mb(total)}, generated in {gen:.1f} s")
        vault_path = Path(args.keep) if args.keep else tmp / "report.vault"
        key_path = vault_path.with_name(vault_path.name + ".recovery")
        if vault_path.exists() and key_path.exists():
            recovery = key_path.read_text().strip()
            print(f"reusing the vault {vault_path} (whatever --count was asked)")
        elif vault_path.exists():
            raise SystemExit(
                f"{vault_path} exists but {key_path} does not: remove it or choose another"
            )
        else:
            made = pu.run_worker(
                [me, "--worker", "create", "--images", str(images), "--vault", str(vault_path)]
            )
            recovery = made["recovery"]
            key_path.write_text(recovery)
            print(
                f"vault built in {made['build_s']:.1f} s ({vault_path.stat().st_size / 1e6:.0f} MB)"
            )
        print(pu.load_note())
        sizes_path = tmp / "sizes.json"
        extra = ["--include-intimate"] if args.include_intimate else []
        for r in range(args.repeat):
            prof = ["--profile-worker"] if args.profile and r == 0 else []
            res = pu.run_worker(
                [me, "--worker", "report", "--vault", str(vault_path), "--recovery", recovery]
                + extra
                + prof
            )
            if "stderr" in res:
                print(f"--- report (repeat {r + 1}) stderr/profile ---\n{res['stderr']}")
            rows["report"].append(res)
            missing = [name for name, _w, _h in res["sizes"] if not (images / name).exists()]
            if missing:
                raise SystemExit(
                    f"the kept vault holds {missing[0]}, not in {images}: same --count"
                )
            sizes_path.write_text(json.dumps(res["sizes"]))
            rows["floor"].append(
                pu.run_worker(
                    [me, "--worker", "floor", "--images", str(images), "--sizes", str(sizes_path)]
                )
            )
            print(
                f"repeat {r + 1}/{args.repeat}: report {res['time']:.2f} s, "
                f"floor {rows['floor'][-1]['time']:.2f} s"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    show(rows, len(files), total, extra)


def show(rows: dict[str, list[dict[str, Any]]], n: int, total: int, extra: list[str]) -> None:
    rep, flo = rows["report"], rows["floor"]
    t_rep, t_flo = [r["time"] for r in rep], [r["time"] for r in flo]
    rb, rm = min(t_rep) / min(t_flo), statistics.median(t_rep) / statistics.median(t_flo)
    last = rep[-1]
    rss = max(pu.peak_rss(r) for r in rep)
    body_pages = last["pages"]
    print()
    print(f"== bench_report: {n} screenshots ({pu.mb(total)}); {pu.load_note()}")
    for knob in extra:
        print(f"!! {knob} in effect (see --help)")
    print(
        f"report: {last['exhibits']} exhibits ({last['pictures']} pictures, "
        f"{last['redacted']} redacted), {body_pages} pages, PDF {last['pdf_bytes'] / 1e6:.1f} MB"
        f" = {last['pdf_bytes'] / 1024 / max(1, last['pictures']):.0f} KB per exhibit, "
        f"{last['pdf_bytes'] / 1024 / max(1, body_pages):.0f} KB per page"
        + (
            f"; packet {last['packet_pages']} pages, {last['packet_bytes'] / 1e6:.1f} MB"
            if last["packet_bytes"]
            else ""
        )
    )
    print(f"build_report: {pu.summary(t_rep)} {pu.spread(t_rep)}")
    f = flo[-1]
    print(
        f"floor (read + decode + downscale + JPEG q{JPEG_QUALITY}): {pu.summary(t_flo)}; last run: "
        + ", ".join(f"{k} {f[k]:.2f} s" for k in ("read", "decode", "downscale", "encode"))
        + f"; optimize=True would add {f['optimize_extra']:.2f} s"
    )
    print(
        f"        ratio to floor: best/best {rb:.2f}x, median/median {rm:.2f}x  "
        f"goal <= {GOAL_RATIO}x: {pu.verdict(rb <= GOAL_RATIO)}"
    )
    print(
        f"        peak RSS {rss / 1e6:.1f} MB (before build_report {last['rss_before'] / 1e6:.1f} "
        f"MB)  goal <= {GOAL_RSS / 1e6:.0f} MB: {pu.verdict(rss <= GOAL_RSS)}"
    )
    print("        where the time goes (median over repeats):")
    names = [name for name, _t in last["stages"]]
    for name in names:
        vals = [dict(r["stages"]).get(name, 0.0) for r in rep]
        print(f"          {statistics.median(vals):7.2f} s  {name}")


if __name__ == "__main__":
    main()
