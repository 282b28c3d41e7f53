"""Run slow core work (the KDF, imports) off the UI thread; deliver the outcome on the UI thread.

Modelled on Picard's ``run_task``/``to_main`` (ARCHITECTURE.md "Threads"): the worker never
touches a widget, and the caller gets either the result or a :class:`VaultError` through a
callback that runs on the UI thread. Every task is kept referenced until it is delivered, and
:meth:`TaskRunner.wait` finishes all of them (delivering their outcomes) before a lock or a close,
so nothing is torn down while a worker still holds the vault. Nothing is ever terminated.

:meth:`TaskRunner.start_job` is the same with progress and cooperative cancel: the work gets a
:class:`JobControl` to report progress (coalesced: the UI sees the latest value, never a backlog)
and to ask whether it was cancelled. Cancel is a flag the worker checks; a thread is never
stopped from outside.

:class:`SyncTaskRunner` runs the work at once in the calling thread, for tests.
"""

from __future__ import annotations

import itertools
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal

from locker.vault import VaultError

T = TypeVar("T")

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[VaultError], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("tasks", text)


def code_locations(tb: TracebackType | None) -> str:
    """Where an error happened, as file/line/function only: no source text, no message
    (both could contain a file name or other user data, which never goes to a log)."""
    return "".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}\n" for frame in traceback.extract_tb(tb)
    )


def as_vault_error(exc: BaseException) -> VaultError:
    """Turn any exception into something the GUI can show: a kind sentence, never a traceback."""
    if isinstance(exc, VaultError):
        return exc
    if isinstance(exc, MemoryError):
        return VaultError(
            _tr(
                "This computer does not have enough free memory for this step. "
                "Close some other programs and try again."
            )
        )
    # A bug, not a user mistake: log where it happened, show the user a plain sentence.
    sys.stderr.write(
        f"evidence-locker: unexpected {type(exc).__name__} in a task\n"
        + code_locations(exc.__traceback__)
    )
    return VaultError(
        _tr(
            "Something unexpected went wrong and this step could not be finished. Please try again."
        )
    )


def _drop_tracebacks(exc: BaseException | None) -> None:
    """Cut an exception loose from the frames it was raised through.

    A traceback keeps every frame's locals alive, and here those include the passphrase the
    user typed (``unlock(secret)``). Worse, the frame of :meth:`_Task.execute` refers to the
    task, which refers to the error, which refers to the traceback: a cycle, freed only when
    the cyclic GC happens to run. The message and type are all the GUI needs.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = None
        if exc.__cause__ is not None:
            _drop_tracebacks(exc.__cause__)
        exc = exc.__context__


@dataclass
class _Task(Generic[T]):
    func: Callable[[], T] | None
    on_result: ResultCallback
    on_error: ErrorCallback
    finished: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: VaultError | None = None

    def execute(self) -> None:
        func, self.func = self.func, None  # its closure may hold a secret: run it once, drop it
        if func is None:
            return
        try:
            self.result = func()
        except BaseException as exc:  # every failure becomes a message for the user
            self.error = as_vault_error(exc)
            _drop_tracebacks(exc)
            _drop_tracebacks(self.error)


class JobControl:
    """Handed to a job's work function (on its worker thread)."""

    def __init__(self, post: Callable[[], None]) -> None:
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: Any = None
        self._waiting = False  # a delivery is already on its way to the UI thread
        self._post = post

    def report(self, value: Any) -> None:
        """Send progress to the UI thread; if it has not caught up, only the latest counts."""
        with self._lock:
            self._latest = value
            if self._waiting:
                return
            self._waiting = True
        self._post()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def take_latest(self) -> Any:
        with self._lock:
            self._waiting = False
            value, self._latest = self._latest, None
            return value


class Job:
    """What :meth:`TaskRunner.start_job` returns: a way to ask the work to stop."""

    def __init__(self, control: JobControl) -> None:
        self._control = control

    def cancel(self) -> None:
        self._control._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._control.cancelled()


class TaskRunner(QObject):
    """Runs callables on a private thread pool; outcomes arrive on the thread that owns this."""

    busy_changed = Signal(bool)
    _task_done = Signal(int)
    _progress = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._pending: dict[int, _Task[Any]] = {}
        self._ids = itertools.count(1)
        # Queued: the worker emits from its own thread, the slot runs on ours.
        self._task_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self._jobs: dict[int, tuple[JobControl, Callable[[Any], None] | None]] = {}

    @property
    def busy(self) -> bool:
        """True while some task has not been delivered yet."""
        return bool(self._pending)

    def run(
        self, func: Callable[[], T], on_result: Callable[[T], None], on_error: ErrorCallback
    ) -> None:
        """Run ``func()`` off the UI thread; then call ``on_result(value)`` or ``on_error(err)``
        on the UI thread. ``func`` must not touch widgets."""
        task_id = next(self._ids)
        task: _Task[T] = _Task(func, on_result, on_error)
        self._pending[task_id] = task
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._start(task_id, task)

    def start_job(
        self,
        func: Callable[[JobControl], T],
        on_result: Callable[[T], None],
        on_error: ErrorCallback,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Job:
        """Like :meth:`run`, for long work: ``func(control)`` may call ``control.report(value)``
        (``on_progress(value)`` then runs on the UI thread, latest value only, never after the
        outcome) and should check ``control.cancelled()`` often."""
        task_id = next(self._ids)
        control = JobControl(lambda: self._post_progress(task_id))
        self._jobs[task_id] = (control, on_progress)
        task: _Task[T] = _Task(lambda: func(control), on_result, on_error)
        self._pending[task_id] = task
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._start(task_id, task)
        return Job(control)

    def _post_progress(self, task_id: int) -> None:
        self._progress.emit(task_id)

    def _deliver_progress(self, task_id: int) -> None:
        job = self._jobs.get(task_id)
        if job is None:  # the outcome was delivered already: late progress means nothing
            return
        control, on_progress = job
        value = control.take_latest()
        if on_progress is not None:
            on_progress(value)

    def cancel_all(self) -> None:
        """Ask every running job to stop (plain tasks, such as the KDF, just finish)."""
        for control, _on_progress in self._jobs.values():
            control._cancel.set()

    def _start(self, task_id: int, task: _Task[Any]) -> None:
        def work() -> None:
            task.execute()
            self._task_done.emit(task_id)
            task.finished.set()

        self._pool.start(work)

    def _deliver(self, task_id: int) -> None:
        task = self._pending.pop(task_id, None)
        self._jobs.pop(task_id, None)
        if task is None:  # already delivered by wait()
            return
        try:
            if task.error is not None:
                task.on_error(task.error)
            else:
                task.on_result(task.result)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)

    def wait(self) -> None:
        """Block until every task has finished, and deliver their outcomes now, in order.

        Called before locking or closing: cancel is not possible mid-KDF, so we finish instead.
        """
        while self._pending:
            task_id, task = next(iter(self._pending.items()))
            task.finished.wait()
            self._deliver(task_id)
        self._pool.waitForDone()


class SyncTaskRunner(TaskRunner):
    """A stand-in for tests: the work runs at once, in the calling thread, and is delivered
    before :meth:`run` returns. Progress is delivered at once too."""

    def _post_progress(self, task_id: int) -> None:
        self._deliver_progress(task_id)

    def _start(self, task_id: int, task: _Task[Any]) -> None:
        task.execute()
        task.finished.set()
        self._deliver(task_id)
