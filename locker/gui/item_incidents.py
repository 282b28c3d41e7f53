"""Incidents seen from the evidence side, and the incident list both sides share.

- :class:`IncidentList`: incidents in order (oldest first; those without a date at the end,
  under "Date not known"), each row the date in words, the label, the platform and how many
  items are linked. The Incidents tab uses it on the left; the chooser here uses it too.
  :class:`IncidentListPanel` is that left side with its buttons.
- :class:`ItemIncidents`: the "Incidents" box in the detail pane: which incidents this item is
  linked to, "Link to an incident…" and "Unlink", through the TaskRunner and the core.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locker.case import incidents, when
from locker.case.evidence import EvidenceItem
from locker.case.incidents import Incident
from locker.gui.item_form import local_zone
from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel, WrappingLabel, heading, page_button, run_modal
from locker.text import clean_line
from locker.vault import Vault, VaultError

_ID = Qt.ItemDataRole.UserRole
_LATEST = datetime.max.replace(tzinfo=UTC)


def date_words(at: str) -> str:
    """ "2026-05-03T21:30" → "Sunday, 3 May 2026, 21:30" in the user's language; "" if none."""
    day = when.wall_date(at)
    if day is None:
        return ""
    text = QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
    if "T" in at:
        text += ", " + clean_line(at.partition("T")[2], 8)
    return text


def in_order(found: list[Incident]) -> tuple[list[Incident], list[Incident]]:
    """(dated, oldest first; undated, in the order they were made)."""
    dated: list[tuple[datetime, str, Incident]] = []
    undated: list[Incident] = []
    for incident in found:
        try:
            at = when.instant(
                incident.start_at,
                incident.start_tz,
                incident.start_offset,
                floating_zone=local_zone(),
            )
        except ValueError:
            at = None
        if at is None:
            undated.append(incident)
        else:
            dated.append((at, incident.label().casefold(), incident))
    dated.sort(key=lambda t: (t[0], t[1]))
    undated.sort(key=lambda i: i.created_at)
    return [t[2] for t in dated], undated


class IncidentList(QListWidget):
    """``chosen(id)`` is emitted when the user picks a row ("" when none is picked)."""

    chosen = Signal(str)

    def __init__(self, counts: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts = counts
        self._quiet = False
        self.setAccessibleName(self.tr("Incidents"))
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentItemChanged.connect(self._on_current)

    def show_incidents(self, found: list[Incident]) -> None:
        self._quiet = True
        try:
            self.clear()
            dated, undated = in_order(found)
            for incident in dated:
                self._add(incident)
            if undated:
                header = QListWidgetItem(self.tr("Date not known"))
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
                font = QFont(self.font())
                font.setBold(True)
                header.setFont(font)
                self.addItem(header)
                for incident in undated:
                    self._add(incident)
        finally:
            self._quiet = False

    def row_text(self, incident: Incident) -> str:
        """The date in words on the first line (none when not known), then the label, the
        platform and how many items are linked."""
        day = date_words(incident.start_at)
        if day and incident.end_at:
            day = self.tr("{start} to {end}").format(start=day, end=date_words(incident.end_at))
        parts = [clean_line(incident.label(), 80), clean_line(incident.platform, 60)]
        if self._counts:
            n = len(incident.evidence)
            parts.append(
                self.tr("1 linked item") if n == 1 else self.tr("{n} linked items").format(n=n)
            )
        what = " · ".join(p for p in parts if p)
        return f"{day}\n{what}" if day else what

    def row_texts(self) -> list[str]:
        return [self.item(r).text() for r in range(self.count())]

    def current_id(self) -> str:
        row = self.currentItem()
        return str(row.data(_ID) or "") if row is not None else ""

    def select(self, incident_id: str | None, quietly: bool = False) -> None:
        """Make that incident current (None: no row); ``quietly`` without emitting chosen."""
        was = self._quiet
        self._quiet = quietly or was
        try:
            for r in range(self.count()):
                if incident_id and self.item(r).data(_ID) == incident_id:
                    self.setCurrentRow(r)
                    self.scrollToItem(self.item(r))
                    return
            self.setCurrentRow(-1)
        finally:
            self._quiet = was

    def _add(self, incident: Incident) -> None:
        row = QListWidgetItem(self.row_text(incident))
        row.setData(_ID, incident.id)
        self.addItem(row)

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self._quiet:
            self.chosen.emit(str(current.data(_ID) or "") if current is not None else "")


class IncidentListPanel(QWidget):
    """The left side of the Incidents tab: a heading, the list, "New incident", "Delete…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = IncidentList()
        self.new_button = page_button(self.tr("New incident"))
        self.delete = page_button(self.tr("Delete…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        intro = self.tr(
            "Each incident is one thing that happened, or a series of them. Link the evidence "
            "that shows it."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Incidents"), 1.2))
        layout.addWidget(WrappingLabel(intro))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)


def choose_incident(parent: QWidget, found: list[Incident]) -> str:
    """Ask which incident to link an item to; "" when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Link to an incident"))
    dialog.resize(520, 380)
    chooser = IncidentList(counts=False)
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
        self.list.setMaximumHeight(120)
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
