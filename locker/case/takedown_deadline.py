"""When a takedown needs attention: its follow-up date and the TAKE IT DOWN Act's 48-hour
removal deadline for a report to a US platform (no Qt, no vault).

These functions never read the clock: callers pass ``now``/``today``.

The program cannot tell whether a request met the law's requirements (in writing, signed,
enough to find the content, a good-faith statement, contact details) or whether the platform
is one the law covers, so what it says about the deadline is conditional (:func:`passed_advice`).
A DMCA notice and a search-engine removal request have no such deadline: the first is a
copyright notice, the second does not go to the platform hosting the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from locker.case import when
from locker.case.fields import MAX_YEAR, time_zones
from locker.i18n import _

if TYPE_CHECKING:
    from locker.case.takedowns import Takedown

TAKE_IT_DOWN_FROM = date(2026, 5, 19)  # platforms bound from this day
DEADLINE_HOURS = 48


def follow_up_state(t: Takedown, today: date) -> str:
    """``"none"`` (no follow-up date, or it has passed and the page is removed), ``"later"``,
    ``"today"`` or ``"overdue"`` (the date is before ``today`` and it is not removed)."""
    day = when.date_only(t.follow_up)
    if day is None:
        return "none"
    if day > today:
        return "later"
    if day == today:
        return "today"
    return "none" if t.status == "removed" else "overdue"


@dataclass(frozen=True)
class Deadline:
    due: datetime | None  # aware UTC, when the report's time of day and zone/offset are known
    due_date: date  # the calendar day it falls on, in the report's zone

    def passed(self, now: datetime, today: date | None = None) -> bool:
        """True once the deadline is behind. With a time (``due``): once ``now`` (aware) is
        after it. A date-only deadline lasts to the end of ``due_date`` on the person's own
        calendar: it has passed once ``today`` (their local date, which the caller reads with
        ``now``) is after ``due_date``; without ``today``, the date ``now`` falls on in this
        computer's time zone. (Not UTC's date: that would say "passed" up to a day early west
        of UTC.)"""
        if self.due is not None:
            return now > self.due
        day = today if today is not None else now.astimezone().date()
        return day > self.due_date


def deadline_note(t: Takedown) -> str:
    """Why there is no 48-hour removal deadline, in plain words (a phrase with no final full
    stop, to follow "No 48-hour deadline: "); ``""`` when there is one."""
    reported = when.wall_date(t.reported_at)
    if t.method == "stopncii":
        return _("StopNCII is not a platform report")
    if t.method == "dmca":
        return _("a DMCA notice is a copyright notice, not a request under the TAKE IT DOWN Act")
    if t.method == "search-engine":
        return _(
            "a search engine is not the platform hosting it, so a request to it is not one "
            "under the TAKE IT DOWN Act"
        )
    if not t.us_platform:
        return _("not a US platform")
    if reported is None:
        return _("date of the report not known")
    if reported < TAKE_IT_DOWN_FROM:
        return _("reported before 19 May 2026, when the law's 48-hour rule began")
    if reported.year > MAX_YEAR:  # an older record with a mistyped year
        return _("the year of the report needs checking")
    return ""


def passed_advice(due: str) -> str:
    """What to say, and what the person can do, once 48 hours have passed (``due``: when it was
    due, as the caller shows it). Conditional: the program cannot judge the request."""
    return _(
        "If your request met the law's requirements, the platform should have removed it by "
        "{due}; you can follow up with the platform, and report a platform that does not act "
        "to the US Federal Trade Commission."
    ).format(due=due)


def removal_deadline(t: Takedown) -> Deadline | None:
    """The TAKE IT DOWN Act's 48-hour removal deadline, or None (see :func:`deadline_note`).

    With a time of day and a zone or offset: 48 real hours after the report (across a clock
    change too), on the day it falls in the report's zone. Otherwise (a date only, or a time
    with no zone): two days after the date. The law counts from a *valid* request; the program
    cannot judge that."""
    if deadline_note(t):
        return None
    reported = when.wall_date(t.reported_at)
    assert reported is not None  # deadline_note said the date is known
    zone = ZoneInfo(t.reported_tz) if t.reported_tz in time_zones() else None
    start = when.instant(t.reported_at, t.reported_tz, t.reported_offset)
    if "T" not in t.reported_at or start is None or not (zone or t.reported_offset):
        return Deadline(None, reported + timedelta(days=2))
    due = start + timedelta(hours=DEADLINE_HOURS)
    if zone is None:  # a fixed offset: the wall time moves on exactly as UTC does
        wall = datetime.strptime(t.reported_at, "%Y-%m-%dT%H:%M")
        return Deadline(due, (wall + timedelta(hours=DEADLINE_HOURS)).date())
    return Deadline(due, due.astimezone(zone).date())


def _first_removed(t: Takedown) -> datetime | None:
    """When the takedown was first marked removed, by a change after it was recorded (a record
    entered as already removed does not say when the removal happened, even if it was marked
    removed again later); None if not known."""
    if not t.history or t.history[0].status == "removed":
        return None
    for change in t.history[1:]:
        if change.status == "removed":
            try:
                return datetime.strptime(change.at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            except ValueError:
                return None
    return None


def deadline_state(t: Takedown, now: datetime, today: date | None = None) -> str:
    """Where the 48-hour removal deadline stands at ``now`` (aware); ``today`` is the person's
    local date at that moment, for a date-only deadline (see :meth:`Deadline.passed`). One of:

    - ``"none"``: there is no deadline (:func:`deadline_note` says why), or the status is
      refused or reappeared;
    - ``"running"``: still reported, and the deadline is ahead;
    - ``"passed"``: still reported, and the deadline is behind (say it with
      :func:`passed_advice`: the platform *should* have removed it if the request was valid);
    - ``"met"``: removed, and first marked removed here by the deadline;
    - ``"removed-late"``: removed, but first marked removed after the deadline. The history
      holds when the removal was *recorded* here, which may be later than the platform acted,
      so a screen should say "marked removed after the deadline", not accuse the platform.
      For a date-only deadline, the day it was marked removed is that moment's date in this
      computer's time zone;
    - ``"removed"``: removed, but when is not recorded: the takedown was entered as already
      removed (no change from reported to removed in its history), so nothing can be said
      about the deadline.
    """
    deadline = removal_deadline(t)
    if deadline is None:
        return "none"
    if t.status == "reported":
        return "passed" if deadline.passed(now, today) else "running"
    if t.status != "removed":
        return "none"
    removed = _first_removed(t)
    if removed is None:
        return "removed"
    return "removed-late" if deadline.passed(removed) else "met"
