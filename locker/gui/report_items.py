"""The list of evidence to tick on the Summary tab ("Only the items I tick below").

Each item is shown by the date it is filed under and its title only, never a picture (an
intimate one included): choosing what to print should not put a picture in front of anyone.
The rows stand in court order (the order exhibits are numbered in), so the list reads like the
summary. Long titles end in "…" with the whole title as a tool tip, and the list is three to
six rows high at the font in use.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from locker.case.evidence import EvidenceItem
from locker.gui.widgets import clean_text
from locker.report.exhibits import number_exhibits, placed_at

ID_ROLE = Qt.ItemDataRole.UserRole


class EvidenceChecklist(QListWidget):
    """Rows to tick; ``itemChanged`` fires when one is ticked or unticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Evidence to include"))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_height()

    def set_items(self, items: list[EvidenceItem], floating_zone: str) -> list[date]:
        """Show ``items`` in court order, quietly. Items already ticked stay ticked; new ones
        start ticked. Returns the days the items are filed under (for the date range)."""
        ticked = self.ticked_ids()
        first_time = self.count() == 0
        ordered = [e.item for e in number_exhibits(items, floating_zone=floating_zone)]
        placed = [(placed_at(item, floating_zone), item) for item in ordered]
        self.blockSignals(True)
        self.clear()
        for (_moment, day), item in placed:
            title = clean_text(item.title, 120) or self.tr("(no title)")
            text = f"{day.isoformat()}  {title}" if day is not None else title
            row = QListWidgetItem(text)
            row.setToolTip(text)
            row.setData(ID_ROLE, item.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = first_time or ticked is None or item.id in ticked
            row.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.addItem(row)
        self.blockSignals(False)
        return [day for (_moment, day), _item in placed if day is not None]

    def ticked_ids(self) -> set[str] | None:
        """The ids of the ticked rows (None while the list is empty)."""
        if self.count() == 0:
            return None
        return {
            str(row.data(ID_ROLE))
            for row in map(self.item, range(self.count()))
            if row.checkState() == Qt.CheckState.Checked
        }

    def _fit_height(self) -> None:
        line = self.fontMetrics().lineSpacing() + 2
        frame = 2 * self.frameWidth() + 4
        self.setMinimumHeight(3 * line + frame)
        self.setMaximumHeight(6 * line + frame)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()
