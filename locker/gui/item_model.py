"""The table of evidence items: title, original file name, size, date added (local time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from locker.case.evidence import EvidenceItem
from locker.gui.widgets import clean_text

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def human_size(size: int) -> str:
    """A size as people read it ("1.2 MB"), in the user's locale."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def local_time(iso_utc: str) -> str:
    """An ISO-8601 UTC time ("…Z") shown in local time as "2026-11-21 08:38": year first is read
    the same way in every country, which matters on evidence. The raw text if unreadable."""
    when = QDateTime.fromString(iso_utc, Qt.DateFormat.ISODate)
    if not when.isValid():
        return clean_text(iso_utc)
    return when.toLocalTime().toString("yyyy-MM-dd HH:mm")


class ItemTableModel(QAbstractTableModel):
    """Read-only rows built from :class:`EvidenceItem` (already decrypted, held in memory
    only while the vault is open; :meth:`clear` drops them on lock)."""

    TITLE, NAME, SIZE, ADDED = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[EvidenceItem] = []
        self._headers = [
            self.tr("Title"),
            self.tr("Original file name"),
            self.tr("Size"),
            self.tr("Added"),
        ]

    def set_items(self, items: list[EvidenceItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([])

    def item(self, row: int) -> EvidenceItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.TITLE:
                return clean_text(item.title) or clean_text(item.original_name)
            if column == self.NAME:
                return clean_text(item.original_name)
            if column == self.SIZE:
                return human_size(item.size)
            if column == self.ADDED:
                return local_time(item.added_at)
        if role == SORT_ROLE:
            if column == self.SIZE:
                return item.size
            if column == self.ADDED:
                return item.added_at  # ISO UTC text sorts in time order
            return self.data(index, Qt.ItemDataRole.DisplayRole).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def sorting_proxy(model: ItemTableModel) -> QSortFilterProxyModel:
    """A proxy that sorts by real values (bytes, time), not by the displayed text."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
