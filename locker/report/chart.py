"""The printed chart of incidents over time: the same bars as the app's timeline (no Qt).

Counts per ISO week or calendar month exactly as the core works them out
(:func:`locker.case.timeline.choose_period` and :func:`~locker.case.timeline.chart_buckets`), drawn
as reportlab graphics so the numbers stay real text. It must read on a black-and-white printout:
grey bars with a black outline, the count written above each bar, whole-number gridlines, dates
day first with the month in letters ("4 May", never 4/5). Every label is set in an embedded font
(never reportlab's built-in Helvetica). What the chart leaves out (incidents with no date, any
older than the first bar) is said under it in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from locker.case import timeline
from locker.case.incident_record import Incident
from locker.i18n import _, ngettext
from locker.report.fonts import FontSet, font_runs

MONTHS = timeline.MONTHS  # the same short month names as the app's chart
BAR_FILL = colors.Color(0.62, 0.62, 0.62)  # mid grey: prints as grey, the outline keeps its edge
GRID = colors.Color(0.8, 0.8, 0.8)
LABEL_SIZE = 7.5
TITLE_SIZE = 9.5
PLOT_HEIGHT = 120.0
MAX_BARS = 60  # the newest 60 weeks or months; older incidents are said in words under the chart


def month_name(day: date) -> str:
    return _("{month} {year}").format(month=_(MONTHS[day.month - 1]), year=day.year)


def short_date(day: date, with_year: bool = True) -> str:
    """ "4 May 2026": day first, the month in letters, as the app's chart writes it."""
    text = f"{day.day} {_(MONTHS[day.month - 1])}"
    return f"{text} {day.year}" if with_year else text


def span_text(buckets: Sequence[timeline.ChartBucket], period: str) -> str:
    """ "12 Jan – 30 Mar 2026" (weeks) or "Jan 2026 – Jun 2026" (months)."""
    if not buckets:
        return ""
    first, last = buckets[0].start, buckets[-1].end
    if period == "month":
        last = buckets[-1].start
        if (first.year, first.month) == (last.year, last.month):
            return month_name(first)
        return f"{month_name(first)} – {month_name(last)}"
    return f"{short_date(first, first.year != last.year)} – {short_date(last)}"


def chart_title(buckets: Sequence[timeline.ChartBucket], period: str) -> str:
    title = _("Incidents per month") if period == "month" else _("Incidents per week")
    span = span_text(buckets, period)
    return f"{title} ({span})" if span else title


def chart_notes(undated: int, left_out: int) -> list[str]:
    """What the chart does not count, in words (empty when it counts every incident)."""
    notes = []
    if undated:
        notes.append(
            ngettext(
                "{n} incident has no date and is not counted.",
                "{n} incidents have no date and are not counted.",
                undated,
            ).format(n=undated)
        )
    if left_out:
        notes.append(
            ngettext(
                "{n} older incident is before the first bar and not shown.",
                "{n} older incidents are before the first bar and not shown.",
                left_out,
            ).format(n=left_out)
        )
    return notes


def nice_step(top: int, max_lines: int = 5) -> int:
    """A whole-number gridline step (1, 2, 5, 10, 20, 50, …): at most ``max_lines`` lines."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if math.ceil(max(top, 1) / (step * factor)) <= max_lines:
                return step * factor
        step *= 10


def _font(text: str, fonts: FontSet, bold: bool = False) -> str:
    """The embedded font that draws ``text`` (a translated month name may not be Latin)."""
    runs = font_runs(text, bold)
    return runs[0][0] if len(runs) == 1 else (fonts.bold if bold else fonts.body)


def _string(x: float, y: float, text: str, fonts: FontSet, **kw: object) -> String:
    bold = bool(kw.pop("bold", False))
    size = float(kw.pop("size", LABEL_SIZE))  # type: ignore[arg-type]
    return String(
        x, y, text, fontName=_font(text, fonts, bold), fontSize=size, fillColor=colors.black, **kw
    )


def _width(text: str, fonts: FontSet, size: float = LABEL_SIZE) -> float:
    return float(pdfmetrics.stringWidth(text, _font(text, fonts), size))


def chart_data(incidents: Sequence[Incident]) -> tuple[list[timeline.ChartBucket], str, int, int]:
    """The bars, the period ("week"/"month"), how many incidents have no date, and how many are
    older than the first bar: as the app's timeline chart shows them."""
    period = timeline.choose_period(incidents)
    buckets, left_out = timeline.chart_buckets(incidents, period, MAX_BARS)
    return buckets, period, timeline.undated_count(incidents), left_out


def incident_chart(incidents: Sequence[Incident], fonts: FontSet, width: float) -> Drawing | None:
    """The chart as a Drawing ``width`` points wide; None when no incident has a date."""
    buckets, period, undated, left_out = chart_data(incidents)
    if not buckets:
        return None
    notes = chart_notes(undated, left_out)
    line = LABEL_SIZE + 3
    height = TITLE_SIZE + 6 + line + PLOT_HEIGHT + line + 4 + len(notes) * line + 2
    drawing = Drawing(width, height, initialFontName=fonts.body, initialFontSize=LABEL_SIZE)
    top = height - TITLE_SIZE
    drawing.add(_string(0, top, chart_title(buckets, period), fonts, bold=True, size=TITLE_SIZE))

    step = nice_step(max(b.count for b in buckets))
    axis_top = max(step, math.ceil(max(b.count for b in buckets) / step) * step)
    values = range(0, axis_top + 1, step)
    left = max(_width(str(v), fonts) for v in values) + 6
    bottom = len(notes) * line + line + 4
    plot_h = PLOT_HEIGHT
    plot_w = width - left - 2
    for value in values:
        y = bottom + plot_h * value / axis_top
        if value:
            drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_string(left - 4, y - LABEL_SIZE / 3, str(value), fonts, textAnchor="end"))

    slot = plot_w / len(buckets)
    bar = max(1.0, min(slot * 0.7, 48.0))
    for i, bucket in enumerate(buckets):
        x = left + i * slot + (slot - bar) / 2
        h = plot_h * bucket.count / axis_top
        if bucket.count:
            drawing.add(
                Rect(
                    x, bottom, bar, h, fillColor=BAR_FILL, strokeColor=colors.black, strokeWidth=0.6
                )
            )
            count = str(bucket.count)
            if _width(count, fonts) <= slot:
                drawing.add(_string(x + bar / 2, bottom + h + 2, count, fonts, textAnchor="middle"))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=colors.black, strokeWidth=1))

    labels = [
        month_name(b.start) if period == "month" else short_date(b.start, False) for b in buckets
    ]
    widest = max(_width(label, fonts) for label in labels) + 6
    every = max(1, math.ceil(widest / slot))
    for i, label in enumerate(labels):
        if i % every:
            continue
        centre = left + i * slot + slot / 2
        centre = min(max(centre, widest / 2), width - widest / 2)
        drawing.add(_string(centre, bottom - line, label, fonts, textAnchor="middle"))

    for n, note in enumerate(notes):
        drawing.add(_string(0, (len(notes) - 1 - n) * line + 2, note, fonts))
    return drawing
