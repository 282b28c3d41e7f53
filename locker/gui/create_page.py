"""Create a new vault: where to save it, a passphrase typed twice, then the slow KDF off-thread."""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locker import passgen, remembered
from locker.gui import clipboard, filedialogs, messages
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

        self.suggest_button = page_button(self.tr("Suggest a strong passphrase"))
        self.suggest_button.setToolTip(
            self.tr("Six random words from a list of 7,776: easy to write down, very hard to guess")
        )
        self.suggest_button.clicked.connect(self.suggest)
        suggest_row = QHBoxLayout()
        suggest_row.addWidget(self.suggest_button)
        suggest_row.addStretch(1)
        # Shown once a passphrase was suggested: it exists nowhere else.
        self.suggestion_note = paragraph(
            self.tr(
                "Please write this passphrase down now, exactly as shown, and keep the paper "
                "somewhere safe. It is not stored anywhere, and you will need it each time you "
                "open the vault."
            )
        )
        self.suggestion_note.setStyleSheet("QLabel { font-weight: bold; }")
        self.suggestion_note.hide()

        self.remember = QCheckBox(self.tr("Remember this vault on this computer"))
        self.remember_note = paragraph(
            self.tr("Leave this off on a shared computer, such as at a shelter or library.")
        )
        self.remember_note.setIndent(24)

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

        # The steps scroll if the window is small or the text large; Back and Create stay put.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 24, 32, 8)
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
        layout.addLayout(suggest_row)
        layout.addLayout(form)
        layout.addWidget(self.suggestion_note)
        # Messages and progress right under the fields, where the user is looking.
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addSpacing(4)
        layout.addWidget(self.remember)
        layout.addWidget(self.remember_note)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Next, you will see a recovery key to write down. It opens the vault "
                    "if you ever forget your passphrase."
                )
            )
        )
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        buttons.setContentsMargins(32, 8, 32, 24)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    # --- user actions ----------------------------------------------------------------------

    def reset(self) -> None:
        """Empty every field (no passphrase is kept in a widget after use)."""
        self._path = None
        self.path_edit.clear()
        self.passphrase.wipe()
        self.repeat.wipe()
        self.show_typed.setChecked(False)
        self.suggestion_note.hide()
        self.remember.setChecked(False)  # off by default, every time
        self.message.clear_message()
        self._set_busy(False)

    def suggest(self) -> None:
        """Fill both fields with a random word passphrase, and show it to be written down."""
        if self._runner.busy:
            return
        try:
            suggestion = passgen.suggest_passphrase()
        except passgen.WordlistDamaged as err:
            self._say(str(err))
            return
        self.passphrase.wipe()
        self.repeat.wipe()
        clipboard.remember_shown(suggestion)
        # setText (unlike typing) leaves no undo history.
        self.passphrase.setText(suggestion)
        self.repeat.setText(suggestion)
        self.show_typed.setChecked(True)
        self.suggestion_note.show()
        self._clear_message()
        self.create_button.setFocus()

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
        if self.remember.isChecked():
            # Only when asked (PRODUCT.md principle 2). If it cannot be written, the vault
            # still works: it just has to be chosen again next time.
            with contextlib.suppress(OSError):
                remembered.remember_vault(vault.path)
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
            self.suggest_button,
            self.passphrase,
            self.repeat,
            self.show_typed,
            self.remember,
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
