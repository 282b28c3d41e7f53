"""One chronological view of the case: incidents and evidence in order, and incidents counted per
week or month for a small chart (no Qt; nothing read from the vault here).

Evidence is placed by when it happened, else by when it was added to the vault ("captured").
A time written with no zone and no offset is read in ``floating_zone`` (the caller passes this
computer's zone). The chart counts each incident on the date of its start as written, in the zone
it happened in: a Los Angeles incident at 23:30 on 31 May is a May incident, though it was
already June in UTC.
"""

from __future__ import annotations

import calendar
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from locker.case import when
from locker.case.evidence import EvidenceItem
from locker.case.fields import N_
from locker.i18n import _

if TYPE_CHECKING:
    from locker.case.incidents import Incident

MONTHS = (  # short month names, translated where shown (the report's chart uses them too)
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
MAX_WEEKS = 16  # up to this many weekly bars; beyond, the chart counts per month


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "incident" | "evidence"
    id: str
    title: str
    at: str  # as recorded; for evidence dated by when it was added: the added_at UTC ("…Z")
    tz: str
    offset: str
    instant: datetime | None  # UTC, for ordering
    end_instant: datetime | None  # incidents with an end
    dated_by: str  # "happened" | "captured" (evidence without happened_at) | "none"
    platform: str
    accounts: tuple[str, ...]
    intimate: bool = False


def _incident_entry(incident: Incident, floating_zone: str) -> TimelineEntry:
    start = when.instant(
        incident.start_at, incident.start_tz, incident.start_offset, floating_zone=floating_zone
    )
    end = when.instant(
        incident.end_at, incident.end_tz, incident.end_offset, floating_zone=floating_zone
    )
    return TimelineEntry(
        kind="incident",
        id=incident.id,
        title=incident.label(),
        at=incident.start_at,
        tz=incident.start_tz,
        offset=incident.start_offset,
        instant=start,
        end_instant=end,
        dated_by="happened" if start is not None else "none",
        platform=incident.platform,
        accounts=tuple(a for a in incident.accounts if a.strip()),
    )


# When an item was added, as the program writes it ("2026-11-21T14:03:00Z"), each part in its
# range: read with datetime.fromisoformat (as strptime would, a tenth of the cost). Anything else
# goes through strptime("%Y-%m-%dT%H:%M:%SZ") as before, which takes a little more (one digit,
# a lowercase "t" or "z", other digits).
_ADDED_RE = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ",
    re.ASCII,
)


def _added_instant(added_at: str) -> datetime | None:
    try:
        if isinstance(added_at, str) and _ADDED_RE.fullmatch(added_at) is not None:
            return datetime.fromisoformat(added_at[:-1]).replace(tzinfo=UTC)
        return datetime.strptime(added_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _item_entry(item: EvidenceItem, floating_zone: str) -> TimelineEntry:
    moment = when.instant(item.happened_at, item.happened_tz, floating_zone=floating_zone)
    if moment is not None:
        at, tz, dated_by = item.happened_at, item.happened_tz, "happened"
    else:
        moment = _added_instant(item.added_at)
        at, tz, dated_by = item.added_at, "UTC", "captured" if moment is not None else "none"
    return TimelineEntry(
        kind="evidence",
        id=item.id,
        title=item.title or item.original_name,
        at=at,
        tz=tz,
        offset="",
        instant=moment,
        end_instant=None,
        dated_by=dated_by,
        platform=item.platform,
        accounts=(item.account,) if item.account.strip() else (),
        intimate=item.intimate,
    )


def build_timeline(
    incidents: Iterable[Incident],
    items: Iterable[EvidenceItem],
    *,
    floating_zone: str = "UTC",
) -> list[TimelineEntry]:
    """Incidents and evidence in the order they happened.

    Ties (the same instant): incidents first, then by title. Entries with no date at all
    (incidents without a start) come last, in the order they were created."""
    dated: list[tuple[datetime, int, str, TimelineEntry]] = []
    undated: list[tuple[str, TimelineEntry]] = []
    for incident in incidents:
        entry = _incident_entry(incident, floating_zone)
        if entry.instant is None:
            undated.append((incident.created_at, entry))
        else:
            dated.append((entry.instant, 0, entry.title.casefold(), entry))
    for item in items:
        entry = _item_entry(item, floating_zone)
        if entry.instant is None:
            undated.append((item.added_at, entry))
        else:
            dated.append((entry.instant, 1, entry.title.casefold(), entry))
    dated.sort(key=operator.itemgetter(0, 1, 2))
    undated.sort(key=lambda row: row[0])  # stable: records created in the same second keep order
    return [row[3] for row in dated] + [row[1] for row in undated]


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def filter_entries(
    entries: Iterable[TimelineEntry], *, platform: str = "", account: str = ""
) -> list[TimelineEntry]:
    """The entries on that platform and with that account (case-insensitive; "" = any)."""
    return [
        e
        for e in entries
        if (not platform.strip() or _same(e.platform, platform))
        and (not account.strip() or any(_same(a, account) for a in e.accounts))
    ]


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        key = value.strip().casefold()
        if key and key not in seen:
            seen[key] = value.strip()
    return [seen[k] for k in sorted(seen)]


def platforms_and_accounts(entries: Sequence[TimelineEntry]) -> tuple[list[str], list[str]]:
    """The platforms and accounts named, each once (first spelling kept), sorted without case."""
    return (
        _distinct(e.platform for e in entries),
        _distinct(a for e in entries for a in e.accounts),
    )


@dataclass(frozen=True)
class ChartBucket:
    start: date  # the first day (a Monday, or the 1st of the month)
    end: date  # the last day, included (a Sunday, or the last day of the month)
    label: str  # "May 4" (week) or "May 2026" (month)
    count: int


def _start_dates(incidents: Iterable[Incident]) -> list[date]:
    return [d for d in (when.wall_date(i.start_at) for i in incidents) if d is not None]


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())  # ISO weeks begin on Monday


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _period_end(start: date, period: str) -> date:
    """The last day of the week or month that begins on ``start``."""
    if period == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start + timedelta(days=6) if start <= date.max - timedelta(days=6) else date.max


def _label(start: date, period: str) -> str:
    month = _(MONTHS[start.month - 1])
    if period == "week":
        return _("{month} {day}").format(month=month, day=start.day)
    return _("{month} {year}").format(month=month, year=start.year)


def _buckets(counts: Counter[date], period: str, start: date, last: date) -> list[ChartBucket]:
    """Every period from the one beginning on ``start`` to the one beginning on ``last``."""
    buckets: list[ChartBucket] = []
    while True:
        end = _period_end(start, period)
        buckets.append(ChartBucket(start, end, _label(start, period), counts[start]))
        if start >= last:
            return buckets
        start = end + timedelta(days=1)


def _counts(incidents: Iterable[Incident], period: str) -> Counter[date]:
    if period not in ("week", "month"):
        raise ValueError(f"unknown period {period!r}")
    first_day = _week_start if period == "week" else _month_start
    return Counter(first_day(d) for d in _start_dates(incidents))


def incident_counts(incidents: Iterable[Incident], period: str) -> list[ChartBucket]:
    """Incidents per ISO week (``"week"``, Monday to Sunday) or per calendar month
    (``"month"``), by the date their start was written with; every period from the first to the
    last dated incident, zeros included. Undated incidents are left out; ``[]`` when none is
    dated. (For a chart, :func:`chart_buckets` keeps the number of bars in bounds.)"""
    counts = _counts(incidents, period)
    if not counts:
        return []
    return _buckets(counts, period, min(counts), max(counts))


def _periods_back(last: date, period: str, n: int) -> date:
    """The start of the period ``n`` periods before the one beginning on ``last`` (not before
    the first the calendar holds)."""
    if period == "week":
        return last - timedelta(weeks=n) if (last - date.min).days >= 7 * n else date.min
    months = last.year * 12 + last.month - 1 - n
    return date(months // 12, months % 12 + 1, 1) if months >= 12 else date.min


def chart_buckets(
    incidents: Iterable[Incident], period: str, max_buckets: int = 120
) -> tuple[list[ChartBucket], int]:
    """The bars for the chart: like :func:`incident_counts`, but at most the newest
    ``max_buckets`` periods (ending with the newest dated incident), and how many dated
    incidents are older than the first bar and so left out (a year mistyped as 1752 must not
    squeeze years of real bars into a few pixels). ``([], 0)`` when none is dated."""
    if max_buckets < 1:
        raise ValueError("max_buckets must be at least 1")
    counts = _counts(incidents, period)
    if not counts:
        return [], 0
    last = max(counts)
    first = max(min(counts), _periods_back(last, period, max_buckets - 1))
    left_out = sum(n for start, n in counts.items() if start < first)
    return _buckets(counts, period, first, last), left_out


def choose_period(incidents: Iterable[Incident]) -> str:
    """``"week"`` when the dated incidents fit in 16 weekly bars (ISO weeks), else ``"month"``."""
    days = _start_dates(incidents)
    if not days:
        return "week"
    weeks = (_week_start(max(days)) - _week_start(min(days))).days // 7 + 1
    return "week" if weeks <= MAX_WEEKS else "month"


def undated_count(incidents: Iterable[Incident]) -> int:
    """How many incidents have no start date (they are not on the chart)."""
    return sum(when.wall_date(i.start_at) is None for i in incidents)
