"""Export a copy of one item's original: warn first, ask where, write off the UI thread.

The copy is the only plaintext of an item the program writes (PRODUCT.md principle 2), so the
user is told plainly, before anything is chosen, that it will not be encrypted. A bad place (a
file already there, the vault itself, no permission, a full disk) gets the core's sentence and
changes nothing. Tests replace :func:`run_modal` and ``filedialogs.choose_export_path``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from locker.case.evidence import EvidenceItem
from locker.case.export import ExportResult, export_item
from locker.case.sniff import EXTENSIONS
from locker.gui import filedialogs
from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import run_modal, warning_question, went_on
from locker.text import clean_line
from locker.vault import Vault, VaultError


def has_file(item: EvidenceItem) -> bool:
    """True when the vault holds the item's original bytes (there is something to export)."""
    return bool(item.blob) and not getattr(item, "original_removed", "")


def suggested_name(item: EvidenceItem) -> str:
    """A plain file name for the copy: the original's base name, cleaned, else one made up."""
    name = clean_line(os.path.basename(item.original_name.replace("\\", "/")), 120)
    name = name.replace("\ufffd", "_").strip().lstrip(".")
    if name:
        return name
    return "evidence-" + item.id[:8] + EXTENSIONS.get(item.media_type, "")


class ExportFlow(QObject):
    """One export at a time; its outcome arrives as a sentence on :attr:`message`."""

    message = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._runner = runner
        self._parent = parent_widget
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def warn(self) -> bool:
        """The plain warning before anything is written. True to go on."""
        box = warning_question(
            self._parent,
            self.tr("Export a copy"),
            self.tr("The copy will not be encrypted. Anyone using this computer could open it."),
            self.tr(
                "Cloud sync or backups may also pick it up, and it stays until you delete it. "
                "The item in the vault is not changed, and the custody log notes the export."
            ),
            go_on=self.tr("Choose where to save…"),
        )
        run_modal(box)
        return went_on(box)

    def start(self, vault: Vault | None, item: EvidenceItem) -> None:
        """Warn, ask where, then write the copy off the UI thread."""
        if self._busy or vault is None or not has_file(item):
            return
        if not self.warn():
            return
        path = filedialogs.choose_export_path(self._parent, suggested_name(item))
        if not path:
            return
        if os.path.lexists(path):
            # The core refuses this too; its sentence is written for the command line.
            self.message.emit(
                self.tr(
                    "A file with that name already exists there, so nothing was written. "
                    "Please choose another name."
                )
            )
            return
        self._set_busy(True)
        shown_name = clean_line(os.path.basename(path), 120)
        item_id = item.id
        # A job, not a plain task: a lock or a quick exit cancels it (TaskRunner.cancel_all),
        # and the core then removes its partial copy. A plain task would be waited for, and
        # keep writing an unencrypted copy after the user asked the program to go away.
        self._runner.start_job(
            lambda control: export_item(vault, item_id, path, cancelled=control.cancelled),
            lambda result: self._done(result, shown_name),
            self._failed,
        )

    def _done(self, result: ExportResult, shown_name: str) -> None:
        self._set_busy(False)
        text = self.tr(
            "The copy was saved as “{name}”. It is not encrypted: delete it when you no longer "
            "need it."
        ).format(name=shown_name)
        if result.unlogged:
            text += " " + self.tr(
                "The export could not be noted in the custody log: {reason}"
            ).format(reason=result.unlogged)
        self.message.emit(text)

    def _failed(self, err: VaultError) -> None:
        self._set_busy(False)
        self.message.emit(describe(err))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)
