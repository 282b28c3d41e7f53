"""The first screen: make a new vault, or open one you already have."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from locker.gui.widgets import MessageLabel, heading, page_button, paragraph


class StartPage(QWidget):
    """Two plain choices, each with one sentence saying when to pick it."""

    create_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.create_button = page_button(self.tr("Create a new vault"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        self.open_button = page_button(self.tr("Open a vault"))
        self.open_button.clicked.connect(self.open_requested)
        for button in (self.create_button, self.open_button):
            button.setMinimumHeight(40)
        self.message = MessageLabel()

        content = QWidget()
        content.setMaximumWidth(560)
        content.setMinimumWidth(420)
        layout = QVBoxLayout(content)
        layout.setSpacing(10)
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(48, 48))
        title_row.addWidget(icon)
        title_row.addWidget(heading(self.tr("Evidence Locker"), 1.8), 1)
        layout.addLayout(title_row)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Keep screenshots, links and notes about what happened in one locked file. "
                    "Only someone who knows your passphrase can open it. "
                    "Nothing is sent over the internet."
                )
            )
        )
        layout.addSpacing(14)
        layout.addWidget(self.message)
        layout.addWidget(self.create_button)
        layout.addWidget(self._hint(self.tr("Start here if this is your first time.")))
        layout.addSpacing(10)
        layout.addWidget(self.open_button)
        layout.addWidget(
            self._hint(
                self.tr("Choose this if you already have a vault file, for example on a USB stick.")
            )
        )

        # A centred column, as wide as it may be (up to 560 px): not aligned, which would
        # shrink it to the width wrapped text asks for.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(content, 20)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = paragraph(text)
        label.setIndent(4)
        return label

    def show_message(self, text: str) -> None:
        """A note for the user on the start screen (e.g. "The vault is locked.")."""
        self.message.show_message(text)
