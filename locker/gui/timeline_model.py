"""The timeline's rows as a Qt model: incidents and evidence in the order they happened.

Dated entries come first, in :func:`locker.case.timeline.build_timeline`'s order; entries with no
date follow under a "Date not known" heading row. Titles only, never a picture, so an intimate
item is hidden by construction. Every string from a record is cleaned before it is shown.
The model holds decrypted text only until :meth:`TimelineModel.clear`.

The rows' texts are worked out by :func:`prepare_rows` (plain strings, no Qt objects, so it runs
on the TaskRunner's worker beside ``build_timeline``); the UI thread only swaps a prepared list in
(:meth:`TimelineModel.set_rows`), so 2,500 rows cost it no parsing of dates and zones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from locker.case.incidents import Incident
from locker.case.timeline import TimelineEntry
from locker.case.when import describe_when
from locker.gui.library_labels import local_time
from locker.gui.widgets import plain_tip
from locker.text import clean_line

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the incident or item id ("" on the heading row)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "incident" | "evidence" | "heading"


def _tr(text: str) -> str:
    return QCoreApplication.translate("timeline", text)


def kind_words(kind: str) -> str:
    return _tr("Incident") if kind == "incident" else _tr("Evidence")


def _wall(at: str) -> str:
    return clean_line(at.replace("T", " "), 40)


def when_text(entry: TimelineEntry, incident: Incident | None = None) -> str:
    """When it happened, as written, with its zone: "2026-11-01 01:30 (America/New_York,
    UTC−05:00)"; a series "… to …"; evidence with no date of its own says it is dated by when it
    was added; "Date not known" for an incident with no start."""
    if entry.dated_by == "none" or not entry.at:
        return _tr("Date not known")
    if entry.dated_by == "captured":
        return _tr("{when} (date added — when it happened is not recorded)").format(
            when=local_time(entry.at, 40)
        )
    start = clean_line(describe_when(entry.at, entry.tz, entry.offset), 120)
    if incident is None or not incident.end_at:
        return start
    end = clean_line(describe_when(incident.end_at, incident.end_tz, incident.end_offset), 120)
    if (incident.end_tz, incident.end_offset) == (entry.tz, entry.offset):
        start = _wall(entry.at)  # same zone and offset: say it once, after the end
    return _tr("{start} to {end}").format(start=start, end=end)


class TimelineRow:
    """One entry and its five cell texts (plain strings), ready to show."""

    __slots__ = ("entry", "texts")

    def __init__(self, entry: TimelineEntry | None, texts: tuple[str, ...]) -> None:
        self.entry = entry  # None: the "Date not known" heading
        self.texts = texts


def _model_tr(text: str) -> str:
    return QCoreApplication.translate("TimelineModel", text)  # thread-safe; the model's context


def prepare_row(entry: TimelineEntry, incident: Incident | None = None) -> TimelineRow:
    """``entry``'s row, every string cleaned; ``incident`` (an incident entry's record) gives a
    series its end. Safe on a worker thread."""
    if entry.kind != "incident":
        incident = None
    title = clean_line(entry.title, 300).strip() or _model_tr("(no title)")
    accounts = ", ".join(clean_line(a, 100) for a in entry.accounts if a.strip())
    return TimelineRow(
        entry,
        (
            when_text(entry, incident),
            kind_words(entry.kind),
            title,
            clean_line(entry.platform, 100),
            accounts,
        ),
    )


def prepare_rows(
    entries: Sequence[TimelineEntry], incidents: Mapping[str, Incident]
) -> list[TimelineRow]:
    """One row per entry, in ``entries``' order (no heading). Safe on a worker thread."""
    return [prepare_row(e, incidents.get(e.id)) for e in entries]


class TimelineModel(QAbstractTableModel):
    """Read-only rows: WHEN, KIND, TITLE, PLATFORM, ACCOUNTS."""

    WHEN, KIND, TITLE, PLATFORM, ACCOUNTS = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []
        self._headers = [
            self.tr("When"),
            self.tr("What"),
            self.tr("Title"),
            self.tr("Platform"),
            self.tr("Account"),
        ]

    # --- content ------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[TimelineRow]) -> None:
        """Show prepared rows (:func:`prepare_rows`) in their order; the undated ones after a
        heading row. Cheap: nothing is parsed or cleaned here."""
        shown = [r for r in rows if r.entry is not None and r.entry.instant is not None]
        undated = [r for r in rows if r.entry is not None and r.entry.instant is None]
        if undated:
            shown.append(TimelineRow(None, (self.tr("Date not known"), "", "", "", "")))
            shown.extend(undated)
        self.beginResetModel()
        self._rows = shown
        self.endResetModel()

    def set_entries(
        self, entries: Sequence[TimelineEntry], incidents: Mapping[str, Incident]
    ) -> None:
        """Show ``entries`` in their order; the undated ones after a heading row.
        ``incidents`` (by id) give a series its end. (The page prepares its rows on a worker
        and calls :meth:`set_rows`.)"""
        self.set_rows(prepare_rows(entries, incidents))

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def entry_at(self, row: int) -> TimelineEntry | None:
        return self._rows[row].entry if 0 <= row < len(self._rows) else None

    def heading_row(self) -> int:
        """The row of the "Date not known" heading (-1: there is none)."""
        return next((i for i, r in enumerate(self._rows) if r.entry is None), -1)

    def entries(self) -> list[TimelineEntry]:
        """The entries shown, top to bottom (the heading left out)."""
        return [r.entry for r in self._rows if r.entry is not None]

    def row_texts(self, row: int) -> tuple[str, ...]:
        return self._rows[row].texts

    # --- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].entry is None:
            return Qt.ItemFlag.ItemIsEnabled  # the heading cannot be chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = row.texts[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tip(text) or None
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.texts[index.column()] or self.tr("none")
        if role == ID_ROLE:
            return row.entry.id if row.entry is not None else ""
        if role == KIND_ROLE:
            return row.entry.kind if row.entry is not None else "heading"
        if role == Qt.ItemDataRole.FontRole and row.entry is None:
            font = QFont()
            font.setBold(True)
            return font
        return None
