"""`locker incident ...` and `locker takedown ...` (the contract's CLI section): what a script or a
person at a terminal sees. Most calls run cli.main in-process (fast); a few run the real command."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.case.local_zone import local_time_zone
from tests.conftest import PW, one_line, run_locker, sha256_file

NY = "America/New_York"


class Locker:
    """`locker ...` on one vault, in-process: (exit code, stdout, stderr)."""

    def __init__(self, path: Path, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch):
        self.path, self.capsys, self.mp = path, capsys, mp

    def __call__(self, *args: str, stdin: str = PW) -> tuple[int, str, str]:
        from locker import cli

        n = 2 if args[0] in ("incident", "takedown") else 1  # VAULT goes after the command
        command, rest = args[:n], args[n:]
        self.mp.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = cli.main([*command, str(self.path), *rest, "--passphrase-stdin"])
        except SystemExit as exc:  # argparse: usage errors
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out

    def json(self, *args: str) -> object:
        out = self.ok(*args, "--json")
        assert out.isascii()
        return json.loads(out)


@pytest.fixture
def locker(
    new_vault: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Locker:
    return Locker(new_vault[0], capsys, monkeypatch)


def _add_item(locker: Locker, tmp_path: Path, title: str) -> str:
    f = tmp_path / f"{len(list(tmp_path.iterdir()))}.txt"
    f.write_text("a screenshot, as text")
    return locker.ok("add", str(f), "--title", title).strip()


def test_incident_round_trip_with_non_latin_text_and_the_second_0130_of_a_dst_night(
    locker: Locker, tmp_path: Path
) -> None:
    from locker.case import when

    item = _add_item(locker, tmp_path, "Скриншот поста")
    # The *second* 01:30 of the night New York's clocks went back (EDT -04:00, then EST -05:00).
    incident = locker.ok(
        "incident", "add",
        "--title", "Пост на форуме",
        "--when", "2026-11-01T01:30-05:00", "--tz", NY, "--until", "2026-11-03T22:00",
        "--platform", "微博",
        "--url", "https://example.org/t/1", "--url", "https://example.org/t/2",
        "--account", "@ангел", "--account", "@second",
        "--responsible", "أحمد", "--relationship", "ex-partner",
        "--what", "Posted the photo.\nThen wrote to my sister — «pourquoi?»",
        "--witness", "Zoë Ångström; +47 555 0100", "--witness", "Sam",
        "--report", "Politi; 2026-11-02; 26-1187; Ødegaard", "--report", "School",
        "--link", item[:6],
    ).strip()  # fmt: skip
    # The first 01:30 (no offset given: the earlier one), added later, listed first.
    first = locker.ok(
        "incident", "add", "--title", "Earlier message", "--when", "2026-11-01T01:30", "--tz", NY
    ).strip()

    log = locker.json("log")
    assert isinstance(log, list)
    adds = [e for e in log if e["item"] == incident]
    assert [e["action"] for e in adds] == ["incident-add"]  # the --link with it: one entry
    assert adds[0]["summary"].endswith(f"Linked evidence item {item} to the incident.")

    listed = locker.json("incident", "list")
    assert [i["id"] for i in listed] == [first, incident]
    assert listed[0]["start_offset"] == "-04:00"
    record = listed[1]
    assert record == locker.json("incident", "show", incident[:5])
    expected = {
        "title": "Пост на форуме",
        "start_at": "2026-11-01T01:30", "start_tz": NY, "start_offset": "-05:00",
        "end_at": "2026-11-03T22:00", "end_tz": NY, "end_offset": "-05:00",
        "platform": "微博",
        "urls": ["https://example.org/t/1", "https://example.org/t/2"],
        "accounts": ["@ангел", "@second"],
        "responsible": "أحمد", "relationship": "ex-partner",
        "description": "Posted the photo.\nThen wrote to my sister — «pourquoi?»",
        "witnesses": [
            {"name": "Zoë Ångström", "contact": "+47 555 0100"}, {"name": "Sam", "contact": ""}
        ],
        "reports": [
            {"to": "Politi", "date": "2026-11-02", "number": "26-1187", "officer": "Ødegaard",
             "note": ""},
            {"to": "School", "date": "", "number": "", "officer": "", "note": ""},
        ],
        "evidence": [item],
    }  # fmt: skip
    assert {k: record[k] for k in expected} == expected
    assert {"id", "created_at", "updated_at"} <= set(record)
    assert "salt" not in record  # the record's random salt stays inside the vault

    lines = locker.ok("incident", "list").splitlines()
    assert lines[0].startswith(first) and lines[1].startswith(incident)
    assert "2026-11-01 01:30 (America/New_York, UTC\u221205:00)" in lines[1]
    assert "微博" in lines[1] and "1 item" in lines[1] and "Пост на форуме" in lines[1]

    shown = locker.ok("incident", "show", incident)
    assert when.describe_when("2026-11-01T01:30", NY, "-05:00") in shown
    assert "    Then wrote to my sister — «pourquoi?»" in shown.splitlines()
    for text in ("أحمد", "Zoë Ångström", "26-1187", "@ангел", f"{item}  Скриншот поста"):
        assert text in shown


def test_times_that_cannot_be_read_or_did_not_happen_store_nothing(locker: Locker) -> None:
    before = sha256_file(locker.path)
    for args, words in (
        (("--when", "2026-03-08T02:30", "--tz", NY), "did not happen"),  # the DST gap
        (("--when", "2026-11-01T01:30-06:00", "--tz", NY), "UTC\u221204:00 or UTC\u221205:00"),
        (("--when", "yesterday"), "--when: please write the date"),
        (("--when", "2026-02-30"), "not a real date"),
        (("--when", "2026-05-01", "--tz", "Mars/Olympus"), "time zone is not known"),
        (("--report", "Police; 2026-13-01"), "--report: please write a date"),
        (("--when", "0026-05-03"), "Please check the year: only years from 1900 to 2100"),
        (("--until", "2206-05-03", "--when", "2026-05-03"), "Please check the year"),
        (("--report", "Police; 1026-05-03"), "recorded for --report"),
        (("--witness", "Sam; 555; Oslo"), 'at most 2 parts separated by ";"'),
    ):
        # Refused before the passphrase is even read (stdin is empty here).
        code, out, err = locker("incident", "add", "--title", "x", *args, stdin="")
        assert code == 2, (args, err)
        assert words in one_line(err), args
        assert out == ""
    assert sha256_file(locker.path) == before
    assert locker.json("incident", "list") == []


def test_show_says_none_for_empty_lists_and_not_recorded_for_empty_details(
    locker: Locker,
) -> None:
    incident = locker.ok("incident", "add", "--title", "Only a title").strip()
    shown = {
        line.split(":", 1)[0]: line.split(":", 1)[1].strip()
        for line in locker.ok("incident", "show", incident).splitlines()
    }
    for label in ("Witnesses", "Reports made", "Linked evidence"):
        assert shown[label] == "(none)", label
    for label in ("Started", "Platform", "Believed responsible", "What happened"):
        assert shown[label] == "(not recorded)", label
    assert shown["Title"] == "Only a title"


def test_link_and_unlink_evidence_and_unknown_ids(locker: Locker, tmp_path: Path) -> None:
    a = _add_item(locker, tmp_path, "Message")
    b = _add_item(locker, tmp_path, "Profile page")
    incident = locker.ok("incident", "add", "--what", "Messages all night\nand more").strip()

    out = locker.ok("incident", "link", incident, a, b[:8])
    assert out.splitlines() == [f"Linked: {a}  Message", f"Linked: {b}  Profile page"]
    assert locker.ok("incident", "link", incident, a).strip() == f"Already linked: {a}  Message"
    assert locker.json("incident", "show", incident)["evidence"] == [a, b]
    assert "Messages all night" in locker.ok("incident", "list")  # the label: its first line

    assert locker.ok("incident", "unlink", incident, a).strip() == f"Unlinked: {a}  Message"
    assert locker.json("incident", "show", incident)["evidence"] == [b]
    actions = [e["action"] for e in locker.json("log")]
    assert actions.count("link") == 1 and actions.count("unlink") == 1  # one per command

    before = sha256_file(locker.path)
    for args, words in (
        (("incident", "unlink", incident, a), "not linked to this incident"),
        (("incident", "link", incident, "0123456789abcdef"), "no item with that id"),
        (("incident", "show", "0123456789abcdef"), "no incident with that id"),
        (("incident", "link", "ffff", a), "no incident with that id"),
        (("incident", "add", "--link", "0123456789abcdef", "--title", "t"), "no item with that"),
    ):
        code, _out, err = locker(*args)
        assert code == 2, args
        assert words in one_line(err), args
    assert sha256_file(locker.path) == before  # the refused add left no incident behind


def test_a_date_only_deadline_goes_by_the_local_calendar(
    locker: Locker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from locker import cli_takedown

    now = datetime(2026, 6, 4, 3, 59, tzinfo=UTC)  # 23:59 on 3 June in New York
    monkeypatch.setattr(cli_takedown, "_now", lambda: now)
    locker.ok(
        "takedown", "add", "https://x.example/p/2", "--us-platform", "--reported", "2026-06-01"
    )
    with local_time_zone(NY):
        row = locker.json("takedown", "list")[0]
        assert (row["deadline_date"], row["deadline_state"]) == ("2026-06-03", "running")
        assert "removal due by 2026-06-03 (48 hours)" in locker.ok("takedown", "list")
        now = datetime(2026, 6, 4, 4, 0, tzinfo=UTC)  # midnight there: 4 June
        assert locker.json("takedown", "list")[0]["deadline_state"] == "passed"
        assert "48 hours passed on 2026-06-03" in locker.ok("takedown", "list")


def test_takedowns_follow_ups_and_the_48_hour_deadline(
    locker: Locker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from locker import cli_takedown

    now = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(cli_takedown, "_now", lambda: now)
    today = now.astimezone().date().isoformat()
    overdue = locker.ok(
        "takedown", "add", "https://x.example/p/1", "--platform", "X", "--us-platform",
        "--reported", "2026-06-01T10:00", "--tz", NY, "--follow-up", "2000-01-01",
        "--ticket", "T-1", "--note", "first report",
    ).strip()  # fmt: skip
    later = locker.ok(
        "takedown", "add", "https://stopncii.example", "--how", "stopncii", "--ticket", "CASE-9",
        "--reported", "2026-06-01", "--follow-up", "2099-12-31",
    ).strip()  # fmt: skip
    due_today = locker.ok("takedown", "add", "https://y.example/z", "--follow-up", today).strip()

    rows = {r["id"]: r for r in locker.json("takedown", "list")}
    assert rows[overdue]["follow_up_state"] == "overdue"
    assert rows[later]["follow_up_state"] == "later"
    assert rows[due_today]["follow_up_state"] == "today"
    # 10:00 EDT on 1 June + 48 hours = 14:00 UTC on 3 June.
    assert rows[overdue]["deadline_due"] == "2026-06-03T14:00:00Z"
    assert rows[overdue]["deadline_date"] == "2026-06-03"
    assert rows[overdue]["deadline_state"] == "running"
    assert rows[later]["deadline_due"] is None and rows[later]["deadline_state"] == "none"
    assert rows[overdue]["ticket"] == "T-1" and rows[later]["method"] == "stopncii"

    code, out, err = locker("takedown", "list")
    lines = {line[:16]: line for line in out.splitlines()}
    assert "follow up 2000-01-01: overdue" in lines[overdue]
    assert "check the page, then update its status or set a new follow-up date" in one_line(err)
    assert (
        "removal due by 2026-06-03 10:00 (America/New_York, UTC\u221204:00) (48 hours)"
        in (lines[overdue])
    )
    assert lines[overdue].endswith("https://x.example/p/1")
    assert "follow up 2099-12-31" in lines[later] and "overdue" not in lines[later]
    assert "follow up " + today + ": due today" in lines[due_today]
    assert "OVERDUE" not in out and "DUE TODAY" not in out  # no shouting

    now = datetime(2026, 6, 4, 12, 0, tzinfo=UTC)
    assert locker.json("takedown", "list")[0]["deadline_state"] == "passed"
    code, out, err = locker("takedown", "list")
    assert code == 0 and "48 hours passed on 2026-06-03 10:00" in out
    assert "If your request met the law's requirements, the platform should have removed it" in (
        err
    )
    assert "Federal Trade Commission" in err and "If your" not in out

    out = locker.ok(
        "takedown", "update", overdue[:6], "--status", "removed", "--follow-up", "",
        "--history-note", "gone after the second email",
    )  # fmt: skip
    assert out.splitlines() == [
        "Changed status: Reported, waiting \u2192 Removed",
        "Changed follow-up date: 2000-01-01 \u2192 (none)",
        "Added to its history: Removed \u2014 gone after the second email",
    ]
    row = next(r for r in locker.json("takedown", "list") if r["id"] == overdue)
    assert (row["status"], row["follow_up"], row["follow_up_state"]) == ("removed", "", "none")
    assert [h["status"] for h in row["history"]] == ["reported", "removed"]
    assert row["deadline_state"] == "removed-late"  # marked removed after 3 June, 14:00 UTC
    out = locker.ok("takedown", "update", overdue, "--status", "removed")
    assert out.strip() == "Nothing changed: it already had those values."

    before = sha256_file(locker.path)
    for args, words in (
        (("takedown", "update", overdue), "Nothing to change"),
        (("takedown", "update", overdue, "--history-note", "x"), "please give --status"),
        (("takedown", "update", overdue, "--follow-up", "soon"), "--follow-up: please write"),
        (("takedown", "update", overdue, "--follow-up", "2206-01-01"), "check the year"),
        (("takedown", "update", "0123456789abcdef", "--ticket", "x"), "no takedown"),
        (("takedown", "add", "https://a.example", "--incident", "abcdef"), "no incident"),
    ):
        code, _out, err = locker(*args)
        assert code == 2, args
        assert words in one_line(err), args
    assert locker("takedown", "add", "u", "--how", "fax")[0] == 2  # argparse names the choices
    assert sha256_file(locker.path) == before


def test_no_deadline_for_a_dmca_notice_and_removed_with_no_time_recorded(
    locker: Locker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from locker import cli_takedown

    monkeypatch.setattr(cli_takedown, "_now", lambda: datetime(2026, 7, 1, tzinfo=UTC))
    dmca = locker.ok(
        "takedown", "add", "https://a.example/1", "--us-platform", "--how", "dmca",
        "--reported", "2026-06-01",
    ).strip()  # fmt: skip
    gone = locker.ok(
        "takedown", "add", "https://a.example/2", "--us-platform", "--status", "removed",
        "--reported", "2026-06-01",
    ).strip()  # fmt: skip
    rows = {r["id"]: r for r in locker.json("takedown", "list")}
    assert rows[dmca]["deadline_state"] == "none" and rows[dmca]["deadline_due"] is None
    assert rows[gone]["deadline_state"] == "removed"  # not "met": when is not known
    assert "salt" not in rows[gone]
    code, out, err = locker("takedown", "list")
    lines = {line[:16]: line for line in out.splitlines()}
    assert "no 48-hour deadline: a DMCA notice is a copyright notice" in lines[dmca]
    assert "removed (when not recorded)" in lines[gone]
    assert "Federal Trade Commission" not in err  # nothing has passed


def test_wrong_passphrase_is_exit_3_and_adds_nothing(locker: Locker) -> None:
    before = sha256_file(locker.path)
    for args in (("incident", "add", "--title", "t"), ("takedown", "add", "https://a.example")):
        code, out, err = locker(*args, stdin="not the passphrase\n")
        assert code == 3 and out == ""
        assert "passphrase" in one_line(err)
    assert sha256_file(locker.path) == before


def test_vault_text_cannot_drive_the_terminal(locker: Locker) -> None:
    locker.ok("incident", "add", "--title", "\x1b[2J\u202egnp.exe")
    out = locker.ok("incident", "list")
    assert "\x1b" not in out and "\u202e" not in out and "\ufffd[2J\ufffdgnp.exe" in out


def test_help_lists_the_actions_and_the_real_command_runs(
    new_vault: tuple[Path, str],
) -> None:
    r = run_locker("--help")
    assert r.returncode == 0 and "incident" in r.stdout and "takedown" in r.stdout
    assert "backup" in r.stdout  # the old commands are still there
    for group, actions in (
        ("incident", ("add", "list", "show", "link", "unlink")),
        ("takedown", ("add", "list", "update")),
    ):
        r = run_locker(group, "--help")
        assert r.returncode == 0
        assert all(a in r.stdout for a in actions), r.stdout
        assert run_locker(group).returncode == 2  # no action: a usage error
    r = run_locker("takedown", "update", "--help")
    assert "never the PIN" in r.stdout and "--not-us-platform" in r.stdout
    r = run_locker("takedown", "list", "--help")
    assert "check the page, then update its status or set a new follow-up date" in " ".join(
        r.stdout.split()
    )
    r = run_locker("incident", "add", "--help")
    assert "--witness" in r.stdout and "--recovery-key-stdin" in r.stdout

    # The real command, with a title that is not UTF-8 (a Latin-1 "café" from a script).
    path, _key = new_vault
    r = run_locker("incident", "add", path, "--title", "caf\udce9", "--passphrase-stdin", stdin=PW)
    assert r.returncode == 0, r.stderr
    r = run_locker("incident", "list", path, "--json", "--passphrase-stdin", stdin=PW)
    assert json.loads(r.stdout)[0]["title"] == "caf\ufffd"
