"""The takedown tracker: follow-ups, the TAKE IT DOWN Act's 48-hour deadline, status history,
the custody log, bad input refused with nothing changed, and a round trip of every field."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from locker.case import takedowns
from locker.case.takedowns import (
    METHODS,
    STATUSES,
    StatusChange,
    Takedown,
    add_takedown,
    deadline_note,
    deadline_state,
    delete_takedown,
    find_takedown,
    follow_up_state,
    list_takedowns,
    removal_deadline,
    update_takedown,
)
from locker.vault.errors import InvalidInput
from tests.case.local_zone import local_time_zone
from tests.conftest import open_vault

NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 6, 10)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The UTC times the module records, in order (the last one repeats)."""
    times: list[str] = []

    def now() -> str:
        return times.pop(0) if len(times) > 1 else times[0]

    monkeypatch.setattr(takedowns, "now_utc", now)
    return times


def log_of(v: Any) -> list[Any]:
    entries, problems = v.custody_log()
    assert not problems
    return list(entries)


# --- follow-ups -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "status", "expected"),
    [
        ("2026-06-09", "reported", "overdue"),  # yesterday
        ("2026-06-10", "reported", "today"),
        ("2026-06-11", "reported", "later"),  # tomorrow
        ("2026-06-09", "refused", "overdue"),
        ("2026-06-09", "reappeared", "overdue"),
        ("2025-01-01", "removed", "none"),  # removed is never overdue
        ("2026-06-09", "removed", "none"),
        ("2026-06-10", "removed", "today"),
        ("2026-06-11", "removed", "later"),
        ("", "reported", "none"),
        ("not a date", "reported", "none"),  # a damaged value reads as no date, not a crash
    ],
)
def test_follow_up_state_at_the_day_boundaries(follow_up: str, status: str, expected: str) -> None:
    t = Takedown(id="a", url="https://example.com/p/1", follow_up=follow_up, status=status)
    assert follow_up_state(t, TODAY) == expected


def test_follow_up_state_uses_the_day_passed_in() -> None:
    t = Takedown(id="a", url="u", follow_up="2026-12-31")
    assert follow_up_state(t, date(2026, 12, 30)) == "later"
    assert follow_up_state(t, date(2026, 12, 31)) == "today"
    assert follow_up_state(t, date(2027, 1, 1)) == "overdue"


# --- the 48-hour deadline ---------------------------------------------------------------------


def test_deadline_is_48_real_hours_across_the_night_the_clocks_go_back(vault: Any) -> None:
    t = add_takedown(
        vault,
        "https://example.com/p/1",
        reported_at="2026-11-01T00:30",
        reported_tz="America/New_York",
        us_platform=True,
    )
    assert t.reported_offset == "-04:00"  # still summer time at 00:30
    deadline = removal_deadline(t)
    assert deadline is not None and deadline.due is not None
    assert deadline.due == utc(2026, 11, 1, 4, 30) + timedelta(hours=48)
    local = deadline.due.astimezone(NEW_YORK)
    assert (local.date(), local.hour, local.minute) == (date(2026, 11, 2), 23, 30)
    assert deadline.due_date == date(2026, 11, 2)
    assert deadline_state(t, deadline.due) == "running"
    assert deadline_state(t, deadline.due + timedelta(minutes=1)) == "passed"
    assert deadline_note(t) == ""


def test_deadline_across_the_night_the_clocks_jump_forward() -> None:
    t = Takedown(
        id="a",
        url="u",
        reported_at="2027-03-13T12:00",  # the clocks jump forward on 14 March 2027
        reported_tz="America/New_York",
        reported_offset="-05:00",
        us_platform=True,
    )
    deadline = removal_deadline(t)
    assert deadline is not None and deadline.due is not None
    assert deadline.due.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2027, 3, 15, 13, 0)
    assert deadline.due - utc(2027, 3, 13, 17, 0) == timedelta(hours=48)


def test_deadline_day_is_the_day_in_the_reports_zone() -> None:
    # 20:00 in Los Angeles on 1 June is 03:00 UTC on 2 June; due 20:00 on 3 June, local.
    t = Takedown(
        id="a",
        url="u",
        reported_at="2026-06-01T20:00",
        reported_tz="America/Los_Angeles",
        reported_offset="-07:00",
        us_platform=True,
    )
    deadline = removal_deadline(t)
    assert deadline is not None
    assert deadline.due == utc(2026, 6, 4, 3, 0)
    assert deadline.due_date == date(2026, 6, 3)


def test_deadline_with_an_offset_and_no_zone() -> None:
    t = Takedown(
        id="a", url="u", reported_at="2026-06-01T23:00", reported_offset="+02:00", us_platform=True
    )
    deadline = removal_deadline(t)
    assert deadline is not None
    assert deadline.due == utc(2026, 6, 3, 21, 0)
    assert deadline.due_date == date(2026, 6, 3)


@pytest.mark.parametrize(
    ("at", "tz"),
    [("2026-06-01", "America/New_York"), ("2026-06-01", ""), ("2026-06-01T09:00", "")],
)
def test_deadline_for_a_date_only_report_is_two_days_later(at: str, tz: str) -> None:
    # A time with no zone and no offset is not a moment: it counts as the date only.
    t = Takedown(id="a", url="u", reported_at=at, reported_tz=tz, us_platform=True)
    deadline = removal_deadline(t)
    assert deadline is not None
    assert deadline.due is None
    assert deadline.due_date == date(2026, 6, 3)
    assert deadline_state(t, utc(2026, 6, 3, 23, 59), date(2026, 6, 3)) == "running"
    assert deadline_state(t, utc(2026, 6, 4, 0, 0), date(2026, 6, 4)) == "passed"


def test_a_date_only_deadline_runs_to_the_end_of_the_persons_own_day() -> None:
    # Evening of 3 June in New York is already 4 June in UTC: the deadline has not passed for
    # the person there until their own calendar shows 4 June.
    t = Takedown(id="a", url="u", reported_at="2026-06-01", us_platform=True)
    evening = utc(2026, 6, 4, 2, 0)  # 22:00 on 3 June in New York
    assert deadline_state(t, evening, date(2026, 6, 3)) == "running"
    assert deadline_state(t, evening + timedelta(hours=2), date(2026, 6, 4)) == "passed"
    # East of UTC the person's 4 June starts while UTC still shows 3 June.
    assert deadline_state(t, utc(2026, 6, 3, 20, 0), date(2026, 6, 4)) == "passed"
    deadline = removal_deadline(t)
    assert deadline is not None
    assert not deadline.passed(evening, date(2026, 6, 3))
    assert deadline.passed(evening, date(2026, 6, 4))


def test_a_timed_deadline_goes_by_the_moment_not_by_today() -> None:
    t = Takedown(
        id="a",
        url="u",
        reported_at="2026-06-01T10:00",
        reported_tz="America/Chicago",
        reported_offset="-05:00",
        us_platform=True,
    )
    due = utc(2026, 6, 3, 15, 0)
    assert deadline_state(t, due, date(2026, 6, 30)) == "running"
    assert deadline_state(t, due + timedelta(seconds=1), date(2026, 6, 1)) == "passed"


def test_without_today_a_date_only_deadline_uses_this_computers_date() -> None:
    t = Takedown(id="a", url="u", reported_at="2026-06-01", us_platform=True)
    with local_time_zone("America/Los_Angeles"):
        assert deadline_state(t, utc(2026, 6, 4, 6, 59)) == "running"  # 23:59 on 3 June there
        assert deadline_state(t, utc(2026, 6, 4, 7, 0)) == "passed"  # midnight, 4 June
    with local_time_zone("Asia/Tokyo"):
        assert deadline_state(t, utc(2026, 6, 3, 14, 59)) == "running"  # 23:59 on 3 June there
        assert deadline_state(t, utc(2026, 6, 3, 15, 0)) == "passed"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"us_platform": False}, "not a US platform"),
        ({"method": "stopncii"}, "StopNCII is not a platform report"),
        ({"method": "dmca"}, "DMCA notice is a copyright notice, not a request under the TAKE"),
        ({"method": "search-engine"}, "search engine is not the platform hosting it"),
        ({"reported_at": "", "reported_tz": "", "reported_offset": ""}, "not known"),
        ({"reported_at": "2026-05-18T23:59"}, "before 19 May 2026"),
        ({"reported_at": "2025-12-01"}, "before 19 May 2026"),
    ],
)
def test_no_deadline_and_the_reason_in_words(changes: dict[str, Any], reason: str) -> None:
    values: dict[str, Any] = {
        "reported_at": "2026-06-01T10:00",
        "reported_tz": "America/Chicago",
        "reported_offset": "-05:00",
        "us_platform": True,
        **changes,
    }
    t = Takedown(id="a", url="u", **values)
    assert removal_deadline(t) is None
    assert deadline_state(t, utc(2026, 7, 1)) == "none"
    assert reason in deadline_note(t)


def test_the_law_applies_from_its_first_day() -> None:
    t = Takedown(id="a", url="u", reported_at="2026-05-19", us_platform=True)
    deadline = removal_deadline(t)
    assert deadline is not None and deadline.due_date == date(2026, 5, 21)
    assert date(2026, 5, 19) == takedowns.TAKE_IT_DOWN_FROM


def test_deadline_states_as_the_status_changes(vault: Any, clock: list[str]) -> None:
    clock[:] = ["2026-06-01T15:00:00Z"]
    t = add_takedown(
        vault, "https://x.test/1", reported_at="2026-06-01T10:00", reported_tz="America/Chicago"
    )
    t = update_takedown(vault, t.id, us_platform=True)
    due = utc(2026, 6, 3, 15, 0)
    assert removal_deadline(t) == takedowns.Deadline(due, date(2026, 6, 3))
    assert deadline_state(t, due - timedelta(hours=1)) == "running"
    clock[:] = ["2026-06-03T14:59:59Z"]
    removed = update_takedown(vault, t.id, status="removed")
    assert deadline_state(removed, due + timedelta(days=30)) == "met"
    refused = update_takedown(vault, t.id, status="refused")
    assert deadline_state(refused, due + timedelta(days=30)) == "none"


def test_marked_removed_after_the_deadline_is_removed_late(vault: Any, clock: list[str]) -> None:
    clock[:] = ["2026-06-01T15:00:00Z", "2026-06-03T15:00:01Z"]
    t = add_takedown(
        vault,
        "https://x.test/1",
        reported_at="2026-06-01T10:00",
        reported_tz="America/Chicago",
        us_platform=True,
    )
    t = update_takedown(vault, t.id, status="removed")
    assert t.history[-1].at == "2026-06-03T15:00:01Z"
    assert deadline_state(t, utc(2026, 6, 3, 15, 0, 2)) == "removed-late"


def test_date_only_report_removed_on_its_due_day_is_met(vault: Any, clock: list[str]) -> None:
    # Marked removed at 23:59 on 3 June in New York (03:59 on 4 June, UTC): on its due day.
    clock[:] = ["2026-06-01T09:00:00Z", "2026-06-04T03:59:59Z"]
    on_time = add_takedown(vault, "https://x.test/1", reported_at="2026-06-01", us_platform=True)
    on_time = update_takedown(vault, on_time.id, status="removed")
    late = Takedown(**{**on_time.__dict__, "history": list(on_time.history)})
    late.history[-1] = StatusChange("2026-06-04T04:00:00Z", "removed")  # midnight there
    with local_time_zone("America/New_York"):
        assert deadline_state(on_time, utc(2026, 7, 1), date(2026, 7, 1)) == "met"
        assert deadline_state(late, utc(2026, 7, 1), date(2026, 7, 1)) == "removed-late"


def test_entered_as_already_removed_says_removed_not_in_time(vault: Any, clock: list[str]) -> None:
    # Recording an old request after the fact does not say when the platform removed it, so
    # the program does not claim it was removed in time.
    clock[:] = ["2026-07-01T09:00:00Z", "2026-07-02T09:00:00Z", "2026-07-03T09:00:00Z"]
    t = add_takedown(
        vault, "https://x.test/1", reported_at="2026-06-01", us_platform=True, status="removed"
    )
    assert [c.status for c in t.history] == ["removed"]
    assert deadline_state(t, utc(2026, 7, 1, 10)) == "removed"
    # It came back and was taken down again: the first removal's time is still not known.
    t = update_takedown(vault, t.id, status="reappeared")
    t = update_takedown(vault, t.id, status="removed")
    assert deadline_state(t, utc(2026, 7, 4)) == "removed"


def test_a_dmca_notice_or_a_search_engine_request_never_has_a_48_hour_deadline() -> None:
    for method in ("dmca", "search-engine"):
        t = Takedown(
            id="a", url="u", reported_at="2026-06-01T10:00", reported_tz="America/Chicago",
            us_platform=True, method=method,
        )  # fmt: skip
        assert removal_deadline(t) is None
        assert deadline_state(t, utc(2026, 7, 1)) == "none"  # never "passed"
    for method in ("form", "email", "other"):
        t = Takedown(id="a", url="u", reported_at="2026-06-01", us_platform=True, method=method)
        assert deadline_state(t, utc(2026, 7, 1)) == "passed"


def test_what_is_said_once_48_hours_have_passed_is_conditional() -> None:
    advice = takedowns.passed_advice("Wed 3 Jun 10:00")
    assert advice.startswith("If your request met the law's requirements, the platform should")
    assert "removed it by Wed 3 Jun 10:00" in advice
    assert "follow up with the platform" in advice and "Federal Trade Commission" in advice
    assert "had to" not in advice and "must" not in advice


# --- history and the custody log --------------------------------------------------------------


def test_status_changes_are_kept_in_history_and_the_custody_log(
    new_vault: tuple[Path, str], clock: list[str]
) -> None:
    clock[:] = ["2026-06-01T10:00:00Z", "2026-06-02T11:00:00Z", "2026-06-05T12:00:00Z"]
    with open_vault(new_vault[0]) as v:
        start = len(log_of(v))
        t = add_takedown(v, "https://secret.example/p/1", ticket="SECRET-TICKET-77")
        update_takedown(v, t.id, "They wrote back: removed.", status="removed")
        update_takedown(v, t.id, follow_up="2026-07-01", ticket="SECRET-TICKET-78")
        update_takedown(v, t.id, follow_up="2026-07-01")  # no change: no entry
        update_takedown(v, t.id, status="reappeared")
    with open_vault(new_vault[0]) as v:
        stored = find_takedown(v, t.id)
        entries = log_of(v)[start:]
        plaintext = v.get(takedowns.TAKEDOWN_TABLE, t.id, "meta")
    assert stored.history == [
        StatusChange("2026-06-01T10:00:00Z", "reported"),
        StatusChange("2026-06-02T11:00:00Z", "removed", "They wrote back: removed."),
        StatusChange("2026-06-05T12:00:00Z", "reappeared"),
    ]
    assert stored.created_at == "2026-06-01T10:00:00Z"
    assert stored.updated_at == "2026-06-05T12:00:00Z"
    assert [(e.action, e.item) for e in entries] == [
        ("takedown-add", t.id),
        ("takedown-edit", t.id),
        ("takedown-edit", t.id),
        ("takedown-edit", t.id),
    ]
    assert entries[1].summary == "Changed: status."
    assert entries[2].summary == "Changed: ticket or case number, follow-up date."
    for e in entries:
        assert "SECRET" not in e.summary and "secret.example" not in e.summary
        assert "wrote back" not in e.summary and "removed" not in e.summary.lower()
    assert entries[-1].record == hashlib.sha256(plaintext).hexdigest()


def test_the_time_of_a_report_changed_is_named_once(vault: Any) -> None:
    t = add_takedown(vault, "https://x.test/1", reported_at="2026-11-01T01:30")
    t = update_takedown(
        vault, t.id, reported_tz="America/New_York", reported_offset="-05:00", method="dmca"
    )
    assert (t.reported_at, t.reported_tz, t.reported_offset) == (
        "2026-11-01T01:30",
        "America/New_York",
        "-05:00",  # the second 01:30
    )
    assert log_of(vault)[-1].summary == "Changed: when it was reported, how it was reported."
    # a new time with no offset given: the offset is worked out again, not kept from before
    t = update_takedown(vault, t.id, reported_at="2026-07-01T09:00")
    assert t.reported_offset == "-04:00"


def test_delete_and_find_by_prefix(vault: Any) -> None:
    a = add_takedown(vault, "https://x.test/a")
    b = add_takedown(vault, "https://x.test/b")
    assert find_takedown(vault, a.id[:6].upper()).id == a.id
    delete_takedown(vault, a.id)
    assert [t.id for t in list_takedowns(vault)[0]] == [b.id]
    entry = log_of(vault)[-1]
    assert (entry.action, entry.item, entry.record) == ("takedown-delete", a.id, None)
    with pytest.raises(InvalidInput, match="no takedown"):
        find_takedown(vault, a.id)
    with pytest.raises(InvalidInput, match="no takedown"):
        delete_takedown(vault, a.id)


def test_a_damaged_record_is_named_and_the_others_stay_readable(vault: Any) -> None:
    good = add_takedown(vault, "https://x.test/a")
    vault.put_json(takedowns.TAKEDOWN_TABLE, "00112233aabbccdd", "meta", {"url": 5})
    found, damaged = list_takedowns(vault)
    assert [t.id for t in found] == [good.id]
    assert damaged == ["00112233aabbccdd"]


# --- bad input --------------------------------------------------------------------------------

BAD_ADD = [
    ({"url": "   "}, "web address"),
    ({"url": ""}, "web address"),
    ({"status": "gone"}, "status"),
    ({"method": "fax"}, "How it was reported"),
    ({"follow_up": "2026-02-30"}, "follow-up date"),
    ({"follow_up": "next week"}, "follow-up date"),
    ({"follow_up": "2026-06-01T10:00"}, "follow-up date"),
    ({"us_platform": "yes"}, "yes or no"),
    ({"ticket": 7}, "must be text"),
    ({"history": []}, "can't be set"),
    ({"created_at": "2020-01-01T00:00:00Z"}, "can't be set"),
    ({"reported_at": "2026-03-08T02:30", "reported_tz": "America/New_York"}, "did not happen"),
    ({"reported_at": "2026-13-01"}, "not a real date"),
    ({"reported_at": "2026-06-01T10:00", "reported_tz": "Mars/Olympus"}, "not known"),
    ({"reported_at": "2026-06-01T10:00", "reported_offset": "+15:00"}, "offset"),
    ({"incident": "ffffffffffffffff"}, "incident"),
]


@pytest.mark.parametrize(("values", "message"), BAD_ADD)
def test_bad_input_is_refused_and_nothing_is_added(
    vault: Any, values: dict[str, Any], message: str
) -> None:
    before = len(log_of(vault))
    values = dict(values)
    url = values.pop("url", "https://x.test/1")
    with pytest.raises(InvalidInput, match=message):
        add_takedown(vault, url, **values)
    assert list_takedowns(vault) == ([], [])
    assert len(log_of(vault)) == before


@pytest.mark.parametrize(("values", "message"), BAD_ADD)
def test_bad_input_is_refused_and_nothing_is_changed(
    vault: Any, values: dict[str, Any], message: str
) -> None:
    t = add_takedown(vault, "https://x.test/1", ticket="A-1", follow_up="2026-07-01")
    before = len(log_of(vault))
    with pytest.raises(InvalidInput, match=message):
        update_takedown(vault, t.id, **values)
    assert find_takedown(vault, t.id) == t
    assert len(log_of(vault)) == before


def test_a_bad_note_for_the_history_changes_nothing(vault: Any) -> None:
    t = add_takedown(vault, "https://x.test/1")
    with pytest.raises(InvalidInput):
        update_takedown(vault, t.id, None, status="removed")  # type: ignore[arg-type]
    assert find_takedown(vault, t.id) == t


# --- round trip, words ------------------------------------------------------------------------


def test_every_field_round_trips_with_non_latin_text(new_vault: tuple[Path, str]) -> None:
    from locker.case import incidents

    with open_vault(new_vault[0]) as v:
        incident = incidents.add_incident(v, title="Выложено на форуме")
        t = add_takedown(
            v,
            "  https://пример.рф/страница?q=私の写真  ",
            platform="微博 Weibo",
            reported_at="2026-11-01T01:30",
            reported_tz="America/New_York",
            reported_offset="-05:00",
            method="email",
            ticket="  تذكرة-٤٥٦  ",
            status="refused",
            follow_up="2026-11-15",
            us_platform=True,
            incident=incident.id[:6],
            note="Ответили: «не нарушает правила».\n第二行 😟",
        )
    with open_vault(new_vault[0]) as v:
        (stored,), damaged = list_takedowns(v)
    assert damaged == []
    assert stored == t
    assert stored.url == "https://пример.рф/страница?q=私の写真"  # trimmed
    assert stored.ticket == "تذكرة-٤٥٦"
    assert stored.incident == incident.id  # the full id, from its first characters
    assert stored.note == "Ответили: «не нарушает правила».\n第二行 😟"
    assert (stored.reported_offset, stored.method, stored.status) == ("-05:00", "email", "refused")
    assert stored.us_platform is True
    assert [c.status for c in stored.history] == ["refused"]


def test_nothing_is_readable_in_the_vault_file(new_vault: tuple[Path, str]) -> None:
    marker = "MARKER-Tk7Qz-Ü"
    with open_vault(new_vault[0]) as v:
        t = add_takedown(v, f"https://{marker}.example/", platform=marker, ticket=marker)
        update_takedown(v, t.id, marker, status="removed", note=marker)
    data = b"".join(p.read_bytes() for p in new_vault[0].parent.glob(new_vault[0].name + "*"))
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert marker.encode(encoding) not in data


def test_labels_and_the_ticket_note_in_words() -> None:
    methods = [takedowns.method_label(m) for m in METHODS]
    statuses = [takedowns.status_label(s) for s in STATUSES]
    assert all(methods) and len(set(methods)) == len(METHODS)
    assert all(statuses) and len(set(statuses)) == len(STATUSES)
    assert takedowns.method_label("stopncii") == "StopNCII.org"
    unknown = takedowns.method_label("\x1bfax\n")  # an unknown stored value, cleaned
    assert "fax" in unknown and "\x1b" not in unknown and "\n" not in unknown
    note = takedowns.TICKET_NOTE
    assert "case number" in note and "never the PIN" in note
    assert "withdraw" in note
