"""Moments with a time zone, across daylight-saving changes (no Qt).

A moment is stored as the wall time the person saw (``"YYYY-MM-DD"`` or ``"YYYY-MM-DDTHH:MM"``),
the IANA zone it was seen in (``"America/New_York"``, or ``""`` when not known) and the UTC offset
in force then (``"+HH:MM"``/``"-HH:MM"``, or ``""``). The offset is what tells apart the two 01:30s
of a night when the clocks go back; a time inside the hour skipped when they go forward never
happened there and is refused with a plain sentence. ``zoneinfo`` (with ``fold``) says which
offsets a wall time had.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime, timedelta, timezone

from locker.case.fields import check_year, time_zones
from locker.i18n import _
from locker.text import clean_line
from locker.vault.errors import InvalidInput

# A wall time as stored: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", ASCII digits, each part in its range
# (month 01-12, day 01-31, hour 00-23, minute 00-59). What it lets through,
# datetime.fromisoformat reads exactly as strptime("%Y-%m-%d[T%H:%M]") did, or refuses alike (a
# 30 February, year 0000), at a tenth of the cost; anything it stops, strptime refused too.
_AT_RE = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d)?", re.ASCII
)
_OFFSET_RE = re.compile(r"([+-])(\d{2}):(\d{2})", re.ASCII)
MAX_OFFSET = timedelta(hours=14)  # the widest offset any zone uses (Pacific/Kiritimati)
_MINUS = "\u2212"  # shown as "UTC−05:00" (a real minus sign), stored as "-05:00"


def _parse_at(at: str) -> datetime | None:
    """The naive wall time (00:00 for a date only), or None if ``at`` is not a real date."""
    if not isinstance(at, str) or _AT_RE.fullmatch(at) is None:
        return None
    try:
        return datetime.fromisoformat(at)
    except ValueError:  # a day the month does not have, year 0000
        return None


def _zone(tz: str) -> zoneinfo.ZoneInfo | None:
    if not isinstance(tz, str) or not tz or tz not in time_zones():
        return None
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _format_offset(delta: timedelta) -> str:
    """``timedelta(hours=-5)`` as ``"-05:00"`` (seconds, as old local mean times have, dropped)."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, mins = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _parse_offset(offset: str) -> timedelta | None:
    """``"-05:00"`` as a timedelta; None unless it is a well-formed offset within ±14:00."""
    match = _OFFSET_RE.fullmatch(offset) if isinstance(offset, str) else None
    if match is None:
        return None
    hours, minutes = int(match.group(2)), int(match.group(3))
    if minutes >= 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    if delta > MAX_OFFSET:
        return None
    return -delta if match.group(1) == "-" else delta


def _existing(naive: datetime, zone: zoneinfo.ZoneInfo) -> list[datetime]:
    """The aware datetimes (earlier first) that show ``naive`` on a clock in ``zone``."""
    found: list[datetime] = []
    for fold in (0, 1):
        aware = naive.replace(tzinfo=zone, fold=fold)
        try:
            back = aware.astimezone(UTC).astimezone(zone)
        except OverflowError:  # the first or last days datetime can hold
            continue
        if back.replace(tzinfo=None) != naive:  # in a gap: the clock never showed it
            continue
        if not any(aware.utcoffset() == f.utcoffset() for f in found):
            found.append(aware)
    found.sort(key=lambda a: a.astimezone(UTC))
    return found


def offsets_at(at: str, tz: str) -> list[str]:
    """The UTC offsets a wall time had in a zone: one normally, two when the clocks went back
    (the earlier moment first), none in the hour skipped when they went forward. ``[]`` for a
    date only, no zone, or a value that cannot be read."""
    if not isinstance(at, str) or "T" not in at:
        return []
    naive, zone = _parse_at(at), _zone(tz)
    if naive is None or zone is None:
        return []
    offsets: list[str] = []
    for aware in _existing(naive, zone):
        delta = aware.utcoffset()
        if delta is not None:
            offsets.append(_format_offset(delta))
    return offsets


def _date_problem(what: str) -> InvalidInput:
    return InvalidInput(
        _(
            "The date of {what} is not a real date. Please write it as year-month-day, for "
            "example 2026-05-03, with a time if you know it (2026-05-03T21:30)."
        ).format(what=what)
    )


def _gap_problem(naive: datetime, tz: str, zone: zoneinfo.ZoneInfo, what: str = "") -> InvalidInput:
    try:
        after = naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)
    except OverflowError:  # the first or last hours datetime can hold: not a time to suggest
        return _date_problem(what or _("that moment"))
    if after.date() == naive.date():
        perhaps = after.strftime("%H:%M")
    else:
        perhaps = after.strftime("%Y-%m-%d %H:%M")
    return InvalidInput(
        _(
            "In {zone} the clocks jumped forward on {date}, so {time} did not happen there. "
            "Please check the time (perhaps {perhaps}), or leave the time out."
        ).format(
            zone=tz, date=naive.strftime("%Y-%m-%d"), time=naive.strftime("%H:%M"), perhaps=perhaps
        )
    )


def check_when(at: str, tz: str, offset: str = "", *, what: str) -> str:
    """Raise InvalidInput with a clear message unless the moment can be stored; return the offset
    to store with it.

    ``what`` names the field in words ("when it started"). The date must be real, the zone known,
    and a time must have existed in that zone; an offset given must be one that time had there
    (or, with no zone, any offset from −14:00 to +14:00); the year must be from 1900 to 2100
    ("Please check the year: …"). Returns the offset given, or for a time
    with a zone the first (earlier) of its offsets, or ``""`` (empty, date only, or no zone)."""
    if not all(isinstance(v, str) for v in (at, tz, offset)):
        raise InvalidInput(
            _("The date, time zone and offset of {what} must be text.").format(what=what)
        )
    if tz and tz not in time_zones():
        raise InvalidInput(
            _(
                "The time zone of {what} is not known. Please choose one from the list, for "
                "example America/Chicago or Europe/Berlin, or leave it empty if you are not sure."
            ).format(what=what)
        )
    delta = _parse_offset(offset) if offset else None
    if offset and delta is None:
        raise InvalidInput(
            _(
                "The offset from UTC of {what} is not one the world uses. Please write it like "
                "+05:30 or -04:00 (between -14:00 and +14:00), or leave it out."
            ).format(what=what)
        )
    if not at:
        if offset:
            raise InvalidInput(
                _(
                    "An offset from UTC was given for {what}, but no date. Please add the date."
                ).format(what=what)
            )
        return ""
    naive = _parse_at(at)
    if naive is None:
        raise _date_problem(what)
    check_year(naive.date(), what)  # also keeps clear of the ends of the calendar
    if "T" not in at:
        if offset:
            raise InvalidInput(
                _(
                    "An offset from UTC only means something with a time of day. Please add the "
                    "time of {what}, or leave the offset out."
                ).format(what=what)
            )
        return ""
    zone = _zone(tz)
    if zone is None:
        return offset
    offsets = offsets_at(at, tz)
    if not offsets:
        raise _gap_problem(naive, tz, zone, what)
    if not offset:
        return offsets[0]
    if offset not in offsets:
        raise InvalidInput(
            _(
                "In {zone}, {date} {time} was at UTC{offsets}, not UTC{offset}. Please check the "
                "time zone, or leave the offset out."
            ).format(
                zone=tz,
                date=naive.strftime("%Y-%m-%d"),
                time=naive.strftime("%H:%M"),
                offsets=_(" or UTC").join(_shown_offset(o) for o in offsets),
                offset=_shown_offset(offset),
            )
        )
    return offset


def _shown_offset(offset: str) -> str:
    return offset.replace("-", _MINUS)


def instant(at: str, tz: str, offset: str = "", *, floating_zone: str = "UTC") -> datetime | None:
    """The moment as an aware UTC datetime, for putting things in order; None for ``""`` or a
    value that cannot be read.

    A date only counts as 00:00 that day; with no zone and no offset, the wall time is read in
    ``floating_zone``. An offset, when there is one, decides between the two 01:30s of a night
    the clocks went back."""
    naive = _parse_at(at)
    if naive is None:
        return None
    zone = _zone(tz)
    delta = _parse_offset(offset) if offset else None
    try:
        if delta is not None and ("T" in at or zone is None):
            return naive.replace(tzinfo=timezone(delta)).astimezone(UTC)
        if zone is None:
            zone = _zone(floating_zone)
        if zone is None:
            return naive.replace(tzinfo=UTC)
        return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    except OverflowError:  # year 1 east of UTC, year 9999 west of it: keep the wall time
        return naive.replace(tzinfo=UTC)


def wall_time(moment: datetime, tz: str, offset: str = "") -> tuple[str, str]:
    """An aware moment as the wall time (``"YYYY-MM-DDTHH:MM"``) and offset a clock showed in
    ``tz``; with no known zone, at ``offset``; with neither, in UTC. The way back from
    :func:`instant` (for showing a deadline on the clock a report was written by)."""
    zone = _zone(tz)
    delta = _parse_offset(offset) if zone is None and offset else None
    try:
        local = moment.astimezone(zone or (timezone(delta) if delta is not None else UTC))
    except OverflowError:  # at the ends of the calendar: the moment on its own clock
        local = moment
    wall = local.replace(tzinfo=None).isoformat(timespec="minutes")  # 4-digit years, unlike %Y
    return wall, _format_offset(local.utcoffset() or timedelta())


def describe_when(at: str, tz: str, offset: str = "") -> str:
    """The moment in words for a person: ``"2026-11-01 01:30 (America/New_York, UTC−05:00)"``,
    ``"2026-05-03 (zone not known)"``; ``""`` for ``""``."""
    if not isinstance(at, str) or not at:
        return ""
    naive = _parse_at(at)
    if naive is None:
        return clean_line(at, 40)
    zone_name = clean_line(tz, 60) if isinstance(tz, str) and tz else ""
    if "T" not in at:
        shown = naive.date().isoformat()
        if zone_name:
            return f"{shown} ({zone_name})"
        return _("{date} (zone not known)").format(date=shown)
    shown = naive.isoformat(sep=" ", timespec="minutes")
    if isinstance(offset, str) and _parse_offset(offset) is not None:
        shown_offset = offset
    else:
        known = offsets_at(at, tz)
        shown_offset = known[0] if known else ""
    parts = [
        p for p in (zone_name, "UTC" + _shown_offset(shown_offset) if shown_offset else "") if p
    ]
    if not parts:
        return _("{date} (zone not known)").format(date=shown)
    return f"{shown} ({', '.join(parts)})"


def wall_date(at: str) -> date | None:
    """The calendar date as written (whatever the zone), or None if it is not a real date."""
    naive = _parse_at(at)
    return naive.date() if naive is not None else None


def date_only(text: object) -> date | None:
    """A real date written as ``"YYYY-MM-DD"`` with no time (a follow-up, a report's date, a
    journal day), or None."""
    return wall_date(text) if isinstance(text, str) and "T" not in text else None
