"""The Incidents tab: what happened, in order, each with the evidence that shows it.

A list on the left (oldest first; those without a date at the end, under "Date not known"), the
chosen incident's form on the right. Every read and write goes through the TaskRunner and the
core (:mod:`locker.case.incidents`), which logs each change in the custody log. Evidence is
shown by title only. Unsaved changes are asked about before moving on, as in the detail pane.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from locker.case import evidence, incidents
from locker.case.incidents import Incident
from locker.gui import evidence_picker, incident_form
from locker.gui.editor_pane import EditorPane, ListAndEditor
from locker.gui.incident_form import IncidentForm
from locker.gui.incident_list import IncidentListPanel
from locker.gui.messages import describe
from locker.gui.record_page import RecordPage
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel
from locker.text import clean_line
from locker.vault import Vault, VaultError

_NEW = "new"  # the key of an incident not saved yet
SIDE_BY_SIDE_MIN_WIDTH = 800  # px: below this the form goes under the list


class IncidentsPage(RecordPage):
    """Holds decrypted data only until :meth:`clear`. ``changed`` is emitted after every saved
    change (an incident added, edited, deleted, evidence linked or unlinked)."""

    _IDLE = None  # _saving: the key whose save is under way, or None

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._incidents: dict[str, Incident] = {}
        self._current: str | None = None  # the incident id shown, _NEW, or None
        self._wanted: str | None = None  # show_incident() before the list arrived

        self.links = evidence_picker.LinkFlow(runner, self)  # pending links, item titles
        self.left = IncidentListPanel()
        self.list, self.new_button = self.left.list, self.left.new_button

        self.message = MessageLabel()
        self.form = IncidentForm()
        self._empty_text = self.tr(
            "Choose an incident on the left, or start a new one with “New incident”."
        )
        self.editor = EditorPane(self.form, self._empty_text, self.tr("Save (Ctrl+S)"))
        e = self.pages = self.editor
        self.empty, self.scroll, self.saved_label = e.empty, e.scroll, e.saved_label
        self.save_button, self.discard_button, self.delete_button = (
            e.save_button, e.discard_button, e.delete_button)  # fmt: skip
        self.delete_button.setToolTip(self.tr("Delete this incident (you are asked first)"))
        self.splitter = ListAndEditor(self.left, self.editor, SIDE_BY_SIDE_MIN_WIDTH, 0.62)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.list.chosen.connect(self._on_chosen)
        self.new_button.clicked.connect(self.new_incident)
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.form.link_button.clicked.connect(self.link_evidence)
        self.form.unlink_button.clicked.connect(self.unlink_selected)
        self.form.on_edited = self._on_edited
        self.links.changed.connect(self._links_changed)
        self.links.pending_changed.connect(self._pending_changed)
        self.links.failed.connect(lambda err: self._say(describe(err)))
        self._add_save_shortcut(self)
        self._show(None)

    # --- the contract -----------------------------------------------------------------------

    def _read(self, vault: Vault) -> tuple[list[Incident], list[str], dict[str, str]]:
        """The incidents (and the titles of the evidence)."""
        found, damaged = incidents.list_incidents(vault)
        items, _damaged_items = evidence.list_items(vault)
        return found, damaged, {item.id: item.title for item in items}

    def _clear_records(self) -> None:
        self._incidents = {}
        self.links.clear()
        self._wanted = None
        self.list.show_incidents([])
        self.left.show_empty(False)  # until the incidents are read
        self._show(None)
        self.message.clear_message()

    def has_unsaved_changes(self) -> bool:
        if self._current is None or self._saving == self._current:
            return False
        return self.form.is_dirty() or (self._current == _NEW and bool(self.links.pending))

    def show_incident(self, incident_id: str) -> None:
        """Select that incident (from the timeline); after the next read if not known yet."""
        if incident_id in self._incidents:
            self.list.select(incident_id)
        else:
            self._wanted = incident_id
            self.refresh()

    def _ask_to_save(self) -> bool:
        return incident_form.ask_to_save(self)

    def current_incident(self) -> Incident | None:
        return self._incidents.get(self._current or "")

    # --- actions ------------------------------------------------------------------------------

    def new_incident(self) -> None:
        if self._vault is None or not self.confirm_leave(self._start_new):
            return
        self._start_new()

    def _start_new(self) -> None:
        self._show(_NEW)
        self.form.title.setFocus()

    def discard(self) -> None:
        """Put back the stored values (a new incident: start again empty)."""
        self._show(self._current)

    def save(self) -> bool:
        """Save what changed. False if nothing could be started (a problem to fix)."""
        key, vault, generation = self._current, self._vault, self._generation
        if key is None or vault is None or self._saving is not None:
            return False
        changes = self.form.values() if key == _NEW else self.form.changes()
        if not changes:
            return True
        problem = self.form.problem()
        if problem:
            self._say(problem)
            return False
        links = list(self.links.pending)

        def work() -> Incident:
            if key != _NEW:
                return incidents.update_incident(vault, key, **changes)
            # The incident and its first links: one transaction, one entry in the custody log.
            return incidents.add_incident(vault, link=links, **changes)

        self._saving = key
        self.message.clear_message()
        self._update_buttons()
        self.runner.run(
            work,
            lambda inc: self._saved(inc, key, generation),
            lambda err: self._save_failed(err, key, generation),
        )
        return True

    def delete_current(self) -> None:
        incident, vault, generation = self.current_incident(), self._vault, self._generation
        if incident is None or vault is None or self._saving is not None:
            return
        if not incident_form.ask_to_delete(self, incident.label()):
            return
        incident_id = incident.id
        self._saving = incident_id
        self._update_buttons()
        self.runner.run(
            lambda: incidents.delete_incident(vault, incident_id),
            lambda _none: self._deleted(incident_id, generation),
            lambda err: self._save_failed(err, incident_id, generation),
        )

    def link_evidence(self) -> None:
        """Choose items in the vault (titles only) and link them."""
        incident, key, vault = self.current_incident(), self._current, self._vault
        if vault is not None and key is not None:
            linked = incident.evidence if incident else self.links.pending
            self.links.choose(vault, incident.id if incident else None, linked)

    def unlink_selected(self) -> None:
        item_id, incident, vault = (
            self.form.selected_evidence(),
            self.current_incident(),
            self._vault,
        )
        if item_id and vault is not None and self._current is not None:
            self.message.clear_message()
            self.links.unlink(vault, incident.id if incident else None, item_id)

    # --- internals: reading -----------------------------------------------------------------

    def _loaded(self, result: tuple[list[Incident], list[str], dict[str, str]], gen: int) -> None:
        if gen != self._generation:
            return
        found, damaged, self.links.titles = result
        self._incidents = {i.id: i for i in found}
        if damaged:
            self._say(
                self.tr(
                    "{n} incident(s) could not be read because that part of the vault is "
                    "damaged. The others are shown."
                ).format(n=len(damaged))
            )
        current = self._current
        if current not in (None, _NEW) and current not in self._incidents:
            self._show(None)  # deleted elsewhere (the command line)
        elif current not in (None, _NEW) and self._saving != current:
            if self.form.is_dirty():
                self._show_links()  # keep what the user typed; the links may have changed
            else:
                self._show(current)
        self._fill_list()
        wanted, self._wanted = self._wanted, None
        if wanted in self._incidents:
            self.list.select(wanted)

    def _links_changed(self, incident: Incident) -> None:
        self._incidents[incident.id] = incident
        if self._current == incident.id:
            self._show_links()
        self._fill_list()
        self.changed.emit()

    def _pending_changed(self) -> None:
        if self._current == _NEW:
            self._show_links()
            self._update_buttons()

    # --- internals: which incident ------------------------------------------------------------

    def _on_chosen(self, incident_id: str) -> None:
        if incident_id == self._current:
            return

        def go_on() -> None:
            if incident_id in self._incidents:
                self._show(incident_id)

        if not incident_id or not self.confirm_leave(go_on):  # the heading row, or "stay"
            self.list.select(self._current if self._current != _NEW else None, quietly=True)
            return
        self._show(incident_id)

    def _show(self, key: str | None) -> None:
        """Show the stored incident ``key`` (or an empty form for _NEW, nothing for None)."""
        self._current = key
        self._then = None  # the user went somewhere: a move waiting for a save is dropped
        self.links.pending = []
        incident = self.current_incident()
        self.form.load(incident)
        self._show_links()
        self.saved_label.setText("")
        self._show_title()
        self.editor.show_form(key is not None)
        self.list.select(key if key != _NEW else None, quietly=True)
        self._update_buttons()

    def _show_title(self) -> None:
        incident = self.current_incident()
        if incident is not None:
            self.editor.title.setText(clean_line(incident.label(), 80))
        else:
            self.editor.title.setText(self.tr("A new incident"))

    def _show_links(self) -> None:
        incident = self.current_incident()
        if self._current == _NEW:
            note = self.tr("The evidence you choose is linked when you save this incident.")
            self.form.show_evidence(self.links.pending, self.links.titles, note)
        else:
            self.form.show_evidence(incident.evidence if incident else [], self.links.titles)

    def _fill_list(self) -> None:
        self.list.show_incidents(list(self._incidents.values()))
        self.left.show_empty(not self._incidents)
        self.empty.setText(self._empty_text if self._incidents else "")
        if self._current not in (None, _NEW):
            self.list.select(self._current, quietly=True)

    # --- internals: saving --------------------------------------------------------------------

    def _saved(self, incident: Incident, key: str, gen: int) -> None:
        if gen != self._generation:
            return
        then, self._then = self._then, None
        self._saving = None
        self._incidents[incident.id] = incident
        if self._current == key:  # still on it: it stays selected, as stored now
            self._show(incident.id)
            self.saved_label.setText(self.tr("Saved. The custody log notes what changed."))
        self._fill_list()
        self._update_buttons()
        self.changed.emit()
        if then is not None and self._current == incident.id:  # stored: now go on
            then()

    def _deleted(self, incident_id: str, gen: int) -> None:
        if gen != self._generation:
            return
        self._saving = None
        self._incidents.pop(incident_id, None)
        if self._current == incident_id:
            self._show(None)
        self._fill_list()
        self._say(self.tr("The incident was deleted. The evidence stays in the vault."))
        self.changed.emit()

    def _save_failed(self, err: VaultError, key: str, gen: int) -> None:
        if gen != self._generation:
            return
        self._saving = None
        self._then = None  # stay on the words, with the message over them
        if key == self._current:
            self._say(describe(err))
        else:  # the user had moved on (Save, then another incident)
            self._say(
                self.tr("Your changes to an incident could not be saved. {reason}").format(
                    reason=describe(err)
                )
            )
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.message.show_message(text)

    def _on_edited(self) -> None:
        self.saved_label.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        key = self._current
        busy = key is not None and self._saving == key
        self.form.setEnabled(key is not None and not busy)
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty and not busy)
        self.discard_button.setEnabled(dirty and not busy)
        self.new_button.setEnabled(self._vault is not None)
        self.delete_button.setEnabled(key not in (None, _NEW) and self._saving is None)
        self.form.set_linking_enabled(key is not None and not busy and self._vault is not None)
