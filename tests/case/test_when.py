"""Moments with a time zone: real dates, DST gaps and folds, north and south of the equator."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from locker.case.when import (
    check_when,
    describe_when,
    instant,
    offsets_at,
    wall_date,
    wall_time,
)
from locker.vault.errors import InvalidInput

WHAT = "when it started"
NY = "America/New_York"

# (zone, the night the clocks go back, the night they jump forward, a time in the repeated hour,
#  a time in the skipped hour, the offsets of the repeated hour (earlier first), a suggestion)
DST = [
    (
        "America/New_York",
        "2026-11-01",
        "2026-03-08",
        "01:30",
        "02:30",
        ["-04:00", "-05:00"],
        "03:30",
    ),
    ("Europe/London", "2026-10-25", "2026-03-29", "01:30", "01:30", ["+01:00", "+00:00"], "02:30"),
    (
        "Australia/Sydney",
        "2026-04-05",
        "2026-10-04",
        "02:30",
        "02:30",
        ["+11:00", "+10:00"],
        "03:30",
    ),
]


@pytest.mark.parametrize(
    ("zone", "back", "forward", "folded", "skipped", "offsets", "perhaps"), DST
)
def test_offsets_across_dst(zone, back, forward, folded, skipped, offsets, perhaps) -> None:  # type: ignore[no-untyped-def]
    assert offsets_at(f"{back}T{folded}", zone) == offsets
    assert offsets_at(f"{forward}T{skipped}", zone) == []
    assert len(offsets_at(f"{back}T12:00", zone)) == 1
    assert offsets_at(back, zone) == []  # a date only has no single offset
    assert offsets_at(f"{back}T{folded}", "") == []


@pytest.mark.parametrize(
    ("zone", "back", "forward", "folded", "skipped", "offsets", "perhaps"), DST
)
def test_a_skipped_time_is_refused_in_plain_words(
    zone, back, forward, folded, skipped, offsets, perhaps
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as err:
        check_when(f"{forward}T{skipped}", zone, what=WHAT)
    assert str(err.value) == (
        f"In {zone} the clocks jumped forward on {forward}, so {skipped} did not happen there. "
        f"Please check the time (perhaps {perhaps}), or leave the time out."
    )


@pytest.mark.parametrize(
    ("zone", "back", "forward", "folded", "skipped", "offsets", "perhaps"), DST
)
def test_both_times_of_a_fall_back_night(
    zone, back, forward, folded, skipped, offsets, perhaps
) -> None:  # type: ignore[no-untyped-def]
    at = f"{back}T{folded}"
    first, second = offsets
    assert check_when(at, zone, what=WHAT) == first  # no offset given: the earlier one
    assert check_when(at, zone, first, what=WHAT) == first
    assert check_when(at, zone, second, what=WHAT) == second
    a, b = instant(at, zone, first), instant(at, zone, second)
    assert a is not None and b is not None
    assert (b - a).total_seconds() == 3600  # the second one is an hour later
    assert instant(at, zone) == a
    with pytest.raises(InvalidInput, match="not UTC"):
        check_when(at, zone, "+03:00", what=WHAT)
    assert describe_when(at, zone, second) == (
        f"{back} {folded} ({zone}, UTC{second.replace('-', '−')})"
    )


def test_instant_new_york() -> None:
    assert instant("2026-11-01T01:30", "America/New_York", "-04:00") == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    assert instant("2026-11-01T01:30", "America/New_York", "-05:00") == datetime(
        2026, 11, 1, 6, 30, tzinfo=UTC
    )
    assert instant("2026-07-04", "America/New_York") == datetime(2026, 7, 4, 4, 0, tzinfo=UTC)
    # No zone, no offset: read in the floating zone.
    assert instant("2026-07-04T12:00", "") == datetime(2026, 7, 4, 12, 0, tzinfo=UTC)
    assert instant("2026-07-04T12:00", "", floating_zone="Europe/London") == datetime(
        2026, 7, 4, 11, 0, tzinfo=UTC
    )
    assert instant("2026-07-04T12:00", "", "+05:30") == datetime(2026, 7, 4, 6, 30, tzinfo=UTC)
    assert instant("", "America/New_York") is None
    assert instant("2026-02-30", "") is None
    # The extremes of the calendar do not crash.
    assert instant("0001-01-01", "Asia/Tokyo") is not None
    assert instant("9999-12-31T23:59", "America/Los_Angeles") is not None


def test_check_when_accepts_and_returns_the_offset_to_store() -> None:
    assert check_when("", "", what=WHAT) == ""
    assert check_when("", "Europe/Berlin", what=WHAT) == ""
    assert check_when("2026-05-03", "", what=WHAT) == ""
    assert check_when("2026-05-03", "Europe/Berlin", what=WHAT) == ""
    assert check_when("2026-05-03T21:30", "", what=WHAT) == ""
    assert check_when("2026-05-03T21:30", "", "+14:00", what=WHAT) == "+14:00"
    assert check_when("2026-05-03T21:30", "", "-09:30", what=WHAT) == "-09:30"
    assert check_when("2026-05-03T21:30", "Europe/Berlin", what=WHAT) == "+02:00"
    assert check_when("2026-01-03T21:30", "Asia/Kolkata", what=WHAT) == "+05:30"


@pytest.mark.parametrize(
    ("at", "tz", "offset", "words"),
    [
        ("2026-02-30", "", "", "not a real date"),
        ("2026-5-3", "", "", "not a real date"),
        ("2026-05-03T24:00", "", "", "not a real date"),
        ("2026-05-03 21:30", "", "", "not a real date"),
        ("yesterday", "", "", "not a real date"),
        ("2026-05-03", "Mars/Olympus", "", "time zone of when it started is not known"),
        ("2026-05-03T21:30", "", "+14:01", "not one the world uses"),
        ("2026-05-03T21:30", "", "0530", "not one the world uses"),
        ("2026-05-03T21:30", "", "+05:60", "not one the world uses"),
        ("2026-05-03", "", "+02:00", "only means something with a time"),
        ("", "", "+02:00", "no date"),
        ("0026-05-03", "", "", "Please check the year"),
        ("1899-12-31", "", "", "only years from 1900 to 2100 can be recorded for when it started"),
        ("2101-01-01T00:00", "Europe/Berlin", "", "Please check the year"),
    ],
)
def test_check_when_refuses_in_plain_words(at: str, tz: str, offset: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        check_when(at, tz, offset, what=WHAT)


@pytest.mark.parametrize(
    ("at", "tz", "offset"),
    [
        ("9999-12-31T23:30", "America/New_York", ""),
        ("0001-01-01T00:30", "Asia/Tokyo", ""),
        ("0001-01-01T00:30", "", "+14:00"),
        ("9999-12-31T23:59", "Pacific/Kiritimati", ""),
        ("9999-12-31", "Etc/GMT+12", ""),
    ],
)
def test_the_ends_of_the_calendar_are_a_plain_refusal(at: str, tz: str, offset: str) -> None:
    with pytest.raises(InvalidInput, match="Please check the year"):
        check_when(at, tz, offset, what=WHAT)
    # Reading a stored value this far out never raises either.
    assert instant(at, tz, offset) is not None
    assert describe_when(at, tz, offset).startswith(at[:10])
    moment = instant(at, tz, offset)
    assert moment is not None and wall_time(moment, tz, offset)[0][:4] in (at[:4], "0001", "9999")


def test_a_gap_message_at_the_ends_of_the_calendar_is_not_an_overflow() -> None:
    from zoneinfo import ZoneInfo

    from locker.case import when

    problem = when._gap_problem(datetime(9999, 12, 31, 23, 30), NY, ZoneInfo(NY), "when it started")
    assert isinstance(problem, InvalidInput) and "not a real date" in str(problem)


def test_check_when_wrong_types() -> None:
    with pytest.raises(InvalidInput, match="must be text"):
        check_when(20260503, "", what=WHAT)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="must be text"):
        check_when("2026-05-03", None, what=WHAT)  # type: ignore[arg-type]


def test_describe_when() -> None:
    assert describe_when("", "") == ""
    assert describe_when("2026-05-03", "") == "2026-05-03 (zone not known)"
    assert describe_when("2026-05-03", "Europe/Paris") == "2026-05-03 (Europe/Paris)"
    assert describe_when("2026-05-03T21:30", "") == "2026-05-03 21:30 (zone not known)"
    assert describe_when("2026-05-03T21:30", "", "+05:30") == "2026-05-03 21:30 (UTC+05:30)"
    assert (
        describe_when("2026-05-03T21:30", "Europe/Paris")
        == "2026-05-03 21:30 (Europe/Paris, UTC+02:00)"
    )
    # A stored value that cannot be read is shown safely, not raised.
    assert describe_when("2026\x1b[2J", "") == "2026\ufffd[2J"


def test_wall_date() -> None:
    assert wall_date("2026-11-01T01:30") == date(2026, 11, 1)
    assert wall_date("2026-11-01") == date(2026, 11, 1)
    assert wall_date("") is None
    assert wall_date("2026-13-01") is None


def test_times_sort_by_instant_not_by_wall_clock() -> None:
    # 01:45 at -04:00 happened before 01:15 at -05:00 on the New York fall-back night.
    zone = "America/New_York"
    moments = [
        ("2026-11-01T01:15", "-05:00"),
        ("2026-11-01T01:45", "-04:00"),
        ("2026-11-01T01:15", "-04:00"),
        ("2026-11-01T01:45", "-05:00"),
    ]
    ordered = sorted(moments, key=lambda m: instant(m[0], zone, m[1]))  # type: ignore[arg-type,return-value]
    assert ordered == [
        ("2026-11-01T01:15", "-04:00"),
        ("2026-11-01T01:45", "-04:00"),
        ("2026-11-01T01:15", "-05:00"),
        ("2026-11-01T01:45", "-05:00"),
    ]


@pytest.mark.parametrize(
    ("moment", "tz", "offset", "expected"),
    [
        # The two 01:30s of the night New York's clocks went back, and a summer afternoon.
        (datetime(2026, 11, 1, 5, 30, tzinfo=UTC), NY, "", ("2026-11-01T01:30", "-04:00")),
        (datetime(2026, 11, 1, 6, 30, tzinfo=UTC), NY, "-04:00", ("2026-11-01T01:30", "-05:00")),
        (datetime(2026, 6, 3, 14, 0, tzinfo=UTC), NY, "", ("2026-06-03T10:00", "-04:00")),
        # No zone: the offset given; a zone this computer does not know: its offset too.
        (datetime(2026, 6, 3, 14, 0, tzinfo=UTC), "", "+05:30", ("2026-06-03T19:30", "+05:30")),
        (
            datetime(2026, 6, 3, 14, 0, tzinfo=UTC),
            "Mars/Olympus",
            "-03:00",
            ("2026-06-03T11:00", "-03:00"),
        ),
        (datetime(2026, 6, 3, 14, 0, tzinfo=UTC), "", "", ("2026-06-03T14:00", "+00:00")),
    ],
)
def test_wall_time_is_the_way_back_from_instant(
    moment: datetime, tz: str, offset: str, expected: tuple[str, str]
) -> None:
    assert wall_time(moment, tz, offset) == expected
    at, shown = expected
    assert instant(at, tz if tz == NY else "", shown) == moment
