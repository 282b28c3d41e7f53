"""Where the user is in the guide, kept inside the vault so the guide resumes where they left off
and the computer remembers nothing (no Qt).

One record, ``guide/walkthrough/progress`` (FORMAT.md §9.8), a JSON object. Like the settings it
is not evidence: saving it writes no custody-log entry. Reading never stops the guide: a
missing record means a fresh start; a value of an unexpected type is replaced by its default and
everything else is kept; only a record that cannot be read at all (damaged, not a JSON object)
means a fresh start with ``unreadable`` set, so the page can say so kindly. Keys a newer version
added are kept in ``extra`` and written back, so saving here never drops what it stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from locker.case.fields import MAX_TEXT
from locker.guide.content import Guide
from locker.i18n import _
from locker.vault import Vault
from locker.vault.errors import Damaged, InvalidInput

PROGRESS_TABLE, PROGRESS_ID, PROGRESS_FIELD = "guide", "walkthrough", "progress"
_MAX_NAME = 200  # a step id, a "<step>/<item>" or a country code: short by nature


@dataclass
class GuideProgress:
    current: str = ""  # the step shown last ("" = the first)
    done: set[str] = field(default_factory=set)  # step ids marked finished
    checked: set[str] = field(default_factory=set)  # "<step id>/<checklist item id>"
    notes: dict[str, str] = field(default_factory=dict)  # step id → the user's note, exactly
    link_note_seen: bool = False  # the one-time note about browser history was shown
    country: str = ""  # the country chosen for the resources ("" = not chosen)
    unreadable: bool = False  # not stored: the record could not be read; defaults are used
    extra: dict[str, Any] = field(default_factory=dict)  # keys of a newer version, kept as read


KEYS = ("current", "done", "checked", "notes", "link_note_seen", "country")


def _names(value: Any) -> set[str]:
    """The names of a stored list; those of another type are left out (their default)."""
    if not isinstance(value, list):
        return set()
    return {v for v in value if isinstance(v, str) and len(v) <= _MAX_NAME}


def _text(value: Any) -> str:
    return value if isinstance(value, str) and len(value) <= _MAX_NAME else ""


def _from_json(obj: Any) -> GuideProgress | None:
    """The stored progress, field by field (a value of another type: its default; a note that
    is not text: left out), or None when the record is not a JSON object at all. Keys this
    version does not know go to ``extra``."""
    if not isinstance(obj, dict):
        return None
    notes = obj.get("notes")
    seen = obj.get("link_note_seen")
    return GuideProgress(
        current=_text(obj.get("current")),
        done=_names(obj.get("done")),
        checked=_names(obj.get("checked")),
        notes=(
            {k: v for k, v in notes.items() if isinstance(v, str) and len(k) <= _MAX_NAME}
            if isinstance(notes, dict)
            else {}
        ),
        link_note_seen=seen if isinstance(seen, bool) else False,
        country=_text(obj.get("country")),
        extra={k: v for k, v in obj.items() if k not in KEYS},
    )


def load_progress(vault: Vault) -> GuideProgress:
    """The saved progress; a fresh start when there is none, and a fresh start with
    ``unreadable=True`` when the record is damaged or not a JSON object. A value of another
    type is its default, the others are kept. Step ids the guide no longer has are kept (the
    guide's files may change back)."""
    try:
        data = vault.get(PROGRESS_TABLE, PROGRESS_ID, PROGRESS_FIELD)
        if data is None:
            return GuideProgress()
        obj = json.loads(data)
    except (Damaged, ValueError, RecursionError):  # Damaged is reported by verify
        return GuideProgress(unreadable=True)
    return _from_json(obj) or GuideProgress(unreadable=True)


def _check_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or len(value) > _MAX_NAME:
        raise InvalidInput(
            _("The guide's progress could not be saved: {what} is not usable.").format(what=what)
        )
    return value


def _check_names(values: Any, what: str) -> list[str]:
    if not isinstance(values, set | frozenset | list | tuple):
        raise InvalidInput(
            _("The guide's progress could not be saved: {what} is not usable.").format(what=what)
        )
    return sorted({_check_name(v, what) for v in values})


def _to_json(progress: GuideProgress) -> dict[str, Any]:
    """The record to store; raises InvalidInput for a value that cannot be stored."""
    notes = progress.notes
    if not isinstance(notes, dict):
        raise InvalidInput(_("The guide's progress could not be saved: the notes are not usable."))
    kept: dict[str, str] = {}
    for step_id, text in sorted(notes.items()):
        _check_name(step_id, _("a step's name"))
        if not isinstance(text, str):
            raise InvalidInput(_("A note in the guide must be text."))
        if len(text) > MAX_TEXT:
            raise InvalidInput(
                _("A note in the guide is too long (more than {n} characters).").format(n=MAX_TEXT)
            )
        if text:  # an emptied note is no note
            kept[step_id] = text
    if not isinstance(progress.link_note_seen, bool):
        raise InvalidInput(_("The guide's progress could not be saved: a setting is not usable."))
    extra = progress.extra
    if not isinstance(extra, dict) or not all(isinstance(k, str) for k in extra):
        raise InvalidInput(_("The guide's progress could not be saved: a setting is not usable."))
    return {
        **{k: v for k, v in extra.items() if k not in KEYS},  # a newer version's, as read
        "current": _check_name(progress.current, _("the current step")),
        "done": _check_names(progress.done, _("the steps done")),
        "checked": _check_names(progress.checked, _("the checklist")),
        "notes": kept,
        "link_note_seen": progress.link_note_seen,
        "country": _check_name(progress.country, _("the country")),
    }


def save_progress(vault: Vault, progress: GuideProgress) -> None:
    """Store the progress (one transaction). Not a custody-log action: where someone is in the
    guide is not evidence. Raises InvalidInput for a value that cannot be stored (nothing is
    written then)."""
    record = _to_json(progress)
    with vault.transaction():
        vault.put_json(PROGRESS_TABLE, PROGRESS_ID, PROGRESS_FIELD, record)


def has_progress(vault: Vault) -> bool:
    """True when progress was ever saved in this vault (even if it cannot be read now)."""
    rows = vault.query(
        "SELECT 1 FROM record WHERE tbl = ? AND id = ? AND field = ?",
        (PROGRESS_TABLE, PROGRESS_ID, PROGRESS_FIELD),
    )
    return bool(rows)


def done_count(progress: GuideProgress, guide: Guide) -> int:
    """How many of the guide's steps are marked done (ids it no longer has do not count)."""
    return sum(1 for step in guide.steps if step.id in progress.done)


def _key(step_id: str, item_id: str) -> str:
    return f"{step_id}/{item_id}"


def is_checked(progress: GuideProgress, step_id: str, item_id: str) -> bool:
    return _key(step_id, item_id) in progress.checked


def set_checked(progress: GuideProgress, step_id: str, item_id: str, on: bool) -> None:
    """Tick or untick one checklist item (in ``progress``; save it to keep it)."""
    if on:
        progress.checked.add(_key(step_id, item_id))
    else:
        progress.checked.discard(_key(step_id, item_id))
