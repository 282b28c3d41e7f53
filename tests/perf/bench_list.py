"""Benchmark: list the items of a vault holding 10,000 of them, in a fresh process.

    .venv/bin/python tests/perf/bench_list.py                    # 10,000 items, 5 runs
    .venv/bin/python tests/perf/bench_list.py --items 500 --runs 2   # quick trial
    .venv/bin/python tests/perf/bench_list.py --keep /tmp/10k.vault  # keep/reuse the vault

Goal (README.md): from "key derived" (LockedVault.unlock has returned) to the full item list in
memory (locker.case.evidence.list_items) takes <= 0.5 s. Also reported: opening and unlocking
(passphrase, Argon2Params.floor()), and a floor for the listing measured in the same process:
the same rows fetched with one SQL query, decrypted with one AES-GCM object and json-parsed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _perfutil as pu
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from locker.case import evidence
from locker.vault import Argon2Params, LockedVault, Vault
from locker.vault.crypto import NONCE_LEN, associated_data

GOAL_S = 0.5
SCAN_SQL = "SELECT id, data FROM record WHERE tbl = ? AND field = ? ORDER BY rowid"


# --- workers ----------------------------------------------------------------------------------


def build(path: str, count: int, per_tx: int) -> dict[str, Any]:
    """A vault with ``count`` small items (a few hundred bytes each, realistic metadata)."""
    vault, recovery = Vault.create(path, pu.PASSPHRASE, Argon2Params.floor())
    start = time.perf_counter()
    try:
        done = 0
        while done < count:
            with vault.transaction():
                for i in range(done, min(count, done + per_tx)):
                    evidence.add_stream(
                        vault,
                        io.BytesIO(b"\x89PNG\r\n\x1a\n" + os.urandom(200)),
                        original_name=f"Screenshot 2026-05-{1 + i % 28:02d} at 10.{i % 60:02d}"
                        f".{i % 57:02d} ({i}).png",
                        source_modified="2026-05-09T10:00:00Z",
                        note="Posted in the group chat; see the reply underneath.",
                        url=f"https://social.example/p/{i:08d}",
                        platform="Social",
                        account="@someone_else",
                        intimate=i % 3 == 0,
                    )
            done = min(count, done + per_tx)
    finally:
        vault.lock()
    return {"recovery": recovery, "build_s": time.perf_counter() - start}


def list_floor(vault: Vault) -> tuple[float, float, int]:
    """(seconds for the SQL fetch alone, seconds for fetch + decrypt + json, rows)."""
    key = vault._key()  # the record key: a benchmark may look inside, the app never does
    start = time.perf_counter()
    rows = vault.conn.execute(SCAN_SQL, (evidence.ITEM_TABLE, "meta")).fetchall()
    sql_s = time.perf_counter() - start
    aead = AESGCM(key)
    out = []
    for record_id, sealed in rows:
        ad = associated_data(vault.vault_id, evidence.ITEM_TABLE, record_id, "meta")
        plain = aead.decrypt(sealed[:NONCE_LEN], sealed[NONCE_LEN:], ad)
        out.append(json.loads(plain))
    return sql_s, time.perf_counter() - start, len(out)


def measure_list(args: argparse.Namespace) -> dict[str, Any]:
    t0 = time.perf_counter()
    locked = LockedVault.open(args.vault)
    t1 = time.perf_counter()
    vault = locked.unlock(pu.PASSPHRASE)
    t2 = time.perf_counter()  # "key derived"
    items, damaged = evidence.list_items(vault)
    t3 = time.perf_counter()
    res: dict[str, Any] = {
        "open": t1 - t0,
        "unlock": t2 - t1,
        "list": t3 - t2,
        "items": len(items),
        "damaged": len(damaged),
        "vm_hwm": pu.vm_hwm_bytes(),
    }
    if args.profile_worker:
        vault.lock()
        vault = LockedVault.open(args.vault).unlock(pu.PASSPHRASE)
        pu.measure(evidence.list_items, vault, profile=True)
    res["floor_sql"], res["floor"], _ = list_floor(vault)
    res["plan"] = [
        str(r[-1]) for r in vault.conn.execute("EXPLAIN QUERY PLAN " + SCAN_SQL, ("item", "meta"))
    ]
    vault.lock()
    return res


def worker(args: argparse.Namespace) -> None:
    if args.worker == "build":
        pu.emit(build(args.vault, args.items, args.per_tx))
    else:
        pu.emit(measure_list(args))


# --- parent -----------------------------------------------------------------------------------


def evict(path: Path) -> None:
    """Drop this one file's pages from the OS cache (POSIX_FADV_DONTNEED), for a cold run."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--items", type=int, default=10_000, help="items in the vault (default 10000)")
    ap.add_argument("--runs", type=int, default=5, help="fresh-process runs, each (default 5)")
    ap.add_argument("--per-tx", type=int, default=2500, help="items per transaction when building")
    ap.add_argument(
        "--keep",
        default=None,
        help="build the vault here and keep it (reused if "
        "it exists; its passphrase is in _perfutil.PASSPHRASE)",
    )
    ap.add_argument("--tmp", default=None, help="directory for the temp files (default: system)")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of list_items")
    ap.add_argument("--worker", choices=("build", "list"), help=argparse.SUPPRESS)
    ap.add_argument("--vault", help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    me = str(Path(__file__).resolve())
    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-list-", dir=args.tmp))
    vault_path = Path(args.keep) if args.keep else tmp / "list.vault"
    try:
        if not vault_path.exists():
            b = pu.run_worker(
                [
                    me,
                    "--worker",
                    "build",
                    "--vault",
                    str(vault_path),
                    "--items",
                    str(args.items),
                    "--per-tx",
                    str(args.per_tx),
                ]
            )
            print(
                f"built a vault with {args.items} items in {b['build_s']:.1f} s "
                f"({args.per_tx} per transaction)"
            )
        size = vault_path.stat().st_size
        runs: dict[str, list[dict[str, Any]]] = {"warm": [], "cold": []}
        for r in range(args.runs):
            for mode in ("warm", "cold"):
                if mode == "cold":
                    evict(vault_path)
                prof = ["--profile-worker"] if args.profile and r == 0 and mode == "warm" else []
                res = pu.run_worker([me, "--worker", "list", "--vault", str(vault_path), *prof])
                if "stderr" in res:
                    print(f"--- list_items profile ---\n{res['stderr']}")
                runs[mode].append(res)
            w = runs["warm"][-1]
            print(
                f"run {r + 1}/{args.runs}: warm list {w['list']:.3f} s (unlock "
                f"{w['unlock']:.3f} s), cold list {runs['cold'][-1]['list']:.3f} s"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # a --keep vault lives outside it
    report(args, size, runs)


def report(args: argparse.Namespace, size: int, runs: dict[str, list[dict[str, Any]]]) -> None:
    w = runs["warm"]
    n = w[0]["items"]
    print()
    print(
        f"== bench_list: {n} items (damaged: {w[0]['damaged']}), vault file {pu.mb(size)}; "
        f"{args.runs} fresh process(es) per mode; {pu.load_note()}"
    )
    print(f"query plan of the scan: {' / '.join(w[0]['plan'])}")
    for mode in ("warm", "cold"):
        rs = runs[mode]
        lst = [r["list"] for r in rs]
        fl = [r["floor"] for r in rs]
        label = "OS cache warm" if mode == "warm" else "vault file evicted from the OS cache first"
        print(f"[{mode}: {label}]")
        print(f"  open file         : {pu.summary([r['open'] for r in rs])}")
        print(f"  unlock (Argon2id) : {pu.summary([r['unlock'] for r in rs])}")
        print(
            f"  key derived -> list in memory (list_items): {pu.summary(lst)} {pu.spread(lst)}"
            f"  = {statistics.median(lst) / n * 1e6:.1f} us/item  goal <= {GOAL_S} s: "
            f"{pu.verdict(min(lst) <= GOAL_S)}"
        )
        print(
            f"  floor (one query + one AES-GCM object + json, same process, after the list): "
            f"{pu.summary(fl)}; SQL fetch alone {pu.summary([r['floor_sql'] for r in rs])}"
        )
        print(
            f"  ratio list/floor: best/best {min(lst) / min(fl):.2f}x, median/median "
            f"{statistics.median(lst) / statistics.median(fl):.2f}x"
        )
        print(
            f"  open + unlock + list: {pu.summary([r['open'] + r['unlock'] + r['list'] for r in rs])}"
            f"; peak RSS {max(r['vm_hwm'] for r in rs) / 1e6:.1f} MB (includes Argon2id)"
        )


if __name__ == "__main__":
    main()
