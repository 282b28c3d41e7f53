"""The recovery sheet: one page with the recovery key, to print or to save as a PDF (no Qt).

The same words are used for the printed sheet (the GUI draws them with Qt) and the PDF made here
with reportlab, so both say the same thing. The sheet never names the vault's file or folder:
a lost sheet must not lead anyone to the vault. There are blank lines instead, for the user to
write that down by hand if they choose.

A PDF is plain, unencrypted data: the GUI warns before one is written (PRODUCT.md principle 2).
"""

from __future__ import annotations

import errno
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from locker import files
from locker.i18n import _
from locker.vault.errors import InvalidInput, StorageError, StorageFull
from locker.vault.kdf import format_recovery_key, parse_recovery_key

GROUPS_PER_ROW = 3
WRITE_IN_LINES = 3


@dataclass(frozen=True)
class SheetText:
    """Every sentence on the sheet, in the user's language."""

    title: str
    made_on: str
    key_heading: str
    typing_note: str
    what_for_heading: str
    what_for: str
    once_heading: str
    once: str
    keep_heading: str
    keep: str
    where_heading: str
    where: str
    footer: str


def sheet_text(made_on: date) -> SheetText:
    return SheetText(
        title=_("Evidence Locker: recovery key"),
        made_on=_("This vault was made on {date}.").format(date=made_on.isoformat()),
        key_heading=_("Your recovery key"),
        typing_note=_(
            "9 groups of 4 letters and digits. The letters I, L, O and U never appear: 0 and 1 "
            "are always digits. When you type it, capital or small letters, spaces and dashes "
            "do not matter."
        ),
        what_for_heading=_("What it is for"),
        what_for=_(
            "If you ever forget your passphrase, this key opens your vault instead. In Evidence "
            "Locker, choose \u201cOpen a vault\u201d, choose the vault file, tick \u201cI forgot "
            "my passphrase: use my recovery key instead\u201d and type the key."
        ),
        once_heading=_("It was shown only once"),
        once=_(
            "The program showed this key only once, when the vault was made, and keeps no copy "
            "of it. If this sheet is lost, you can make a new recovery key from inside the vault."
        ),
        keep_heading=_("Where to keep it"),
        keep=_(
            "Keep this sheet somewhere safe and private, away from the computer and away from "
            "the vault file: for example in a locked drawer, or with a person you trust. Anyone "
            "who has this key and the vault file can open the vault."
        ),
        where_heading=_("Where the vault is kept (write it here if you want to)"),
        where=_(
            "This sheet does not say where the vault file is. You may write it down here by "
            "hand, or leave it blank."
        ),
        footer=_("This sheet does not contain your passphrase."),
    )


def key_groups(recovery_key: str) -> list[str]:
    """The key's groups of four, in the canonical spelling; refuses anything but a whole key."""
    return format_recovery_key(parse_recovery_key(recovery_key)).split("-")


def key_rows(recovery_key: str) -> list[list[str]]:
    """The groups laid out in rows of three, easier to copy than one long line."""
    groups = key_groups(recovery_key)
    return [groups[i : i + GROUPS_PER_ROW] for i in range(0, len(groups), GROUPS_PER_ROW)]


def render_pdf(recovery_key: str, made_on: date) -> bytes:
    """The sheet as PDF bytes (made in memory; nothing is written)."""
    text = sheet_text(made_on)
    rows = key_rows(recovery_key)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=15)
    small = ParagraphStyle("small", parent=body, fontSize=9.5, leading=13, textColor="#333333")
    head = ParagraphStyle(
        "head", parent=body, fontName="Helvetica-Bold", fontSize=12.5, spaceBefore=8, spaceAfter=3
    )
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=20, leading=24)

    def para(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(value), style)

    key_table = Table(
        rows,
        colWidths=[38 * mm] * GROUPS_PER_ROW,
        rowHeights=[13 * mm] * len(rows),
        hAlign="CENTER",
    )
    key_table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Courier-Bold", 24),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    write_in = Table(
        [[""] for _n in range(WRITE_IN_LINES)],
        colWidths=[160 * mm],
        rowHeights=[10 * mm] * WRITE_IN_LINES,
    )
    write_in.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.grey)]))

    story = [
        para(text.title, title),
        Spacer(1, 3 * mm),
        para(text.made_on, body),
        Spacer(1, 4 * mm),
        para(text.key_heading, head),
        Spacer(1, 2 * mm),
        key_table,
        Spacer(1, 2 * mm),
        para(text.typing_note, small),
        para(text.what_for_heading, head),
        para(text.what_for, body),
        para(text.once_heading, head),
        para(text.once, body),
        para(text.keep_heading, head),
        para(text.keep, body),
        para(text.where_heading, head),
        para(text.where, small),
        write_in,
        Spacer(1, 8 * mm),
        para(text.footer, small),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,  # fits on US Letter too: the margins leave room
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=text.title,
        author="",
        subject="",
        creator="Evidence Locker",
    )
    doc.build(story)
    return out.getvalue()


def write_pdf(path: str | os.PathLike[str], recovery_key: str, made_on: date) -> None:
    """Write the sheet to ``path`` (NOT encrypted: the caller has told the user so).

    Replaces an existing file of that name (the save dialog asked), but only once the whole
    PDF is on the disk: it is written under a hidden name beside it first, so a pulled USB
    stick or a full disk never leaves half a sheet.
    """
    data = render_pdf(recovery_key, made_on)
    target = Path(path)
    if target.is_dir():
        raise InvalidInput(_("That is a folder. Please give a file name for the recovery sheet."))
    try:
        files.replace_atomically(target, data)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StorageFull() from exc
        raise StorageError(
            _("The recovery sheet could not be saved there ({detail}).").format(
                detail=exc.strerror or exc
            )
        ) from exc
