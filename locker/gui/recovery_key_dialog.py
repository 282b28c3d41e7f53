"""The recovery key, shown once right after the vault is made (it is never stored)."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from locker.gui import clipboard, filedialogs, messages, recovery_sheet_print
from locker.gui.recovery_sheet_print import PrintOutcome
from locker.gui.widgets import MessageLabel, PassphraseEdit, heading, paragraph
from locker.report import recovery_sheet
from locker.vault import VaultError

# What a user may type for "the last group": the key's own forgiving spelling rules.
_LOOKALIKES = str.maketrans("OIL", "011")


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch not in " -\t").translate(_LOOKALIKES)


class RecoveryKeyDialog(QDialog):
    """Shows the key in large monospace, offers to print it or save it as a PDF sheet, then
    checks the user's copy: after "I have written it down or printed it" and Continue, the key
    is hidden and they type its last group from their paper (:attr:`check_edit`).

    This is the only time the key is ever shown, so Esc and the window's close button first
    ask "Leave without writing the key down?" (:attr:`leave_question`). Leaving must stay
    possible: someone may need to close everything at once. The vault stays usable either way.

    The key cannot be selected or copied: a copy would sit on the clipboard, where any program
    can read it. Screen readers get it from the label's accessible description.
    """

    def __init__(
        self, recovery_key: str, parent: QWidget | None = None, made_on: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery key"))
        self.setModal(True)
        self._key = recovery_key
        self._last_group = _normalise(recovery_key.split("-")[-1])
        self._made_on = made_on or date.today()
        self.checked = False  # True once the user typed the last group correctly
        # Made on first use: "Leave without writing the key down?", the PDF warning.
        self.leave_question: QMessageBox | None = None
        self.leave_button: QPushButton | None = None
        self.go_back_button: QPushButton | None = None
        self.pdf_warning: QMessageBox | None = None
        self.pdf_continue_button: QPushButton | None = None

        self.pages = QStackedWidget()
        self.show_page = self._make_show_page(recovery_key)
        self.check_page = self._make_check_page()
        self.pages.addWidget(self.show_page)
        self.pages.addWidget(self.check_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.pages)
        self.setMinimumWidth(self.key_label.sizeHint().width() + 80)

    # --- the two steps ---------------------------------------------------------------------

    def _make_show_page(self, recovery_key: str) -> QWidget:
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

        self.print_button = QPushButton(self.tr("Print this sheet…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.save_pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.save_pdf_button.clicked.connect(self.save_pdf)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.print_button)
        sheet_row.addWidget(self.save_pdf_button)
        sheet_row.addStretch(1)
        self.sheet_message = MessageLabel()

        self.written_down = QCheckBox(self.tr("I have written it down or printed it"))
        self.buttons = QDialogButtonBox()
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.written_down.toggled.connect(self.continue_button.setEnabled)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
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
        layout.addLayout(sheet_row)
        layout.addWidget(self.sheet_message)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Write it on paper, or print it, and keep the paper somewhere safe, away "
                    "from this computer. Please do not save it on this computer, in a photo or "
                    "in an email: anyone who has the key and the vault file can open the vault."
                )
            )
        )
        layout.addWidget(self.written_down)
        layout.addWidget(self.buttons)
        return page

    def _make_check_page(self) -> QWidget:
        self.check_edit = PassphraseEdit()  # no undo history, no copying out
        self.check_edit.setEchoMode(PassphraseEdit.EchoMode.Normal)
        self.check_edit.setAccessibleName(self.tr("Last group of the recovery key"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.check_edit.setFont(font)
        self.check_edit.setMaxLength(12)
        self.check_edit.setMinimumWidth(160)
        self.check_edit.setMaximumWidth(200)
        self.check_edit.textEdited.connect(lambda _text: self.check_message.clear_message())
        # (Enter presses the default button, Check: no returnPressed, or it would check twice.)
        self.check_message = MessageLabel()
        self.look_again_button = QPushButton(self.tr("Show the key again"))
        self.look_again_button.clicked.connect(self.show_key_again)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check_copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.look_again_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Check your copy"), 1.3))
        layout.addWidget(
            paragraph(
                self.tr(
                    "To be sure your copy is right, look at your paper or printout and type "
                    "the last group of four letters and digits of the key. The key is hidden "
                    "now, so that you read it from your copy."
                )
            )
        )
        layout.addWidget(self.check_edit)
        layout.addWidget(self.check_message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # --- user actions ----------------------------------------------------------------------

    def accept(self) -> None:
        """Continue: from the key, go on to the check; the dialog closes once it passed."""
        if self.checked:
            super().accept()
        elif self.written_down.isChecked() and self.pages.currentWidget() is self.show_page:
            self._go_to(self.check_page)

    def show_key_again(self) -> None:
        self._go_to(self.show_page)

    def check_copy(self) -> None:
        if self.checked:
            return
        typed = _normalise(self.check_edit.text())
        if typed in (self._last_group, _normalise(self._key)):
            self.checked = True
            self.check_edit.wipe()
            super().accept()
            return
        if len(typed) != len(self._last_group):
            text = self.tr(
                "Please type only the last group: the 4 letters and digits at the very end "
                "of the key."
            )
        else:
            text = self.tr(
                "That is not quite the last group of your key. Please look at the end of "
                "your paper again and try once more. If you are not sure your copy is right, "
                "choose \u201cShow the key again\u201d to compare."
            )
        self.check_message.show_message(text)
        self.check_edit.selectAll()
        self.check_edit.setFocus()

    def print_sheet(self) -> None:
        outcome = recovery_sheet_print.print_sheet(self, self._key, self._made_on)
        if outcome is PrintOutcome.PRINTED:
            self.sheet_message.show_message(
                self.tr(
                    "The sheet was sent to the printer. Please check that every group came out "
                    "clearly, then keep the paper somewhere safe."
                )
            )
        elif outcome is PrintOutcome.NO_PRINTER:
            self.sheet_message.show_message(
                self.tr(
                    "No printer is set up on this computer. Please write the key down by hand, "
                    "or save the sheet as a PDF on a USB stick and print it somewhere else."
                )
            )

    def save_pdf(self) -> None:
        """First the warning (a PDF is not encrypted); the file chooser only if they go on."""
        if self.pdf_warning is None:
            self.pdf_warning = self._make_pdf_warning()
        self.pdf_warning.open()

    def reject(self) -> None:
        """Esc or the window's close button (QDialog routes both here): ask before leaving."""
        if self.checked:
            super().accept()
            return
        if self.leave_question is None:
            self.leave_question = self._make_leave_question()
        if self.written_down.isChecked():
            self.leave_question.setText(
                self.tr("Leave without checking your copy of the key? It can't be shown again.")
            )
        else:
            self.leave_question.setText(
                self.tr("Leave without writing the key down? It can't be shown again.")
            )
        self.leave_question.open()

    def dismiss(self) -> None:
        """Close it from the program (the main window is closing or locking)."""
        for box in (self.leave_question, self.pdf_warning):
            if box is not None:
                with contextlib.suppress(RuntimeError):
                    box.finished.disconnect()
        # Every dialog of ours on top (the questions, a print or file dialog): a running
        # exec() returns "cancelled", so nothing is printed or saved after a lock.
        # (Hidden ones too: a quick exit hides every window before closing them.)
        for child in self.findChildren(QDialog):
            child.done(0)
        self.check_edit.wipe()
        self.done(QDialog.DialogCode.Rejected)

    # --- helpers ---------------------------------------------------------------------------

    def _go_to(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        on_check = page is self.check_page
        self.check_button.setDefault(on_check)
        self.continue_button.setDefault(not on_check)
        self.check_message.clear_message()
        if on_check:
            self.check_edit.wipe()
            self.check_edit.setFocus()
        else:
            self.continue_button.setFocus()

    def _on_pdf_warning_answered(self) -> None:
        box = self.pdf_warning
        if box is None or box.clickedButton() is not self.pdf_continue_button:
            return
        path = filedialogs.choose_pdf_path(self, self.tr("recovery-sheet.pdf"))
        if not path:
            return
        try:
            recovery_sheet.write_pdf(path, self._key, self._made_on)
        except VaultError as err:
            self.sheet_message.show_message(
                " ".join(
                    (
                        messages.describe(err),
                        self.tr("Please try another place, or print the sheet instead."),
                    )
                )
            )
            return
        self.sheet_message.show_message(
            self.tr(
                "The recovery sheet was saved as a PDF. Remember that it is not encrypted: "
                "keep it apart from the vault file, and delete it once you have printed it."
            )
        )

    def _make_pdf_warning(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Save as PDF"))
        box.setText(
            self.tr(
                "A PDF saved on this computer is not encrypted. Anyone who finds it can "
                "open your vault with it."
            )
        )
        box.setInformativeText(
            self.tr(
                "It is safer to print the sheet, or to save the PDF straight to a USB stick "
                "that you keep apart from the vault file."
            )
        )
        self.pdf_continue_button = box.addButton(
            self.tr("Choose where to save it…"), QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # the safe choice for Enter, and for Esc
        box.setEscapeButton(cancel)
        box.finished.connect(self._on_pdf_warning_answered)
        return box

    def _make_leave_question(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Your recovery key"))
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
