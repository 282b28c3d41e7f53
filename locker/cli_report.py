"""``locker bundle VAULT OUT.zip``: the originals bundle on the command line (locker.report.bundle).

The bundle is NOT encrypted: stderr says so every time one is written. Exit codes as for the other
commands: 0 written; 2 usage or an input/output problem (OUT exists, is a folder or the vault; no
exhibits); 3 wrong passphrase; 4 an exhibit no longer matches its SHA-256, or the vault is damaged
(nothing is written then).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from locker.cli import EXIT_OK, Secrets, _err, _out
from locker.cli_args import Subcommands, add_command, local_zone
from locker.i18n import _, ngettext
from locker.report.bundle import write_bundle


def cmd_bundle(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        # A time written with no zone is read in this computer's zone, as the timeline does.
        result = write_bundle(vault, args.out, force=args.force, floating_zone=local_zone())
    if result.unlogged:
        _err(
            _(
                "This bundle could not be recorded in the custody log: {why} "
                "Run 'locker verify' to see what is wrong."
            ).format(why=result.unlogged)
        )
    _err(
        _(
            "Please note: this bundle is NOT encrypted. Anyone who can open files on this computer "
            "can see every file in it; delete it when it is no longer needed."
        )
    )
    _out(str(result.path))
    _out(
        ngettext(
            "{n} exhibit ({files} with its original file).",
            "{n} exhibits ({files} with their original files).",
            result.exhibits,
        ).format(n=result.exhibits, files=result.files)
    )
    return EXIT_OK


def add_report_commands(sub: Subcommands) -> None:  # type: ignore[type-arg]
    """``locker bundle``."""
    p = add_command(
        sub,
        "bundle",
        cmd_bundle,
        _(
            "write the originals bundle: a zip of every exhibit, SHA256SUMS, manifest (not encrypted)"
        ),
    )
    p.add_argument("out", metavar="OUT", type=Path, help=_("the zip file to write"))
    p.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
