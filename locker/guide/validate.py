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
_HOST_LABEL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*", re.ASCII)
MAX_URL = 2_000  # longer than any real page address; a huge one would only disturb the layout
MAX_LINE = 300  # a name, a label, a title: one line on the screen
MAX_PARAGRAPHS = 20_000  # a step's text: several screens, never a book
# Characters that reorder the text around them (embedding, override, isolate): in a name or a
# label they could make the screen show a number other than the one Copy copies.
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F. One regex search instead of a
# category lookup per character: the guide's texts are ~20,000 characters, read at every start.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Checker:
    """The problems found in one file, each prefixed with the file's name and the place."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []
        self.warnings: list[str] = []  # for ``locker guide check``; never stop the guide
        # Problems the guide can do without at run time (a step naming a resource that is not
        # there: the step skips it); ``locker guide check`` still counts them as problems.
        self.minor: list[str] = []

    def _place(self, where: str, message: str) -> str:
        return f"{self.file}, {where}: {message}" if where else f"{self.file}: {message}"

    def add(self, where: str, message: str, *, minor: bool = False) -> None:
        self.problems.append(self._place(where, message))
        if minor:
            self.minor.append(self.problems[-1])

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(self._place(where, message))

    def serious(self) -> list[str]:
        """The problems the guide cannot be shown with."""
        return [p for p in self.problems if p not in self.minor]

    def unique(self, value: str, seen: set[str], where: str, message: str) -> None:
        """A problem when the id ``value`` is already in ``seen`` (then it is in ``seen``)."""
        if value and value in seen:
            self.add(where, message)
        seen.add(value)

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
        short: bool | None = None,
    ) -> str:
        """The text under ``key``, trimmed ("" when missing or unusable). Line breaks are
        allowed only where ``multiline`` (long texts); other control characters never.
        ``short`` (by default: not ``multiline``) texts are shown on one line (names, labels,
        titles): at most MAX_LINE characters and no characters that reorder the text around
        them; the others at most MAX_PARAGRAPHS."""
        if short is None:
            short = not multiline
        value = table.get(key)
        if value is None:
            if required:
                self.add(where, _('"{key}" is missing').format(key=key))
            return ""
        if not isinstance(value, str):
            self.add(where, _('"{key}" must be text in quotes, like "…"').format(key=key))
            return ""
        value = value.replace("\r\n", "\n").strip()
        if (_CONTROL_BUT_NEWLINE if multiline else _CONTROL).search(value):
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
        if short and any(ch in _BIDI for ch in value):
            self.add(
                where,
                _(
                    '"{key}" holds an invisible character that changes the direction of the '
                    "text around it; please retype that text"
                ).format(key=key),
            )
            return ""
        limit = MAX_LINE if short else MAX_PARAGRAPHS
        if len(value) > limit:
            self.add(
                where,
                _('"{key}" is too long (more than {n} characters)').format(key=key, n=limit),
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
        """``last_checked``: "YYYY-MM" or "YYYY-MM-DD", a real date. A date after ``today`` is
        only a warning: the computer's clock may be wrong (a dead battery, a wrong year), and a
        wrong clock must never hide the guide. A date written without quotes (TOML reads it as a
        date) is accepted as the same text."""
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
            self.warn(
                where,
                _(
                    '"last_checked" is in the future ({text}); please give the date it was '
                    "checked, or check this computer's date"
                ).format(text=text),
            )
        return text


def url_problem(url: str) -> str:
    """Why ``url`` cannot be used as a resource's web address, or "" when it can."""
    bad = _(
        'the web address "url" must start with https:// and name a site, like '
        '"https://example.org/page"'
    )
    if len(url) > MAX_URL:
        return _('the web address "url" is too long (more than {n} characters)').format(n=MAX_URL)
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
    if not host.isascii():
        return _(
            'the site name in the web address "url" has letters other than a-z, which can '
            "imitate another site's name; write an international name in its xn-- form"
        )
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL_RE.fullmatch(label) for label in labels):
        return bad
    return ""


def safe_web_address(url: object) -> str | None:
    """``url`` when it is safe to hand to the browser (https, a site name in a-z, 0-9 and
    hyphens, no user name or password, no spaces or hidden characters, at most MAX_URL
    characters), else None. The GUI's last check before opening a link."""
    if not isinstance(url, str) or url_problem(url):
        return None
    return url
