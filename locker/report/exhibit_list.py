"""The exhibit list: every exhibit with its title, the date of the event, the platform and the
page (and Bates number) its section starts on (no Qt)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from locker.case import when
from locker.i18n import _
from locker.report.context import BATES_PREFIX, ReportContext
from locker.report.fitting import shortened
from locker.report.marks import SectionMark
from locker.report.pages import bates
from locker.report.rtl import paragraph_flowable
from locker.report.styles import RULE, SHADE

TITLE_CHARS = 160  # about five lines of the title column
PLATFORM_CHARS = 40


def event_date(happened_at: str, happened_tz: str) -> str:
    """When it happened, as the timeline says it; "not recorded" when it is not known."""
    return when.describe_when(happened_at, happened_tz) or _("not recorded")


def exhibit_list_story(ctx: ReportContext) -> list[Flowable]:
    """The list, its header row repeated on every page; a kind sentence for an empty vault."""
    st = ctx.styles
    heading = _("Exhibit list")
    story: list[Flowable] = [SectionMark(heading), paragraph_flowable(heading, st.h1)]
    if not ctx.data.exhibits:
        if ctx.options.ids is not None or ctx.options.start or ctx.options.end:
            text = _("No exhibits match the choice made for this summary.")
        else:
            text = _("No evidence has been added to this vault yet.")
        story.append(paragraph_flowable(text, st.body))
        return story
    header = [_("Exhibit"), _("Title"), _("Date of the event"), _("Platform"), _("Page")]
    cut = False
    rows: list[list[Flowable | list[Flowable]]] = [
        [paragraph_flowable(h, st.cell_bold) for h in header]
    ]
    for exhibit in ctx.data.exhibits:
        item = exhibit.item
        page = ctx.page_of.get(exhibit.number)
        where: list[Flowable] = [paragraph_flowable(str(page) if page else "–", st.cell_bold)]
        if page:
            where.append(paragraph_flowable(bates(BATES_PREFIX, page), st.cell))
        title = shortened(item.title, TITLE_CHARS) or _("(no title)")
        platform = shortened(item.platform, PLATFORM_CHARS) or "–"
        cut = cut or title.endswith("…") or platform.endswith("…")
        rows.append(
            [
                paragraph_flowable(exhibit.label, st.cell_bold),
                paragraph_flowable(title, st.cell),
                paragraph_flowable(event_date(item.happened_at, item.happened_tz), st.cell),
                paragraph_flowable(platform, st.cell),
                where,
            ]
        )
    width = ctx.frame[0]
    fractions = (0.13, 0.36, 0.23, 0.13, 0.15)
    table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    if cut:
        note = _(
            "Long titles and platform names are shortened here (…); each exhibit's own page has them in full."
        )
        story.append(paragraph_flowable(note, st.small))
    story.append(table)
    return story
