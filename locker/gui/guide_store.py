"""Reading and saving the guide's progress for the page, through the runner.

One save at a time: a change made while a save runs waits, and the next save takes every
change made meanwhile (the whole progress is one small record, so the last save wins and
nothing is lost). A save the core refuses (a note too long) leaves the progress as it is on
the screen and is tried again with the next change. After :meth:`ProgressStore.clear` (a
lock), whatever arrives from a read or save started before is dropped (a generation counter,
as :mod:`locker.gui.record_page` does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject

from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.guide.progress import GuideProgress, load_progress, save_progress
from locker.vault import Vault, VaultError


def snapshot(progress: GuideProgress) -> GuideProgress:
    """A copy the worker thread can save while the user goes on changing the original."""
    return replace(
        progress, done=set(progress.done), checked=set(progress.checked), notes=dict(progress.notes)
    )


class ProgressStore(QObject):
    """``progress`` is what the page shows and changes (None until read). ``on_read(progress)``
    runs with what a read found (the page decides whether to take it), ``on_problem(text)``
    with a sentence to show when reading or saving failed, ``on_saved()`` after a save."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault: Vault | None = None
        self.progress: GuideProgress | None = None
        self.on_read: Callable[[GuideProgress], None] = lambda _progress: None
        self.on_problem: Callable[[str], None] = lambda _text: None
        self.on_saved: Callable[[], None] = lambda: None
        self._generation = 0  # bumped on clear(): late results after a lock are dropped
        self._saving = False  # a save is under way
        self._dirty = False  # a change not handed to a save yet

    @property
    def busy(self) -> bool:
        """A change is not stored yet (a save runs, or one is waiting)."""
        return self._saving or self._dirty

    def clear(self) -> None:
        """Forget the vault and the progress; drop what arrives from before."""
        self._generation += 1
        self.vault, self.progress = None, None
        self._saving = self._dirty = False

    def read(self) -> None:
        """Read the progress (``on_read`` gets it, or ``on_read`` a fresh start after
        ``on_problem`` if the vault could not be read)."""
        vault, generation = self.vault, self._generation
        if vault is None:
            return
        self.runner.run(
            lambda: load_progress(vault),
            lambda progress: self._read(progress, generation),
            lambda err: self._read_failed(err, generation),
        )

    def changed(self) -> None:
        """``progress`` was changed: save it (now, or after the save under way)."""
        self._dirty = True
        self._save()

    def save_pending(self) -> None:
        """Save a change that is still waiting (one refused before: try again)."""
        if self._dirty:
            self._save()

    # --- internals ----------------------------------------------------------------------------------

    def _read(self, progress: GuideProgress, generation: int) -> None:
        if generation == self._generation:
            self.on_read(progress)

    def _read_failed(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self.on_problem(describe(err))
        if self.progress is None:
            self.on_read(GuideProgress())  # the guide stays readable, from its start

    def _save(self) -> None:
        vault, progress = self.vault, self.progress
        if vault is None or progress is None or self._saving:
            return  # (_saved starts the next save with everything changed meanwhile)
        self._saving, self._dirty = True, False
        saved, generation = snapshot(progress), self._generation
        self.runner.run(
            lambda: save_progress(vault, saved),
            lambda _none: self._saved(generation),
            lambda err: self._save_failed(err, generation),
        )

    def _saved(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._saving = False
        self.on_saved()
        if self._dirty:
            self._save()

    def _save_failed(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self._saving = False
        self._dirty = True  # tried again with the next change, or before a lock
        self.on_problem(describe(err))
