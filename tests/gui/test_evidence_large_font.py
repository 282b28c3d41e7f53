"""The Evidence tab's ways in and options at twice the font size: every button and check box
shows its whole text inside the window (the rows wrap); at the normal size, each is one row."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QStyle, QWidget

from locker.gui.main_window import MainWindow
from locker.gui.vault_page import VaultPage

TEXT_MARGIN = 4  # px for a frame or a focus mark, at the least


def evidence_tab(qtbot, win: MainWindow) -> VaultPage:  # type: ignore[no-untyped-def]
    win.resize(1280, 800)
    page = win.vault_page
    qtbot.waitUntil(lambda: win.current_page() is page and win.width() == 1280)
    qtbot.waitUntil(lambda: page.options.geometry().bottom() < page.splitter.y())
    return page


def controls(page: VaultPage) -> list[QAbstractButton | QWidget]:
    return [
        page.add_button,
        page.paste_button,
        page.capture_button,
        page.describe_button,
        page.remove_originals,
        page.hide_new,
        page.auto_lock,
    ]


def seen_whole(widget: QWidget) -> bool:
    """Not cut off by anything it is inside, up to the window."""
    rect = widget.rect()
    while widget.parentWidget() is not None:
        rect = rect.translated(widget.pos())
        widget = widget.parentWidget()
        if not widget.rect().contains(rect):
            return False
    return True


def room_for_text(widget: QAbstractButton) -> int:
    room = widget.width() - TEXT_MARGIN
    if isinstance(widget, QCheckBox):
        style = widget.style()
        room -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)
        room -= style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, widget)
    return room


def test_at_twice_the_font_size_every_way_in_and_option_shows_its_whole_text(  # type: ignore[no-untyped-def]
    qtbot, double_font: None, opened: MainWindow
) -> None:
    page = evidence_tab(qtbot, opened)
    for widget in controls(page):
        assert widget.isVisible(), widget
        assert seen_whole(widget), widget
    for button in controls(page)[:-1]:
        assert isinstance(button, QAbstractButton)
        text = button.text().replace("&", "")
        assert button.fontMetrics().horizontalAdvance(text) <= room_for_text(button), text
    # Nothing overlaps: the rows took more lines instead.
    rects = [QRect(w.mapTo(page, w.rect().topLeft()), w.size()) for w in controls(page)]
    for i, rect in enumerate(rects):
        assert not any(rect.intersects(other) for other in rects[i + 1 :])
    assert page.options.geometry().bottom() < page.message.y() or not page.message.isVisible()


def test_at_the_normal_size_each_row_stays_on_one_line(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = evidence_tab(qtbot, opened)
    ways_in = [page.add_button, page.paste_button, page.capture_button, page.describe_button]
    assert len({b.geometry().center().y() for b in ways_in}) == 1
    lefts = [b.x() for b in ways_in]
    assert lefts == sorted(lefts) and lefts[0] == 0
    options = [page.remove_originals, page.hide_new, page.auto_lock]
    centres = [w.mapTo(page.options, w.rect().center()).y() for w in options]
    assert max(centres) - min(centres) <= 1
    # The automatic lock stays on the right, as before.
    combo_right = page.auto_lock.mapTo(page.options, page.auto_lock.rect().topRight()).x()
    assert combo_right == page.options.width() - 1
    for widget in controls(page):
        assert seen_whole(widget), widget
