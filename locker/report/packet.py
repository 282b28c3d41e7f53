"""The separate packet of unredacted intimate pictures (COURT.md §5; no Qt).

Made only when the user asks for it (ReportOptions.include_intimate), as its own document with
its own page numbers (EL-U-…), so the summary itself never carries an intimate picture and can be
handed out while the packet is kept apart or filed under seal. Its first page says plainly what
it is and how to handle it; then one exhibit per page: label, title, the SHA-256 of the original
and the picture.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from locker.i18n import _
from locker.report.context import ReportContext
from locker.report.exhibit_list import TITLE_CHARS
from locker.report.exhibit_pages import CELL_PAD, PictureFlowable, boxed_note
from locker.report.exhibits import Exhibit
from locker.report.fitting import shortened
from locker.report.images import PrintImage
from locker.report.marks import ExhibitMark, SectionMark
from locker.report.rtl import note_flowables, paragraph_flowable
from locker.report.styles import RULE, SHADE


def packet_exhibits(ctx: ReportContext) -> list[tuple[Exhibit, PrintImage]]:
    """The intimate exhibits with an unredacted picture, in exhibit order."""
    held = []
    for exhibit in ctx.data.exhibits:
        picture = ctx.data.pictures.get(exhibit.number)
        if exhibit.item.intimate and picture is not None and picture.unredacted is not None:
            held.append((exhibit, picture.unredacted))
    return held


def _warnings() -> list[str]:
    return [
        _(
            "This packet holds the unredacted intimate pictures that the evidence summary shows "
            "only as grey blocks. Keep it separate from the summary, and share it only with the "
            "people who must see it."
        ),
        _(
            "Many courts require a motion to file intimate images under seal before they are "
            "filed or shown. Ask the court clerk or an advocate how this court handles them "
            "before you file or hand over this packet."
        ),
        _(
            "Once printed or saved, this packet is not encrypted: anyone who gets the paper or "
            "the file can see these pictures. The originals stay unaltered in the encrypted vault."
        ),
    ]


def _list_table(ctx: ReportContext, held: list[tuple[Exhibit, PrintImage]]) -> Table:
    styles = ctx.styles
    head = [
        paragraph_flowable(_("Exhibit"), styles.cell_bold),
        paragraph_flowable(_("Title"), styles.cell_bold),
        paragraph_flowable(_("SHA-256 of the original"), styles.cell_bold),
    ]
    rows = [
        [
            paragraph_flowable(exhibit.label, styles.cell),
            paragraph_flowable(
                shortened(exhibit.item.title, TITLE_CHARS) or _("(not recorded)"), styles.cell
            ),
            paragraph_flowable(exhibit.item.sha256, styles.mono),
        ]
        for exhibit, _picture in held
    ]
    width = ctx.frame[0]
    table = Table(
        [head, *rows],
        colWidths=[width * 0.16, width * 0.42, width * 0.42],
        repeatRows=1,
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ]
        ),
    )
    table.hAlign = "LEFT"
    return table


def _exhibit_page(ctx: ReportContext, exhibit: Exhibit, picture: PrintImage) -> list[Flowable]:
    styles = ctx.styles
    story: list[Flowable] = [ExhibitMark(exhibit), paragraph_flowable(exhibit.label, styles.h1)]
    if exhibit.item.title.strip():
        story += note_flowables(exhibit.item.title, styles.h2)
    story += [
        paragraph_flowable(_("SHA-256 of the original:"), styles.small),
        paragraph_flowable(exhibit.item.sha256, styles.mono),
        Spacer(1, 8),
        PictureFlowable(picture),
        Spacer(1, 4),
        paragraph_flowable(
            _(
                "Unredacted copy at print resolution. The evidence summary shows this exhibit "
                "redacted."
            ),
            styles.note,
        ),
        ExhibitMark(None),
    ]
    return story


def packet_story(ctx: ReportContext) -> list[Flowable]:
    """The packet's pages; an empty list when no exhibit has an unredacted picture to put in it
    (then no packet is made)."""
    held = packet_exhibits(ctx)
    if not held:
        return []
    styles = ctx.styles
    heading = _("Unredacted pictures — separate packet")
    story: list[Flowable] = [SectionMark(heading), paragraph_flowable(heading, styles.title)]
    if ctx.options.title.strip():
        story += note_flowables(
            _("For the evidence summary: {title}").format(title=ctx.options.title.strip()),
            styles.body,
        )
    story.append(Spacer(1, 6))
    story.append(boxed_note(ctx, "\n".join(_warnings())))
    story += [
        Spacer(1, 10),
        paragraph_flowable(_("What this packet holds"), styles.h2),
        _list_table(ctx, held),
    ]
    for exhibit, picture in held:
        story.append(PageBreak())
        story += _exhibit_page(ctx, exhibit, picture)
    return story
