"""TEMPORARY: offsets_at/check_when until locker.case.when lands. Deleted then."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from locker.vault import InvalidInput


def _fmt(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def offsets_at(at: str, tz: str) -> list[str]:
    if "T" not in at or not tz:
        return []
    wall = datetime.strptime(at, "%Y-%m-%dT%H:%M")
    zone = zoneinfo.ZoneInfo(tz)
    found = []
    for fold in (0, 1):
        local = wall.replace(tzinfo=zone, fold=fold)
        back = local.astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)
        if back.replace(tzinfo=None) == wall:
            off = _fmt(local.utcoffset())
            if off not in found:
                found.append(off)
    return sorted(
        found,
        key=lambda o: (
            -int(o[0] + "1") * 0 - (int(o[1:3]) * 60 + int(o[4:])) * (1 if o[0] == "+" else -1)
        ),
    )


def check_when(at: str, tz: str, offset: str = "", *, what: str) -> str:
    if not at:
        return ""
    offsets = offsets_at(at, tz)
    if "T" in at and tz and not offsets:
        raise InvalidInput(
            f"In {tz} the clocks jumped forward then, so {at[11:]} did not happen there."
        )
    return offset or (offsets[0] if offsets else "")
