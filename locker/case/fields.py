"""The describing fields of an item: which values can be stored, and their names in plain words.

Shared by editing an item (evidence.update_item) and by every way an item is made
(importer), so one value is refused with the same sentence wherever it comes from.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import date, datetime
from typing import Any

from locker.i18n import _
from locker.vault.errors import InvalidInput


# Field names as the custody log shows them: plain words, never the values (the log says that
# something changed; the item itself shows what it is now).
def N_(message: str) -> str:
    """Marks a message for translation where it is defined; ``_()`` translates it when used."""
    return message


FIELD_WORDS = {
    "title": N_("title"),
    "description": N_("what it shows"),
    "note": N_("notes"),
    "url": N_("web address"),
    "platform": N_("platform"),
    "account": N_("account or handle"),
    "intimate": N_("intimate-image flag"),
    "happened_at": N_("when it happened"),
    "happened_tz": N_("time zone"),
}
_HAPPENED_RE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", re.ASCII)
MAX_TEXT = 100_000  # characters in one field; notes may be long, but not unbounded
MIN_YEAR, MAX_YEAR = 1900, 2100  # the years a date may be written with (a mistyped year is caught)


@functools.lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """Every IANA time-zone name this computer knows (tzdata on Windows)."""
    return frozenset(zoneinfo.available_timezones())


def check_year(day: date, what: str) -> None:
    """Raise InvalidInput unless ``day`` is in the years MIN_YEAR to MAX_YEAR: a date like
    0026-05-03 or 2206-05-03 is almost surely mistyped (and would stretch a chart over
    centuries). ``what`` names the date in words ("when it started")."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput(
            _(
                "Please check the year: only years from {first} to {last} can be recorded for "
                "{what}."
            ).format(first=MIN_YEAR, last=MAX_YEAR, what=what)
        )


def check_happened(happened_at: str, happened_tz: str) -> None:
    """Raise InvalidInput with a clear message unless both values can be stored."""
    if not isinstance(happened_at, str) or not isinstance(happened_tz, str):
        raise InvalidInput(_("The date and time zone must be text."))
    if happened_at:
        moment = None
        if _HAPPENED_RE.fullmatch(happened_at) is not None:
            try:
                moment = datetime.strptime(
                    happened_at, "%Y-%m-%dT%H:%M" if "T" in happened_at else "%Y-%m-%d"
                )
            except ValueError:
                moment = None
        if moment is None:
            raise InvalidInput(
                _(
                    "The date of when it happened is not a real date. Please write it as "
                    "year-month-day, for example 2026-05-03, with a time if you know it "
                    "(2026-05-03T21:30)."
                )
            )
        check_year(moment.date(), _("when it happened"))
    if happened_tz and happened_tz not in time_zones():
        raise InvalidInput(
            _(
                "That time zone is not known. Please choose one from the list, for example "
                "America/Chicago or Europe/Berlin, or leave it empty if you are not sure."
            )
        )


def check_text(value: Any, words: str) -> str:
    """``value`` if it is text of at most MAX_TEXT characters, else InvalidInput naming the
    field in ``words`` (translated: "web address"), never the value."""
    if not isinstance(value, str):
        raise InvalidInput(_("The {field} must be text.").format(field=words))
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            _("The {field} is too long (more than {n} characters).").format(field=words, n=MAX_TEXT)
        )
    return value


def check_fields(changes: dict[str, Any]) -> None:
    """Raise InvalidInput unless every describing field given has a value that can be stored."""
    for name, value in changes.items():
        if name == "intimate":
            if not isinstance(value, bool):
                raise InvalidInput(_("The intimate-image flag must be yes or no."))
        else:
            check_text(value, _(FIELD_WORDS.get(name, name)))
    check_happened(changes.get("happened_at", ""), changes.get("happened_tz", ""))
