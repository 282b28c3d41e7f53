"""The summary's cover page: what this document is, who prepared it, when, how big it is, the
custody log's head hash, how intimate pictures are handled, and a plain disclaimer (no Qt)."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from locker.case import when
from locker.case.fields import time_zones
from locker.i18n import _, ngettext
from locker.report.context import PACKET_BATES_PREFIX, ReportContext
from locker.report.marks import SectionMark
from locker.report.pages import bates
from locker.report.rtl import note_flowables, paragraph_flowable
from locker.report.styles import RULE, SHADE


def case_title(title: str) -> str:
    """The title as typed, or the neutral "Evidence summary" when none was given."""
    return title.strip() or _("Evidence summary")


def printed_words(ctx: ReportContext) -> str:
    """``2026-03-02 14:05 (America/Chicago, UTC−06:00)``: written as every time in the summary
    is (when.describe_when: the zone, then the offset with a real minus sign)."""
    moment = ctx.data.printed_at
    raw = moment.strftime("%z")
    offset = f"{raw[:3]}:{raw[3:]}" if raw else "+00:00"
    zone = ctx.data.zone_name if ctx.data.zone_name in time_zones() else ""
    wall = moment.replace(tzinfo=None).isoformat(timespec="minutes")
    return when.describe_when(wall, zone, offset)


def intimate_count(ctx: ReportContext) -> int:
    return sum(1 for e in ctx.data.exhibits if e.item.intimate)


def _intimate_words(ctx: ReportContext, packet_pages: int) -> tuple[str, str]:
    count = intimate_count(ctx)
    if count == 0:
        redacted = _("No exhibit is marked as an intimate picture.")
    else:
        redacted = ngettext(
            "Yes: {n} exhibit is marked intimate. No intimate picture is shown in this summary "
            "(a picture is replaced by a grey block); the original is held unaltered.",
            "Yes: {n} exhibits are marked intimate. No intimate picture is shown in this summary "
            "(each picture is replaced by a grey block); the originals are held unaltered.",
            count,
        ).format(n=count)
    if packet_pages:
        packet = ngettext(
            "Yes: the unredacted pictures are in a separate packet of {n} page, numbered "
            "apart ({first} to {last}). Handle it as the court requires (often filed under seal).",
            "Yes: the unredacted pictures are in a separate packet of {n} pages, numbered "
            "apart ({first} to {last}). Handle it as the court requires (often filed under seal).",
            packet_pages,
        ).format(
            n=packet_pages,
            first=bates(PACKET_BATES_PREFIX, 1),
            last=bates(PACKET_BATES_PREFIX, packet_pages),
        )
    else:
        packet = _("No separate packet of unredacted pictures was made.")
    return redacted, packet


def disclaimer(prepared_by: str) -> str:
    who = prepared_by.strip() or _("the person who printed it")
    return _(
        "This is a summary of evidence prepared by {who}. It was made with Evidence Locker, a "
        "program that keeps evidence in an encrypted file. Nothing here promises that a court "
        "will accept this evidence, and this summary is not legal advice. The original files are "
        "kept unaltered in the encrypted vault, each with the SHA-256 value printed in this "
        "summary, so anyone with a copy of a file (for example from the originals bundle) can "
        "check that it is the one described. A SHA-256 value shows that a file has not changed "
        "since it was added; it does not show who made or sent what the file shows."
    ).format(who=who)


def cover_story(ctx: ReportContext, *, pages: int = 0, packet_pages: int = 0) -> list[Flowable]:
    """The cover page. ``pages``: the summary's page count (from the first layout pass);
    ``packet_pages``: the separate packet's page count (0: no packet)."""
    st = ctx.styles
    opts = ctx.options
    width = ctx.frame[0]
    redacted, packet = _intimate_words(ctx, packet_pages)
    count = len(ctx.data.exhibits)
    rows: list[tuple[str, Flowable]] = [
        (
            _("Prepared by"),
            paragraph_flowable(opts.prepared_by.strip() or _("(not given)"), st.body),
        ),
        (_("Printed"), paragraph_flowable(printed_words(ctx), st.body)),
        (_("Exhibits"), paragraph_flowable(str(count), st.body)),
        (_("Pages"), paragraph_flowable(str(pages), st.body)),
        (
            _("Custody log head hash"),
            paragraph_flowable(
                ctx.data.head_hash or _("(the custody log has no entries)"), st.mono
            ),
        ),
        (_("Intimate pictures redacted"), paragraph_flowable(redacted, st.body)),
        (_("Separate packet"), paragraph_flowable(packet, st.body)),
    ]
    label_w = 1.9 * inch
    table = Table(
        [[paragraph_flowable(label, st.cell_bold), value] for label, value in rows],
        colWidths=[label_w, width - label_w],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story: list[Flowable] = [
        SectionMark(_("Cover page")),
        Spacer(1, 0.3 * inch),
        *note_flowables(case_title(opts.title), st.title),
        paragraph_flowable(_("Summary of evidence kept in Evidence Locker"), st.h2),
        Spacer(1, 0.15 * inch),
        table,
        Spacer(1, 0.3 * inch),
        paragraph_flowable(_("What this document is"), st.h2),
        paragraph_flowable(disclaimer(opts.prepared_by), st.body),
        paragraph_flowable(
            _(
                "The custody log records what was added, changed, exported and printed, each "
                "entry chained to the one before it; the head hash above is the newest entry's. "
                "If the log is changed later, its head hash will no longer match this page."
            ),
            st.small,
        ),
    ]
    return story
