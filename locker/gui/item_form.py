"""The fields that describe one item: what it shows, where it was found, when it happened.

The form only collects what the user typed; the pane saves it. :meth:`ItemForm.changes` returns
only the fields the user changed (compared with what the form showed when the item was loaded),
so the custody log names exactly those, and a stored value the form cannot show (an odd date)
is never overwritten by accident.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from locker.case import fields
from locker.case.evidence import EvidenceItem
from locker.gui.widgets import WrappingLabel
from locker.text import clean_line

# Shown in the platform list; the user can type any other name.
COMMON_PLATFORMS = (
    "Instagram",
    "Facebook",
    "Messenger",
    "WhatsApp",
    "Snapchat",
    "TikTok",
    "X (Twitter)",
    "Telegram",
    "Signal",
    "Discord",
    "Reddit",
    "OnlyFans",
    "YouTube",
    "Tumblr",
    "Bumble",
    "Tinder",
    "Grindr",
)

_HAPPENED_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$")


@cache
def time_zones() -> tuple[str, ...]:
    """Every IANA time zone name this computer knows, sorted: the core's list
    (:func:`locker.case.fields.time_zones`, the one a saved value is checked against)."""
    return tuple(sorted(fields.time_zones()))


def local_zone() -> str:
    """The computer's own time zone name ("Europe/Berlin"), or "UTC" if it has no IANA name."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    if name in time_zones():
        return name
    return "UTC" if "UTC" in time_zones() else (time_zones()[0] if time_zones() else "")


def set_year_range(edit: QDateEdit) -> None:
    """Only the years the core accepts (MIN_YEAR to MAX_YEAR): a mistyped year cannot be
    picked or typed, instead of being refused on Save."""
    edit.setDateRange(QDate(fields.MIN_YEAR, 1, 1), QDate(fields.MAX_YEAR, 12, 31))


def long_line(field: QLineEdit | QComboBox) -> None:
    """A one-line field that takes as much as the core stores (Qt's own limit is 32767
    characters: a longer stored value would be cut when shown, and saved cut)."""
    edit = field.lineEdit() if isinstance(field, QComboBox) else field
    if edit is not None:
        edit.setMaxLength(fields.MAX_TEXT)


class TextBox(QPlainTextEdit):
    """A multi-line field a few lines tall (by the current font), growing no further: the
    pane scrolls instead."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self._stored = ""  # the text given to load(), exactly
        self._shown = ""  # the document's raw text right after load()
        self._starts = [0]  # where each character of _shown starts in _stored (and the end)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        margins = self.contentsMargins()
        doc_margin = int(self.document().documentMargin() * 2)
        height = (
            self.fontMetrics().lineSpacing() * self._lines
            + margins.top()
            + margins.bottom()
            + doc_margin
        )
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def load(self, text: str) -> None:
        """Show stored ``text`` as it is: bidi marks, tabs, leading spaces and control
        characters too (an editable field draws them harmlessly), so an edit elsewhere in it
        never changes the other words. setPlainText also empties the undo history."""
        self.setPlainText(text)
        self._stored = text
        self._shown = self.document().toRawText()
        self._starts = _starts_in(text)

    def value(self) -> str:
        """The text as it is now. Every character is kept as :meth:`load` gave it (a no-break
        space, a bidi mark, a control character); what the user typed has plain line breaks.
        Before and after the part that changed, the line breaks are kept too ("\\r\\n"); when
        several places changed, those between them come back as "\\n"."""
        raw, shown = self.document().toRawText(), self._shown
        if raw == shown:
            return self._stored
        if len(self._starts) != len(shown) + 1:  # Qt read it in some other way: as shown
            return _typed(raw)
        before = _common_prefix(raw, shown)
        room = min(len(raw), len(shown)) - before
        after = _common_prefix(raw[::-1][:room], shown[::-1][:room])
        typed = raw[before : len(raw) - after]
        return (
            self._stored[: self._starts[before]]
            + _typed(typed)
            + self._stored[self._starts[len(shown) - after] :]
        )


def _starts_in(text: str) -> list[int]:
    """Where each character of a QPlainTextEdit's raw text (after setPlainText(text)) starts in
    ``text``, and its end: a line break ("\\r\\n", "\\r", "\\n") is one paragraph separator there."""
    starts = []
    i = 0
    while i < len(text):
        starts.append(i)
        i += 2 if text.startswith("\r\n", i) else 1
    starts.append(len(text))
    return starts


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at the start (compared in C, halving)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _typed(raw: str) -> str:
    """Text the user typed: Qt's paragraph and line separators (Return, Shift+Return) as "\\n"."""
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


class ItemForm(QWidget):
    """Title, what it shows, platform, URL, account, when it happened, notes, intimate flag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Called on every change the user makes (and when the intimate box changes). Callbacks,
        # not signals: PySide6 6.12's SignalInstance.emit drops a reference to True on each call
        # from Python, and this runs on every keystroke.
        self.on_edited: Callable[[], None] = lambda: None
        self.on_intimate_toggled: Callable[[bool], None] = lambda _on: None
        self.title = QLineEdit()
        self.description = TextBox(4)
        self.description.setPlaceholderText(self.tr("In your own words, what can be seen"))
        self.platform = QComboBox()
        self.platform.setEditable(True)
        self.platform.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.platform.addItems(["", *COMMON_PLATFORMS])
        self.platform.lineEdit().setPlaceholderText(self.tr("Where it was found"))
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("The full address, starting with https://"))
        self.account = QLineEdit()
        self.account.setPlaceholderText(self.tr("The real handle or number, not a contact name"))

        self.date_unknown = QCheckBox(self.tr("Date not known"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        set_year_range(self.date)  # as on the case tabs: 1900 to 2100
        self.time_unknown = QCheckBox(self.tr("Time not known"))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(list(time_zones()))
        self.zone.setAccessibleName(self.tr("Time zone"))
        completer = QCompleter(list(time_zones()), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone.lineEdit().setPlaceholderText(self.tr("Type a city, e.g. Chicago"))

        self.note = TextBox(5)
        self.note.setPlaceholderText(self.tr("Anything else you want to remember"))
        self.intimate = QCheckBox(self.tr("This is an intimate image: keep it hidden"))

        self.date.setAccessibleName(self.tr("Date it happened"))
        self.time.setAccessibleName(self.tr("Time it happened"))

        when = QWidget()
        when_layout = QVBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_unknown)
        date_row.addStretch(1)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time)
        time_row.addWidget(self.time_unknown)
        time_row.addStretch(1)
        when_layout.addLayout(date_row)
        when_layout.addLayout(time_row)
        when_layout.addWidget(self.zone)
        self.when_hint = WrappingLabel(
            self.tr(
                "When it happened where it happened, which is not always when you saved it. "
                "The time zone is the one of the place and clock you read the time from."
            )
        )
        when_layout.addWidget(self.when_hint)

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Title"), self.title),
            (self.tr("&What it shows"), self.description),
            (self.tr("&Platform"), self.platform),
            (self.tr("Full &URL"), self.url),
            (self.tr("&Account or handle"), self.account),
            (self.tr("When it &happened"), when),
            (self.tr("&Notes"), self.note),
        ]
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(self.date if widget is when else widget)
            label.setWordWrap(True)
            form.addRow(label, widget)
        form.addRow(self.intimate)

        self.date_unknown.toggled.connect(self._update_enabled)
        self.time_unknown.toggled.connect(self._update_enabled)
        for signal in (
            self.title.textEdited,
            self.description.textChanged,
            self.platform.editTextChanged,
            self.url.textEdited,
            self.account.textEdited,
            self.date.dateChanged,
            self.date_unknown.toggled,
            self.time.timeChanged,
            self.time_unknown.toggled,
            self.zone.editTextChanged,
            self.note.textChanged,
            self.intimate.toggled,
        ):
            signal.connect(self._on_edit)
        self.intimate.toggled.connect(self._on_intimate)

        self._loading = False
        self._baseline: dict[str, Any] = {}
        self.load(None)

    # --- loading and reading -----------------------------------------------------------------

    def load(self, item: EvidenceItem | None) -> None:
        """Show ``item``'s fields; an empty form for None. One-line fields are cleaned (a title
        is often a file name, which may carry a bidi override); what it shows and the notes are
        the user's own words, shown exactly, so an edit never changes the rest of them."""
        self._loading = True
        try:
            self.title.setText(clean_line(item.title) if item else "")
            self.description.load(item.description if item else "")
            self.platform.setCurrentText(clean_line(item.platform) if item else "")
            self.url.setText(clean_line(item.url) if item else "")
            self.account.setText(clean_line(item.account) if item else "")
            self.note.load(item.note if item else "")
            self.intimate.setChecked(bool(item and item.intimate))
            self._load_when(item)
            for edit in (self.title, self.url, self.account):
                edit.setCursorPosition(0)
        finally:
            self._loading = False
        self._update_enabled()
        self._baseline = self._values()

    def _load_when(self, item: EvidenceItem | None) -> None:
        happened = getattr(item, "happened_at", "") if item else ""
        zone = getattr(item, "happened_tz", "") if item else ""
        match = _HAPPENED_RE.match(happened)
        date = QDate.fromString(match.group(1), "yyyy-MM-dd") if match else QDate()
        time = QTime.fromString(match.group(2), "HH:mm") if match and match.group(2) else QTime()
        self.date_unknown.setChecked(not date.isValid())
        self.date.setDate(date if date.isValid() else QDate.currentDate())
        self.time_unknown.setChecked(not time.isValid())
        self.time.setTime(time if time.isValid() else QTime(12, 0))
        self.zone.setCurrentText(clean_line(zone) if zone else local_zone())

    def _values(self) -> dict[str, Any]:
        if self.date_unknown.isChecked():
            happened_at, happened_tz = "", ""
        else:
            happened_at = self.date.date().toString("yyyy-MM-dd")
            if not self.time_unknown.isChecked():
                happened_at += "T" + self.time.time().toString("HH:mm")
            happened_tz = self.zone.currentText().strip()
        return {
            "title": self.title.text().strip(),
            "description": self.description.value(),
            "platform": self.platform.currentText().strip(),
            "url": self.url.text().strip(),
            "account": self.account.text().strip(),
            "happened_at": happened_at,
            "happened_tz": happened_tz,
            "note": self.note.value(),
            "intimate": self.intimate.isChecked(),
        }

    def changes(self) -> dict[str, Any]:
        """The fields the user changed since :meth:`load`, with their new values."""
        values = self._values()
        changed = {k: v for k, v in values.items() if v != self._baseline.get(k)}
        if "happened_at" in changed or "happened_tz" in changed:
            # The two belong together; the core checks them as a pair.
            changed["happened_at"] = values["happened_at"]
            changed["happened_tz"] = values["happened_tz"]
        return changed

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def problem(self) -> str:
        """A sentence about what must be fixed before saving, or "" when all is well."""
        values = self._values()
        zone = values["happened_tz"]
        if values["happened_at"] and zone not in time_zones():
            return self.tr(
                "The time zone “{zone}” is not one this program knows. Please choose one from "
                "the list (typing a city, such as Chicago or London, finds it)."
            ).format(zone=clean_line(zone, 60))
        return ""

    def wants_intimate(self) -> bool:
        """The intimate box as ticked now (saved or not)."""
        return self.intimate.isChecked()

    # --- internals -------------------------------------------------------------------------------

    def _update_enabled(self) -> None:
        known = not self.date_unknown.isChecked()
        self.date.setEnabled(known)
        self.time_unknown.setEnabled(known)
        self.time.setEnabled(known and not self.time_unknown.isChecked())
        self.zone.setEnabled(known)

    def _on_intimate(self, on: bool) -> None:
        if not self._loading:
            self.on_intimate_toggled(on)

    def _on_edit(self, *_args: object) -> None:
        if not self._loading:
            self.on_edited()
