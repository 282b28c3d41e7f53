"""A moment, as a person remembers it: a date (or "Date not known"), a time (or "Time not known")
and the time zone of the place, like the "when it happened" of an item (:mod:`item_form`).

When the clocks went back that night, one wall time happened twice: a small choice asks which
one was meant ("the first 01:30 (UTC−04:00)" / "the second (UTC−05:00)"). When the clocks
jumped forward, the time did not happen at all there: a gentle message says so at once, and
:meth:`WhenEdit.problem` returns it, so the page does not save.

The moments are checked by the core (:mod:`locker.case.when`), the same rule the CLI follows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from locker.case import when
from locker.gui.item_form import local_zone, set_year_range, time_zones
from locker.gui.widgets import WrappingLabel
from locker.text import clean_line
from locker.vault import InvalidInput

_WHEN_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$")


def offset_words(offset: str) -> str:
    """ "-04:00" → "UTC−04:00" (a real minus sign, as people write it)."""
    return "UTC" + offset.replace("-", "\u2212") if offset else ""


class WhenEdit(QWidget):
    """Date + "Date not known", time + "Time not known", time zone, and the choice between two
    offsets when the time happened twice. ``what`` names the moment in messages ("when it
    started")."""

    def __init__(self, what: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A callback, not a signal (see ItemForm.on_edited): runs on every change by the user.
        self.on_edited: Callable[[], None] = lambda: None
        self._what = what or self.tr("the date")
        self._date_only = False
        self._loading = False
        self._loaded: tuple[str, str, str] = ("", "", "")

        self.date_unknown = QCheckBox(self.tr("Date not known"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        set_year_range(self.date)
        self.date.setAccessibleName(self.tr("Date"))
        self.time_unknown = QCheckBox(self.tr("Time not known"))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Time"))
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(["", *time_zones()])
        self.zone.setAccessibleName(self.tr("Time zone"))
        completer = QCompleter(list(time_zones()), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone.lineEdit().setPlaceholderText(self.tr("Time zone not known: type a city"))

        # Shown only when the wall time happened twice in that zone.
        self.twice = QWidget()
        self.twice_label = WrappingLabel(
            self.tr(
                "The clocks went back that night, so this time happened twice there. Which one?"
            )
        )
        self.first = QRadioButton()
        self.second = QRadioButton()
        self._choice = QButtonGroup(self)
        self._choice.addButton(self.first)
        self._choice.addButton(self.second)
        self.first.setChecked(True)
        twice_layout = QVBoxLayout(self.twice)
        twice_layout.setContentsMargins(0, 0, 0, 0)
        twice_layout.addWidget(self.twice_label)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.first)
        choice_row.addWidget(self.second)
        choice_row.addStretch(1)
        twice_layout.addLayout(choice_row)
        self.twice.hide()

        # Shown when the time did not exist there (the clocks jumped forward).
        self.gap_label = WrappingLabel()
        self.gap_label.setTextFormat(Qt.TextFormat.PlainText)
        self.gap_label.hide()

        self._time_row = QWidget()
        time_layout = QHBoxLayout(self._time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.time)
        time_layout.addWidget(self.time_unknown)
        time_layout.addStretch(1)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_unknown)
        date_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(date_row)
        layout.addWidget(self._time_row)
        layout.addWidget(self.zone)
        layout.addWidget(self.twice)
        layout.addWidget(self.gap_label)

        for signal in (
            self.date.dateChanged,
            self.date_unknown.toggled,
            self.time.timeChanged,
            self.time_unknown.toggled,
            self.zone.editTextChanged,
            self.second.toggled,
        ):
            signal.connect(self._on_edit)
        self.load("", "")

    # --- the contract -----------------------------------------------------------------------

    def load(self, at: str, tz: str, offset: str = "") -> None:
        """Show a stored moment (``at`` "YYYY-MM-DD[THH:MM]" or "" for not known)."""
        self._loading = True
        try:
            match = _WHEN_RE.match(at or "")
            date = QDate.fromString(match.group(1), "yyyy-MM-dd") if match else QDate()
            time = (
                QTime.fromString(match.group(2), "HH:mm") if match and match.group(2) else QTime()
            )
            self.date_unknown.setChecked(not date.isValid())
            self.date.setDate(date if date.isValid() else QDate.currentDate())
            self.time_unknown.setChecked(not time.isValid())
            self.time.setTime(time if time.isValid() else QTime(12, 0))
            # A moment stored without a zone shows none ("not known"); a new one starts with
            # this computer's zone, the most likely answer.
            self.zone.setCurrentText(clean_line(tz, 80) if (tz or date.isValid()) else local_zone())
            self.zone.lineEdit().setCursorPosition(0)
            self._loaded = (at or "", tz or "", offset or "")
            self._update()
            offsets = self._offsets()
            self.second.setChecked(len(offsets) == 2 and offset == offsets[1])
            self.first.setChecked(not self.second.isChecked())
        finally:
            self._loading = False
        self._update()

    def values(self) -> tuple[str, str, str]:
        """(at, tz, offset) as the core stores them; ("", "", "") when the date is not known."""
        at, tz = self._at_tz()
        if not at:
            return ("", "", "")
        offsets = self._offsets()
        if len(offsets) == 2:
            offset = offsets[1] if self.second.isChecked() else offsets[0]
        elif len(offsets) == 1:
            offset = offsets[0]
        elif (at, tz) == self._loaded[:2]:
            offset = self._loaded[2]  # an offset stored without a zone stays as it was
        else:
            offset = ""
        return (at, tz, offset)

    def problem(self) -> str:
        """What must be fixed before saving (a time that did not happen there, an unknown
        zone, …), or "" when the moment can be stored."""
        at, tz, offset = self.values()
        if not at:
            return ""
        if tz and tz not in time_zones():
            return self.tr(
                "The time zone “{zone}” is not one this program knows. Please choose one from "
                "the list (typing a city, such as Chicago or London, finds it), or leave it "
                "empty if you are not sure."
            ).format(zone=clean_line(tz, 60))
        try:
            when.check_when(at, tz, offset, what=self._what)
        except InvalidInput as err:
            return err.message
        return ""

    def set_date_only(self, on: bool) -> None:
        """A day only (report dates, follow-ups): no time, no zone."""
        self._date_only = on
        self._update()

    def is_date_known(self) -> bool:
        return not self.date_unknown.isChecked()

    # --- internals ---------------------------------------------------------------------------

    def _at_tz(self) -> tuple[str, str]:
        if self.date_unknown.isChecked():
            return ("", "")
        at = self.date.date().toString("yyyy-MM-dd")
        if self._date_only:
            return (at, "")
        if not self.time_unknown.isChecked():
            at += "T" + self.time.time().toString("HH:mm")
        return (at, self.zone.currentText().strip())

    def _offsets(self) -> list[str]:
        at, tz = self._at_tz()
        if "T" not in at or tz not in time_zones():
            return []
        try:
            return when.offsets_at(at, tz)
        except InvalidInput:
            return []

    def _update(self) -> None:
        known = not self.date_unknown.isChecked()
        self.date.setEnabled(known)
        self._time_row.setVisible(not self._date_only)
        self.zone.setVisible(not self._date_only)
        self.time_unknown.setEnabled(known)
        self.time.setEnabled(known and not self.time_unknown.isChecked())
        self.zone.setEnabled(known)
        at, tz = self._at_tz()
        offsets = self._offsets()
        twice = len(offsets) == 2
        if twice:
            wall = at.partition("T")[2]
            self.first.setText(
                self.tr("the first {time} ({offset})").format(
                    time=wall, offset=offset_words(offsets[0])
                )
            )
            self.second.setText(
                self.tr("the second ({offset})").format(offset=offset_words(offsets[1]))
            )
        else:  # nothing of an earlier moment stays behind (after a lock too)
            self.first.setText("")
            self.second.setText("")
        self.twice.setVisible(twice)
        gap = "T" in at and tz in time_zones() and not offsets
        self.gap_label.setText(self.problem() if gap else "")
        self.gap_label.setVisible(gap and bool(self.gap_label.text()))

    def _on_edit(self, *_args: object) -> None:
        if self._loading:
            return
        self._update()
        self.on_edited()
