"""``locker guide check`` and ``locker guide resources``: the guide's files on the command line,
for whoever keeps them up to date (an advocate correcting a phone number checks the files here).

These commands open no vault and ask no passphrase. Exit codes as for the other commands: 0
fine, 1 the files have problems, 2 usage. Text read from the files is printed through ``_out``
so it cannot drive the terminal; ``--json`` is ASCII-only.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from locker.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Secrets, _dump, _err, _out
from locker.cli_args import Subcommands, trimmed
from locker.guide import load
from locker.guide.content import GuideError, Phone, Resource, checked_text, country_name, is_stale
from locker.guide.schema import COUNTRY_RE
from locker.guide.validate import Checker
from locker.i18n import _, ngettext


def _folder(args: argparse.Namespace) -> Path | None:
    """The folder given with --folder (None: the guide the program ships), or None after
    saying why it cannot be used (the caller exits with EXIT_USAGE)."""
    folder: Path = args.folder if args.folder is not None else load.GUIDE_DIR
    if not folder.is_dir():
        _err(
            _(
                "There is no folder {folder}. Please give the folder that holds the guide's files."
            ).format(folder=folder)
        )
        return None
    return folder


def _amount(path: Path) -> str:
    """ "12 resources", "7 steps" (counted even when the file has problems), or why not."""
    data = load.read_toml(path, Checker(path.name)) if path.is_file() else None
    if data is None:
        return _("could not be read") if path.exists() else _("missing")
    resources, steps = data.get("resource"), data.get("step")
    if path.name == load.RESOURCES_FILE:
        n = len(resources) if isinstance(resources, list) else 0
        return ngettext("{n} resource", "{n} resources", n).format(n=n)
    n = len(steps) if isinstance(steps, list) else 0
    return ngettext("{n} step", "{n} steps", n).format(n=n)


def cmd_guide_check(args: argparse.Namespace, secrets: Secrets) -> int:
    folder = _folder(args)
    if folder is None:
        return EXIT_USAGE
    problems, warnings = load.check_guide(folder)
    _out(_("Checked the guide's files in {folder}:").format(folder=folder))
    english = folder / load.guide_name(load.ENGLISH)  # listed even when missing: it is needed
    files = load.guide_files(folder)
    for path in [folder / load.RESOURCES_FILE, *([] if english in files else [english]), *files]:
        _out(f"  {path.name}: {_amount(path)}")
    if problems:
        _out("")
        _out(ngettext("{n} problem:", "{n} problems:", len(problems)).format(n=len(problems)))
        for problem in problems:
            _out("  - " + problem)
    if warnings:
        _out("")
        _out(
            ngettext("{n} thing to look at:", "{n} things to look at:", len(warnings)).format(
                n=len(warnings)
            )
        )
        for warning in warnings:
            _out("  - " + warning)
    _out("")
    if problems:
        _out(
            _(
                "Please correct these problems and run 'locker guide check' again. Until then "
                "the program leaves out what has a problem (a resource, a translation), or "
                "shows a short note instead of the guide when its English steps have one; "
                "everything else works."
            )
        )
        return EXIT_PROBLEMS
    _out(_("The guide files are fine."))
    return EXIT_OK


def _numbers(phones: tuple[Phone, ...]) -> str:
    return ", ".join(f"{p.number} ({p.label})" if p.label else p.number for p in phones)


def _resource_json(resource: Resource) -> dict[str, Any]:
    data = dataclasses.asdict(resource)
    data["stale"] = is_stale(resource)
    return data


def _print_resource(resource: Resource) -> None:
    rows = [
        (_("What it is for"), resource.purpose),
        (_("Who it is for"), resource.who),
        (_("Phone"), _numbers(resource.phones)),
        (_("Text"), _numbers(resource.texts)),
        (_("Web address"), resource.url),
        (_("Hours"), resource.hours),
        (_("Country"), country_name(resource.country)),
    ]
    width = max(len(label) for label, _v in rows) + 2
    _out(resource.name)
    for label, value in rows:
        if value:
            _out("  " + f"{label}:".ljust(width) + value)
    stale = is_stale(resource)
    _out(
        "  "
        + checked_text(resource)
        + (_(" (more than a year ago: it may have changed)") if stale else "")
    )


def cmd_guide_resources(args: argparse.Namespace, secrets: Secrets) -> int:
    country = trimmed(args.country).upper()
    if country and COUNTRY_RE.fullmatch(country) is None:
        _err(_("--country: please give two letters, such as US, GB or AU (or WORLD)."))
        return EXIT_USAGE
    folder = _folder(args)
    if folder is None:
        return EXIT_USAGE
    try:
        guide = load.load_guide(folder=folder)
    except GuideError as exc:
        _err(exc.message)
        for problem in exc.problems:
            _err("  - " + problem)
        return EXIT_PROBLEMS
    chosen = [r for r in guide.resources.values() if not country or r.country in (country, "WORLD")]
    if args.json:
        _dump([_resource_json(r) for r in chosen])
    else:
        if not chosen:
            _out(_("No resources are listed for {country}.").format(country=country_name(country)))
        for n, resource in enumerate(chosen):
            if n:
                _out("")
            _print_resource(resource)
    if guide.problems:  # the resources listed are those the program shows: say what is left out
        _err(
            _(
                "Some of the guide's files have problems; the program leaves out what has one. "
                "Please correct them and run 'locker guide check':"
            )
        )
        for problem in guide.problems:
            _err("  - " + problem)
        return EXIT_PROBLEMS
    return EXIT_OK


def add_guide_commands(sub: Subcommands) -> None:  # type: ignore[type-arg]
    """``locker guide check`` and ``locker guide resources`` (no VAULT, no passphrase)."""
    text = _("the guide's files: check them, list the resources")
    group = sub.add_parser("guide", help=text, description=text)
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    folder_help = _("the folder with the guide's files (default: the ones this program has)")

    def command(name: str, func: Any, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=help_text)
        # No vault here: main() still reads these to know where secrets would come from.
        p.set_defaults(func=func, passphrase_stdin=False, recovery_key_stdin=False)
        p.add_argument("--folder", type=Path, metavar="DIR", help=folder_help)
        return p

    command(
        "check",
        cmd_guide_check,
        _("check the guide's files and list every problem (after editing a phone number, say)"),
    )
    p = command(
        "resources", cmd_guide_resources, _("list the help lines and websites in the guide")
    )
    p.add_argument(
        "--country",
        metavar="CC",
        help=_("only those for this country (two letters: US, GB, AU...) and those open to anyone"),
    )
    p.add_argument("--json", action="store_true")
