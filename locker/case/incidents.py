"""Incidents: what happened, when, where, by whom, who saw it, who was told (no Qt).

An incident is one encrypted record ``incident/<id>/meta`` (FORMAT.md §9.5) that may link to
evidence items by id. Every change a person makes is one transaction with one custody entry
(deleting an incident also writes one for each takedown it unlinks); the log names
the fields that changed in words, never their values. Deleting an incident drops its links and
never touches the evidence.

The record itself is :mod:`locker.case.incident_record` and the checking of what a person gives
:mod:`locker.case.incident_input`; their public names are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from locker.case import records
from locker.case.evidence import find_item
from locker.case.incident_input import MAX_ENTRIES, apply_values, check_values, field_words
from locker.case.incident_record import (
    INCIDENT_FIELDS,
    INCIDENT_TABLE,
    Incident,
    Report,
    Witness,
)
from locker.i18n import _, ngettext
from locker.vault import Vault
from locker.vault.custody import now_utc
from locker.vault.errors import InvalidInput

__all__ = [
    "INCIDENT_FIELDS",
    "INCIDENT_TABLE",
    "MAX_ENTRIES",
    "MAX_LINKS",
    "Incident",
    "Report",
    "Witness",
    "add_incident",
    "delete_incident",
    "find_incident",
    "incidents_for_item",
    "link_evidence",
    "list_incidents",
    "load_incidents",
    "unlink_evidence",
    "update_incident",
]

MAX_LINKS = 10_000  # evidence items linked to one incident


def _store(vault: Vault, incident: Incident) -> str:
    """Write the record; returns the SHA-256 of its exact plaintext for the custody log. A record
    from before salts were stored gets one now."""
    incident.salt = incident.salt or records.new_salt()
    return records.store(vault, INCIDENT_TABLE, incident.id, incident.to_json())


def _words(names: list[str]) -> str:
    return ", ".join(field_words(n) for n in names)


def _item_ids(vault: Vault, item_ids: Sequence[str], already: Sequence[str] = ()) -> list[str]:
    """The full ids of the items named (ids or their first characters), in the order given,
    each once, leaving out those in ``already``; an id that names no item is InvalidInput."""
    if not isinstance(item_ids, list | tuple) or not all(isinstance(i, str) for i in item_ids):
        raise InvalidInput(_("The evidence to link must be a list of item ids."))
    new: list[str] = []
    for item_id in item_ids:
        full = find_item(vault, item_id).id
        if full not in already and full not in new:
            new.append(full)
    if len(already) + len(new) > MAX_LINKS:
        raise InvalidInput(_("An incident can link to at most {n} items.").format(n=MAX_LINKS))
    return new


def add_incident(vault: Vault, *, link: Sequence[str] = (), **fields_: Any) -> Incident:
    """Record a new incident, linked to the evidence items in ``link`` (ids or their first
    characters): one transaction and one ``incident-add`` entry, which names the fields filled
    in and the items linked. It needs a title or a description of what happened; an id that
    names no item is refused and nothing is recorded."""
    values = check_values(fields_)
    if not values.get("title") and not str(values.get("description", "")).strip():
        raise InvalidInput(_("Please give the incident a short title, or write what happened."))
    with vault.transaction():
        linked = _item_ids(vault, link)
        stamp = now_utc()
        incident = Incident(
            id=records.new_id(vault, INCIDENT_TABLE), created_at=stamp, updated_at=stamp
        )
        apply_values(incident, values)
        incident.evidence = linked
        blank = Incident(id=incident.id).to_json()
        filled = [k for k in INCIDENT_FIELDS if incident.to_json()[k] != blank[k]]
        summary = _("Recorded an incident; filled in: {fields}.").format(fields=_words(filled))
        if linked:
            summary += " " + _linked_words(linked)
        vault.append_log("incident-add", incident.id, summary, record=_store(vault, incident))
    return incident


def _linked_words(ids: list[str]) -> str:
    """The custody summary of a link: the item ids, each once."""
    return ngettext(
        "Linked evidence item {ids} to the incident.",
        "Linked {n} evidence items to the incident: {ids}.",
        len(ids),
    ).format(n=len(ids), ids=", ".join(ids))


def update_incident(vault: Vault, incident_id: str, **changes: Any) -> Incident:
    """Change an incident; one ``incident-edit`` entry names only the fields that changed.
    Read, change and write are one transaction. Links change through link/unlink_evidence."""
    values = check_values(changes)
    with vault.transaction():
        incident = find_incident(vault, incident_id)
        before = incident.to_json()
        apply_values(incident, values)
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
    linked to are not touched. Takedowns that named it are unlinked from it in the same
    transaction (one ``takedown-edit`` entry each), so none points at a missing incident."""
    from locker.case import takedowns  # here, not at the top: takedowns imports this module

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
        takedowns.unlink_incident(vault, incident.id)


def find_incident(vault: Vault, id_or_prefix: str) -> Incident:
    """The incident with this id, or the only one whose id starts with it (4+ characters)."""
    return records.find_record(
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
    loaded, damaged = records.load(vault, INCIDENT_TABLE, Incident.from_json)
    loaded.sort(key=lambda pair: pair[0].created_at)
    return loaded, damaged


def list_incidents(vault: Vault) -> tuple[list[Incident], list[str]]:
    """Every readable incident (in the order recorded) and the ids of damaged records."""
    loaded, damaged = load_incidents(vault)
    return [incident for incident, _data in loaded], damaged


# --- links to evidence --------------------------------------------------------------------------


def link_evidence(vault: Vault, incident_id: str, item_ids: Sequence[str]) -> Incident:
    """Link evidence items (ids or their first characters) to an incident, in the order given.

    An item already linked is left as it is; an id that names no item is refused and nothing
    is linked. One transaction, and one ``link`` entry naming every item newly linked (none
    when all were linked already)."""
    with vault.transaction():
        incident = find_incident(vault, incident_id)
        new = _item_ids(vault, item_ids, incident.evidence)
        if not new:
            return incident
        incident.evidence.extend(new)
        incident.updated_at = now_utc()
        vault.append_log("link", incident.id, _linked_words(new), record=_store(vault, incident))
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
            if len(matches) > 1:
                raise InvalidInput(
                    _("More than one linked item starts with that id; give more of it.")
                )
            if not matches:
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
