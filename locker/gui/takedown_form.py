"""The fields of one takedown report: where, when, how, the ticket or case number, status,
follow-up, the US 48-hour rule, notes, and the status history (read-only).

Like :class:`locker.gui.item_form.ItemForm`, the form only collects what the user typed; the
page saves it. :meth:`TakedownForm.changes` returns only the fields the user changed, so the
custody log names exactly those, and a stored value the form cannot show is never overwritten
by accident. The deadline is worked out here from the fields as they are now, with the page's
clock, by the core's own rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locker.case import takedowns
from locker.case.takedowns import Takedown
from locker.gui.form_rows import FormRows
from locker.gui.item_form import COMMON_PLATFORMS, TextBox, local_zone, long_line, set_year_range
from locker.gui.library_labels import local_time
from locker.gui.takedown_labels import deadline_sentence, deadline_state
from locker.gui.when_edit import WhenEdit
from locker.gui.widgets import WrappingLabel, plain_tip
from locker.i18n import _
from locker.text import clean_line

PLATFORMS = ("", *COMMON_PLATFORMS, "Google Search", "Bing")
FOLLOW_UP_DAYS = 7  # a new report suggests looking again after a week
_BOX = "QLabel {{ background: {bg}; color: #2b1d00; border: 1px solid {line}; padding: 6px; }}"
_STRONG = _BOX.format(bg="#fdf3e1", line="#c98a1a")


def _combo(values: tuple[str, ...], label: Callable[[str], str]) -> QComboBox:
    box = QComboBox()
    for value in values:
        box.addItem(label(value), value)
    return box


def _choose(box: QComboBox, value: str, label: Callable[[str], str], known: int) -> None:
    """Select ``value``; one the program does not know (an odd record) is shown as it is, for
    that record only: what an earlier record added after the ``known`` values goes first."""
    while box.count() > known:
        box.removeItem(box.count() - 1)
    found = box.findData(value)
    if found < 0:
        box.addItem(label(value), value)
        found = box.count() - 1
    box.setCurrentIndex(found)


def _offset_text(delta: timedelta) -> str:
    """``timedelta(hours=-5)`` as "-05:00", as the core stores an offset."""
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


class TakedownForm(QWidget):
    """One report's fields. ``on_edited`` runs on every change by the user."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_edited: Callable[[], None] = lambda: None
        self.clock: Callable[[], tuple[date, datetime]] = lambda: (
            date.today(),
            datetime.now(UTC),
        )
        self._loading = False
        self._takedown: Takedown | None = None
        self._baseline: dict[str, Any] = {}

        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("The full address you asked them to remove"))
        self.platform = QComboBox()
        self.platform.setEditable(True)
        self.platform.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.platform.addItems(list(PLATFORMS))
        self.platform.lineEdit().setPlaceholderText(self.tr("Where it was posted"))
        self.reported = WhenEdit(self.tr("when you reported it"))
        self.method = _combo(takedowns.METHODS, takedowns.method_label)
        self.dmca_caution = WrappingLabel(
            self.tr(
                "Careful: the platform may forward a DMCA notice, with your name and contact "
                "details, to the person who uploaded it. If that could put you at risk, the "
                "platform's own report form for intimate images may be the safer way."
            )
        )
        self.dmca_caution.setStyleSheet(_STRONG)
        self.ticket = QLineEdit()
        self.ticket.setPlaceholderText(self.tr("The number they gave you, if any"))
        # The core's words (the CLI says the same): never the PIN, and it cannot be recovered.
        self.ticket_note = WrappingLabel(_(takedowns.TICKET_NOTE))
        self.status = _combo(takedowns.STATUSES, takedowns.status_label)
        self.history_note = QLineEdit()
        self.history_note.setPlaceholderText(
            self.tr("A short note for the history, if you like (optional)")
        )
        self.history_note.setAccessibleName(self.tr("Note for the history"))
        self.follow_up = QDateEdit()
        set_year_range(self.follow_up)
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up.setAccessibleName(self.tr("Next follow-up date"))
        self.no_follow_up = QCheckBox(self.tr("No follow-up"))
        self.us_platform = QCheckBox(self.tr("This is a US platform (TAKE IT DOWN Act)"))
        us_hint = WrappingLabel(
            self.tr(
                "Since 19 May 2026, covered platforms must remove reported intimate images "
                "within 48 hours of a valid request."
            )
        )
        self.deadline = WrappingLabel()
        self.deadline.setTextFormat(Qt.TextFormat.PlainText)
        self.deadline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline.setAccessibleName(self.tr("48-hour deadline"))
        self.note = TextBox(4)
        self.note.setPlaceholderText(self.tr("Anything else you want to remember"))
        self.history = QTreeWidget()
        self.history.setColumnCount(3)
        self.history.setHeaderLabels(
            [self.tr("When (your time)"), self.tr("Status"), self.tr("Note")]
        )
        self.history.headerItem().setToolTip(
            0, self.tr("When the change was recorded here, in this computer's time zone")
        )
        self.history.setRootIsDecorated(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setAccessibleName(self.tr("Status history"))
        self.history.setMaximumHeight(140)
        for line in (self.url, self.platform, self.ticket, self.history_note):
            long_line(line)

        ticket_box = self._column(self.ticket, self.ticket_note)
        status_box = self._column(self.status, self.history_note)
        follow_row = QWidget()
        follow_layout = QHBoxLayout(follow_row)
        follow_layout.setContentsMargins(0, 0, 0, 0)
        follow_layout.addWidget(self.follow_up)
        follow_layout.addWidget(self.no_follow_up)
        follow_layout.addStretch(1)
        us_box = self._column(self.us_platform, us_hint)
        self.rows = FormRows()
        rows: list[tuple[str, QWidget, QWidget]] = [
            (self.tr("Full &URL"), self.url, self.url),
            (self.tr("&Platform"), self.platform, self.platform),
            (self.tr("Date &reported"), self.reported, self.reported.date),
            (self.tr("&How"), self._column(self.method, self.dmca_caution), self.method),
            (self.tr("&Ticket or case number"), ticket_box, self.ticket),
            (self.tr("&Status"), status_box, self.status),
            (self.tr("Next &follow-up"), follow_row, self.follow_up),
            (self.tr("US law"), us_box, self.us_platform),
            (self.tr("48-hour deadline"), self.deadline, self.deadline),
            (self.tr("&Notes"), self.note, self.note),
            (self.tr("History"), self.history, self.history),
        ]
        for text, widget, buddy in rows:
            self.rows.add_row(text, widget, buddy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows)

        self.reported.on_edited = self._on_edit
        for signal in (
            self.url.textEdited,
            self.platform.editTextChanged,
            self.method.currentIndexChanged,
            self.ticket.textEdited,
            self.status.currentIndexChanged,
            self.follow_up.dateChanged,
            self.no_follow_up.toggled,
            self.us_platform.toggled,
            self.note.textChanged,
        ):
            signal.connect(self._on_edit)
        self.load(None)

    @staticmethod
    def _column(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def narrowest(self) -> int:
        """The least width the form needs (its labels above the fields): a pane narrower
        than this would need a horizontal scroll bar."""
        margins = self.layout().contentsMargins()
        return self.rows.stacked_width() + margins.left() + margins.right()

    # --- loading and reading -----------------------------------------------------------------

    def load(self, t: Takedown | None, method: str = "") -> None:
        """Show ``t``'s fields exactly as stored, never cleaned nor shortened (what is shown is
        saved back as it is); None: a new report, starting from now, made with ``method`` if
        the program knows it (from the guide): loaded, so not a change by the user."""
        self._takedown = t
        today, now = self.clock()
        self._loading = True
        try:
            self.url.setText(t.url if t else "")
            self.url.setCursorPosition(0)
            self.platform.setCurrentText(t.platform if t else "")
            self.platform.lineEdit().setCursorPosition(0)
            if t is not None:
                self.reported.load(t.reported_at, t.reported_tz, t.reported_offset)
            else:
                zone = local_zone()
                wall = now.astimezone(ZoneInfo(zone)) if zone else now.astimezone()
                # With the offset: "now" on the night the clocks go back may be the second 01:30.
                offset = _offset_text(wall.utcoffset() or timedelta(0))
                self.reported.load(wall.strftime("%Y-%m-%dT%H:%M"), zone, offset)
            method = t.method if t else (method if method in takedowns.METHODS else "form")
            _choose(self.method, method, takedowns.method_label, len(takedowns.METHODS))
            self.ticket.setText(t.ticket if t else "")
            self.ticket.setCursorPosition(0)
            status = t.status if t else "reported"
            _choose(self.status, status, takedowns.status_label, len(takedowns.STATUSES))
            self.history_note.setText("")
            follow = QDate.fromString(t.follow_up, "yyyy-MM-dd") if t else QDate()
            if t is None:
                later = today + timedelta(days=FOLLOW_UP_DAYS)
                follow = QDate(later.year, later.month, later.day)
            self.no_follow_up.setChecked(not follow.isValid())
            self.follow_up.setDate(
                follow if follow.isValid() else QDate(today.year, today.month, today.day)
            )
            self.us_platform.setChecked(bool(t and t.us_platform))
            self.note.load(t.note if t else "")
            self._show_history(t)
        finally:
            self._loading = False
        self._baseline = self._values()
        self._update()

    def _show_history(self, t: Takedown | None) -> None:
        self.history.clear()
        for change in t.history if t else []:
            row = QTreeWidgetItem(
                [
                    local_time(change.at, 40),
                    takedowns.status_label(change.status),
                    clean_line(change.note, 300),
                ]
            )
            row.setToolTip(2, plain_tip(clean_line(change.note, 300)))
            self.history.addTopLevelItem(row)
        for column in (0, 1):
            self.history.resizeColumnToContents(column)
        self.rows.set_row_visible(self.history, t is not None)

    def _values(self) -> dict[str, Any]:
        at, tz, offset = self.reported.values()
        return {
            "url": self.url.text().strip(),
            "platform": self.platform.currentText().strip(),
            "reported_at": at,
            "reported_tz": tz,
            "reported_offset": offset,
            "method": self.method.currentData(),
            "ticket": self.ticket.text().strip(),
            "status": self.status.currentData(),
            "follow_up": ""
            if self.no_follow_up.isChecked()
            else self.follow_up.date().toString("yyyy-MM-dd"),
            "us_platform": self.us_platform.isChecked(),
            "note": self.note.value(),
        }

    def values(self) -> dict[str, Any]:
        """Every field, for a new report."""
        return self._values()

    def changes(self) -> dict[str, Any]:
        """The fields the user changed since :meth:`load`, with their new values."""
        values = self._values()
        changed = {k: v for k, v in values.items() if v != self._baseline.get(k)}
        if any(k.startswith("reported_") for k in changed):
            # The three belong together; the core checks them as one moment.
            changed.update({k: v for k, v in values.items() if k.startswith("reported_")})
        return changed

    def is_new(self) -> bool:
        return self._takedown is None

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def note_for_history(self) -> str:
        """The short note for a status change ("" when the status did not change)."""
        return self.history_note.text().strip() if self._status_changed() else ""

    def problem(self) -> str:
        """A sentence about what must be fixed before saving, or "" when all is well."""
        if not self.url.text().strip():
            return self.tr(
                "Please write the address (URL) of the page you reported, for example "
                "https://example.com/post/123. Nothing was saved."
            )
        return self.reported.problem()

    def refresh_deadline(self) -> None:
        """Work the deadline out again (the page's clock moved on)."""
        self._update()

    # --- internals -------------------------------------------------------------------------------

    def _status_changed(self) -> bool:
        return not self.is_new() and self.status.currentData() != self._baseline.get("status")

    def _as_takedown(self) -> Takedown:
        values = self._values()
        history = list(self._takedown.history) if self._takedown else []
        return Takedown(id="", history=history, **values)

    def _deadline_words(self) -> tuple[str, bool]:
        """(what the deadline line says, whether it warns)."""
        if self.reported.problem():
            return self.tr("Check the date reported above to see the deadline."), False
        t = self._as_takedown()
        today, now = self.clock()
        return deadline_sentence(t, deadline_state(t, today, now))

    def _update(self) -> None:
        method = self.method.currentData()
        self.dmca_caution.setVisible(method == "dmca")
        stopncii = method == "stopncii"
        # The PIN warning is always there; for StopNCII it stands out (bold, boxed).
        font = QFont(self.ticket_note.font())
        font.setBold(stopncii)
        self.ticket_note.setFont(font)
        self.ticket_note.setStyleSheet(_STRONG if stopncii else "")
        self.ticket.setPlaceholderText(
            self.tr("The case number (never the PIN)")
            if stopncii
            else self.tr("The number they gave you, if any")
        )
        self.history_note.setVisible(self._status_changed())
        self.follow_up.setEnabled(not self.no_follow_up.isChecked())
        text, warns = self._deadline_words()
        self.deadline.setText(text)
        font = QFont(self.deadline.font())
        font.setBold(warns)
        self.deadline.setFont(font)

    def _on_edit(self, *_args: object) -> None:
        if self._loading:
            return
        self._update()
        self.on_edited()
