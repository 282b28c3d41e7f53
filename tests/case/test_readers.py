"""The quick readers of stored times take exactly what strptime took, and refuse the rest.

``when._parse_at`` and ``timeline._added_instant`` once read with ``datetime.strptime``; they now
read with a strict pattern and ``datetime.fromisoformat`` (a tenth of the cost). Each is compared
here with the strptime reading it replaced, on every combination of well-formed and odd parts:
parts out of range, one digit, non-ASCII digits, lowercase letters, spaces, the 30th of February
and the 29th in leap and other years, seconds of 60, trailing text, and values that are not text.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from typing import Any

from locker.case import timeline, when

YEARS = ["2026", "2024", "2100", "2000", "1900", "0000", "0001", "9999", "226", "20266", "٢٠٢٦"]
MONTHS = ["01", "02", "09", "10", "12", "00", "13", "1", " 5", "5 ", "٠٥", "99"]
DAYS = ["01", "09", "10", "19", "28", "29", "30", "31", "00", "32", "3", " 3", "3 ", "٣"]
OLD_AT_RE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", re.ASCII)
OTHERS: list[Any] = [None, 5, b"2026-05-03", "", " ", "T", "Z", "2026-05-03\n", "\n2026-05-03"]


def old_parse_at(at: Any) -> datetime | None:
    """when._parse_at as it was, with strptime."""
    if not isinstance(at, str) or OLD_AT_RE.fullmatch(at) is None:
        return None
    try:
        return datetime.strptime(at, "%Y-%m-%dT%H:%M" if "T" in at else "%Y-%m-%d")
    except ValueError:
        return None


def old_added_instant(added_at: Any) -> datetime | None:
    """timeline._added_instant as it was, with strptime."""
    try:
        return datetime.strptime(added_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def test_wall_times_are_read_as_strptime_read_them() -> None:
    times = ["", "T00:00", "T23:59", "T09:05", "T24:00", "T12:60", "T1:05", "T01:5", "t12:00"]
    times += ["T12:00:00", " 12:00", "T12:00Z", "T٠١:٠٠", "T12:00 ", "T"]
    values = [f"{y}-{m}-{d}{t}" for y, m, d, t in itertools.product(YEARS, MONTHS, DAYS, times)]
    read = 0
    for at in values + OTHERS:
        expected = old_parse_at(at)
        assert when._parse_at(at) == expected, at
        assert type(when._parse_at(at)) is type(expected)
        read += expected is not None
    assert read > 1000  # the comparison covers many real dates, not only refusals


def test_times_added_are_read_as_strptime_read_them() -> None:
    times = ["T00:00:00Z", "T23:59:59Z", "T12:34:56Z", "T24:00:00Z", "T12:60:00Z", "T12:00:60Z"]
    times += ["T12:00:61Z", "t12:00:00z", "T1:2:3Z", "T12:00:00", "T12:00:00Z ", "T12:00Z"]
    times += ["T12:00:00+00:00", "T٠١:00:00Z", "T 1:00:00Z", "T12:00:00.5Z", " 12:00:00Z"]
    values = [f"{y}-{m}-{d}{t}" for y, m, d, t in itertools.product(YEARS, MONTHS, DAYS, times)]
    read = 0
    for added_at in values + OTHERS:
        expected = old_added_instant(added_at)
        assert timeline._added_instant(added_at) == expected, added_at
        if expected is not None:
            assert timeline._added_instant(added_at).tzinfo is UTC  # type: ignore[union-attr]
        read += expected is not None
    assert read > 1000
