"""Incidents seen from the evidence side: the "Incidents" box in the detail pane (which
incidents this item is linked to, "Link to an incident…" and "Unlink", through the TaskRunner
and the core) and the chooser it opens. The list itself is :mod:`locker.gui.incident_list`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from locker.case import incidents
from locker.case.evidence import EvidenceItem
from locker.case.incidents import Incident
from locker.gui.incident_list import IncidentList
from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, WrappingLabel, page_button, run_modal
from locker.vault import Vault, VaultError


def choose_incident(parent: QWidget, found: list[Incident]) -> str:
    """Ask which incident to link an item to; "" when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Link to an incident"))
    dialog.resize(520, 380)
    chooser = IncidentList(counts=False, months=True)
    chooser.show_incidents(found)
    buttons = QDialogButtonBox()
    link = buttons.addButton(dialog.tr("Link"), QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    link.setEnabled(False)
    chooser.chosen.connect(lambda incident_id: link.setEnabled(bool(incident_id)))
    chooser.itemDoubleClicked.connect(lambda *_: chooser.current_id() and dialog.accept())
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(WrappingLabel(dialog.tr("Which incident does this item belong to?")))
    layout.addWidget(chooser, 1)
    layout.addWidget(buttons)
    dialog.chooser = chooser  # type: ignore[attr-defined]  # for tests driving it
    try:
        accepted = run_modal(dialog) == QDialog.DialogCode.Accepted.value
        return chooser.current_id() if accepted else ""
    finally:
        dialog.deleteLater()


class ItemIncidents(QGroupBox):
    """The incidents one item is linked to. Holds decrypted labels only until :meth:`clear`.
    ``changed`` is emitted after a link was made or undone here."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Incidents"))
        self._runner = runner
        self._vault: Vault | None = None
        self._item_id = ""
        self._generation = 0
        self.list = IncidentList(counts=False)
        self.list.fit_rows = 3
        self.list.setAccessibleName(self.tr("Incidents this item is linked to"))
        self.none_label = WrappingLabel(self.tr("Not linked to any incident yet."))
        self.message = MessageLabel()
        self.link_button = page_button(self.tr("Link to an incident…"))
        self.unlink_button = page_button(self.tr("Unlink"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.list)
        layout.addWidget(self.none_label)
        layout.addLayout(buttons)
        self.link_button.clicked.connect(self.link)
        self.unlink_button.clicked.connect(self.unlink)
        self.list.itemSelectionChanged.connect(self._update)
        self._show([])

    def set_vault(self, vault: Vault | None) -> None:
        if vault is not self._vault:
            self.clear()
        self._vault = vault

    def show_item(self, item: EvidenceItem | None) -> None:
        """Load the incidents of ``item`` (when it is another item than the one shown)."""
        item_id = item.id if item is not None else ""
        if item_id == self._item_id:
            return
        self._generation += 1
        self._item_id = item_id
        self.message.clear_message()
        self._show([])
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown again (back from the Incidents tab): links may have changed there."""
        super().showEvent(event)
        if not event.spontaneous():
            self.reload()

    def reload(self) -> None:
        vault, item_id, generation = self._vault, self._item_id, self._generation
        if vault is None or not item_id:
            return
        self._run(lambda: incidents.incidents_for_item(vault, item_id), self._show, generation)

    def clear(self) -> None:
        self._generation += 1
        self._item_id = ""
        self.message.clear_message()
        self._show([])

    def link(self) -> None:
        vault, item_id, generation = self._vault, self._item_id, self._generation
        if vault is None or not item_id:
            return

        def pick(found: list[Incident]) -> None:
            # One tick after the read was delivered: a lock may have come in between (it
            # delivers finished reads before it clears). Never open the chooser then.
            if generation != self._generation or self._vault is not vault:
                return
            linked = {i.id for i in self._shown}
            choices = [i for i in found if i.id not in linked]
            if not choices:
                self.message.show_message(
                    self.tr("There is no other incident to link to. Add one on the Incidents tab.")
                )
                return
            incident_id = choose_incident(self, choices)
            if incident_id and generation == self._generation:
                self._change(lambda: incidents.link_evidence(vault, incident_id, [item_id]))

        self._run(
            lambda: incidents.list_incidents(vault)[0],
            lambda found: QTimer.singleShot(0, lambda: pick(found)),
            generation,
        )

    def unlink(self) -> None:
        vault, item_id, incident_id = self._vault, self._item_id, self.list.current_id()
        if vault is None or not item_id or not incident_id:
            return
        self._change(lambda: incidents.unlink_evidence(vault, incident_id, item_id))

    def _change(self, work: Callable[[], Incident]) -> None:
        def done(_incident: Incident) -> None:
            self.reload()
            self.changed.emit()

        self.message.clear_message()
        self._run(work, done, self._generation)

    def _run(self, work: Callable[[], object], on_result: Callable, generation: int) -> None:  # type: ignore[type-arg]
        def result(value: object) -> None:
            if generation == self._generation:
                on_result(value)

        def failed(err: VaultError) -> None:
            if generation == self._generation:
                self.message.show_message(describe(err))

        self._runner.run(work, result, failed)

    def _show(self, found: list[Incident]) -> None:
        self._shown = list(found)
        self.list.show_incidents(found)
        self.list.setVisible(bool(found))
        self.none_label.setVisible(bool(self._item_id) and not found)
        self._update()

    def _update(self) -> None:
        on = self._vault is not None and bool(self._item_id)
        self.link_button.setEnabled(on)
        self.unlink_button.setEnabled(on and bool(self.list.current_id()))
