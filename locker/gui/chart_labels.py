"""The chart's words: counts ("3 incidents"), dates day first with the month in letters
("4 May 2026", never 4/5), the span in the title, and the gridline step. No drawing here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication

from locker.case.timeline import ChartBucket

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def tr(text: str, n: int = -1) -> str:
    """The chart's words in the user's language (``n``: a count for %n plurals)."""
    return QCoreApplication.translate("incident_chart", text, "", n)


def incidents_words(n: int) -> str:
    """ "1 incident", "3 incidents", "no incidents" (English ships no .qm file, hence the
    explicit singular)."""
    if n == 0:
        return tr("no incidents")
    return tr("1 incident") if n == 1 else tr("%n incidents", n)


def short_date(day: date, with_year: bool = True) -> str:
    """ "4 May 2026" (day first, month in letters: no confusion between 4/5 and 5/4)."""
    text = f"{day.day} {tr(MONTHS[day.month - 1])}"
    return f"{text} {day.year}" if with_year else text


def month_name(day: date) -> str:
    return f"{tr(MONTHS[day.month - 1])} {day.year}"


def span_text(buckets: Sequence[ChartBucket], period: str) -> str:
    """ "12 Jan – 30 Mar 2026" (weeks: first day of the first week to last day of the last
    week); "Jan – Jun 2026" (months)."""
    if not buckets:
        return ""
    first, last = buckets[0].start, buckets[-1].end
    if period == "month":
        last = buckets[-1].start
        if first.year == last.year:
            if first.month == last.month:
                return month_name(first)
            return f"{tr(MONTHS[first.month - 1])} – {month_name(last)}"
        return f"{month_name(first)} – {month_name(last)}"
    return f"{short_date(first, first.year != last.year)} – {short_date(last)}"


def bucket_words(bucket: ChartBucket, period: str) -> str:
    """ "Week of 4 May 2026" / "May 2026"."""
    if period == "month":
        return month_name(bucket.start)
    return tr("Week of {day}").format(day=short_date(bucket.start))


def nice_step(top: int, max_lines: int = 5) -> int:
    """A whole-number gridline step (1, 2, 5, 10, 20, 50, …) giving at most ``max_lines``
    lines above the baseline for a largest count of ``top``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if math.ceil(max(top, 1) / (step * factor)) <= max_lines:
                return step * factor
        step *= 10
