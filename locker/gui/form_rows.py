"""Labelled rows of a record form: each label beside its field when there is room, above it
when the pane is narrow (a large font, a small window), so the form never needs a horizontal
scroll bar.

A QGridLayout, not a QFormLayout: with word-wrapped notes in the fields, QFormLayout lays
the rows out with the heights they would have at its size-hint width once a note changed
height (a note switched to bold, a box shown), and the notes were cut off top and bottom.
The grid keeps its heights for the width it really has.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

FIELD_EMS = 20  # beside its label a field gets at least this many "M" widths, else stack


class FormRows(QWidget):
    """Rows of (label, field). :meth:`stacked` says how they are placed now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[QLabel, QWidget]] = []
        self._stacked = False

    def add_row(self, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
        """A row; ``text`` is the label's words (with its & shortcut), ``buddy`` the widget
        that shortcut goes to (``field`` if None)."""
        label = QLabel(text)
        label.setBuddy(buddy or field)
        label.setWordWrap(True)
        self._rows.append((label, field))
        self._place()
        return label

    def set_row_visible(self, field: QWidget, visible: bool) -> None:
        """Show or hide a row: its field and its label together."""
        for label, row_field in self._rows:
            if row_field is field:
                label.setVisible(visible)
                field.setVisible(visible)

    def stacked(self) -> bool:
        return self._stacked

    def side_by_side_width(self) -> int:
        """How wide the rows must be to have their labels beside the fields."""
        labels = max((lb.sizeHint().width() for lb, _f in self._rows), default=0)
        fields = max((f.minimumSizeHint().width() for _lb, f in self._rows), default=0)
        ems = self.fontMetrics().horizontalAdvance("M") * FIELD_EMS
        return labels + self.grid.horizontalSpacing() + max(fields, ems)

    def stacked_width(self) -> int:
        """The least width the rows need with every label above its field."""
        widths = [max(lb.minimumSizeHint().width(), f.minimumSizeHint().width())
                  for lb, f in self._rows]  # fmt: skip
        return max(widths, default=0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        stacked = self.width() < self.side_by_side_width()
        if stacked != self._stacked:
            self._stacked = stacked
            self._place()

    def _place(self) -> None:
        for label, field in self._rows:
            self.grid.removeWidget(label)
            self.grid.removeWidget(field)
        top = Qt.AlignmentFlag.AlignTop
        for row, (label, field) in enumerate(self._rows):
            if self._stacked:
                self.grid.addWidget(label, 2 * row, 0, 1, 2)
                self.grid.addWidget(field, 2 * row + 1, 0, 1, 2)
            else:
                self.grid.addWidget(label, row, 0, top)
                self.grid.addWidget(field, row, 1)
        self.grid.setColumnStretch(0, 0)
        self.grid.setColumnStretch(1, 1)
