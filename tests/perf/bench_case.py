"""Benchmark: the case screens of issue 4 (timeline, incidents, takedowns) on a full case.

    .venv/bin/python tests/perf/bench_case.py                          # 2,000 items, 500 incidents
    .venv/bin/python tests/perf/bench_case.py --items 200 --incidents 50 --takedowns 10 --runs 1
    .venv/bin/python tests/perf/bench_case.py --keep /tmp/case.vault   # keep/reuse the vault

The vault (made at the KDF floor, passphrase ``_perfutil.PASSPHRASE``): 2,000 small items (70%
dated by when they happened, in several zones, 10% by a date only, the rest by when they were
added), 500 incidents over two years (1-3 linked items each; zones with and without daylight
saving, some on the nights the clocks change: the repeated hour with either offset, the hour
after the skipped one; some date-only, some undated, some with an end), 100 takedowns.

1. Core, in a fresh process after unlock: what the Timeline tab reads and builds
   (``evidence.list_items`` + ``incidents.list_incidents`` + ``timeline.build_timeline`` +
   ``choose_period`` + ``chart_buckets`` by week and by month), against a floor measured in the
   same process: the same rows fetched with one SQL query per table, decrypted with one AES-GCM
   object and json-parsed. Goal (README.md): <= 1.5x the floor, and <= 0.5 s.
2. GUI, in a fresh process: the real main window (offscreen Qt, 1280x800), vault opened through
   ``_on_unlocked`` as the unlock screen does; switch to the Timeline, Incidents and Takedowns
   tabs in turn and wait until each is filled (the read runs through the TaskRunner). A 5 ms
   QTimer heartbeat gives the largest event-loop stall (goal <= 100 ms) and the time from the
   switch to filled. Then the chart by week: the toggle, ``render_to_image``, ``grab`` and a
   synchronous ``repaint``.

Printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _perfutil as pu  # noqa: E402  (puts the project root on sys.path)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from locker.case import evidence, incidents, takedowns, timeline, when  # noqa: E402
from locker.vault import Argon2Params, LockedVault, Vault  # noqa: E402
from locker.vault.crypto import NONCE_LEN, associated_data  # noqa: E402

GOAL_RATIO = 1.5
GOAL_S = 0.5
GOAL_STALL_MS = 100
BEAT_MS = 5
FLOATING_ZONE = "UTC"  # this machine's zone (what the window's local_zone() gives here)
SCAN_SQL = "SELECT id, data FROM record WHERE tbl = ? AND field = ? ORDER BY rowid"
SPAN_START = date(2024, 11, 22)  # two years, up to the results' date
SPAN_DAYS = 730
DST_ZONES = (
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Sydney",
)
ZONES = (*DST_ZONES, "Asia/Kolkata", "Asia/Tokyo", "")  # "" = zone not known (floating)
PLATFORMS = (
    "Instagram",
    "Facebook",
    "X",
    "TikTok",
    "Snapchat",
    "WhatsApp",
    "Text messages",
    "Email",
    "Reddit",
    "Discord",
)
ACCOUNTS = tuple(
    f"@{n}"
    for n in (
        "someone_else",
        "throwaway_81",
        "an_account_name",
        "the_ex",
        "anon4412",
        "burner.acct",
        "x_y_z",
        "not_me_honest",
    )
)
TABS = ("timeline", "incidents", "takedowns")


# --- building the case ------------------------------------------------------------------------


def dst_nights(zone: str) -> list[date]:
    """The days of the span on which ``zone``'s offset changes (clocks forward or back)."""
    nights = []
    for n in range(SPAN_DAYS):
        day = SPAN_START + timedelta(days=n)
        a = when.offsets_at(f"{day.isoformat()}T00:00", zone)
        b = when.offsets_at(f"{(day + timedelta(days=1)).isoformat()}T00:00", zone)
        if a and b and a[-1] != b[0]:
            nights.append(day)
    return nights


def a_moment(
    rng: random.Random, nights: dict[str, list[date]], dst_share: float
) -> tuple[str, str, str]:
    """(at, tz, offset) of a time of day in a zone; with ``dst_share`` on a DST night, at the
    repeated hour (either offset) or just after the skipped one."""
    if rng.random() < dst_share:
        zone = rng.choice(DST_ZONES)
        day = rng.choice(nights[zone])
        for hour in range(0, 5):  # the first hour of the night that exists there
            at = f"{day.isoformat()}T{hour:02d}:30"
            offsets = when.offsets_at(at, zone)
            if len(offsets) == 2:
                return at, zone, rng.choice(offsets)  # the repeated hour: either one
        for hour in range(0, 6):
            at = f"{day.isoformat()}T{hour:02d}:30"
            if not when.offsets_at(at, zone):  # the skipped hour: the one after it
                return f"{day.isoformat()}T{hour + 1:02d}:30", zone, ""
        return f"{day.isoformat()}T03:30", zone, ""
    day = SPAN_START + timedelta(days=rng.randrange(SPAN_DAYS))
    zone = rng.choice(ZONES)
    while True:
        at = f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}"
        if not zone or when.offsets_at(at, zone):
            return at, zone, ""


def build(path: str, n_items: int, n_incidents: int, n_takedowns: int) -> dict[str, Any]:
    rng = random.Random(20261121)
    nights = {z: dst_nights(z) for z in DST_ZONES}
    vault, recovery = Vault.create(path, pu.PASSPHRASE, Argon2Params.floor())
    start = time.perf_counter()
    ids: list[str] = []
    try:
        for first in range(0, n_items, 250):
            with vault.transaction():
                for i in range(first, min(n_items, first + 250)):
                    platform = rng.choice(PLATFORMS)
                    item = evidence.add_stream(
                        vault,
                        io.BytesIO(b"\x89PNG\r\n\x1a\n" + os.urandom(200)),
                        original_name=f"Screenshot {i:05d} {platform}.png",
                        source_modified="2026-05-09T10:00:00Z",
                        note="Posted in the group chat; see the reply underneath.",
                        url=f"https://social.example/p/{i:08d}",
                        platform=platform,
                        account=rng.choice(ACCOUNTS),
                        intimate=i % 7 == 0,
                    )
                    ids.append(item.id)
                    kind = rng.random()
                    if kind < 0.7:
                        at, tz, _offset = a_moment(rng, nights, 0.05)
                        evidence.update_item(vault, item.id, happened_at=at, happened_tz=tz)
                    elif kind < 0.8:
                        day = SPAN_START + timedelta(days=rng.randrange(SPAN_DAYS))
                        evidence.update_item(vault, item.id, happened_at=day.isoformat())
        incident_ids: list[str] = []
        on_dst = 0
        for first in range(0, n_incidents, 100):
            with vault.transaction():
                for i in range(first, min(n_incidents, first + 100)):
                    fields: dict[str, Any] = {
                        "title": f"Incident {i + 1}: {rng.choice(PLATFORMS)} messages again",
                        "platform": rng.choice(PLATFORMS),
                        "accounts": rng.sample(ACCOUNTS, rng.randint(1, 2)),
                        "urls": [f"https://social.example/u/{rng.randrange(10**8):08d}"],
                        "responsible": "Someone from school",
                        "relationship": "former classmate",
                        "description": "They posted the picture again and wrote under it. "
                        "Friends saw it before it was taken down.\nI took screenshots.",
                        "witnesses": [{"name": "A friend", "contact": "phone"}][: i % 2],
                        "reports": [{"to": "school", "date": "2026-01-10", "number": "R-12"}][
                            : int(i % 5 == 0)
                        ],
                    }
                    kind = rng.random()
                    if kind < 0.02:
                        pass  # undated
                    elif kind < 0.12:
                        day = SPAN_START + timedelta(days=rng.randrange(SPAN_DAYS))
                        fields["start_at"] = day.isoformat()
                    else:
                        at, tz, offset = a_moment(rng, nights, 0.15)
                        on_dst += bool(tz) and datetime.fromisoformat(at).date() in nights.get(
                            tz, ()
                        )
                        fields.update(start_at=at, start_tz=tz, start_offset=offset)
                        end = (datetime.fromisoformat(at) + timedelta(hours=3)).isoformat(
                            timespec="minutes"
                        )
                        if rng.random() < 0.3 and (not tz or when.offsets_at(end, tz)):
                            fields.update(end_at=end, end_tz=tz)
                    link = rng.sample(ids, rng.randint(1, 3)) if ids else []
                    incident_ids.append(incidents.add_incident(vault, link=link, **fields).id)
        with vault.transaction():
            for i in range(n_takedowns):
                at, tz, _offset = a_moment(rng, nights, 0.0)
                follow = SPAN_START + timedelta(days=rng.randrange(SPAN_DAYS + 30))
                takedowns.add_takedown(
                    vault,
                    f"https://social.example/p/{rng.randrange(10**8):08d}",
                    platform=rng.choice(PLATFORMS),
                    reported_at=at,
                    reported_tz=tz,
                    method=rng.choice(takedowns.METHODS),
                    ticket=f"T-{i:05d}",
                    status=rng.choice(takedowns.STATUSES),
                    follow_up=follow.isoformat() if i % 3 else "",
                    us_platform=i % 2 == 0,
                    incident=rng.choice(incident_ids) if incident_ids and i % 2 else "",
                    note="Asked through the form; copy of the request kept.",
                )
    finally:
        vault.lock()
    return {"recovery": recovery, "build_s": time.perf_counter() - start, "on_dst": on_dst}


# --- core worker ------------------------------------------------------------------------------


def timeline_work(vault: Vault) -> dict[str, Any]:
    """What the Timeline tab does off the UI thread, plus the chart's buckets both ways."""
    t0 = time.perf_counter()
    items, bad_items = evidence.list_items(vault)
    t1 = time.perf_counter()
    found, bad_incidents = incidents.list_incidents(vault)
    t2 = time.perf_counter()
    entries = timeline.build_timeline(found, items, floating_zone=FLOATING_ZONE)
    t3 = time.perf_counter()
    period = timeline.choose_period(found)
    week, week_out = timeline.chart_buckets(found, "week")
    month, month_out = timeline.chart_buckets(found, "month")
    t4 = time.perf_counter()
    return {
        "list_items": t1 - t0,
        "list_incidents": t2 - t1,
        "build_timeline": t3 - t2,
        "chart": t4 - t3,
        "total": t4 - t0,
        "items": len(items),
        "incidents": len(found),
        "damaged": len(bad_items) + len(bad_incidents),
        "entries": len(entries),
        "period": period,
        "week_bars": len(week),
        "week_left_out": week_out,
        "month_bars": len(month),
    }


def floor(vault: Vault) -> tuple[float, float, int]:
    """(seconds for the two SQL fetches alone, seconds for fetch + decrypt + json, rows)."""
    key = vault._key()  # the record key: a benchmark may look inside, the app never does
    start = time.perf_counter()
    tables = [
        (t, vault.conn.execute(SCAN_SQL, (t, "meta")).fetchall())
        for t in (evidence.ITEM_TABLE, incidents.INCIDENT_TABLE)
    ]
    sql_s = time.perf_counter() - start
    aead = AESGCM(key)
    out = []
    for table, rows in tables:
        for record_id, sealed in rows:
            ad = associated_data(vault.vault_id, table, record_id, "meta")
            out.append(json.loads(aead.decrypt(sealed[:NONCE_LEN], sealed[NONCE_LEN:], ad)))
    return sql_s, time.perf_counter() - start, len(out)


def measure_core(args: argparse.Namespace) -> dict[str, Any]:
    vault = LockedVault.open(args.vault).unlock(pu.PASSPHRASE)
    res = timeline_work(vault)  # "key derived" -> timeline and chart data in memory
    res["again"] = timeline_work(vault)["total"]  # informative: the same, second time
    res["floor_sql"], res["floor"], res["floor_rows"] = floor(vault)
    if args.profile_worker:
        pu.measure(timeline_work, vault, profile=True)
    vault.lock()
    return res


# --- GUI worker -------------------------------------------------------------------------------


def measure_gui(args: argparse.Namespace) -> dict[str, Any]:
    import cProfile
    import pstats

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from locker.gui.main_window import MainWindow
    from locker.gui.unlock_page import Unlocked

    win = MainWindow(kdf_params=Argon2Params.floor())
    win.resize(1280, 800)
    win.show()
    vault = LockedVault.open(args.vault).unlock(pu.PASSPHRASE)
    items, damaged = evidence.list_items(vault)  # as the unlock task does, off the clock
    win._on_unlocked(Unlocked(vault, items, damaged))

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    spin(1500)  # the evidence tab settles (library filled, first paint)

    clock = QElapsedTimer()
    clock.start()
    ticks: list[int] = []
    beat = QTimer()
    beat.setInterval(BEAT_MS)
    beat.timeout.connect(lambda: ticks.append(clock.elapsed()))
    beat.start()
    spin(300)

    pages: dict[str, Any] = {
        "timeline": win.timeline_page,
        "incidents": win.incidents_page,
        "takedowns": win.takedowns_page,
    }
    filled: dict[str, tuple[float, float]] = {}

    def watch(name: str) -> None:
        page = pages[name]
        original = page._loaded  # the refresh's callback looks it up on the instance

        def loaded(*a: Any, **k: Any) -> None:
            t = time.perf_counter()
            original(*a, **k)
            filled[name] = (t, time.perf_counter())

        page._loaded = loaded

    def rows(name: str) -> int:
        if name == "timeline":
            return win.timeline_page.model.rowCount()
        if name == "incidents":
            return win.incidents_page.list.count()
        return win.takedowns_page.model.rowCount()

    res: dict[str, Any] = {"tabs": {}}
    prof = cProfile.Profile() if args.profile_worker else None
    for name in TABS:
        watch(name)
        first_tick = len(ticks)
        t0 = time.perf_counter()
        ms0 = clock.elapsed()
        if prof:
            prof.enable()
        win.case_screen.setCurrentWidget(pages[name])
        t1 = time.perf_counter()
        deadline = time.perf_counter() + 60
        while name not in filled and time.perf_counter() < deadline:
            spin(BEAT_MS)
        spin(500)  # layout and first paint of what was filled
        if prof:
            prof.disable()
        window_ticks = [ms0, *ticks[first_tick:]]
        gaps = [b - a for a, b in zip(window_ticks, window_ticks[1:], strict=False)]
        start_cb, end_cb = filled.get(name, (float("nan"), float("nan")))
        res["tabs"][name] = {
            "switch_call": t1 - t0,
            "to_filled": end_cb - t0,
            "loaded_cb": end_cb - start_cb,
            "stall_ms": max(gaps) - BEAT_MS if gaps else 0,
            "gaps_over_50": sum(g > 50 for g in gaps),
            "rows": rows(name),
        }

    # The chart by week (the period a two-year span does not choose by itself).
    page = win.timeline_page
    win.case_screen.setCurrentWidget(page)
    spin(200)
    first_tick = len(ticks)
    ms0 = clock.elapsed()
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    page.week_button.setChecked(True)  # the whole list and chart are redone (_apply_filters)
    res["week_toggle"] = time.perf_counter() - t0
    if prof:
        prof.disable()
    spin(300)
    window_ticks = [ms0, *ticks[first_tick:]]
    res["week_toggle_stall_ms"] = (
        max(b - a for a, b in zip(window_ticks, window_ticks[1:], strict=False)) - BEAT_MS
    )
    chart = page.chart
    res["chart_size"] = [chart.width(), chart.height()]
    res["week_bars"] = len(chart.buckets())
    for what, fn in (
        ("render", lambda: chart.render_to_image(chart.width(), chart.height())),
        ("grab", chart.grab),
        ("repaint", chart.repaint),
    ):
        fn()
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        res[f"chart_{what}"] = times
    page.month_button.setChecked(True)
    spin(100)
    res["month_bars"] = len(chart.buckets())
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        chart.render_to_image(chart.width(), chart.height())
        times.append(time.perf_counter() - t0)
    res["chart_render_month"] = times
    beat.stop()
    app.processEvents()
    if prof:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
        sys.stderr.write(buf.getvalue())
    win.lock()
    win.close()
    return res


def worker(args: argparse.Namespace) -> None:
    if args.worker == "build":
        pu.emit(build(args.vault, args.items, args.incidents, args.takedowns))
    elif args.worker == "core":
        pu.emit(measure_core(args))
    else:
        pu.emit(measure_gui(args))


# --- parent -----------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--items", type=int, default=2000, help="evidence items (default 2000)")
    ap.add_argument("--incidents", type=int, default=500, help="incidents (default 500)")
    ap.add_argument("--takedowns", type=int, default=100, help="takedowns (default 100)")
    ap.add_argument("--runs", type=int, default=5, help="fresh-process runs of each (default 5)")
    ap.add_argument(
        "--keep",
        default=None,
        help="build the vault here and keep it (reused if it exists, whatever the sizes asked; "
        "its passphrase is in _perfutil.PASSPHRASE)",
    )
    ap.add_argument("--tmp", default=None, help="directory for the temp files (default: system)")
    ap.add_argument("--no-core", action="store_true", help="skip the core measurement")
    ap.add_argument("--no-gui", action="store_true", help="skip the window measurement")
    ap.add_argument(
        "--profile",
        choices=("core", "gui"),
        default=None,
        help="cProfile (first run only) of the core work, or of the UI thread during the three "
        "tab switches and the choice of 'By week'",
    )
    ap.add_argument("--worker", choices=("build", "core", "gui"), help=argparse.SUPPRESS)
    ap.add_argument("--vault", help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    me = str(Path(__file__).resolve())
    tmp = Path(tempfile.mkdtemp(prefix="locker-bench-case-", dir=args.tmp))
    vault_path = Path(args.keep) if args.keep else tmp / "case.vault"
    core: list[dict[str, Any]] = []
    gui: list[dict[str, Any]] = []
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
                    "--incidents",
                    str(args.incidents),
                    "--takedowns",
                    str(args.takedowns),
                ]
            )
            print(
                f"built a vault with {args.items} items, {args.incidents} incidents "
                f"({b['on_dst']} on a DST night), {args.takedowns} takedowns in "
                f"{b['build_s']:.1f} s"
            )
        size = vault_path.stat().st_size
        for r in range(args.runs):
            line = [f"run {r + 1}/{args.runs}:"]
            if not args.no_core:
                prof = ["--profile-worker"] if args.profile == "core" and r == 0 else []
                c = pu.run_worker([me, "--worker", "core", "--vault", str(vault_path), *prof])
                if "stderr" in c:
                    print(f"--- core profile ---\n{c['stderr']}")
                core.append(c)
                line.append(f"core {c['total']:.3f} s (floor {c['floor']:.3f} s)")
            if not args.no_gui:
                prof = ["--profile-worker"] if args.profile == "gui" and r == 0 else []
                g = pu.run_worker([me, "--worker", "gui", "--vault", str(vault_path), *prof])
                if "stderr" in g:
                    print(f"--- UI thread profile (three tab switches, By week) ---\n{g['stderr']}")
                gui.append(g)
                line.append(
                    "GUI stalls " + ", ".join(f"{t} {g['tabs'][t]['stall_ms']} ms" for t in TABS)
                )
            print("  ".join(line), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # a --keep vault lives outside it
    print()
    print(
        f"== bench_case: vault file {pu.mb(size)}; {args.runs} fresh process(es); {pu.load_note()}"
    )
    if core:
        report_core(core)
    if gui:
        report_gui(gui)


def ms(values: list[float]) -> str:
    return str(pu.summary([v * 1000 for v in values], "ms", "{:.1f}"))


def report_core(rs: list[dict[str, Any]]) -> None:
    c = rs[0]
    print(
        f"[core] {c['items']} items + {c['incidents']} incidents (damaged {c['damaged']}) -> "
        f"{c['entries']} timeline entries; chart: {c['week_bars']} weekly bars "
        f"({c['week_left_out']} older left out), {c['month_bars']} monthly; chosen period "
        f"{c['period']}"
    )
    total = [r["total"] for r in rs]
    fl = [r["floor"] for r in rs]
    for key, label in (
        ("list_items", "evidence.list_items"),
        ("list_incidents", "incidents.list_incidents"),
        ("build_timeline", "timeline.build_timeline"),
        ("chart", "choose_period + chart_buckets week + month"),
    ):
        print(f"  {label:<45}: {ms([r[key] for r in rs])}")
    print(
        f"  key derived -> timeline + chart data in memory: {pu.summary(total)} "
        f"{pu.spread(total)}  goal <= {GOAL_S} s: {pu.verdict(min(total) <= GOAL_S)}"
    )
    print(
        "  the same again in the same process (informative): "
        + pu.summary([r["again"] for r in rs])
    )
    print(
        f"  floor ({c['floor_rows']} rows: one query per table + one AES-GCM object + json, same "
        f"process, after): {pu.summary(fl)}; SQL fetch alone "
        f"{pu.summary([r['floor_sql'] for r in rs])}"
    )
    best, med = min(total) / min(fl), statistics.median(total) / statistics.median(fl)
    print(
        f"  ratio / floor: best/best {best:.2f}x, median/median {med:.2f}x  goal <= "
        f"{GOAL_RATIO}x: {pu.verdict(best <= GOAL_RATIO)}"
    )


def report_gui(rs: list[dict[str, Any]]) -> None:
    print("[GUI] real window 1280x800, offscreen; heartbeat every 5 ms")
    worst_all = 0.0
    median_all = 0.0
    for t in TABS:
        tabs = [r["tabs"][t] for r in rs]
        stalls = [x["stall_ms"] for x in tabs]
        worst_all = max(worst_all, max(stalls))
        median_all = max(median_all, statistics.median(stalls))
        print(
            f"  {t:<9} ({tabs[0]['rows']} rows): switch -> filled "
            f"{ms([x['to_filled'] for x in tabs])}"
            f"; the tab switch itself {ms([x['switch_call'] for x in tabs])}; filling it on the UI "
            f"thread {ms([x['loaded_cb'] for x in tabs])}; largest stall "
            f"{pu.summary(stalls, 'ms', '{:.0f}')}, gaps > 50 ms: "
            f"{max(x['gaps_over_50'] for x in tabs)}"
        )
    print(
        f"  goal largest stall <= {GOAL_STALL_MS} ms (the median run, worst tab: "
        f"{median_all:.0f} ms): {pu.verdict(median_all <= GOAL_STALL_MS)}; worst run "
        f"{worst_all:.0f} ms: {pu.verdict(worst_all <= GOAL_STALL_MS)}"
    )
    g = rs[0]
    w, h = g["chart_size"]
    print(
        f"  chart by week ({g['week_bars']} bars, {w}x{h}): choosing 'By week' (the chart "
        f"redrawn) {ms([r['week_toggle'] for r in rs])}, largest stall "
        f"{pu.summary([r['week_toggle_stall_ms'] for r in rs], 'ms', '{:.0f}')}"
    )
    for key, label in (
        ("chart_render", "render_to_image by week"),
        ("chart_grab", "grab() by week"),
        ("chart_repaint", "repaint() by week"),
        ("chart_render_month", f"render_to_image by month ({g['month_bars']} bars)"),
    ):
        times = [v * 1000 for r in rs for v in r[key]]
        print(
            f"    {label:<42}: median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms"
        )


if __name__ == "__main__":
    main()
