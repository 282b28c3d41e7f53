"""The library's sort orders and the proxy that sorts and searches the model's rows.

The proxy asks the model for each row's sort key and search text, which
:class:`locker.gui.library_model.LibraryModel` works out once per item.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

if TYPE_CHECKING:
    from locker.gui.library_model import LibraryModel

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("library", text)  # the model's context: one catalogue


class SortMode(enum.IntEnum):
    NEWEST_ADDED = 0
    OLDEST_ADDED = 1
    HAPPENED_NEWEST = 2
    HAPPENED_OLDEST = 3
    TITLE = 4
    TYPE = 5
    SIZE = 6


def sort_mode_names() -> list[tuple[SortMode, str]]:
    return [
        (SortMode.NEWEST_ADDED, _tr("Newest added first")),
        (SortMode.OLDEST_ADDED, _tr("Oldest added first")),
        (SortMode.HAPPENED_NEWEST, _tr("When it happened, newest first")),
        (SortMode.HAPPENED_OLDEST, _tr("When it happened, oldest first")),
        (SortMode.TITLE, _tr("Title (A to Z)")),
        (SortMode.TYPE, _tr("Type")),
        (SortMode.SIZE, _tr("Size, largest first")),
    ]


class LibraryProxy(QSortFilterProxyModel):
    """Sorts by the chosen :class:`SortMode` and keeps the rows matching every search word
    (case-insensitive, in any searchable field)."""

    def __init__(self, model: LibraryModel) -> None:
        super().__init__(model)
        self._model = model
        self.mode = SortMode.NEWEST_ADDED
        self._words: list[str] = []
        self.keep_id: str | None = (
            None  # an item just edited stays in view until the search changes
        )
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.refilter(words=words, keep_id=None)

    def set_mode(self, mode: SortMode) -> None:
        if mode != self.mode:
            self.mode = mode
            self.invalidate()

    def refilter(self, **changes: Any) -> None:
        """Apply ``changes`` (``words``, ``keep_id``) and filter the rows again."""
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.9+; the old call is deprecated
        if begin is not None:
            begin()
        if "words" in changes:
            self._words = changes["words"]
        if "keep_id" in changes:
            self.keep_id = changes["keep_id"]
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    @property
    def searching(self) -> bool:
        return bool(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        if self.keep_id is not None and self._model.item(source_row).id == self.keep_id:
            return True
        return self._model.matches(source_row, self._words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 - Qt's API
        return self._model.sort_key(left.row(), self.mode) < self._model.sort_key(
            right.row(), self.mode
        )
