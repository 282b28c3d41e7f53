"""The library's list: one row per item with its details, sortable from the column headers.

It never shows a picture (the grid column is hidden), so an intimate item is only named
"intimate, hidden" here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from locker.gui.library_model import LibraryModel
from locker.gui.library_sort import LibraryProxy, SortMode

TITLE_MIN_WIDTH = 220  # px: enough for a title to be read in the list


class LibraryTable(QTableView):
    """The list, sharing the grid's proxy and selection. A click on a header asks for that sort
    with :attr:`sort_requested` (the sort box is the one place the order is set)."""

    sort_requested = Signal(object)  # SortMode

    def __init__(self, proxy: LibraryProxy, selection: QItemSelectionModel) -> None:
        super().__init__()
        self._proxy = proxy
        self.setModel(proxy)
        self.setSelectionModel(selection)
        self.setColumnHidden(LibraryModel.GRID, True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.setAccessibleName(self.tr("Evidence in the vault, as a list"))
        header = self.horizontalHeader()
        # Widths from sample text, not ResizeToContents: that one reads up to 1,000 rows again
        # on every change (each arriving thumbnail), which stalled scrolling by ~0.4 s a step.
        # The title takes what the other columns leave, but never less than TITLE_MIN_WIDTH:
        # Qt's Stretch mode would squeeze it to a few pixels in a narrow pane (the list then
        # scrolls sideways instead). _fit_title_column does it on every resize.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.viewport().installEventFilter(self)
        metrics = self.fontMetrics()
        samples = {
            LibraryModel.PLATFORM: "Instagram  ",
            LibraryModel.HAPPENED: "2026-11-21 14:03 (Europe)",
            LibraryModel.ADDED: "2026-11-21 14:03",
            LibraryModel.TYPE: "PDF document",
            LibraryModel.SIZE: "999.9 MB",
            LibraryModel.PRIVACY: self.tr("intimate, hidden"),
        }
        source = proxy.sourceModel()
        for column, sample in samples.items():
            title = str(source.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, width + 24)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)

    def _header_clicked(self, column: int) -> None:
        current = self._proxy.mode
        choice = {
            LibraryModel.TITLE: SortMode.TITLE,
            LibraryModel.TYPE: SortMode.TYPE,
            LibraryModel.SIZE: SortMode.SIZE,
            LibraryModel.ADDED: SortMode.OLDEST_ADDED
            if current == SortMode.NEWEST_ADDED
            else SortMode.NEWEST_ADDED,
            LibraryModel.HAPPENED: SortMode.HAPPENED_OLDEST
            if current == SortMode.HAPPENED_NEWEST
            else SortMode.HAPPENED_NEWEST,
        }.get(column)
        if choice is not None:
            self.sort_requested.emit(choice)

    def _fit_title_column(self) -> None:
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(self._proxy.sourceModel().columnCount())
            if c != LibraryModel.TITLE and not header.isSectionHidden(c)
        )
        room = self.viewport().width() - others
        header.resizeSection(LibraryModel.TITLE, max(TITLE_MIN_WIDTH, room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's API
        if event.type() == QEvent.Type.Resize and watched is self.viewport():
            self._fit_title_column()
            return False
        return super().eventFilter(watched, event)
