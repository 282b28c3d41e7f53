"""Ways evidence gets into the vault: add files (one background job with progress and Cancel),
paste (Ctrl+V), capture the screen, and a description without a file.

All the real work is the core's (:mod:`locker.case.importer`); this module runs it off the UI
thread, shows how far it got, and tells the user what happened in plain words. File names are
shown (cleaned), never logged; pictures stay in memory until they are in the vault.

The add-files job itself (progress, Cancel, the queue) is :mod:`locker.gui.bulk_add`; its items
reach :attr:`ImportFlow.items_added` in one batch per run, not file by file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from locker.case import importer
from locker.case.evidence import PROVENANCE_CAPTURED, PROVENANCE_PASTED, EvidenceItem
from locker.case.importer import ImportFailure, ImportSummary
from locker.gui import filedialogs
from locker.gui import paste as clip
from locker.gui.bulk_add import BulkAdd
from locker.gui.capture import ScreenCapture
from locker.gui.hide_new import HideNewItems
from locker.gui.import_summary import (
    ImportProgressWidget,
    ImportSummaryDialog,
    needs_dialog,
    remove_originals_note,
    status_line,
)
from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.gui.widgets import set_checked_quietly
from locker.vault import Vault, VaultError


class ImportFlow(QObject):
    """Adds evidence to the open vault. The vault page owns one and places
    :attr:`progress_widget`; see the module docstring for when items are announced."""

    items_added = Signal(list)  # of EvidenceItem
    finished = Signal(object)  # ImportSummary, after each add / paste / capture / description
    busy_changed = Signal(bool)
    remove_originals_changed = Signal(bool)
    reload_needed = Signal()  # an add stopped on an error: what it added before is unknown

    def __init__(self, runner: TaskRunner, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._runner = runner
        self._parent = parent_widget
        self._vault: Vault | None = None
        self._generation = 0  # bumped by cancel(): outcomes of older work are dropped
        self._tasks = 0
        self._capture: ScreenCapture | None = None
        self._remove_originals = False
        self._was_busy = False
        self.hide_new = HideNewItems(parent_widget)
        self.hide_new.description_only_requested.connect(lambda: self.add_description_only())

        self.progress_widget = ImportProgressWidget(parent_widget)  # the page lays it out
        self.progress_widget.cancel_button.clicked.connect(self.cancel_import)
        self._bulk = BulkAdd(
            runner,
            self.progress_widget,
            lambda: (self._vault, self._remove_originals, self.hide_new.on),
            self,
        )
        self._bulk.items_added.connect(self.items_added)
        self._bulk.running_changed.connect(self._update_busy)
        self._bulk.done.connect(self._report)
        self._bulk.failed.connect(self._bulk_failed)
        self.summary_dialog: ImportSummaryDialog | None = None
        self.message_box: QMessageBox | None = None
        self.description_dialog: clip.DescriptionDialog | None = None
        self.note_box: QMessageBox | None = None

        self.remove_originals_action = QAction(
            self.tr("Delete the original files after adding them"), self
        )
        self.remove_originals_action.setCheckable(True)
        self.remove_originals_action.toggled.connect(self.ask_remove_originals)

    # --- state -----------------------------------------------------------------------------

    def set_vault(self, vault: Vault | None) -> None:
        """The vault to add to; None on lock (running work is cancelled, state dropped)."""
        if vault is not self._vault:
            self.cancel()
        if vault is None:
            self.remove_originals = False  # a shared PC: the next person starts with it off
            self.hide_new.set_on(False)
        self._vault = vault

    @property
    def busy(self) -> bool:
        return self._bulk.running or self._tasks > 0 or self._capture is not None

    def _update_busy(self) -> None:
        busy = self.busy
        if busy != self._was_busy:
            self._was_busy = busy
            self.busy_changed.emit(busy)

    def cancel(self) -> None:
        """Stop everything (cooperatively: the current file is rolled back, what was committed
        stays), forget it, close this flow's dialogs. Nothing more is shown afterwards. A screen
        capture that has not grabbed yet is dropped without showing the window again."""
        self._generation += 1
        self._bulk.cancel()
        self._tasks = 0
        if self._capture is not None:
            self._capture.cancel()
            self._capture.deleteLater()
            self._capture = None
        for dialog in (self.summary_dialog, self.message_box, self.description_dialog):
            if dialog is not None:
                dialog.done(0)
        if self.note_box is not None:
            self.note_box.done(0)
        self.progress_widget.reset()
        self._update_busy()

    # --- the "delete originals" option -----------------------------------------------------

    @property
    def remove_originals(self) -> bool:
        return self._remove_originals

    @remove_originals.setter
    def remove_originals(self, on: bool) -> None:
        """Set the option without asking (use :meth:`ask_remove_originals` for the user)."""
        changed = on != self._remove_originals
        self._remove_originals = on
        set_checked_quietly(self.remove_originals_action, on)
        if changed:
            self.remove_originals_changed.emit(on)

    def ask_remove_originals(self, on: bool) -> None:
        """The user turned the option on or off. On shows the honest note first; it only takes
        effect with OK (Cancel leaves it off)."""
        if not on:
            if self.note_box is not None:
                self.note_box.done(0)
            self.remove_originals = False
            return
        if self._remove_originals or self.note_box is not None:
            return
        box = remove_originals_note(self._parent)
        self.note_box = box
        box.finished.connect(lambda _result: self._note_answered(box))
        box.open()

    def _note_answered(self, box: QMessageBox) -> None:
        agreed = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Ok
        if self.note_box is box:
            self.note_box = None
        box.deleteLater()
        self.remove_originals = agreed

    # --- add files -------------------------------------------------------------------------

    def choose_and_add(self) -> None:
        """Ask which files to add (no recent-files trace), then add them."""
        if self._vault is None:
            return
        paths = filedialogs.choose_files_to_add(self._parent)
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Add files in one background job. While one runs, more files join the queue and
        follow it (one summary at the end)."""
        paths = [p for p in paths if p]
        if not paths or self._vault is None:
            return
        self._bulk.add(paths)

    def cancel_import(self) -> None:
        """The Cancel button: stop after (or inside) the current file; the summary follows."""
        self._bulk.stop()

    def _bulk_failed(self, total: ImportSummary | None, err: VaultError) -> None:
        if total is not None:
            self.finished.emit(total)
        self.reload_needed.emit()
        self._inform(
            self.tr("Adding stopped"),
            describe(err)
            + " "
            + self.tr("Files that were added before this are safe in the vault."),
        )

    def _report(self, summary: ImportSummary, removed_originals: bool) -> None:
        """A dialog if anything needs the user's eyes; otherwise a calm line."""
        if needs_dialog(summary):
            if not self._bulk.running:  # (a paste during a bulk add leaves its row alone)
                self.progress_widget.reset()
            self._show_summary(summary)
        elif summary.added and not self._bulk.running:
            self.progress_widget.show_status(status_line(summary, removed_originals))
        self.finished.emit(summary)

    def _show_summary(self, summary: ImportSummary) -> None:
        if self.summary_dialog is not None:
            self.summary_dialog.done(0)
        dialog = ImportSummaryDialog(summary, self._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.summary_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog, "summary_dialog"))
        dialog.open()

    # --- paste, capture, description only --------------------------------------------------

    def paste(self) -> None:
        """Ctrl+V: a picture, files, or a web address from the clipboard."""
        vault = self._vault
        if vault is None:
            return
        found = clip.read_clipboard()
        if found.kind == "files":
            self.add_files(found.paths)
        elif found.kind == "image" and found.image is not None:
            self._add_pictures([(clip.pasted_name(), found.image)], PROVENANCE_PASTED)
        elif found.kind == "link":
            self.add_description_only(
                url=found.url,
                intro=self.tr(
                    "You pasted a web address. You can keep it as an item without a file: "
                    "add a title and what it shows (you can change these later)."
                ),
            )
        else:
            self._inform(self.tr("Nothing to paste yet"), clip.paste_help())

    def capture_screen(self, window: QWidget) -> None:
        """Hide ``window``, grab every screen, show it again, add one picture per screen."""
        if self._vault is None or self._capture is not None:
            return
        gen = self._generation
        capture = ScreenCapture(window, self)
        self._capture = capture
        capture.captured.connect(lambda shots: self._captured(gen, capture, shots))
        self._update_busy()
        capture.start()

    def _captured(
        self, gen: int, capture: ScreenCapture, shots: list[tuple[str, QImage | None]]
    ) -> None:
        capture.deleteLater()
        if gen != self._generation:
            return
        self._capture = None
        self._update_busy()
        pictures = [(name, image) for name, image in shots if image is not None]
        if not pictures:
            self._inform(
                self.tr("The screen could not be captured"),
                self.tr(
                    "This computer did not let the program capture the screen (some desktops "
                    "do not allow it)."
                )
                + " "
                + clip.paste_help(),
            )
            return
        failed = [
            ImportFailure(name, self.tr("This screen could not be captured."))
            for name, image in shots
            if image is None
        ]
        self._add_pictures(pictures, PROVENANCE_CAPTURED, failed)

    def _add_pictures(
        self,
        pictures: list[tuple[str, QImage]],
        provenance: str,
        failed: list[ImportFailure] | None = None,
    ) -> None:
        vault = self._vault
        assert vault is not None
        known_failures = list(failed or [])
        hidden = self.hide_new.on

        def work() -> ImportSummary:
            added: list[EvidenceItem] = []
            failures = list(known_failures)
            for name, image in pictures:
                try:
                    data = clip.png_bytes(image)
                    added.append(
                        importer.import_bytes(
                            vault,
                            data,
                            original_name=name,
                            provenance=provenance,
                            intimate=hidden,
                        )
                    )
                except VaultError as err:
                    failures.append(ImportFailure(name, err.message))
            return ImportSummary(added=added, failed=failures)

        self._run_task(work, self._pictures_added)

    def _pictures_added(self, summary: ImportSummary) -> None:
        if summary.added:
            self.items_added.emit(list(summary.added))
        self._report(summary, False)

    def add_description_only(self, *, url: str = "", intro: str = "") -> None:
        """Open the small dialog for an item without a file (pre-filled with ``url``)."""
        if self._vault is None:
            return
        if self.description_dialog is not None:
            self.description_dialog.raise_()
            return
        dialog = clip.DescriptionDialog(self._parent, url=url, intro=intro)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.description_dialog = dialog
        dialog.accepted.connect(lambda: self._add_description(dialog.values()))
        dialog.finished.connect(lambda _result: self._forget(dialog, "description_dialog"))
        dialog.open()

    def _add_description(self, values: dict[str, str]) -> None:
        vault = self._vault
        if vault is None:
            return

        def work() -> ImportSummary:
            item = importer.add_description_only(vault, **values)
            return ImportSummary(added=[item])

        self._run_task(work, self._pictures_added)

    # --- helpers ---------------------------------------------------------------------------

    def _run_task(self, work: Callable[[], Any], on_result: Callable[[Any], None]) -> None:
        """Short work (paste, capture, description) off the UI thread, dropped if cancelled."""
        gen = self._generation
        self._tasks += 1
        self._update_busy()

        def done(value: Any) -> None:
            if gen != self._generation:
                return
            self._tasks -= 1
            self._update_busy()
            on_result(value)

        def failed(err: VaultError) -> None:
            if gen != self._generation:
                return
            self._tasks -= 1
            self._update_busy()
            self._inform(self.tr("Nothing was added"), describe(err))

        self._runner.run(work, done, failed)

    def _inform(self, title: str, text: str) -> None:
        """A calm note in a window-modal box that does not block the event loop."""
        if self.message_box is not None:
            self.message_box.done(0)
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box
        box.finished.connect(lambda _result: self._forget(box, "message_box"))
        box.open()

    def _forget(self, dialog: QDialog, attribute: str) -> None:
        if getattr(self, attribute) is dialog:
            setattr(self, attribute, None)
        dialog.deleteLater()  # file names and typed text go with it
