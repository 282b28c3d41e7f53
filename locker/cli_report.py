"""``locker report VAULT OUT.pdf`` (the printable summary) and ``locker bundle VAULT OUT.zip``
(the originals bundle, with the same summary inside), on the command line.

Both are NOT encrypted: stderr says so every time one is written. Every option and the output
name are checked before the passphrase is asked (cli_report_options). Exit codes as for the
other commands: 0 written; 1 the summary was written but an exhibit failed its print-time
re-hash (the summary says FAIL for it); 2 usage or an input/output problem; 3 wrong
passphrase; 4 the vault is damaged, or (bundle) an exhibit no longer matches its SHA-256
(nothing is written then).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from locker.cli import EXIT_OK, EXIT_PROBLEMS, Secrets, _err, _out
from locker.cli_args import Subcommands, add_command, local_zone
from locker.cli_report_options import (
    add_report_options,
    check_out,
    packet_path,
    report_options,
    size_in_mb,
    with_ids,
)
from locker.i18n import _, ngettext
from locker.report.bundle import write_bundle
from locker.report.facts import FAIL

if TYPE_CHECKING:
    from locker.report.document import Report

NOT_ENCRYPTED = _(
    "Please note: this {what} is NOT encrypted. Anyone who can open files on this computer can "
    "read it; delete it when it is no longer needed."
)


def _unlogged(what: str, why: str) -> None:
    if why:
        _err(
            _(
                "The {what} was written, but it could not be recorded in the custody log: {why} "
                "Run 'locker verify' to see what is wrong."
            ).format(what=what, why=why)
        )


def _failed_checks(report: Report) -> int:
    """Say which exhibits failed the print-time re-hash; the exit code."""
    failed = [c for c in report.checks if c.status == FAIL]
    for check in failed:
        _err(
            _(
                "{label} no longer matches the SHA-256 taken when it was added; the summary says "
                "FAIL for it. Run 'locker verify' to see what is wrong."
            ).format(label=check.exhibit.label)
        )
    return EXIT_PROBLEMS if failed else EXIT_OK


def _summary_line(report: Report, size: int) -> str:
    pages = ngettext("{n} page", "{n} pages", report.pages).format(n=report.pages)
    count = len(report.exhibits)
    exhibits = ngettext("{n} exhibit", "{n} exhibits", count).format(n=count)
    return _("{pages}, {exhibits}, {size}.").format(
        pages=pages, exhibits=exhibits, size=size_in_mb(size)
    )


def cmd_report(args: argparse.Namespace, secrets: Secrets) -> int:
    options = report_options(args)
    out: Path = args.out
    check_out(out, args.vault, suffix=".pdf", what=_("summary"), force=args.force)
    packet = packet_path(out)
    if options.include_intimate:
        check_out(packet, args.vault, suffix=".pdf", what=_("packet"), force=args.force)
    # Loaded only now: reportlab and the fonts are not needed to refuse a mistyped option.
    from locker.report.document import build_report
    from locker.report.pages import NUM_COPIES
    from locker.report.record import SAVED, record_report, write_pdf

    with secrets.unlock(args.vault) as vault:
        options = with_ids(vault, options)
        # A time written with no zone is read in this computer's zone, as the timeline does.
        report = build_report(vault, options, floating_zone=local_zone())
        # Summary, packet and custody entry belong together: stopped (Ctrl-C) or failing
        # part-way, what was already written is taken back, so no file is left that points to
        # a packet not written or that the custody log does not know about.
        written: list[Path] = []
        try:
            write_pdf(out, report.pdf, force=args.force, vault_path=args.vault)
            written.append(out)
            if report.packet is not None:
                write_pdf(packet, report.packet, force=args.force, vault_path=args.vault)
                written.append(packet)
            unlogged = record_report(vault, report, SAVED)
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
    _unlogged(_("summary"), unlogged)
    _err(NOT_ENCRYPTED.format(what=_("summary")))
    if report.packet is not None:
        _err(
            _(
                "WARNING: {name} holds the intimate pictures UNREDACTED. It is NOT encrypted. "
                "Keep it apart from the summary and hand it over or file it under seal only as "
                "the court directs; delete it when it is no longer needed."
            ).format(name=os.fsdecode(packet))
        )
    elif options.include_intimate:
        _err(_("No exhibit is an intimate picture, so no separate packet was needed."))
    _out(str(out))
    _out(_summary_line(report, len(report.pdf)))
    if report.packet is not None:
        _out(str(packet))
        _out(
            ngettext(
                "{n} page, {size} (the unredacted packet).",
                "{n} pages, {size} (the unredacted packet).",
                report.packet_pages,
            ).format(n=report.packet_pages, size=size_in_mb(len(report.packet)))
        )
    if options.copies in NUM_COPIES:
        # A print setting, not pages: the PDF holds one copy and asks the viewer's print dialog
        # for n (PDF 1.7 /NumCopies; viewers honour 2 to 5 only).
        _out(
            _(
                "Copies to print: {n}. The PDF holds one copy and asks the print dialog for {n} "
                "(most PDF viewers fill it in); check the number when printing."
            ).format(n=options.copies)
        )
    elif options.copies > 1:
        _out(
            _(
                "Copies to print: {n}. The PDF holds one copy; choose {n} copies when printing it."
            ).format(n=options.copies)
        )
    return _failed_checks(report)


def cmd_bundle(args: argparse.Namespace, secrets: Secrets) -> int:
    options = report_options(args)
    check_out(args.out, args.vault, suffix=".zip", what=_("bundle"), force=args.force)
    from locker.report.document import build_report
    from locker.report.record import BUNDLED, record_report

    zone = local_zone()  # where a time written with no zone is read, as the timeline does
    with secrets.unlock(args.vault) as vault:
        options = with_ids(vault, options)
        report = build_report(vault, options, floating_zone=zone)
        # The same numbered exhibits as the summary inside, so the numbers agree.
        result = write_bundle(
            vault,
            args.out,
            exhibits=report.exhibits,
            pdf=report.pdf,
            force=args.force,
            floating_zone=zone,
        )
        unlogged_report = record_report(vault, report, BUNDLED)
    _unlogged(_("bundle"), result.unlogged)
    _unlogged(_("summary in the bundle"), unlogged_report)
    _err(NOT_ENCRYPTED.format(what=_("bundle")))
    intimate = sum(1 for e in report.exhibits if e.item.intimate and e.item.blob)
    if intimate:
        _err(
            ngettext(
                "It holds {n} intimate picture as its original file, NOT redacted (the summary "
                "in it shows it redacted). Keep the bundle apart and hand it over only as the "
                "court directs.",
                "It holds {n} intimate pictures as their original files, NOT redacted (the "
                "summary in it shows them redacted). Keep the bundle apart and hand it over only "
                "as the court directs.",
                intimate,
            ).format(n=intimate)
        )
    _out(str(result.path))
    _out(
        ngettext(
            "{n} exhibit ({files} with its original file).",
            "{n} exhibits ({files} with their original files).",
            result.exhibits,
        ).format(n=result.exhibits, files=result.files)
    )
    _out(
        ngettext(
            "summary.pdf: {n} page. The bundle: {size}.",
            "summary.pdf: {n} pages. The bundle: {size}.",
            report.pages,
        ).format(n=report.pages, size=size_in_mb(result.path.stat().st_size))
    )
    return EXIT_OK  # an exhibit that fails its re-hash stops the bundle (write_bundle: exit 4)


def add_report_commands(sub: Subcommands) -> None:  # type: ignore[type-arg]
    """``locker report`` and ``locker bundle``."""
    p = add_command(
        sub,
        "report",
        cmd_report,
        _("write the printable evidence summary as a PDF (not encrypted)"),
    )
    p.add_argument("out", metavar="OUT", type=Path, help=_("the PDF file to write"))
    add_report_options(p, pdf=True)
    p.add_argument(
        "--force", action="store_true", help=_("replace OUT (and the packet) if it exists")
    )

    p = add_command(
        sub,
        "bundle",
        cmd_bundle,
        _(
            "write the originals bundle: a zip of every exhibit, SHA256SUMS, manifest and the "
            "summary PDF (not encrypted)"
        ),
    )
    p.add_argument("out", metavar="OUT", type=Path, help=_("the zip file to write"))
    add_report_options(p, pdf=False)
    p.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
