"""The fields of one incident: what happened, when, where, who, who saw it, who was told.

Like :class:`locker.gui.item_form.ItemForm`, the form only collects what the user typed;
the page saves it. :meth:`IncidentForm.changes` returns only the fields the user changed, so the
custody log names exactly those. The evidence linked to the incident is shown here too (titles
only), but links are made and undone by the page at once, not with Save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locker.case.incidents import Incident
from locker.gui.editor_pane import ask
from locker.gui.incident_people import ReportTable, WitnessTable
from locker.gui.item_form import COMMON_PLATFORMS, TextBox, long_line
from locker.gui.when_edit import WhenEdit
from locker.gui.widgets import WrappingLabel, page_button, run_modal
from locker.text import clean_line

_ITEM_ID = Qt.ItemDataRole.UserRole


def relationships() -> list[str]:
    """Suggestions for "relationship to you"; the user can type any other words."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("IncidentForm", text)

    return [
        "",
        tr("ex-partner"),
        tr("partner"),
        tr("family member"),
        tr("friend"),
        tr("coworker"),
        tr("classmate"),
        tr("someone met online"),
        tr("stranger"),
        tr("not known"),
    ]


def _lines(text: str) -> list[str]:
    """One entry a line, trimmed (as the core trims them), empty lines left out. Only line
    breaks split: other separators inside an entry stay part of it."""
    return [line.strip() for line in text.split("\n") if line.strip()]


class IncidentForm(QWidget):
    """Title, when (and until when, for a series), platform, addresses, accounts, who, what
    happened, witnesses, reports; and the linked evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_edited: Callable[[], None] = lambda: None
        self._loading = False
        self._baseline: dict[str, Any] = {}

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A short name, e.g. “Posted on a forum”"))
        self.start = WhenEdit(self.tr("when it started"))
        self.is_series = QCheckBox(self.tr("This was a series; it ended:"))
        self.end = WhenEdit(self.tr("when it ended"))
        self.platform = QComboBox()
        self.platform.setEditable(True)
        self.platform.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.platform.addItems(["", *COMMON_PLATFORMS])
        self.platform.lineEdit().setPlaceholderText(self.tr("Where it happened"))
        self.urls = TextBox(3)
        self.urls.setPlaceholderText(self.tr("One web address per line, starting with https://"))
        self.accounts = TextBox(3)
        self.accounts.setPlaceholderText(self.tr("One per line"))
        accounts_hint = WrappingLabel(self.tr("The real handle or number, not a contact name."))
        self.responsible = QLineEdit()
        self.responsible.setPlaceholderText(self.tr("Who you believe did it, if you know"))
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.relationship.addItems(relationships())
        self.description = TextBox(6)
        self.description.setPlaceholderText(self.tr("In your own words, what happened"))
        self.witnesses = WitnessTable()
        self.reports = ReportTable()
        for line in (self.title, self.platform, self.responsible, self.relationship):
            long_line(line)

        self.evidence = QListWidget()
        self.evidence.setAccessibleName(self.tr("Evidence linked to this incident"))
        self.evidence.setMaximumHeight(150)
        self.link_button = page_button(self.tr("Link evidence…"))
        self.unlink_button = page_button(self.tr("Unlink"))
        self.evidence_note = WrappingLabel()
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addWidget(self.unlink_button)
        link_row.addStretch(1)
        self.evidence_box = QGroupBox(self.tr("Linked evidence"))
        evidence_layout = QVBoxLayout(self.evidence_box)
        evidence_layout.addWidget(self.evidence)
        evidence_layout.addLayout(link_row)
        evidence_layout.addWidget(self.evidence_note)

        accounts = QWidget()
        accounts_layout = QVBoxLayout(accounts)
        accounts_layout.setContentsMargins(0, 0, 0, 0)
        accounts_layout.addWidget(self.accounts)
        accounts_layout.addWidget(accounts_hint)
        series = QWidget()
        series_layout = QVBoxLayout(series)
        series_layout.setContentsMargins(0, 0, 0, 0)
        series_layout.addWidget(self.is_series)
        series_layout.addWidget(self.end)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget, QWidget]] = [
            (self.tr("&Title"), self.title, self.title),
            (self.tr("When it &started"), self.start, self.start.date),
            ("", series, self.is_series),
            (self.tr("&Platform"), self.platform, self.platform),
            (self.tr("Web &addresses"), self.urls, self.urls),
            (self.tr("A&ccounts or handles"), accounts, self.accounts),
            (self.tr("Who is believed &responsible"), self.responsible, self.responsible),
            (self.tr("Their relationship to &you"), self.relationship, self.relationship),
            (self.tr("What &happened"), self.description, self.description),
            (self.tr("&Witnesses"), self.witnesses, self.witnesses.table),
            (self.tr("Re&ports made"), self.reports, self.reports.table),
        ]
        for text, widget, buddy in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            label.setWordWrap(True)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.evidence_box)

        for signal in (
            self.title.textEdited,
            self.platform.editTextChanged,
            self.urls.textChanged,
            self.accounts.textChanged,
            self.responsible.textEdited,
            self.relationship.editTextChanged,
            self.description.textChanged,
            self.is_series.toggled,
        ):
            signal.connect(self._on_edit)
        self.is_series.toggled.connect(self._update_enabled)
        for part in (self.start, self.end, self.witnesses, self.reports):
            part.on_edited = self._on_edit
        self.evidence.itemSelectionChanged.connect(self._update_link_buttons)
        self.load(None)

    # --- loading and reading -----------------------------------------------------------------

    def load(self, incident: Incident | None) -> None:
        """Show ``incident``'s fields exactly as stored (the survivor's own words: an edit in
        one place never changes the others); an empty form for None. Clears the linked
        evidence list too (the page fills it with :meth:`show_evidence`)."""
        self._loading = True
        try:
            i = incident
            self.title.setText(i.title if i else "")
            self.title.setCursorPosition(0)
            self.start.load(*((i.start_at, i.start_tz, i.start_offset) if i else ("", "")))
            self.is_series.setChecked(bool(i and i.end_at))
            self.end.load(*((i.end_at, i.end_tz, i.end_offset) if i else ("", "")))
            self.platform.setCurrentText(i.platform if i else "")
            self.platform.lineEdit().setCursorPosition(0)
            self.urls.load("\n".join(i.urls) if i else "")
            self.accounts.load("\n".join(i.accounts) if i else "")
            self.responsible.setText(i.responsible if i else "")
            self.responsible.setCursorPosition(0)
            self.relationship.setCurrentText(i.relationship if i else "")
            self.relationship.lineEdit().setCursorPosition(0)
            self.description.load(i.description if i else "")
            self.witnesses.load([asdict(w) for w in i.witnesses] if i else [])
            self.reports.load([asdict(r) for r in i.reports] if i else [])
        finally:
            self._loading = False
        self.show_evidence([], {})
        self._update_enabled()
        self._baseline = self.values()

    def show_evidence(self, item_ids: list[str], titles: dict[str, str], note: str = "") -> None:
        """The linked items, by title (an item no longer readable: its short id)."""
        self.evidence.clear()
        for item_id in item_ids:
            title = clean_line(titles.get(item_id, ""), 200).strip()
            text = title or self.tr("(no title)")
            if item_id not in titles:
                text = self.tr("Item {id} (not found in the vault)").format(id=item_id[:8])
            row = QListWidgetItem(text)
            row.setData(_ITEM_ID, item_id)
            self.evidence.addItem(row)
        self.evidence_note.setText(note)
        self.evidence_note.setVisible(bool(note))
        self._update_link_buttons()

    def selected_evidence(self) -> str:
        row = self.evidence.currentItem()
        return str(row.data(_ITEM_ID)) if row is not None and row.isSelected() else ""

    def values(self) -> dict[str, Any]:
        """Every editable field as the core takes it."""
        start_at, start_tz, start_offset = self.start.values()
        end_at, end_tz, end_offset = self.end.values() if self.is_series.isChecked() else ("",) * 3
        return {
            "title": self.title.text().strip(),
            "start_at": start_at,
            "start_tz": start_tz,
            "start_offset": start_offset,
            "end_at": end_at,
            "end_tz": end_tz,
            "end_offset": end_offset,
            "platform": self.platform.currentText().strip(),
            "urls": _lines(self.urls.value()),
            "accounts": _lines(self.accounts.value()),
            "responsible": self.responsible.text().strip(),
            "relationship": self.relationship.currentText().strip(),
            "description": self.description.value(),  # kept as written, as the core does
            "witnesses": self.witnesses.values(),
            "reports": self.reports.values(),
        }

    def changes(self) -> dict[str, Any]:
        """The fields changed since :meth:`load`; a moment's three parts go together."""
        values = self.values()
        changed = {k: v for k, v in values.items() if v != self._baseline.get(k)}
        for moment in ("start", "end"):
            parts = (f"{moment}_at", f"{moment}_tz", f"{moment}_offset")
            if any(p in changed for p in parts):
                changed.update({p: values[p] for p in parts})
        return changed

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def problem(self) -> str:
        """A sentence about what must be fixed before saving, or ""."""
        if self.is_series.isChecked() and not self.end.is_date_known():
            return self.tr(
                "You ticked that this was a series. Please give the day it ended, or untick it."
            )
        return (
            self.start.problem()
            or (self.end.problem() if self.is_series.isChecked() else "")
            or self.reports.problem()
        )

    def set_linking_enabled(self, on: bool) -> None:
        self.link_button.setEnabled(on)
        self._update_link_buttons(on)

    # --- internals -------------------------------------------------------------------------------

    def _update_enabled(self) -> None:
        self.end.setVisible(self.is_series.isChecked())

    def _update_link_buttons(self, on: bool | None = None) -> None:
        allowed = self.link_button.isEnabled() if on is None else on
        self.unlink_button.setEnabled(allowed and bool(self.selected_evidence()))

    def _on_edit(self, *_args: object) -> None:
        if not self._loading:
            self.on_edited()


# --- the questions the Incidents tab asks about the incident on screen ---------------------------


def ask_to_save(parent: QWidget) -> bool:
    """Unsaved changes, before moving on: True for "Save", False for "Don't save"."""
    return ask(
        parent,
        parent.tr("Save your changes to this incident?"),
        parent.tr("You changed some details and have not saved them yet."),
        (parent.tr("Save"), parent.tr("Don't save")),
        default_yes=True,
        title=parent.tr("Unsaved changes"),
        destructive=True,
        run=lambda box: run_modal(box),  # looked up here when asked (tests stand in for it)
    )


def ask_to_delete(parent: QWidget, label: str) -> bool:
    """True only when the user pressed "Delete" (Esc and Enter keep it)."""
    return ask(
        parent,
        parent.tr("Delete the incident “{label}”?").format(label=clean_line(label, 80)),
        parent.tr(
            "The incident and its links to evidence will be deleted. The evidence itself "
            "stays in the vault. The custody log keeps a note that an incident was deleted."
        ),
        (parent.tr("Delete"), parent.tr("Keep it")),
        default_yes=False,
        title=parent.tr("Delete this incident?"),
        destructive=True,
        run=lambda box: run_modal(box),
    )
