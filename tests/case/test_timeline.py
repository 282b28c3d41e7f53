"""The timeline: incidents and evidence in the order they happened (zones, dates without a time,
floating times, no date at all), the filters, and the counts behind the chart."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

import pytest

from locker.case.evidence import EvidenceItem
from locker.case.incidents import Incident
from locker.case.timeline import (
    ChartBucket,
    build_timeline,
    chart_buckets,
    choose_period,
    filter_entries,
    incident_counts,
    platforms_and_accounts,
    undated_count,
)

_ids = itertools.count(1)


def incident(title: str, at: str = "", tz: str = "", offset: str = "", **kw: Any) -> Incident:
    n = next(_ids)
    kw.setdefault("created_at", f"2026-01-01T00:00:{n % 60:02d}Z")
    return Incident(
        id=f"{n:016x}", title=title, start_at=at, start_tz=tz, start_offset=offset, **kw
    )


def item(title: str, at: str = "", tz: str = "", **kw: Any) -> EvidenceItem:
    n = next(_ids)
    values: dict[str, Any] = {
        "original_name": "shot.png",
        "size": 1,
        "sha256": "0" * 64,
        "media_type": "image/png",
        "added_at": "2026-06-30T12:00:00Z",
        "blob": "",
        **kw,
    }
    return EvidenceItem(id=f"{n:016x}", title=title, happened_at=at, happened_tz=tz, **values)


def titles(entries: list[Any]) -> list[str]:
    return [e.title for e in entries]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


# --- ordering ---------------------------------------------------------------------------------


def test_zones_either_side_of_midnight_utc_are_put_in_real_order() -> None:
    entries = build_timeline(
        [
            incident("LA evening", "2026-06-01T23:30", "America/Los_Angeles"),  # 06-02 06:30 UTC
            incident("Berlin early", "2026-06-02T05:00", "Europe/Berlin"),  # 06-02 03:00 UTC
            incident("Tokyo night", "2026-06-02T08:00", "Asia/Tokyo"),  # 06-01 23:00 UTC
        ],
        [],
    )
    assert titles(entries) == ["Tokyo night", "Berlin early", "LA evening"]
    assert entries[0].instant == utc(2026, 6, 1, 23, 0)
    assert entries[0].at == "2026-06-02T08:00" and entries[0].tz == "Asia/Tokyo"


def test_a_date_without_a_time_comes_before_times_that_day() -> None:
    entries = build_timeline(
        [incident("Timed", "2026-06-10T09:00", "UTC"), incident("Date only", "2026-06-10", "UTC")],
        [item("Evening shot", "2026-06-10T20:00", "UTC"), item("Day before", "2026-06-09", "UTC")],
    )
    assert titles(entries) == ["Day before", "Date only", "Timed", "Evening shot"]


def test_evidence_falls_back_to_when_it_was_added() -> None:
    entries = build_timeline(
        [incident("Posted", "2026-06-05T10:00", "UTC")],
        [
            item("Captured later", added_at="2026-06-05T12:00:00Z"),
            item("Happened earlier", "2026-06-05T08:00", "UTC", added_at="2026-06-30T00:00:00Z"),
        ],
    )
    assert titles(entries) == ["Happened earlier", "Posted", "Captured later"]
    happened, _posted, captured = entries
    assert (happened.dated_by, happened.at, happened.tz) == (
        "happened",
        "2026-06-05T08:00",
        "UTC",
    )
    assert (captured.dated_by, captured.at, captured.kind) == (
        "captured",
        "2026-06-05T12:00:00Z",
        "evidence",
    )
    assert captured.instant == utc(2026, 6, 5, 12)


def test_times_with_no_zone_are_read_in_the_floating_zone() -> None:
    incidents = [incident("No zone", "2026-06-07T10:00")]  # 01:00 UTC if read in Tokyo
    items = [item("Berlin shot", "2026-06-07T05:00", "Europe/Berlin")]  # 03:00 UTC
    assert titles(build_timeline(incidents, items)) == ["Berlin shot", "No zone"]
    in_tokyo = build_timeline(incidents, items, floating_zone="Asia/Tokyo")
    assert titles(in_tokyo) == ["No zone", "Berlin shot"]
    assert in_tokyo[0].instant == utc(2026, 6, 7, 1) and in_tokyo[0].tz == ""
    floating_item = item("No zone shot", "2026-06-07T02:00")
    assert build_timeline([], [floating_item], floating_zone="Asia/Tokyo")[0].instant == utc(
        2026, 6, 6, 17
    )


def test_the_offset_tells_the_two_half_past_ones_apart() -> None:
    entries = build_timeline(
        [
            incident("Second 01:30", "2026-11-01T01:30", "America/New_York", "-05:00"),
            incident("First 01:30", "2026-11-01T01:30", "America/New_York", "-04:00"),
            incident("01:45 EDT", "2026-11-01T01:45", "America/New_York", "-04:00"),
        ],
        [],
    )
    assert titles(entries) == ["First 01:30", "01:45 EDT", "Second 01:30"]


def test_undated_incidents_come_last_in_the_order_created() -> None:
    entries = build_timeline(
        [
            incident("Undated, made second", created_at="2026-06-02T00:00:00Z"),
            incident("Dated", "2030-01-01", "UTC"),
            incident("Undated, made first", created_at="2026-06-01T00:00:00Z"),
        ],
        [item("Shot", "2020-01-01", "UTC")],
    )
    assert titles(entries) == ["Shot", "Dated", "Undated, made first", "Undated, made second"]
    assert [e.dated_by for e in entries[2:]] == ["none", "none"]
    assert entries[-1].instant is None


def test_ties_put_incidents_first_then_titles() -> None:
    entries = build_timeline(
        [
            incident("b incident", "2026-06-01T10:00", "UTC"),
            incident("A incident", "2026-06-01T10:00", "UTC"),
        ],  # fmt: skip
        [item("a shot", "2026-06-01T12:00", "Europe/Berlin")],  # 10:00 UTC too
    )
    assert titles(entries) == ["A incident", "b incident", "a shot"]


def test_entry_fields_from_incidents_and_items() -> None:
    (inc,) = build_timeline(
        [
            incident(
                "",
                "2026-06-01T10:00",
                "Europe/London",
                "+01:00",
                end_at="2026-06-03",
                end_tz="Europe/London",
                platform="Instagram",
                accounts=["@one", "  ", "@two"],
                description="Он написал мне\nвторая строка",
            )
        ],
        [],
    )
    assert inc.kind == "incident" and inc.title == "Он написал мне"
    assert inc.end_instant == utc(2026, 6, 2, 23)
    assert (inc.platform, inc.accounts, inc.intimate) == ("Instagram", ("@one", "@two"), False)
    (shot,) = build_timeline([], [item("", account="@x", platform="X", intimate=True)])
    assert shot.title == "shot.png"  # no title: the file's name
    assert (shot.accounts, shot.intimate, shot.end_instant) == (("@x",), True, None)


# --- filters ----------------------------------------------------------------------------------


def test_filters_by_platform_and_account_ignoring_case() -> None:
    entries = build_timeline(
        [
            incident(
                "Forum post", "2026-06-01", platform="Reddit", accounts=["u/Ex_Partner", "@alt"]
            ),  # fmt: skip
            incident("DM", "2026-06-02", platform="instagram", accounts=["@someone"]),
        ],
        [
            item("Screenshot", "2026-06-03", platform=" Instagram ", account="@Ex_Partner"),
            item("Reddit shot", "2026-06-04", platform="reddit", account="u/ex_partner"),
        ],
    )
    assert titles(filter_entries(entries, platform="INSTAGRAM")) == ["DM", "Screenshot"]
    assert titles(filter_entries(entries, account=" U/EX_PARTNER ")) == [
        "Forum post",
        "Reddit shot",
    ]
    assert titles(filter_entries(entries, platform="instagram", account="@ex_partner")) == [
        "Screenshot"
    ]
    assert titles(filter_entries(entries, account="@alt")) == ["Forum post"]
    assert filter_entries(entries, platform="TikTok") == []
    assert filter_entries(entries) == entries
    assert platforms_and_accounts(entries) == (
        ["instagram", "Reddit"],
        ["@alt", "@Ex_Partner", "@someone", "u/Ex_Partner"],
    )


# --- the chart's counts -----------------------------------------------------------------------


def test_weeks_are_iso_weeks_with_the_empty_ones_included() -> None:
    incidents = [
        incident("Sunday", "2026-05-31T22:00", "Europe/Berlin"),  # last day of the week of 25 May
        incident("Monday", "2026-06-01T00:10", "Europe/Berlin"),  # a new week (Sunday in UTC)
        incident("Also Monday", "2026-06-01"),
        incident("Three weeks on", "2026-06-22T10:00", "UTC"),
        incident("Undated"),
    ]
    assert incident_counts(incidents, "week") == [
        ChartBucket(date(2026, 5, 25), date(2026, 5, 31), "May 25", 1),
        ChartBucket(date(2026, 6, 1), date(2026, 6, 7), "Jun 1", 2),
        ChartBucket(date(2026, 6, 8), date(2026, 6, 14), "Jun 8", 0),
        ChartBucket(date(2026, 6, 15), date(2026, 6, 21), "Jun 15", 0),
        ChartBucket(date(2026, 6, 22), date(2026, 6, 28), "Jun 22", 1),
    ]
    assert undated_count(incidents) == 1


def test_counted_on_the_start_date_as_written() -> None:
    # 23:30 in Los Angeles on 31 May is already 1 June in UTC: it is still a May incident.
    incidents = [
        incident("Late in LA", "2026-05-31T23:30", "America/Los_Angeles"),
        incident("June", "2026-06-01T09:00", "America/Los_Angeles"),
    ]
    assert [(b.label, b.count) for b in incident_counts(incidents, "month")] == [
        ("May 2026", 1),
        ("Jun 2026", 1),
    ]
    assert [(b.start, b.count) for b in incident_counts(incidents, "week")] == [
        (date(2026, 5, 25), 1),
        (date(2026, 6, 1), 1),
    ]


def test_months_with_the_empty_ones_included() -> None:
    incidents = [
        incident("a", "2026-05-01"),
        incident("b", "2026-05-31T23:59", "Pacific/Kiritimati"),
        incident("c", "2026-08-01T00:00", "Pacific/Pago_Pago"),
    ]
    assert incident_counts(incidents, "month") == [
        ChartBucket(date(2026, 5, 1), date(2026, 5, 31), "May 2026", 2),
        ChartBucket(date(2026, 6, 1), date(2026, 6, 30), "Jun 2026", 0),
        ChartBucket(date(2026, 7, 1), date(2026, 7, 31), "Jul 2026", 0),
        ChartBucket(date(2026, 8, 1), date(2026, 8, 31), "Aug 2026", 1),
    ]


def test_across_the_new_year() -> None:
    incidents = [
        incident("a", "2026-12-31T23:00", "UTC"),
        incident("b", "2027-01-03"),  # a Sunday: the same ISO week as 28 December 2026
        incident("c", "2027-01-04"),  # Monday: ISO week 1 of 2027
        incident("d", "2027-02-28"),
    ]
    weeks = incident_counts(incidents, "week")
    assert weeks[:2] == [
        ChartBucket(date(2026, 12, 28), date(2027, 1, 3), "Dec 28", 2),
        ChartBucket(date(2027, 1, 4), date(2027, 1, 10), "Jan 4", 1),
    ]
    assert len(weeks) == 9 and weeks[-1].start == date(2027, 2, 22) and weeks[-1].count == 1
    assert sum(b.count for b in weeks) == 4
    assert [(b.label, b.count, b.end) for b in incident_counts(incidents, "month")] == [
        ("Dec 2026", 1, date(2026, 12, 31)),
        ("Jan 2027", 2, date(2027, 1, 31)),
        ("Feb 2027", 1, date(2027, 2, 28)),
    ]


def test_nothing_dated_nothing_to_chart() -> None:
    undated = [incident("a"), incident("b")]
    assert incident_counts(undated, "week") == incident_counts([], "month") == []
    assert undated_count(undated) == 2
    assert choose_period(undated) == "week"
    with pytest.raises(ValueError):
        incident_counts(undated, "year")


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [
        ("2026-06-01", "2026-06-01", "week"),
        ("2026-06-01", "2026-09-20", "week"),  # Monday to Sunday: 16 weeks
        ("2026-05-31", "2026-09-14", "month"),  # a Sunday to a Monday: 17 weekly bars
        ("2026-01-05", "2026-12-20", "month"),
    ],
)
def test_choose_period(first: str, last: str, period: str) -> None:
    incidents = [incident("a", first), incident("b", last), incident("undated")]
    assert choose_period(incidents) == period
    if period == "week":
        assert len(incident_counts(incidents, "week")) <= 16


def test_the_chart_keeps_the_newest_bars_and_counts_what_it_left_out() -> None:
    # One year mistyped (an old record: years like these are refused now) next to real ones.
    real = [incident(str(n), f"2026-{m:02d}-0{1 + n % 5}") for n, m in enumerate(range(1, 13))]
    typo = [incident("typo", "1752-09-14"), incident("far back", "0001-01-01T00:30", "Asia/Tokyo")]
    everything = real + typo + [incident("undated")]
    months, left_out = chart_buckets(everything, "month")
    assert len(months) == 120 and left_out == 2
    assert months[-1] == ChartBucket(date(2026, 12, 1), date(2026, 12, 31), "Dec 2026", 1)
    assert months[0].start == date(2017, 1, 1)  # 120 months back, counting December 2026
    assert sum(b.count for b in months) == 12  # every real incident is on the chart
    assert len(incident_counts(everything, "month")) > 24000  # unchanged: the whole span

    weeks, left_out = chart_buckets(everything, "week", max_buckets=10)
    assert len(weeks) == 10 and weeks[-1].start == date(2026, 11, 30)
    assert left_out == len(everything) - 1 - sum(b.count for b in weeks)

    # Within bounds, the same bars as incident_counts and nothing left out.
    few = real[:3]
    assert chart_buckets(few, "week") == (incident_counts(few, "week"), 0)
    assert chart_buckets([incident("u")], "month") == ([], 0)
    with pytest.raises(ValueError):
        chart_buckets(few, "year")


@pytest.mark.parametrize("period", ["week", "month"])
def test_the_chart_at_the_ends_of_the_calendar(period: str) -> None:
    edges = [incident("first", "0001-01-01"), incident("last", "9999-12-31T23:59", "Etc/GMT+12")]
    buckets, left_out = chart_buckets(edges, period, max_buckets=3)
    assert len(buckets) == 3 and buckets[-1].end == date(9999, 12, 31)
    assert (buckets[-1].count, left_out) == (1, 1)
    start, end = incident_counts(edges[:1], period)[0], incident_counts(edges[1:], period)[-1]
    assert start.start == date(1, 1, 1) and end.end == date(9999, 12, 31)
    assert chart_buckets(edges[:1], period) == ([start], 0)
