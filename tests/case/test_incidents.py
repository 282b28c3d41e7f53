"""Incidents in the core: every field kept exactly, times across DST, plain refusals that change
nothing, links to evidence from both sides, and the custody log naming fields, never values."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from locker.case import evidence, incidents, integrity, takedowns, when
from locker.case.fields import MAX_TEXT
from locker.case.incidents import Incident, Report, Witness
from locker.vault import Vault
from locker.vault.errors import Damaged, InvalidInput
from tests.conftest import open_vault
from tests.helpers_tamper import fetch, flip, sql, verify_problems

ARABIC = "نشر صوري على منتدى دون إذني"
CHINESE = "他在论坛上发布了我的照片"
EMOJI = "😡📸 👀🔁"
SPANISH = "Publicó mis fotos en el foro; el señor Muñoz lo compartió"


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """One vault for the many refusal cases (each checks that it changed nothing)."""
    from locker.vault import Argon2Params

    v, _ = Vault.create(
        tmp_path_factory.mktemp("shared") / "case.evl", "x" * 12, Argon2Params.floor()
    )
    try:
        yield v
    finally:
        v.lock()


def add_item(vault: Vault, name: str = "a.png") -> str:
    return evidence.add_stream(
        vault, io.BytesIO(b"bytes of " + name.encode()), original_name=name
    ).id


def full_fields() -> dict[str, Any]:
    return {
        "title": f"{ARABIC} {EMOJI}",
        "start_at": "2026-11-01T01:30",
        "start_tz": "America/New_York",
        "start_offset": "-05:00",  # the second 01:30
        "end_at": "2026-11-03T22:15",
        "end_tz": "Europe/London",
        "platform": f"Foro {SPANISH[:10]}",
        "urls": [f"https://example.org/{CHINESE}", "https://example.com/ñ?q=é"],
        "accounts": ["@muñoz_ñ", f"@{CHINESE[:3]}", EMOJI],
        "responsible": "Sr. Muñoz",
        "relationship": "ex-pareja (ex-partner)",
        "description": f"{SPANISH}\n{ARABIC}\n{CHINESE}\n{EMOJI}\n  indented line  ",
        "witnesses": [
            Witness("Zhāng Wěi 张伟", "+44 20 7946 0018"),
            {"name": "ليلى", "contact": "layla@example.com"},
        ],
        "reports": [
            Report("Policía", "2026-11-02", "N° 2026/ÑA-17", "Agente López", "Nota: 🙏"),
            {"to": "学校", "date": "2026-11-04", "number": "", "officer": "", "note": "邮件"},
        ],
    }


def custody(vault: Vault) -> list[Any]:
    entries, problems = vault.custody_log()
    assert problems == []
    return entries


def test_every_field_comes_back_exactly_after_reopening(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        made = incidents.add_incident(v, **full_fields())
    with open_vault(path) as v:
        (stored,), damaged = incidents.list_incidents(v)
        found = incidents.find_incident(v, made.id[:5])
    assert damaged == []
    assert stored == found == made
    f = full_fields()
    assert stored.title == f["title"]
    assert stored.description == f["description"]  # kept as written, spaces and all
    assert stored.urls == f["urls"] and stored.accounts == f["accounts"]
    assert stored.witnesses == [
        Witness("Zhāng Wěi 张伟", "+44 20 7946 0018"),
        Witness("ليلى", "layla@example.com"),
    ]
    assert stored.reports[0] == f["reports"][0]
    assert stored.reports[1] == Report("学校", "2026-11-04", note="邮件")
    assert (stored.start_at, stored.start_tz, stored.start_offset) == (
        "2026-11-01T01:30",
        "America/New_York",
        "-05:00",
    )
    assert (stored.end_at, stored.end_tz, stored.end_offset) == (
        "2026-11-03T22:15",
        "Europe/London",
        "+00:00",
    )
    assert stored.created_at.endswith("Z") and stored.updated_at == stored.created_at
    assert stored.label() == f["title"]


@pytest.mark.parametrize(
    ("zone", "night", "folded", "first", "second"),
    [
        ("America/New_York", "2026-11-01", "01:30", "-04:00", "-05:00"),
        ("Europe/London", "2026-10-25", "01:30", "+01:00", "+00:00"),
        ("Australia/Sydney", "2026-04-05", "02:30", "+11:00", "+10:00"),
    ],
)
def test_both_times_of_a_fall_back_night_keep_their_offsets_and_order(
    new_vault: tuple[Path, str], zone: str, night: str, folded: str, first: str, second: str
) -> None:
    path, _ = new_vault
    at = f"{night}T{folded}"
    with open_vault(path) as v:
        # Recorded in the "wrong" order: the second 01:30 first.
        later = incidents.add_incident(
            v, title="second", start_at=at, start_tz=zone, start_offset=second
        )
        earlier = incidents.add_incident(v, title="first", start_at=at, start_tz=zone)
    with open_vault(path) as v:
        found, _ = incidents.list_incidents(v)
    by_title = {i.title: i for i in found}
    assert by_title["first"].start_offset == first == earlier.start_offset
    assert by_title["second"].start_offset == second == later.start_offset
    ordered = sorted(found, key=lambda i: when.instant(i.start_at, i.start_tz, i.start_offset))  # type: ignore[arg-type,return-value]
    assert [i.title for i in ordered] == ["first", "second"]
    assert when.describe_when(at, zone, second).endswith(f"UTC{second.replace('-', '−')})")


@pytest.mark.parametrize(
    ("zone", "skipped"),
    [
        ("America/New_York", "2026-03-08T02:30"),
        ("Europe/London", "2026-03-29T01:30"),
        ("Australia/Sydney", "2026-10-04T02:30"),
    ],
)
def test_a_time_the_clocks_skipped_is_refused_and_nothing_is_stored(
    vault: Vault, zone: str, skipped: str
) -> None:
    before = len(custody(vault))
    with pytest.raises(InvalidInput, match=f"In {zone} the clocks jumped forward"):
        incidents.add_incident(vault, title="x", start_at=skipped, start_tz=zone)
    with pytest.raises(InvalidInput, match="did not happen there"):
        incidents.add_incident(vault, title="x", start_at="2026-01-01", end_at=skipped, end_tz=zone)
    assert incidents.list_incidents(vault) == ([], [])
    assert len(custody(vault)) == before
    # And on an edit: the incident stays as it was.
    made = incidents.add_incident(vault, title="x", start_at=skipped[:10], start_tz=zone)
    with pytest.raises(InvalidInput, match="did not happen there"):
        incidents.update_incident(vault, made.id, start_at=skipped)
    assert incidents.find_incident(vault, made.id) == made


def test_changing_the_time_works_the_offset_out_again(vault: Vault) -> None:
    made = incidents.add_incident(
        vault,
        title="x",
        start_at="2026-11-01T01:30",
        start_tz="America/New_York",
        start_offset="-05:00",
    )
    moved = incidents.update_incident(vault, made.id, start_at="2026-07-01T12:00")
    assert moved.start_offset == "-04:00"
    moved = incidents.update_incident(vault, made.id, start_tz="Asia/Kolkata")
    assert moved.start_offset == "+05:30"
    moved = incidents.update_incident(vault, made.id, start_tz="")
    assert moved.start_offset == "" and moved.start_at == "2026-07-01T12:00"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": 5}, "The title must be text"),
        ({"title": "x" * (MAX_TEXT + 1)}, "The title is too long"),
        ({"description": "x" * (MAX_TEXT + 1)}, "The what happened is too long"),
        ({"urls": "https://one.example"}, "The web addresses must be a list"),
        ({"urls": ["u"] * 201}, "too many web addresses"),
        ({"accounts": [3]}, "The accounts or handles must be text"),
        ({"accounts": ["a" * (MAX_TEXT + 1)]}, "too long"),
        ({"witnesses": [Witness()] * 201}, "too many witnesses"),
        ({"witnesses": ["Ana"]}, "must be written as its parts"),
        ({"witnesses": [{"name": "Ana", "age": "30"}]}, "can only have: name, contact"),
        ({"witnesses": [{"name": 7}]}, "The witnesses must be text"),
        (
            {"reports": [{"to": "police", "date": "last week"}]},
            "date of a report is not a real date",
        ),
        ({"reports": [{"to": "police", "date": "2026-02-30"}]}, "not a real date"),
        ({"reports": [{"to": "police", "date": "2026-02-03T10:00"}]}, "not a real date"),
        ({"reports": [{"to": "x" * (MAX_TEXT + 1)}]}, "too long"),
        ({"start_at": "2026-02-30"}, "The date of when it started is not a real date"),
        ({"start_at": "2026-05-03", "start_tz": "Nowhere/Town"}, "time zone of when it started"),
        ({"start_at": "2026-05-03T10:00", "start_offset": "+15:00"}, "not one the world uses"),
        ({"end_at": "2026-05-03"}, "An end was given but no start"),
        ({"start_at": "2026-05-03", "end_at": "2026-05-02"}, "The end comes before the start"),
        (
            {
                "start_at": "2026-05-03T10:00",
                "start_tz": "Europe/Paris",
                "end_at": "2026-05-03T09:30",
                "end_tz": "Europe/Paris",
            },
            "The end comes before the start",
        ),
        ({"evidence": ["abcd"]}, "can't be set: evidence"),
        ({"id": "0" * 16}, "can't be set: id"),
        ({"colour": "red"}, "can't be set: colour"),
    ],
)
def test_bad_input_is_refused_in_plain_words_and_changes_nothing(
    shared_vault: Vault, changes: dict[str, Any], words: str
) -> None:
    vault = shared_vault
    made = incidents.add_incident(vault, title="An incident")
    before = (incidents.list_incidents(vault), len(custody(vault)))
    with pytest.raises(InvalidInput, match=words):
        incidents.add_incident(vault, **({"title": "An incident"} | changes))
    assert (incidents.list_incidents(vault), len(custody(vault))) == before
    with pytest.raises(InvalidInput, match=words):
        incidents.update_incident(vault, made.id, **changes)
    assert (incidents.list_incidents(vault), len(custody(vault))) == before


def test_the_end_may_be_a_date_on_the_day_it_started_or_across_zones(vault: Vault) -> None:
    same_day = incidents.add_incident(
        vault, title="x", start_at="2026-05-03T21:30", end_at="2026-05-03"
    )
    assert same_day.end_at == "2026-05-03"
    # 09:00 in New York is after 10:00 in Paris the same day (15:00 Paris): allowed.
    across = incidents.add_incident(
        vault,
        title="y",
        start_at="2026-05-03T10:00",
        start_tz="Europe/Paris",
        end_at="2026-05-03T09:00",
        end_tz="America/New_York",
    )
    assert across.end_offset == "-04:00"


def test_a_title_or_what_happened_is_needed(vault: Vault) -> None:
    with pytest.raises(InvalidInput, match="short title, or write what happened"):
        incidents.add_incident(vault, platform="Forum")
    with pytest.raises(InvalidInput, match="short title, or write what happened"):
        incidents.add_incident(vault, title="   ", description=" \n ")
    only_text = incidents.add_incident(vault, description="\n  He posted it again.\nAnd again.")
    assert only_text.label() == "He posted it again."
    with pytest.raises(InvalidInput, match="needs a short title"):
        incidents.update_incident(vault, only_text.id, description="")
    long = incidents.add_incident(vault, description="w" * 200)
    assert long.label() == "w" * 79 + "…"
    assert Incident(id="abcdef0123456789").label() == "Incident abcdef"
    assert Incident(id="abcdef0123456789", title="a\x1b[2Jb\u202e").label() == "a\ufffd[2Jb\ufffd"


def test_text_is_trimmed_and_empty_entries_dropped(vault: Vault) -> None:
    made = incidents.add_incident(
        vault,
        title="  Posted on a forum \n",
        urls=["  https://a.example  ", "", "   "],
        accounts=(" @x ",),
        witnesses=[Witness(), {"name": "  Ana  "}],
        reports=[Report(), {"to": " school "}],
    )
    assert made.title == "Posted on a forum"
    assert made.urls == ["https://a.example"] and made.accounts == ["@x"]
    assert made.witnesses == [Witness("Ana")]
    assert made.reports == [Report("school")]


def test_edits_log_only_the_changed_fields_in_words_never_values(vault: Vault) -> None:
    secret = "Sr. Muñoz 🙈"
    made = incidents.add_incident(vault, title="Forum", responsible=secret, urls=["https://a"])
    entry = custody(vault)[-1]
    assert entry.action == "incident-add" and entry.item == made.id
    assert entry.summary == (
        "Recorded an incident; filled in: title, web addresses, who is believed responsible."
    )
    n = len(custody(vault))
    same = incidents.update_incident(vault, made.id, title="Forum", responsible=secret)
    assert same == made and len(custody(vault)) == n  # nothing changed: nothing logged
    changed = incidents.update_incident(
        vault, made.id, relationship="vecino", witnesses=[{"name": secret}]
    )
    entry = custody(vault)[-1]
    assert entry.action == "incident-edit"
    assert entry.summary == "Changed: their relationship to you, witnesses."
    raw = vault.get(incidents.INCIDENT_TABLE, made.id, "meta")
    assert raw is not None and entry.record == hashlib.sha256(raw).hexdigest()
    assert changed.updated_at >= made.updated_at
    for e in custody(vault):
        assert "Muñoz" not in e.summary and "vecino" not in e.summary


def test_a_new_incident_with_its_evidence_is_one_custody_entry(vault: Vault) -> None:
    a, b = add_item(vault, "a.png"), add_item(vault, "b.png")
    n = len(custody(vault))
    made = incidents.add_incident(vault, title="Posted", link=[a[:6], b, a])
    assert made.evidence == [a, b]
    assert incidents.find_incident(vault, made.id).evidence == [a, b]
    (entry,) = custody(vault)[n:]
    assert (entry.action, entry.item) == ("incident-add", made.id)
    assert entry.summary == (
        f"Recorded an incident; filled in: title. Linked 2 evidence items to the incident: {a}, {b}."
    )
    raw = vault.get(incidents.INCIDENT_TABLE, made.id, "meta")
    assert raw is not None and entry.record == hashlib.sha256(raw).hexdigest()

    # An id that names no item: refused, nothing recorded.
    n, count = len(custody(vault)), len(incidents.list_incidents(vault)[0])
    for bad in (["0123456789abcdef"], "abcd"):
        with pytest.raises(InvalidInput):
            incidents.add_incident(vault, title="Another", link=bad)  # type: ignore[arg-type]
    assert len(custody(vault)) == n and len(incidents.list_incidents(vault)[0]) == count
    # Without links the summary is as before.
    incidents.add_incident(vault, title="Plain")
    assert custody(vault)[-1].summary == "Recorded an incident; filled in: title."


def test_link_and_unlink_from_both_sides(vault: Vault) -> None:
    a, b, c = add_item(vault, "a.png"), add_item(vault, "b.png"), add_item(vault, "c.png")
    one = incidents.add_incident(vault, title="one")
    two = incidents.add_incident(vault, title="two")
    n = len(custody(vault))
    linked = incidents.link_evidence(vault, one.id, [b, a[:6], b])
    assert linked.evidence == [b, a]  # in the order given, once each, prefixes resolved
    (entry,) = custody(vault)[n:]  # one action, one custody entry naming both items
    assert (entry.action, entry.item) == ("link", one.id)
    assert entry.summary == f"Linked 2 evidence items to the incident: {b}, {a}."
    raw = vault.get(incidents.INCIDENT_TABLE, one.id, "meta")
    assert raw is not None and entry.record == hashlib.sha256(raw).hexdigest()

    n = len(custody(vault))
    again = incidents.link_evidence(vault, one.id, [a, b])
    assert again.evidence == [b, a] and len(custody(vault)) == n  # linking twice: nothing

    incidents.link_evidence(vault, two.id, [a])
    assert custody(vault)[-1].summary == f"Linked evidence item {a} to the incident."
    assert [i.title for i in incidents.incidents_for_item(vault, a)] == ["one", "two"]
    assert [i.title for i in incidents.incidents_for_item(vault, b)] == ["one"]
    assert incidents.incidents_for_item(vault, c) == []

    after = incidents.unlink_evidence(vault, one.id, a)
    assert after.evidence == [b]
    assert custody(vault)[-1].action == "unlink" and a in custody(vault)[-1].summary
    assert [i.title for i in incidents.incidents_for_item(vault, a)] == ["two"]
    n = len(custody(vault))
    with pytest.raises(InvalidInput, match="not linked to this incident"):
        incidents.unlink_evidence(vault, one.id, a)
    with pytest.raises(InvalidInput, match="not linked to this incident"):
        incidents.unlink_evidence(vault, one.id, c)
    assert len(custody(vault)) == n
    twins = ["abcd000000000001", "abcd000000000002"]  # two linked ids sharing a prefix
    vault.put_json(incidents.INCIDENT_TABLE, one.id, "meta", {"title": "one", "evidence": twins})
    with pytest.raises(InvalidInput, match="More than one linked item starts with that id"):
        incidents.unlink_evidence(vault, one.id, "abcd")
    vault.put_json(incidents.INCIDENT_TABLE, one.id, "meta", after.to_json())
    incidents.unlink_evidence(vault, two.id, a[:5])  # a prefix of a linked item
    assert incidents.incidents_for_item(vault, a) == []
    assert integrity.verify_case(vault).problems == []


def test_linking_an_unknown_item_links_nothing(vault: Vault) -> None:
    a = add_item(vault)
    made = incidents.add_incident(vault, title="one")
    n = len(custody(vault))
    with pytest.raises(InvalidInput, match="There is no item with that id"):
        incidents.link_evidence(vault, made.id, [a, "0123456789abcdef"])
    with pytest.raises(InvalidInput, match="list of item ids"):
        incidents.link_evidence(vault, made.id, a)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="There is no incident"):
        incidents.link_evidence(vault, "ffffffffffffffff", [a])
    assert incidents.find_incident(vault, made.id).evidence == []
    assert len(custody(vault)) == n


def test_deleting_an_incident_leaves_the_evidence_alone(vault: Vault) -> None:
    a = add_item(vault)
    item_rows = fetch(vault.path, "SELECT data FROM record WHERE tbl='item' ORDER BY id, field")
    made = incidents.add_incident(vault, title="one")
    incidents.link_evidence(vault, made.id, [a])
    incidents.delete_incident(vault, made.id[:6])
    entry = custody(vault)[-1]
    assert (entry.action, entry.item, entry.record) == ("incident-delete", made.id, None)
    assert "1 links" in entry.summary
    assert incidents.list_incidents(vault) == ([], [])
    assert incidents.incidents_for_item(vault, a) == []
    assert (
        fetch(vault.path, "SELECT data FROM record WHERE tbl='item' ORDER BY id, field")
        == item_rows
    )
    assert [i.id for i in evidence.list_items(vault)[0]] == [a]
    with pytest.raises(InvalidInput, match="There is no incident with that id"):
        incidents.find_incident(vault, made.id)
    assert integrity.verify_case(vault).problems == []


def test_deleting_an_incident_unlinks_the_takedowns_that_named_it(vault: Vault) -> None:
    kept = incidents.add_incident(vault, title="kept")
    gone = incidents.add_incident(vault, title="deleted")
    a = takedowns.add_takedown(vault, "https://x.test/1", incident=gone.id, note="first")
    b = takedowns.add_takedown(vault, "https://x.test/2", incident=gone.id[:6])
    c = takedowns.add_takedown(vault, "https://x.test/3", incident=kept.id)
    d = takedowns.add_takedown(vault, "https://x.test/4")
    before = {t.id: t for t in takedowns.list_takedowns(vault)[0]}
    n = len(custody(vault))
    incidents.delete_incident(vault, gone.id)

    after = {t.id: t for t in takedowns.list_takedowns(vault)[0]}
    for t in (a, b):
        assert after[t.id].incident == ""
        assert (after[t.id].url, after[t.id].note, after[t.id].history) == (
            before[t.id].url,
            before[t.id].note,
            before[t.id].history,
        )
    assert after[c.id] == before[c.id] and after[d.id] == before[d.id]
    entries = custody(vault)[n:]
    assert (entries[0].action, entries[0].item) == ("incident-delete", gone.id)
    edits = entries[1:]
    assert sorted(e.item for e in edits) == sorted([a.id, b.id])
    for e in edits:
        assert e.action == "takedown-edit"
        assert e.summary == "Unlinked from an incident that was deleted."
        stored = vault.get(takedowns.TAKEDOWN_TABLE, e.item, "meta")
        assert stored is not None and e.record == hashlib.sha256(stored).hexdigest()
    assert integrity.verify_case(vault).problems == []


def test_a_failed_unlink_undoes_the_whole_delete(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = incidents.add_incident(vault, title="one")
    t = takedowns.add_takedown(vault, "https://x.test/1", incident=made.id)
    n = len(custody(vault))

    def broken(*_args: Any) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(takedowns, "_store", broken)
    with pytest.raises(OSError):
        incidents.delete_incident(vault, made.id)
    assert incidents.find_incident(vault, made.id).title == "one"
    assert takedowns.find_takedown(vault, t.id).incident == made.id
    assert len(custody(vault)) == n
    monkeypatch.undo()
    assert integrity.verify_case(vault).problems == []


def test_find_by_prefix(vault: Vault) -> None:
    made = incidents.add_incident(vault, title="one")
    assert incidents.find_incident(vault, f"  {made.id[:4].upper()} ").id == made.id
    with pytest.raises(InvalidInput, match="There is no incident"):
        incidents.find_incident(vault, made.id[:3])
    with pytest.raises(InvalidInput, match="There is no incident"):
        incidents.find_incident(vault, "")
    # Two incidents sharing a prefix (ids written directly, as the program would).
    for record_id in ("abcd000000000001", "abcd000000000002"):
        vault.put_json(incidents.INCIDENT_TABLE, record_id, "meta", {"title": "t"})
    with pytest.raises(InvalidInput, match="More than one incident starts with that id"):
        incidents.find_incident(vault, "abcd")


def test_unknown_keys_are_ignored_and_damaged_records_listed(vault: Vault) -> None:
    good = incidents.add_incident(vault, title="good")
    record = good.to_json() | {"colour": "red", "future": {"nested": [1, 2]}}
    vault.put_json(incidents.INCIDENT_TABLE, good.id, "meta", record)
    bad = {
        "0000000000000001": [1, 2],
        "0000000000000002": {"title": 5},
        "0000000000000003": {"urls": "https://a"},
        "0000000000000004": {"witnesses": [{"name": 1}]},
        "0000000000000005": {"reports": ["police"]},
        "0000000000000006": {"evidence": [1]},
        "0000000000000007": {"witnesses": {"name": "x"}},
    }
    for record_id, obj in bad.items():
        vault.put_json(incidents.INCIDENT_TABLE, record_id, "meta", obj)
    vault.put(incidents.INCIDENT_TABLE, "0000000000000008", "meta", b"not json {")
    vault.put(incidents.INCIDENT_TABLE, "0000000000000009", "meta", b"[" * 100_000)
    found, damaged = incidents.list_incidents(vault)
    assert found == [good]
    assert sorted(damaged) == sorted([*bad, "0000000000000008", "0000000000000009"])
    with pytest.raises(Damaged, match="incident 0000000000000002"):
        incidents.find_incident(vault, "0000000000000002")


def test_a_record_that_fails_its_check_is_listed_as_damaged(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        good = incidents.add_incident(v, title="good")
        hurt = incidents.add_incident(v, title="hurt")
    stored = _meta(path, hurt.id)
    assert isinstance(stored, bytes)
    sql(
        path,
        "UPDATE record SET data = ? WHERE tbl='incident' AND id=?",
        (flip(stored, 20), hurt.id),
    )
    with open_vault(path) as v:
        found, damaged = incidents.list_incidents(v)
        assert [i.id for i in found] == [good.id] and damaged == [hurt.id]
        assert incidents.incidents_for_item(v, "x") == []


# --- verify: the custody log knows every incident -----------------------------------------------


def _meta(path: Path, record_id: str) -> object:
    rows = fetch(
        path, "SELECT data FROM record WHERE tbl='incident' AND id=? AND field='meta'", (record_id,)
    )
    return rows[0][0]


def test_verify_reports_an_older_incident_put_back(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        made = incidents.add_incident(v, title="one", **{"description": "first version"})
    old = _meta(path, made.id)
    with open_vault(path) as v:
        incidents.update_incident(v, made.id, description="what really happened")
    assert verify_problems(path) == []
    sql(path, "UPDATE record SET data = ? WHERE tbl='incident' AND id=?", (old, made.id))
    problems = verify_problems(path)
    assert any(made.id in p and "older version" in p for p in problems), problems


def test_verify_reports_an_incident_removed_or_never_logged_or_back_after_delete(
    new_vault: tuple[Path, str],
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        kept = incidents.add_incident(v, title="kept")
        gone = incidents.add_incident(v, title="gone")
        back = incidents.add_incident(v, title="back")
    old_back = _meta(path, back.id)
    with open_vault(path) as v:
        incidents.delete_incident(v, back.id)
    assert verify_problems(path) == []
    sql(path, "DELETE FROM record WHERE tbl='incident' AND id=?", (gone.id,))
    sql(
        path,
        "INSERT INTO record (tbl, id, field, data) VALUES ('incident', ?, 'meta', ?)",
        (back.id, old_back),
    )
    problems = verify_problems(path)
    assert any(gone.id in p and "no longer in the vault" in p for p in problems), problems
    assert any(back.id in p and "deleted" in p and "in the vault again" in p for p in problems), (
        problems
    )
    assert not any(kept.id in p for p in problems), problems
    # The log entry that recorded "kept" removed: nobody saw it being added.
    with open_vault(path) as v:
        add_seq = next(e.seq for e in v.custody_log()[0] if e.item == kept.id)
    sql(path, "DELETE FROM custody WHERE seq = ?", (add_seq,))
    problems = verify_problems(path)
    assert any(kept.id in p and "not in the custody log" in p for p in problems), problems
