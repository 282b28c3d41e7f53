"""Benchmark: how long Quick exit takes (issue 3 goal: under 100 ms), and how soon the window is
off the screen.

    .venv/bin/python tests/perf/bench_quick_exit.py                 # 50 + 20 runs
    .venv/bin/python tests/perf/bench_quick_exit.py --runs 5 --import-runs 3   # quick trial
    QT_QPA_PLATFORM=xcb xvfb-run -a .venv/bin/python tests/perf/bench_quick_exit.py  # on X11

Each run builds a fresh main window (real threaded TaskRunner), opens a vault made at the KDF
floor holding ``--items`` generated screenshots, waits until the library has drawn their
thumbnails and the detail pane shows one picture, puts our text on the clipboard, then times
``MainWindow.quick_exit()`` from the call to its return (the vault locked, caches and clipboard
cleared, ``quick_exited`` emitted). "hidden after" is when every window of ours was hidden:
that happens first, before any wait.

Scenario "idle": nothing running. Scenario "import": an import of ``--import-files`` large
screenshots is running (its second file in progress) when Quick exit is pressed, so the time
includes the worker noticing its cancel flag and rolling back the file in progress.
Timing is printed, never asserted (tests/perf is run by hand).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import _perfutil as pu
from screenshots import write_screenshot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QGuiApplication, QPixmap, QPixmapCache  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import locker.gui.main_window as main_window_module  # noqa: E402
from locker.case import evidence, importer  # noqa: E402
from locker.gui import clipboard  # noqa: E402
from locker.gui.filedialogs import keep_qt_settings_off_disk  # noqa: E402
from locker.gui.main_window import MainWindow  # noqa: E402
from locker.gui.unlock_page import Unlocked  # noqa: E402
from locker.vault import Argon2Params, LockedVault, Vault  # noqa: E402

GOAL_MS = 100.0
OUR_TEXT = "a note this program copied"
PIXMAP_KEY = "bench-quick-exit"


def spin_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not done():
        app.processEvents()
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the window")
        time.sleep(0.002)


def open_window(app: QApplication, vault_path: Path, n_items: int) -> MainWindow:
    """A shown window with the vault open, thumbnails drawn and one picture in the viewer."""
    win = MainWindow(kdf_params=Argon2Params.floor())
    win.resize(1280, 800)
    win.show()
    vault = LockedVault.open(vault_path).unlock(pu.PASSPHRASE)
    items, damaged = evidence.list_items(vault)
    win.unlock_page.unlocked.emit(Unlocked(vault, items, damaged))
    library = win.vault_page.library
    spin_until(app, lambda: library.model.rowCount() == n_items)
    spin_until(app, lambda: library.thumbs.cached_count() >= min(n_items, 6))
    library.select_item(items[0].id)
    detail = win.vault_page.detail
    spin_until(app, lambda: detail.viewer.has_image())
    marker = QPixmap(16, 16)
    marker.fill(QColor(200, 0, 0))
    QPixmapCache.insert(PIXMAP_KEY, marker)
    clipboard.remember_shown(OUR_TEXT)
    QGuiApplication.clipboard().setText(OUR_TEXT)
    return win


def timed_quick_exit(win: MainWindow) -> tuple[float, float, float]:
    """(ms until quick_exit() returned, ms until every window of ours was hidden, ms spent
    waiting for running work to stop)."""
    hidden_at: list[float] = []
    waited: list[float] = []
    real_hide = main_window_module.hide_everything
    real_wait = win.runner.wait

    def wait() -> None:
        t = time.perf_counter()
        real_wait()
        waited.append(time.perf_counter() - t)

    win.runner.wait = wait  # type: ignore[method-assign]

    def hide(window):  # type: ignore[no-untyped-def]
        result = real_hide(window)
        hidden_at.append(time.perf_counter())
        return result

    main_window_module.hide_everything = hide
    try:
        t0 = time.perf_counter()
        win.quick_exit()
        t1 = time.perf_counter()
    finally:
        main_window_module.hide_everything = real_hide
    assert not win.isVisible() and win.vault is None
    assert QGuiApplication.clipboard().text() == ""
    assert QPixmapCache.find(PIXMAP_KEY) is None
    return (t1 - t0) * 1000, (hidden_at[0] - t0) * 1000, sum(waited) * 1000


def dispose(app: QApplication, win: MainWindow) -> None:
    win.close()
    win.deleteLater()
    app.processEvents()


def run_idle(
    app: QApplication, vault_path: Path, n_items: int, runs: int
) -> list[tuple[float, float, float]]:
    out = []
    for _ in range(runs):
        win = open_window(app, vault_path, n_items)
        out.append(timed_quick_exit(win))
        dispose(app, win)
    return out


def run_import_once(
    app: QApplication, vault_path: Path, n_items: int, files: list[str]
) -> tuple[float, float, float]:
    win = open_window(app, vault_path, n_items)
    flow = win.vault_page.import_flow
    flow.add_files(files)
    spin_until(app, lambda: flow.progress_widget.label.text().startswith("Adding 2 of"))
    result = timed_quick_exit(win)
    dispose(app, win)
    return result


def report(name: str, results: list[tuple[float, float, float]]) -> None:
    total = [r[0] for r in results]
    hidden = [r[1] for r in results]
    waited = [r[2] for r in results]
    print(
        f"{name:7s} quick_exit(): median {statistics.median(total):6.1f} ms   "
        f"max {max(total):6.1f} ms   ({len(total)} runs)  goal < {GOAL_MS:.0f} ms: "
        f"{pu.verdict(max(total) < GOAL_MS)} (max), {pu.verdict(statistics.median(total) < GOAL_MS)} (median)"
    )
    print(
        f"{'':7s} hidden after:  median {statistics.median(hidden):6.2f} ms   "
        f"max {max(hidden):6.2f} ms"
    )
    print(
        f"{'':7s} of which waiting for work to stop: median {statistics.median(waited):6.1f} ms   "
        f"max {max(waited):6.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=50, help="quick exits with nothing running")
    ap.add_argument("--import-runs", type=int, default=20, help="quick exits during an import")
    ap.add_argument("--items", type=int, default=12, help="screenshots in the vault")
    ap.add_argument("--import-files", type=int, default=20, help="files in the running import")
    ap.add_argument("--tmp", help="where to make the test data (deleted at the end)")
    args = ap.parse_args()

    keep_qt_settings_off_disk()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="bench-quick-exit-", dir=args.tmp))
    try:
        shots = tmp / "shots"
        shots.mkdir()
        paths = [
            str(shots / f"shot-{i:03d}.png") for i in range(max(args.items, args.import_files))
        ]
        for seed, path in enumerate(paths):
            write_screenshot((seed, path))
        vault_path = tmp / "bench.evl"
        vault, _key = Vault.create(vault_path, pu.PASSPHRASE, Argon2Params.floor())
        summary = importer.import_files(vault, paths[: args.items])
        assert not summary.failed
        vault.lock()

        print(f"platform {QGuiApplication.platformName()}; {pu.load_note()}")
        print(f"vault with {args.items} screenshots (2560x1440); import of {args.import_files}")
        if args.runs:
            report("idle", run_idle(app, vault_path, args.items, args.runs))
        if args.import_runs:
            # Each run adds to a fresh copy, so the vault does not grow from run to run.
            results = []
            for _ in range(args.import_runs):
                copy = tmp / "copy.evl"
                shutil.copyfile(vault_path, copy)
                results.append(run_import_once(app, copy, args.items, paths[: args.import_files]))
                copy.unlink()
            report("import", results)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
