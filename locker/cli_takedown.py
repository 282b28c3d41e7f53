"""``locker takedown add|list|update``: the takedown tracker on the command line.

Same rules as cli_case (which registers these commands): input checked before the vault is
opened, vault text printed through ``_out``, ASCII-only JSON.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from locker.case import takedowns, when
from locker.cli import (
    EXIT_OK,
    NONE,
    Secrets,
    _dump,
    _err,
    _out,
    _report_damaged,
    public_json,
)
from locker.cli_args import (
    Subcommands,
    add_command,
    parse_day,
    parse_when,
    parse_zone,
    split_when,
    trimmed,
)
from locker.i18n import _
from locker.vault import InvalidInput

_REPORTED = ("reported_at", "reported_tz", "reported_offset")


def _overdue_hint() -> str:
    """What to do about an overdue follow-up (under the list, and in its help)."""
    return _(
        "Where a follow-up is overdue: check the page, then update its status or set a new "
        "follow-up date (locker takedown update VAULT ID --status ... or --follow-up DATE)."
    )


def _now() -> datetime:
    """The clock (aware UTC); tests replace it. "Today" is this moment's local calendar day."""
    return datetime.now(UTC)


def _words(field: str, value: Any) -> str:
    """A field's value as the list and the change lines show it."""
    if field == "status":
        return takedowns.status_label(value)
    if field == "method":
        return takedowns.method_label(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value) if value else _("(none)")


def _on_report_clock(t: takedowns.Takedown, moment: datetime) -> str:
    """An instant on the clock the report was written in (its zone, else its offset)."""
    at, offset = when.wall_time(moment, t.reported_tz, t.reported_offset)
    return when.describe_when(at, t.reported_tz, offset)


def _deadline_words(t: takedowns.Takedown, today: date, now: datetime) -> str:
    deadline, state = takedowns.removal_deadline(t), takedowns.deadline_state(t, now, today)
    if deadline is None:
        note = takedowns.deadline_note(t) if t.us_platform else ""
        return _("no 48-hour deadline: {why}").format(why=note) if note else ""
    due = _on_report_clock(t, deadline.due) if deadline.due else deadline.due_date.isoformat()
    if state == "running":
        return _("removal due by {due} (48 hours)").format(due=due)
    if state == "passed":
        return _("48 hours passed on {due}").format(due=due)
    if state == "removed-late":
        return _("marked removed after the 48 hours ({due})").format(due=due)
    if state == "removed":
        return _("removed (when not recorded)")
    return ""


def _follow_up_words(t: takedowns.Takedown, today: date) -> str:
    state = takedowns.follow_up_state(t, today)
    if state == "overdue":
        return _("follow up {day}: overdue").format(day=t.follow_up)
    if state == "today":
        return _("follow up {day}: due today").format(day=t.follow_up)
    if state == "later":
        return _("follow up {day}").format(day=t.follow_up)
    return ""


def _line(t: takedowns.Takedown, today: date, now: datetime) -> str:
    reported = (
        _("reported {day}").format(day=t.reported_at[:10])
        if t.reported_at
        else _("reported (date not known)")
    )
    parts = [t.id, takedowns.status_label(t.status), reported, t.platform or NONE]
    parts += [w for w in (_follow_up_words(t, today), _deadline_words(t, today, now)) if w]
    return "  ".join([*parts, t.url])


def _as_json(t: takedowns.Takedown, today: date, now: datetime) -> dict[str, Any]:
    deadline = takedowns.removal_deadline(t)
    due = deadline.due if deadline is not None else None
    record = public_json(t)
    record["follow_up_state"] = takedowns.follow_up_state(t, today)
    record["deadline_due"] = due.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if due else None
    record["deadline_date"] = deadline.due_date.isoformat() if deadline is not None else None
    record["deadline_state"] = takedowns.deadline_state(t, now, today)
    return record


def cmd_takedown_add(args: argparse.Namespace, secrets: Secrets) -> int:
    at, tz, offset = parse_when(
        args.reported, parse_zone(args.tz), option="--reported", what=_("when it was reported")
    )
    fields = {
        "platform": trimmed(args.platform),
        "reported_at": at,
        "reported_tz": tz,
        "reported_offset": offset,
        "method": args.how,
        "ticket": trimmed(args.ticket),
        "status": args.status,
        "follow_up": parse_day(args.follow_up, option="--follow-up"),
        "us_platform": bool(args.us_platform),
        "incident": trimmed(args.incident),  # an id or its first characters
        "note": trimmed(args.note),
    }
    with secrets.unlock(args.vault) as vault:
        t = takedowns.add_takedown(vault, trimmed(args.url), **fields)
    print(t.id, flush=True)
    return EXIT_OK


def cmd_takedown_list(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        found, damaged = takedowns.list_takedowns(vault)
    now = _now()
    today = now.astimezone().date()
    if args.json:
        _dump([_as_json(t, today, now) for t in found])
    else:
        for t in found:
            _out(_line(t, today, now))
        if any(takedowns.follow_up_state(t, today) == "overdue" for t in found):
            _err(_overdue_hint())
        if any(takedowns.deadline_state(t, now, today) == "passed" for t in found):
            _err(
                _("48 hours have passed since a request listed above. {advice}").format(
                    advice=takedowns.passed_advice(_("the date shown"))
                )
            )
    return _report_damaged(
        damaged, _("Takedown {id} is damaged and could not be read; the others are listed.")
    )


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """The options given to `takedown update`, checked before the vault is opened."""
    changes: dict[str, Any] = {}
    for option in ("platform", "url", "ticket", "incident"):
        if getattr(args, option) is not None:
            changes[option] = trimmed(getattr(args, option))
    if args.note is not None:
        changes["note"] = trimmed(args.note)
    if args.follow_up is not None:
        changes["follow_up"] = parse_day(args.follow_up, option="--follow-up")
    for option, field in (("status", "status"), ("how", "method"), ("us_platform", "us_platform")):
        if getattr(args, option) is not None:
            changes[field] = getattr(args, option)
    if args.reported is not None:  # the zone and the offset are checked with it, in the core
        changes["reported_at"], changes["reported_offset"] = split_when(
            args.reported, option="--reported"
        )
    if args.tz is not None:
        changes["reported_tz"] = parse_zone(args.tz)
    return changes


def cmd_takedown_update(args: argparse.Namespace, secrets: Secrets) -> int:
    changes = _changes(args)
    history_note = trimmed(args.history_note)
    if history_note and args.status is None:
        raise InvalidInput(
            _("--history-note is kept with a change of status; please give --status with it.")
        )
    if not changes:
        raise InvalidInput(_("Nothing to change: give at least one option, such as --status."))
    with secrets.unlock(args.vault) as vault:
        before = takedowns.find_takedown(vault, trimmed(args.id))
        after = takedowns.update_takedown(vault, before.id, history_note, **changes)
    lines = []
    if [getattr(before, f) for f in _REPORTED] != [getattr(after, f) for f in _REPORTED]:
        was, now = (
            when.describe_when(*(getattr(t, f) for f in _REPORTED)) for t in (before, after)
        )
        lines.append((_("when it was reported"), was or _("(none)"), now or _("(none)")))
    for field, words in takedowns.TAKEDOWN_FIELDS.items():
        old, new = getattr(before, field), getattr(after, field)
        if field not in _REPORTED and old != new:
            lines.append((_(words), _words(field, old), _words(field, new)))
    for what, old, new in lines:
        _out(_("Changed {what}: {old} \u2192 {new}").format(what=what, old=old, new=new))
    for change in after.history[len(before.history) :]:
        note = f" \u2014 {change.note}" if change.note else ""
        _out(
            _("Added to its history: {status}").format(status=_words("status", change.status))
            + note
        )
    if not lines:
        _out(_("Nothing changed: it already had those values."))
    return EXIT_OK


def add_takedown_commands(group: Subcommands) -> None:  # type: ignore[type-arg]
    def cmd(name: str, func: Callable[..., int], text: str) -> argparse.ArgumentParser:
        return add_command(group, name, func, text)

    def options(p: argparse.ArgumentParser, *, update: bool) -> None:
        clears = _('; "" clears it') if update else ""
        p.add_argument("--platform", metavar="P", help=_("platform or site"))
        p.add_argument(
            "--reported",
            metavar="W",
            help=_("when you reported it: YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]"),
        )
        p.add_argument("--tz", metavar="ZONE", help=_("the time zone of --reported"))
        p.add_argument(
            "--how",
            choices=takedowns.METHODS,
            default=None if update else "form",
            help=_("how it was reported"),
        )
        p.add_argument(
            "--ticket",
            metavar="T",
            help=_("the ticket or case number; for StopNCII, the case number \u2014 never the PIN"),
        )
        p.add_argument(
            "--status",
            choices=takedowns.STATUSES,
            default=None if update else "reported",
            help=_("where it stands now"),
        )
        p.add_argument(
            "--follow-up", metavar="DATE", help=_("when to check again, YYYY-MM-DD") + clears
        )
        p.add_argument("--incident", metavar="ID", help=_("the incident it belongs to") + clears)
        p.add_argument("--note", metavar="N", help=_("a note"))
        us = p.add_mutually_exclusive_group()
        us.add_argument(
            "--us-platform",
            dest="us_platform",
            action="store_const",
            const=True,
            help=_("a US platform: show the TAKE IT DOWN Act 48-hour removal deadline"),
        )
        if update:
            us.add_argument(
                "--not-us-platform",
                dest="us_platform",
                action="store_const",
                const=False,
                help=_("not a US platform"),
            )

    p = cmd("add", cmd_takedown_add, _("record a web address reported for removal; prints its id"))
    p.add_argument("url", metavar="URL")
    options(p, update=False)
    p = cmd(
        "list",
        cmd_takedown_list,
        _("list takedown requests, with follow-ups due and the 48-hour removal deadline"),
    )
    p.epilog = _overdue_hint()
    p.add_argument("--json", action="store_true")
    p = cmd("update", cmd_takedown_update, _("change a takedown request; prints what changed"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--url", metavar="U", help=_("the web address"))
    options(p, update=True)
    p.add_argument(
        "--history-note",
        metavar="TEXT",
        help=_("a note kept in its history with a change of --status"),
    )
