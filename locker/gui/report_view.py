"""The Summary tab's right side, top to bottom: what a summary is for, the note for a vault with
no evidence yet, what just happened, the progress with Cancel, the out-of-date note, the size
line, Print… / Save PDF… / Save originals bundle…, and the preview of the pages.

Only the widgets and their order: what they show and when is the page's
(:mod:`locker.gui.report_page`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from locker.gui.flow_layout import FlowLayout
from locker.gui.pdf_preview import PdfPreview
from locker.gui.report_status import ProgressRow, empty_vault_note, intro_label
from locker.gui.widgets import MessageLabel, WrappingLabel, page_button


class SummaryView(QWidget):
    """The right side's widgets (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = intro_label()
        self.empty_note = empty_vault_note()
        self.message = MessageLabel()
        self.busy = ProgressRow()
        self.stale_note = MessageLabel()
        self.stats = WrappingLabel()
        self.print_button = page_button(self.tr("Print…"))
        self.save_button = page_button(self.tr("Save PDF…"))
        self.bundle_button = page_button(self.tr("Save originals bundle…"))
        self.bundle_button.setToolTip(
            self.tr("A zip of the original files, named by exhibit number, with the summary")
        )
        # The size line on its own, the buttons in a row that wraps (large fonts, narrow windows).
        actions = QWidget()
        row = FlowLayout(actions)
        for button in (self.print_button, self.save_button, self.bundle_button):
            row.add_widget(button, right=button is self.print_button)
        self.preview = PdfPreview()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (
            self.intro,
            self.empty_note,
            self.message,
            self.busy,
            self.stale_note,
            self.stats,
            actions,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.preview, 1)

    def show_words(self, *, made: bool, empty_vault: bool) -> None:
        """What a summary is for (and the empty-vault note) until one is made; then they step
        aside, so the pages get the room (at twice the font size they left the preview a
        sliver)."""
        self.intro.setVisible(not made)
        self.empty_note.setVisible(empty_vault and not made)
