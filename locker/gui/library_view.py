"""The evidence library: a grid of pictures or a list, with sort and search, over one model.

Both views share one proxy and one selection, so switching between them keeps the item the user
was looking at. Intimate items are blurred in the grid, with a label saying so, until the user
reveals that one item (:mod:`locker.gui.reveal`); the list never shows a picture. The views
themselves are :mod:`locker.gui.library_grid` and :mod:`locker.gui.library_table`; this module
holds the search, sort and view switches, the empty states, and which item is current.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from locker.case import evidence
from locker.case.evidence import EvidenceItem
from locker.gui.library_grid import PICTURE, ROWS, GridView
from locker.gui.library_model import LibraryModel
from locker.gui.library_sort import LibraryProxy, SortMode, sort_mode_names
from locker.gui.library_table import LibraryTable
from locker.gui.reveal import RevealState
from locker.gui.thumbnails import ThumbnailStore, TileFactory
from locker.gui.widgets import MessageLabel, heading, page_button, paragraph
from locker.vault import Vault


class LibraryView(QWidget):
    """Everything in the vault, as pictures or as a list. Holds decrypted data until
    :meth:`clear`."""

    current_item_changed = Signal(object)  # EvidenceItem or None

    def __init__(
        self, reveal: RevealState, parent: QWidget | None = None, *, thumbnail_threads: int = 1
    ) -> None:
        super().__init__(parent)
        self.reveal = reveal
        self.vault: Vault | None = None
        self._current_id: str | None = None
        dpr = self.devicePixelRatioF()
        self.tiles = TileFactory(PICTURE, dpr)
        self.thumbs = ThumbnailStore(PICTURE, dpr=dpr, threads=thumbnail_threads, parent=self)
        self.model = LibraryModel(reveal, self.thumbs, self.tiles, self)
        self.thumbs.is_hidden = self.model.is_hidden  # the model knows which items are hidden
        self.proxy = LibraryProxy(self.model)

        self.grid = GridView(self.proxy)

        self.table = LibraryTable(self.proxy, self.grid.selectionModel())
        self.table.sort_requested.connect(self.set_sort)

        for view in (self.grid, self.table):
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
            view.setAcceptDrops(False)  # files dropped here go to the window (import)
            view.viewport().setAcceptDrops(False)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)

        self._build_controls()
        self._build_pages()
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_state)
        self._update_state()

    # --- building ------------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search titles, notes, links, accounts…"))
        self.search.setAccessibleName(self.tr("Search the evidence"))
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)

        self.sort = QComboBox()
        for mode, name in sort_mode_names():
            self.sort.addItem(name, int(mode))
        self.sort.setAccessibleName(self.tr("Sort order"))
        self.sort.currentIndexChanged.connect(self._sort_changed)
        sort_label = QLabel(self.tr("&Sort:"))
        sort_label.setBuddy(self.sort)

        self.grid_button = QToolButton()
        self.grid_button.setText(self.tr("Grid"))
        self.grid_button.setToolTip(self.tr("Show pictures"))
        self.list_button = QToolButton()
        self.list_button.setText(self.tr("List"))
        self.list_button.setToolTip(self.tr("Show a list with details"))
        self.mode_group = QButtonGroup(self)
        for button in (self.grid_button, self.list_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.mode_group.addButton(button)
        self.grid_button.setChecked(True)
        self.mode_group.buttonToggled.connect(self._mode_toggled)

        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(sort_label)
        row.addWidget(self.sort)
        row.addSpacing(8)
        row.addWidget(self.grid_button)
        row.addWidget(self.list_button)

    def _build_pages(self) -> None:
        self.empty_state = QWidget()
        empty = QVBoxLayout(self.empty_state)
        empty.addStretch(1)
        self.empty_title = heading(self.tr("There is nothing in this vault yet"), 1.2)
        self.empty_text = paragraph(
            self.tr(
                "Add screenshots or files with Add files, paste a screenshot with Ctrl+V, "
                "or drag files here."
            )
        )
        for label in (self.empty_title, self.empty_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.addWidget(label)
        empty.addStretch(2)

        self.no_match = QWidget()
        no_match = QVBoxLayout(self.no_match)
        no_match.addStretch(1)
        self.no_match_text = paragraph("")
        self.no_match_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_search_button = page_button(self.tr("Clear the search"))
        self.clear_search_button.clicked.connect(lambda: self.search.setText(""))
        no_match.addWidget(self.no_match_text)
        no_match.addWidget(self.clear_search_button, 0, Qt.AlignmentFlag.AlignCenter)
        no_match.addStretch(2)

        self.views = QStackedWidget()
        for page in (self.empty_state, self.no_match, self.grid, self.table):
            self.views.addWidget(page)

        self.damaged_notice = MessageLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        layout.addWidget(self.count_label)
        layout.addWidget(self.damaged_notice)
        layout.addWidget(self.views, 1)

    # --- the contract ----------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """Where thumbnails are read from; ``None`` on lock."""
        self.vault = vault
        if vault is None:
            self.thumbs.set_loader(None)
        else:
            self.thumbs.set_loader(lambda item_id: evidence.load_thumbnail(vault, item_id))

    def show_items(self, items: list[EvidenceItem], damaged: list[str]) -> None:
        self.proxy.keep_id = None
        self.model.set_items(items)
        if damaged:
            n = len(damaged)
            self.damaged_notice.show_message(
                self.tr(
                    "1 item could not be read because part of the vault file is damaged. "
                    "Everything else is shown."
                )
                if n == 1
                else self.tr(
                    "%n items could not be read because part of the vault file is damaged. "
                    "Everything else is shown.",
                    "",
                    n,
                )
            )
        else:
            self.damaged_notice.clear_message()
        self._update_state()
        self._sync_current()

    def add_items(self, items: list[EvidenceItem]) -> None:
        """New items join the view (sorted in); the selection stays where it was."""
        self.model.add_items(items)
        self._update_state()

    def replace_item(self, item: EvidenceItem) -> None:
        """Show an edited item, sorted and filtered again. The item being looked at stays in
        view even if it no longer matches the search, so it does not vanish mid-edit."""
        if item.id == self._current_id:
            self.proxy.keep_id = item.id
        if self.model.replace_item(item):
            self.proxy.refilter()
            self._scroll_to_current()

    def clear(self) -> None:
        """Drop every item, every picture and the search text (called on lock)."""
        self.set_vault(None)
        self.search.setText("")  # setText, not clear(): clear() is undoable and keeps the text
        self.proxy.keep_id = None
        self.model.clear()
        self.thumbs.clear()
        self.tiles.clear()
        self.damaged_notice.clear_message()
        self._update_state()
        self._sync_current()

    def current_item(self) -> EvidenceItem | None:
        row = self.model.row_of(self._current_id) if self._current_id else None
        return None if row is None else self.model.item(row)

    def select_item(self, item_id: str) -> bool:
        """Select (and scroll to) an item; the search is cleared if it hides the item."""
        row = self.model.row_of(item_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, LibraryModel.GRID))
        if not index.isValid():
            self.search.setText("")
            index = self.proxy.mapFromSource(self.model.index(row, LibraryModel.GRID))
        self.grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | ROWS
        )
        self._scroll_to_current()
        return True

    # --- modes, sort, search -----------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """ "grid" or "list"."""
        (self.list_button if mode == "list" else self.grid_button).setChecked(True)

    @property
    def mode(self) -> str:
        return "list" if self.list_button.isChecked() else "grid"

    def set_sort(self, mode: SortMode) -> None:
        self.sort.setCurrentIndex(self.sort.findData(int(mode)))

    def _mode_toggled(self, _button: QToolButton, checked: bool) -> None:
        if checked:
            before = self.views.currentWidget()
            had_focus = before is not None and before.hasFocus()
            self._update_state()
            self._scroll_to_current()
            after = self.views.currentWidget()
            if had_focus and after is not None:
                after.setFocus()

    def _sort_changed(self) -> None:
        self.proxy.set_mode(SortMode(self.sort.currentData()))
        self._scroll_to_current()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_state()
        self._sync_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's API
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.setText("")
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                view = self.views.currentWidget()
                if isinstance(view, QAbstractItemView):  # on to the results
                    view.setFocus()
                    if self._current_id is None and self.proxy.rowCount():
                        self.select_item(self._id_at(self.proxy.index(0, LibraryModel.GRID)))
                    return True
        return super().eventFilter(watched, event)

    # --- state -----------------------------------------------------------------------------

    def _update_state(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.controls.setVisible(total > 0)
        self.count_label.setVisible(total > 0)
        if total == 0:
            self.views.setCurrentWidget(self.empty_state)
        elif shown == 0:
            self.no_match_text.setText(
                self.tr("No items match “%1”.").replace("%1", self.search.text().strip())
            )
            self.views.setCurrentWidget(self.no_match)
        else:
            self.views.setCurrentWidget(self.table if self.mode == "list" else self.grid)
        if self.proxy.searching:
            self.count_label.setText(
                self.tr("Showing %1 of %2 items")
                .replace("%1", str(shown))
                .replace("%2", str(total))
            )
        elif total == 1:
            self.count_label.setText(self.tr("1 item in this vault"))
        else:
            self.count_label.setText(self.tr("%n items in this vault", "", total))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._sync_current()

    def _sync_current(self) -> None:
        selection = self.grid.selectionModel().selection().indexes()
        item_id = self._id_at(selection[0]) if selection else None
        if item_id != self._current_id:
            self._current_id = item_id
            if self.proxy.keep_id is not None and self.proxy.keep_id != item_id:
                self.proxy.refilter(keep_id=None)
            self.current_item_changed.emit(self.current_item())

    def _id_at(self, index: QModelIndex) -> str:
        source = self.proxy.mapToSource(index)
        return self.model.item(source.row()).id

    def _scroll_to_current(self) -> None:
        current = self.grid.selectionModel().currentIndex()
        if current.isValid():
            view = self.table if self.mode == "list" else self.grid
            column = LibraryModel.TITLE if view is self.table else LibraryModel.GRID
            view.scrollTo(current.siblingAtColumn(column))
