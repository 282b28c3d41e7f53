"""The takedown reports on screen: the table (sorted from its headers, what needs attention
first) and the left side of the Takedowns tab around it (:class:`TakedownList`).

The rows and their words are :mod:`locker.gui.takedown_model`; its names are here too.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from locker.gui.takedown_labels import MARKER, summary_text, summary_tip
from locker.gui.takedown_model import ATTENTION_ROLE, ID_ROLE, TakedownModel, TakedownProxy
from locker.gui.widgets import WrappingLabel, page_button

__all__ = [
    "ATTENTION_ROLE",
    "ID_ROLE",
    "MARKER",
    "TakedownList",
    "TakedownModel",
    "TakedownProxy",
    "TakedownTable",
]


URL_ROOM = 170  # px the address keeps, when "How" can give it
HOW_NARROWEST = 80


class _MiddleElide(QStyledItemDelegate):
    """Addresses are shortened in the middle: the site and the end of the path both show."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]


class TakedownTable(QTableView):
    """The reports, sorted from the headers; by default the follow-up column, which puts what
    needs attention first."""

    def __init__(self, proxy: TakedownProxy) -> None:
        super().__init__()
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.setAccessibleName(self.tr("Reports asking to take something down"))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        self.setSortingEnabled(True)
        self.sortByColumn(TakedownModel.FOLLOW_UP, Qt.SortOrder.AscendingOrder)

        self.setItemDelegateForColumn(TakedownModel.URL, _MiddleElide(self))
        self._widths: list[int] = []

    def fit_columns(self) -> None:
        """Each column as wide as its text (a few dozen reports: cheap), the URL the rest."""
        self._widths = []
        for column in range(TakedownModel.URL):
            self.resizeColumnToContents(column)
            widest = 260 if column in (TakedownModel.FOLLOW_UP, TakedownModel.DEADLINE) else 170
            self._widths.append(min(self.columnWidth(column) + 12, widest))
        self._share()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._share()

    def _share(self) -> None:
        """When the room is short, "How" gives way first, so the address keeps some room."""
        if not self._widths:
            return
        widths = list(self._widths)
        short = sum(widths) + URL_ROOM - self.viewport().width()
        how = TakedownModel.HOW
        if short > 0:
            widths[how] = max(HOW_NARROWEST, widths[how] - short)
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)


class TakedownList(QWidget):
    """The left side of the Takedowns tab: the summary line, the table (or a few words when
    there is no report yet) and "Add a report…" under it, as the other tabs have theirs.

    ``chosen(id)`` is emitted when the user picks a report's row (not when code selects one)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.summary = WrappingLabel()
        self.summary.setAccessibleName(self.tr("Summary of your reports"))
        self.model = TakedownModel(self)
        self.proxy = TakedownProxy(self.model)
        self.table = TakedownTable(self.proxy)
        self.empty = WrappingLabel(
            self.tr(
                "No reports yet. When you ask a platform or a search engine to remove something, "
                "add it here: you will see the ticket or case number, when to follow up, and for "
                "US platforms the 48-hour deadline."
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)
        self.add_button = page_button(self.tr("Add a report…"))
        self.add_button.setToolTip(self.tr("Record a request you made to take something down"))
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addLayout(actions)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def select(self, takedown_id: str | None) -> None:
        """Select that report's row (None: no row) without treating it as the user's choice."""
        self._quiet = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of(takedown_id) if takedown_id else None
            if row is None:
                selection.clear()
            else:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                flags = QItemSelectionModel.SelectionFlag
                selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
                self.table.scrollTo(index)
        finally:
            self._quiet = False

    def remove(self, takedown_id: str) -> None:
        """Drop a deleted report's row (the current row moving is not the user's choice)."""
        self._quiet = True
        try:
            self.model.remove(takedown_id)
        finally:
            self._quiet = False

    def show_summary(self) -> None:
        """The summary line as the rows are now; the table, or the words when there is none."""
        counts = self.model.counts()
        self.summary.setText(summary_text(*counts))
        self.summary.setToolTip(summary_tip(counts[1]))
        self.summary.setAccessibleDescription(
            " ".join(t for t in (self.summary.text(), self.summary.toolTip()) if t)
        )
        self.summary.setVisible(bool(counts[0]))  # with none, the words in its place say it
        self.pages.setCurrentWidget(self.table if counts[0] else self.empty)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.chosen.emit(str(current.data(ID_ROLE)))
