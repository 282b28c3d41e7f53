"""What the Summary tab says: what a summary is for, the note for a vault with no evidence yet,
the stage words with a progress bar and Cancel while it works, and once a summary is made the
one line "31 pages · 12 exhibits · 2.4 MB" (a court's upload limit is stated in MB, so the size
is said plainly)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from locker.gui.widgets import WrappingLabel, page_button
from locker.report.document import Report


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("report_status", text, "", n)


def intro_label() -> WrappingLabel:
    """The words at the top of the tab: what the summary is for and that nothing leaves yet."""
    return WrappingLabel(
        _tr(
            "Make a summary to hand to an advocate, the police or a court: numbered "
            "exhibits, the timeline, and a check that nothing was changed. Intimate pictures "
            "are blocked out. Nothing is saved or printed until you choose to."
        )
    )


def empty_vault_note() -> WrappingLabel:
    """The calm note shown while the vault holds no evidence (hidden to begin with)."""
    note = WrappingLabel(
        _tr(
            "There is no evidence in the vault yet. You can still make a summary: it will "
            "hold what you have written down so far, and you can make it again later."
        )
    )
    note.setObjectName("summaryNote")
    # The journal's calm note colours: a fact to know, not a problem.
    note.setStyleSheet(
        "QLabel#summaryNote { background: #e8f0fa; color: #1d3047;"
        " border: 1px solid #b5c9e2; border-radius: 4px; padding: 8px; }"
    )
    note.hide()
    return note


def size_words(size: int) -> str:
    """2.4 MB, 310 KB: decimal units, as upload limits are written."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def stats_words(report: Report) -> str:
    """Pages, exhibits and size of the summary (and the packet's pages, if one was made)."""
    # English ships no .qm file: the singular is written out.
    pages = _tr("%n pages", report.pages) if report.pages != 1 else _tr("1 page")
    n = len(report.exhibits)
    exhibits = _tr("%n exhibits", n) if n != 1 else _tr("1 exhibit")
    words = f"{pages} · {exhibits} · {size_words(len(report.pdf))}"
    if report.packet is not None:
        words += "\n" + _tr(
            "A separate packet with the unredacted pictures was made too (%n pages).",
            report.packet_pages,
        )
    return words


class ProgressRow(QWidget):
    """The stage words over a bar and a Cancel button; hidden while nothing runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = WrappingLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(_tr("Progress"))
        self.cancel_button = page_button(_tr("Cancel"))
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        layout.addLayout(row)
        self.hide()

    def show_progress(self, words: str, fraction: float | None) -> None:
        """``fraction`` from 0 to 1; None when how long is not known (a moving bar)."""
        self.stage.setText(words)
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))
        self.setAccessibleDescription(words)
        self.show()

    def show_stopping(self) -> None:
        self.stage.setText(_tr("Stopping…"))
        self.cancel_button.setEnabled(False)
