"""The Timeline tab: incidents and evidence in the order they happened, and a chart of incidents
per week or month, so a pattern or an escalation is visible at a glance.

Everything is read through the :class:`TaskRunner` (never on the UI thread) and dropped by
:meth:`TimelinePage.clear` (lock, quick exit). Titles only, never a picture. Filters by platform
and account narrow the list and the chart together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from locker.case import evidence, incidents, timeline
from locker.case.incidents import Incident
from locker.case.timeline import TimelineEntry
from locker.gui import item_form
from locker.gui.incident_chart import IncidentChart
from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.gui.timeline_model import (
    ID_ROLE,
    KIND_ROLE,
    TimelineModel,
    TimelineRow,
    prepare_rows,
)
from locker.gui.widgets import MessageLabel, WrappingLabel, heading
from locker.text import clean_line
from locker.vault import Vault, VaultError


@dataclass
class _Loaded:
    """All worked out on the worker: the UI thread only swaps it in."""

    incidents: list[Incident]
    entries: list[TimelineEntry]
    rows: list[TimelineRow]  # one per entry, same order, texts ready
    platforms: list[str]
    accounts: list[str]
    period: str  # choose_period's choice for these incidents
    damaged: int  # incidents and items that could not be read


class TimelinePage(QWidget):
    """The timeline. ``open_incident(id)`` / ``open_item(id)``: the user asked to open that row
    (double-click or Enter); the case screen switches to its tab."""

    open_incident = Signal(str)
    open_item = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._vault: Vault | None = None
        self._generation = 0  # bumped on clear() and on each refresh: late results are dropped
        self._incidents: list[Incident] = []
        self._entries: list[TimelineEntry] = []
        self._rows: list[TimelineRow] = []  # prepared on the worker, one per entry
        self._platforms: list[str] = []
        self._accounts: list[str] = []
        self._auto_period = "week"  # choose_period's choice, worked out on the worker
        self._charted: list[Incident] = []  # the incidents the filters let through
        self._chosen_period = ""  # "" = the program chooses (choose_period)

        self.title_label = heading(self.tr("Timeline"), 1.3)
        self.message = MessageLabel()

        # Empty state.
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_label = WrappingLabel(
            self.tr(
                "Nothing on the timeline yet. Incidents and evidence appear here in the order "
                "they happened."
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addStretch(2)

        # Filters.
        self.platform_box = QComboBox()
        self.platform_box.setAccessibleName(self.tr("Show only this platform"))
        self.account_box = QComboBox()
        self.account_box.setAccessibleName(self.tr("Show only this account"))
        for box in (self.platform_box, self.account_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMaximumWidth(320)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        platform_label = QLabel(self.tr("&Platform:"))
        platform_label.setBuddy(self.platform_box)
        account_label = QLabel(self.tr("&Account:"))
        account_label.setBuddy(self.account_box)
        filters.addWidget(platform_label)
        filters.addWidget(self.platform_box)
        filters.addSpacing(12)
        filters.addWidget(account_label)
        filters.addWidget(self.account_box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        # Chart.
        self.chart = IncidentChart()
        self.week_button = QRadioButton(self.tr("By &week"))
        self.month_button = QRadioButton(self.tr("By &month"))
        self._period_group = QButtonGroup(self)
        self._period_group.addButton(self.week_button)
        self._period_group.addButton(self.month_button)
        self.week_button.setChecked(True)
        period_row = QHBoxLayout()
        period_row.addWidget(self.week_button)
        period_row.addWidget(self.month_button)
        period_row.addStretch(1)

        # List.
        self.model = TimelineModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName(self.tr("Timeline of incidents and evidence"))
        self.view.setAccessibleDescription(self.tr("Press Enter or double-click a row to open it."))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TimelineModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.view.fontMetrics()
        for column, sample in (
            (TimelineModel.WHEN, "2026-11-01 01:30 (America/New_York, UTC−05:00)"),
            (TimelineModel.KIND, self.tr("Evidence") + "  "),
            (TimelineModel.PLATFORM, "Text messages  "),
            (TimelineModel.ACCOUNTS, "@an_account_name, @another"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.filtered_label = WrappingLabel(
            self.tr("Nothing matches these filters. Choose “All platforms” and “All accounts” "
                    "to see everything again.")
        )  # fmt: skip
        self.filtered_label.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.chart)
        layout.addLayout(period_row)
        layout.addWidget(self.filtered_label)
        layout.addWidget(self.view, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)  # as the other tabs
        outer.addWidget(self.title_label)
        outer.addWidget(self.message)
        outer.addWidget(self.pages, 1)

        self.platform_box.currentIndexChanged.connect(self._apply_filters)
        self.account_box.currentIndexChanged.connect(self._apply_filters)
        self.week_button.toggled.connect(self._period_toggled)
        self.view.doubleClicked.connect(self._open_index)
        self.view.installEventFilter(self)
        self._reset_filters()
        self._show()

    # --- the contract -----------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        if vault is not self._vault:
            self.clear()
        self._vault = vault

    def refresh(self) -> None:
        """Read the incidents and items again (off the UI thread) and rebuild the timeline."""
        vault = self._vault
        if vault is None:
            self.clear()
            return
        self._generation += 1
        generation = self._generation
        zone = item_form.local_zone()

        def work() -> _Loaded:
            found, bad_incidents = incidents.list_incidents(vault)
            items, bad_items = evidence.list_items(vault)
            entries = timeline.build_timeline(found, items, floating_zone=zone)
            rows = prepare_rows(entries, {i.id: i for i in found})
            platforms, accounts = timeline.platforms_and_accounts(entries)
            period = timeline.choose_period(found)
            damaged = len(bad_incidents) + len(bad_items)
            return _Loaded(found, entries, rows, platforms, accounts, period, damaged)

        self._runner.run(
            work,
            lambda loaded: self._loaded(loaded, generation),
            lambda err: self._failed(err, generation),
        )

    def clear(self) -> None:
        """Drop everything decrypted (lock, quick exit)."""
        self._generation += 1
        self._incidents = []
        self._entries = []
        self._rows = []
        self._platforms = []
        self._accounts = []
        self._charted = []
        self._auto_period = "week"
        self._chosen_period = ""
        self.model.clear()
        self.chart.clear()
        self.count_label.setText("")
        self.filtered_label.hide()
        self.message.clear_message()
        self._reset_filters()
        self._show()

    def has_unsaved_changes(self) -> bool:
        return False  # nothing is edited here

    # --- what is shown ----------------------------------------------------------------------

    def entries(self) -> list[TimelineEntry]:
        """The entries in the list now (after the filters), top to bottom."""
        return self.model.entries()

    def _loaded(self, loaded: _Loaded, generation: int) -> None:
        if generation != self._generation:
            return  # locked (or refreshed again) meanwhile
        self._incidents = loaded.incidents
        self._entries = loaded.entries
        self._rows = loaded.rows
        self._platforms = loaded.platforms
        self._accounts = loaded.accounts
        self._auto_period = loaded.period
        if loaded.damaged:
            n = loaded.damaged
            self.message.show_message(
                self.tr(
                    "1 record could not be read because part of the vault file is damaged. "
                    "Everything else is shown."
                )
                if n == 1
                else self.tr(
                    "%n records could not be read because part of the vault file is damaged. "
                    "Everything else is shown.",
                    "",
                    n,
                )
            )
        else:
            self.message.clear_message()
        self._fill_filters()
        self._apply_filters()

    def _failed(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self.message.show_message(
            self.tr("The timeline could not be read. {reason}").format(reason=describe(err))
        )

    def _reset_filters(self) -> None:
        for box, everything in (
            (self.platform_box, self.tr("All platforms")),
            (self.account_box, self.tr("All accounts")),
        ):
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, "")
            box.blockSignals(False)

    def _fill_filters(self) -> None:
        """The platforms and accounts on the timeline; the user's choice kept if still there."""
        for box, values, everything in (
            (self.platform_box, self._platforms, self.tr("All platforms")),
            (self.account_box, self._accounts, self.tr("All accounts")),
        ):
            chosen = box.currentData() or ""
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, "")
            for value in values:
                box.addItem(clean_line(value, 60), value)
            index = box.findData(chosen) if chosen else 0
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def _apply_filters(self) -> None:
        platform = self.platform_box.currentData() or ""
        account = self.account_box.currentData() or ""
        if platform or account:
            kept = {
                id(e)
                for e in timeline.filter_entries(self._entries, platform=platform, account=account)
            }
            rows = [r for r in self._rows if id(r.entry) in kept]
        else:
            rows = self._rows
        shown = [r.entry for r in rows if r.entry is not None]
        self.model.set_rows(rows)
        heading_row = self.model.heading_row()
        self.view.clearSpans()
        if heading_row >= 0:
            self.view.setSpan(heading_row, 0, 1, self.model.columnCount())
        total = len(self._entries)
        self.count_label.setText(
            self.tr("Showing {shown} of {total}").format(shown=len(shown), total=total)
        )
        self.filtered_label.setVisible(total > 0 and not shown)

        wanted = {e.id for e in shown if e.kind == "incident"}
        self._charted = [i for i in self._incidents if i.id in wanted]
        self._draw_chart()
        self._show()

    def _draw_chart(self) -> None:
        """Incidents per week or month (those the filters let through). A filtered chart keeps
        the whole timeline's span, so one platform or account can be compared with the rest at a
        glance."""
        charted = self._charted
        period = self._chosen_period or self._auto_period
        button = self.month_button if period == "month" else self.week_button
        if not button.isChecked():
            self.week_button.blockSignals(True)
            button.setChecked(True)
            self.week_button.blockSignals(False)
        counted = {b.start: b.count for b in timeline.incident_counts(charted, period)}
        buckets: list[timeline.ChartBucket] = []
        left_out = 0
        if counted:  # at most the newest bars of a very long span (none squeezed to a pixel)
            buckets, _older = timeline.chart_buckets(self._incidents, period)
            left_out = sum(n for start, n in counted.items() if start < buckets[0].start)
            buckets = [replace(b, count=counted.get(b.start, 0)) for b in buckets]
        self.chart.set_data(buckets, period, timeline.undated_count(charted), left_out)

    def _period_toggled(self, _on: bool) -> None:
        self._chosen_period = "week" if self.week_button.isChecked() else "month"
        self._draw_chart()  # the rows stay as they are: only the chart's buckets change

    def _show(self) -> None:
        has_any = bool(self._entries)
        self.pages.setCurrentIndex(1 if has_any else 0)

    # --- opening a row ----------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        entry_id = index.data(ID_ROLE)
        kind = index.data(KIND_ROLE)
        if not entry_id:
            return
        if kind == "incident":
            self.open_incident.emit(entry_id)
        elif kind == "evidence":
            self.open_item.emit(entry_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.view.currentIndex().isValid()
        ):
            self._open_index(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)
