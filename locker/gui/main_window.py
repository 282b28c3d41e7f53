"""The main window: a stack of screens (start, create, open, vault) and the Lock bar.

It owns the open :class:`Vault` and the :class:`TaskRunner`. Locking and closing always wait
for running work first (a worker may be deriving a key or reading the vault), then lock, then
take back from the clipboard anything secret this program showed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QPixmapCache
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from locker.gui import clipboard
from locker.gui.create_page import CreatePage
from locker.gui.recovery_key_dialog import RecoveryKeyDialog
from locker.gui.start_page import StartPage
from locker.gui.tasks import TaskRunner
from locker.gui.unlock_page import Unlocked, UnlockPage
from locker.gui.vault_page import VaultPage
from locker.gui.widgets import clean_text, page_button
from locker.vault import Argon2Params, Vault


class LockBar(QFrame):
    """Always visible while a vault is open: which vault, and the Lock button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.vault_label = QLabel()
        self.vault_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_button = page_button(self.tr("Lock"))
        self.lock_button.setShortcut(QKeySequence(self.tr("Ctrl+L")))
        self.lock_button.setToolTip(
            self.tr("Lock the vault and go back to the start screen (Ctrl+L)")
        )
        self.lock_button.setMinimumWidth(100)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 10, 6)
        layout.addWidget(self.vault_label, 1)
        layout.addWidget(self.lock_button)

    def show_vault(self, path: Path) -> None:
        self.vault_label.setText(self.tr("Open vault: {name}").format(name=clean_text(path.name)))

    def forget_vault(self) -> None:
        """Drop the file name (hidden widgets still hold text, and accessibility tools read it)."""
        self.vault_label.setText("")


class MainWindow(QMainWindow):
    """``kdf_params``: Argon2id cost for new vaults (None = calibrate to ~1 s; tests pass
    the floor). ``runner``: where slow work runs (tests may pass a SyncTaskRunner)."""

    def __init__(
        self,
        kdf_params: Argon2Params | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # The title is what task switchers show: keep it generic, no vault name.
        self.setWindowTitle(self.tr("Evidence Locker"))
        self.setMinimumSize(640, 480)
        self.resize(820, 600)
        self.runner = runner if runner is not None else TaskRunner(self)
        self.vault: Vault | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self._closing = False

        self.start_page = StartPage()
        self.create_page = CreatePage(self.runner, kdf_params)
        self.unlock_page = UnlockPage(self.runner)
        self.vault_page = VaultPage()
        self.stack = QStackedWidget()
        for page in (self.start_page, self.create_page, self.unlock_page, self.vault_page):
            self.stack.addWidget(page)
        self.lock_bar = LockBar()
        self.lock_bar.hide()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.lock_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.start_page.create_requested.connect(self.show_create)
        self.start_page.open_requested.connect(self.show_unlock)
        self.create_page.back_requested.connect(self.show_start)
        self.create_page.created.connect(self._on_created)
        self.unlock_page.back_requested.connect(self.show_start)
        self.unlock_page.unlocked.connect(self._on_unlocked)
        self.lock_bar.lock_button.clicked.connect(self.lock)

    # --- navigation ------------------------------------------------------------------------

    def show_start(self, message: str = "") -> None:
        self.create_page.reset()
        self.unlock_page.reset()
        self.start_page.show_message(message)
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.create_button.setFocus()

    def show_create(self) -> None:
        self.create_page.reset()
        self.stack.setCurrentWidget(self.create_page)

    def show_unlock(self) -> None:
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.start()

    def _show_vault(self, vault: Vault, unlocked: Unlocked | None = None) -> None:
        self.vault = vault
        self.lock_bar.show_vault(vault.path)
        self.lock_bar.show()
        if unlocked is None:
            self.vault_page.show_items([], [])
        else:
            self.vault_page.show_items(unlocked.items, unlocked.damaged)
        self.stack.setCurrentWidget(self.vault_page)

    # --- outcomes of the create and open screens -------------------------------------------

    def _on_created(self, vault: Vault, recovery_key: str) -> None:
        if self._closing:
            # The window closed while the vault was being made, so nobody ever saw its
            # recovery key. Nothing of the user's is in it yet: remove it rather than leave
            # behind a vault whose key no one has. (Whoever closed in a hurry can start again.)
            vault.lock()
            _remove_new_vault(vault.path)
            return
        self._show_vault(vault)
        self.recovery_dialog = RecoveryKeyDialog(recovery_key, self)
        self.recovery_dialog.finished.connect(self._forget_recovery_dialog)
        self.recovery_dialog.open()

    def _forget_recovery_dialog(self) -> None:
        if self.recovery_dialog is not None:
            self.recovery_dialog.deleteLater()  # the key text goes with it
            self.recovery_dialog = None

    def _on_unlocked(self, unlocked: Unlocked) -> None:
        if self._closing:
            unlocked.vault.lock()
            return
        self._show_vault(unlocked.vault, unlocked)

    # --- locking ---------------------------------------------------------------------------

    def lock(self) -> None:
        """Lock the vault and go back to the start screen (after any running work finishes)."""
        self._lock_now()
        self.show_start(self.tr("The vault is locked. Nothing from it is shown any more."))
        clipboard.clear_if_ours()  # after show_start wiped the passphrase fields

    def _lock_now(self) -> None:
        self.runner.wait()
        if self.recovery_dialog is not None:
            self.recovery_dialog.dismiss()
        self.vault_page.clear()
        QPixmapCache.clear()
        self.lock_bar.hide()
        self.lock_bar.forget_vault()
        if self.vault is not None:
            self.vault.lock()
            self.vault = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Wait for running work (never terminate a thread), then lock, then close."""
        self._closing = True
        self._lock_now()
        self.unlock_page.reset()
        self.create_page.reset()
        clipboard.clear_if_ours()
        event.accept()


def _remove_new_vault(path: Path) -> None:
    """Delete a just-made, locked, empty vault file (and a journal, should SQLite have left one).
    Failing quietly is fine: what stays is a whole vault that the passphrase still opens."""
    for name in (os.fspath(path), os.fspath(path) + "-journal"):
        with contextlib.suppress(OSError):
            os.remove(name)
