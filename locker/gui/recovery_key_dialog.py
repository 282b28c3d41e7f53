"""The recovery key, shown once right after the vault is made (it is never stored)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from locker.gui import clipboard
from locker.gui.widgets import heading, paragraph


class RecoveryKeyDialog(QDialog):
    """Shows the key in large monospace; Continue is enabled only after "I have written it down".

    This is the only time the key is ever shown, so Esc and the window's close button first
    ask "Leave without writing the key down?" (:attr:`leave_question`). Leaving must stay
    possible: someone may need to close everything at once. The vault stays usable either way.

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
        # Made on the first Esc / close: "Leave without writing the key down?"
        self.leave_question: QMessageBox | None = None
        self.leave_button: QPushButton | None = None
        self.go_back_button: QPushButton | None = None

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
        """Esc or the window's close button (QDialog routes both here): ask before leaving."""
        if self.written_down.isChecked():
            super().accept()
            return
        if self.leave_question is None:
            self.leave_question = self._make_leave_question()
        self.leave_question.open()

    def dismiss(self) -> None:
        """Close it from the program (the main window is closing or locking)."""
        if self.leave_question is not None:
            self.leave_question.finished.disconnect()
            self.leave_question.done(0)
        self.done(QDialog.DialogCode.Rejected)

    def _make_leave_question(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Your recovery key"))
        box.setText(self.tr("Leave without writing the key down? It can't be shown again."))
        box.setInformativeText(
            self.tr(
                "Your vault is ready and your passphrase opens it. But if you forget the "
                "passphrase, only this key can open the vault. You can make a new recovery "
                "key for this vault later."
            )
        )
        self.leave_button = box.addButton(self.tr("Leave"), QMessageBox.ButtonRole.AcceptRole)
        self.go_back_button = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.go_back_button)  # the safe choice for Enter, and for Esc
        box.setEscapeButton(self.go_back_button)
        box.finished.connect(self._on_leave_answered)
        return box

    def _on_leave_answered(self) -> None:
        if self.leave_question is not None and (
            self.leave_question.clickedButton() is self.leave_button
        ):
            self.done(QDialog.DialogCode.Rejected)
