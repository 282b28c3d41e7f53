"""The takedown reports as a table model: one row per reported URL, sortable by any column.

What needs the user's attention (a follow-up date that has passed, a 48-hour removal deadline
that ran out) reads without colour: the cell is bold and says it in words with a ⚠ marker
(:mod:`locker.gui.takedown_labels`); a soft background is only the third signal, for those
who see it. The clock (today, now) comes from the page, so every state is worked out again
when the page is refreshed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from locker.case import takedowns, when
from locker.case.takedowns import Takedown
from locker.gui.item_form import local_zone
from locker.gui.takedown_labels import (
    deadline_cell,
    deadline_state,
    deadline_tip,
    follow_up_text,
    follow_up_tip,
    reported_text,
)
from locker.gui.widgets import plain_tip
from locker.text import clean_line

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the takedown id
# "overdue" (follow-up), "today" (follow-up), "passed" (deadline) or "": what the cell warns of.
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 2

# Fixed light backgrounds with dark text, so they read the same in light and dark themes.
OVERDUE_BACKGROUND = QColor("#fde8c8")
PASSED_BACKGROUND = QColor("#f8d7d5")
TODAY_BACKGROUND = QColor("#fdf5dc")
DARK_TEXT = QColor("#2b1d00")
_FAR = date.max


# --- the model -------------------------------------------------------------------------------


@dataclass
class _Row:
    """A report with its states at the page's clock, worked out once per refresh."""

    takedown: Takedown
    follow_up: str  # takedowns.follow_up_state
    deadline: str  # the column's text
    deadline_attention: str
    deadline_tip: str
    deadline_rank: int
    due: datetime | None
    reported: datetime | None  # the moment of the report, for ordering across zones

    @classmethod
    def of(cls, t: Takedown, today: date, now: datetime) -> _Row:
        deadline = takedowns.removal_deadline(t)
        state = deadline_state(t, today, now) if deadline is not None else "none"
        text, attention = deadline_cell(t, state)
        rank = {"passed": 0, "running": 1, "removed-late": 2, "met": 3, "removed": 3}.get(state, 4)
        due = deadline.due if deadline is not None else None
        reported = when.instant(
            t.reported_at, t.reported_tz, t.reported_offset, floating_zone=local_zone() or "UTC"
        )
        return cls(t, takedowns.follow_up_state(t, today), text, attention,
                   deadline_tip(t, state), rank, due, reported)  # fmt: skip

    @property
    def needs_attention(self) -> bool:
        return self.follow_up == "overdue" or self.deadline_attention == "passed"

    def default_key(self) -> tuple[Any, ...]:
        """Overdue follow-ups and passed deadlines first, then due today, then by follow-up
        date (none last), then the newest report (by its moment, across zones; not known
        last)."""
        urgency = 0 if self.needs_attention else 1 if self.follow_up == "today" else 2
        follow = _day(self.takedown.follow_up) or _FAR
        newest = (0, -self.reported.timestamp()) if self.reported else (1, 0.0)
        return (urgency, follow, *newest)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class TakedownModel(QAbstractTableModel):
    """Read-only rows of :class:`Takedown`, holding them only until :meth:`clear`."""

    # What needs doing (follow-up, deadline) comes right after what and where, so it is seen
    # without scrolling sideways next to the form.
    STATUS, PLATFORM, FOLLOW_UP, DEADLINE, REPORTED, TICKET, HOW, URL = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._today = date.today()
        self._now = datetime.now(UTC)
        self._headers = [
            self.tr("Status"),
            self.tr("Platform"),
            self.tr("Follow up"),
            self.tr("48-hour deadline"),
            self.tr("Reported"),
            self.tr("Ticket / case"),
            self.tr("How"),
            self.tr("Address (URL)"),
        ]

    # --- changing the rows -------------------------------------------------------------------

    def set_takedowns(self, items: list[Takedown], today: date, now: datetime) -> None:
        self.beginResetModel()
        self._today, self._now = today, now
        self._rows = [_Row.of(t, today, now) for t in items]
        self.endResetModel()

    def put(self, t: Takedown) -> None:
        """Show a saved report: replace it, or add it at the end."""
        row = self.row_of(t.id)
        new = _Row.of(t, self._today, self._now)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(new)
            self.endInsertRows()
        else:
            self._rows[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove(self, takedown_id: str) -> None:
        row = self.row_of(takedown_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.set_takedowns([], self._today, self._now)

    # --- reading ---------------------------------------------------------------------------

    def takedown(self, row: int) -> Takedown:
        return self._rows[row].takedown

    def takedowns(self) -> list[Takedown]:
        return [r.takedown for r in self._rows]

    def row_of(self, takedown_id: str) -> int | None:
        for n, r in enumerate(self._rows):
            if r.takedown.id == takedown_id:
                return n
        return None

    def counts(self) -> tuple[int, int, int, int]:
        """(reports, follow-ups overdue, follow-ups due today, deadlines passed)."""
        rows = self._rows
        return (
            len(rows),
            sum(r.follow_up == "overdue" for r in rows),
            sum(r.follow_up == "today" for r in rows),
            sum(r.deadline_attention == "passed" for r in rows),
        )

    def sort_key(self, row: int, column: int) -> tuple[Any, ...]:
        r = self._rows[row]
        t = r.takedown
        default = r.default_key()
        if column == self.STATUS:
            order = takedowns.STATUSES
            return (order.index(t.status) if t.status in order else len(order), *default)
        if column == self.PLATFORM:
            return (t.platform.casefold(), *default)
        if column == self.REPORTED:  # by the moment, across zones; not known last
            far = datetime.max.replace(tzinfo=UTC)
            return (r.reported is None, r.reported or far, *default)
        if column == self.HOW:
            return (takedowns.method_label(t.method).casefold(), *default)
        if column == self.TICKET:
            return (t.ticket.casefold(), *default)
        if column == self.DEADLINE:
            far = datetime.max.replace(tzinfo=UTC)
            return (r.deadline_rank, r.due or far, *default)
        if column == self.URL:
            return (t.url.casefold(), *default)
        return default

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.TICKET:
            return self.tr("The ticket or case number they gave you (for StopNCII, never the PIN)")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == ID_ROLE:
            return row.takedown.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DEADLINE and row.deadline_tip:
                return plain_tip(row.deadline_tip)
            if column == self.FOLLOW_UP and row.takedown.follow_up:
                return plain_tip(follow_up_tip(row.takedown, row.follow_up))
            return plain_tip(self._text(row, column)) or None
        attention = self._attention(row, column)
        if role == ATTENTION_ROLE:
            return attention
        if not attention:
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = {"overdue": OVERDUE_BACKGROUND, "passed": PASSED_BACKGROUND}
            return QBrush(colour.get(attention, TODAY_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(DARK_TEXT)
        return None

    def _attention(self, row: _Row, column: int) -> str:
        if column == self.FOLLOW_UP and row.follow_up in ("overdue", "today"):
            return row.follow_up
        if column == self.DEADLINE:
            return row.deadline_attention
        return ""

    def _text(self, row: _Row, column: int) -> str:
        t = row.takedown
        if column == self.STATUS:
            return takedowns.status_label(t.status)
        if column == self.PLATFORM:
            return clean_line(t.platform, 80)
        if column == self.REPORTED:
            return reported_text(t)
        if column == self.HOW:
            return takedowns.method_label(t.method)
        if column == self.TICKET:
            return clean_line(t.ticket, 80)
        if column == self.FOLLOW_UP:
            return follow_up_text(t, row.follow_up)
        if column == self.DEADLINE:
            return row.deadline
        if column == self.URL:
            return clean_line(t.url, 300)
        return ""


class TakedownProxy(QSortFilterProxyModel):
    """Sorts by the model's key for the chosen column (ties: the default order)."""

    def __init__(self, model: TakedownModel) -> None:
        super().__init__(model)
        self._model = model
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 - Qt's API
        column = left.column()
        return self._model.sort_key(left.row(), column) < self._model.sort_key(right.row(), column)
