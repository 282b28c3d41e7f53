"""The optional declaration page (COURT.md §7; no Qt): a fill-in template in the style of
28 U.S.C. §1746 for the person with personal knowledge of the captures — the survivor, not the
advocate who helped print it. Lines for the court and case number, plain numbered statements
naming this summary's exhibits (a description-only exhibit is not called a copy), ruled
blank lines to add statements by hand, the statutory sentence (and its variant for signing
outside the United States), date and place, signature and printed name. The grey note at the
top says it is a template, not legal advice, before anyone reads on to sign. It fits on one
page.

The fill-in lines are drawn rules (:class:`FillLine`) with room to write by hand, not rows of
underscores.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from locker.case.evidence import PROVENANCE_DESCRIPTION_ONLY
from locker.i18n import _, ngettext
from locker.report.context import ReportContext
from locker.report.marks import SectionMark
from locker.report.rtl import paragraph_flowable, text_width
from locker.report.styles import Styles, body_font

WRITE_HEIGHT = 26.0  # points of room above each ruled line for handwriting
NUMBERED_LINES = 8  # statements written and blank, together: one page holds them
BLANK_LINES_AT_LEAST = 2  # blank numbered lines to add statements by hand


class FillLine(Flowable):  # type: ignore[misc]
    """A ruled line to write on by hand: ``height`` points tall, the rule at its bottom."""

    def __init__(self, width: float | None = None, height: float = WRITE_HEIGHT) -> None:
        super().__init__()
        self.line_width = width
        self.width = width or 0.0
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = self.line_width if self.line_width is not None else availWidth
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.black)
        self.canv.setLineWidth(0.7)
        self.canv.line(0, 0, self.width, 0)


def exhibit_range(numbers: Sequence[int]) -> str:
    """``"Exhibits 1 to 12"``, ``"Exhibit 1"``; with gaps, each run of three or more as a range
    (``"Exhibits 1 to 4, 6, 7, 9 to 40"``), so a long list stays short enough to read."""
    if not numbers:
        return _("the exhibits listed in this summary")
    ordered = sorted(set(numbers))
    if len(ordered) == 1:
        return _("Exhibit {n}").format(n=ordered[0])
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return _("Exhibits {first} to {last}").format(first=ordered[0], last=ordered[-1])
    runs: list[list[int]] = []
    for n in ordered:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(_("{first} to {last}").format(first=run[0], last=run[-1]))
        else:
            parts += [str(n) for n in run]
    return _("Exhibits {numbers}").format(numbers=", ".join(parts))


def _labelled_line(before: str, after: str, styles: Styles, width: float) -> Table:
    """``before ________ after`` on one line, the blank a real rule with room to write."""
    cells: list[Flowable] = [paragraph_flowable(before, styles.body), FillLine()]
    widths: list[float | None] = [text_width(before, float(styles.body.fontSize)) + 6, None]
    if after:
        cells.append(paragraph_flowable(after, styles.body))
        widths = [widths[0], width * 0.45, None]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                body_font(styles),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _caption(styles: Styles, width: float) -> Table:
    """``Court: ________  Case number: ________`` on one line, both blanks real rules."""
    court, number = _("Court:"), _("Case number:")
    size = float(styles.body.fontSize)
    first, second = text_width(court, size) + 6, text_width(number, size) + 18  # + padding
    rule = max((width - first - second) / 2, 60.0)
    cells: list[Flowable] = [
        paragraph_flowable(court, styles.body),
        FillLine(),
        paragraph_flowable(number, styles.body),
        FillLine(),
    ]
    table = Table([cells], colWidths=[first, rule * 1.3, second, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),  # not Helvetica
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (2, 0), (2, 0), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _numbered(number: int, text: str | None, styles: Styles, width: float) -> Table:
    """One numbered statement; ``None``: a blank numbered line to write a statement on."""
    body: Flowable = paragraph_flowable(text, styles.body) if text is not None else FillLine()
    table = Table([[paragraph_flowable(f"{number}.", styles.body), body]], colWidths=[22, None])
    table.setStyle(
        TableStyle(
            [
                body_font(styles),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM" if text is None else "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def statements(ctx: ReportContext) -> list[str]:
    """The pre-written statements, in the first person, naming this summary's exhibits. An
    exhibit that is a description only (nothing was kept as a file) is not called a copy: it
    has its own statement, that the description is true to the best of the person's memory."""
    described = [
        e.number for e in ctx.data.exhibits if e.item.provenance == PROVENANCE_DESCRIPTION_ONLY
    ]
    captured = [e.number for e in ctx.data.exhibits if e.number not in described]
    said = [
        _("I know the facts in this declaration myself, because I saw and saved the evidence."),
    ]
    if captured or not described:
        said += [
            ngettext(
                "I captured or saved the item listed in this summary as {which}.",
                "I captured or saved the items listed in this summary as {which}.",
                max(len(captured), 1),
            ).format(which=exhibit_range(captured)),
            _(
                "Each of them is a true and accurate copy of what I saw on the screen or "
                "received. I did not change, crop or edit them, except where a change is "
                "described in the summary."
            ),
        ]
    if described:
        said.append(
            ngettext(
                "{which} describes something I saw or heard that was not kept as a file; the "
                "description is true to the best of my memory.",
                "{which} describe things I saw or heard that were not kept as files; each "
                "description is true to the best of my memory.",
                len(described),
            ).format(which=exhibit_range(described))
        )
    return said + [
        _(
            "The dates and times given for each exhibit are as I recorded them, to the best of "
            "my knowledge."
        ),
        _(
            "The web addresses, account names and platforms shown are the ones I saw when I "
            "saved each item."
        ),
    ]


def _signature_block(styles: Styles, width: float) -> list[Flowable]:
    half = width * 0.6
    return [
        _labelled_line(_("Executed on"), _("(date)"), styles, width),
        _labelled_line(_("at"), _("(city and state, or country)"), styles, width),
        Spacer(1, 8),
        FillLine(half, WRITE_HEIGHT + 10),
        paragraph_flowable(_("Signature"), styles.small),
        Spacer(1, 6),
        FillLine(half),
        paragraph_flowable(_("Printed name"), styles.small),
    ]


def declaration_story(ctx: ReportContext) -> list[Flowable]:
    """The declaration template (the document includes it only when the user asks)."""
    styles = ctx.styles
    width = ctx.frame[0]
    heading = _("Declaration")
    written = statements(ctx)
    story: list[Flowable] = [
        SectionMark(heading),
        paragraph_flowable(heading, styles.h1),
        paragraph_flowable(
            _(
                "To be completed and signed only by the person who captured or saved the "
                "evidence, not by someone who helped prepare this summary. Strike out any "
                "statement that is not true, and add any that are missing."
            )
            + " "
            + _(
                "This is a template, not legal advice. It follows the form of a written "
                "declaration under 28 U.S.C. §1746; courts and states differ in what they "
                "accept. Ask the court clerk, an advocate or a lawyer which form this court "
                "wants. Sign only what is true."
            ),
            styles.small,
        ),
        Spacer(1, 4),
        # the caption a court asks for, filled in by hand (the program does not know them)
        _caption(styles, width),
        Spacer(1, 4),
        _labelled_line(_("I,"), _("(full name), declare:"), styles, width),
        Spacer(1, 6),
    ]
    story += [_numbered(n, text, styles, width) for n, text in enumerate(written, start=1)]
    blanks = max(BLANK_LINES_AT_LEAST, NUMBERED_LINES - len(written))  # the page's room
    story += [
        _numbered(n, None, styles, width)
        for n in range(len(written) + 1, len(written) + 1 + blanks)
    ]
    story += [
        Spacer(1, 10),
        paragraph_flowable(
            _("I declare under penalty of perjury that the foregoing is true and correct."),
            styles.body,
        ),
        paragraph_flowable(
            _(
                "(If signed outside the United States, use instead: \u201cI declare under "
                "penalty of perjury under the laws of the United States of America that the "
                "foregoing is true and correct.\u201d)"
            ),
            styles.small,
        ),
        Spacer(1, 4),
    ]
    story.append(KeepTogether(_signature_block(styles, width)))
    return story
