"""Open a vault: choose the file, then the passphrase (or the recovery key).

Everything that touches the file runs off the UI thread: opening it (a stalled USB stick must
not freeze the window), then the KDF and reading the list of items, in one task.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from locker import remembered
from locker.case import evidence
from locker.gui import filedialogs, messages
from locker.gui.start_page import remembered_path
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
from locker.vault import LockedVault, Vault, VaultError, WrongKey
from locker.vault.kdf import parse_recovery_key


@dataclass
class Unlocked:
    """What the unlock task hands back: the open vault and its items, read off the UI thread."""

    vault: Vault
    items: list[evidence.EvidenceItem]
    damaged: list[str]


@dataclass
class _Attempt:
    # Set by the worker once the key was right: from then on the file belongs to the Vault,
    # and if reading the list fails the Vault is locked, which also closes the file.
    opened: bool = False
    # Set once a recovery key passed its own check letters: if it then does not open the
    # vault, it was typed correctly but belongs to another vault (or a rare unlucky typo).
    key_well_formed: bool = False


def _unlock_and_list(
    locked: LockedVault, secret: str, use_recovery: bool, attempt: _Attempt
) -> Unlocked:
    """Runs in a worker thread."""
    if use_recovery:
        parse_recovery_key(secret)  # a typing mistake gets the core's own message
        attempt.key_well_formed = True
        vault = locked.unlock_with_recovery_key(secret)
    else:
        vault = locked.unlock(secret)
    attempt.opened = True
    try:
        # (The core itself records a recovery-key unlock in the custody log.)
        items, damaged = evidence.list_items(vault)
    except BaseException:
        vault.lock()
        raise
    return Unlocked(vault, items, damaged)


class UnlockPage(QWidget):
    """Emits :attr:`unlocked` with an :class:`Unlocked` when the vault is open."""

    unlocked = Signal(object)
    back_requested = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._locked: LockedVault | None = None
        self._path: str | None = None  # the chosen file, as given (shown only cleaned)
        self._wrong_tries = 0
        # Bumped by reset() and by each new file choice: a file that finishes opening after
        # the user moved on is closed, not shown.
        self._generation = 0

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen yet"))
        self.choose_button = page_button(self.tr("Choose the vault file…"))
        self.choose_button.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)

        self.message = MessageLabel()
        self.instructions = paragraph("")
        self.secret_label = QLabel()
        self.secret = PassphraseEdit()
        self.secret.textEdited.connect(lambda _text: self.message.clear_message())
        self.secret.returnPressed.connect(self.submit)
        self.show_typed = ShowTypedCheckBox(self.tr("Show what I type"), [self.secret])
        self.use_recovery = QCheckBox(
            self.tr("I forgot my passphrase: use my recovery key instead")
        )
        self.use_recovery.toggled.connect(self._apply_mode)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.show_typed)
        form.addRow("", self.use_recovery)

        self.remember = QCheckBox(self.tr("Remember this vault on this computer"))
        self.remember_note = paragraph(
            self.tr("Leave this off on a shared computer, such as at a shelter or library.")
        )
        self.remember_note.setIndent(24)

        self.busy = BusyRow()
        self.back_button = page_button(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        self.open_button = page_button(self.tr("Open the vault"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Open a vault")))
        layout.addWidget(heading(self.tr("Vault file"), 1.1))
        layout.addLayout(path_row)
        layout.addSpacing(6)
        layout.addWidget(self.instructions)
        layout.addLayout(form)
        # Messages and progress right under the fields, where the user is looking.
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addSpacing(4)
        layout.addWidget(self.remember)
        layout.addWidget(self.remember_note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._apply_mode(False)
        self._update_enabled()

    # --- user actions ----------------------------------------------------------------------

    def start(self, path: str | None = None) -> None:
        """Fresh page, then open ``path`` (the remembered vault: straight to the passphrase),
        or ask for the file straight away (the user just said "Open")."""
        self.reset()
        if path:
            self.open_file(path)
        else:
            self.choose_file()

    def reset(self) -> None:
        """Forget the file and everything typed; close the not-yet-unlocked file."""
        self._generation += 1
        self._close_locked()
        self._path = None
        self._wrong_tries = 0
        self.path_edit.setText("")
        self.secret.wipe()
        self.show_typed.setChecked(False)
        self.use_recovery.setChecked(False)
        self.remember.setChecked(False)
        self.message.clear_message()
        self.busy.stop()
        self._update_enabled()

    def choose_file(self) -> None:
        if self._runner.busy:
            return
        path = filedialogs.choose_vault_to_open(self)
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Open ``path`` off the UI thread; the passphrase field comes alive when it is ready."""
        if self._runner.busy:
            return
        self._close_locked()
        self._path = path
        self._wrong_tries = 0
        # Ticked if this is the vault the computer already remembers: unticking forgets it.
        self.remember.setChecked(_is_remembered(path))
        self.path_edit.setText(clean_text(path, limit=1000))
        self.path_edit.setCursorPosition(0)
        self.message.clear_message()
        self._generation += 1
        generation = self._generation
        self._set_busy(True, self.tr("Checking the file…"), delay_ms=400)
        self._runner.run(
            lambda: LockedVault.open(path),
            lambda locked: self._on_file_opened(locked, generation),
            lambda err: self._on_file_error(err, generation),
        )

    def submit(self) -> None:
        locked = self._locked
        if self._runner.busy or locked is None:
            return
        secret, use_recovery = self.secret.text(), self.use_recovery.isChecked()
        self.message.clear_message()
        self._set_busy(True)
        attempt = _Attempt()
        self._runner.run(
            lambda: _unlock_and_list(locked, secret, use_recovery, attempt),
            self._on_unlocked,
            lambda err: self._on_error(err, attempt, use_recovery),
        )

    # --- outcomes (on the UI thread) -------------------------------------------------------

    def _on_file_opened(self, locked: LockedVault, generation: int) -> None:
        if generation != self._generation:
            locked.close()
            return
        self._locked = locked
        self._set_busy(False)
        self.secret.setFocus()

    def _on_file_error(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self.message.show_message(messages.describe(err))
        self.choose_button.setFocus()

    def _on_unlocked(self, outcome: Unlocked) -> None:
        self._locked = None  # the open Vault now owns the file
        if self._path is not None:
            _apply_remember_choice(self._path, self.remember.isChecked())
        self.reset()
        self.unlocked.emit(outcome)

    def _on_error(self, err: VaultError, attempt: _Attempt, use_recovery: bool) -> None:
        if attempt.opened:
            self._locked = None  # already closed with the Vault; choose the file again
        self._set_busy(False)
        if isinstance(err, WrongKey) and attempt.key_well_formed:
            self.message.show_message(messages.wrong_recovery_key())
        elif isinstance(err, WrongKey) and not use_recovery:
            self._wrong_tries += 1
            text = messages.describe(err)
            if self._wrong_tries >= 2:
                # After a second miss, the other way in, before frustration sets in.
                text += " " + self.tr(
                    "If you can't remember it, your recovery key opens the vault too: tick "
                    "“I forgot my passphrase: use my recovery key instead”."
                )
            self.message.show_message(text)
        else:
            self.message.show_message(messages.describe(err))
        if isinstance(err, WrongKey):
            self.secret.selectAll()
            self.secret.setFocus()

    # --- helpers ---------------------------------------------------------------------------

    def _close_locked(self) -> None:
        if self._locked is not None:
            self._locked.close()
            self._locked = None

    def _apply_mode(self, recovery: bool) -> None:
        self.secret.wipe()
        self.message.clear_message()
        if recovery:
            self.instructions.setText(
                self.tr(
                    "Type the recovery key you wrote down when you made this vault. "
                    "Capital or small letters and the dashes do not matter."
                )
            )
            self.secret_label.setText(self.tr("Recovery key:"))
            self.secret.setAccessibleName(self.tr("Recovery key"))
            self.secret.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
            self.secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        else:
            self.instructions.setText(
                self.tr("Type the passphrase you chose when you made this vault.")
            )
            self.secret_label.setText(self.tr("Passphrase:"))
            self.secret.setAccessibleName(self.tr("Passphrase"))
            self.secret.setPlaceholderText("")
            self.secret.setFont(self.font())

    def _update_enabled(self, busy: bool = False) -> None:
        self.choose_button.setText(
            self.tr("Choose another file…")
            if self.path_edit.text()
            else self.tr("Choose the vault file…")
        )
        ready = self._locked is not None and not busy
        for widget in (
            self.secret,
            self.show_typed,
            self.use_recovery,
            self.remember,
            self.open_button,
        ):
            widget.setEnabled(ready)
        self.choose_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)

    def _set_busy(self, busy: bool, text: str = "", delay_ms: int = 0) -> None:
        self._update_enabled(busy)
        if busy:
            self.busy.start(
                text or self.tr("Opening the vault. This can take a few seconds…"), delay_ms
            )
        else:
            self.busy.stop()


def _same_path(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    return os.path.abspath(os.fspath(a)) == os.path.abspath(os.fspath(b))


def _is_remembered(path: str) -> bool:
    known = remembered_path()
    return known is not None and _same_path(known, path)


def _apply_remember_choice(path: str, remember: bool) -> None:
    """After a successful unlock: remember this vault if the box is ticked; forget it if it
    was the remembered one and the box was unticked. Nothing is written otherwise."""
    # If the record cannot be written, the vault is open all the same; it only has to be
    # chosen again next time.
    with contextlib.suppress(OSError):
        if remember:
            remembered.remember_vault(os.path.abspath(path))
        elif _is_remembered(path):
            remembered.forget_vault()
