"""Checking what a person gives for an incident, before anything is written (no Qt).

Text and lists are cleaned (one-line text and list entries trimmed, empty entries dropped);
witnesses and reports may be given as their dataclasses or as dicts; start and end are checked
with their zones across DST (:func:`locker.case.when.check_when`) and the end may not come before
the start. Every problem is an InvalidInput naming the field in words, never its value.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from locker.case import when
from locker.case.fields import check_text, check_year
from locker.case.incident_record import INCIDENT_FIELDS, Incident, Report, Witness
from locker.i18n import _
from locker.vault.errors import InvalidInput

MAX_ENTRIES = 200  # web addresses, accounts, witnesses or reports in one incident
_LISTS = ("urls", "accounts")


def field_words(name: str) -> str:
    """A field's name in the words the messages and the custody log use ("when it started")."""
    return _(INCIDENT_FIELDS.get(name, name))


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
    part = cls(**{n: check_text(v, words).strip() for n, v in values.items()})
    if isinstance(part, Report) and part.date:
        day = when.date_only(part.date)
        if day is None:
            raise InvalidInput(
                _(
                    "The date of a report is not a real date. Please write it as year-month-day, "
                    "for example 2026-05-03, or leave it empty."
                )
            )
        check_year(day, _("the date of a report"))
    return part if any(getattr(part, n) for n in names) else None


def check_values(values: dict[str, Any]) -> dict[str, Any]:
    """The values cleaned (one-line text and list entries trimmed, empty entries dropped), or
    InvalidInput naming the problem in words."""
    unknown = set(values) - set(INCIDENT_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields can't be set: {names}.").format(names=", ".join(sorted(unknown)))
        )
    out: dict[str, Any] = {}
    for name, value in values.items():
        words = field_words(name)
        if name in _LISTS:
            out[name] = [
                e for e in (check_text(v, words).strip() for v in _entries(value, words)) if e
            ]
        elif name == "witnesses":
            out[name] = [
                w for w in (_check_part(Witness, v, words) for v in _entries(value, words)) if w
            ]
        elif name == "reports":
            out[name] = [
                r for r in (_check_part(Report, v, words) for v in _entries(value, words)) if r
            ]
        else:
            text = check_text(value, words)
            out[name] = text if name == "description" else text.strip()
    return out


def apply_values(incident: Incident, values: dict[str, Any]) -> None:
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
