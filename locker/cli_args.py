"""The command line's shared parts (cli.py, cli_case.py, cli_takedown.py): a command's VAULT and
passphrase options, and what was typed — text, dates and times with their zone, "A; B" parts —
checked and cleaned before any vault is opened, so a mistake stores nothing.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from locker.case import when
from locker.case.fields import check_year, time_zones
from locker.i18n import _
from locker.vault import InvalidInput

_WHEN_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?(Z|[+-]\d{2}:\d{2})?", re.ASCII)
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

Subcommands = argparse._SubParsersAction  # what add_subparsers() returns


def add_command(
    sub: Subcommands,  # type: ignore[type-arg]
    name: str,
    func: Callable[..., int],
    help_text: str,
    *,
    recovery_key: bool = True,
) -> argparse.ArgumentParser:
    """A command that opens VAULT: the positional and the passphrase options every one shares.
    ``sub`` may be the top level (``locker list``) or a group's own (``locker incident add``)."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func)
    p.add_argument("vault", metavar="VAULT", type=Path, help=_("the vault file"))
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help=_("read the passphrase from the first line of standard input"),
    )
    if recovery_key:
        p.add_argument(
            "--recovery-key-stdin",
            action="store_true",
            help=_("open with the recovery key, read from standard input"),
        )
    return p


def arg_text(value: str | None) -> str | None:
    """Command-line text as valid Unicode: bytes that were not UTF-8 (a script passing a Latin-1
    file name as --title) arrive as lone surrogates and become U+FFFD instead of a crash."""
    if value is None:
        return None
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def trimmed(value: str | None) -> str:
    """An option's text, valid Unicode and trimmed; "" when not given."""
    return (arg_text(value) or "").strip()


def trimmed_all(values: list[str] | None) -> list[str]:
    """A repeated option's texts, trimmed, the empty ones left out."""
    return [t for t in (trimmed(v) for v in values or []) if t]


def split_when(value: str | None, *, option: str) -> tuple[str, str]:
    """``2026-11-01T01:30-05:00`` as ("2026-11-01T01:30", "-05:00"); ("", "") when empty.
    Only the form is checked here (check_when checks the date, zone and offset)."""
    text = trimmed(value).replace("\u2212", "-")  # the minus sign describe_when prints
    if not text:
        return "", ""
    match = _WHEN_RE.fullmatch(text)
    if match is None:
        raise InvalidInput(
            _(
                "{option}: please write the date as year-month-day (2026-05-03), with a time if "
                "you know it (2026-05-03T21:30) and, only where a time happened twice, its UTC "
                "offset (2026-11-01T01:30-05:00)."
            ).format(option=option)
        )
    day, clock, offset = match.groups()
    return (f"{day}T{clock}" if clock else day), ("+00:00" if offset == "Z" else offset or "")


def parse_when(value: str | None, tz: str, *, option: str, what: str) -> tuple[str, str, str]:
    """``--when 2026-11-01T01:30-05:00 --tz America/New_York`` as (at, tz, offset) to store, checked
    (a real date, a known zone, a time that existed there); ("", "", "") when not given."""
    at, offset = split_when(value, option=option)
    if not at:
        return "", "", ""
    return at, tz, when.check_when(at, tz, offset, what=what)


def parse_day(value: str | None, *, option: str) -> str:
    """A date-only option ("" allowed: it clears), in the years 1900 to 2100."""
    text = trimmed(value)
    if not text:
        return text
    try:
        if _DAY_RE.fullmatch(text) is None:
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("{option}: please write a date as year-month-day, for example 2026-06-01.").format(
                option=option
            )
        ) from None
    check_year(day, option)
    return text


def parse_zone(value: str | None) -> str:
    """``--tz``: a time zone this computer knows, or "" when not given."""
    zone = trimmed(value)
    if zone and zone not in time_zones():
        raise InvalidInput(
            _(
                "--tz: that time zone is not known. Please give one like America/Chicago or "
                "Europe/Berlin, or leave --tz out if you are not sure."
            )
        )
    return zone


def split_parts(value: str, names: tuple[str, ...], *, option: str, example: str) -> list[str]:
    """``"Sam Lee; 555-0100"`` as its parts (fewer than ``names`` allowed, padded with "")."""
    parts = [p.strip() for p in trimmed(value).split(";")]
    if len(parts) > len(names):
        raise InvalidInput(
            _(
                '{option} takes at most {n} parts separated by ";" ({names}), for example '
                '{example}. This one has {count}; please leave ";" out of the text itself.'
            ).format(
                option=option,
                n=len(names),
                names=", ".join(names),
                example=example,
                count=len(parts),
            )
        )
    if not any(parts):
        raise InvalidInput(_("{option} was given with nothing in it.").format(option=option))
    return parts + [""] * (len(names) - len(parts))


def local_zone() -> str:
    """This computer's IANA zone name (TZ, else /etc/localtime), or "UTC": where a time written
    with no zone is placed when ordering."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name not in time_zones():
        target = os.path.realpath("/etc/localtime")
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    return name if name in time_zones() else "UTC"
