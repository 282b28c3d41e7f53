"""A preview of a PDF held in memory: its pages one under another, drawn as they come into view.

Only the pages on screen are drawn (at the size they are shown, times the screen's pixel
ratio), and only a few drawn pages are kept, so a 300-page summary never sits in memory as 300
pictures. :meth:`PdfPreview.clear` lets go of every drawn page and of the document: the lock
calls it, because the pages show decrypted evidence.

The preview does not own the :class:`~locker.gui.pdf_pages.PdfPages` it shows: whoever made
it closes it.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from locker.gui.flow_layout import FlowLayout
from locker.gui.pdf_pages import POINTS_PER_INCH, PdfPages
from locker.gui.widgets import page_button

GAP = 12  # pixels around and between pages
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)  # times "fit width"
FIT = ZOOMS.index(1.0)
CACHE_PAGES = 6  # drawn pages kept (the ones on screen always are)
CACHE_BYTES = 120 * 1024 * 1024


class _PageCanvas(QWidget):
    """The pages laid out in a column; draws a page when it is first painted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.scale = 1.0  # pixels (logical) per point
        self.tops: list[int] = []
        self.cache: OrderedDict[int, QImage] = OrderedDict()

    def lay_out(self, pages: PdfPages | None, scale: float, min_width: int) -> None:
        if pages is not self.pages or abs(scale - self.scale) > 1e-9:
            self.cache.clear()
        self.pages, self.scale = pages, scale
        self.tops = []
        y, width = GAP, min_width
        for index in range(pages.count if pages is not None else 0):
            w, h = self.page_px(index)
            self.tops.append(y)
            y += h + GAP
            width = max(width, w + 2 * GAP)
        self.resize(width, y)
        self.update()

    def page_px(self, index: int) -> tuple[int, int]:
        assert self.pages is not None
        w_pt, h_pt = self.pages.page_size_pt(index)
        return max(1, round(w_pt * self.scale)), max(1, round(h_pt * self.scale))

    def page_rect(self, index: int) -> QRect:
        w, h = self.page_px(index)
        return QRect((self.width() - w) // 2, self.tops[index], w, h)

    def page_at(self, y: int) -> int:
        """The page at height ``y`` (the one above, if ``y`` falls in a gap)."""
        found = 0
        for index, top in enumerate(self.tops):
            if top - GAP > y:
                break
            found = index
        return found

    def drawn(self, index: int) -> QImage:
        image = self.cache.get(index)
        if image is not None:
            self.cache.move_to_end(index)
            return image
        assert self.pages is not None
        ratio = self.devicePixelRatioF()
        image = self.pages.render(index, self.scale * POINTS_PER_INCH * ratio)
        image.setDevicePixelRatio(ratio)
        self.cache[index] = image
        return image

    def trim(self, keep: set[int]) -> None:
        """Forget the least recently drawn pages beyond the budget, never one on screen."""
        for index in list(self.cache):
            size = sum(image.sizeInBytes() for image in self.cache.values())
            if len(self.cache) <= CACHE_PAGES and size <= CACHE_BYTES:
                break
            if index not in keep:
                del self.cache[index]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.pages is None or self.pages.closed:
            return
        painter = QPainter(self)
        area = event.rect()
        shown: set[int] = set()
        for index in range(self.pages.count):
            rect = self.page_rect(index)
            if rect.top() > area.bottom():
                break
            if not rect.intersects(area):
                continue
            shown.add(index)
            painter.fillRect(rect.adjusted(2, 2, 2, 2), QColor(0, 0, 0, 60))  # a soft edge
            painter.drawImage(rect, self.drawn(index))
        painter.end()
        self.trim(shown)


class PdfPreview(QWidget):
    """Pages of a PDF with a page counter, zoom buttons and a go-to-page box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: PdfPages | None = None
        self._zoom = FIT
        self._current = 0

        self.zoom_out_button = page_button(self.tr("Zoom out"))
        self.zoom_in_button = page_button(self.tr("Zoom in"))
        self.fit_button = page_button(self.tr("Fit width"))
        self.zoom_out_button.setAccessibleName(self.tr("Make the pages smaller"))
        self.zoom_in_button.setAccessibleName(self.tr("Make the pages larger"))
        self.fit_button.setAccessibleName(self.tr("Fit the pages to the width of the preview"))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self._zoom - 1))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self._zoom + 1))
        self.fit_button.clicked.connect(lambda: self.set_zoom(FIT))

        go_label = QLabel(self.tr("Go to page:"))
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName(self.tr("Go to page"))
        self.page_spin.setKeyboardTracking(False)  # go when the number is typed in full
        go_label.setBuddy(self.page_spin)
        self.page_spin.valueChanged.connect(lambda n: self.go_to_page(n - 1))
        self.page_label = QLabel()
        self.page_label.setAccessibleName(self.tr("Page counter"))

        # One row that wraps at large font sizes: nothing is cut off.
        going = QWidget()
        go_row = QHBoxLayout(going)
        go_row.setContentsMargins(0, 0, 0, 0)
        go_row.addWidget(go_label)
        go_row.addWidget(self.page_spin)
        go_row.addSpacing(GAP)
        go_row.addWidget(self.page_label)
        bar_box = QWidget()
        bar = FlowLayout(bar_box)
        bar.setContentsMargins(GAP // 2, GAP // 2, GAP, GAP // 2)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.add_widget(widget)
        bar.add_widget(going, right=True)

        self.canvas = _PageCanvas()
        self.canvas.setAccessibleName(self.tr("Pages of the summary"))
        self.pages_area = QScrollArea()
        self.pages_area.setWidget(self.canvas)
        self.pages_area.setWidgetResizable(False)
        self.pages_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.pages_area.setAccessibleName(self.tr("Preview of the pages"))
        self.pages_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pages_area.setBackgroundRole(self.palette().ColorRole.Mid)
        self.pages_area.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.pages_area.viewport().installEventFilter(self)

        self.empty = QLabel(
            self.tr("Nothing to show yet. When the summary is made, its pages appear here.")
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.pages_area)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar_box)
        layout.addWidget(self.stack, 1)

        for keys, step in (
            (QKeySequence.StandardKey.ZoomIn, 1),
            (QKeySequence.StandardKey.ZoomOut, -1),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.set_zoom(self._zoom + step))
        self.set_document(None)

    # -- what the screen asks for ---------------------------------------------------------

    def set_document(self, pages: PdfPages | None) -> None:
        """Show ``pages`` from the first page (None: the empty state). Not taken over: the
        caller still closes it."""
        self._pages = pages
        self._zoom = FIT
        has = pages is not None and pages.count > 0
        self.stack.setCurrentWidget(self.pages_area if has else self.empty)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.page_spin):
            widget.setEnabled(has)
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(1, pages.count if has and pages else 1))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self._relayout()
        self.pages_area.verticalScrollBar().setValue(0)
        self._follow_scroll()

    def clear(self) -> None:
        """Let go of every drawn page and of the document (on lock)."""
        self.canvas.cache.clear()
        self.set_document(None)

    @property
    def current_page(self) -> int:
        """The page at the top of the view, from 0."""
        return self._current

    def go_to_page(self, index: int) -> None:
        """Scroll so that page ``index`` (from 0) starts at the top of the view."""
        if not self.canvas.tops:
            return
        index = min(max(index, 0), len(self.canvas.tops) - 1)
        self.pages_area.verticalScrollBar().setValue(self.canvas.tops[index] - GAP // 2)

    def set_zoom(self, step: int) -> None:
        """Zoom to ``ZOOMS[step]`` times the width that fits, keeping the same place in view."""
        step = min(max(step, 0), len(ZOOMS) - 1)
        if self._pages is None or step == self._zoom:
            return
        bar = self.pages_area.verticalScrollBar()
        page = self.canvas.page_at(bar.value())
        rect = self.canvas.page_rect(page)
        within = (bar.value() - rect.top()) / max(1, rect.height())
        self._zoom = step
        self._relayout()
        rect = self.canvas.page_rect(page)
        bar.setValue(rect.top() + round(within * rect.height()))

    def rendered_image(self, index: int) -> QImage | None:
        """The drawn page kept for ``index``, if it is (for checks)."""
        return self.canvas.cache.get(index)

    # -- inside -----------------------------------------------------------------------

    def _relayout(self) -> None:
        pages = self._pages if self._pages is not None and not self._pages.closed else None
        viewport = self.pages_area.viewport().width()
        scale = 1.0
        if pages is not None and pages.count:
            widest = max(pages.page_size_pt(i)[0] for i in range(pages.count))
            scale = max(0.05, (viewport - 2 * GAP) / widest) * ZOOMS[self._zoom]
        self.canvas.lay_out(pages, scale, viewport)
        self.zoom_out_button.setEnabled(pages is not None and self._zoom > 0)
        self.zoom_in_button.setEnabled(pages is not None and self._zoom < len(ZOOMS) - 1)
        self.fit_button.setEnabled(pages is not None and self._zoom != FIT)

    def _follow_scroll(self) -> None:
        bar = self.pages_area.verticalScrollBar()
        count = len(self.canvas.tops)
        if count == 0:
            self._current = 0
            self.page_label.setText("")
            return
        at_end = bar.value() >= bar.maximum() and bar.maximum() > 0
        self._current = count - 1 if at_end else self.canvas.page_at(bar.value() + GAP)
        text = self.tr("Page {page} of {count}").format(page=self._current + 1, count=count)
        self.page_label.setText(text)
        self.canvas.setAccessibleDescription(text)
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(self._current + 1)
        self.page_spin.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.pages_area.viewport()
            and event.type() == QEvent.Type.Resize
            and self._pages is not None
        ):
            self._relayout()  # "fit width" follows the window
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """PageUp/PageDown/Home/End scroll the pages wherever the focus is in the preview
        (the buttons do not use these keys)."""
        bar = self.pages_area.verticalScrollBar()
        moves = {
            Qt.Key.Key_PageDown: bar.value() + bar.pageStep(),
            Qt.Key.Key_PageUp: bar.value() - bar.pageStep(),
            Qt.Key.Key_Home: bar.minimum(),
            Qt.Key.Key_End: bar.maximum(),
        }
        target = moves.get(Qt.Key(event.key()))
        if target is None or self._pages is None:
            super().keyPressEvent(event)
            return
        bar.setValue(target)
        event.accept()
