"""One exhibit's pages in the printable summary (COURT.md §4 and §5; no Qt).

An exhibit section reads top to bottom: "Exhibit 17" and its title; the picture (the redaction
block for an intimate picture, with the note that says where the original is), or a plain note
when there is nothing to show; the facts table, ending with the print-time re-check of its
original and the incidents it belongs to. A usual exhibit fits on one page. Every user-typed text
goes through :mod:`locker.report.rtl`, so it wraps within the page in any script. The document
puts a page break before each exhibit.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from locker.i18n import _
from locker.report.context import PACKET_BATES_PREFIX, Picture, ReportContext
from locker.report.exhibits import Exhibit
from locker.report.facts import Check, exhibit_facts
from locker.report.fitting import shortened, word_cut
from locker.report.images import PrintImage
from locker.report.marks import ExhibitMark
from locker.report.pages import bates
from locker.report.rtl import note_flowables, paragraph_flowable
from locker.report.styles import RULE, SHADE
from locker.report.timeline_section import incident_numbers
from locker.text import clean_line

LABEL_SHARE = 0.27  # of the frame's width: the facts table's label column
FRAME_LINE = 0.6  # points: the thin frame around a picture
CELL_PAD = 4
LABEL_CHARS = 200  # of a linked incident's title: the incidents part prints every word
PIECE_CHARS = 1200  # about 16 lines of a table cell: a row this tall fits on any page


class JpegReader(ImageReader):  # type: ignore[misc]
    """A print-ready JPEG for ``drawImage``, which names every image by a digest of
    ``getRGBData()``: for a JPEG (placed in the PDF as it is) that decoded it back to pixels on
    every layout pass only to name it. Its own bytes name it as uniquely. Anything reportlab
    does not take as a JPEG is read as usual."""

    def __init__(self, jpeg: bytes) -> None:
        super().__init__(io.BytesIO(jpeg))
        self._jpeg = jpeg

    def getRGBData(self) -> bytes:  # noqa: N802
        if self.jpeg_fh() is None:
            return bytes(super().getRGBData())
        self._dataA = None
        return self._jpeg


class PictureFlowable(Flowable):  # type: ignore[misc]
    """A print-ready JPEG (from memory) at its size in points, with a thin frame. Shrinks,
    keeping its proportions, when the space it is given is smaller."""

    def __init__(self, picture: PrintImage) -> None:
        super().__init__()
        self.picture = picture
        self.width, self.height = picture.size_pt

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self.picture.size_pt
        scale = min(1.0, availWidth / width) if width > 0 else 1.0
        self.width, self.height = width * scale, height * scale
        return self.width, self.height

    def draw(self) -> None:
        canv: Any = self.canv
        canv.drawImage(JpegReader(self.picture.jpeg), 0, 0, self.width, self.height)
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(FRAME_LINE)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canv.restoreState()


def boxed_note(ctx: ReportContext, text: str) -> Table:
    """A plain sentence in a light box, where a picture would be."""
    table = Table(
        [[note_flowables(text, ctx.styles.body)]],
        colWidths=[ctx.frame[0]],
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), FRAME_LINE, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    table.hAlign = "LEFT"
    return table


def redaction_note(exhibit: Exhibit, in_packet: bool, packet_page: int = 0) -> str:
    """The sentence under a redacted picture; with the separate packet, the packet's page (its
    Bates number, EL-U-000002) where the unredacted copy is, so it is found without leafing."""
    text = _("Redacted — the original is held unaltered in the vault, SHA-256 {sha}.").format(
        sha=exhibit.item.sha256
    )
    if in_packet and packet_page:
        text += " " + _(
            "An unredacted copy is on page {page} of the separate packet, kept apart from this "
            "summary."
        ).format(page=bates(PACKET_BATES_PREFIX, packet_page))
    elif in_packet:
        text += " " + _(
            "An unredacted copy is in the separate packet (its pages are numbered {prefix}), "
            "kept apart from this summary."
        ).format(prefix=PACKET_BATES_PREFIX)
    return text


def _picture_part(ctx: ReportContext, exhibit: Exhibit, picture: Picture | None) -> list[Flowable]:
    if picture is None or picture.shown is None:
        note = picture.note if picture is not None and picture.note else ""
        if not note:
            note = _("No picture was prepared for this exhibit.")
        return [boxed_note(ctx, note), Spacer(1, 8)]
    parts: list[Flowable] = [PictureFlowable(picture.shown), Spacer(1, 4)]
    if picture.shown.redacted:
        in_packet = ctx.options.include_intimate and picture.unredacted is not None
        packet_page = ctx.packet_page_of.get(exhibit.number, 0)
        note = redaction_note(exhibit, in_packet, packet_page)
        parts.append(paragraph_flowable(note, ctx.styles.note))
    elif picture.note:
        parts += note_flowables(picture.note, ctx.styles.note)
    parts.append(Spacer(1, 6))
    return parts


def value_pieces(value: str) -> list[str]:
    """The lines of a value as typed, a line longer than :data:`PIECE_CHARS` cut at the last
    space before that many characters (or at that many, if it has none), so each piece fits in
    a table row on any page."""
    pieces: list[str] = []
    for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        while len(line) > PIECE_CHARS:
            cut = word_cut(line, PIECE_CHARS)
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        pieces.append(line)
    return pieces


def facts_table(ctx: ReportContext, rows: list[tuple[str, str]], mono: set[str]) -> Table:
    """Two columns: the label (bold, shaded) and the value. A value typed on several lines takes
    one table row per line (ruled as one), so a long note breaks cleanly between its lines across
    pages; a very long line is cut into pieces of rows (:func:`value_pieces`), never split inside
    a row (reportlab's in-row split leaves empty slivers of rows at the top of the next page)."""
    styles = ctx.styles
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),  # the empty cells: never Helvetica
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for label, value in rows:
        if data:
            commands.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.4, RULE))
        first = len(data)
        if label in mono:
            lines = [paragraph_flowable(value, styles.mono)]
        else:
            lines = [paragraph_flowable(piece, styles.cell) for piece in value_pieces(value)]
        data.append([paragraph_flowable(label, styles.cell_bold), lines[0]])
        data += [["", line] for line in lines[1:]]
        if len(data) - first > 1:  # the lines of one value sit close together, as typed
            commands.append(("TOPPADDING", (0, first + 1), (-1, len(data) - 1), 0))
            commands.append(("BOTTOMPADDING", (0, first), (-1, len(data) - 2), 0))
    label_width = ctx.frame[0] * LABEL_SHARE
    table = Table(
        data,
        colWidths=[label_width, ctx.frame[0] - label_width],
        splitByRow=1,
        style=TableStyle(commands),
    )
    table.hAlign = "LEFT"
    return table


def check_for(ctx: ReportContext, exhibit: Exhibit) -> Check | None:
    return next((c for c in ctx.data.checks if c.exhibit.number == exhibit.number), None)


def extra_rows(ctx: ReportContext, exhibit: Exhibit) -> list[tuple[str, str]]:
    """The facts table's last rows: the print-time re-check of the original, and the incidents
    the exhibit belongs to, one a line, by the number the incidents part and the timeline give
    them ("Incident 3: Threats by text"), in that order."""
    rows = []
    check = check_for(ctx, exhibit)
    if check is not None:
        rows.append((_("Checked again at printing"), f"{check.status} — {check.detail}"))
    numbers = incident_numbers(ctx)
    linked = sorted(
        (numbers[i.id], i.label()) for i in ctx.data.incidents if exhibit.item.id in i.evidence
    )
    if linked:
        lines = [
            _("Incident {n}: {label}").format(n=n, label=shortened(label, LABEL_CHARS))
            for n, label in linked
        ]
        rows.append((_("Part of these incidents"), "\n".join(lines)))
    return rows


def capture_rows(ctx: ReportContext, exhibit: Exhibit) -> list[tuple[str, str]]:
    """What is known of the capture, after how the exhibit was added: the date and camera the
    picture's own EXIF data gives (as the app shows them), and who captured it: the program keeps
    no such name, so the row says so (never a guess) and points to the declaration, where the
    person who made the captures says it, when that page is printed."""
    facts = exhibit.item.facts
    rows = []
    taken = clean_line(str(facts.get("taken_at") or ""), 40)
    if taken:
        if len(taken) >= 10 and taken[4] == ":" and taken[7] == ":":
            taken = taken[:4] + "-" + taken[5:7] + "-" + taken[8:]  # EXIF's "2024:05:01"
        offset = clean_line(str(facts.get("taken_offset") or ""), 8)
        if offset:
            taken = _("{when} (UTC offset {offset})").format(when=taken, offset=offset)
        rows.append((_("Date in the picture (EXIF)"), taken))
    camera = clean_line(str(facts.get("camera") or ""), 120)
    if camera:
        rows.append((_("Camera"), camera))
    if ctx.options.include_declaration:
        who = _("Not recorded by the program; see the declaration at the end.")
    else:
        who = _("Not recorded by the program.")
    rows.append((_("Who captured it"), who))
    return rows


def facts_rows(ctx: ReportContext, exhibit: Exhibit) -> list[tuple[str, str]]:
    """The facts table's rows: exhibit_facts in COURT.md §4 order, the capture rows after how it
    was added, then the re-check and the incidents."""
    picture = ctx.data.pictures.get(exhibit.number)
    redacted = picture is not None and picture.shown is not None and picture.shown.redacted
    rows = exhibit_facts(exhibit, floating_zone=ctx.data.floating_zone, redacted_shown=redacted)
    added = _("How it was added")
    at = next((i + 1 for i, (label, _v) in enumerate(rows) if label == added), len(rows))
    return rows[:at] + capture_rows(ctx, exhibit) + rows[at:] + extra_rows(ctx, exhibit)


def exhibit_story(ctx: ReportContext, exhibit: Exhibit) -> list[Flowable]:
    """One exhibit's section, from ``ExhibitMark(exhibit)`` to ``ExhibitMark(None)``."""
    styles = ctx.styles
    story: list[Flowable] = [ExhibitMark(exhibit), paragraph_flowable(exhibit.label, styles.h1)]
    if exhibit.item.title.strip():
        title = ParagraphStyle("exhibit-title", parent=styles.h2, spaceBefore=0)
        story += note_flowables(exhibit.item.title, title)
    story.append(Spacer(1, 4))
    story += _picture_part(ctx, exhibit, ctx.data.pictures.get(exhibit.number))
    rows = facts_rows(ctx, exhibit)
    sha_label = _("SHA-256")
    mono = {sha_label} if exhibit.item.sha256 else set()
    story.append(facts_table(ctx, rows, mono))
    story.append(ExhibitMark(None))
    return story
