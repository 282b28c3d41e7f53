"""The summary's timeline: incidents and exhibits in the order they happened, and the chart of
incidents over time (no Qt).

The same order and the same words as the app's timeline (:func:`locker.case.timeline.build_timeline`,
:func:`locker.case.when.describe_when`): when it happened as written, with its zone; an exhibit
with no date of its own is placed by when it was added, and says so; incidents with no date come
last under "Date not known". Only the exhibits in this summary appear, by their exhibit number.
An intimate exhibit is named by its title only (the timeline never shows a picture).

Also the small helpers the case sections share: the section's opening, table cells in any script,
the table style, the incidents' order and numbers, and a table that never repeats its header
in the middle of a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from locker.case import when
from locker.case.fields import time_zones
from locker.case.incident_record import Incident
from locker.case.timeline import TimelineEntry, build_timeline
from locker.i18n import _
from locker.report import rtl
from locker.report.chart import incident_chart
from locker.report.context import ReportContext
from locker.report.fitting import shortened
from locker.report.marks import SectionMark
from locker.report.styles import RULE, SHADE
from locker.text import clean_line

# Characters of a timeline cell, cut at a word with "…" beyond them (the exhibit's own page and
# the incidents part print every word): a title of any length never outgrows a page.
WHAT_CHARS = 200
PLATFORM_CHARS = 60
ACCOUNTS_CHARS = 160

# --- shared by the case sections ------------------------------------------------------------


def section_start(ctx: ReportContext, title: str) -> list[Flowable]:
    """A part's opening: its mark for the page furniture and its heading."""
    return [SectionMark(title), rtl.paragraph_flowable(title, ctx.styles.h1)]


def cell(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A table cell holding ``text`` (any script, any number of lines), escaped and shaped."""
    return rtl.note_flowables(text, style)


def grid_style(ctx: ReportContext, header: bool = True) -> TableStyle:
    """Thin grey rules, text at the top of each cell; a shaded header row when ``header``.
    Any plain-string cell is set in the embedded body font, never reportlab's Helvetica."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    return TableStyle(commands)


class RowTable(Table):  # type: ignore[misc]
    """A table with a repeated header that breaks between rows where it can, and inside a row
    only at the top of a page (a row taller than the space left there).

    reportlab's Table, asked to split, first breaks between rows; the rest was then offered the
    space left on the same page and broke inside its first row there, so the header was
    printed a second time in the middle of the page. The rest of a split now moves to the next
    page first, as a reader expects."""

    _rest_of_split = False

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._rest_of_split:  # the space left under the part before: between rows only
            self._rest_of_split = False
            in_row: int = getattr(self, "splitInRow", 0)
            self.splitInRow = 0
            try:
                parts: list[Flowable] = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = in_row
        else:
            parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and isinstance(parts[1], RowTable):
            parts[1]._rest_of_split = True
        return parts


def kind_sentence(ctx: ReportContext, text: str) -> list[Flowable]:
    """What an empty part says instead of an empty table."""
    return [rtl.paragraph_flowable(text, ctx.styles.body)]


def added_words(added_at: str, floating_zone: str) -> str:
    """When an item was added, on this computer's clock with its zone ("2026-03-01 09:03
    (America/Chicago, UTC−06:00)"), or in UTC when that zone is not known."""
    try:
        moment = datetime.strptime(added_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return clean_line(str(added_at), 40)
    if floating_zone == "UTC" or floating_zone not in time_zones():
        return moment.strftime("%Y-%m-%d %H:%M") + " UTC"
    wall, offset = when.wall_time(moment, floating_zone)
    return when.describe_when(wall, floating_zone, offset)


def incident_order(ctx: ReportContext) -> list[Incident]:
    """The incidents in the order they happened (the timeline's order), undated ones last."""
    by_id = {i.id: i for i in ctx.data.incidents}
    entries = build_timeline(ctx.data.incidents, [], floating_zone=ctx.data.floating_zone)
    return [by_id[e.id] for e in entries]


def incident_numbers(ctx: ReportContext) -> dict[str, int]:
    """Each incident's number in this summary ("Incident 3"), by its id: the same number in the
    incidents part, the timeline, the takedown requests and the custody log."""
    return {incident.id: n for n, incident in enumerate(incident_order(ctx), start=1)}


def incident_when(incident: Incident) -> str:
    """When an incident happened, as the app's timeline says it: the start, "… to …" with an
    end; "Date not known" without a start."""
    start = when.describe_when(incident.start_at, incident.start_tz, incident.start_offset)
    if not start:
        return _("Date not known")
    if not incident.end_at:
        return start
    end = when.describe_when(incident.end_at, incident.end_tz, incident.end_offset)
    if (incident.end_tz, incident.end_offset) == (incident.start_tz, incident.start_offset):
        start = clean_line(incident.start_at.replace("T", " "), 40)  # one zone: said once
    return _("{start} to {end}").format(start=start, end=end)


# --- the timeline ---------------------------------------------------------------------------


def _entry_when(entry: TimelineEntry, incident: Incident | None, floating_zone: str) -> str:
    if incident is not None:
        return incident_when(incident)
    if entry.dated_by == "none" or not entry.at:
        return _("Date not known")
    if entry.dated_by == "captured":
        return _("{when} (date added — when it happened is not recorded)").format(
            when=added_words(entry.at, floating_zone)
        )
    return when.describe_when(entry.at, entry.tz, entry.offset)


def timeline_rows(ctx: ReportContext) -> tuple[list[tuple[str, str, str, str]], int]:
    """(when, what, platform, accounts) for each entry, in time order, and how many at the end
    have no date. Long texts are shortened at a word with "…" (:data:`WHAT_CHARS`…)."""
    data = ctx.data
    by_item = {exhibit.item.id: exhibit for exhibit in data.exhibits}
    incidents = {incident.id: incident for incident in data.incidents}
    numbers = incident_numbers(ctx)
    entries = build_timeline(
        data.incidents, [e.item for e in data.exhibits], floating_zone=data.floating_zone
    )
    rows = []
    for entry in entries:
        incident = incidents.get(entry.id) if entry.kind == "incident" else None
        title = entry.title.strip() or _("(no title)")
        if entry.kind == "incident":
            what = _("Incident {n}: {title}").format(n=numbers[entry.id], title=title)
        else:
            exhibit = by_item[entry.id]
            if exhibit.item.intimate:  # its title only: never the original file's name
                title = exhibit.item.title.strip() or _("(no title)")
            what = _("{exhibit}: {title}").format(exhibit=exhibit.label, title=title)
        rows.append(
            (
                _entry_when(entry, incident, data.floating_zone),
                shortened(what, WHAT_CHARS),
                shortened(entry.platform, PLATFORM_CHARS),
                shortened(", ".join(a.strip() for a in entry.accounts), ACCOUNTS_CHARS),
            )
        )
    return rows, sum(entry.instant is None for entry in entries)


def _table(ctx: ReportContext, rows: Sequence[tuple[str, str, str, str]], undated: int) -> Table:
    styles = ctx.styles
    width = ctx.frame[0]
    widths = [width * 0.30, width * 0.38, width * 0.14, width * 0.18]
    header = [
        cell(_("When"), styles.cell_bold),
        cell(_("What"), styles.cell_bold),
        cell(_("Platform"), styles.cell_bold),
        cell(_("Account(s)"), styles.cell_bold),
    ]
    body = [[cell(text, styles.cell) for text in row] for row in rows]
    style = grid_style(ctx)
    if undated:
        first = len(body) - undated + 1  # +1: the header row
        heading = _("No date recorded (listed last):")
        body.insert(first - 1, [cell(heading, styles.cell_bold), [], [], []])
        style.add("SPAN", (0, first), (-1, first))
        style.add("BACKGROUND", (0, first), (-1, first), SHADE)
    return RowTable(
        [header, *body], colWidths=widths, repeatRows=1, style=style, splitInRow=1, hAlign="LEFT"
    )


def timeline_story(ctx: ReportContext) -> list[Flowable]:
    """The timeline part: a short explanation, the chart of incidents, the timeline table."""
    styles = ctx.styles
    story = section_start(ctx, _("Timeline"))
    rows, undated = timeline_rows(ctx)
    if not rows:
        return story + kind_sentence(
            ctx, _("There are no incidents or exhibits in this summary to put on a timeline.")
        )
    story.append(
        rtl.paragraph_flowable(
            _(
                "Incidents and exhibits in the order they happened, each time as it was written "
                "where it happened, with its time zone. An exhibit with no date of its own is "
                "placed by when it was added to the evidence locker, and says so. A time written "
                "without a zone is placed as if it were in {zone} (this computer's time zone). "
                "Incidents with no date are listed last."
            ).format(zone=ctx.data.floating_zone),
            styles.small,
        )
    )
    chart = incident_chart(ctx.data.incidents, ctx.fonts, ctx.frame[0])
    if chart is None:
        story.append(
            rtl.paragraph_flowable(
                _("No incident has a date yet, so there is no chart of incidents over time.")
                if ctx.data.incidents
                else _("No incidents are recorded, so there is no chart of incidents over time."),
                styles.body,
            )
        )
    else:
        story += [Spacer(1, 4), chart, Spacer(1, 10)]
    story.append(_table(ctx, rows, undated))
    return story
