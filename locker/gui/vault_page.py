"""The open vault: ways in along the top, the library on the left, the chosen item on the
right, and the progress of an import along the bottom.

The page only composes and wires the pieces: :class:`LibraryView` (what is in the vault),
:class:`DetailPane` (one item), :class:`ImportFlow` (add files, paste, capture, description).
It also offers the auto-lock choice, kept in the vault's own settings (never on the computer).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from locker.case import evidence
from locker.case.evidence import EvidenceItem
from locker.case.settings import AUTO_LOCK_CHOICES, load_settings, save_settings
from locker.gui import messages
from locker.gui.autolock import DEFAULT_MINUTES, choice_label
from locker.gui.detail_pane import DetailPane
from locker.gui.flow_layout import FlowLayout
from locker.gui.import_flow import ImportFlow
from locker.gui.library_view import LibraryView
from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, page_button, set_checked_quietly
from locker.vault import Vault, VaultError

SIDE_BY_SIDE_MIN_WIDTH = 1000  # px: below this the detail pane goes under the library


class VaultPage(QWidget):
    """Holds decrypted data (through its pieces) only until :meth:`clear`."""

    auto_lock_changed = Signal(int)  # minutes, chosen by the user

    def __init__(
        self, runner: TaskRunner, reveal: RevealState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reveal = reveal
        self.vault: Vault | None = None
        self._minutes = DEFAULT_MINUTES

        self.library = LibraryView(reveal)
        self.detail = DetailPane(runner, reveal)
        self.import_flow = ImportFlow(runner, self)
        # The library's views, under the names the page has always had (tests use them).
        self.views = self.library.views
        self.empty_state = self.library.empty_state
        self.table = self.library.table
        self.model = self.library.model
        self.proxy = self.library.proxy
        self.count_label = self.library.count_label

        self.message = MessageLabel()
        self._build_ways_in()
        self._build_options()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 420])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.ways_in)
        layout.addWidget(self.options)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.import_flow.progress_widget)

        self.library.current_item_changed.connect(self.detail.show_item)
        self.detail.item_changed.connect(self._item_changed)
        self.detail.keep_item_selected.connect(self.library.select_item)
        self.import_flow.items_added.connect(self._items_added)
        self.import_flow.reload_needed.connect(self.reload)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Side by side when there is room; the chosen item under the library when narrow
        (a small laptop screen, large fonts), so neither is squeezed to a sliver."""
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE_MIN_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            total = self.splitter.width() if wide else self.splitter.height()
            self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])

    # --- building ----------------------------------------------------------------------------

    def _build_ways_in(self) -> None:
        flow = self.import_flow
        self.add_button = page_button(self.tr("Add files…"))
        self.add_button.setToolTip(self.tr("Choose files to keep in the vault (Ctrl+O)"))
        self.add_button.clicked.connect(flow.choose_and_add)
        self.paste_button = page_button(self.tr("Paste (Ctrl+V)"))
        self.paste_button.setToolTip(self.tr("Add the screenshot or picture you copied (Ctrl+V)"))
        self.paste_button.clicked.connect(flow.paste)
        self.capture_button = page_button(self.tr("Capture screen"))
        self.capture_button.setToolTip(
            self.tr(
                "This window hides for a moment while the whole screen is captured, then comes back"
            )
        )
        self.capture_button.clicked.connect(lambda: flow.capture_screen(self.window()))
        self.describe_button = page_button(self.tr("Add a description only…"))
        self.describe_button.setToolTip(
            self.tr("Keep a link or a note about something, without a file")
        )
        self.describe_button.clicked.connect(lambda: flow.add_description_only())

        # Shortcuts for the whole window while this page shows. In a text field, Ctrl+V
        # pastes text as usual: the field claims the key first.
        self.add_action = self._shortcut(QKeySequence.StandardKey.Open, flow.choose_and_add)
        self.paste_action = self._shortcut(QKeySequence.StandardKey.Paste, flow.paste)

        # One row that wraps onto more lines when it does not fit (large fonts).
        self.ways_in = QWidget()
        row = FlowLayout(self.ways_in)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.add_button,
            self.paste_button,
            self.capture_button,
            self.describe_button,
        ):
            row.add_widget(button)

    def _shortcut(self, key: QKeySequence.StandardKey, slot: object) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_options(self) -> None:
        self._option_boxes: dict[QObject, QAction] = {}
        self.remove_originals = self._option_box(
            self.import_flow.remove_originals_action,
            self.tr("You will see a short note about copies that may remain, before it is on."),
        )
        hide_new = self.import_flow.hide_new.action
        self.hide_new = self._option_box(hide_new, hide_new.toolTip())

        self.auto_lock = QComboBox()
        for minutes in AUTO_LOCK_CHOICES:
            self.auto_lock.addItem(choice_label(minutes), minutes)
        self.auto_lock.setCurrentIndex(self.auto_lock.findData(DEFAULT_MINUTES))
        self.auto_lock.setAccessibleName(self.tr("Lock the vault automatically"))
        self.auto_lock.setToolTip(
            self.tr(
                "When nobody uses the computer for this long, the vault locks itself. "
                "This choice is kept inside the vault."
            )
        )
        self.auto_lock.activated.connect(self._auto_lock_chosen)
        auto_lock_label = QLabel(self.tr("&Lock automatically:"))
        auto_lock_label.setBuddy(self.auto_lock)

        # The label and its choice stay together, on the right while the row fits on one line.
        auto_lock_pair = QWidget()
        pair = QHBoxLayout(auto_lock_pair)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(auto_lock_label)
        pair.addWidget(self.auto_lock)

        self.options = QWidget()
        row = FlowLayout(self.options)
        row.setContentsMargins(0, 0, 0, 0)
        row.add_widget(self.remove_originals)
        row.add_widget(self.hide_new)
        row.add_widget(auto_lock_pair, right=True)

    def _option_box(self, action: QAction, tip: str) -> QCheckBox:
        """A check box for one of the import flow's options. Ticking asks the flow, which may
        refuse (Cancel on a note, Go back on the minors question) or turn it off later (a lock)
        without a signal; its action then tells the widgets it is added to (ActionChanged)."""
        box = QCheckBox(action.text())
        box.setToolTip(tip)
        box.toggled.connect(action.setChecked)
        box.addAction(action)
        box.installEventFilter(self)
        self._option_boxes[box] = action
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        action = self._option_boxes.get(watched)
        if action is not None and event.type() == QEvent.Type.ActionChanged:
            assert isinstance(watched, QCheckBox)
            set_checked_quietly(watched, action.isChecked())
        return super().eventFilter(watched, event)

    # --- the vault ---------------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """The open vault (None on lock): handed to every piece; its auto-lock choice read."""
        self.vault = vault
        self.library.set_vault(vault)
        self.detail.set_vault(vault)
        self.import_flow.set_vault(vault)
        self.message.clear_message()
        minutes = DEFAULT_MINUTES
        if vault is not None:
            try:
                minutes = load_settings(vault).auto_lock_minutes
            except VaultError:
                minutes = DEFAULT_MINUTES  # settings never stand between a survivor and a vault
        self._minutes = minutes
        self.auto_lock.setCurrentIndex(self.auto_lock.findData(minutes))

    def auto_lock_minutes(self) -> int:
        """The idle time this vault asks for."""
        return self._minutes

    def _auto_lock_chosen(self, index: int) -> None:
        minutes = int(self.auto_lock.itemData(index))
        self._minutes = minutes
        if self.vault is not None:
            try:
                # Only the auto-lock time changes: the vault's other settings are kept.
                settings = replace(load_settings(self.vault), auto_lock_minutes=minutes)
                save_settings(self.vault, settings)
            except VaultError as err:
                self.message.show_message(
                    self.tr(
                        "The new auto-lock time works until the vault is locked, but it could "
                        "not be kept in the vault: {reason}"
                    ).format(reason=messages.describe(err))
                )
        self.auto_lock_changed.emit(minutes)

    def show_items(self, items: list[EvidenceItem], damaged: list[str]) -> None:
        self.library.show_items(items, damaged)

    def reload(self) -> None:
        """Read the list again (after an add stopped on an error: what got in is unknown)."""
        vault = self.vault
        if vault is None:
            return

        def done(result: tuple[list[EvidenceItem], list[str]]) -> None:
            if self.vault is vault:
                self.library.show_items(*result)

        def failed(err: VaultError) -> None:
            if self.vault is vault:
                self.message.show_message(messages.describe(err))

        self.runner.run(lambda: evidence.list_items(vault), done, failed)

    def _item_changed(self, item: EvidenceItem) -> None:
        """An edit was saved. An item saved as not intimate is no longer "revealed": otherwise
        ticking the box again later would leave it shown, in the grid and the viewer, without
        the user pressing Reveal on it again."""
        if not item.intimate and self.reveal.is_revealed(item.id):
            self.reveal.hide_all()
        self.library.replace_item(item)

    def _items_added(self, items: list[EvidenceItem]) -> None:
        self.library.add_items(items)
        # One new item (a paste, a capture, a description) is what the user wants to see
        # next; after a bulk add, the selection stays where it was.
        if len(items) == 1:
            self.library.select_item(items[0].id)

    def add_files(self, paths: list[str]) -> None:
        """Files dropped on the window."""
        self.import_flow.add_files(paths)

    def stop_work(self) -> None:
        """Before a lock: stop an import (what was committed stays, the current file is rolled
        back) and drop its dialogs; nothing of it is shown afterwards."""
        self.import_flow.cancel()

    def clear(self) -> None:
        """Drop every decrypted value this page holds (lock, quick exit)."""
        self.import_flow.cancel()
        self.detail.clear()
        self.library.clear()
        self.message.clear_message()
