"""The private journal in the core: entries kept exactly, newest day first, plain refusals, and a
custody log that says only that the journal changed — never a word of what it says."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from locker.case import integrity, journal
from locker.case.fields import MAX_TEXT
from locker.vault import Vault
from locker.vault.errors import Damaged, InvalidInput
from tests.conftest import open_vault
from tests.helpers_tamper import fetch, sql, verify_problems

WORDS = (
    "Hoy volvió a escribirme. لم أستطع النوم. 今天我又害怕了。 😔\n"
    "  Second line, indented, with trailing spaces   \n"
)


def test_an_entry_comes_back_exactly_after_reopening(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        made = journal.add_entry(v, WORDS, "2026-05-03")
    with open_vault(path) as v:
        (stored,), damaged = journal.list_entries(v)
        found = journal.find_entry(v, made.id[:4])
    assert damaged == [] and stored == found == made
    assert stored.text == WORDS and stored.day == "2026-05-03"
    assert stored.created_at.endswith("Z") and stored.updated_at == stored.created_at


def test_no_day_means_today_on_this_computer(vault: Vault) -> None:
    assert journal.add_entry(vault, "x").day == date.today().isoformat()
    assert journal.add_entry(vault, "x", "  ").day == date.today().isoformat()
    assert journal.add_entry(vault, "x", " 2026-05-03 ").day == "2026-05-03"


def test_newest_day_first_then_newest_written(vault: Vault) -> None:
    a = journal.add_entry(vault, "a", "2026-05-01")
    b = journal.add_entry(vault, "b", "2026-05-03")
    c = journal.add_entry(vault, "c", "2026-05-02")
    # Two entries about the same day: the one written later comes first.
    vault.put_json(
        journal.JOURNAL_TABLE,
        "00000000000000d1",
        "meta",
        {"day": "2026-05-03", "text": "d", "created_at": "2000-01-01T00:00:00Z"},
    )
    entries, _ = journal.list_entries(vault)
    assert [e.text for e in entries] == ["b", "d", "c", "a"]
    assert {a.id, b.id, c.id} < {e.id for e in entries}


@pytest.mark.parametrize(
    ("text", "day", "words"),
    [
        ("", "", "The journal entry is empty"),
        ("  \n\t ", "", "The journal entry is empty"),
        (b"bytes", "", "A journal entry must be text"),
        ("x" * (MAX_TEXT + 1), "", "The journal entry is too long"),
        ("x", "2026-02-30", "not a real date"),
        ("x", "2026-05-03T10:00", "not a real date"),
        ("x", "May 3rd", "not a real date"),
        ("x", 20260503, "The day of a journal entry must be text"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    vault: Vault, text: object, day: object, words: str
) -> None:
    made = journal.add_entry(vault, "kept", "2026-05-01")
    before = (journal.list_entries(vault), vault.custody_log())
    with pytest.raises(InvalidInput, match=words):
        journal.add_entry(vault, text, day)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=words):
        if day == "":  # the text is what is wrong
            journal.update_entry(vault, made.id, text=text)  # type: ignore[arg-type]
        else:
            journal.update_entry(vault, made.id, day=day)  # type: ignore[arg-type]
    assert (journal.list_entries(vault), vault.custody_log()) == before


def test_update_and_delete(vault: Vault) -> None:
    made = journal.add_entry(vault, "first", "2026-05-01")
    n = len(vault.custody_log()[0])
    same = journal.update_entry(vault, made.id, text="first", day="2026-05-01")
    assert same == made and len(vault.custody_log()[0]) == n  # nothing changed: nothing logged
    changed = journal.update_entry(vault, made.id[:6], text="second")
    assert (changed.text, changed.day) == ("second", "2026-05-01")
    moved = journal.update_entry(vault, made.id, day="2026-04-30")
    assert (moved.text, moved.day) == ("second", "2026-04-30")
    entries = vault.custody_log()[0]
    assert [e.summary for e in entries[-2:]] == ["A private journal entry was changed."] * 2
    raw = vault.get(journal.JOURNAL_TABLE, made.id, "meta")
    assert raw is not None and entries[-1].record == hashlib.sha256(raw).hexdigest()
    journal.delete_entry(vault, made.id)
    last = vault.custody_log()[0][-1]
    assert (last.action, last.item, last.record) == ("journal", made.id, None)
    assert last.summary == "A private journal entry was deleted."
    assert journal.list_entries(vault) == ([], [])
    with pytest.raises(InvalidInput, match="There is no journal entry with that id"):
        journal.update_entry(vault, made.id, text="again")
    with pytest.raises(InvalidInput, match="There is no journal entry with that id"):
        journal.delete_entry(vault, made.id)
    assert integrity.verify_case(vault).problems == []


def test_the_custody_log_holds_none_of_the_journal_text(vault: Vault) -> None:
    secret = "He threatened my sister Marisol at 21:40 — Ñandú 秘密"
    made = journal.add_entry(vault, secret, "2026-05-03")
    journal.update_entry(vault, made.id, text=secret + " again")
    journal.add_entry(vault, "Marisol called the police", "2026-05-04")
    journal.delete_entry(vault, made.id)
    entries, problems = vault.custody_log()
    assert problems == []
    journal_entries = [e for e in entries if e.action == "journal"]
    assert len(journal_entries) == 4
    for e in entries:
        plain = str(e.to_json())
        for word in (
            "Marisol",
            "threatened",
            "Ñandú",
            "秘密",
            "police",
            "2026-05-03",
            "2026-05-04",
        ):
            assert word not in plain, (word, e)
    assert {e.summary for e in journal_entries} == {
        "A private journal entry was written.",
        "A private journal entry was changed.",
        "A private journal entry was deleted.",
    }


def test_unknown_keys_ignored_damaged_records_listed(vault: Vault) -> None:
    good = journal.add_entry(vault, "good", "2026-05-01")
    vault.put_json(
        journal.JOURNAL_TABLE, good.id, "meta", good.to_json() | {"mood": 3, "tags": ["a"]}
    )
    vault.put_json(journal.JOURNAL_TABLE, "0000000000000001", "meta", {"text": 5})
    vault.put_json(journal.JOURNAL_TABLE, "0000000000000002", "meta", "just text")
    vault.put(journal.JOURNAL_TABLE, "0000000000000003", "meta", b"\xff\xfe not json")
    entries, damaged = journal.list_entries(vault)
    assert entries == [good]
    assert sorted(damaged) == ["0000000000000001", "0000000000000002", "0000000000000003"]
    with pytest.raises(Damaged, match="journal entry 0000000000000001"):
        journal.find_entry(vault, "0000000000000001")


def test_verify_reports_journal_entries_put_back_removed_or_unlogged(
    new_vault: tuple[Path, str],
) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        changed = journal.add_entry(v, "first words", "2026-05-01")
        gone = journal.add_entry(v, "gone", "2026-05-02")
        deleted = journal.add_entry(v, "deleted", "2026-05-03")

    def meta(entry_id: str) -> object:
        return fetch(path, "SELECT data FROM record WHERE tbl='journal' AND id=?", (entry_id,))[0][
            0
        ]

    old_changed, old_deleted = meta(changed.id), meta(deleted.id)
    with open_vault(path) as v:
        journal.update_entry(v, changed.id, text="what I really wrote")
        journal.delete_entry(v, deleted.id)
    assert verify_problems(path) == []
    sql(path, "UPDATE record SET data = ? WHERE tbl='journal' AND id=?", (old_changed, changed.id))
    sql(path, "DELETE FROM record WHERE tbl='journal' AND id=?", (gone.id,))
    sql(
        path,
        "INSERT INTO record (tbl, id, field, data) VALUES ('journal', ?, 'meta', ?)",
        (deleted.id, old_deleted),
    )
    problems = verify_problems(path)
    assert any(changed.id in p and "older version" in p for p in problems), problems
    assert any(gone.id in p and "no longer in the vault" in p for p in problems), problems
    assert any(deleted.id in p and "in the vault again" in p for p in problems), problems
    assert len(problems) == 3, problems
