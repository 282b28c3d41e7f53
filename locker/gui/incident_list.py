"""The list of incidents, shared by the Incidents tab, the detail pane's box and its chooser.

Incidents in order (oldest first; those without a date at the end, under "Date not known"),
each row the date in words in bold, and under it the label, the platform and how many items
are linked. On the Incidents tab the rows are grouped under month headings ("September 2026").
The order is by the moment itself, so a time in another zone than this computer's names that
zone ("23:00 (America/Los_Angeles)"): the list then reads in order.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from locker.case import when
from locker.case.incidents import Incident
from locker.gui.item_form import local_zone
from locker.gui.list_rows import CardDelegate, card_item, heading_item
from locker.gui.when_edit import offset_words
from locker.gui.widgets import WrappingLabel, heading, page_button
from locker.text import clean_line

_ID = Qt.ItemDataRole.UserRole


def date_words(at: str) -> str:
    """ "2026-05-03T21:30" → "Sunday, 3 May 2026, 21:30" in the user's language; "" if none."""
    day = when.wall_date(at)
    if day is None:
        return ""
    text = QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
    if "T" in at:
        text += ", " + clean_line(at.partition("T")[2], 8)
    return text


def zone_words(at: str, tz: str, offset: str) -> str:
    """The zone of a moment when it is not this computer's: "America/Los_Angeles", or
    "UTC−07:00" for an offset given without a zone; "" when the same or not known."""
    if not at:
        return ""
    if tz:
        return "" if tz == local_zone() else clean_line(tz, 60)
    if not offset:
        return ""  # no zone: read in this computer's
    try:
        moment = when.instant(at, "", offset)
        here = moment.astimezone(ZoneInfo(local_zone())) if moment and local_zone() else None
    except (ValueError, ZoneInfoNotFoundError):
        here = None
    if here is not None and here.strftime("%z") == offset.replace(":", ""):
        return ""  # this computer's offset at that moment
    return offset_words(clean_line(offset, 8))


def moment_words(at: str, tz: str, offset: str) -> str:
    """ "Sunday, 3 May 2026, 21:30", with the zone after it when it is not this computer's."""
    text = date_words(at)
    zone = zone_words(at, tz, offset)
    return f"{text} ({zone})" if text and zone else text


def month_words(day: date) -> str:
    """ "September 2026" in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, 1), "MMMM yyyy")


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
    """``chosen(id)`` is emitted when the user picks a row ("" when none is picked).

    ``counts``: say how many items are linked; ``months``: headings for each month."""

    chosen = Signal(str)

    def __init__(
        self, counts: bool = True, months: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._counts = counts
        self._months = months
        self._quiet = False
        self.fit_rows = 0  # > 0: as tall as its rows, up to this many (a small box)
        self.setAccessibleName(self.tr("Incidents"))
        CardDelegate(self)
        self.currentItemChanged.connect(self._on_current)

    def show_incidents(self, found: list[Incident]) -> None:
        self._quiet = True
        try:
            self.clear()
            dated, undated = in_order(found)
            month: tuple[int, int] | None = None
            for incident in dated:
                day = when.wall_date(incident.start_at)
                if self._months and day is not None and (day.year, day.month) != month:
                    month = (day.year, day.month)
                    self.addItem(heading_item(month_words(day)))
                self._add(incident)
            if undated:
                self.addItem(heading_item(self.tr("Date not known")))
                for incident in undated:
                    self._add(incident)
        finally:
            self._quiet = False
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.fit_rows <= 0 or self.count() == 0:
            return
        rows = range(min(self.count(), self.fit_rows))
        height = sum(self.sizeHintForRow(r) for r in rows) + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(height)

    def row_parts(self, incident: Incident) -> tuple[str, str]:
        """(the date in words, "" when not known; the label, the platform and how many items
        are linked)."""
        i = incident
        day = moment_words(i.start_at, i.start_tz, i.start_offset)
        if day and i.end_at:
            same_zone = (i.start_tz, i.start_offset) == (i.end_tz, i.end_offset)
            start = date_words(i.start_at) if same_zone else day  # the zone once, at the end
            end = moment_words(i.end_at, i.end_tz, i.end_offset)
            day = self.tr("{start} to {end}").format(start=start, end=end)
        parts = [clean_line(incident.label(), 80), clean_line(incident.platform, 60)]
        if self._counts:
            n = len(incident.evidence)
            parts.append(
                self.tr("1 linked item") if n == 1 else self.tr("{n} linked items").format(n=n)
            )
        return day, " · ".join(p for p in parts if p)

    def row_text(self, incident: Incident) -> str:
        """The row in plain words: the date on the first line (none when not known), then the
        label, the platform and how many items are linked."""
        day, what = self.row_parts(incident)
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
        day, what = self.row_parts(incident)
        row = card_item(self.row_text(incident), day, what)
        row.setData(_ID, incident.id)
        self.addItem(row)

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self._quiet:
            self.chosen.emit(str(current.data(_ID) or "") if current is not None else "")


class IncidentListPanel(QWidget):
    """The left side of the Incidents tab: a heading, the list by month, "New incident"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = IncidentList(months=True)
        self.new_button = page_button(self.tr("New incident"))
        self.new_button.setToolTip(self.tr("Write down something that happened"))
        self.empty_label = WrappingLabel(
            self.tr("No incidents yet. Use “New incident” to write down the first one.")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        intro = self.tr(
            "Each incident is one thing that happened, or a series of them. Link the evidence "
            "that shows it."
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Incidents"), 1.2))
        layout.addWidget(WrappingLabel(intro))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        self.show_empty(False)

    def show_empty(self, empty: bool) -> None:
        """With no incident, a line saying how to add one instead of an empty box."""
        self.list.setVisible(not empty)
        self.empty_label.setVisible(empty)
