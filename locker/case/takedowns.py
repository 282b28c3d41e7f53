"""The takedown tracker: one record per web address reported for removal (no Qt).

A takedown is one encrypted record ``takedown/<id>/meta`` (FORMAT.md). Adding, changing and
deleting one are custody-log entries (``takedown-add``, ``takedown-edit``, ``takedown-delete``)
that name the fields changed in words, never their values. Every status change is kept in the
record's own history with the UTC time it was recorded.

For a report to a US platform the TAKE IT DOWN Act (platforms bound from 19 May 2026) asks a
covered platform to remove the content within 48 hours of a valid request; that deadline and the follow-up dates are
:mod:`locker.case.takedown_deadline`, whose names are importable from here as before.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from locker.case import records, when
from locker.case.fields import N_, check_text, check_year
from locker.case.incidents import find_incident
from locker.case.takedown_deadline import (
    DEADLINE_HOURS,
    TAKE_IT_DOWN_FROM,
    Deadline,
    deadline_note,
    deadline_state,
    follow_up_state,
    passed_advice,
    removal_deadline,
)
from locker.i18n import _
from locker.text import clean_line
from locker.vault import Vault
from locker.vault.custody import now_utc
from locker.vault.errors import InvalidInput

__all__ = [
    "DEADLINE_HOURS",
    "METHODS",
    "STATUSES",
    "TAKEDOWN_FIELDS",
    "TAKEDOWN_TABLE",
    "TAKE_IT_DOWN_FROM",
    "TICKET_NOTE",
    "Deadline",
    "StatusChange",
    "Takedown",
    "add_takedown",
    "deadline_note",
    "deadline_state",
    "delete_takedown",
    "find_takedown",
    "follow_up_state",
    "list_takedowns",
    "method_label",
    "passed_advice",
    "removal_deadline",
    "status_label",
    "unlink_incident",
    "update_takedown",
]

TAKEDOWN_TABLE = "takedown"
METHODS = ("form", "email", "dmca", "stopncii", "search-engine", "other")  # stored values
STATUSES = ("reported", "removed", "refused", "reappeared")

_METHOD_WORDS = {
    "form": N_("Platform's report form"),
    "email": N_("Email"),
    "dmca": N_("DMCA notice"),
    "stopncii": N_("StopNCII.org"),
    "search-engine": N_("Search engine removal request"),
    "other": N_("Another way"),
}
_STATUS_WORDS = {
    "reported": N_("Reported, waiting"),
    "removed": N_("Removed"),
    "refused": N_("Refused"),
    "reappeared": N_("Reappeared"),
}
TICKET_NOTE = N_(
    "The ticket or case number the platform gave you. For StopNCII, write the case number "
    "here, never the PIN: the PIN is a secret that lets anyone who has it see or withdraw "
    "your case, and it cannot be recovered if lost. Keep the PIN somewhere private, not here."
)

# Editable fields -> words for the custody log (the three parts of the report's time are one).
TAKEDOWN_FIELDS = {
    "url": N_("web address"),
    "platform": N_("platform"),
    "reported_at": N_("when it was reported"),
    "reported_tz": N_("when it was reported"),
    "reported_offset": N_("when it was reported"),
    "method": N_("how it was reported"),
    "ticket": N_("ticket or case number"),
    "status": N_("status"),
    "follow_up": N_("follow-up date"),
    "us_platform": N_("US platform (TAKE IT DOWN Act)"),
    "incident": N_("incident"),
    "note": N_("notes"),
}


def method_label(m: str) -> str:
    """How it was reported, in words ("DMCA notice")."""
    words = _METHOD_WORDS.get(m)
    return _(words) if words else clean_line(str(m), 40)


def status_label(s: str) -> str:
    """The status in words ("Reported, waiting")."""
    words = _STATUS_WORDS.get(s)
    return _(words) if words else clean_line(str(s), 40)


@dataclass
class StatusChange:
    at: str  # UTC time it was recorded, "2026-06-01T10:00:00Z"
    status: str
    note: str = ""


_NOT_TEXT = ("us_platform", "history")
_CHANGE = ("at", "status", "note")


@dataclass
class Takedown:
    id: str
    url: str
    platform: str = ""
    reported_at: str = ""
    reported_tz: str = ""
    reported_offset: str = ""
    method: str = "form"
    ticket: str = ""  # ticket or case number (StopNCII: the case number, NEVER the PIN)
    status: str = "reported"
    follow_up: str = ""  # "YYYY-MM-DD" or ""
    us_platform: bool = False  # a US platform covered by the TAKE IT DOWN Act
    incident: str = ""  # an incident id, or ""
    note: str = ""
    history: list[StatusChange] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""
    salt: str = ""  # random hex (records.new_salt), so the log's record hash reveals nothing

    @classmethod
    def from_json(cls, takedown_id: str, obj: Any) -> Takedown:
        if not isinstance(obj, dict):
            raise ValueError("takedown record is not an object")
        known = {f.name for f in fields(cls)} - {"id", "history"}
        values = {k: v for k, v in obj.items() if k in known}
        history = obj.get("history", [])
        if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
            raise ValueError("takedown history is not a list of objects")
        t = cls(id=takedown_id, **values)
        t.history = [StatusChange(*(str(h.get(k, "")) for k in _CHANGE)) for h in history]
        texts = [getattr(t, f.name) for f in fields(cls) if f.name not in _NOT_TEXT]
        if not isinstance(t.us_platform, bool) or not all(isinstance(v, str) for v in texts):
            raise ValueError("takedown record has fields of the wrong type")
        return t

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["id"]
        return data


def _text(name: str, value: Any) -> str:
    """Checked text; trimmed, but for the notes (kept as written)."""
    text = check_text(value, _(TAKEDOWN_FIELDS[name]))
    return text if name == "note" else text.strip()


def _check(values: dict[str, Any]) -> dict[str, Any]:
    """The values cleaned (single-line text trimmed), or InvalidInput naming the problem."""
    unknown = set(values) - set(TAKEDOWN_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields can't be set: {names}.").format(names=", ".join(sorted(unknown)))
        )
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "us_platform":
            if not isinstance(value, bool):
                raise InvalidInput(_("Whether it is a US platform must be yes or no."))
            out[name] = value
            continue
        out[name] = _text(name, value)
    if "url" in out and not out["url"]:
        raise InvalidInput(_("Please write the web address that was reported."))
    if "method" in out and out["method"] not in METHODS:
        raise InvalidInput(
            _("How it was reported must be one of: {names}.").format(
                names=", ".join(method_label(m) for m in METHODS)
            )
        )
    if "status" in out and out["status"] not in STATUSES:
        raise InvalidInput(
            _("The status must be one of: {names}.").format(
                names=", ".join(status_label(s) for s in STATUSES)
            )
        )
    if out.get("follow_up"):
        day = when.date_only(out["follow_up"])
        if day is None:
            raise InvalidInput(
                _(
                    "The follow-up date is not a real date. Please write it as year-month-day, "
                    "for example 2026-06-01, or leave it empty."
                )
            )
        check_year(day, _("the follow-up date"))
    return out


def _set_reported(t: Takedown, values: dict[str, Any]) -> None:
    """Apply a new report time: checked together; an offset not given is worked out again."""
    at = values.get("reported_at", t.reported_at)
    tz = values.get("reported_tz", t.reported_tz)
    offset = values.get("reported_offset", "")
    t.reported_offset = when.check_when(at, tz, offset, what=_("when it was reported"))
    t.reported_at, t.reported_tz = at, tz


def _store(vault: Vault, t: Takedown) -> str:
    """Write the record; returns the SHA-256 of its exact plaintext for the custody log. A record
    from before salts were stored gets one now."""
    t.salt = t.salt or records.new_salt()
    return records.store(vault, TAKEDOWN_TABLE, t.id, t.to_json())


def _check_incident(vault: Vault, incident_id: str) -> str:
    """The full id of the incident meant (an id or its first characters), or ``""``."""
    if not incident_id:
        return ""
    return find_incident(vault, incident_id).id


def add_takedown(vault: Vault, url: str, **fields_: Any) -> Takedown:
    """Record a web address reported for removal (one transaction, one custody entry).

    ``url`` is required (any non-empty text, trimmed). The first status (``"reported"`` unless
    given) starts the history."""
    values = _check({"url": url, **fields_})
    with vault.transaction():
        stamp = now_utc()
        t = Takedown(
            id=records.new_id(vault, TAKEDOWN_TABLE),
            url=values["url"],
            created_at=stamp,
            updated_at=stamp,
        )
        for name, value in values.items():
            if not name.startswith("reported_"):
                setattr(t, name, value)
        _set_reported(t, values)
        t.incident = _check_incident(vault, t.incident)
        t.history = [StatusChange(stamp, t.status)]
        vault.append_log(
            "takedown-add",
            t.id,
            _("Recorded a request to remove a web address."),
            record=_store(vault, t),
        )
    return t


def update_takedown(
    vault: Vault, takedown_id: str, note_for_history: str = "", **changes: Any
) -> Takedown:
    """Change a takedown; only the fields that changed are named in the custody log.

    A new status appends a :class:`StatusChange` with ``note_for_history`` (the note is kept
    only with a status change). Read, change and write are one transaction."""
    values = _check(changes)
    note = _text("note", note_for_history)
    with vault.transaction():
        t = find_takedown(vault, takedown_id)
        before = t.to_json()
        for name, value in values.items():
            if not name.startswith("reported_"):
                setattr(t, name, value)
        if {"reported_at", "reported_tz", "reported_offset"} & set(values):
            _set_reported(t, values)
        if "incident" in values and t.incident != before["incident"]:
            t.incident = _check_incident(vault, t.incident)
        after = t.to_json()
        changed = [k for k in TAKEDOWN_FIELDS if before[k] != after[k]]
        if not changed:
            return t
        stamp = now_utc()
        if t.status != before["status"]:
            t.history.append(StatusChange(stamp, t.status, note))
        t.updated_at = stamp
        words = dict.fromkeys(_(TAKEDOWN_FIELDS[k]) for k in changed)  # once each, in order
        vault.append_log(
            "takedown-edit",
            t.id,
            _("Changed: {fields}.").format(fields=", ".join(words)),
            record=_store(vault, t),
        )
    return t


def delete_takedown(vault: Vault, takedown_id: str) -> None:
    """Delete a takedown record (one custody entry, no record hash)."""
    with vault.transaction():
        t = find_takedown(vault, takedown_id)
        vault.delete(TAKEDOWN_TABLE, t.id)
        vault.append_log("takedown-delete", t.id, _("Deleted a takedown record."), record=None)


def unlink_incident(vault: Vault, incident_id: str) -> list[str]:
    """Clear ``incident`` on every takedown that names this incident (one that is being
    deleted), each with a ``takedown-edit`` custody entry; one transaction. Returns their ids.
    Damaged records cannot be read and are left as they are (verify already names them)."""
    unlinked: list[str] = []
    with vault.transaction():
        for t in list_takedowns(vault)[0]:
            if t.incident != incident_id:
                continue
            t.incident = ""
            t.updated_at = now_utc()
            vault.append_log(
                "takedown-edit",
                t.id,
                _("Unlinked from an incident that was deleted."),
                record=_store(vault, t),
            )
            unlinked.append(t.id)
    return unlinked


def find_takedown(vault: Vault, id_or_prefix: str) -> Takedown:
    """The takedown with this id, or the only one whose id starts with it (4+ characters)."""
    return records.find_record(
        vault,
        TAKEDOWN_TABLE,
        id_or_prefix,
        Takedown.from_json,
        damaged=_("takedown {id}"),
        missing=_("There is no takedown with that id in this vault."),
        several=_("More than one takedown starts with that id; give more of it."),
    )


def list_takedowns(vault: Vault) -> tuple[list[Takedown], list[str]]:
    """Every readable takedown (oldest first) and the ids of records that are damaged."""
    loaded, damaged = records.load(vault, TAKEDOWN_TABLE, Takedown.from_json)
    found = [t for t, _data in loaded]
    found.sort(key=lambda t: t.created_at)
    return found, damaged
