"""Nothing written in an incident, a takedown or the journal reaches the disk in the clear.

A marker goes into every text field (an incident's witnesses and reports included), as plain
ASCII and as non-Latin text; after each action, while the vault is still open and after it is
locked, the marker — as UTF-8, UTF-16 (both byte orders) and as JSON's \\u escapes — must appear
nowhere in the vault's folder (the file and any -journal beside it) or under the test's HOME and
TMPDIR. Each test also checks that the marker really went in (it comes back from list_*), so a
clean scan cannot come from the marker never having been stored. The scanner itself is the one
tests/vault/test_leaks.py uses and proves.
"""

from __future__ import annotations

import json
from pathlib import Path

from locker.case import incidents, integrity, journal, takedowns
from locker.vault import Argon2Params, Vault
from tests.conftest import PASSPHRASE, open_vault
from tests.vault.test_leaks import MARKER, leaks

WIDE = "Märker-ñ-تسريب-泄露-😡-7f3a91"  # non-Latin: escaped in JSON logs, two UTF-16 forms
EXTRA = [
    WIDE,
    json.dumps(WIDE)[1:-1],  # "M\u00e4rker-\u00f1-…" as an ASCII-only JSON writer would put it
]


def _wide_needles() -> list[bytes]:
    return [WIDE.encode("utf-16-le"), WIDE.encode("utf-16-be")]


def scan(vault_dir: Path, home: Path) -> list[str]:
    """Every place a marker shows up: the shared scanner, plus the wide marker's UTF-16 forms."""
    hits = leaks(vault_dir, home, EXTRA)
    for path in [p for p in vault_dir.iterdir() if p.is_file()] + [
        p for p in home.rglob("*") if p.is_file()
    ]:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        hits += [f"{path} contains {WIDE!r} as UTF-16" for n in _wide_needles() if n in data]
    return hits


def marked(field: str) -> str:
    return f"{field} {MARKER} {WIDE}"


def incident_fields() -> dict[str, object]:
    return {
        "title": marked("title"),
        "start_at": "2026-11-01T01:30",
        "start_tz": "America/New_York",
        "start_offset": "-05:00",
        "end_at": "2026-11-02",
        "platform": marked("platform"),
        "urls": [f"https://example.org/{MARKER}?q={WIDE}"],
        "accounts": [marked("@account")],
        "responsible": marked("responsible"),
        "relationship": marked("relationship"),
        "description": marked("what happened") + "\n" + marked("second line"),
        "witnesses": [{"name": marked("name"), "contact": marked("contact")}],
        "reports": [
            {
                "to": marked("to"),
                "date": "2026-11-03",
                "number": marked("number"),
                "officer": marked("officer"),
                "note": marked("note"),
            }
        ],
    }


def test_case_records_never_reach_the_disk_in_the_clear(
    tmp_path: Path, isolated_home: Path
) -> None:
    vault_dir = tmp_path / "vault"
    vault_dir.mkdir()
    home = isolated_home
    path = vault_dir / "case.evl"
    vault, _recovery = Vault.create(path, PASSPHRASE, Argon2Params.floor())
    try:
        made = incidents.add_incident(vault, **incident_fields())
        assert not scan(vault_dir, home), "after adding an incident"
        incidents.update_incident(vault, made.id, description=marked("changed"))
        entry = journal.add_entry(vault, marked("journal") + "\n" + marked("more"), "2026-11-01")
        journal.update_entry(vault, entry.id, text=marked("journal changed"))
        assert not scan(vault_dir, home), "after the journal"
        t = takedowns.add_takedown(
            vault,
            f"https://example.org/{MARKER}/{WIDE}",
            platform=marked("platform"),
            ticket=marked("ticket"),
            note=marked("note"),
            incident=made.id,
        )
        takedowns.update_takedown(vault, t.id, note_for_history=marked("history"), status="removed")
        assert not scan(vault_dir, home), "after the takedown (vault open)"
        assert integrity.verify_case(vault).problems == []
        # None of it is in the custody log's summaries either (they name fields, not values).
        for e in vault.custody_log()[0]:
            assert MARKER not in e.summary and WIDE not in e.summary, e
    finally:
        vault.lock()
    assert not scan(vault_dir, home), "after locking"

    # The markers really went in: every field comes back with them.
    with open_vault(path) as v:
        (incident,), damaged = incidents.list_incidents(v)
        assert not damaged
        texts = [
            incident.title,
            incident.platform,
            *incident.urls,
            *incident.accounts,
            incident.responsible,
            incident.relationship,
            incident.description,
            incident.witnesses[0].name,
            incident.witnesses[0].contact,
            incident.reports[0].to,
            incident.reports[0].number,
            incident.reports[0].officer,
            incident.reports[0].note,
        ]
        (entry_back,), _ = journal.list_entries(v)
        texts.append(entry_back.text)
        (t_back,), _ = takedowns.list_takedowns(v)
        texts += [t_back.url, t_back.platform, t_back.ticket, t_back.note, t_back.history[-1].note]
    for text in texts:
        assert MARKER in text and WIDE in text, text
    assert not scan(vault_dir, home), "after reading back"

    # The scanner finds a planted marker in every form it looks for.
    planted = home / "tmp" / "planted"
    for needle in [MARKER.encode("utf-16-le"), *[e.encode() for e in EXTRA], *_wide_needles()]:
        planted.write_bytes(b"xx" + needle + b"yy")
        assert scan(vault_dir, home), needle
    planted.unlink()
    # Deleting leaves nothing behind either.
    with open_vault(path) as v:
        incidents.delete_incident(v, incident.id)
        journal.delete_entry(v, entry_back.id)
        takedowns.delete_takedown(v, t_back.id)
        assert integrity.verify_case(v).problems == []
    assert not scan(vault_dir, home), "after deleting"
