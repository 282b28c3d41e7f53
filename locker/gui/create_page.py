"""Create a new vault: where to save it, a passphrase typed twice, then the slow KDF off-thread."""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from locker.gui import filedialogs, messages
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import (
    BusyRow,
    MessageLabel,
    PassphraseEdit,
    ShowTypedCheckBox,
    clean_text,
    heading,
    page_button,
    paragraph,
)
from locker.vault import Argon2Params, InvalidInput, Vault, VaultError
from locker.vault.kdf import MIN_PASSPHRASE_CHARS, check_new_passphrase


class CreatePage(QWidget):
    """Emits :attr:`created` with the open vault and its recovery key (to be shown once)."""

    created = Signal(object, str)
    back_requested = Signal()

    def __init__(
        self, runner: TaskRunner, kdf_params: Argon2Params | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._kdf_params = kdf_params
        self._path: str | None = None

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No place chosen yet"))
        self.choose_button = page_button(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)

        self.passphrase = PassphraseEdit()
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat = PassphraseEdit()
        self.repeat.setAccessibleName(self.tr("The same passphrase again"))
        self.show_typed = ShowTypedCheckBox(
            self.tr("Show what I type"), [self.passphrase, self.repeat]
        )
        # Enter in the first field moves on to the second, as a person filling a form expects.
        self.passphrase.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Type it again:"), self.repeat)
        form.addRow("", self.show_typed)

        self.message = MessageLabel()
        self.busy = BusyRow()
        self.back_button = page_button(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        self.create_button = page_button(self.tr("Create the vault"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Create a new vault")))
        layout.addWidget(
            paragraph(
                self.tr(
                    "Your vault is one file. You can keep it on this computer or on a USB stick, "
                    "and copy it like any other file. Everything inside it is locked with your "
                    "passphrase."
                )
            )
        )
        layout.addSpacing(6)
        layout.addWidget(heading(self.tr("1. Where to save it"), 1.1))
        layout.addLayout(path_row)
        layout.addSpacing(6)
        layout.addWidget(heading(self.tr("2. Choose a passphrase"), 1.1))
        layout.addWidget(
            paragraph(
                self.tr(
                    "Use at least {n} characters. A short sentence that only you know is easy "
                    "to remember and hard to guess. Spaces are allowed."
                ).format(n=MIN_PASSPHRASE_CHARS)
            )
        )
        layout.addLayout(form)
        # Messages and progress right under the fields, where the user is looking.
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Next, you will see a recovery key to write down. It opens the vault "
                    "if you ever forget your passphrase."
                )
            )
        )
        layout.addStretch(1)
        layout.addLayout(buttons)

    # --- user actions ----------------------------------------------------------------------

    def reset(self) -> None:
        """Empty every field (no passphrase is kept in a widget after use)."""
        self._path = None
        self.path_edit.clear()
        self.passphrase.wipe()
        self.repeat.wipe()
        self.show_typed.setChecked(False)
        self.message.clear_message()
        self._set_busy(False)

    def choose_path(self) -> None:
        path = filedialogs.choose_new_vault_path(self)
        if not path:
            return
        self._path = path
        self.path_edit.setText(clean_text(path, limit=1000))
        self.path_edit.setCursorPosition(0)
        self._clear_message()
        if os.path.lexists(path):
            self._say(
                self.tr(
                    "There is already a file with that name. Please choose another name, "
                    "so that nothing is replaced."
                )
            )
            return
        self.passphrase.setFocus()

    def submit(self) -> None:
        """Check what was typed; if it is fine, create the vault off the UI thread."""
        if self._runner.busy:
            return
        if not self._path:
            self._say(self.tr("Please choose where to save the vault first (step 1)."))
            return
        if os.path.lexists(self._path):
            self._say(
                self.tr(
                    "There is already a file with that name. Please choose another name, "
                    "so that nothing is replaced."
                )
            )
            return
        passphrase = self.passphrase.text()
        try:
            check_new_passphrase(passphrase)
        except InvalidInput as err:
            self._say(err.message)
            self.passphrase.setFocus()
            return
        if passphrase != self.repeat.text():
            self._say(
                self.tr("The two passphrases are not the same. Please type the second one again.")
            )
            self.repeat.wipe()
            self.repeat.setFocus()
            return
        path, params = self._path, self._kdf_params
        self._clear_message()
        self._set_busy(True)
        self._runner.run(
            lambda: Vault.create(path, passphrase, params), self._on_created, self._on_error
        )

    # --- outcomes (on the UI thread) -------------------------------------------------------

    def _on_created(self, outcome: tuple[Vault, str]) -> None:
        vault, recovery_key = outcome
        self.reset()
        self.created.emit(vault, recovery_key)

    def _on_error(self, err: VaultError) -> None:
        self._set_busy(False)
        self._say(messages.describe(err))

    # --- helpers ---------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.show_message(text)

    def _clear_message(self) -> None:
        self.message.clear_message()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.choose_button,
            self.passphrase,
            self.repeat,
            self.show_typed,
            self.back_button,
            self.create_button,
        ):
            widget.setEnabled(not busy)
        if busy:
            self.busy.start(
                self.tr(
                    "Creating your vault and locking it with your passphrase. This can take a few seconds…"
                )
            )
        else:
            self.busy.stop()
