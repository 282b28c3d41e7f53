"""The recovery key, shown once right after the vault is made (it is never stored)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.gui import clipboard
from locker.gui.widgets import heading, paragraph


class RecoveryKeyDialog(QDialog):
    """Shows the key in large monospace; Continue is enabled only after "I have written it down".

    It cannot be dismissed with Esc or the window's close button: this is the only time the
    key is ever shown, so leaving must be a deliberate choice.

    The key cannot be selected or copied: a copy would sit on the clipboard, where any program
    can read it. Screen readers get it from the label's accessible description.
    """

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery key"))
        self.setModal(True)

        self.key_label = QLabel(recovery_key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet(
            "QLabel { background: #ffffff; color: #111111; border: 1px solid #9a9a9a;"
            " border-radius: 4px; padding: 14px; }"
        )
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.key_label.setAccessibleDescription(recovery_key)
        clipboard.remember_shown(recovery_key)

        self.written_down = QCheckBox(self.tr("I have written it down"))
        self.buttons = QDialogButtonBox()
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.written_down.toggled.connect(self.continue_button.setEnabled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Write down your recovery key"), 1.3))
        layout.addWidget(
            paragraph(
                self.tr(
                    "Your vault is ready. If you ever forget your passphrase, this key is the "
                    "only other way to open it. It is shown only this once."
                )
            )
        )
        layout.addWidget(self.key_label)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Write it on paper and keep the paper somewhere safe, away from this "
                    "computer. Please do not save it on this computer, in a photo or in an "
                    "email: anyone who has the key and the vault file can open the vault."
                )
            )
        )
        layout.addWidget(self.written_down)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.key_label.sizeHint().width() + 80)

    def accept(self) -> None:
        if self.written_down.isChecked():
            super().accept()

    def reject(self) -> None:
        """Esc does nothing here (see the class docstring)."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        event.ignore()  # the window's close button, like Esc

    def dismiss(self) -> None:
        """Close it from the program (the main window is closing or locking)."""
        self.done(QDialog.DialogCode.Rejected)
