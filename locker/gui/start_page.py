"""The first screen: make a new vault, or open one you already have.

If the user asked this computer to remember their vault (off by default), its name is the first
button, with a way to forget it right there. Under the vault buttons, a quieter "Where to get
help" opens the help lines and websites (:mod:`locker.gui.help_dialog`): no vault needed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker import remembered
from locker.gui.help_dialog import HelpDialog
from locker.gui.widgets import MessageLabel, clean_text, heading, page_button, paragraph


def remembered_path() -> Path | None:
    """The remembered vault, or None (nothing remembered, or the record cannot be read)."""
    with contextlib.suppress(OSError, ValueError):
        return remembered.remembered_vault()
    return None


class StartPage(QWidget):
    """Plain choices, each with one sentence saying when to pick it."""

    create_requested = Signal()
    open_requested = Signal()
    open_path_requested = Signal(str)  # the remembered vault: straight to its passphrase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._remembered: Path | None = None
        self.help_dialog: HelpDialog | None = None  # while it is open

        self.remembered_button = page_button("")
        self.remembered_button.clicked.connect(self._open_remembered)
        self.remembered_hint = self._hint(self.tr("The vault this computer remembers."))
        self.missing_note = paragraph("")
        self.forget_button = page_button(self.tr("Forget this vault on this computer"))
        self.forget_button.setFlat(True)
        self.forget_button.setStyleSheet("QPushButton { text-decoration: underline; }")
        self.forget_button.clicked.connect(self.forget)
        forget_row = QHBoxLayout()
        forget_row.addWidget(self.forget_button)
        forget_row.addStretch(1)

        self.create_button = page_button(self.tr("Create a new vault"))
        self.create_button.clicked.connect(self.create_requested)
        self.create_hint = self._hint(self.tr("Start here if this is your first time."))
        self.open_button = page_button(self.tr("Open a vault"))
        self.open_button.clicked.connect(self.open_requested)
        for button in (self.remembered_button, self.create_button, self.open_button):
            button.setMinimumHeight(40)
        # Quieter than the vault buttons (the usual height, not a main step), but a button:
        # reached with Tab, pressed with Enter or Space.
        self.help_button = page_button(self.tr("Where to get help"))
        self.help_button.clicked.connect(self.show_help)
        help_row = QHBoxLayout()
        help_row.addWidget(self.help_button)
        help_row.addStretch(1)
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
        layout.addWidget(self.remembered_button)
        layout.addWidget(self.remembered_hint)
        layout.addWidget(self.missing_note)
        layout.addLayout(forget_row)
        layout.addSpacing(10)
        layout.addWidget(self.create_button)
        layout.addWidget(self.create_hint)
        layout.addSpacing(10)
        layout.addWidget(self.open_button)
        layout.addWidget(
            self._hint(
                self.tr("Choose this if you already have a vault file, for example on a USB stick.")
            )
        )
        layout.addSpacing(18)
        layout.addLayout(help_row)
        layout.addWidget(
            self._hint(self.tr("Help lines and websites you can contact; no vault needed."))
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
        self.refresh()

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = paragraph(text)
        label.setIndent(4)
        return label

    def show_message(self, text: str) -> None:
        """A note for the user on the start screen (e.g. "The vault is locked.")."""
        self.message.show_message(text)
        self.refresh()

    def main_button(self) -> QPushButton:
        """The button for the most likely next step (for the window to focus)."""
        return (
            self.remembered_button
            if self.remembered_button.isVisibleTo(self)
            else (self.create_button)
        )

    def focus_main_button(self) -> None:
        self.main_button().setFocus()

    def refresh(self) -> None:
        """Show the remembered vault, if there is one (read again: it may have changed)."""
        path = remembered_path()
        # A quick stat on the UI thread: the remembered file is on a local disk or a stick.
        present = path is not None and path.is_file()
        self._remembered = path if present else None
        name = clean_text(path.name, limit=80) if path is not None else ""
        self.remembered_button.setText(self.tr("Open {name}").format(name=name))
        self.remembered_button.setVisible(present)
        self.remembered_hint.setVisible(present)
        self.missing_note.setText(
            self.tr(
                "This computer remembers a vault called \u201c{name}\u201d, but it is not there "
                "right now. If it is on a USB stick, plug the stick in."
            ).format(name=name)
        )
        self.missing_note.setVisible(path is not None and not present)
        self.forget_button.setVisible(path is not None)
        self.remembered_button.setDefault(present)
        self.create_button.setDefault(not present)
        self.open_button.setText(
            self.tr("Open another vault") if path is not None else self.tr("Open a vault")
        )
        self.create_hint.setVisible(path is None)

    def forget(self) -> None:
        with contextlib.suppress(OSError):
            remembered.forget_vault()
        self.refresh()
        if remembered_path() is None:
            self.message.show_message(
                self.tr(
                    "This computer no longer remembers that vault. The vault file itself was "
                    "not changed."
                )
            )
        else:
            self.message.show_message(
                self.tr("This computer could not forget the vault. Please try again.")
            )
        self.focus_main_button()

    def show_help(self) -> None:
        """The help lines and websites, over the window (Quick exit closes it with the
        window's other dialogs); deleted when closed. Not modal: the window's Quick exit
        button, above the dialog, still answers a click. One at a time: a second click
        brings the open one to the front."""
        if self.help_dialog is not None:
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()
            return
        dialog = HelpDialog(self.window())
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.finished.connect(lambda _result: self._help_closed(dialog))
        self.help_dialog = dialog
        dialog.show()

    def _help_closed(self, dialog: HelpDialog) -> None:
        if self.help_dialog is dialog:
            self.help_dialog = None
        dialog.deleteLater()  # Close, Escape or Quick exit: gone, with everything it showed
        self.help_button.setFocus()  # the keyboard goes on from where it was

    def _open_remembered(self) -> None:
        if self._remembered is not None:
            self.open_path_requested.emit(str(self._remembered))

    # --- keep it current -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # Back from plugging in a USB stick (another window had the focus): look again.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()
        super().changeEvent(event)
