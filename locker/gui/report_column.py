"""The Summary tab's left column: its heading, the choices (:mod:`locker.gui.report_options`)
in a scroll area, and "Make the summary" under them, always in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from locker.gui.report_options import ReportOptionsForm
from locker.gui.widgets import heading, page_button

MIN_WIDTH = 360  # pixels, at the usual font size


class OptionsColumn(QWidget):
    """``form`` (the choices) and ``make_button``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = ReportOptionsForm()
        self.make_button = page_button(self.tr("Make the summary"))
        self.make_button.setDefault(True)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        inner_layout.addWidget(self.form, 1)
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
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(460)
