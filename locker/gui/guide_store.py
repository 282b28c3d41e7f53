"""Reading and saving the guide's progress for the page, through the runner; and reading the
guide's own files (:func:`read_guide`, :func:`files_note`), which must never stop the program
from starting.

One save at a time: a change made while a save runs waits, and the next save takes every
change made meanwhile (the whole progress is one small record, so the last save wins and
nothing is lost). A save the core refuses (a note too long) leaves the progress as it is on
the screen and is tried again with the next change. After :meth:`ProgressStore.clear` (a
lock), whatever arrives from a read or save started before is dropped (a generation counter,
as :mod:`locker.gui.record_page` does).

When the first read fails (the vault could not be read just then), the page starts from a blank
progress, and saving that would replace the record in the vault, notes and all. So the store is
``held``: nothing is saved until a read succeeds; changes wait in memory, and :func:`merged`
then adds them to what was read (nothing of either is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from locker.case.fields import MAX_TEXT
from locker.gui.messages import describe
from locker.gui.tasks import TaskRunner
from locker.guide import load
from locker.guide.content import Guide, GuideError
from locker.guide.progress import GuideProgress, load_progress, save_progress
from locker.vault import Vault, VaultError


def read_guide() -> tuple[Guide | None, GuideError | None]:
    """The guide in the user's language, or None and what went wrong (for the page's kind
    message). Whatever goes wrong, not only a problem the files' checks found (a file nested
    too deep, too large to read): the evidence must stay reachable."""
    try:
        return load.load_guide(QLocale().uiLanguages()), None
    except GuideError as err:
        return None, err
    except Exception as err:  # noqa: BLE001 - a content file must never stop the program
        what = QCoreApplication.translate(
            "guide_store",
            "Something unexpected happened while reading the guide's files ({kind}). "
            'The command "locker guide check" says which file and where.',
        ).format(kind=type(err).__name__)
        return None, GuideError([what])


def files_note(guide: Guide | None) -> str:
    """A quiet word when parts of the guide's files could not be used (and were left out)."""
    if guide is None or not guide.problems:
        return ""
    return QCoreApplication.translate(
        "GuidePage",
        "Some information in the guide could not be read, so it is left out. Whoever looks "
        "after this program (an advocate, for example) can check the files with the command "
        '"locker guide check".',
    )


def merged(stored: GuideProgress, memory: GuideProgress, *, moved: bool = True) -> GuideProgress:
    """What the vault holds (``stored``, read at last) with what the user did meanwhile
    (``memory``, begun blank) added: ticks and finished steps of both, each note kept (both
    words, the stored ones first, when they differ; together they may be too long to save,
    which the page says), and the place the user is at now if they ``moved`` (else the stored
    one: the blank start is not a place the user chose)."""
    notes = dict(stored.notes)
    for step_id, text in memory.notes.items():
        old = notes.get(step_id, "")
        notes[step_id] = f"{old}\n\n{text}" if old and old != text else text
    return replace(
        stored,
        current=(memory.current if moved else "") or stored.current,
        done=stored.done | memory.done,
        checked=stored.checked | memory.checked,
        notes=notes,
        link_note_seen=stored.link_note_seen or memory.link_note_seen,
    )


def snapshot(progress: GuideProgress) -> GuideProgress:
    """A copy the worker thread can save while the user goes on changing the original."""
    return replace(
        progress, done=set(progress.done), checked=set(progress.checked), notes=dict(progress.notes)
    )


class ProgressStore(QObject):
    """``progress`` is what the page shows and changes (None until read). ``on_read(progress)``
    runs with what a read found (the page decides whether to take it), ``on_problem(text)``
    with a sentence to show when reading or saving failed, ``on_saved()`` after a save,
    ``on_held(text)`` when a read failed with nothing read before (``held``: no save until a read
    succeeds)."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault: Vault | None = None
        self.progress: GuideProgress | None = None
        self.on_read: Callable[[GuideProgress], None] = lambda _progress: None
        self.on_problem: Callable[[str], None] = lambda _text: None
        self.on_saved: Callable[[], None] = lambda: None
        self.on_held: Callable[[str], None] = lambda _text: None
        self.held = False  # nothing read yet (a read failed): saving would replace the record
        self._generation = 0  # bumped on clear(): late results after a lock are dropped
        self._saving = False  # a save is under way
        self._dirty = False  # a change not handed to a save yet
        self._failed = False  # the last save failed (its changes wait in ``_dirty``)

    def unsaved(self, more: bool = False) -> bool:
        """Changes wait (or ``more``: the page holds some) that a lock would drop: a save
        failed, or saving is held."""
        return (self._dirty or more) and (self.held or self._failed)

    @property
    def busy(self) -> bool:
        """A change is not stored yet (a save runs, or one is waiting)."""
        return self._saving or self._dirty

    def clear(self) -> None:
        """Forget the vault and the progress; drop what arrives from before."""
        self._generation += 1
        self.vault, self.progress = None, None
        self._saving = self._dirty = self._failed = self.held = False

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

    def recover(self, stored: GuideProgress, *, moved: bool) -> GuideProgress:
        """Read at last (``stored``) after a failed read: what was done meanwhile and not saved
        yet is added (:func:`merged`; the user's place only if they ``moved``), and saving is no
        longer held. The page then takes what this returns as read."""
        memory = self.progress
        if memory is not None and self.busy:
            stored = merged(stored, memory, moved=moved)
        self.progress, self.held = None, False
        return stored

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
        if self.progress is not None and not self.held:
            self.on_problem(describe(err))  # what is shown came from the vault: saving it is fine
            return
        first = self.progress is None
        self.held = True
        if first:
            self.on_read(GuideProgress())  # the guide stays readable, from its start
        self.on_held(
            self.tr(
                "Your place in the guide could not be read just now. You can go on using the "
                "guide, but what you do here is not saved for the moment, so that what you "
                'saved before is not replaced. Choose "Try again", or lock the vault and open '
                "it again. Your evidence is not affected."
            )
        )

    def unreadable_text(self) -> str:
        """What the page says when the stored record was damaged (nothing of it was read)."""
        return self.tr(
            "Your saved place in the guide could not be read, so the guide starts from the "
            "beginning, and what you do now is kept in its place. Your evidence is not affected."
        )

    def too_long_text(self, guide: Guide | None) -> str:
        """What to say when a note is too long to save (two notes joined after a failed read
        can be), naming its step; "" when none is. Nothing is saved until it is shorter."""
        progress = self.progress
        if progress is None or guide is None:
            return ""
        for step in guide.steps:
            if len(progress.notes.get(step.id, "")) > MAX_TEXT:
                return self.tr(
                    'Your notes for the step "{title}" are too long to save (more than {n} '
                    "characters). Nothing is lost: they are kept here. Make them shorter, and "
                    "they and everything else you do in the guide are saved again."
                ).format(title=step.title, n=f"{MAX_TEXT:,}")
        return ""

    def _save(self) -> None:
        vault, progress = self.vault, self.progress
        if vault is None or progress is None or self._saving or self.held:
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
        self._saving = self._failed = False
        self.on_saved()
        if self._dirty:
            self._save()

    def _save_failed(self, err: VaultError, generation: int) -> None:
        if generation != self._generation:
            return
        self._saving, self._failed = False, True
        self._dirty = True  # tried again with the next change, or before a lock
        self.on_problem(describe(err))
