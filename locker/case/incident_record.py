"""An incident as stored: the record ``incident/<id>/meta`` (FORMAT.md §9.5) and its parts (no Qt).

The dataclasses, reading a stored record (a value of the wrong type makes it *damaged*), and the
editable fields in the words the custody log uses. Checking what a person gives is
:mod:`locker.case.incident_input`; storing, finding and linking is :mod:`locker.case.incidents`,
which re-exports these names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from locker.case.fields import N_
from locker.i18n import _
from locker.text import clean_line

INCIDENT_TABLE = "incident"

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
    salt: str = ""  # random hex (records.new_salt), so the log's record hash reveals nothing

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
        # Keyed by the names of the fields themselves, not the record's copies of them: a call
        # with those keywords is matched several times faster.
        incident = cls(id=incident_id, **{n: obj[n] for n in _RECORD_FIELDS if n in obj})
        incident.witnesses = [_read_part(Witness, w) for w in _read_list(obj.get("witnesses"))]
        incident.reports = [_read_part(Report, r) for r in _read_list(obj.get("reports"))]
        for name, is_list in _CHECKED_FIELDS:
            value = getattr(incident, name)
            if is_list:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError("incident record has a list of the wrong type")
            elif not isinstance(value, str):
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
    names = _PART_FIELDS[cls]
    part = cls(**{n: obj[n] for n in names if n in obj})
    if not all(isinstance(getattr(part, n), str) for n in names):
        raise ValueError("incident record has a witness or report of the wrong type")
    return part


# Field names worked out once, not for each record: the fields read straight from a record (the
# id and the witnesses and reports are read apart), the fields checked after, in order (and
# whether each is a list of text rather than text), and the fields of a witness or a report.
_RECORD_FIELDS = tuple(
    f.name for f in fields(Incident) if f.name not in ("id", "witnesses", "reports")
)
_CHECKED_FIELDS = tuple(
    (f.name, f.name in ("urls", "accounts", "evidence"))
    for f in fields(Incident)
    if f.name not in ("witnesses", "reports")
)
_PART_FIELDS: dict[type, tuple[str, ...]] = {
    part: tuple(f.name for f in fields(part)) for part in (Witness, Report)
}
