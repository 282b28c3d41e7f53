"""The summary's incidents: one form-like block per incident, in the order they happened (no Qt).

Each block is a two-column table (a label, then the person's own words), as a police or court
form reads: when it started and ended with the zone, platform, web addresses, accounts, who is
believed responsible and how they are related, what happened (any script, any length: a long
account splits across pages), witnesses, reports made, and the linked exhibits by number and
the page each starts on. A linked item not chosen for this summary is counted, not named.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from locker.case import when
from locker.case.incident_record import Incident, Report, Witness
from locker.i18n import _, ngettext
from locker.report import rtl
from locker.report.context import ReportContext
from locker.report.exhibit_pages import facts_table
from locker.report.exhibits import Exhibit
from locker.report.fitting import shortened
from locker.report.timeline_section import (
    incident_order,
    kind_sentence,
    section_start,
)

KEEP_ROOM = 130.0  # points: an incident's heading and its first few rows, kept together
HEADING_CHARS = 200  # of the heading's title, cut at a word: the Title row prints every word


def _not_recorded() -> str:
    return _("(not recorded)")


def _or_blank(text: str) -> str:
    return text if text.strip() else _not_recorded()


def _when(at: str, tz: str, offset: str) -> str:
    return when.describe_when(at, tz, offset) or _not_recorded()


def _lines(values: list[str]) -> str:
    kept = [v.strip() for v in values if v.strip()]
    return "\n".join(kept) if kept else _not_recorded()


def _witness(witness: Witness) -> str:
    name, contact = witness.name.strip(), witness.contact.strip()
    if name and contact:
        return _("{name} — {contact}").format(name=name, contact=contact)
    return name or contact


def _report(report: Report) -> str:
    parts = [
        (_("Made to"), report.to),
        (_("Date"), report.date),
        (_("Report or case number"), report.number),
        (_("Officer or person who took it"), report.officer),
        (_("Note"), report.note),
    ]
    return "\n".join(
        _("{label}: {value}").format(label=label, value=value.strip())
        for label, value in parts
        if value.strip()
    )


def _exhibit_where(ctx: ReportContext, exhibit: Exhibit) -> str:
    page = ctx.page_of.get(exhibit.number)
    if not page:  # the first layout pass: pages not known yet
        return exhibit.label
    return _("{exhibit} (page {page})").format(exhibit=exhibit.label, page=page)


def linked_words(ctx: ReportContext, incident: Incident) -> str:
    """ "Exhibit 3 (page 9), Exhibit 7 (page 13); 1 item not in this summary", so a clerk can
    turn to them; "(none linked)" when nothing is linked."""
    numbers = {e.item.id: e for e in ctx.data.exhibits}
    linked = sorted(
        (numbers[i] for i in set(incident.evidence) if i in numbers), key=lambda e: e.number
    )
    outside = len({i for i in incident.evidence if i not in numbers})
    parts = []
    if linked:
        parts.append(", ".join(_exhibit_where(ctx, e) for e in linked))
    if outside:
        parts.append(
            ngettext(
                "{n} item not in this summary", "{n} items not in this summary", outside
            ).format(n=outside)
        )
    return "; ".join(parts) if parts else _("(none linked)")


def incident_rows(ctx: ReportContext, incident: Incident) -> list[tuple[str, str]]:
    """The labelled rows of one incident, in the order a form asks them."""
    reports = [_report(r) for r in incident.reports]
    return [
        (_("Title"), _or_blank(incident.title)),
        (_("When it started"), _when(incident.start_at, incident.start_tz, incident.start_offset)),
        (_("When it ended"), _when(incident.end_at, incident.end_tz, incident.end_offset)),
        (_("Platform"), _or_blank(incident.platform)),
        (_("Web addresses"), _lines(incident.urls)),
        (_("Accounts or handles"), _lines(incident.accounts)),
        (_("Who is believed responsible"), _or_blank(incident.responsible)),
        (_("Their relationship to the person"), _or_blank(incident.relationship)),
        (_("What happened"), _or_blank(incident.description)),
        (_("Witnesses"), _lines([_witness(w) for w in incident.witnesses])),
        (_("Reports made"), "\n\n".join(r for r in reports if r) or _not_recorded()),
        (_("Linked exhibits"), linked_words(ctx, incident)),
    ]


def _block(ctx: ReportContext, n: int, incident: Incident) -> list[Flowable]:
    label = shortened(incident.label(), HEADING_CHARS)
    heading = _("Incident {n}: {label}").format(n=n, label=label)
    # The exhibit pages' two-column form: a value typed on several lines takes a row per line
    # and a very long line is cut into rows that fit on any page, so a long account breaks
    # between rows across pages (never a row taller than a page, never reportlab's slow and
    # sliver-leaving split inside a row).
    table = facts_table(ctx, incident_rows(ctx, incident), set())
    # Never a heading alone at a page's foot, yet no half-empty page either: the form starts on
    # this page when its heading and first rows fit, and splits between rows where the page ends.
    return [
        CondPageBreak(KEEP_ROOM),
        rtl.paragraph_flowable(heading, ctx.styles.h2),
        table,
        Spacer(1, 8),
    ]


def incidents_story(ctx: ReportContext) -> list[Flowable]:
    """The incidents part: one block per incident, in the order they happened."""
    story = section_start(ctx, _("Incidents"))
    incidents = incident_order(ctx)
    if not incidents:
        return story + kind_sentence(ctx, _("No incidents are recorded in this evidence locker."))
    story.append(
        rtl.paragraph_flowable(
            _(
                "Each incident as the person recorded it, in the order they happened, in their "
                "own words. Linked exhibits are named by their number in this summary and the page "
                "they start on."
            ),
            ctx.styles.small,
        )
    )
    for n, incident in enumerate(incidents, start=1):
        story += _block(ctx, n, incident)
    return story
