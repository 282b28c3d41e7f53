"""The words for where a takedown report stands, shared by the table, the form and the page.

A follow-up that is overdue or due today, the US 48-hour removal deadline (running, passed,
met), the summary line over the table. What needs attention reads without colour: the words
say it, with a ⚠ marker in front. The clock (today, now) is always passed in by the page;
nothing here reads it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from locker.case import takedowns, when
from locker.case.takedowns import Takedown
from locker.gui.when_edit import offset_words
from locker.text import clean_line

MARKER = "\u26a0"  # ⚠, in front of the words, so the warning reads in grayscale and in a reader


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("takedowns", text, "", n)


def short_day(day: date) -> str:
    """ "Tue 3 Jun" in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def _zone_of(t: Takedown) -> ZoneInfo | None:
    try:
        return ZoneInfo(t.reported_tz) if t.reported_tz else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def deadline_state(t: Takedown, today: date, now: datetime) -> str:
    """The core's state of the 48-hour deadline at the page's clock: ``now`` for a deadline
    with a time, ``today`` (the local date) for a date-only one."""
    return takedowns.deadline_state(t, now, today)


def due_text(t: Takedown, deadline: takedowns.Deadline, *, zone_named: bool = True) -> str:
    """When the platform must have removed it: "Tue 3 Jun 14:00" on the clock the report was
    made by (its zone, or its offset when it has no zone; as the Reported column shows it;
    with ``zone_named``, the zone or offset is named after it), or "the end of Tue 3 Jun" when
    the report's time is not known."""
    if deadline.due is None:
        return _tr("the end of {day}").format(day=short_day(deadline.due_date))
    zone = _zone_of(t)
    wall, _offset = when.wall_time(deadline.due, t.reported_tz if zone else "", t.reported_offset)
    shown = QDateTime(
        QDate.fromString(wall[:10], "yyyy-MM-dd"), QTime.fromString(wall[11:16], "HH:mm")
    )
    text = QLocale().toString(shown, "ddd d MMM HH:mm")
    if zone_named and zone is not None:
        text += f" ({clean_line(t.reported_tz, 40)})"
    elif zone_named and t.reported_offset:
        text += f" ({offset_words(clean_line(t.reported_offset, 8))})"
    return text


def deadline_cell(t: Takedown, state: str) -> tuple[str, str]:
    """(what the deadline column says, short; its attention word "passed" or "")."""
    deadline = takedowns.removal_deadline(t)
    if deadline is None:
        return "", ""
    if state == "passed":
        return f"{MARKER} " + _tr("48 hours passed"), "passed"
    if state == "running":
        if deadline.due is None:
            return _tr("due by end of {day}").format(day=short_day(deadline.due_date)), ""
        return _tr("due by {when}").format(when=due_text(t, deadline, zone_named=False)), ""
    if state == "met":
        return _tr("removed in time"), ""
    if state == "removed-late":
        # The history holds when the removal was recorded here, not when the platform acted.
        return _tr("marked removed late"), ""
    if state == "removed":
        return _tr("removed (when not recorded)"), ""
    return "", ""


def deadline_tip(t: Takedown, state: str) -> str:
    """The whole story of the deadline, for the cell's tooltip (with the zone)."""
    deadline = takedowns.removal_deadline(t)
    if deadline is None:
        return ""
    due = due_text(t, deadline)
    if state == "passed":
        return _tr("48 hours passed.") + " " + takedowns.passed_advice(due)
    if state == "removed-late":
        return _tr(
            "It was due by {due}. It was marked removed here after that; the platform may "
            "have acted earlier."
        ).format(due=due)
    if state == "removed":
        return _tr(
            "It was entered as already removed, so when it was removed is not recorded and "
            "the deadline cannot be checked. It was due by {due}."
        ).format(due=due)
    return _tr("48 hours after your report: {due}.").format(due=due)


def deadline_sentence(t: Takedown, state: str) -> tuple[str, bool]:
    """(what the form says about the deadline, in a sentence; whether it warns)."""
    deadline = takedowns.removal_deadline(t)
    if deadline is None:
        why = takedowns.deadline_note(t)
        return _tr("No 48-hour deadline: {why}.").format(why=why), False
    due = due_text(t, deadline)
    if state == "passed":
        return f"{MARKER} " + _tr("48 hours passed.") + " " + takedowns.passed_advice(due), True
    if state == "met":
        return _tr("Removed in time (it was due by {due}).").format(due=due), False
    if state == "removed-late":
        return _tr("Marked removed after the 48 hours (it was due by {due}).").format(
            due=due
        ), False
    if state == "removed":
        return _tr(
            "Removed; when is not recorded, so the deadline cannot be checked (it was due by "
            "{due})."
        ).format(due=due), False
    if state == "running":
        return _tr("The platform must remove it by {due}.").format(due=due), False
    return _tr("It was due by {due}.").format(due=due), False


def follow_up_text(t: Takedown, state: str) -> str:
    day = clean_line(t.follow_up, 20)
    if state == "overdue":
        return f"{MARKER} " + _tr("{day} · overdue").format(day=day)
    if state == "today":
        return _tr("{day} · due today").format(day=day)
    return day


def follow_up_advice() -> str:
    """What to do about a follow-up that is overdue."""
    return _tr("check the page, then update its status or set a new follow-up date")


def follow_up_tip(t: Takedown, state: str) -> str:
    """The follow-up cell's tooltip: for one overdue, what to do next."""
    day = clean_line(t.follow_up, 20)
    if state == "overdue":
        return _tr("{day}: overdue — {advice}.").format(day=day, advice=follow_up_advice())
    return follow_up_text(t, state)


def summary_tip(overdue: int) -> str:
    """The summary line's tooltip: what to do when follow-ups are overdue ("" when none)."""
    if not overdue:
        return ""
    return _tr("For each follow-up that is overdue: {advice}.").format(advice=follow_up_advice())


def reported_text(t: Takedown) -> str:
    return clean_line(t.reported_at.replace("T", " "), 40)


def summary_text(total: int, overdue: int, today: int, passed: int) -> str:
    """ "5 reports · 2 follow-ups overdue · 1 deadline passed"; "No reports yet." for none."""
    if not total:
        return _tr("No reports yet.")
    # English has one plural rule; a translation brings its own through %n.
    parts = [
        one if n == 1 else many
        for n, one, many in (
            (total, _tr("1 report"), _tr("%n reports", total)),
            (overdue, _tr("1 follow-up overdue"), _tr("%n follow-ups overdue", overdue)),
            (today, _tr("1 follow-up due today"), _tr("%n follow-ups due today", today)),
            (passed, _tr("1 deadline passed"), _tr("%n deadlines passed", passed)),
        )
        if n
    ]
    return " · ".join(parts)
