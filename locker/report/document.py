"""The printable evidence summary, built from the vault in one go (no Qt).

:func:`build_report` checks the user's choices, reads everything once (items, incidents,
takedowns, journal, the custody log and its head hash), re-hashes every exhibit's original,
prepares the pictures, and lays the parts out in court order: cover, exhibit list, timeline,
one section per exhibit, incidents, takedowns, journal (only when asked), integrity appendix,
declaration (only when asked). The layout runs twice (three times at most) so that the cover's
page count and the exhibit list's page numbers are those of the finished document.

When the user asks for them, the unredacted intimate pictures go in a separate PDF (the packet),
with its own page numbers and Bates prefix, so the summary itself can be filed openly. The packet
is laid out first, so each redaction note in the summary names the packet page (EL-U-000002)
that holds that exhibit's real picture.
Nothing is written to disk here: the caller saves, prints or bundles ``Report.pdf``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from reportlab.platypus import Flowable

from locker.i18n import _
from locker.report.context import (
    BATES_PREFIX,
    PACKET_BATES_PREFIX,
    Picture,
    ReportContext,
    ReportData,
    ReportOptions,
)
from locker.report.cover import cover_story
from locker.report.declaration import declaration_story
from locker.report.exhibit_list import exhibit_list_story
from locker.report.exhibit_pages import exhibit_story
from locker.report.exhibits import Exhibit
from locker.report.facts import Check
from locker.report.fonts import register_fonts
from locker.report.incidents_section import incidents_story
from locker.report.integrity_section import integrity_story
from locker.report.journal_section import journal_story
from locker.report.packet import packet_story
from locker.report.pages import Furniture, Layout, build_pdf, frame_size, part_break
from locker.report.pictures import picture_box, prepare_pictures
from locker.report.report_data import Progress, check_options, read_data, stop_if
from locker.report.styles import make_styles
from locker.report.takedowns_section import takedowns_story
from locker.report.timeline_section import timeline_story
from locker.vault import Vault

MAX_PASSES = 3


@dataclass(frozen=True)
class Report:
    pdf: bytes
    pages: int
    exhibits: list[Exhibit]
    checks: list[Check]
    packet: bytes | None  # the separate packet of unredacted pictures, when asked for and any
    packet_pages: int
    head_hash: str
    paper: str


def _with_pictures(data: ReportData, pictures: Mapping[int, Picture]) -> ReportData:
    return ReportData(**{**data.__dict__, "pictures": dict(pictures)})


def _body_parts(ctx: ReportContext) -> list[list[Flowable]]:
    """The parts after the exhibit list, in court order, each starting on a new page."""
    parts: list[list[Flowable]] = []
    parts.append(timeline_story(ctx))
    parts += [exhibit_story(ctx, exhibit) for exhibit in ctx.data.exhibits]
    parts.append(incidents_story(ctx))
    if ctx.options.include_takedowns:
        parts.append(takedowns_story(ctx))
    if ctx.options.include_journal:
        parts.append(journal_story(ctx))
    parts.append(integrity_story(ctx))
    if ctx.options.include_declaration:
        parts.append(declaration_story(ctx))
    return parts


def _story(ctx: ReportContext, pages: int, packet_pages: int) -> list[Flowable]:
    parts = [cover_story(ctx, pages=pages, packet_pages=packet_pages), exhibit_list_story(ctx)]
    parts += _body_parts(ctx)
    story: list[Flowable] = []
    for part in parts:
        if story:
            story.extend(part_break())
        story.extend(part)
    return story


def _furniture(ctx: ReportContext, prefix: str) -> Furniture:
    return Furniture(ctx.options.title.strip(), prefix, ctx.options.paper, ctx.fonts, ctx.styles)


def _lay_out(
    ctx: ReportContext,
    packet_pages: int,
    cancelled: Callable[[], bool] | None,
    progress: Progress | None,
) -> tuple[bytes, Layout]:
    """Lay the summary out until its page count and exhibit pages settle (MAX_PASSES at most).

    The first pass is never printed: it only measures. Its exhibit list gets stand-in page
    numbers (each exhibit's own number) so its rows take the room the real page and Bates
    number will, and the second pass, with the real numbers, usually lays out the same."""
    stage = _("Laying out pages")
    layout = Layout()
    pdf = b""
    stand_in = {exhibit.number: exhibit.number for exhibit in ctx.data.exhibits}
    for attempt in range(MAX_PASSES):
        stop_if(cancelled)
        if progress is not None:
            progress(attempt, MAX_PASSES, stage)
        current = replace(ctx, page_of=dict(layout.exhibit_pages) if attempt else stand_in)
        previous = layout
        pdf, layout = build_pdf(
            _story(current, previous.pages, packet_pages),
            _furniture(ctx, BATES_PREFIX),
            pdf_title=_("Evidence summary"),
            cancelled=cancelled,
            copies=ctx.options.copies,
        )
        if attempt and (layout.pages, layout.exhibit_pages) == (
            previous.pages,
            previous.exhibit_pages,
        ):
            break
    if progress is not None:
        progress(MAX_PASSES, MAX_PASSES, stage)
    return pdf, layout


def build_report(
    vault: Vault,
    options: ReportOptions,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    floating_zone: str | None = None,
) -> Report:
    """The printable summary of ``vault`` as PDF bytes (and the separate packet, if any).

    ``floating_zone``: where a time written with no zone is read, and the zone the printing time
    is shown in (None: this computer's). ``now``: the printing time (tests). ``progress(done,
    total, stage)`` reports each stage in plain words; ``cancelled()`` true stops with Cancelled.
    """
    check_options(options)
    if floating_zone is None:
        from locker.cli_args import local_zone

        floating_zone = local_zone()
    fonts = register_fonts()
    styles = make_styles(fonts)
    frame = frame_size(options.paper)
    data = read_data(
        vault,
        options,
        cancelled=cancelled,
        progress=progress,
        now=now,
        floating_zone=floating_zone,
    )
    stop_if(cancelled)
    stage = _("Preparing pictures")
    pictures = prepare_pictures(
        vault,
        data.exhibits,
        picture_box(frame),
        include_intimate=options.include_intimate,
        cancelled=cancelled,
        progress=None if progress is None else lambda done, total: progress(done, total, stage),
    )
    ctx = ReportContext(options, _with_pictures(data, pictures), styles, fonts, frame)
    stop_if(cancelled)
    packet, packet_pages = None, 0
    packet_part = packet_story(ctx) if options.include_intimate else []
    if packet_part:
        packet, packet_layout = build_pdf(
            packet_part,
            _furniture(ctx, PACKET_BATES_PREFIX),
            pdf_title=_("Evidence summary: separate packet"),
            cancelled=cancelled,
        )
        packet_pages = packet_layout.pages
        # Each redaction note names the packet page that holds that exhibit's real picture.
        ctx = replace(ctx, packet_page_of=dict(packet_layout.exhibit_pages))
    pdf, layout = _lay_out(ctx, packet_pages, cancelled, progress)
    stop_if(cancelled)
    return Report(
        pdf=pdf,
        pages=layout.pages,
        exhibits=data.exhibits,
        checks=data.checks,
        packet=packet,
        packet_pages=packet_pages,
        head_hash=data.head_hash,
        paper=options.paper,
    )
