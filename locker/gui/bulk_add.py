"""Adding many files: one background job with progress and Cancel, and a queue for files that
arrive while it runs.

Items are announced with :attr:`BulkAdd.items_added` when a run of :func:`importer.import_files`
ends (not file by file): the core hands back the items only in its summary, and one batch lets the
library insert and sort once instead of two hundred times. Meanwhile the progress row shows the
count. :class:`locker.gui.import_flow.ImportFlow` owns one and reports the outcome.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from locker.case import importer
from locker.case.importer import ImportProgress, ImportSummary
from locker.gui.import_summary import ImportProgressWidget, merge
from locker.gui.tasks import Job, JobControl, TaskRunner
from locker.vault import Vault, VaultError


class BulkAdd(QObject):
    """The add-files job and its queue, shown on ``progress_widget``. ``options()`` gives the
    vault and whether to delete the originals, read as each run starts (queued runs too).

    ``running_changed()`` fires when a run starts or ends (not on :meth:`cancel`: the owner
    updates after its own clean-up). ``done(summary, removed_originals)`` ends an add that ran to
    its end or was stopped; ``failed(summary_or_None, err)`` one that stopped on an error.
    """

    items_added = Signal(list)  # of EvidenceItem
    running_changed = Signal()
    done = Signal(object, bool)  # ImportSummary, whether originals were to be removed
    failed = Signal(object, object)  # ImportSummary of earlier runs or None, VaultError

    def __init__(
        self,
        runner: TaskRunner,
        progress_widget: ImportProgressWidget,
        options: Callable[[], tuple[Vault | None, bool, bool]],  # vault, remove originals, hidden
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._options = options
        self.progress_widget = progress_widget
        self._generation = 0  # bumped by cancel(): outcomes of older runs are dropped
        self._run_id = 0
        self._job: Job | None = None
        self.running = False
        self._stopping = False
        self._queued: list[str] = []
        self._summary: ImportSummary | None = None
        self._done_before = 0  # files of earlier runs in this add (queued adds)
        self._run_total = 0
        self._last_current = 1  # the file being added now, counted over queued runs too
        self._run_removes = False

    def add(self, paths: list[str]) -> None:
        """Add ``paths``; while a run goes on they join the queue and follow it (one summary
        at the end)."""
        if self.running:
            self._queued.extend(paths)
            if not self._stopping:
                self._show_waiting()
            return
        self._start_run(paths)

    def stop(self) -> None:
        """The Cancel button: stop after (or inside) the current file; the summary follows."""
        if self._job is None or self._stopping:
            return
        self._stopping = True
        self._job.cancel()
        self.progress_widget.show_stopping()

    def cancel(self) -> None:
        """Stop and forget (cooperatively: the current file is rolled back, what was committed
        stays). Nothing more is announced; the owner resets the progress row."""
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self.running = self._stopping = False
        self._queued = []
        self._summary = None
        self._done_before = 0

    def _show_waiting(self) -> None:
        self.progress_widget.show_running(
            self._last_current,
            self._done_before + self._run_total,
            self.progress_widget.bar.value() / 1000,
            len(self._queued),
        )

    def _start_run(self, paths: list[str]) -> None:
        (vault, removes, intimate), gen = self._options(), self._generation
        assert vault is not None
        self._run_id += 1
        run_id = self._run_id
        self.running = True
        self._run_total = len(paths)
        self._run_removes = removes
        self._last_current = self._done_before + 1
        self.progress_widget.show_running(
            self._last_current, self._done_before + len(paths), 0.0, len(self._queued)
        )
        self.running_changed.emit()

        def work(control: JobControl) -> ImportSummary:
            return importer.import_files(
                vault,
                paths,
                remove_original=removes,
                intimate=intimate,
                progress=control.report,
                cancelled=control.cancelled,
            )

        job = self._runner.start_job(
            work,
            lambda summary: self._run_done(gen, summary),
            lambda err: self._run_failed(gen, err),
            lambda progress: self._run_progress(gen, progress),
        )
        if run_id == self._run_id and self.running and gen == self._generation:
            self._job = job  # (a synchronous runner has finished already)

    def _run_progress(self, gen: int, progress: ImportProgress | None) -> None:
        if gen != self._generation or progress is None or self._stopping:
            return
        if progress.bytes_total > 0:
            fraction = progress.bytes_done / progress.bytes_total
        else:
            fraction = progress.files_done / max(progress.files_total, 1)
        self._last_current = self._done_before + min(progress.files_done + 1, progress.files_total)
        self.progress_widget.show_running(
            self._last_current,
            self._done_before + progress.files_total,
            fraction,
            len(self._queued),
        )

    def _run_done(self, gen: int, summary: ImportSummary) -> None:
        if gen != self._generation:
            return
        self._job = None
        self._summary = merge(self._summary, summary)
        if summary.added:
            self.items_added.emit(list(summary.added))
        if self._queued and not summary.cancelled and not self._stopping:
            self._done_before += self._run_total
            paths, self._queued = self._queued, []
            self._start_run(paths)
            return
        total = self._summary
        if self._queued:  # the user stopped while more files were waiting: they were not tried
            total.skipped += len(self._queued)
            total.cancelled = True
        self._end()
        self.done.emit(total, self._run_removes)

    def _run_failed(self, gen: int, err: VaultError) -> None:
        if gen != self._generation:
            return
        self._job = None
        total = self._summary
        self._end()
        self.failed.emit(total, err)

    def _end(self) -> None:
        self._queued = []
        self._summary = None
        self._done_before = 0
        self.running = self._stopping = False
        self.progress_widget.reset()
        self.running_changed.emit()
