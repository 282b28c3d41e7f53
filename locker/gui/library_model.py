"""The evidence items as one Qt model, shared by the grid and the list.

The model holds decrypted item records only while the vault is open (:meth:`LibraryModel.clear`
drops them on lock). Every string from a record is cleaned before it is shown. What each column
says comes from :mod:`locker.gui.library_labels`; sorting and searching are
:mod:`locker.gui.library_sort`'s, on keys the model works out once per item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from locker.case.evidence import EvidenceItem
from locker.gui.library_labels import (
    DESCRIPTION_ONLY,
    happened_epoch,
    happened_text,
    human_size,
    iso_epoch,
    kind_of,
    local_time,
    shows_thumbnail,
    tile_word,
    type_label,
)
from locker.gui.library_sort import SortMode  # also imported from here (tests)
from locker.gui.reveal import RevealState
from locker.gui.thumbnails import LOADING, NO_PICTURE, ThumbnailStore, TileFactory
from locker.gui.widgets import clean_text, plain_tip

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the item id
HIDDEN_ROLE = Qt.ItemDataRole.UserRole + 2  # True: an intimate item shown blurred


def _tr(text: str) -> str:
    return QCoreApplication.translate("library", text)


@dataclass
class _Row:
    """An item with what sorting and searching need, worked out once."""

    item: EvidenceItem
    title: str
    type_label: str
    kind: str
    added: float
    happened: float  # falls back to added
    haystack: str  # every searchable field, casefolded
    seq: int  # the order items came in: breaks ties (many share one added_at second)

    @classmethod
    def of(cls, item: EvidenceItem, seq: int) -> _Row:
        title = clean_text(item.title) or clean_text(item.original_name) or _tr("Untitled item")
        label = type_label(item)
        added = iso_epoch(item.added_at)
        happened = happened_epoch(item)
        fields = (
            item.title,
            item.description,
            item.note,
            item.url,
            item.account,
            item.platform,
            item.original_name,
            label,
        )
        return cls(
            item=item,
            title=title,
            type_label=label,
            kind=kind_of(item),
            added=added,
            happened=added if happened is None else happened,
            haystack="\n".join(f.casefold() for f in fields if f),
            seq=seq,
        )

    def key(self, mode: SortMode) -> tuple[Any, ...]:
        newest = (-self.added, -self.seq)
        if mode == SortMode.OLDEST_ADDED:
            return (self.added, self.seq)
        if mode == SortMode.HAPPENED_NEWEST:
            return (-self.happened, *newest)
        if mode == SortMode.HAPPENED_OLDEST:
            return (self.happened, self.added, self.seq)
        if mode == SortMode.TITLE:
            return (self.title.casefold(), *newest)
        if mode == SortMode.TYPE:
            return (self.type_label.casefold(), *newest)
        if mode == SortMode.SIZE:
            return (-self.item.size, *newest)
        return newest


class LibraryModel(QAbstractTableModel):
    """Read-only rows of :class:`EvidenceItem`. Column GRID is the grid's (title + picture);
    the list shows the others."""

    GRID, TITLE, PLATFORM, HAPPENED, ADDED, TYPE, SIZE, PRIVACY = range(8)

    def __init__(self, reveal: RevealState, thumbs: ThumbnailStore, tiles: TileFactory,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.reveal = reveal
        self.thumbs = thumbs
        self.tiles = tiles
        self._rows: list[_Row] = []
        self._seq = 0
        self._row_of: dict[str, int] = {}
        self._headers = [
            self.tr("Picture"),
            self.tr("Title"),
            self.tr("Platform"),
            self.tr("When it happened"),
            self.tr("Added"),
            self.tr("Type"),
            self.tr("Size"),
            self.tr("Intimate"),
        ]
        thumbs.ready.connect(self._picture_arrived)
        reveal.changed.connect(self._reveal_changed)

    # --- changing the items ----------------------------------------------------------------

    def set_items(self, items: list[EvidenceItem]) -> None:
        self.beginResetModel()
        self._rows = [_Row.of(item, seq) for seq, item in enumerate(items)]
        self._seq = len(self._rows)
        self._reindex()
        self.thumbs.retain(set(self._row_of))
        self.endResetModel()

    def add_items(self, items: list[EvidenceItem]) -> None:
        new: list[_Row] = []
        for item in items:
            if item.id in self._row_of:
                self.replace_item(item)
            elif item.id not in {row.item.id for row in new}:
                new.append(_Row.of(item, self._seq))
                self._seq += 1
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self._reindex()
            self.endInsertRows()

    def replace_item(self, item: EvidenceItem) -> bool:
        """Show an edited item; False if it is not in the model."""
        row = self._row_of.get(item.id)
        if row is None:
            return False
        old = self._rows[row].item
        if old.intimate != item.intimate or shows_thumbnail(old) != shows_thumbnail(item):
            self.thumbs.forget(item.id)
        self._rows[row] = _Row.of(item, self._rows[row].seq)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def clear(self) -> None:
        self.set_items([])

    def _reindex(self) -> None:
        self._row_of = {row.item.id: n for n, row in enumerate(self._rows)}

    # --- reading ---------------------------------------------------------------------------

    def item(self, row: int) -> EvidenceItem:
        return self._rows[row].item

    def items(self) -> list[EvidenceItem]:
        return [row.item for row in self._rows]

    def row_of(self, item_id: str) -> int | None:
        return self._row_of.get(item_id)

    def sort_key(self, row: int, mode: SortMode) -> tuple[Any, ...]:
        return self._rows[row].key(mode)

    def matches(self, row: int, words: list[str]) -> bool:
        haystack = self._rows[row].haystack
        return all(word in haystack for word in words)

    def is_hidden(self, item_id: str) -> bool:
        """True for an intimate item the user has not revealed."""
        row = self._row_of.get(item_id)
        return (
            row is not None
            and self._rows[row].item.intimate
            and not self.reveal.is_revealed(item_id)
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        item = row.item
        if role == ID_ROLE:
            return item.id
        if role == HIDDEN_ROLE:
            return self.is_hidden(item.id)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._picture(row) if column == self.GRID else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # shown as written, never as markup
            if column in (self.GRID, self.TITLE):
                return plain_tip(f"{row.title}\n{row.type_label}, {human_size(item.size)}")
            return plain_tip(self._text(row, column)) or None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.GRID:
            parts = [row.title, row.type_label]
            if item.intimate:
                parts.append(self._privacy(item))
            return ", ".join(parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: _Row, column: int) -> str:
        item = row.item
        if column in (self.GRID, self.TITLE):
            return row.title
        if column == self.PLATFORM:
            return clean_text(item.platform, 80)
        if column == self.HAPPENED:
            return happened_text(item)
        if column == self.ADDED:
            return local_time(item.added_at)
        if column == self.TYPE:
            return row.type_label
        if column == self.SIZE:
            return "" if item.provenance == DESCRIPTION_ONLY else human_size(item.size)
        if column == self.PRIVACY:
            return self._privacy(item) if item.intimate else ""
        return ""

    def _privacy(self, item: EvidenceItem) -> str:
        if self.reveal.is_revealed(item.id):
            return self.tr("intimate, shown")
        return self.tr("intimate, hidden")

    def _picture(self, row: _Row) -> Any:
        item = row.item
        if shows_thumbnail(item):
            picture = self.thumbs.lookup(item.id, self.is_hidden(item.id))
            if picture is LOADING:
                return self.tiles.tile("loading", "")
            if picture is not NO_PICTURE:
                return picture
        return self.tiles.tile(row.kind, tile_word(row.kind, item))

    # --- updates from outside ----------------------------------------------------------------

    def _picture_arrived(self, item_id: str) -> None:
        row = self._row_of.get(item_id)
        if row is not None:
            index = self.index(row, self.GRID)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _reveal_changed(self) -> None:
        hidden = {r.item.id for r in self._rows if r.item.intimate} - {self.reveal.revealed_id}
        self.thumbs.rehide(hidden)  # no sharp picture of a hidden item stays in memory
        for n, r in enumerate(self._rows):
            if r.item.intimate:
                self.dataChanged.emit(self.index(n, self.GRID), self.index(n, self.GRID))
                self.dataChanged.emit(self.index(n, self.PRIVACY), self.index(n, self.PRIVACY))
