"""The choices ``locker report`` and ``locker bundle`` share (which exhibits, title, paper...),
and the output file names, all checked before the passphrase is asked: a mistake costs the user
one line on stderr and exit 2, and nothing is written (ARCHITECTURE.md "The CLI contract")."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from locker import files
from locker.case import evidence
from locker.cli_args import parse_day, trimmed
from locker.i18n import _
from locker.report.context import MAX_COPIES, PAPERS, ReportOptions
from locker.vault import InvalidInput, Vault

PACKET_SUFFIX = "-unredacted-packet.pdf"  # neutral: no names of people in it


def add_report_options(p: argparse.ArgumentParser, *, pdf: bool) -> None:
    """The selection and layout options; ``pdf``: also those only the PDF on its own has
    (--include-intimate, --copies)."""
    p.add_argument("--title", metavar="T", help=_("the case title printed on every page"))
    p.add_argument(
        "--prepared-by", metavar="P", help=_("who prepared the summary (printed on the cover)")
    )
    p.add_argument(
        "--paper", metavar="letter|a4", default="letter", help=_("paper size (default: letter)")
    )
    p.add_argument(
        "--from",
        dest="start",
        metavar="YYYY-MM-DD",
        help=_("only exhibits from this day on (when it happened, else when it was added)"),
    )
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help=_("only exhibits up to this day"))
    p.add_argument(
        "--exhibit",
        dest="exhibits",
        metavar="ID",
        nargs="+",
        action="extend",
        help=_("only these items (ids or their first characters); numbered in court order"),
    )
    p.add_argument(
        "--journal",
        action="store_true",
        help=_("include the private journal (left out by default)"),
    )
    p.add_argument(
        "--no-takedowns", action="store_true", help=_("leave out the takedown requests section")
    )
    p.add_argument(
        "--declaration",
        action="store_true",
        help=_("add a declaration page to sign (28 U.S.C. §1746)"),
    )
    if pdf:
        p.add_argument(
            "--include-intimate",
            action="store_true",
            help=_(
                "also write the intimate pictures, unredacted, in a separate packet beside OUT "
                "(NOT encrypted; keep it apart)"
            ),
        )
        p.add_argument(
            "--copies",
            metavar="N",
            default="1",
            help=_(
                "how many copies to print, 1 to {n} (a print setting; pages are not repeated)"
            ).format(n=MAX_COPIES),
        )


def _day(value: str | None, option: str) -> date | None:
    text = parse_day(value, option=option)
    return date.fromisoformat(text) if text else None


def _copies(value: str) -> int:
    text = trimmed(value)
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_COPIES:
        raise InvalidInput(
            _("--copies: please give a whole number from 1 to {n}.").format(n=MAX_COPIES)
        )
    return int(text)


def report_options(args: argparse.Namespace) -> ReportOptions:
    """What was typed, checked; ``ids`` stay as typed (prefixes) until ``with_ids`` resolves them
    in the opened vault."""
    paper = trimmed(args.paper).lower()
    if paper not in PAPERS:
        raise InvalidInput(_("--paper: please choose letter or a4."))
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if start is not None and end is not None and start > end:
        raise InvalidInput(
            _("--from ({start}) is after --to ({end}); please swap them.").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )
    ids: tuple[str, ...] | None = None
    if args.exhibits is not None:
        ids = tuple(trimmed(i) for i in args.exhibits)
        if not all(ids):
            raise InvalidInput(_("--exhibit was given an empty id."))
    return ReportOptions(
        title=trimmed(args.title),
        prepared_by=trimmed(args.prepared_by),
        paper=paper,
        ids=ids,
        start=start,
        end=end,
        include_journal=args.journal,
        include_takedowns=not args.no_takedowns,
        include_declaration=args.declaration,
        include_intimate=getattr(args, "include_intimate", False),
        copies=_copies(getattr(args, "copies", "1")),
    )


def with_ids(vault: Vault, options: ReportOptions) -> ReportOptions:
    """``options`` with each --exhibit id or unique prefix replaced by the item's full id."""
    if options.ids is None:
        return options
    found = []
    for typed in options.ids:
        try:
            found.append(evidence.find_item(vault, typed).id)
        except InvalidInput as exc:
            raise InvalidInput(f"--exhibit {typed}: {exc.message}") from None
    return replace(options, ids=tuple(dict.fromkeys(found)))


def packet_path(out: Path) -> Path:
    """``case-unredacted-packet.pdf`` beside ``case.pdf``."""
    return out.with_name(out.stem + PACKET_SUFFIX)


def check_out(out: Path, vault: Path, *, suffix: str, what: str, force: bool) -> None:
    """Refuse an output name that cannot be right: wrong ending, a folder, the vault itself, a
    folder that does not exist, or an existing file (unless --force)."""
    if out.suffix.lower() != suffix:
        raise InvalidInput(
            _(
                "{name}: the {what} is written as a {suffix} file; please give a name ending in "
                "{suffix}."
            ).format(name=os.fsdecode(out.name), what=what, suffix=suffix)
        )
    if out.is_dir():
        raise InvalidInput(
            _("{name} is a folder. Please give a file name for the {what}.").format(
                name=os.fsdecode(out), what=what
            )
        )
    if files.is_same_file(out, vault):
        raise InvalidInput(
            _("That is the vault file itself. Please choose another name for the {what}.").format(
                what=what
            )
        )
    if not out.parent.is_dir():
        raise InvalidInput(
            _("The folder {folder} does not exist. Please create it or choose another.").format(
                folder=os.fsdecode(out.parent)
            )
        )
    if (out.exists() or out.is_symlink()) and not force:
        raise InvalidInput(
            _("{name} already exists. Choose another name, or use --force to replace it.").format(
                name=os.fsdecode(out)
            )
        )


def size_in_mb(size: int) -> str:
    """A file size as courts' upload limits state it ("3.2 MB", decimal megabytes), rounded up
    so a file is never said to be under a limit it is over."""
    tenths = -(-size // 100_000)  # ceiling, in 0.1 MB
    return f"{tenths // 10}.{tenths % 10} MB"
