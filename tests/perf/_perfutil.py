"""Shared helpers for the hand-run benchmarks in tests/perf (never collected by pytest).

- ``floor_pass``: the reference every ratio is taken against: read a file in the vault's chunk
  size, SHA-256 it and AES-256-GCM-encrypt each chunk; nothing is written anywhere.
- ``run_worker``: run one measured operation in a fresh Python process (so imports, test-data
  generation and earlier operations don't pollute its peak RSS); the parent polls the child's RSS
  with psutil while the child reports its own ``getrusage(RUSAGE_SELF).ru_maxrss``.
- ``emit``: how a worker hands its figures back (one ``RESULT {json}`` line on stdout).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from locker.vault.crypto import CHUNK_SIZE  # noqa: E402

PASSPHRASE = "correct horse battery staple"
MIB = 1024 * 1024
RESULT_PREFIX = "RESULT "


# --- the floor ------------------------------------------------------------------------------


_FLOOR_BUFFERS: dict[int, tuple[bytearray, bytearray]] = {}


def floor_pass(path: str | os.PathLike[str], chunk_size: int = CHUNK_SIZE) -> tuple[int, str]:
    """THE floor: read ``path`` in ``chunk_size`` pieces, SHA-256 it, AES-GCM-encrypt each piece.

    Same primitives, chunk size and size of associated data as the vault; no writing. Buffers
    are allocated once (``readinto`` / ``encrypt_into``), so the figure is the work itself and not
    the allocator: allocating two fresh 1 MiB buffers per chunk costs about 256 page faults per
    MiB here (see ``naive_floor_pass``), a cost an implementation can avoid.
    Returns (bytes read, hex digest).
    """
    aead = AESGCM(os.urandom(32))
    if not hasattr(aead, "encrypt_into"):  # cryptography < 45
        return naive_floor_pass(path, chunk_size)
    ad = os.urandom(64)
    digest = hashlib.sha256()
    if chunk_size not in _FLOOR_BUFFERS:  # kept across calls (many small files: no refaulting)
        _FLOOR_BUFFERS[chunk_size] = (bytearray(chunk_size), bytearray(chunk_size + 16))
    buf, out = _FLOOR_BUFFERS[chunk_size]
    view, out_view = memoryview(buf), memoryview(out)
    size = 0
    index = 0
    with open(path, "rb", buffering=0) as f:
        while True:
            n = f.readinto(buf)
            if not n:
                break
            # a short read (not at the end) only makes one more, shorter chunk: fine for a floor
            digest.update(view[:n])
            aead.encrypt_into(index.to_bytes(12, "big"), view[:n], ad, out_view[: n + 16])
            size += n
            index += 1
    return size, digest.hexdigest()


def naive_floor_pass(path: str | os.PathLike[str], chunk_size: int = CHUNK_SIZE) -> tuple[int, str]:
    """The same work written the obvious way (``f.read`` and ``encrypt`` returning new bytes),
    as blobs.write_blob does it. Informative: the gap to ``floor_pass`` is allocator cost."""
    aead = AESGCM(os.urandom(32))
    ad = os.urandom(64)
    digest = hashlib.sha256()
    size = 0
    index = 0
    with open(path, "rb") as f:
        while True:
            data = f.read(chunk_size)
            if not data:
                break
            digest.update(data)
            aead.encrypt(index.to_bytes(12, "big"), data, ad)
            size += len(data)
            index += 1
    return size, digest.hexdigest()


# --- worker side ----------------------------------------------------------------------------


def rss_now() -> int:
    """Current resident set size of this process in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def ru_maxrss_bytes() -> int:
    """getrusage(RUSAGE_SELF).ru_maxrss in bytes (Linux reports KiB).

    Caution: on Linux this is max(the process's own peak, the *parent's* peak at the time of
    fork+exec), because exec records the high-water mark of the pre-exec (forked) address space
    in the signal struct. A parent that once held a lot of memory therefore pollutes it; the
    parent scripts here keep themselves small (no Argon2, no big buffers) for that reason, and
    ``vm_hwm_bytes`` is the figure the reports use.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def vm_hwm_bytes() -> int:
    """Peak RSS of this process's own address space (VmHWM; the mm high-water mark that
    ru_maxrss is built from, without what was inherited across exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return ru_maxrss_bytes()


def measure(
    fn: Any, *args: Any, profile: bool = False, **kwargs: Any
) -> tuple[Any, dict[str, Any]]:
    """Call ``fn``; return its value and figures: wall time, CPU user/system time, minor page
    faults, context switches, RSS before. With ``profile``, print a cProfile (by own time) to
    stderr (run_worker passes stderr back to the parent, which prints it)."""
    import cProfile
    import io
    import pstats

    rss_before = rss_now()
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    prof = cProfile.Profile() if profile else None
    start = time.perf_counter()
    value = prof.runcall(fn, *args, **kwargs) if prof else fn(*args, **kwargs)
    elapsed = time.perf_counter() - start
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    if prof is not None:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(20)
        sys.stderr.write(buf.getvalue())
    return value, {
        "time": elapsed,
        "user": r1.ru_utime - r0.ru_utime,
        "sys": r1.ru_stime - r0.ru_stime,
        "minflt": r1.ru_minflt - r0.ru_minflt,
        "nvcsw": r1.ru_nvcsw - r0.ru_nvcsw,
        "rss_before": rss_before,
    }


def apply_pragmas(conn: Any, pragmas: Sequence[str]) -> None:
    """Benchmark knob (--pragma NAME=VALUE): try a setting on the vault's connection after
    unlocking, to measure a proposed change without editing locker/."""
    for p in pragmas:
        conn.execute(f"PRAGMA {p}")


def emit(result: dict[str, Any]) -> None:
    result.setdefault("ru_maxrss", ru_maxrss_bytes())
    result.setdefault("vm_hwm", vm_hwm_bytes())
    print(RESULT_PREFIX + json.dumps(result), flush=True)


# --- parent side ----------------------------------------------------------------------------


class WorkerFailed(RuntimeError):
    pass


def run_worker(argv: Sequence[str], poll_s: float = 0.005) -> dict[str, Any]:
    """Run ``python argv...`` (argv must contain ``--worker``) in a fresh process; return its
    RESULT dict plus ``polled_peak_rss`` (psutil, sampled every ``poll_s`` after exec)."""
    import psutil

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    peak = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        try:
            p = psutil.Process(proc.pid)
            # Until exec, the child is a (v)fork of this process: its RSS is ours; skip it.
            while not stop.is_set() and "--worker" not in p.cmdline():
                time.sleep(poll_s / 5)
            while not stop.is_set():
                peak = max(peak, p.memory_info().rss)
                time.sleep(poll_s)
        except psutil.Error:
            pass

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    out, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode != 0:
        raise WorkerFailed(f"worker {argv} exited {proc.returncode}:\n{err}\n{out}")
    for line in reversed(out.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            result["polled_peak_rss"] = peak
            if err.strip():
                result["stderr"] = err
            return result
    raise WorkerFailed(f"worker {argv} printed no result:\n{err}\n{out}")


def recycle_page_cache(directory: str | os.PathLike[str], nbytes: int) -> float:
    """Write ``nbytes`` to a scratch file and delete it; return the seconds that took.

    Why: on this VM (Firecracker, virtio-balloon free page reporting) guest memory that has been
    free for a couple of seconds is handed back to the host, and the next write into *new* page
    cache pays a host page fault per page: writes then run at 0.4-1 GB/s instead of ~5 GB/s, and
    the figure depends on what ran just before. Writing and deleting a scratch file right before
    a write-heavy operation leaves recently freed pages on the free lists for it to reuse, so
    add/export/io-reference are measured under the same conditions (a desktop without free page
    reporting behaves like this anyway). Disable with --no-recycle to see the raw effect.
    """
    path = Path(directory) / "page-cache-recycle.tmp"
    buf = os.urandom(MIB)
    start = time.perf_counter()
    with open(path, "wb", buffering=0) as f:
        for _ in range(max(1, nbytes // MIB)):
            f.write(buf)
    path.unlink()
    return time.perf_counter() - start


# --- formatting -----------------------------------------------------------------------------


def mb(n: float) -> str:
    return f"{n / MIB:.1f} MiB"


def peak_rss(result: dict[str, Any]) -> int:
    """The peak RSS figure reported: the worker's own VmHWM, or the polled peak if higher."""
    return max(int(result["vm_hwm"]), int(result.get("polled_peak_rss", 0)))


def cpu_note(results: Sequence[dict[str, Any]]) -> str:
    """Median CPU split of repeated operations: where the wall time went."""
    if not results or "user" not in results[0]:
        return ""
    med = {
        k: statistics.median(float(r[k]) for r in results)
        for k in ("time", "user", "sys", "minflt", "nvcsw")
    }
    idle = max(0.0, med["time"] - med["user"] - med["sys"])
    return (
        f"median CPU: user {med['user']:.3f} s, system {med['sys']:.3f} s, not on CPU "
        f"{idle:.3f} s (waiting for the disk/other processes); {med['minflt']:.0f} minor "
        f"page faults, {med['nvcsw']:.0f} voluntary context switches"
    )


def summary(values: Sequence[float], unit: str = "s", fmt: str = "{:.3f}") -> str:
    """best / median / worst of repeated measurements."""
    if len(values) == 1:
        return (fmt + " {}").format(values[0], unit)
    return (f"best {fmt}  median {fmt}  worst {fmt} {{}}").format(
        min(values), statistics.median(values), max(values), unit
    )


def spread(values: Sequence[float]) -> str:
    """Noise indicator: worst/best as a percentage above best."""
    if len(values) < 2 or min(values) <= 0:
        return ""
    return f"(spread +{(max(values) / min(values) - 1) * 100:.0f}%)"


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def load_note() -> str:
    """The machine's load averages, printed with the results (other engineers share 2 cores)."""
    try:
        one, five, _ = os.getloadavg()
        return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"
    except OSError:
        return ""


def add_write_bench_args(ap: argparse.ArgumentParser, ops: Sequence[str]) -> None:
    """The options shared by the add/export benchmarks (bench_large_file, bench_screenshots)."""
    ap.add_argument("--tmp", default=None, help="directory for the temp files (default: system)")
    ap.add_argument("--no-ioref", action="store_true", help="skip the write+fsync reference")
    ap.add_argument(
        "--no-recycle",
        action="store_true",
        help="don't recycle page cache before write-heavy operations "
        "(VM noise; see _perfutil.recycle_page_cache)",
    )
    ap.add_argument(
        "--profile",
        choices=ops,
        default=None,
        help="print a cProfile of that operation (first repeat only; slows it)",
    )
    ap.add_argument(
        "--pragma",
        action="append",
        metavar="NAME=VALUE",
        help="try a PRAGMA on the vault connection in the add/export workers (repeatable), "
        "e.g. --pragma cache_size=-32768, to measure a proposed change",
    )
    # worker-only arguments
    ap.add_argument("--worker", choices=("create", *ops), help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", action="store_true", help=argparse.SUPPRESS)
