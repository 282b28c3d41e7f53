"""Small tables inside the incident form: the witnesses (name, how to reach them) and the
reports made (to whom, date, report number, officer or person).

Each is a table the user types into, with "Add" and "Remove" below it. Rows left completely
empty are not saved. Fields a table does not show (a report's note, written with the CLI) are
kept with their row, so saving from here never drops them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locker.gui.widgets import page_button
from locker.text import clean_line

_HIDDEN = Qt.ItemDataRole.UserRole  # the row's fields the table does not show
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class PeopleTable(QWidget):
    """A table of rows of text, each row a dict with ``columns``' keys."""

    def __init__(
        self,
        columns: list[tuple[str, str]],
        add_text: str,
        remove_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_edited: Callable[[], None] = lambda: None
        self._keys = [key for key, _header in columns]
        self._loading = False
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([header for _key, header in columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in the other fields
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(130)
        self.add_button = page_button(add_text)
        self.remove_button = page_button(remove_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def load(self, rows: list[dict[str, str]]) -> None:
        """Show ``rows`` exactly as stored (an edit of one cell never changes another)."""
        self._loading = True
        try:
            self.table.clearContents()
            self.table.setRowCount(0)
            for row in rows:
                self._append(row)
        finally:
            self._loading = False
        self._update_buttons()

    def values(self) -> list[dict[str, str]]:
        """The rows as typed (trimmed), without the empty ones."""
        result = []
        for r in range(self.table.rowCount()):
            first = self.table.item(r, 0)
            row = dict(first.data(_HIDDEN) or {}) if first is not None else {}
            for c, key in enumerate(self._keys):
                cell = self.table.item(r, c)
                row[key] = cell.text().strip() if cell is not None else ""
            if any(str(v).strip() for v in row.values()):
                result.append(row)
        return result

    def add_row(self) -> None:
        """A new empty row, ready to type into."""
        self._append({})
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))
        self.on_edited()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._update_buttons()
        self.on_edited()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        self._update_buttons()

    def _append(self, row: dict[str, str]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        hidden = {k: v for k, v in row.items() if k not in self._keys}
        for c, key in enumerate(self._keys):
            # As stored, never cleaned nor shortened: what is shown here is saved back as it is
            # (bidi marks and tabs in a name are the person's own; the cell draws them safely).
            cell = QTableWidgetItem(str(row.get(key, "")))
            if c == 0:
                cell.setData(_HIDDEN, hidden)
            self.table.setItem(r, c, cell)

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.on_edited()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0)


class WitnessTable(PeopleTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [("name", self.tr("Name")), ("contact", self.tr("How to reach them"))],
            self.tr("Add a witness"),
            self.tr("Remove witness"),
            parent,
        )
        self.table.setAccessibleName(self.tr("Witnesses"))


class ReportTable(PeopleTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                ("to", self.tr("Reported to")),
                ("date", self.tr("Date (year-month-day)")),
                ("number", self.tr("Report number")),
                ("officer", self.tr("Officer or person")),
            ],
            self.tr("Add a report"),
            self.tr("Remove report"),
            parent,
        )
        self.table.setAccessibleName(self.tr("Reports made"))

    def problem(self) -> str:
        """A report date that is not a real day, in words; "" when all are fine."""
        for row in self.values():
            day = row.get("date", "")
            if day and not _real_day(day):
                return self.tr(
                    "The date of the report to “{to}” is not a real date. Please write it as "
                    "year-month-day, for example 2026-05-03, or leave it empty."
                ).format(to=clean_line(row.get("to", ""), 60))
        return ""


def _real_day(text: str) -> bool:
    if not _DATE_RE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
