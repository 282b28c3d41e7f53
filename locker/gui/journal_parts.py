"""The two halves of the journal tab: the list of entries and the entry being written.

Both only show what they are given and say what the user did; the page
(:mod:`locker.gui.journal_page`) reads and writes the vault and asks the questions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from locker.case.journal import JournalEntry
from locker.gui.item_form import TextBox, set_year_range
from locker.gui.list_rows import CardDelegate, card_item
from locker.gui.widgets import WrappingLabel, heading, page_button, plain_tip
from locker.text import clean_line

ID_ROLE = Qt.ItemDataRole.UserRole
DAY_FORMAT = "yyyy-MM-dd"


def day_words(day: str) -> str:
    """ "2026-10-12" → "Monday, 12 October 2026" in the user's language; "" if not a date."""
    shown = QDate.fromString(day, DAY_FORMAT)
    return QLocale().toString(shown, QLocale.FormatType.LongFormat) if shown.isValid() else ""


def first_line(text: str, limit: int = 80) -> str:
    """The first line with words in it, cleaned and shortened, for the list."""
    for line in text.splitlines():
        if line.strip():
            return clean_line(line.strip(), limit)
    return ""


class EntryList(QWidget):
    """The entries, newest day first: the day in bold, the first line under it (shortened
    with "…"; the whole line in the tooltip); "New entry" under them.

    ``on_chosen(entry_id)`` is called when the user picks a row (not when code selects one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_chosen: Callable[[str], None] = lambda _entry_id: None
        self.new_button = page_button(self.tr("New entry"))
        self.new_button.setToolTip(self.tr("Start a new entry for today"))
        self.view = QListWidget()
        CardDelegate(self.view, wrap=False)
        self.view.setAccessibleName(self.tr("Journal entries"))
        self.view.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.empty_label = WrappingLabel(self.tr("No entries yet. What you write appears here."))
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Entries"), 1.2))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(actions)
        self.view.currentItemChanged.connect(self._row_changed)

    def show_entries(self, entries: list[JournalEntry]) -> None:
        with QSignalBlocker(self.view):
            self.view.clear()
            for entry in entries:
                words = first_line(entry.text) or self.tr("(nothing written)")
                day = clean_line(entry.day, 20)
                row = card_item(f"{day}  {words}", day_words(entry.day) or day, words)
                row.setToolTip(plain_tip(first_line(entry.text, 300) or words))
                row.setData(ID_ROLE, entry.id)
                self.view.addItem(row)
        self.view.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)

    def clear(self) -> None:
        self.show_entries([])

    def row_of(self, entry_id: str) -> int | None:
        for row in range(self.view.count()):
            if self.view.item(row).data(ID_ROLE) == entry_id:
                return row
        return None

    def select(self, entry_id: str | None) -> None:
        """Show which entry is being written (None: a new one), without calling on_chosen."""
        row = self.row_of(entry_id) if entry_id else None
        with QSignalBlocker(self.view):
            self.view.setCurrentRow(-1 if row is None else row)
            if row is None:
                self.view.clearSelection()

    def _row_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.on_chosen(str(item.data(ID_ROLE)))


class EntryEditor(QWidget):
    """The day (today for a new entry) and the words. ``on_edited()`` runs on every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_edited: Callable[[], None] = lambda: None
        self._baseline: tuple[str, str] = ("", "")  # (day, text) as loaded
        self._new = True
        self.title = heading("", 1.2)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(DAY_FORMAT)
        set_year_range(self.day)
        self.day.setAccessibleName(self.tr("The day this entry is about"))
        self.day.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text = TextBox(14)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.text.setPlaceholderText(
            self.tr("Write in your own words, as much or as little as you like")
        )
        self.text.setAccessibleName(self.tr("What you want to write"))
        day_label = QLabel(self.tr("&Day:"))
        day_label.setBuddy(self.day)
        text_label = QLabel(self.tr("&Words:"))
        text_label.setBuddy(self.text)
        form = QFormLayout()
        form.addRow(day_label, self.day)
        form.addRow(text_label, self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form, 1)
        self.day.dateChanged.connect(lambda _date: self.on_edited())
        self.text.textChanged.connect(lambda: self.on_edited())
        self.load(None)

    def load(self, entry: JournalEntry | None) -> None:
        """Show ``entry`` exactly as written (an edit never changes the other words); None: a
        new, empty entry for today."""
        self._new = entry is None
        day = QDate.fromString(entry.day, DAY_FORMAT) if entry is not None else QDate()
        with QSignalBlocker(self.day), QSignalBlocker(self.text):
            self.day.setDate(day if day.isValid() else QDate.currentDate())
            # load() also empties the undo history: no earlier words are kept there.
            self.text.load(entry.text if entry is not None else "")
        self._baseline = self.values()
        self.title.setText(self.tr("A new entry") if entry is None else self.tr("Your entry"))

    def values(self) -> tuple[str, str]:
        """(day "YYYY-MM-DD", text) as on screen."""
        return self.day.date().toString(DAY_FORMAT), self.text.value()

    def changes(self) -> dict[str, str]:
        """What differs from what was loaded, by the core's argument names."""
        day, text = self.values()
        changed = {}
        if text != self._baseline[1]:
            changed["text"] = text
        if day != self._baseline[0]:
            changed["day"] = day
        return changed

    def is_dirty(self) -> bool:
        """Unsaved words (a new entry only once something is written in it)."""
        if self._new:
            return bool(self.text.toPlainText().strip())
        return self.values() != self._baseline

    def set_busy(self, busy: bool) -> None:
        """While a save runs, the words cannot change under it."""
        self.day.setEnabled(not busy)
        self.text.setReadOnly(busy)
