"""Page furniture on every page of a printed summary, and the layout run that produces it (no Qt).

Every page carries, at the top, the case title (small, left) and either the exhibit label (big,
bold, boxed, right: a clerk flipping pages finds "Exhibit 17" at a glance) or the name of the
part of the document; at the bottom, "Page X of Y" and a Bates-style number (``EL-000001``)
running across the whole document. The total Y is known only when the last page is laid out, so
the canvas keeps each finished page and draws the furniture on all of them when the document is
saved (:class:`_FurnishedCanvas`).

Which exhibit a page belongs to comes from the marks the sections place (marks.py):
:func:`marks.start_page` at the start of every page, :func:`marks.page_state` when drawing.
Only the shipped, embedded fonts are used; the case title (the user's words) is drawn through
``rtl.paragraph_flowable`` so any script prints.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFDictionary
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, tables

from locker.i18n import _
from locker.report import marks
from locker.report.fitting import fitted
from locker.report.fonts import FontSet
from locker.report.rtl import paragraph_flowable, text_width
from locker.report.styles import GREY, RULE, Styles
from locker.vault.errors import Cancelled

PAGE_SIZES: dict[str, tuple[float, float]] = {"letter": letter, "a4": A4}
MARGIN_X = 54.0  # 3/4 inch left and right
MARGIN_TOP = 78.0  # room for the header: case title and the exhibit label
MARGIN_BOTTOM = 60.0  # room for the footer: page X of Y and the Bates number
LABEL_SIZE = 18.0  # the exhibit label at the top right: big enough to find by flipping pages
TITLE_LINES = 3  # the case title at the top left: what fits above the header's rule
RIGHT_SHARE = 0.45  # of the width between the margins: the exhibit label or the part's name
# PDF 1.7's /NumCopies (ViewerPreferences) preselects copies in a viewer's print dialog; the
# standard says viewers honour 2 to 5 only, so other counts are not written.
NUM_COPIES = range(2, 6)


def page_size(paper: str) -> tuple[float, float]:
    """Width and height in points of ``paper`` ("letter" or "a4")."""
    return PAGE_SIZES[paper]


def frame_size(paper: str) -> tuple[float, float]:
    """The width and height (points) flowables can use on one page of ``paper``."""
    width, height = page_size(paper)
    return (width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM)


def bates(prefix: str, page: int) -> str:
    """``EL-000001``: the prefix and the page's running number, six digits or more."""
    return f"{prefix}{page:06d}"


def part_break() -> list[Flowable]:
    """Ends a part of the document and starts the next on a new page. The marks carry the part
    still running onto a new page; an empty SectionMark ends it, so the new page is headed by
    the part that starts on it (its SectionMark), not the one before."""
    return [marks.SectionMark(""), PageBreak()]


@dataclass(frozen=True)
class Furniture:
    """What the header and footer print: ``title`` the case title as typed ("" prints nothing
    at the top left), ``prefix`` the Bates prefix (BATES_PREFIX, or PACKET_BATES_PREFIX for the
    separate packet)."""

    title: str
    prefix: str
    paper: str
    fonts: FontSet
    styles: Styles


@dataclass
class Layout:
    """What one layout run found: the number of pages, the page each exhibit's section starts
    on, and each page's exhibit label (None for a page of no exhibit)."""

    pages: int = 0
    exhibit_pages: dict[int, int] = field(default_factory=dict)
    labels: list[str | None] = field(default_factory=list)


def _style(base: ParagraphStyle, name: str, **changes: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=base, **changes)


def _draw(canv: Canvas, flowable: Flowable, x: float, top: float, width: float) -> float:
    """Draw ``flowable`` with its top at ``top``; returns its height."""
    _w, height = flowable.wrapOn(canv, width, 200)
    flowable.drawOn(canv, x, top - height)
    return float(height)


def ask_for_copies(canv: Canvas, copies: int) -> None:
    """Ask the viewer's print dialog for ``copies`` copies (/NumCopies), when in NUM_COPIES.
    reportlab's checked ViewerPreferences dictionary does not know NumCopies, so the summary's
    own (it sets no other preference) is a plain one; NumCopies needs a PDF 1.7 header."""
    if copies not in NUM_COPIES:
        return
    doc = canv._doc
    doc.Catalog.ViewerPreferences = PDFDictionary({"NumCopies": copies})
    doc._pdfVersion = max(doc._pdfVersion, (1, 7))


class _FurnishedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps every finished page and draws the furniture on all of them in
    ``save()``, when the total number of pages is known."""

    furniture: Furniture
    layout: Layout
    cancelled: Callable[[], bool] | None = None
    copies: int = 1

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        state = marks.page_state(self)
        self.layout.labels.append(state["page_label"])
        self._pages.append(
            {
                "saved": dict(self.__dict__),
                "label": state["page_label"],
                "section": state["page_section"],
            }
        )
        self._startPage()

    def save(self) -> None:
        width = page_size(self.furniture.paper)[0] - 2 * MARGIN_X
        self._header_title = fitted(
            self.furniture.title, self._title_style(), width * (1 - RIGHT_SHARE) - 12, TITLE_LINES
        )
        total = len(self._pages)
        self.layout.pages = total
        self.layout.exhibit_pages = dict(marks.page_state(self)["exhibit_pages"])
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page["saved"])
            self._furnish(number, total, page["label"], page["section"])
            super().showPage()
        ask_for_copies(self, self.copies)
        super().save()

    def _title_style(self) -> ParagraphStyle:
        base = self.furniture.styles.furniture
        return _style(base, "furniture-left", alignment=TA_LEFT, textColor=GREY)

    def _furnish(self, number: int, total: int, label: str | None, section: str) -> None:
        f = self.furniture
        width, height = page_size(f.paper)
        inner = width - 2 * MARGIN_X
        base = f.styles.furniture
        top = height - 30
        self.saveState()
        right_width = inner * RIGHT_SHARE
        if label:
            self._label_box(label, width - MARGIN_X, top, right_width)
        elif section:
            right = _style(base, "furniture-right", alignment=TA_RIGHT, fontSize=10, leading=12)
            _draw(
                self,
                paragraph_flowable(section, right),
                width - MARGIN_X - right_width,
                top,
                right_width,
            )
        if (
            self._header_title
        ):  # the case title, shortened to fit the header (the cover has it whole)
            _draw(
                self,
                paragraph_flowable(self._header_title, self._title_style()),
                MARGIN_X,
                top,
                inner - right_width - 12,
            )
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        rule_y = height - MARGIN_TOP + 10
        self.line(MARGIN_X, rule_y, width - MARGIN_X, rule_y)
        foot_y = MARGIN_BOTTOM - 22
        self.line(MARGIN_X, foot_y + 14, width - MARGIN_X, foot_y + 14)
        footer = _style(base, "furniture-foot", fontSize=9, leading=11)
        page_words = _("Page {x} of {y}").format(x=number, y=total)
        _draw(
            self,
            paragraph_flowable(page_words, _style(footer, "foot-c", alignment=TA_CENTER)),
            MARGIN_X,
            foot_y + 8,
            inner,
        )
        bates_style = _style(footer, "foot-r", alignment=TA_RIGHT, fontName=f.fonts.mono)
        _draw(
            self,
            paragraph_flowable(bates(f.prefix, number), bates_style),
            MARGIN_X,
            foot_y + 8,
            inner,
        )
        self.restoreState()

    def _label_box(self, label: str, right: float, top: float, max_width: float) -> None:
        """The exhibit label in big bold type in a black-framed box at the top right."""
        style = _style(
            self.furniture.styles.furniture,
            "exhibit-label",
            fontName=self.furniture.fonts.bold,
            fontSize=LABEL_SIZE,
            leading=LABEL_SIZE + 2,
            alignment=TA_RIGHT,
        )
        flowable = paragraph_flowable(label, style)
        label_width = min(max(text_width(label, LABEL_SIZE, bold=True), 20.0), max_width)
        pad = 6.0
        _w, height = flowable.wrapOn(self, label_width + 1, 200)
        box_w, box_h = label_width + 2 * pad + 1, float(height) + 2 * pad - 2
        self.setStrokeColorRGB(0, 0, 0)
        self.setLineWidth(2)
        self.rect(right - box_w, top - box_h + pad, box_w, box_h, stroke=1, fill=0)
        flowable.drawOn(self, right - pad - label_width - 1, top - float(height) + 2)


def table_font_default(fonts: FontSet) -> None:
    """reportlab's tables set each cell's font before drawing it, Helvetica unless a table's
    style says otherwise, even when every cell is a paragraph in our own fonts; that puts a
    font that is not embedded into the PDF. Every table in the summary defaults to the body
    font instead (idempotent, for the whole process, as fonts.patch_tounicode_cmap)."""
    tables.CellStyle.fontname = fonts.body


def _canvas_maker(
    furniture: Furniture, layout: Layout, cancelled: Callable[[], bool] | None, copies: int
) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        canv = _FurnishedCanvas(*args, **kwargs)
        canv.furniture = furniture
        canv.layout = layout
        canv.cancelled = cancelled
        canv.copies = copies
        return canv

    return make


def build_pdf(
    story: Sequence[Flowable],
    furniture: Furniture,
    *,
    pdf_title: str,
    cancelled: Callable[[], bool] | None = None,
    copies: int = 1,
) -> tuple[bytes, Layout]:
    """Lay out ``story`` on ``furniture.paper`` with the furniture on every page; returns the
    PDF bytes (fonts embedded, no encryption, metadata title ``pdf_title``) and the layout.
    ``cancelled()`` is asked after each page; true stops with Cancelled. ``copies``: how many
    copies the viewer's print dialog should offer (:func:`ask_for_copies`); the PDF itself
    holds one copy."""
    table_font_default(furniture.fonts)
    out = io.BytesIO()
    width, height = page_size(furniture.paper)
    frame_w, frame_h = frame_size(furniture.paper)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, frame_w, frame_h, 0, 0, 0, 0, id="body")
    doc = BaseDocTemplate(
        out,
        pagesize=(width, height),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=pdf_title,
        author="",
        subject="",
        creator="Evidence Locker",
        producer="Evidence Locker",
        keywords="",
        initialFontName=furniture.fonts.body,
        initialFontSize=10,
        initialLeading=13.5,
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda canv, _doc: marks.start_page(canv))]
    )
    layout = Layout()
    # Streams as binary, not ASCII85 text: reportlab encodes A85 in pure Python (its C helper is
    # not shipped), once per picture per pass, and the text is 25% larger. rl_config is global:
    # set for this build only (another PDF made at the same moment is valid either way).
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(list(story), canvasmaker=_canvas_maker(furniture, layout, cancelled, copies))
    finally:
        rl_config.useA85 = a85
    return out.getvalue(), layout
