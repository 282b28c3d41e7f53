"""Reading one table of a guide file strictly, in words an advocate understands (no Qt).

A :class:`Checker` collects every problem of one file instead of stopping at the first, each
naming the file and the place ("resources.toml, resource "ccri-helpline": …"), so whoever edits
the files can fix them all in one go. The values it gives back are cleaned (trimmed) and usable
even when a problem was found, so one mistake does not cause a cascade of others.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable
from datetime import date
from typing import Any

from locker.i18n import _

ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*", re.ASCII)
_NUMBER_RE = re.compile(r"[0-9A-Z +\-().]+", re.ASCII)
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})(-(\d{2}))?", re.ASCII)
_HOST_LABEL_RE = re.compile(r"[^\W_]([^\W_]|-)*", re.UNICODE)


class Checker:
    """The problems found in one file, each prefixed with the file's name and the place."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(
            f"{self.file}, {where}: {message}" if where else f"{self.file}: {message}"
        )

    def known_keys(self, table: dict[str, Any], allowed: Iterable[str], where: str) -> None:
        """A problem for each key the schema does not have (a typo such as "phon")."""
        names = tuple(allowed)
        for key in table:
            if key not in names:
                self.add(
                    where,
                    _(
                        'there is no setting called "{key}" here; please check its spelling '
                        "(the settings here are: {names})"
                    ).format(key=key, names=", ".join(names)),
                )

    def text(
        self,
        table: dict[str, Any],
        key: str,
        where: str,
        *,
        required: bool = False,
        multiline: bool = False,
    ) -> str:
        """The text under ``key``, trimmed ("" when missing or unusable). Line breaks are
        allowed only where ``multiline`` (long texts); other control characters never."""
        value = table.get(key)
        if value is None:
            if required:
                self.add(where, _('"{key}" is missing').format(key=key))
            return ""
        if not isinstance(value, str):
            self.add(where, _('"{key}" must be text in quotes, like "…"').format(key=key))
            return ""
        value = value.replace("\r\n", "\n").strip()
        allowed = "\n" if multiline else ""
        if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
            self.add(
                where,
                _(
                    '"{key}" holds an invisible control character{extra}; please retype that text'
                ).format(
                    key=key,
                    extra="" if multiline else _(" (perhaps a line break or a tab)"),
                ),
            )
            return ""
        if required and not value:
            self.add(where, _('"{key}" is empty').format(key=key))
        return value

    def tables(self, table: dict[str, Any], key: str, where: str, example: str) -> list[Any]:
        """The list of tables under ``key`` (``[]`` when missing). Entries that are not tables
        are reported and returned as they are: the caller skips them."""
        value = table.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add(
                where, _('"{key}" must be written as {example}').format(key=key, example=example)
            )
            return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
        return value

    def id(self, table: dict[str, Any], where: str) -> str:
        """The ``id``: lowercase letters, digits and single hyphens ("" when unusable)."""
        value = self.text(table, "id", where, required=True)
        if value and ID_RE.fullmatch(value) is None:
            self.add(
                where,
                _(
                    '"id" may hold only lowercase letters a-z, digits and hyphens between them, '
                    'like "ccri-helpline"'
                ),
            )
            return ""
        return value

    def url(self, value: str, where: str) -> str:
        """A web address the program may show and offer to open: https, a real host name, no
        spaces, no hidden characters, no user name or password before the host."""
        if not value:
            return ""
        problem = url_problem(value)
        if problem:
            self.add(where, problem)
            return ""
        return value

    def number(self, value: str, where: str) -> str:
        """A phone or text number as people write it: digits, spaces, + - ( ) . and capital
        letters (1-800-CALL-FBI), with at least 3 digits."""
        if _NUMBER_RE.fullmatch(value) is None or sum(ch.isdigit() for ch in value) < 3:
            self.add(
                where,
                _(
                    'the number "{number}" may hold only digits, spaces, + - ( ) . and capital '
                    "letters, with at least 3 digits"
                ).format(number=value),
            )
            return ""
        return value

    def checked_date(self, table: dict[str, Any], where: str, today: date) -> str:
        """``last_checked``: "YYYY-MM" or "YYYY-MM-DD", a real date, not after ``today``. A date
        written without quotes (TOML reads it as a date) is accepted as the same text."""
        value = table.get("last_checked")
        if isinstance(value, date) and not hasattr(value, "hour"):
            value = value.isoformat()
            table = {**table, "last_checked": value}
        text = self.text(table, "last_checked", where, required=True)
        if not text:
            return ""
        match = _MONTH_RE.fullmatch(text)
        day: date | None = None
        if match is not None:
            try:
                day = date(int(match[1]), int(match[2]), int(match[4] or 1))
            except ValueError:
                day = None
        if day is None:
            self.add(
                where,
                _(
                    '"last_checked" must be a real date written as year-month ("2026-11") or '
                    'year-month-day ("2026-11-03")'
                ),
            )
            return ""
        late = (
            (day.year, day.month) > (today.year, today.month)
            if match and not match[4]
            else (day > today)
        )
        if late:
            self.add(
                where,
                _(
                    '"last_checked" is in the future ({text}); please give the date it was checked'
                ).format(text=text),
            )
            return ""
        return text


def url_problem(url: str) -> str:
    """Why ``url`` cannot be used as a resource's web address, or "" when it can."""
    bad = _(
        'the web address "url" must start with https:// and name a site, like '
        '"https://example.org/page"'
    )
    if any(ch.isspace() for ch in url):
        return _('the web address "url" must not contain spaces')
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return _('the web address "url" holds an invisible character; please retype it')
    if not url.lower().startswith("https://"):
        return bad
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return bad
    if "@" in parts.netloc:
        return _(
            'the web address "url" must not hold a user name or password before the site name '
            '(the part before "@")'
        )
    host = parts.hostname or ""
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL_RE.fullmatch(label) for label in labels):
        return bad
    return ""
