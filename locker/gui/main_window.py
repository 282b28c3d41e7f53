"""The main window: the top bar (Quick exit; vault name and Lock) over a stack of screens
(start, create, open, and the open vault's :class:`CaseScreen` of tabs).

It owns the open :class:`Vault`, the :class:`TaskRunner`, the reveal state and the auto-lock.
Locking never tears down under a worker: running work is asked to stop (an import is
cancelled; the KDF cannot be, and finishes), waited for, and only then is the vault locked.
:meth:`MainWindow.quick_exit` does the same after taking every window of ours off the screen.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPixmapCache
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from locker.gui import clipboard
from locker.gui.autolock import MINUTE_MS, AutoLock, locked_message, unsaved_tabs, warning_message
from locker.gui.case_screen import CaseScreen
from locker.gui.create_page import CreatePage
from locker.gui.guide_actions import GuideActions
from locker.gui.paste import local_files
from locker.gui.quick_exit import (
    KEY_EVENTS,
    QuickExitKeys,
    belongs_to,
    close_dialogs,
    hide_everything,
)
from locker.gui.recovery_key_dialog import RecoveryKeyDialog
from locker.gui.reveal import RevealState
from locker.gui.start_page import StartPage
from locker.gui.tasks import TaskRunner
from locker.gui.top_bar import TopBar
from locker.gui.unlock_page import Unlocked, UnlockPage
from locker.gui.widgets import MessageLabel
from locker.vault import Argon2Params, Vault

DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class MainWindow(QMainWindow):
    """``kdf_params``: Argon2id cost for new vaults (None = calibrate to ~1 s; tests pass
    the floor). ``runner``: where slow work runs (tests may pass a SyncTaskRunner).
    ``autolock_unit_ms``: how long one auto-lock "minute" is (tests make it tiny)."""

    quick_exited = Signal()

    def __init__(
        self,
        kdf_params: Argon2Params | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        autolock_unit_ms: int = MINUTE_MS,
    ) -> None:
        super().__init__(parent)
        # The title is what task switchers show: keep it generic, no vault name.
        self.setWindowTitle(self.tr("Evidence Locker"))
        self.setMinimumSize(720, 520)
        self.resize(1100, 720)
        self.runner = runner if runner is not None else TaskRunner(self)
        self.reveal = RevealState(self)
        self.vault: Vault | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self._closing = False
        self._exiting = False

        self.start_page = StartPage()
        self.create_page = CreatePage(self.runner, kdf_params)
        self.unlock_page = UnlockPage(self.runner)
        self.case_screen = CaseScreen(self.runner, self.reveal)
        # The tabs' pages, by name (the evidence page keeps the name it always had).
        self.guide_page = self.case_screen.guide
        self.vault_page = self.case_screen.evidence
        self.incidents_page = self.case_screen.incidents
        self.takedowns_page = self.case_screen.takedowns
        self.timeline_page = self.case_screen.timeline
        self.journal_page = self.case_screen.journal
        # What the guide's buttons do ("Add a screenshot…" opens the real file dialog; a
        # capture hides this window while it grabs).
        self.guide_actions = GuideActions(self.case_screen, self)
        self.stack = QStackedWidget()
        for page in (self.start_page, self.create_page, self.unlock_page, self.case_screen):
            self.stack.addWidget(page)
        self.top_bar = TopBar()
        self.lock_bar = self.top_bar.lock_bar
        # A note about the whole window (a refused drop), under the top bar on every screen.
        self.notice = MessageLabel()
        # "The vault will lock in 1 minute…", and which tabs' unsaved changes a lock would drop.
        self.lock_warning = MessageLabel()
        self.lock_warning.setAccessibleName(self.tr("Automatic lock"))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.lock_warning)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.autolock = AutoLock(self, unit_ms=autolock_unit_ms, busy=lambda: self.runner.busy)
        self.autolock.timed_out.connect(self.auto_lock)
        self.autolock.warning.connect(self._warn_of_lock)
        self.autolock.warning_over.connect(self.lock_warning.clear_message)
        self.quick_exit_keys = QuickExitKeys(self, self.quick_exit)
        self.setAcceptDrops(True)
        # One filter for the whole application: input for the auto-lock, the Quick exit keys
        # in any field or dialog, file drops on any field (see eventFilter).
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

        self.top_bar.quick_exit_button.clicked.connect(self.quick_exit)
        self.lock_bar.lock_button.clicked.connect(self.lock)
        self.start_page.create_requested.connect(self.show_create)
        self.start_page.open_requested.connect(self.show_unlock)
        # A remembered vault (only if the user asked): straight to its passphrase.
        self.start_page.open_path_requested.connect(self.show_unlock)
        self.create_page.back_requested.connect(self.show_start)
        self.create_page.created.connect(self._on_created)
        self.unlock_page.back_requested.connect(self.show_start)
        self.unlock_page.unlocked.connect(self._on_unlocked)
        self.vault_page.auto_lock_changed.connect(self.autolock.set_minutes)
        # First focus on the first step, not on Quick exit (one Enter would close the program).
        self.start_page.create_button.setFocus()

    # --- navigation ------------------------------------------------------------------------

    def show_start(self, message: str = "") -> None:
        self.notice.clear_message()
        self.create_page.reset()
        self.unlock_page.reset()
        self.start_page.show_message(message)
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.create_button.setFocus()

    def show_create(self) -> None:
        self.notice.clear_message()
        self.create_page.reset()
        self.stack.setCurrentWidget(self.create_page)

    def show_unlock(self, path: str | None = None) -> None:
        """The open screen; with ``path`` (a remembered vault) the file is already chosen."""
        self.notice.clear_message()
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.start(path or None)

    def current_page(self) -> QWidget:
        """What the window shows: a screen of the stack, or the open vault's current tab."""
        page = self.stack.currentWidget()
        if page is self.case_screen:
            return self.case_screen.currentWidget()
        return page

    def _show_vault(
        self, vault: Vault, unlocked: Unlocked | None = None, *, guide: bool = False
    ) -> None:
        """The open vault's tabs: its evidence (an opened vault), or with ``guide`` the guide's
        first step (a new vault: the user has only just begun)."""
        self.notice.clear_message()
        self.vault = vault
        self.top_bar.show_vault(vault.path)
        self.case_screen.open_vault(vault, guide=guide)
        if unlocked is None:
            self.vault_page.show_items([], [])
        else:
            self.vault_page.show_items(unlocked.items, unlocked.damaged)
        self.stack.setCurrentWidget(self.case_screen)
        # Focus on the first way in: left alone, Qt would move it to the next button in the
        # chain, Quick exit, where one more Enter would close the program.
        (self.guide_page.step_list if guide else self.vault_page.add_button).setFocus()
        self.autolock.set_minutes(self.vault_page.auto_lock_minutes())
        self.autolock.start()

    # --- outcomes of the create and open screens -------------------------------------------

    def _on_created(self, vault: Vault, recovery_key: str) -> None:
        if self._closing:
            # The window closed while the vault was being made, so nobody ever saw its
            # recovery key. Nothing of the user's is in it yet: remove it rather than leave
            # behind a vault whose key no one has. (Whoever closed in a hurry can start again.)
            vault.lock()
            _remove_new_vault(vault.path)
            return
        self._show_vault(vault, guide=True)  # the recovery key is asked about over it
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

    def lock(self, message: str = "") -> None:
        """Lock the vault and go back to the start screen (running work is cancelled first)."""
        self._lock_now()
        self.show_start(
            message or self.tr("The vault is locked. Nothing from it is shown any more.")
        )
        clipboard.clear_if_ours()  # after show_start wiped the passphrase fields

    def auto_lock(self) -> None:
        """The idle time ran out: lock, and say calmly on the start screen why, and on which
        tabs changes not saved yet were not kept."""
        if self.vault is not None:
            dropped = unsaved_tabs(self.case_screen)  # asked before the lock clears the pages
            self.lock(locked_message(self.autolock.minutes, dropped))

    def _warn_of_lock(self) -> None:
        if self.vault is not None:
            unsaved = unsaved_tabs(self.case_screen)
            self.lock_warning.show_message(warning_message(self.autolock.minutes, unsaved))

    def quick_exit(self) -> None:
        """Off the screen at once, then lock and clean up; :attr:`quick_exited` asks the
        application to quit.

        Hiding comes first and waits for nothing; the slow part (waiting for a worker to see
        its cancel flag) happens while nothing of ours is on the screen any more.
        """
        if self._exiting:
            return
        self._exiting = True
        self._closing = True  # a vault still being made is removed: nobody saw its key
        dialogs = hide_everything(self)
        self.autolock.stop()
        self.reveal.hide_all()
        close_dialogs(self, dialogs)
        self._lock_now()
        self.show_start()  # wipes the passphrase fields; nothing left to show if re-shown
        QPixmapCache.clear()
        clipboard.clear_if_ours()
        self.quick_exited.emit()

    def _lock_now(self) -> None:
        self.autolock.stop()
        self.lock_warning.clear_message()
        self.guide_page.flush()  # a note being typed is stored before the lock (wait() below)
        self.vault_page.stop_work()
        self.runner.cancel_all()
        self.runner.wait()  # delivers what finished or was cancelled; then nothing runs
        if self.recovery_dialog is not None:
            self.recovery_dialog.dismiss()
        close_dialogs(self)  # ours, including any a delivered outcome just opened
        self.reveal.hide_all()
        self.case_screen.set_vault(None)
        self.case_screen.clear()
        QPixmapCache.clear()
        self.top_bar.forget_vault()
        if self.vault is not None:
            self.vault.lock()
            self.vault = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Cancel or finish running work (never terminate a thread), then lock, then close."""
        self._closing = True
        self._lock_now()
        self.unlock_page.reset()
        self.create_page.reset()
        clipboard.clear_if_ours()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        event.accept()

    # --- files dropped on the window -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        self._accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        self._accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        if self._accept_drag(event):
            self.files_dropped(event.mimeData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Every event of the application passes here (keep it cheap): input restarts the
        auto-lock's idle clock; Ctrl+Q and F12 quick-exit; a drop of files on a text field
        inside this window adds the files (it would otherwise paste their paths into it)."""
        kind = event.type()
        if self.autolock.running:
            self.autolock.note_input(kind)
        if kind in KEY_EVENTS:
            return self.quick_exit_keys.handle(watched, event)
        if kind not in DRAG_EVENTS or watched is self:
            return False
        if not isinstance(watched, QWidget) or not belongs_to(watched, self):
            return False
        if not isinstance(event, QDropEvent) or not event.mimeData().hasUrls():
            return False
        if event.type() == QEvent.Type.Drop:
            self.dropEvent(event)
        else:
            self._accept_drag(event)
        return True

    @staticmethod
    def _accept_drag(event: QDropEvent) -> bool:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            event.ignore()
            return False
        # Copy, never Move: with Move, the file manager would delete the user's file.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def files_dropped(self, mime: QMimeData) -> None:
        """Add the dropped files, or say kindly why not."""
        urls = mime.urls()
        local = local_files(urls)
        others = len(urls) - len(local)
        if self.vault is None or self.stack.currentWidget() is not self.case_screen:
            self.notice.show_message(
                self.tr(
                    "To add files, open your vault first (or create one). "
                    "Then drop the files on this window again."
                )
            )
            return
        if others and not local:
            self.notice.show_message(
                self.tr(
                    "Only files on this computer can be added. To keep something from a "
                    "web page, take a screenshot of it, or use “Add a description only” "
                    "and paste its address there."
                )
            )
            return
        if others:
            self.notice.show_message(
                self.tr(
                    "Some of what was dropped was not a file on this computer and was left "
                    "out. The files are being added."
                )
            )
        else:
            self.notice.clear_message()
        self.case_screen.show_evidence()  # what is added is seen arriving
        self.vault_page.add_files(local)


def _remove_new_vault(path: Path) -> None:
    """Delete a just-made, locked, empty vault file (and a journal, should SQLite have left one).
    Failing quietly is fine: what stays is a whole vault that the passphrase still opens."""
    for name in (os.fspath(path), os.fspath(path) + "-journal"):
        with contextlib.suppress(OSError):
            os.remove(name)
