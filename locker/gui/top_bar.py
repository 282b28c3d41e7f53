"""The bar across the top of the main window, on every screen.

Left: which vault is open and its Lock button (only while one is open). Right: Quick exit,
always there, so that someone who hears a step behind them never has to look for it.
The shortcuts for Quick exit (Ctrl+Q, F12) are not button shortcuts: they are caught for the
whole window, dialogs included, by :class:`locker.gui.quick_exit.QuickExitKeys`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from locker.gui.widgets import clean_text, page_button

QUICK_EXIT_KEYS = ("Ctrl+Q", "F12")
QUICK_EXIT_NAME = "quickExit"  # its object name: the style below, and the help dialog finds it


class LockBar(QWidget):
    """Shown only while a vault is open: which vault, and the Lock button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_label = QLabel()
        self.vault_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_button = page_button(self.tr("Lock"))
        # A shortcut of its own, not the button's: a button shortcut "animates" a click and
        # locks only 100 ms later. Parented here, it works only while the vault is open.
        self.lock_shortcut = QShortcut(QKeySequence(self.tr("Ctrl+L")), self)
        self.lock_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_shortcut.activated.connect(self.lock_button.click)
        self.lock_button.setToolTip(
            self.tr("Lock the vault and go back to the start screen (Ctrl+L)")
        )
        self.lock_button.setMinimumWidth(100)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.vault_label, 1)
        layout.addWidget(self.lock_button)

    def show_vault(self, path: Path) -> None:
        # The file name only (not the folder): enough to tell two vaults apart.
        self.vault_label.setText(self.tr("Open vault: {name}").format(name=clean_text(path.name)))

    def forget_vault(self) -> None:
        """Drop the file name (hidden widgets still hold text, and accessibility tools read it)."""
        self.vault_label.setText("")


class TopBar(QFrame):
    """``lock_bar`` (vault name + Lock) and ``quick_exit_button``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lock_bar = LockBar()
        self.lock_bar.hide()
        self.quick_exit_button = page_button(self.tr("Quick exit (Ctrl+Q)"))
        self.quick_exit_button.setObjectName(QUICK_EXIT_NAME)
        self.quick_exit_button.setToolTip(
            self.tr(
                "Hide this window at once and close the program. The vault is locked first, "
                "and anything this program put on the clipboard is removed. "
                "Your evidence stays safe in the vault. Shortcut: Ctrl+Q or F12."
            )
        )
        self.quick_exit_button.setAccessibleDescription(self.quick_exit_button.toolTip())
        self.quick_exit_button.setMinimumWidth(150)
        # Fixed colours, readable in light and dark themes: it must be found at a glance.
        self.quick_exit_button.setStyleSheet(
            "QPushButton#quickExit { background: #8a1c1c; color: white; font-weight: bold;"
            " border: 1px solid #5c1010; border-radius: 4px; padding: 5px 12px; }"
            "QPushButton#quickExit:focus { border: 2px solid #f2c14e; }"
        )
        # The button must never take focus away from a field by being clicked, and it must
        # be reachable from the keyboard (Tab): StrongFocus is the default; keep it.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 10, 6)
        layout.addWidget(self.lock_bar, 1)
        layout.addStretch(0)
        layout.addWidget(self.quick_exit_button)

    def show_vault(self, path: Path) -> None:
        self.lock_bar.show_vault(path)
        self.lock_bar.show()

    def forget_vault(self) -> None:
        self.lock_bar.hide()
        self.lock_bar.forget_vault()
