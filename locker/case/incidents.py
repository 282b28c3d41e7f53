"""Incidents: what happened, when, where, by whom, who saw it, who was told (no Qt).

An incident is one encrypted record ``incident/<id>/meta`` (FORMAT.md §9.5) that may link to
evidence items by id. Every change is one transaction with its custody entries; the log names
the fields that changed in words, never their values. Deleting an incident drops its links and
never touches the evidence.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from locker.case import when
from locker.case.evidence import find_item, find_record
from locker.case.fields import MAX_TEXT, N_
from locker.i18n import _
from locker.text import clean_line
from locker.vault import Vault
from locker.vault.custody import now_utc
from locker.vault.errors import InvalidInput

INCIDENT_TABLE = "incident"
MAX_ENTRIES = 200  # web addresses, accounts, witnesses or reports in one incident
MAX_LINKS = 10_000  # evidence items linked to one incident

INCIDENT_FIELDS: dict[str, str] = {
    "title": N_("title"),
    "start_at": N_("when it started"),
    "start_tz": N_("time zone of the start"),
    "start_offset": N_("UTC offset of the start"),
    "end_at": N_("when it ended"),
    "end_tz": N_("time zone of the end"),
    "end_offset": N_("UTC offset of the end"),
    "platform": N_("platform"),
    "urls": N_("web addresses"),
    "accounts": N_("accounts or handles"),
    "responsible": N_("who is believed responsible"),
    "relationship": N_("their relationship to you"),
    "description": N_("what happened"),
    "witnesses": N_("witnesses"),
    "reports": N_("reports made"),
}
_LISTS = ("urls", "accounts")


@dataclass
class Witness:
    name: str = ""
    contact: str = ""


@dataclass
class Report:
    to: str = ""  # police, school, employer, platform…
    date: str = ""  # "YYYY-MM-DD" or ""
    number: str = ""  # case, ticket or reference number
    officer: str = ""  # who took it
    note: str = ""


@dataclass
class Incident:
    id: str
    title: str = ""
    start_at: str = ""
    start_tz: str = ""
    start_offset: str = ""
    end_at: str = ""
    end_tz: str = ""
    end_offset: str = ""
    platform: str = ""
    urls: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    responsible: str = ""
    relationship: str = ""
    description: str = ""
    witnesses: list[Witness] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""

    def label(self) -> str:
        """The title, else the first line of what happened (80 characters at most), else
        "Incident <first 6 of the id>"; safe to show on one line."""
        if self.title.strip():
            return clean_line(self.title.strip(), 80)
        for line in self.description.splitlines():
            if line.strip():
                return clean_line(line.strip(), 80)
        return _("Incident {id}").format(id=self.id[:6])

    @classmethod
    def from_json(cls, incident_id: str, obj: Any) -> Incident:
        """Read a stored record; unknown keys are ignored, wrong types raise ValueError."""
        if not isinstance(obj, dict):
            raise ValueError("incident record is not an object")
        known = {f.name for f in fields(cls)} - {"id", "witnesses", "reports"}
        incident = cls(id=incident_id, **{k: v for k, v in obj.items() if k in known})
        incident.witnesses = [_read_part(Witness, w) for w in _read_list(obj.get("witnesses"))]
        incident.reports = [_read_part(Report, r) for r in _read_list(obj.get("reports"))]
        for f in fields(cls):
            value = getattr(incident, f.name)
            if f.name in ("urls", "accounts", "evidence"):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError("incident record has a list of the wrong type")
            elif f.name not in ("witnesses", "reports") and not isinstance(value, str):
                raise ValueError("incident record has fields of the wrong type")
        return incident

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["id"]
        return data


def _read_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("incident record has a list of the wrong type")
    return value


def _read_part(cls: type[Witness] | type[Report], obj: Any) -> Any:
    if not isinstance(obj, dict):
        raise ValueError("incident record has a witness or report that is not an object")
    names = {f.name for f in fields(cls)}
    part = cls(**{k: v for k, v in obj.items() if k in names})
    if not all(isinstance(getattr(part, n), str) for n in names):
        raise ValueError("incident record has a witness or report of the wrong type")
    return part


# --- checking what the user gave ---------------------------------------------------------------


def _field_words(name: str) -> str:
    return _(INCIDENT_FIELDS.get(name, name))


def _text(value: Any, words: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(_("The {field} must be text.").format(field=words))
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            _("The {field} is too long (more than {n} characters).").format(field=words, n=MAX_TEXT)
        )
    return value


def _entries(value: Any, words: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise InvalidInput(_("The {field} must be a list.").format(field=words))
    if len(value) > MAX_ENTRIES:
        raise InvalidInput(
            _("There are too many {field} (more than {n}).").format(field=words, n=MAX_ENTRIES)
        )
    return list(value)


def _check_part(cls: type[Witness] | type[Report], value: Any, words: str) -> Any:
    """A Witness or Report from the dataclass or a dict; None when everything in it is empty."""
    names = [f.name for f in fields(cls)]
    if isinstance(value, cls):
        values = {n: getattr(value, n) for n in names}
    elif isinstance(value, dict):
        unknown = set(value) - set(names)
        if unknown:
            raise InvalidInput(
                _("The {field} can only have: {names}.").format(field=words, names=", ".join(names))
            )
        values = dict(value)
    else:
        raise InvalidInput(
            _("Each of the {field} must be written as its parts.").format(field=words)
        )
    part = cls(**{n: _text(v, words).strip() for n, v in values.items()})
    if (
        isinstance(part, Report)
        and part.date
        and (when.wall_date(part.date) is None or "T" in part.date)
    ):
        raise InvalidInput(
            _(
                "The date of a report is not a real date. Please write it as year-month-day, "
                "for example 2026-05-03, or leave it empty."
            )
        )
    return part if any(getattr(part, n) for n in names) else None


def _check(values: dict[str, Any]) -> dict[str, Any]:
    """The values cleaned (one-line text and list entries trimmed, empty entries dropped), or
    InvalidInput naming the problem in words."""
    unknown = set(values) - set(INCIDENT_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields can't be set: {names}.").format(names=", ".join(sorted(unknown)))
        )
    out: dict[str, Any] = {}
    for name, value in values.items():
        words = _field_words(name)
        if name in _LISTS:
            out[name] = [e for e in (_text(v, words).strip() for v in _entries(value, words)) if e]
        elif name == "witnesses":
            out[name] = [
                w for w in (_check_part(Witness, v, words) for v in _entries(value, words)) if w
            ]
        elif name == "reports":
            out[name] = [
                r for r in (_check_part(Report, v, words) for v in _entries(value, words)) if r
            ]
        else:
            text = _text(value, words)
            out[name] = text if name == "description" else text.strip()
    return out


def _apply(incident: Incident, values: dict[str, Any]) -> None:
    """Set the values; start and end are checked with their zones (an offset not given is worked
    out again when the time or zone changed), and the end may not come before the start."""
    for name, value in values.items():
        if not name.startswith(("start_", "end_")):
            setattr(incident, name, value)
    for side, what in (("start", _("when it started")), ("end", _("when it ended"))):
        keys = (f"{side}_at", f"{side}_tz", f"{side}_offset")
        if not set(keys) & set(values):
            continue
        at = values.get(keys[0], getattr(incident, keys[0]))
        tz = values.get(keys[1], getattr(incident, keys[1]))
        moved = at != getattr(incident, keys[0]) or tz != getattr(incident, keys[1])
        offset = values.get(keys[2], "" if moved else getattr(incident, keys[2]))
        stored = when.check_when(at, tz, offset, what=what)
        setattr(incident, keys[0], at)
        setattr(incident, keys[1], tz)
        setattr(incident, keys[2], stored)
    _check_order(incident)


def _check_order(i: Incident) -> None:
    if not i.end_at:
        return
    if not i.start_at:
        raise InvalidInput(
            _("An end was given but no start. Please add when it started, or leave the end out.")
        )
    start_day, end_day = when.wall_date(i.start_at), when.wall_date(i.end_at)
    if "T" in i.start_at and "T" in i.end_at:
        floating = i.start_tz or i.end_tz or "UTC"
        start = when.instant(i.start_at, i.start_tz, i.start_offset, floating_zone=floating)
        end = when.instant(i.end_at, i.end_tz, i.end_offset, floating_zone=floating)
        backwards = start is not None and end is not None and end < start
    else:
        backwards = start_day is not None and end_day is not None and end_day < start_day
    if backwards:
        raise InvalidInput(_("The end comes before the start. Please check both dates and times."))


# --- storing ------------------------------------------------------------------------------------


def _new_id(vault: Vault) -> str:
    while True:
        incident_id = os.urandom(8).hex()
        if vault.get(INCIDENT_TABLE, incident_id, "meta") is None:
            return incident_id


def _store(vault: Vault, incident: Incident) -> str:
    """Write the record; returns the SHA-256 of its exact plaintext for the custody log."""
    data = vault.put_json(INCIDENT_TABLE, incident.id, "meta", incident.to_json())
    return hashlib.sha256(data).hexdigest()


def _words(names: list[str]) -> str:
    return ", ".join(_field_words(n) for n in names)


def add_incident(vault: Vault, **fields_: Any) -> Incident:
    """Record a new incident (one transaction, one ``incident-add`` entry naming the fields
    filled in). It needs a title or a description of what happened."""
    values = _check(fields_)
    if not values.get("title") and not str(values.get("description", "")).strip():
        raise InvalidInput(_("Please give the incident a short title, or write what happened."))
    with vault.transaction():
        stamp = now_utc()
        incident = Incident(id=_new_id(vault), created_at=stamp, updated_at=stamp)
        _apply(incident, values)
        blank = Incident(id=incident.id).to_json()
        filled = [k for k in INCIDENT_FIELDS if incident.to_json()[k] != blank[k]]
        vault.append_log(
            "incident-add",
            incident.id,
            _("Recorded an incident; filled in: {fields}.").format(fields=_words(filled)),
            record=_store(vault, incident),
        )
    return incident


def update_incident(vault: Vault, incident_id: str, **changes: Any) -> Incident:
    """Change an incident; one ``incident-edit`` entry names only the fields that changed.
    Read, change and write are one transaction. Links change through link/unlink_evidence."""
    values = _check(changes)
    with vault.transaction():
        incident = find_incident(vault, incident_id)
        before = incident.to_json()
        _apply(incident, values)
        after = incident.to_json()
        if not after["title"] and not after["description"].strip():
            raise InvalidInput(
                _("An incident needs a short title or a description of what happened.")
            )
        changed = [k for k in INCIDENT_FIELDS if before[k] != after[k]]
        if not changed:
            return incident
        incident.updated_at = now_utc()
        vault.append_log(
            "incident-edit",
            incident.id,
            _("Changed: {fields}.").format(fields=_words(changed)),
            record=_store(vault, incident),
        )
    return incident


def delete_incident(vault: Vault, incident_id: str) -> None:
    """Delete an incident and its links (one ``incident-delete`` entry); the evidence items it
    linked to are not touched."""
    with vault.transaction():
        incident = find_incident(vault, incident_id)
        vault.delete(INCIDENT_TABLE, incident.id)
        vault.append_log(
            "incident-delete",
            incident.id,
            _(
                "Deleted an incident and its {n} links to evidence; the evidence itself was "
                "not changed."
            ).format(n=len(incident.evidence)),
            record=None,
        )


def find_incident(vault: Vault, id_or_prefix: str) -> Incident:
    """The incident with this id, or the only one whose id starts with it (4+ characters)."""
    return find_record(
        vault,
        INCIDENT_TABLE,
        id_or_prefix,
        Incident.from_json,
        damaged=_("incident {id}"),
        missing=_("There is no incident with that id in this vault."),
        several=_("More than one incident starts with that id; give more of it."),
    )


def load_incidents(vault: Vault) -> tuple[list[tuple[Incident, bytes]], list[str]]:
    """Every readable incident with the exact plaintext of its record, and the damaged ids."""
    rows, damaged = vault.scan(INCIDENT_TABLE, "meta")
    loaded: list[tuple[Incident, bytes]] = []
    for incident_id, data in rows:
        try:
            loaded.append((Incident.from_json(incident_id, json.loads(data)), data))
        except (ValueError, TypeError, RecursionError):
            damaged.append(incident_id)
    loaded.sort(key=lambda pair: pair[0].created_at)
    return loaded, damaged


def list_incidents(vault: Vault) -> tuple[list[Incident], list[str]]:
    """Every readable incident (in the order recorded) and the ids of damaged records."""
    loaded, damaged = load_incidents(vault)
    return [incident for incident, _data in loaded], damaged


# --- links to evidence --------------------------------------------------------------------------


def link_evidence(vault: Vault, incident_id: str, item_ids: list[str]) -> Incident:
    """Link evidence items (ids or their first characters) to an incident, in the order given.

    An item already linked is left as it is; an id that names no item is refused and nothing
    is linked. One transaction, one ``link`` entry per item newly linked."""
    if not isinstance(item_ids, list | tuple) or not all(isinstance(i, str) for i in item_ids):
        raise InvalidInput(_("The evidence to link must be a list of item ids."))
    with vault.transaction():
        incident = find_incident(vault, incident_id)
        new: list[str] = []
        for item_id in item_ids:
            full = find_item(vault, item_id).id
            if full not in incident.evidence and full not in new:
                new.append(full)
        if not new:
            return incident
        if len(incident.evidence) + len(new) > MAX_LINKS:
            raise InvalidInput(_("An incident can link to at most {n} items.").format(n=MAX_LINKS))
        incident.evidence.extend(new)
        incident.updated_at = now_utc()
        record = _store(vault, incident)
        for full in new:
            vault.append_log(
                "link",
                incident.id,
                _("Linked evidence item {id} to the incident.").format(id=full),
                record=record,
            )
    return incident


def unlink_evidence(vault: Vault, incident_id: str, item_id: str) -> Incident:
    """Remove one evidence item (its id or first characters) from an incident's links; the item
    itself is not touched. One transaction, one ``unlink`` entry."""
    key = item_id.strip().lower() if isinstance(item_id, str) else ""
    with vault.transaction():
        incident = find_incident(vault, incident_id)
        if key in incident.evidence:
            full = key
        else:
            matches = [i for i in incident.evidence if len(key) >= 4 and i.startswith(key)]
            if len(matches) != 1:
                raise InvalidInput(_("That item is not linked to this incident."))
            full = matches[0]
        incident.evidence.remove(full)
        incident.updated_at = now_utc()
        vault.append_log(
            "unlink",
            incident.id,
            _("Unlinked evidence item {id} from the incident.").format(id=full),
            record=_store(vault, incident),
        )
    return incident


def incidents_for_item(vault: Vault, item_id: str) -> list[Incident]:
    """The incidents an evidence item is linked to (in the order recorded)."""
    incidents, _damaged = list_incidents(vault)
    return [i for i in incidents if item_id in i.evidence]
