"""The open vault: the list of evidence items, or a calm note when there are none yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from locker.case.evidence import EvidenceItem
from locker.gui.autolock import DEFAULT_MINUTES
from locker.gui.item_model import ItemTableModel, sorting_proxy
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, heading, paragraph
from locker.vault import Vault


class VaultPage(QWidget):
    """Shows what is in the vault. Holds decrypted item data only until :meth:`clear`."""

    auto_lock_changed = Signal(int)  # minutes

    def __init__(
        self, runner: TaskRunner, reveal: RevealState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reveal = reveal
        self.vault: Vault | None = None
        self.model = ItemTableModel(self)
        self.proxy = sorting_proxy(self.model)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Items in the vault"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ItemTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ItemTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ItemTableModel.SIZE, ItemTableModel.ADDED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.sortByColumn(ItemTableModel.ADDED, Qt.SortOrder.AscendingOrder)

        self.empty_state = QWidget()
        empty_layout = QVBoxLayout(self.empty_state)
        empty_layout.addStretch(1)
        self.empty_title = heading(self.tr("There is nothing in this vault yet"), 1.2)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = paragraph(
            self.tr(
                "Screenshots, files and notes you add will be listed here, "
                "with their size and the date they were added."
            )
        )
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)

        self.views = QStackedWidget()
        self.views.addWidget(self.empty_state)
        self.views.addWidget(self.table)

        self.count_label = QLabel()
        self.damaged_notice = MessageLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(self.count_label)
        layout.addWidget(self.damaged_notice)
        layout.addWidget(self.views, 1)

    def show_items(self, items: list[EvidenceItem], damaged: list[str]) -> None:
        self.model.set_items(items)
        # "%n items" is a numerus string for translators; English has no .qm, hence the 1 case.
        n = len(items)
        self.count_label.setText(
            self.tr("1 item in this vault") if n == 1 else self.tr("%n items in this vault", "", n)
        )
        self.count_label.setVisible(bool(items))
        self.views.setCurrentWidget(self.table if items else self.empty_state)
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

    def clear(self) -> None:
        """Drop every decrypted value this page holds (called on lock)."""
        self.show_items([], [])
        self.table.clearSelection()

    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault

    def auto_lock_minutes(self) -> int:
        return DEFAULT_MINUTES

    def stop_work(self) -> None:
        """Cancel running work (an import) before a lock."""

    def add_files(self, paths: list[str]) -> None:
        """Files dropped on the window."""
