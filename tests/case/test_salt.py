"""Every incident, takedown and journal record holds a random salt (FORMAT.md §9.5–9.7), so the
custody log's hash of a record cannot be used to test a guess of what a short record says.
The salt is kept when the record changes; records written before salts still load."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from locker.case import incidents, journal, takedowns
from locker.vault import Vault
from tests.conftest import open_vault
from tests.helpers_tamper import verify_problems

HEX32 = re.compile(r"[0-9a-f]{32}")


def stored(v: Vault, table: str, record_id: str) -> dict[str, Any]:
    obj = v.get_json(table, record_id, "meta")
    assert isinstance(obj, dict)
    return obj


def logged_hash(v: Vault, record_id: str) -> str:
    entries, problems = v.custody_log()
    assert not problems
    record = [e for e in entries if e.item == record_id][-1].record
    assert record is not None
    return record


def test_every_new_record_has_its_own_random_salt(vault: Vault) -> None:
    made = [
        (incidents.INCIDENT_TABLE, incidents.add_incident(vault, title="Posted").id),
        (incidents.INCIDENT_TABLE, incidents.add_incident(vault, title="Posted").id),
        (takedowns.TAKEDOWN_TABLE, takedowns.add_takedown(vault, "https://a.example").id),
        (journal.JOURNAL_TABLE, journal.add_entry(vault, "He called again.", "2026-05-03").id),
        (journal.JOURNAL_TABLE, journal.add_entry(vault, "He called again.", "2026-05-03").id),
    ]
    salts = [stored(vault, table, record_id)["salt"] for table, record_id in made]
    assert all(HEX32.fullmatch(s) for s in salts)
    assert len(set(salts)) == len(salts)


def test_a_guess_of_a_short_entry_cannot_be_checked_against_the_log(vault: Vault) -> None:
    entry = journal.add_entry(vault, "He called again.", "2026-05-03")
    log_hash = logged_hash(vault, entry.id)
    # Someone holding the printed log guesses the words, the day and the times (near the log's).
    guess = {
        "day": "2026-05-03",
        "text": "He called again.",
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
    }
    for obj in (guess, {**guess, "salt": ""}):
        attempt = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        assert hashlib.sha256(attempt).hexdigest() != log_hash
    # With the salt (only inside the encrypted record) the hash is the one logged.
    full = {**guess, "salt": stored(vault, journal.JOURNAL_TABLE, entry.id)["salt"]}
    assert hashlib.sha256(json.dumps(full, ensure_ascii=False).encode()).hexdigest() == log_hash
    # The same words on the same day in another entry give another hash.
    twin = journal.add_entry(vault, "He called again.", "2026-05-03")
    assert logged_hash(vault, twin.id) != log_hash


def test_the_salt_is_kept_when_a_record_changes(vault: Vault, tmp_path: Path) -> None:
    from locker.case import evidence

    f = tmp_path / "shot.txt"
    f.write_text("a screenshot, as text")
    item = evidence.add_file(vault, f)
    i = incidents.add_incident(vault, title="Posted")
    t = takedowns.add_takedown(vault, "https://a.example")
    e = journal.add_entry(vault, "First words.", "2026-05-03")
    salts = {
        "i": stored(vault, incidents.INCIDENT_TABLE, i.id)["salt"],
        "t": stored(vault, takedowns.TAKEDOWN_TABLE, t.id)["salt"],
        "e": stored(vault, journal.JOURNAL_TABLE, e.id)["salt"],
    }
    incidents.update_incident(vault, i.id, title="Posted again")
    incidents.link_evidence(vault, i.id, [item.id])
    incidents.unlink_evidence(vault, i.id, item.id)
    takedowns.update_takedown(vault, t.id, status="removed")
    journal.update_entry(vault, e.id, text="Other words.")
    assert stored(vault, incidents.INCIDENT_TABLE, i.id)["salt"] == salts["i"]
    assert stored(vault, takedowns.TAKEDOWN_TABLE, t.id)["salt"] == salts["t"]
    assert stored(vault, journal.JOURNAL_TABLE, e.id)["salt"] == salts["e"]


def _old_record(v: Vault, table: str, action: str, record_id: str, obj: dict[str, Any]) -> None:
    """A record as a writer from before salts made it: no salt, logged with its hash."""
    with v.transaction():
        data = v.put_json(table, record_id, "meta", obj)
        v.append_log(action, record_id, "Recorded.", record=hashlib.sha256(data).hexdigest())


def test_records_from_before_salts_load_and_get_one_when_next_written(
    new_vault: tuple[Path, str],
) -> None:
    path, _key = new_vault
    stamp = "2026-05-03T10:00:00Z"
    with open_vault(path) as v:
        _old_record(v, "incident", "incident-add", "00000000000000a1", {"title": "Old one"})
        _old_record(v, "takedown", "takedown-add", "00000000000000b2", {"url": "https://o.example"})
        _old_record(
            v, "journal", "journal", "00000000000000c3",
            {"day": "2026-05-03", "text": "Old words.", "created_at": stamp, "updated_at": stamp},
        )  # fmt: skip
        (i,), damaged_i = incidents.list_incidents(v)
        (t,), damaged_t = takedowns.list_takedowns(v)
        (e,), damaged_e = journal.list_entries(v)
        assert (damaged_i, damaged_t, damaged_e) == ([], [], [])
        assert (i.title, t.url, e.text) == ("Old one", "https://o.example", "Old words.")
        assert (i.salt, t.salt, e.salt) == ("", "", "")
    assert verify_problems(path) == []
    with open_vault(path) as v:
        incidents.update_incident(v, i.id, title="Old one, renamed")
        takedowns.update_takedown(v, t.id, ticket="T-1")
        journal.update_entry(v, e.id, text="Old words, and more.")
        assert HEX32.fullmatch(stored(v, incidents.INCIDENT_TABLE, i.id)["salt"])
        assert HEX32.fullmatch(stored(v, takedowns.TAKEDOWN_TABLE, t.id)["salt"])
        assert HEX32.fullmatch(stored(v, journal.JOURNAL_TABLE, e.id)["salt"])
    assert verify_problems(path) == []


def test_a_salt_that_is_not_text_makes_the_record_damaged(vault: Vault) -> None:
    vault.put_json(
        "journal", "00000000000000d4", "meta", {"day": "2026-05-03", "text": "x", "salt": 7}
    )
    good = journal.add_entry(vault, "Still readable.", "2026-05-04")
    entries, damaged = journal.list_entries(vault)
    assert [x.id for x in entries] == [good.id] and damaged == ["00000000000000d4"]
