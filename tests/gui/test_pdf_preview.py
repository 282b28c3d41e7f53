"""The summary's pages drawn from memory (PdfPages) and shown in the preview (PdfPreview)."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QSpinBox, QWidget
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from locker.gui.pdf_pages import PdfPages
from locker.gui.pdf_preview import CACHE_PAGES, PdfPreview
from locker.vault import InvalidInput

COLOURS = ((1.0, 0.0, 0.0), (0.0, 0.6, 0.0), (0.0, 0.0, 1.0))  # red, green, blue boxes
BOX = (72, 72, 200)  # x, y (from the bottom), side: in points


def make_pdf(pages: int = 3) -> bytes:
    """A PDF made in memory: page n has a big "n" and a box in the n-th colour; the second page
    is A4, the others Letter."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter)
    for n in range(pages):
        c.setPageSize(A4 if n == 1 else letter)
        c.setFillColorRGB(*COLOURS[n % 3])
        x, y, side = BOX
        c.rect(x, y, side, side, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 96)
        c.drawString(300, 500, str(n + 1))
        c.showPage()
    c.save()
    return out.getvalue()


def box_colour(image: QImage, page_height_pt: float) -> QColor:
    """The colour in the middle of the box on a page drawn as ``image``."""
    x, y, side = BOX
    scale = image.height() / page_height_pt
    return image.pixelColor(
        round((x + side / 2) * scale), round((page_height_pt - y - side / 2) * scale)
    )


def near(colour: QColor, rgb: tuple[float, float, float]) -> bool:
    want = [round(v * 255) for v in rgb]
    return all(
        abs(a - b) <= 8
        for a, b in zip((colour.red(), colour.green(), colour.blue()), want, strict=True)
    )


def test_pages_count_and_sizes() -> None:
    pages = PdfPages(make_pdf())
    assert pages.count == 3
    assert pages.page_size_pt(0) == pytest.approx((612, 792))
    assert pages.page_size_pt(1) == pytest.approx((595.28, 841.89), abs=0.01)
    assert pages.page_size_pt(2) == pytest.approx((612, 792))
    pages.close()


def test_a_page_is_drawn_with_its_box_on_white() -> None:
    pages = PdfPages(make_pdf())
    image = pages.render(1, 100)
    assert image.format() == QImage.Format.Format_RGB888
    assert image.width() == pytest.approx(595.28 * 100 / 72, abs=1)
    assert image.height() == pytest.approx(841.89 * 100 / 72, abs=1)
    assert near(box_colour(image, 841.89), COLOURS[1])
    assert near(image.pixelColor(3, 3), (1.0, 1.0, 1.0))  # the paper is white, not transparent
    pages.close()
    assert near(box_colour(image, 841.89), COLOURS[1])  # the image owns its pixels


def test_close_lets_go_of_the_document() -> None:
    pages = PdfPages(make_pdf())
    pages.close()
    assert pages.closed and pages.count == 0
    with pytest.raises(ValueError):
        pages.render(0, 72)


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.4\n%%EOF"])
def test_bad_bytes_get_plain_words(data: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        PdfPages(data)
    message = caught.value.message
    assert message.startswith("This summary")
    assert "pdfium" not in message.lower() and "Traceback" not in message


def test_an_enormous_page_is_drawn_smaller() -> None:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(14400, 14400))  # 200 inches square
    c.showPage()
    c.save()
    pages = PdfPages(out.getvalue())
    image = pages.render(0, 300)
    assert image.width() * image.height() <= 50_000_000
    pages.close()


@pytest.fixture
def preview(qtbot) -> PdfPreview:  # type: ignore[no-untyped-def]
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(640, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(qtbot, preview: PdfPreview, index: int) -> QImage:  # type: ignore[no-untyped-def]
    """Wait until page ``index`` has been drawn on screen; the drawn image."""
    qtbot.waitUntil(lambda: preview.rendered_image(index) is not None)
    image = preview.rendered_image(index)
    assert image is not None
    return image


def test_the_preview_says_when_there_is_nothing_to_show(preview: PdfPreview) -> None:
    assert preview.empty.isVisible()
    assert "Nothing to show yet" in preview.empty.text()
    assert not preview.zoom_in_button.isEnabled() and not preview.page_spin.isEnabled()


def test_the_preview_shows_the_pages_and_follows_scrolling(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    pages = PdfPages(make_pdf())
    preview.set_document(pages)
    assert preview.pages_area.isVisible() and not preview.empty.isVisible()
    assert preview.page_label.text() == "Page 1 of 3"
    first = shown(qtbot, preview, 0)
    assert near(box_colour(first, 792), COLOURS[0])
    # Page down from the toolbar (the focus on a button) moves through the pages.
    preview.zoom_in_button.setFocus()
    for _press in range(20):
        if preview.page_label.text() == "Page 2 of 3":
            break
        qtbot.keyClick(preview.zoom_in_button, Qt.Key.Key_PageDown)
    assert preview.page_label.text() == "Page 2 of 3"
    assert preview.page_spin.value() == 2
    qtbot.keyClick(preview.zoom_in_button, Qt.Key.Key_End)
    assert preview.page_label.text() == "Page 3 of 3"
    assert near(box_colour(shown(qtbot, preview, 2), 792), COLOURS[2])
    qtbot.keyClick(preview.zoom_in_button, Qt.Key.Key_Home)
    assert preview.page_label.text() == "Page 1 of 3"


def test_go_to_page(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    preview.set_document(PdfPages(make_pdf()))
    preview.page_spin.setValue(3)
    assert preview.page_label.text() == "Page 3 of 3"
    assert near(box_colour(shown(qtbot, preview, 2), 792), COLOURS[2])
    preview.page_spin.setValue(2)
    assert preview.page_label.text() == "Page 2 of 3"
    assert preview.current_page == 1


def test_zoom_changes_how_large_pages_are_drawn(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    preview.set_document(PdfPages(make_pdf()))
    fit = shown(qtbot, preview, 0).width()
    assert preview.pages_area.viewport().width() - 40 < fit <= preview.pages_area.viewport().width()
    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, preview, 0).width() == pytest.approx(fit * 1.25, abs=2)
    assert preview.fit_button.isEnabled()
    qtbot.mouseClick(preview.fit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, preview, 0).width() == pytest.approx(fit * 0.75, abs=2)
    assert preview.page_label.text() == "Page 1 of 3"


def test_zoom_keeps_the_page_in_view(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    preview.set_document(PdfPages(make_pdf()))
    preview.go_to_page(1)
    for _step in range(4):  # from "fit width" to three times as wide
        qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
        assert preview.page_label.text() == "Page 2 of 3"
    assert not preview.zoom_in_button.isEnabled()  # the largest zoom reached


def test_only_a_few_pages_are_kept_drawn(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    pages = PdfPages(make_pdf(30))
    preview.set_document(pages)
    for index in range(0, 30, 3):
        preview.go_to_page(index)
        shown(qtbot, preview, index)
        assert len(preview.canvas.cache) <= CACHE_PAGES
    assert preview.page_label.text() == "Page 28 of 30"
    assert preview.rendered_image(0) is None  # drawn long ago, let go


def test_clear_empties_the_preview(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    pages = PdfPages(make_pdf())
    preview.set_document(pages)
    shown(qtbot, preview, 0)
    preview.clear()
    assert preview.canvas.cache == {} and preview.canvas.pages is None
    assert preview.empty.isVisible()
    assert preview.page_label.text() == ""
    assert not pages.closed  # the owner closes it


def test_every_control_has_an_accessible_name(preview: PdfPreview) -> None:
    preview.set_document(PdfPages(make_pdf()))
    controls: list[QWidget] = [
        *preview.findChildren(QAbstractButton),
        *preview.findChildren(QSpinBox),
        preview.pages_area,
        preview.canvas,
    ]
    assert len(controls) >= 6
    for control in controls:
        assert control.accessibleName(), control
    assert preview.canvas.accessibleDescription() == "Page 1 of 3"
    go_label = next(lb for lb in preview.findChildren(QLabel) if lb.buddy() is preview.page_spin)
    assert go_label.text() == "Go to page:"
