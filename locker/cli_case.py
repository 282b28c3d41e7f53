"""``locker incident ...`` and ``locker takedown ...``: the case record on the command line.

Same rules as the other commands (cli.py): VAULT first, the passphrase options, exit codes,
plain messages on stderr, ASCII-only JSON, and vault text printed through ``_out`` so it
cannot drive the terminal. Everything typed is checked before the vault is opened, so a
mistake stores nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from locker.case import evidence, incidents, timeline, when
from locker.cli import EXIT_OK, NONE, Secrets, _dump, _out, _report_damaged, public_json
from locker.cli_args import (
    Subcommands,
    add_command,
    local_zone,
    parse_day,
    parse_when,
    parse_zone,
    split_parts,
    trimmed,
    trimmed_all,
)
from locker.i18n import _, ngettext
from locker.vault import VaultError


def _labelled(rows: list[tuple[str, str | list[str]]], *, none: tuple[str, ...] = ()) -> None:
    """ "Label:   value" lines; a list or multi-line text continues on indented lines. An empty
    value reads "(not recorded)", or "(none)" for the labels in ``none`` (lists of things,
    such as witnesses, where "none" is what the record says)."""
    width = max(len(label) for label, _v in rows) + 2
    for label, value in rows:
        lines = value if isinstance(value, list) else value.splitlines()
        empty = _("(none)") if label in none else _("(not recorded)")
        lines = [line for line in lines if line.strip()] or [empty]
        head = f"{label}:".ljust(width)
        if isinstance(value, str) and len(lines) > 1:  # free text: all of it below its label
            _out(f"{label}:")
            for line in lines:
                _out("    " + line)
            continue
        _out(head + lines[0])
        for line in lines[1:]:
            _out(" " * width + line)


# ---- incidents -------------------------------------------------------------------------------


def _incident_fields(args: argparse.Namespace) -> dict[str, Any]:
    tz = parse_zone(args.tz)
    start_at, start_tz, start_offset = parse_when(
        args.when, tz, option="--when", what=_("when it started")
    )
    end_at, end_tz, end_offset = parse_when(
        args.until, tz, option="--until", what=_("when it ended")
    )
    witness_names = (_("name"), _("contact"))
    report_names = (_("to whom"), _("date"), _("report number"), _("officer"))
    witnesses = [
        incidents.Witness(
            *split_parts(w, witness_names, option="--witness", example='"Sam Lee; 555-0100"')
        )
        for w in args.witness or []
    ]
    reports = []
    for r in args.report or []:
        to, day, number, officer = split_parts(
            r,
            report_names,
            option="--report",
            example='"City police; 2026-05-04; 26-1187; Ofc. Diaz"',
        )
        reports.append(incidents.Report(to, parse_day(day, option="--report"), number, officer))
    return {
        "title": trimmed(args.title),
        "start_at": start_at,
        "start_tz": start_tz,
        "start_offset": start_offset,
        "end_at": end_at,
        "end_tz": end_tz,
        "end_offset": end_offset,
        "platform": trimmed(args.platform),
        "urls": trimmed_all(args.url),
        "accounts": trimmed_all(args.account),
        "responsible": trimmed(args.responsible),
        "relationship": trimmed(args.relationship),
        "description": trimmed(args.what),
        "witnesses": witnesses,
        "reports": reports,
    }


def cmd_incident_add(args: argparse.Namespace, secrets: Secrets) -> int:
    fields = _incident_fields(args)
    links = [trimmed(i) for i in args.link or []]  # ids or their first characters
    with secrets.unlock(args.vault) as vault:  # one transaction, one custody entry
        incident = incidents.add_incident(vault, link=links, **fields)
    print(incident.id, flush=True)
    return EXIT_OK


def cmd_incident_list(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        found, damaged = incidents.list_incidents(vault)
    by_id = {i.id: i for i in found}
    ordered = [by_id[e.id] for e in timeline.build_timeline(found, [], floating_zone=local_zone())]
    if args.json:
        _dump([public_json(i) for i in ordered])
    for i in [] if args.json else ordered:
        start = when.describe_when(i.start_at, i.start_tz, i.start_offset) or _("date not known")
        linked = ngettext("{n} item", "{n} items", len(i.evidence)).format(n=len(i.evidence))
        _out(f"{i.id}  {start}  {i.platform or NONE}  {linked}  {i.label()}")
    return _report_damaged(
        damaged, _("Incident {id} is damaged and could not be read; the others are listed.")
    )


def _item_line(vault: Any, item_id: str) -> str:
    try:
        item = evidence.find_item(vault, item_id)
    except VaultError:
        return f"{item_id}  " + _("(no longer in this vault, or could not be read)")
    flag = "  " + _("[intimate]") if item.intimate else ""
    return f"{item.id}  {item.title}{flag}"


def cmd_incident_show(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        i = incidents.find_incident(vault, trimmed(args.id))
        linked = [_item_line(vault, item_id) for item_id in i.evidence]
    if args.json:
        _dump(public_json(i))
        return EXIT_OK
    witnesses = [" \u2014 ".join(p for p in (w.name, w.contact) if p) for w in i.witnesses]
    reports = [
        ", ".join(
            p
            for p in (
                r.to,
                r.date,
                r.number and _("number {n}").format(n=r.number),
                r.officer,
                r.note,
            )
            if p
        )
        for r in i.reports
    ]
    _labelled(
        [
            (_("Incident"), i.id),
            (_("Title"), i.title),
            (_("Started"), when.describe_when(i.start_at, i.start_tz, i.start_offset)),
            (_("Ended"), when.describe_when(i.end_at, i.end_tz, i.end_offset)),
            (_("Platform"), i.platform),
            (_("Web addresses"), i.urls),
            (_("Accounts"), i.accounts),
            (_("Believed responsible"), i.responsible),
            (_("Relationship"), i.relationship),
            (_("What happened"), i.description),
            (_("Witnesses"), witnesses),
            (_("Reports made"), reports),
            (_("Linked evidence"), linked),
            (_("Recorded"), i.created_at),
            (_("Last changed"), i.updated_at),
        ],
        none=(_("Witnesses"), _("Reports made"), _("Linked evidence")),
    )
    return EXIT_OK


def cmd_incident_link(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        before = incidents.find_incident(vault, trimmed(args.id))
        ids = [evidence.find_item(vault, trimmed(i)).id for i in args.items]
        incidents.link_evidence(vault, before.id, ids)
        for item_id in dict.fromkeys(ids):
            line = _item_line(vault, item_id)
            _out((_("Already linked: ") if item_id in before.evidence else _("Linked: ")) + line)
    return EXIT_OK


def cmd_incident_unlink(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        before = incidents.find_incident(vault, trimmed(args.id))
        after = incidents.unlink_evidence(vault, before.id, trimmed(args.item))
        for item_id in [e for e in before.evidence if e not in after.evidence]:
            _out(_("Unlinked: ") + _item_line(vault, item_id))
    return EXIT_OK


def add_incident_commands(group: Subcommands) -> None:  # type: ignore[type-arg]
    def cmd(name: str, func: Callable[..., int], text: str) -> argparse.ArgumentParser:
        return add_command(group, name, func, text)

    p = cmd("add", cmd_incident_add, _("record an incident; prints its id"))
    p.add_argument("--title", metavar="T", help=_("a short name, for example 'Posted on a forum'"))
    p.add_argument(
        "--when",
        metavar="W",
        help=_(
            "when it happened or started: YYYY-MM-DD or YYYY-MM-DDTHH:MM, optionally with the UTC "
            "offset (2026-11-01T01:30-05:00) to pick the first or second 01:30 of a night the clocks "
            "went back"
        ),
    )
    p.add_argument("--until", metavar="W", help=_("for a series: when it ended (same form)"))
    p.add_argument(
        "--tz",
        metavar="ZONE",
        help=_("the time zone of --when and --until, for example America/Chicago"),
    )
    p.add_argument("--platform", metavar="P", help=_("platform or site"))
    p.add_argument("--url", metavar="U", action="append", help=_("a web address (repeatable)"))
    p.add_argument(
        "--account",
        metavar="A",
        action="append",
        help=_("an account or handle involved (repeatable)"),
    )
    p.add_argument("--responsible", metavar="R", help=_("who is believed responsible"))
    p.add_argument("--relationship", metavar="R", help=_("their relationship to you"))
    p.add_argument("--what", metavar="TEXT", help=_("what happened"))
    p.add_argument(
        "--witness", metavar='"NAME; CONTACT"', action="append", help=_("a witness (repeatable)")
    )
    p.add_argument(
        "--report",
        metavar='"TO; DATE; NUMBER; OFFICER"',
        action="append",
        help=_(
            "a report made, for example to the police (repeatable; later parts may be left out)"
        ),
    )
    p.add_argument(
        "--link",
        metavar="ITEM",
        action="append",
        help=_("link an evidence item by its id (repeatable)"),
    )

    p = cmd("list", cmd_incident_list, _("list the incidents in the order they happened"))
    p.add_argument("--json", action="store_true")
    p = cmd("show", cmd_incident_show, _("show everything recorded about one incident"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = cmd("link", cmd_incident_link, _("link evidence items to an incident"))
    p.add_argument("id", metavar="ID")
    p.add_argument("items", metavar="ITEM", nargs="+")
    p = cmd("unlink", cmd_incident_unlink, _("unlink an evidence item from an incident"))
    p.add_argument("id", metavar="ID")
    p.add_argument("item", metavar="ITEM")


def add_case_commands(sub: Subcommands) -> None:  # type: ignore[type-arg]
    """``locker incident ACTION ...`` and ``locker takedown ACTION ...``."""
    from locker import cli_takedown

    for name, text, add in (
        (
            "incident",
            _("incidents: add, list, show, link and unlink evidence"),
            add_incident_commands,
        ),
        ("takedown", _("takedown requests: add, list, update"), cli_takedown.add_takedown_commands),
    ):
        group = sub.add_parser(name, help=text, description=text)
        add(group.add_subparsers(dest="action", required=True, metavar="ACTION"))
