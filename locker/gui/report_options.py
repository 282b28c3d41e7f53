"""The choices on the Summary tab's left side: what goes into the printable summary.

Every choice becomes one :class:`~locker.report.context.ReportOptions` (:meth:`ReportOptionsForm
.options`); ``changed`` fires on any edit that changes the pages, so the page can say that the
preview no longer shows what would be printed (the number of copies does not: Print reads it
when it prints). The separate packet of unredacted intimate pictures is only turned on
after a plain question (No is the default), and stays off when the answer is No.

The list of items to tick is :mod:`locker.gui.report_items` (titles and dates, never a picture).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from locker.case.evidence import EvidenceItem
from locker.gui.item_form import set_year_range
from locker.gui.report_items import EvidenceChecklist
from locker.gui.widgets import (
    WrappingLabel,
    run_modal,
    set_checked_quietly,
    warning_question,
    went_on,
)
from locker.report.context import MAX_COPIES, PAPERS, ReportOptions

TITLE_LIMIT = 200  # ReportOptions keeps what is typed; the PDF wraps it


def _hint(text: str) -> WrappingLabel:
    """A one-line explanation under a choice, a little quieter than the choice itself."""
    label = WrappingLabel(text)
    label.setIndent(24)  # under the check box's text, not its box
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportOptionsForm(QWidget):
    """The options form. ``set_items`` fills the list of items to tick (titles and dates; None while
    nothing is read); :meth:`clear` forgets everything typed (lock, quick exit)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_LIMIT)
        self.title.setPlaceholderText(self.tr("For example: Protective order hearing"))
        self.prepared_by = QLineEdit()
        self.prepared_by.setMaxLength(TITLE_LIMIT)
        self.prepared_by.setPlaceholderText(self.tr("Your name, or your advocate's"))
        words = QFormLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addRow(self.tr("Case title:"), self.title)
        words.addRow(self.tr("Prepared by:"), self.prepared_by)

        self.all_items = QRadioButton(self.tr("All evidence"))
        self.date_range = QRadioButton(self.tr("Evidence from a date range"))
        self.chosen_items = QRadioButton(self.tr("Only the items I tick below"))
        self.which = QButtonGroup(self)
        for button in (self.all_items, self.date_range, self.chosen_items):
            self.which.addButton(button)
        self.start = self._date_edit(self.tr("From"))
        self.end = self._date_edit(self.tr("To"))
        dates = QHBoxLayout()
        dates.setContentsMargins(24, 0, 0, 0)
        dates.addWidget(QLabel(self.tr("From")))
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.item_list = EvidenceChecklist()

        self.incidents = QCheckBox(self.tr("Incidents and the timeline (always included)"))
        self.incidents.setChecked(True)
        self.incidents.setEnabled(False)
        self.takedowns = QCheckBox(self.tr("Takedown requests"))
        self.takedowns.setChecked(True)
        self.journal = QCheckBox(self.tr("My private journal"))
        self.declaration = QCheckBox(self.tr("A declaration page to sign"))
        self.packet = QCheckBox(self.tr("A separate packet of the unredacted pictures"))

        self.paper = QComboBox()
        self.paper.addItem(self.tr("Letter (US and Canada)"), "letter")
        self.paper.addItem(self.tr("A4"), "a4")
        assert tuple(self.paper.itemData(i) for i in range(self.paper.count())) == PAPERS
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setAccessibleName(self.tr("Number of copies to print"))
        printing = QFormLayout()
        printing.setContentsMargins(0, 0, 0, 0)
        printing.addRow(self.tr("Paper size:"), self.paper)
        printing.addRow(self.tr("Copies to print:"), self.copies)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(words)
        layout.addSpacing(6)
        layout.addWidget(self._section(self.tr("Which evidence")))
        layout.addWidget(self.all_items)
        layout.addWidget(self.date_range)
        layout.addLayout(dates)
        layout.addWidget(self.chosen_items)
        layout.addWidget(self.item_list)
        layout.addSpacing(6)
        layout.addWidget(self._section(self.tr("What else to include")))
        layout.addWidget(self.incidents)
        layout.addWidget(self.takedowns)
        layout.addWidget(self.journal)
        layout.addWidget(_hint(self.tr("Off unless you choose it: your journal is private.")))
        layout.addWidget(self.declaration)
        layout.addWidget(_hint(self.tr("For the person who captured the evidence to sign.")))
        layout.addWidget(self.packet)
        layout.addWidget(
            _hint(self.tr("In the summary itself, intimate pictures are always blocked out."))
        )
        layout.addSpacing(6)
        layout.addWidget(self._section(self.tr("Printing")))
        layout.addLayout(printing)
        layout.addWidget(_hint(self.tr("Hearings often need 3: judge, other side, you.")))
        layout.addStretch(1)

        for edit in (self.title, self.prepared_by):
            edit.textEdited.connect(self.changed)
        self.which.buttonToggled.connect(self._which_toggled)
        for date_edit in (self.start, self.end):
            date_edit.dateChanged.connect(self.changed)
        self.item_list.itemChanged.connect(self.changed)
        for box in (self.takedowns, self.journal, self.declaration):
            box.toggled.connect(self.changed)
        self.packet.toggled.connect(self._packet_toggled)
        self.paper.currentIndexChanged.connect(self.changed)
        # Not ``changed``: how many copies to print leaves the pages as they are, so a summary
        # made for one copy is printed three times without being made again.
        self.clear()

    # --- building ----------------------------------------------------------------------------------

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        set_year_range(edit)
        edit.setAccessibleName(name)
        return edit

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # --- state -------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Everything back to how a new person would find it (nothing typed, journal and packet
        off, Letter, one copy). Quietly: nothing was changed by the user."""
        self.blockSignals(True)
        try:
            self.title.clear()
            self.prepared_by.clear()
            self.all_items.setChecked(True)
            today = QDate.currentDate()
            self.start.setDate(today.addMonths(-3))
            self.end.setDate(today)
            self.item_list.clear()
            self.takedowns.setChecked(True)
            self.journal.setChecked(False)
            self.declaration.setChecked(False)
            set_checked_quietly(self.packet, False)
            self.paper.setCurrentIndex(0)
            self.copies.setValue(1)
        finally:
            self.blockSignals(False)
        self._update_enabled()

    def set_paper(self, paper: str) -> None:
        """Choose the paper the vault remembers (quietly: the user changed nothing). An
        unknown value leaves the choice as it is."""
        index = self.paper.findData(paper)
        if index >= 0:
            self.paper.blockSignals(True)
            self.paper.setCurrentIndex(index)
            self.paper.blockSignals(False)

    def set_items(self, items: list[EvidenceItem], floating_zone: str) -> None:
        """The evidence to choose from, by title and the date it is filed under, in court
        order. Items already ticked stay ticked; new ones start ticked. The date range starts
        at the first item's date the first time items arrive."""
        first_time = self.item_list.count() == 0
        days = self.item_list.set_items(items, floating_zone)
        if first_time and days:
            self.blockSignals(True)
            first = min(days)
            self.start.setDate(QDate(first.year, first.month, first.day))
            self.blockSignals(False)
        self._update_enabled()

    def options(self) -> ReportOptions:
        """The choices as the core takes them."""
        ids: tuple[str, ...] | None = None
        start: date | None = None
        end: date | None = None
        if self.chosen_items.isChecked():
            ids = tuple(sorted(self.item_list.ticked_ids() or ()))
        elif self.date_range.isChecked():
            first, last = _day(self.start.date()), _day(self.end.date())
            start, end = min(first, last), max(first, last)
        return ReportOptions(
            title=self.title.text().strip(),
            prepared_by=self.prepared_by.text().strip(),
            paper=str(self.paper.currentData()),
            ids=ids,
            start=start,
            end=end,
            include_journal=self.journal.isChecked(),
            include_takedowns=self.takedowns.isChecked(),
            include_declaration=self.declaration.isChecked(),
            include_intimate=self.packet.isChecked(),
            copies=self.copies.value(),
        )

    # --- reactions -----------------------------------------------------------------------------------

    def _which_toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:  # one toggled off and one on: say it once
            self._update_enabled()
            self.changed.emit()

    def _update_enabled(self) -> None:
        ranged = self.date_range.isChecked()
        self.start.setEnabled(ranged)
        self.end.setEnabled(ranged)
        self.item_list.setEnabled(self.chosen_items.isChecked())

    def _packet_toggled(self, on: bool) -> None:
        if on and not self.ask_packet():
            set_checked_quietly(self.packet, False)
            return
        self.changed.emit()

    def ask_packet(self) -> bool:
        """The question before the unredacted packet is made. True only for Yes."""
        box = warning_question(
            self,
            self.tr("Unredacted pictures"),
            self.tr("Also make a separate packet with the intimate pictures as they are?"),
            self.tr(
                "In the summary, intimate pictures are always blocked out. This makes a second, "
                "separate document with those pictures shown in full: they are not blurred. "
                "Courts usually want such pictures filed under seal (kept out of the public "
                "record), often only after a request to the judge. Ask the court clerk or an "
                "advocate before you hand it in. Nothing is printed or saved until you choose to."
            ),
        )
        run_modal(box)
        return went_on(box)
