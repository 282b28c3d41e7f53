"""Run slow core work (the KDF, listing) off the UI thread; deliver the outcome on the UI thread.

Modelled on Picard's ``run_task``/``to_main`` (ARCHITECTURE.md "Threads"): the worker never
touches a widget, and the caller gets either the result or a :class:`VaultError` through a
callback that runs on the UI thread. Every task is kept referenced until it is delivered, and
:meth:`TaskRunner.wait` finishes all of them (delivering their outcomes) before a lock or a close,
so nothing is torn down while a worker still holds the vault. Nothing is ever terminated.

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


class TaskRunner(QObject):
    """Runs callables on a private thread pool; outcomes arrive on the thread that owns this."""

    busy_changed = Signal(bool)
    _task_done = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._pending: dict[int, _Task[Any]] = {}
        self._ids = itertools.count(1)
        # Queued: the worker emits from its own thread, the slot runs on ours.
        self._task_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

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

    def _start(self, task_id: int, task: _Task[Any]) -> None:
        def work() -> None:
            task.execute()
            self._task_done.emit(task_id)
            task.finished.set()

        self._pool.start(work)

    def _deliver(self, task_id: int) -> None:
        task = self._pending.pop(task_id, None)
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
    before :meth:`run` returns."""

    def _start(self, task_id: int, task: _Task[Any]) -> None:
        task.execute()
        task.finished.set()
        self._deliver(task_id)
