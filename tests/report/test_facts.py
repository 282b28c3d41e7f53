"""What an exhibit section says about its item, as a judge would read it, and the print-time
re-hash of every original: PASS for intact files, FAIL (not a crash) for a damaged one, NO FILE
where nothing was kept."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from locker.case import evidence
from locker.case.evidence import (
    PROVENANCE_CAPTURED,
    PROVENANCE_DESCRIPTION_ONLY,
    EvidenceItem,
)
from locker.case.without_file import add_description_only, remove_original
from locker.report.exhibits import Exhibit, number_exhibits
from locker.report.facts import (
    FAIL,
    NO_FILE,
    PASS,
    exhibit_facts,
    rehash_exhibits,
    size_words,
)
from locker.vault.errors import Cancelled
from tests.conftest import open_vault
from tests.helpers_tamper import MIB, content, fetch, flip, sql

SHA = hashlib.sha256(b"x").hexdigest()
TITLE = "Mensaje de él — amenaza «te voy a encontrar»"
DESCRIPTION = "رسالة تهديد من الحساب المزيف"
NOTE = "他说他知道我住在哪里。 Él lo borró después."
URL = "https://www.instagram.com/p/Cx9_aBc/?igshid=MzRlODBiNWFlZA%3D%3D&utm=1"

LABELS = [
    "Exhibit number",
    "Title",
    "What it shows",
    "Platform",
    "Web address",
    "Account / handle",
    "When it happened",
    "When it was added",
    "How it was added",
    "Original file name",
    "Type",
    "Size",
    "Dimensions",
    "SHA-256",
    "Intimate",
    "Notes",
]


def _full_item() -> EvidenceItem:
    return EvidenceItem(
        id="a1b2c3d4",
        title=TITLE,
        original_name="captura_de_pantalla_2026-03-01.png",
        size=2_345_678,
        sha256=SHA,
        media_type="image/png",
        added_at="2026-03-02T15:04:00Z",
        blob="b" * 32,
        description=DESCRIPTION,
        note=NOTE,
        url=URL,
        platform="Instagram",
        account="@fake.account_2026",
        intimate=True,
        happened_at="2026-03-01T21:30",
        happened_tz="America/Chicago",
        facts={"width": 1170, "height": 2532},
    )


def _rows(item: EvidenceItem, zone: str = "America/Chicago") -> dict[str, str]:
    rows = exhibit_facts(Exhibit(7, "Exhibit 7", item), floating_zone=zone)
    labels = [label for label, _value in rows]
    assert len(set(labels)) == len(labels)
    return dict(rows)


def test_every_field_in_court_order_with_the_users_words_unchanged() -> None:
    rows = exhibit_facts(
        Exhibit(7, "Exhibit 7", _full_item()), floating_zone="America/Chicago", redacted_shown=True
    )
    assert [label for label, _value in rows] == LABELS
    shown = dict(rows)
    assert shown["Exhibit number"] == "Exhibit 7"
    assert shown["Title"] == TITLE
    assert shown["What it shows"] == DESCRIPTION
    assert shown["Notes"] == NOTE
    assert shown["Web address"] == URL  # the full address, query and all
    assert shown["Account / handle"] == "@fake.account_2026"
    assert shown["Platform"] == "Instagram"
    assert shown["When it happened"] == "2026-03-01 21:30 (America/Chicago, UTC\u221206:00)"
    added = shown["When it was added"]
    assert added.startswith("2026-03-02 15:04 UTC")
    assert "2026-03-02 09:04 (America/Chicago, UTC\u221206:00)" in added
    assert shown["How it was added"] == "Imported from a file; SHA-256 taken at import."
    assert shown["Original file name"] == "captura_de_pantalla_2026-03-01.png"
    assert shown["Type"] == "image/png"
    assert shown["Size"] == "2,345,678 bytes (2.3 MB)"
    assert shown["Dimensions"] == "1170 × 2532 pixels"
    assert shown["SHA-256"] == SHA and len(SHA) == 64
    assert shown["Intimate"] == "yes — shown redacted"


def test_empty_fields_say_not_recorded_and_no_dimensions_when_unknown() -> None:
    item = _full_item()
    for name in ("title", "description", "note", "url", "platform", "account", "happened_at"):
        setattr(item, name, "")
    item.happened_tz = ""
    item.facts = {}
    item.intimate = False
    item.provenance = PROVENANCE_CAPTURED
    shown = _rows(item, zone="UTC")
    assert "Dimensions" not in shown
    for label in ("Title", "What it shows", "Platform", "Web address", "Account / handle"):
        assert shown[label] == "(not recorded)"
    assert shown["When it happened"] == "(not recorded)"
    assert shown["Notes"] == "(not recorded)"
    assert shown["Intimate"] == "no"
    assert shown["When it was added"] == "2026-03-02 15:04 UTC"
    assert shown["How it was added"].startswith("Captured from the screen by the program")


def test_an_intimate_item_says_shown_redacted_only_when_a_redacted_picture_is_printed() -> None:
    """A video, a description only or a picture that could not be read is not shown at all:
    the row must not tell the court a redacted picture is on the page."""
    assert _rows(_full_item())["Intimate"] == "yes — not shown in this summary"


def test_a_time_with_no_zone_says_the_zone_is_not_known() -> None:
    item = _full_item()
    item.happened_tz = ""
    assert _rows(item)["When it happened"] == "2026-03-01 21:30 (zone not known)"


def test_description_only_says_no_file_was_kept(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    with open_vault(path) as vault:
        item = add_description_only(
            vault, title="Mensaje de voz (no guardado)", happened_at="2026-03-02"
        )
    assert item.provenance == PROVENANCE_DESCRIPTION_ONLY
    shown = _rows(item)
    assert shown["Title"] == "Mensaje de voz (no guardado)"
    assert shown["How it was added"].startswith("A description only")
    for label in ("Original file name", "Type", "Size", "SHA-256"):
        assert shown[label] == "(no file was kept)"
    assert shown["When it happened"] == "2026-03-02 (zone not known)"


def test_removed_original_keeps_its_hash_size_and_says_so(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    data = content(3, 4000)
    with open_vault(path) as vault:
        added = evidence.add_stream(vault, io.BytesIO(data), original_name="foto.jpg")
        item = remove_original(vault, added.id)
    shown = _rows(item)
    assert shown["SHA-256"] == hashlib.sha256(data).hexdigest()
    assert shown["Size"] == "4,000 bytes (4.0 KB)"
    assert shown["Original file name"] == "foto.jpg"
    assert "The original was removed on" in shown["How it was added"]


def test_size_words() -> None:
    assert size_words(0) == "0 bytes"
    assert size_words(999) == "999 bytes"
    assert size_words(1500) == "1,500 bytes (1.5 KB)"
    assert size_words(999_999) == "999,999 bytes (1.0 MB)"
    assert size_words(3 * 10**9) == "3,000,000,000 bytes (3.0 GB)"


def _as_bytes(value: object) -> bytes:
    assert isinstance(value, bytes)
    return value


def _vault_with_items(path: Path) -> list[Exhibit]:
    with open_vault(path) as vault:
        small = evidence.add_stream(vault, io.BytesIO(content(1, 3000)), original_name="a.png")
        evidence.update_item(vault, small.id, happened_at="2020-01-02")  # exhibit 2
        big = evidence.add_stream(vault, io.BytesIO(content(2, 2 * MIB + 10)), original_name="b")
        evidence.update_item(vault, big.id, happened_at="2020-01-01")  # exhibit 1
        add_description_only(vault, title="Voicemail (not kept)", happened_at="2020-01-03")
        items, damaged = evidence.list_items(vault)
    assert damaged == []
    return number_exhibits(items)


def test_rehash_passes_intact_originals_and_says_no_file_for_a_description(
    new_vault: tuple[Path, str],
) -> None:
    path, _key = new_vault
    exhibits = _vault_with_items(path)
    seen: list[tuple[int, int]] = []
    with open_vault(path) as vault:
        checks = rehash_exhibits(vault, exhibits, progress=lambda d, t: seen.append((d, t)))
    assert [c.exhibit.number for c in checks] == [1, 2, 3]
    statuses = {c.exhibit.item.original_name or c.exhibit.item.title: c.status for c in checks}
    assert statuses == {"b": PASS, "a.png": PASS, "Voicemail (not kept)": NO_FILE}
    total = 3000 + 2 * MIB + 10
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_a_damaged_chunk_is_a_fail_and_the_others_still_pass(
    new_vault: tuple[Path, str],
) -> None:
    path, _key = new_vault
    exhibits = _vault_with_items(path)
    target = exhibits[0].item  # the 2 MiB file: damage its second chunk
    stored = fetch(path, "SELECT data FROM chunk WHERE blob = ? AND idx = 1", (target.blob,))
    sql(
        path,
        "UPDATE chunk SET data = ? WHERE blob = ? AND idx = 1",
        (flip(_as_bytes(stored[0][0]), 100), target.blob),
    )
    with open_vault(path) as vault:
        checks = rehash_exhibits(vault, exhibits)
    assert [c.status for c in checks] == [FAIL, PASS, NO_FILE]
    assert "could not be read back intact" in checks[0].detail
    assert "part 2 of 3" in checks[0].detail


def test_an_item_whose_hash_differs_from_its_file_is_a_fail(
    new_vault: tuple[Path, str],
) -> None:
    path, _key = new_vault
    exhibits = _vault_with_items(path)
    item = exhibits[1].item
    item.sha256 = SHA  # the record says one hash, the stored bytes hash to another
    with open_vault(path) as vault:
        checks = rehash_exhibits(vault, exhibits)
    assert checks[1].status == FAIL
    assert "no longer matches the SHA-256" in checks[1].detail


def test_cancel_stops_the_rehash(new_vault: tuple[Path, str]) -> None:
    path, _key = new_vault
    exhibits = _vault_with_items(path)
    with open_vault(path) as vault, pytest.raises(Cancelled):
        rehash_exhibits(vault, exhibits, cancelled=lambda: True)
    calls = 0

    def after_first_chunk() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with open_vault(path) as vault, pytest.raises(Cancelled):
        rehash_exhibits(vault, exhibits, cancelled=after_first_chunk)
