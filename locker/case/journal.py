"""The private journal: dated entries in the survivor's own words (no Qt).

Each entry is one encrypted record ``journal/<id>/meta`` (FORMAT.md §9.7). Writing, changing and
deleting an entry is one transaction with one ``journal`` custody entry whose summary is the same
generic sentence for every entry: the log shows that and when the journal changed, never what it
says. The record holds a random ``salt``, so the log's hash of it cannot confirm a guess of a
short entry's words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from locker.case import records, when
from locker.case.fields import MAX_TEXT, check_year
from locker.i18n import _
from locker.vault import Vault
from locker.vault.custody import now_utc
from locker.vault.errors import InvalidInput

JOURNAL_TABLE = "journal"


@dataclass
class JournalEntry:
    id: str
    day: str = ""  # "YYYY-MM-DD": the day it is about
    text: str = ""
    created_at: str = ""  # UTC ISO "…Z"
    updated_at: str = ""
    salt: str = ""  # random hex (records.new_salt), so the log's record hash reveals nothing

    @classmethod
    def from_json(cls, entry_id: str, obj: Any) -> JournalEntry:
        """Read a stored record; unknown keys are ignored, wrong types raise ValueError."""
        if not isinstance(obj, dict):
            raise ValueError("journal record is not an object")
        known = {f.name for f in fields(cls)} - {"id"}
        entry = cls(id=entry_id, **{k: v for k, v in obj.items() if k in known})
        if not all(isinstance(getattr(entry, f.name), str) for f in fields(cls)):
            raise ValueError("journal record has fields of the wrong type")
        return entry

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["id"]
        return data


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise InvalidInput(_("A journal entry must be text."))
    if not text.strip():
        raise InvalidInput(_("The journal entry is empty. Please write something first."))
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            _("The journal entry is too long (more than {n} characters).").format(n=MAX_TEXT)
        )
    return text


def _check_day(day: Any) -> str:
    if not isinstance(day, str):
        raise InvalidInput(_("The day of a journal entry must be text."))
    cleaned = day.strip()
    if not cleaned:
        return date.today().isoformat()  # the local date: the day the person is living
    parsed = when.date_only(cleaned)
    if parsed is None:
        raise InvalidInput(
            _(
                "The day of the journal entry is not a real date. Please write it as "
                "year-month-day, for example 2026-05-03."
            )
        )
    check_year(parsed, _("the day of a journal entry"))
    return cleaned


def _store(vault: Vault, entry: JournalEntry) -> str:
    """Write the record; returns the SHA-256 of its exact plaintext for the custody log. A record
    from before salts were stored gets one now."""
    entry.salt = entry.salt or records.new_salt()
    return records.store(vault, JOURNAL_TABLE, entry.id, entry.to_json())


def add_entry(vault: Vault, text: str, day: str = "") -> JournalEntry:
    """Write a new entry about ``day`` ("YYYY-MM-DD"; ``""`` = today, local date)."""
    text, day = _check_text(text), _check_day(day)
    with vault.transaction():
        stamp = now_utc()
        entry = JournalEntry(records.new_id(vault, JOURNAL_TABLE), day, text, stamp, stamp)
        vault.append_log(
            "journal",
            entry.id,
            _("A private journal entry was written."),
            record=_store(vault, entry),
        )
    return entry


def find_entry(vault: Vault, id_or_prefix: str) -> JournalEntry:
    """The entry with this id, or the only one whose id starts with it (4+ characters)."""
    return records.find_record(
        vault,
        JOURNAL_TABLE,
        id_or_prefix,
        JournalEntry.from_json,
        damaged=_("journal entry {id}"),
        missing=_("There is no journal entry with that id in this vault."),
        several=_("More than one journal entry starts with that id; give more of it."),
    )


def update_entry(
    vault: Vault, entry_id: str, *, text: str | None = None, day: str | None = None
) -> JournalEntry:
    """Change an entry's text or day (``None`` = keep); nothing is logged when nothing changed."""
    new_text = _check_text(text) if text is not None else None
    new_day = _check_day(day) if day is not None else None
    with vault.transaction():
        entry = find_entry(vault, entry_id)
        changed = False
        if new_text is not None and new_text != entry.text:
            entry.text, changed = new_text, True
        if new_day is not None and new_day != entry.day:
            entry.day, changed = new_day, True
        if not changed:
            return entry
        entry.updated_at = now_utc()
        vault.append_log(
            "journal",
            entry.id,
            _("A private journal entry was changed."),
            record=_store(vault, entry),
        )
    return entry


def delete_entry(vault: Vault, entry_id: str) -> None:
    """Delete an entry (one ``journal`` custody entry, no record hash)."""
    with vault.transaction():
        entry = find_entry(vault, entry_id)
        vault.delete(JOURNAL_TABLE, entry.id)
        vault.append_log(
            "journal", entry.id, _("A private journal entry was deleted."), record=None
        )


def load_entries(vault: Vault) -> tuple[list[tuple[JournalEntry, bytes]], list[str]]:
    """Every readable entry with the exact plaintext of its record, and the damaged ids."""
    return records.load(vault, JOURNAL_TABLE, JournalEntry.from_json)


def list_entries(vault: Vault) -> tuple[list[JournalEntry], list[str]]:
    """Every readable entry, the newest day first and, within a day, the newest written first;
    and the ids of damaged records."""
    loaded, damaged = load_entries(vault)
    entries = [entry for entry, _data in loaded]
    entries.sort(key=lambda e: (e.day, e.created_at), reverse=True)
    return entries, damaged
