"""What the Incidents, Takedowns and Journal tabs share: the life of a page that edits records.

The page is given the open vault (:meth:`RecordPage.set_vault`), reads it through the
:class:`TaskRunner` (:meth:`RecordPage.refresh`), drops everything decrypted on :meth:`clear`
(a generation counter: results that arrive after a lock are dropped), and asks about unsaved
changes before moving on (:meth:`RecordPage.confirm_leave`). Ctrl+S saves. Each page says how
to read, what counts as unsaved, how to ask and how to save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import MessageLabel
from locker.vault import Vault, VaultError


class RecordPage(QWidget):
    """Holds decrypted data only until :meth:`clear`. ``changed`` is emitted after every saved
    change. Subclasses set ``self.message`` (a :class:`MessageLabel`) and implement
    :meth:`_read`, :meth:`_loaded`, :meth:`_clear_records`, :meth:`has_unsaved_changes`,
    :meth:`_ask_to_save`, :meth:`save` and :meth:`_update_buttons`."""

    changed = Signal()

    _IDLE: Any = False  # what ``_saving`` holds while no save is under way

    message: MessageLabel

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._vault: Vault | None = None
        self._generation = 0  # bumped on clear(): late results after a lock are dropped
        self._saving: Any = self._IDLE  # a save (or delete) under way
        self._then: Callable[[], None] | None = None  # where to go once a save on leaving is in

    # --- the contract -------------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """The open vault (None once locked)."""
        if vault is not self._vault:
            self.clear()
        self._vault = vault
        self._update_buttons()

    def refresh(self) -> None:
        """Read the records again (through the runner; dropped if cleared meanwhile)."""
        vault, generation = self._vault, self._generation
        if vault is None:
            return
        self.runner.run(
            lambda: self._read(vault),
            lambda result: self._loaded(result, generation),
            lambda err: self._failed(err, generation),
        )

    def clear(self) -> None:
        """Drop everything decrypted (lock, quick exit): no question asked, edits discarded."""
        self._generation += 1
        self._saving = self._IDLE
        self._then = None
        self._clear_records()

    def has_unsaved_changes(self) -> bool:
        raise NotImplementedError

    def confirm_leave(self, then: Callable[[], None] | None = None) -> bool:
        """Unsaved changes (before another record or tab is shown): ask Save / Don't save.
        True to go on now. After "Save" the page stays on the record until the core has
        stored it (False), then calls ``then`` (the move that was asked for); if the core
        refuses, the message is shown over the same record with the words still there."""
        if not self.has_unsaved_changes():
            return True
        if not self._ask_to_save():
            self._dont_save()
            return True
        if not self.save():
            return False  # a problem to fix, shown over the form
        if self._saving is self._IDLE:
            return True  # nothing needed writing after all
        self._then = then
        return False

    def save(self) -> bool:
        raise NotImplementedError

    # --- for the pages ------------------------------------------------------------------------

    def _add_save_shortcut(self, target: QWidget) -> None:
        """Ctrl+S (the platform's Save keys) anywhere in ``target`` saves."""
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), target)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def _read(self, vault: Vault) -> Any:
        """What :meth:`refresh` reads (off the UI thread)."""
        raise NotImplementedError

    def _loaded(self, result: Any, generation: int) -> None:
        raise NotImplementedError

    def _failed(self, err: VaultError, generation: int) -> None:
        if generation == self._generation:
            self.message.show_message(describe(err))

    def _clear_records(self) -> None:
        """Drop the records and the form (from :meth:`clear`)."""
        raise NotImplementedError

    def _ask_to_save(self) -> bool:
        """The question before moving on: True for "Save", False for "Don't save"."""
        raise NotImplementedError

    def _dont_save(self) -> None:
        """After "Don't save", before moving on."""

    def _update_buttons(self) -> None:
        raise NotImplementedError
