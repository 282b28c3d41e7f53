"""Saving what the Summary tab made: the PDF, the separate packet, the originals bundle.

Each is a copy that is NOT encrypted (PRODUCT.md principle 2), so the user is told so plainly
before anything is chosen, as for an export of one item (:mod:`locker.gui.export_flow`). Then
Qt's own save dialog (no history, :mod:`locker.gui.filedialogs`) with a neutral suggested name,
the writing off the UI thread (a job: a lock or a quick exit cancels it), the custody entry, and
a sentence saying where the file is. The packet of unredacted pictures is offered after the
summary is saved, with its own warning. Tests replace :func:`run_modal` and the file dialogs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from locker.gui import filedialogs
from locker.gui.item_form import local_zone
from locker.gui.messages import describe
from locker.gui.tasks import Job, JobControl, TaskRunner
from locker.gui.widgets import clean_text, run_modal, warning_question, went_on
from locker.report.bundle import write_bundle
from locker.report.document import Report
from locker.report.record import BUNDLED, SAVED, record_report, write_pdf
from locker.vault import Vault, VaultError
from locker.vault.errors import Cancelled

SUMMARY_NAME = "evidence-summary.pdf"
PACKET_NAME = "evidence-unredacted-packet.pdf"
BUNDLE_NAME = "evidence-bundle.zip"


class ReportSaver(QObject):
    """One save at a time for the page's summary. ``message(text)`` is what happened;
    ``progress(text, fraction or None)`` while writing; ``busy_changed(bool)``."""

    message = Signal(str)
    progress = Signal(str, object)
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._runner = runner
        self._parent = parent_widget
        self._job: Job | None = None
        self._runs = 0
        self._active: int | None = None  # the save under way; outcomes of others are dropped

    @property
    def busy(self) -> bool:
        return self._active is not None

    def cancel(self) -> None:
        """Stop a save (a bundle stops between chunks and removes its partial file) and forget
        it: nothing more is said."""
        was_busy = self.busy
        self._active = None
        job, self._job = self._job, None
        if job is not None:
            job.cancel()
        if was_busy:
            self.busy_changed.emit(False)

    def stop(self) -> None:
        """The Cancel button: stop, and say so when the job ends."""
        if self._job is not None:
            self._job.cancel()

    # --- the warning -------------------------------------------------------------------------------

    def warn(self, title: str, text: str) -> bool:
        """The plain note before an unencrypted file is written (``text`` says it will not be
        encrypted). True to go on."""
        box = warning_question(
            self._parent,
            title,
            text,
            self.tr(
                "Save it somewhere safe, such as a USB stick you keep with you, not a shared or "
                "synced folder: cloud sync or backups may pick it up, and it stays until you "
                "delete it. The vault is not changed, and the custody log notes the copy."
            ),
            go_on=self.tr("Choose where to save…"),
        )
        run_modal(box)
        return went_on(box)

    def warn_packet(self) -> bool:
        """The question before the packet of unredacted pictures is saved (No is the default)."""
        box = warning_question(
            self._parent,
            self.tr("Save the unredacted packet"),
            self.tr("Also save the separate packet with the intimate pictures shown in full?"),
            self.tr(
                "It is a separate file, not encrypted and not blurred: anyone who opens it sees "
                "the pictures. Courts usually want such pictures filed under seal. Keep it "
                "apart from the summary, and delete it when it is no longer needed."
            ),
        )
        run_modal(box)
        return went_on(box)

    # --- saving --------------------------------------------------------------------------------------

    def save_pdf(self, vault: Vault | None, report: Report | None) -> None:
        """Warn, ask where, write the summary (then offer the packet, if one was made)."""
        if vault is None or report is None or self.busy:
            return
        if not self.warn(
            self.tr("Save the summary as a PDF"),
            self.tr("The PDF will not be encrypted. Anyone with the file can read it."),
        ):
            return
        path = self._choose(filedialogs.choose_pdf_path, SUMMARY_NAME)
        if path is None:
            return
        self._start(
            lambda _control: self._write(vault, report, path, report.pdf, SAVED),
            lambda unlogged: self._pdf_saved(vault, report, path, unlogged),
            self.tr("Saving the summary…"),
        )

    def _pdf_saved(self, vault: Vault, report: Report, path: Path, unlogged: str) -> None:
        self._say_saved(self.tr("The summary was saved as “{name}” in {folder}."), path, unlogged)
        if report.packet is not None:
            self.save_packet(vault, report)

    def save_packet(self, vault: Vault | None, report: Report | None) -> None:
        """The separate packet of unredacted pictures, after its own question."""
        if vault is None or report is None or report.packet is None or self.busy:
            return
        if not self.warn_packet():
            return
        path = self._choose(filedialogs.choose_pdf_path, PACKET_NAME)
        if path is None:
            return
        packet = report.packet
        self._start(
            lambda _control: self._write(vault, report, path, packet, SAVED),
            lambda unlogged: self._say_saved(
                self.tr("The packet of unredacted pictures was saved as “{name}” in {folder}."),
                path,
                unlogged,
            ),
            self.tr("Saving the packet…"),
        )

    def save_bundle(self, vault: Vault | None, report: Report | None) -> None:
        """Warn, ask where, write the originals bundle with the summary in it."""
        if vault is None or report is None or self.busy or not report.exhibits:
            return
        if not self.warn(
            self.tr("Save an originals bundle"),
            self.tr(
                "The bundle will not be encrypted. Anyone with the file can read the summary "
                "and open every original file in it, intimate pictures included, unblurred."
            ),
        ):
            return
        path = self._choose(filedialogs.choose_bundle_path, BUNDLE_NAME)
        if path is None:
            return
        zone = local_zone()
        words = self.tr("Copying the original files…")

        def work(control: JobControl) -> str:
            # The bundle writes its own custody entry ("bundle"); the summary in it gets one too.
            write_bundle(
                vault,
                path,
                exhibits=list(report.exhibits),
                pdf=report.pdf,
                force=path.exists(),  # the save dialog asked before replacing it
                cancelled=control.cancelled,
                progress=lambda done, total: control.report((words, done / max(total, 1))),
                floating_zone=zone,
            )
            return record_report(vault, report, BUNDLED)

        self._start(
            work,
            lambda unlogged: self._say_saved(
                self.tr("The originals bundle was saved as “{name}” in {folder}."), path, unlogged
            ),
            words,
        )

    # --- internals -------------------------------------------------------------------------------

    def _choose(self, dialog: Callable[[QWidget, str], str | None], name: str) -> Path | None:
        chosen = dialog(self._parent, name)
        return Path(chosen) if chosen else None

    @staticmethod
    def _write(vault: Vault, report: Report, path: Path, data: bytes, how: str) -> str:
        # The save dialog asked before replacing a file that was there: that is the user's say.
        write_pdf(path, data, force=path.exists(), vault_path=vault.path)
        return record_report(vault, report, how)

    def _start(
        self, work: Callable[[JobControl], str], done: Callable[[str], None], words: str
    ) -> None:
        self._runs += 1
        run = self._active = self._runs
        self.progress.emit(words, None)
        self.busy_changed.emit(True)
        job = self._runner.start_job(
            work,
            lambda result: self._finished(run, lambda: done(result)),
            lambda err: self._finished(run, lambda: self._failed(err)),
            lambda value: self._progressed(run, value),
        )
        if self._active == run:  # (a synchronous runner has delivered already)
            self._job = job

    def _progressed(self, run: int, value: Any) -> None:
        if run == self._active and value is not None:
            words, fraction = value
            self.progress.emit(words, fraction)

    def _finished(self, run: int, then: Callable[[], None]) -> None:
        if run != self._active:
            return
        self._active = None
        self._job = None
        self.busy_changed.emit(False)
        then()

    def _failed(self, err: VaultError) -> None:
        if isinstance(err, Cancelled):
            self.message.emit(self.tr("Saving was stopped. Nothing was left behind."))
            return
        self.message.emit(describe(err))

    def _say_saved(self, sentence: str, path: Path, unlogged: str) -> None:
        text = sentence.format(
            name=clean_text(path.name, 120), folder=clean_text(os.fspath(path.parent), 200)
        )
        text += " " + self.tr(
            "It is not encrypted: keep it safe, and delete it when you no longer need it."
        )
        if unlogged:
            text += " " + self.tr("It could not be noted in the custody log: {reason}").format(
                reason=unlogged
            )
        self.message.emit(text)
