"""The Summary tab's left column: its heading, the choices (:mod:`locker.gui.report_options`)
in a scroll area, and "Make the summary" under them, always in view.

The column is as wide as its choices need at the font in use (someone who reads at twice the
size gets a wider column, never clipped words), within a share of the window, so the preview
beside it keeps room to be read.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from locker.gui.report_options import ReportOptionsForm
from locker.gui.widgets import heading, page_button

MIN_WIDTH = 360  # pixels, at the usual font size
MAX_SHARE = 0.5  # of the page's width, at most


class OptionsColumn(QWidget):
    """``form`` (the choices) and ``make_button``; sizes itself to the font (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = ReportOptionsForm()
        self.make_button = page_button(self.tr("Make the summary"))
        self.make_button.setDefault(True)
        inner = QWidget()
        self._inner_layout = QVBoxLayout(inner)
        self._inner_layout.setContentsMargins(0, 0, 8, 0)
        self._inner_layout.addWidget(self.form, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(inner)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Printable summary"), 1.3))
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.make_button)
        self._fit_to_font()

    def needed_width(self) -> int:
        """The width at which no choice is cut off: the widest the form needs, its margin and a
        vertical scroll bar."""
        margins = self._inner_layout.contentsMargins()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        return self.form.minimumSizeHint().width() + margins.left() + margins.right() + bar + 4

    def _fit_to_font(self) -> None:
        width = max(MIN_WIDTH, self.needed_width())
        parent = self.parentWidget()
        if parent is not None and parent.width() > 0:
            width = min(width, max(MIN_WIDTH, round(parent.width() * MAX_SHARE)))
        self.setFixedWidth(width)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()

    def fit(self) -> None:
        """Size again (the page calls it when it is resized)."""
        self._fit_to_font()
