"""The integrity appendix (COURT.md §6; no Qt): whether every exhibit's stored original still
has the SHA-256 it was added with, checked when the summary was made; the custody log and its
head hash (custody_table.py); how anyone can re-check the originals bundle themselves; and any
record that could not be read.

The result comes first, in one boxed line ("4 of 4 exhibits PASS" or "1 FAILED: Exhibit 4"), so
a judge sees it before any detail. A FAIL is set in bold capitals in a heavy black box, so it
stands out on a black-and-white copy too.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from locker.i18n import _, ngettext
from locker.report.bundle_texts import FOLDER
from locker.report.context import ReportContext
from locker.report.cover import printed_words  # the same words as the cover's 'Printed'
from locker.report.custody_table import custody_story
from locker.report.exhibits import file_name
from locker.report.facts import FAIL, NO_FILE, PASS, Check
from locker.report.fonts import markup
from locker.report.marks import SectionMark
from locker.report.rtl import paragraph_flowable
from locker.report.styles import RULE, SHADE, Styles


def summary_line(checks: Sequence[Check]) -> str:
    """What a judge reads first: the failures by exhibit, else how many passed."""
    failed = [c for c in checks if c.status == FAIL]
    passed = sum(1 for c in checks if c.status == PASS)
    no_file = sum(1 for c in checks if c.status == NO_FILE)
    if failed:
        return ngettext("{n} FAILED: {labels}", "{n} FAILED: {labels}", len(failed)).format(
            n=len(failed), labels=", ".join(c.exhibit.label for c in failed)
        )
    line = ngettext("{p} of {n} exhibit PASS", "{p} of {n} exhibits PASS", len(checks)).format(
        p=passed, n=len(checks)
    )
    if no_file:
        line += " " + ngettext(
            "({n} has no file to check)", "({n} have no file to check)", no_file
        ).format(n=no_file)
    return line


def _summary_box(ctx: ReportContext) -> Flowable:
    styles, checks = ctx.styles, ctx.data.checks
    failed = any(c.status == FAIL for c in checks)
    big = ParagraphStyle("integrity-result", parent=styles.h2, fontSize=13, leading=17)
    rows: list[list[Flowable]] = [[paragraph_flowable(summary_line(checks), big)]]
    if failed:
        passed = sum(1 for c in checks if c.status == PASS)
        rows.append(
            [
                paragraph_flowable(
                    _(
                        "{p} of {n} exhibits PASS. A FAIL means the stored original no longer "
                        "matches the SHA-256 taken when it was added; see the line for that "
                        "exhibit below."
                    ).format(p=passed, n=len(checks)),
                    styles.body,
                )
            ]
        )
    box = Table(rows, colWidths=[ctx.frame[0]], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),  # else reportlab sets Helvetica
                ("BOX", (0, 0), (-1, -1), 3 if failed else 1.2, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def _explanation(ctx: ReportContext) -> list[Flowable]:
    styles = ctx.styles
    return [
        paragraph_flowable(
            _("Checked {when}, when this summary was made.").format(when=printed_words(ctx)),
            styles.body,
        ),
        paragraph_flowable(
            _(
                "Every exhibit's stored original was read again from the vault and its SHA-256 "
                "(a fingerprint of the file's exact bytes) worked out afresh. PASS means it is "
                "identical to the SHA-256 taken when the file was first added: the file has not "
                "changed by a single byte since then. A SHA-256 does not show who made the file, "
                "who sent it or who wrote what it shows; that is for the people who saw it to "
                "say."
            ),
            styles.small,
        ),
    ]


def _result_cell(check: Check, styles: Styles) -> Paragraph:
    if check.status == FAIL:
        style = ParagraphStyle("result-fail", parent=styles.cell_bold, fontSize=11, leading=13)
        return Paragraph(markup(FAIL, bold=True), style)
    return Paragraph(markup(check.status, bold=True), styles.cell_bold)


def _check_table(ctx: ReportContext) -> Table:
    styles, fonts = ctx.styles, ctx.fonts
    total = len(ctx.data.exhibits)
    head = (
        _("Exhibit"),
        _("SHA-256 taken when it was added, and what the check found"),
        _("Result"),
    )
    rows: list[list[object]] = [[Paragraph(markup(h, bold=True), styles.cell_bold) for h in head]]
    fails: list[int] = []
    for check in ctx.data.checks:
        exhibit, item = check.exhibit, check.exhibit.item
        first: list[Flowable] = [paragraph_flowable(exhibit.label, styles.cell_bold)]
        if item.blob:
            first.append(Paragraph(file_name(exhibit, total), styles.mono))
        detail_style = styles.cell if check.status == FAIL else styles.note
        second: list[Flowable] = [
            Paragraph(item.sha256 or markup(_("(no file was kept)")), styles.mono),
            paragraph_flowable(check.detail, detail_style),
        ]
        if check.status == FAIL:
            fails.append(len(rows))
        rows.append([first, second, _result_cell(check, styles)])
    hash_width = pdfmetrics.stringWidth("0" * 64, fonts.mono, styles.mono.fontSize) + 8
    result_width = 58.0
    label_width = max(ctx.frame[0] - hash_width - result_width, 80.0)
    hash_width = min(hash_width, ctx.frame[0] - label_width - result_width)  # narrow: it wraps
    table = Table(
        rows, colWidths=[label_width, hash_width, result_width], repeatRows=1, hAlign="LEFT"
    )
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.body),  # else reportlab sets Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in fails:
        commands += [
            ("BOX", (0, row), (-1, row), 2.5, colors.black),
            ("BOX", (2, row), (2, row), 2.5, colors.black),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _command(text: str, styles: Styles) -> Paragraph:
    style = ParagraphStyle(
        "command", parent=styles.mono, fontSize=8.5, leading=11, leftIndent=14, spaceAfter=5
    )
    return Paragraph(escape(text), style)  # a command is ASCII: set whole in the mono font


def _recheck_files(ctx: ReportContext) -> list[Flowable]:
    styles = ctx.styles
    heading = paragraph_flowable(_("How to re-check the originals"), styles.h2)
    with_file = [e for e in ctx.data.exhibits if e.item.blob]
    if not with_file:  # SHA256SUMS is empty, and sha256sum -c would say it failed
        return [
            KeepTogether(
                [
                    heading,
                    paragraph_flowable(
                        _(
                            "No exhibit in this summary has a stored file (each is a "
                            "description only, or its original was removed), so there are no "
                            "original files to re-check."
                        ),
                        styles.body,
                    ),
                ]
            )
        ]
    example = file_name(with_file[0], len(ctx.data.exhibits))
    say = [
        heading,
        paragraph_flowable(
            _(
                "The originals bundle (a zip file made with this summary) holds each exhibit's "
                "original file exactly as it was stored, in the folder {folder}, named by "
                "exhibit number ({example}, as in the table above), and a file SHA256SUMS listing "
                "the SHA-256 of each. "
                "Unzip it, open a terminal in the unzipped folder (the one holding SHA256SUMS) "
                "and run:"
            ).format(folder=FOLDER, example=example),
            styles.body,
        ),
        paragraph_flowable(_("On Linux:"), styles.small),
        _command("sha256sum -c SHA256SUMS", styles),
        paragraph_flowable(_("On a Mac:"), styles.small),
        _command("shasum -a 256 -c SHA256SUMS", styles),
        paragraph_flowable(
            _(
                "Every line should say OK. A file changed by even one byte shows FAILED. On "
                "Windows, in PowerShell, for each file:"
            ),
            styles.body,
        ),
        _command(f"Get-FileHash -Algorithm SHA256 {FOLDER}\\{example}", styles),
        paragraph_flowable(
            _(
                "and compare the Hash it prints with that file's line in SHA256SUMS and in the "
                "table above (Windows prints capital letters; the letters and digits are the "
                "same)."
            ),
            styles.body,
        ),
    ]
    return [KeepTogether(say[:4]), KeepTogether(say[4:6]), KeepTogether(say[6:9])]


def _recheck_log(ctx: ReportContext) -> list[Flowable]:
    styles, log = ctx.styles, ctx.data.log
    if not log:
        return []
    keep = ParagraphStyle("no-widows", parent=styles.body, allowWidows=0, allowOrphans=0)
    return [
        KeepTogether(
            [
                paragraph_flowable(
                    _(
                        "To check the custody log later, run this with the vault file (the "
                        'program asks for the passphrase) and find the entry whose "seq" is {n}: '
                        'its "hash" is the head hash printed above.'
                    ).format(n=log[-1].seq),
                    keep,
                ),
                _command("locker log --json VAULT", styles),
            ]
        ),
        paragraph_flowable(
            _(
                "No entry can be changed, removed or reordered without changing that hash. "
                "Entries written since follow it, the first being the one that records this "
                "summary, so 'locker log VAULT' ends with a newer head hash; 'locker verify "
                "VAULT' checks the whole chain."
            ),
            keep,
        ),
    ]


def _unreadable(ctx: ReportContext) -> list[Flowable]:
    if not ctx.data.unreadable:
        return []
    styles = ctx.styles
    story: list[Flowable] = [
        paragraph_flowable(_("Records that could not be read"), styles.h2),
        paragraph_flowable(
            _(
                "These records in the vault could not be read when this summary was made, so "
                "they are not in it. Everything else was read normally."
            ),
            styles.body,
        ),
    ]
    story += [paragraph_flowable(f"• {line}", styles.body) for line in ctx.data.unreadable]
    return story


def integrity_story(ctx: ReportContext) -> list[Flowable]:
    """The integrity appendix: the re-hash result first, then the table, the custody log, how
    to re-check, and the records that could not be read."""
    styles = ctx.styles
    heading = _("Integrity appendix")
    story: list[Flowable] = [SectionMark(heading), paragraph_flowable(heading, styles.h1)]
    story.append(paragraph_flowable(_("Exhibits re-checked"), styles.h2))
    if ctx.data.checks:
        story += [_summary_box(ctx), Spacer(1, 6), *_explanation(ctx), _check_table(ctx)]
    else:
        story.append(paragraph_flowable(_("There are no exhibits to check."), styles.body))
    story += _unreadable(ctx)
    story += custody_story(ctx)
    story += _recheck_files(ctx) + _recheck_log(ctx)
    return story
