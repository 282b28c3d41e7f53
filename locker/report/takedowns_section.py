"""The summary's takedown requests: one row per web address reported for removal (no Qt).

Full web address (wrapping), platform, how and when it was reported, the ticket or case number
(for StopNCII: its case number), status, follow-up date (overdue ones said in words, as of the
day the summary was printed) and the linked incident by its number in this summary. Each request
is numbered ("Request 3") so the custody log can name it. A takedown record has no field for the
StopNCII PIN and this section prints no free-text notes, so a PIN typed into a note never
reaches paper.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, Spacer

from locker.case import when
from locker.case.takedown_deadline import follow_up_state
from locker.case.takedowns import Takedown, method_label, status_label
from locker.i18n import _
from locker.report import rtl
from locker.report.context import ReportContext
from locker.report.fitting import shortened
from locker.report.timeline_section import (
    RowTable,
    cell,
    grid_style,
    incident_numbers,
    kind_sentence,
    section_start,
)
from locker.text import clean_line

# Shares of the frame's width: address, platform, how and when, ticket, status, incident.
WIDTHS = (0.26, 0.12, 0.19, 0.15, 0.15, 0.13)
LABEL_CHARS = 40  # of a linked incident's title: its number finds the rest
CELL_CHARS = 300  # a longer address, platform or ticket is cut in its cell, printed in full below


def _ticket(t: Takedown) -> str:
    number = t.ticket.strip()
    if not number:
        return _("(not recorded)")
    if t.method == "stopncii":
        return _("StopNCII case number: {number}").format(number=number)
    return number


def _reported(t: Takedown) -> str:
    reported = when.describe_when(t.reported_at, t.reported_tz, t.reported_offset)
    return f"{method_label(t.method)}\n{reported or _('date not recorded')}"


def _status(ctx: ReportContext, t: Takedown) -> str:
    lines = [status_label(t.status)]
    if t.follow_up.strip():
        state = follow_up_state(t, ctx.data.printed_at.date())
        if state == "overdue":
            lines.append(_("Follow up by {day} — overdue").format(day=t.follow_up))
        else:
            lines.append(_("Follow up by {day}").format(day=t.follow_up))
    return "\n".join(lines)


def _incident(ctx: ReportContext, t: Takedown, numbers: Mapping[str, int]) -> str:
    """ "Incident 3" and the start of its title, as the incidents part heads it; plain words
    when none is linked."""
    if not t.incident:
        return _("(none linked)")
    for incident in ctx.data.incidents:
        if incident.id == t.incident:
            number = _("Incident {n}").format(n=numbers[incident.id])
            return f"{number}\n{clean_line(incident.label(), LABEL_CHARS)}"
    return _("(an incident not in this summary)")


def takedown_order(ctx: ReportContext) -> list[Takedown]:
    """The takedown requests, oldest report first (undated ones last): the order of their
    numbers ("Request 1") in the table and in the custody log."""

    def key(t: Takedown) -> tuple[bool, str, str]:
        moment = when.instant(t.reported_at, t.reported_tz, t.reported_offset)
        return (moment is None, moment.isoformat() if moment else "", t.created_at)

    return sorted(ctx.data.takedowns, key=key)


def request_label(n: int) -> str:
    return _("Request {n}").format(n=n)


def takedown_rows(ctx: ReportContext) -> list[tuple[str, ...]]:
    """One row of texts per takedown, oldest report first: its number, then the cells."""
    numbers = incident_numbers(ctx)
    return [
        (
            request_label(n),
            t.url,
            t.platform.strip() or _("(not recorded)"),
            _reported(t),
            _ticket(t),
            _status(ctx, t),
            _incident(ctx, t, numbers),
        )
        for n, t in enumerate(takedown_order(ctx), start=1)
    ]


def takedowns_story(ctx: ReportContext) -> list[Flowable]:
    """The takedowns part: a table of every removal request."""
    styles = ctx.styles
    story = section_start(ctx, _("Takedown requests"))
    rows = takedown_rows(ctx)
    if not rows:
        return story + kind_sentence(
            ctx, _("No requests to remove content have been recorded in this evidence locker.")
        )
    today = ctx.data.printed_at.date().isoformat()
    story.append(
        rtl.paragraph_flowable(
            _(
                "Each web address reported for removal, how and when it was reported, and what "
                'happened since. "Overdue" means the follow-up date had passed on {day}, when '
                "this summary was printed, and the content was not marked removed."
            ).format(day=today),
            styles.small,
        )
    )
    header = [
        _("Web address"),
        _("Platform"),
        _("How and when reported"),
        _("Ticket or case number"),
        _("Status and follow-up"),
        _("Incident"),
    ]
    width = ctx.frame[0]
    url_style = styles.cell.clone("cell-url", wordWrap="CJK")  # a long address breaks anywhere
    data = [[cell(h, styles.cell_bold) for h in header]]
    in_full: list[tuple[str, str, str]] = []  # (request, what, text) too long for its cell
    for row in rows:
        number = cell(row[0], styles.cell_bold)  # "Request 3", as the custody log names it
        texts = list(row[1:])
        for i in (0, 1, 3):  # web address, platform, ticket: the user's own words
            if len(texts[i]) > CELL_CHARS:
                in_full.append((row[0], header[i], texts[i]))
                texts[i] = shortened(texts[i], CELL_CHARS) + " " + _("(in full below the table)")
        data.append(
            [number + cell(texts[0], url_style), *(cell(text, styles.cell) for text in texts[1:])]
        )
    story.append(
        RowTable(
            data,
            colWidths=[width * share for share in WIDTHS],
            repeatRows=1,
            style=grid_style(ctx),
            splitInRow=1,
            hAlign="LEFT",
        )
    )
    return story + _in_full(ctx, in_full)


def _in_full(ctx: ReportContext, texts: list[tuple[str, str, str]]) -> list[Flowable]:
    """Under the table, each text too long for its cell, whole (it may run over pages):
    "Request 3 — Web address:" then the text as typed."""
    story: list[Flowable] = []
    url_style = ctx.styles.body.clone("body-url", wordWrap="CJK")
    for request, what, text in texts:
        heading = _("{request} — {what}:").format(request=request, what=what)
        story += [Spacer(1, 8), rtl.paragraph_flowable(heading, ctx.styles.cell_bold)]
        story += rtl.note_flowables(text, url_style)
    return story
