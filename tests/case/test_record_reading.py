"""Reading a stored item or incident: the quicker from_json accepts and refuses what it did before.

``EvidenceItem.from_json`` and ``Incident.from_json`` once asked ``dataclasses.fields()`` twice
per record and checked every field; they now use names worked out once and check only what the
record holds. Each is compared here with the reading it replaced, on a full record and on that
record with each field in turn left out, set to a value of each JSON type, or given an unknown
neighbour: the same object, or the same exception with the same words.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest

from locker.case.evidence import _NOT_TEXT, EvidenceItem
from locker.case.incident_record import Incident, Report, Witness, _read_list

ID = "0123456789abcdef"
ODD_VALUES: list[Any] = [None, 0, 7, -1, 1.5, True, False, "", "text", [], ["a"], [1], {}, {"a": 1}]


def old_item_from_json(item_id: Any, obj: Any) -> EvidenceItem:
    """EvidenceItem.from_json as it was."""
    if not isinstance(obj, dict):
        raise ValueError("item record is not an object")
    known = {f.name for f in fields(EvidenceItem)}
    values = {k: v for k, v in obj.items() if k in known}
    values["id"] = item_id
    item = EvidenceItem(**values)
    for f in fields(EvidenceItem):
        value = getattr(item, f.name)
        if f.name in _NOT_TEXT:
            ok = isinstance(value, _NOT_TEXT[f.name]) and not (
                f.name == "size" and isinstance(value, bool)
            )
        else:
            ok = isinstance(value, str)
        if not ok:
            raise ValueError("item record has fields of the wrong type")
    return item


def old_read_part(cls: type[Witness] | type[Report], obj: Any) -> Any:
    if not isinstance(obj, dict):
        raise ValueError("incident record has a witness or report that is not an object")
    names = {f.name for f in fields(cls)}
    part = cls(**{k: v for k, v in obj.items() if k in names})
    if not all(isinstance(getattr(part, n), str) for n in names):
        raise ValueError("incident record has a witness or report of the wrong type")
    return part


def old_incident_from_json(incident_id: Any, obj: Any) -> Incident:
    """Incident.from_json as it was."""
    if not isinstance(obj, dict):
        raise ValueError("incident record is not an object")
    known = {f.name for f in fields(Incident)} - {"id", "witnesses", "reports"}
    incident = Incident(id=incident_id, **{k: v for k, v in obj.items() if k in known})
    incident.witnesses = [old_read_part(Witness, w) for w in _read_list(obj.get("witnesses"))]
    incident.reports = [old_read_part(Report, r) for r in _read_list(obj.get("reports"))]
    for f in fields(Incident):
        value = getattr(incident, f.name)
        if f.name in ("urls", "accounts", "evidence"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("incident record has a list of the wrong type")
        elif f.name not in ("witnesses", "reports") and not isinstance(value, str):
            raise ValueError("incident record has fields of the wrong type")
    return incident


ITEM: dict[str, Any] = {
    "title": "Screenshot",
    "original_name": "Screenshot.png",
    "size": 208,
    "sha256": "c4" * 32,
    "media_type": "image/png",
    "added_at": "2026-11-21T12:19:50Z",
    "blob": "56cb9b3dfd8f8cc1587a08e95cdf617b",
    "provenance": "imported",
    "description": "what it shows",
    "note": "a note",
    "url": "https://social.example/p/1",
    "platform": "Reddit",
    "account": "@someone",
    "intimate": True,
    "original_name_b64": "",
    "source_modified": "2026-05-09T10:00:00Z",
    "happened_at": "2025-02-14T02:00",
    "happened_tz": "Asia/Kolkata",
    "facts": {"width": 10, "height": 20},
    "has_thumbnail": False,
    "original_removed": "",
}

INCIDENT: dict[str, Any] = {
    "title": "Messages again",
    "start_at": "2026-11-01T01:30",
    "start_tz": "America/New_York",
    "start_offset": "-05:00",
    "end_at": "2026-11-01T03:00",
    "end_tz": "America/New_York",
    "end_offset": "",
    "platform": "Instagram",
    "urls": ["https://social.example/u/1"],
    "accounts": ["@someone", "@else"],
    "responsible": "Someone from school",
    "relationship": "former classmate",
    "description": "They posted it again.",
    "witnesses": [{"name": "A friend", "contact": "phone"}],
    "reports": [{"to": "school", "date": "2026-01-10", "number": "R-12"}],
    "evidence": ["00112233445566aa"],
    "created_at": "2026-11-02T10:00:00Z",
    "updated_at": "2026-11-02T10:00:00Z",
    "salt": "ab" * 16,
}


def variants(record: dict[str, Any]) -> list[Any]:
    """The record, and the record changed in one place in every way listed in the docstring."""
    out: list[Any] = [record, {}, [], None, "text", {**record, "id": "another"}]
    out.append({**record, "unknown": None, "": 1})
    for name in [*record, "id"]:
        out.append({k: v for k, v in record.items() if k != name})
        out += [{**record, name: value} for value in ODD_VALUES]
    for part in ("witnesses", "reports"):
        if part in record:
            first = record[part][0]
            out += [{**record, part: [value]} for value in ODD_VALUES]
            out += [{**record, part: [{**first, k: None}]} for k in first]
            out.append({**record, part: [{**first, "unknown": 1}]})
    return out


def outcome(read: Any, record_id: Any, obj: Any) -> tuple[str, Any]:
    try:
        return "read", read(record_id, obj)
    except (ValueError, TypeError) as exc:
        words = str(exc) if isinstance(exc, ValueError) else ""  # TypeError names the method
        return type(exc).__name__, words


@pytest.mark.parametrize("record_id", [ID, None, 5])
def test_items_are_read_and_refused_as_before(record_id: Any) -> None:
    cases = variants(ITEM)
    for obj in cases:
        assert outcome(EvidenceItem.from_json, record_id, obj) == outcome(
            old_item_from_json, record_id, obj
        ), obj
    if record_id == ID:
        assert sum(outcome(EvidenceItem.from_json, ID, o)[0] == "read" for o in cases) > 20


@pytest.mark.parametrize("record_id", [ID, None, 5])
def test_incidents_are_read_and_refused_as_before(record_id: Any) -> None:
    cases = variants(INCIDENT)
    for obj in cases:
        assert outcome(Incident.from_json, record_id, obj) == outcome(
            old_incident_from_json, record_id, obj
        ), obj
    if record_id == ID:
        assert sum(outcome(Incident.from_json, ID, o)[0] == "read" for o in cases) > 20
