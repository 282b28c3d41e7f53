"""Choosing evidence to link to an incident: the vault's items by title, type and date; and
the flow that links what was chosen (:class:`LinkFlow`).

Titles only, never a picture: an intimate item is as safe here as anywhere. Several items can be
chosen at once; the search field keeps the rows whose title, type or date contain what is typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locker.case import evidence, incidents
from locker.case.evidence import EvidenceItem
from locker.case.incidents import Incident
from locker.gui.library_labels import happened_text, local_time, type_label
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import WrappingLabel, run_modal
from locker.text import clean_line
from locker.vault import Vault, VaultError

_ITEM_ID = Qt.ItemDataRole.UserRole


def item_date(item: EvidenceItem) -> str:
    """When it happened if known, else when it was added (said so)."""
    return happened_text(item) or QCoreApplication.translate(
        "EvidencePicker", "added {when}"
    ).format(when=local_time(item.added_at, 40))


class EvidencePicker(QDialog):
    """The items not yet linked; :meth:`chosen` lists the ids the user selected."""

    def __init__(
        self, items: list[EvidenceItem], already: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link evidence"))
        self.resize(640, 460)
        intro = WrappingLabel(
            self.tr(
                "Choose the items that belong to this incident. Hold Ctrl (or ⌘) to choose "
                "more than one."
            )
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by title, type or date"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Title"), self.tr("Type"), self.tr("Date")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setAccessibleName(self.tr("Items in the vault"))
        for item in items:
            if item.id in already:
                continue
            title = clean_line(item.title, 200).strip() or self.tr("(no title)")
            row = QTreeWidgetItem([title, type_label(item), item_date(item)])
            row.setData(0, _ITEM_ID, item.id)
            self.tree.addTopLevelItem(row)
        self.empty = WrappingLabel(
            self.tr("Every item in the vault is linked to this incident already.")
            if items
            else self.tr("The vault has no evidence yet. Add some on the Evidence tab first.")
        )
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)
        self.buttons = QDialogButtonBox()
        self.link_button = self.buttons.addButton(
            self.tr("Link"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.tree.itemSelectionChanged.connect(self._update)
        self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        self._update()
        self.search.setFocus()

    def rows(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def visible_titles(self) -> list[str]:
        return [row.text(0) for row in self.rows() if not row.isHidden()]

    def select_titles(self, titles: list[str]) -> None:
        """Select the visible rows with these titles (what a user's Ctrl+click does)."""
        for row in self.rows():
            row.setSelected(row.text(0) in titles and not row.isHidden())

    def chosen(self) -> list[str]:
        """The selected item ids, in the order shown."""
        return [str(row.data(0, _ITEM_ID)) for row in self.rows() if row.isSelected()]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in self.rows():
            hay = " ".join(row.text(c) for c in range(3)).casefold()
            hidden = bool(needle) and needle not in hay
            row.setHidden(hidden)
            if hidden:
                row.setSelected(False)

    def _update(self) -> None:
        self.link_button.setEnabled(bool(self.chosen()))


def pick_evidence(parent: QWidget, items: list[EvidenceItem], already: set[str]) -> list[str]:
    """Ask which items to link; [] when the user cancelled or chose none."""
    dialog = EvidencePicker(items, already, parent)
    try:
        if run_modal(dialog) != QDialog.DialogCode.Accepted.value:
            return []
        return dialog.chosen()
    finally:
        dialog.deleteLater()


class LinkFlow(QObject):
    """Linking evidence to the incident on screen, through the TaskRunner and the core.

    For a saved incident, a link or unlink is written at once (``changed(incident)`` follows,
    with the incident as stored now). For one not saved yet, the chosen ids wait in
    :attr:`pending` (``pending_changed``) until the page saves it. :attr:`titles` maps item ids
    to titles for showing the links; :meth:`clear` drops both (lock)."""

    changed = Signal(object)
    pending_changed = Signal()
    failed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent
        self._generation = 0
        self.pending: list[str] = []
        self.titles: dict[str, str] = {}

    def clear(self) -> None:
        self._generation += 1
        self.pending = []
        self.titles = {}

    def choose(self, vault: Vault, incident_id: str | None, linked: list[str]) -> None:
        """Read the items, ask which to link (``incident_id`` None: a new incident)."""
        generation = self._generation

        def ask(items: list[EvidenceItem]) -> None:
            if generation != self._generation:
                return
            self.titles.update({item.id: item.title for item in items})
            chosen = pick_evidence(self._parent, items, set(linked))
            if not chosen or generation != self._generation:
                return
            if incident_id is None:
                self.pending.extend(i for i in chosen if i not in self.pending)
                self.pending_changed.emit()
            else:
                self._write(lambda: incidents.link_evidence(vault, incident_id, chosen))

        self._runner.run(
            lambda: evidence.list_items(vault)[0],
            # After the delivery, not inside it: the dialog runs its own event loop.
            lambda items: QTimer.singleShot(0, lambda: ask(items)),
            lambda err: self._failed(err, generation),
        )

    def unlink(self, vault: Vault, incident_id: str | None, item_id: str) -> None:
        if incident_id is None:
            if item_id in self.pending:
                self.pending.remove(item_id)
            self.pending_changed.emit()
            return
        self._write(lambda: incidents.unlink_evidence(vault, incident_id, item_id))

    def _write(self, work: Callable[[], Incident]) -> None:
        generation = self._generation

        def done(incident: Incident) -> None:
            if generation == self._generation:
                self.changed.emit(incident)

        self._runner.run(work, done, lambda err: self._failed(err, generation))

    def _failed(self, err: VaultError, generation: int) -> None:
        if generation == self._generation:
            self.failed.emit(err)
