"""Where the user is in the guide, kept inside the vault: it survives locking, a restart, a
re-key and a backup; it is never evidence (no custody entry, verify stays clean); nothing of it
is readable in the file; a damaged record means a fresh start, said so."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.case.fields import MAX_TEXT
from locker.case.integrity import verify_case
from locker.guide.load import load_guide
from locker.guide.progress import (
    GuideProgress,
    done_count,
    has_progress,
    is_checked,
    load_progress,
    save_progress,
    set_checked,
)
from locker.vault import InvalidInput, LockedVault, Vault, backup, rekey
from tests.conftest import PASSPHRASE, open_vault
from tests.guide.samples import TODAY, write_guide
from tests.helpers_tamper import sql

RECORD = ("guide", "walkthrough", "progress")


@pytest.fixture
def vault(new_vault: tuple[Path, str]) -> Iterator[Vault]:
    with open_vault(new_vault[0]) as v:
        yield v


def _sample() -> GuideProgress:
    return GuideProgress(
        current="document",
        done={"safety", "not-your-fault"},
        checked={"document/full-url", "document/date-visible"},
        notes={"safety": "Talked to Sam.\nCall back Tuesday.", "document": ""},
        link_note_seen=True,
        country="US",
    )


def test_a_new_vault_starts_at_the_beginning(vault: Vault) -> None:
    assert not has_progress(vault)
    progress = load_progress(vault)
    assert progress == GuideProgress()
    assert (progress.current, progress.done, progress.checked, progress.notes) == (
        "",
        set(),
        set(),
        {},
    )
    assert progress.link_note_seen is False and progress.unreadable is False


def test_progress_survives_locking_and_a_restart(new_vault: tuple[Path, str]) -> None:
    path = new_vault[0]
    with open_vault(path) as v:
        save_progress(v, _sample())
        assert has_progress(v)
    with open_vault(path) as v:  # a new unlock, as after a lock or a restart
        progress = load_progress(v)
    assert progress.current == "document"
    assert progress.done == {"safety", "not-your-fault"}
    assert progress.checked == {"document/full-url", "document/date-visible"}
    assert progress.notes == {"safety": "Talked to Sam.\nCall back Tuesday."}  # empty note: none
    assert progress.link_note_seen is True and progress.country == "US"
    assert progress.unreadable is False


def test_the_record_holds_sorted_lists_and_not_the_unreadable_flag(vault: Vault) -> None:
    save_progress(vault, GuideProgress(done={"b", "a"}, checked={"s/2", "s/1"}, unreadable=True))
    assert vault.get_json(*RECORD) == {
        "current": "",
        "done": ["a", "b"],
        "checked": ["s/1", "s/2"],
        "notes": {},
        "link_note_seen": False,
        "country": "",
    }


def test_saving_progress_is_not_a_custody_entry_and_verify_stays_clean(vault: Vault) -> None:
    before = vault.custody_log()[0]
    save_progress(vault, _sample())
    save_progress(vault, GuideProgress(current="support"))
    assert vault.custody_log()[0] == before
    report = verify_case(vault)
    assert report.ok, report.problems


def test_progress_survives_a_rekey_and_a_backup(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path = new_vault[0]
    with open_vault(path) as v:
        save_progress(v, _sample())
        rekey(v, "a new passphrase for the rekey")
    with LockedVault.open(path).unlock("a new passphrase for the rekey") as v:
        assert load_progress(v).notes["safety"] == "Talked to Sam.\nCall back Tuesday."
        copy = tmp_path / "backup.evl"
        backup(v, copy)
    with LockedVault.open(copy).unlock("a new passphrase for the rekey") as v:
        assert load_progress(v).done == {"safety", "not-your-fault"}
        assert verify_case(v).ok


def test_nothing_of_a_note_is_readable_in_the_vault_file(new_vault: tuple[Path, str]) -> None:
    path = new_vault[0]
    marker = "Zebra-Marker-4471 my sister's address"
    with open_vault(path) as v:
        save_progress(v, GuideProgress(current="safety", notes={"safety": marker}))
    data = path.read_bytes()
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert marker.encode(encoding) not in data
        assert "Zebra-Marker".encode(encoding) not in data
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(path.name)] == [path.name]


def test_step_ids_the_guide_no_longer_has_are_kept(tmp_path: Path, vault: Vault) -> None:
    guide = load_guide(folder=write_guide(tmp_path / "g"), today=TODAY)
    save_progress(vault, GuideProgress(done={"safety", "support", "an-old-step"}))
    progress = load_progress(vault)
    assert "an-old-step" in progress.done
    assert done_count(progress, guide) == 2  # only the guide's own steps count


def test_checklist_items_are_ticked_per_step() -> None:
    progress = GuideProgress()
    set_checked(progress, "document", "full-url", True)
    set_checked(progress, "document", "full-url", True)
    assert is_checked(progress, "document", "full-url")
    assert not is_checked(progress, "other", "full-url")
    assert progress.checked == {"document/full-url"}
    set_checked(progress, "document", "full-url", False)
    set_checked(progress, "document", "never-ticked", False)
    assert progress.checked == set()


@pytest.mark.parametrize("stored", [[], "progress", 3, None])  # None: JSON null
def test_a_record_that_is_not_an_object_means_a_fresh_start_said_so(
    vault: Vault, stored: object
) -> None:
    vault.put_json(*RECORD, stored)
    progress = load_progress(vault)
    assert progress.unreadable is True
    assert progress == GuideProgress(unreadable=True)
    assert has_progress(vault)


@pytest.mark.parametrize(
    ("wrong", "kept"),
    [
        ({"done": "safety"}, {"done": set()}),
        ({"done": ["safety", 1]}, {"done": {"safety"}}),
        ({"checked": {"a": 1}}, {"checked": set()}),
        ({"notes": ["safety"]}, {"notes": {}}),
        ({"notes": {"safety": 3, "legal": "Call Ana."}}, {"notes": {"legal": "Call Ana."}}),
        ({"current": 2}, {"current": ""}),
        ({"country": None}, {"country": ""}),
        ({"link_note_seen": "yes"}, {"link_note_seen": False}),
        ({"link_note_seen": 1}, {"link_note_seen": False}),
    ],
)
def test_a_value_of_another_type_is_its_default_and_the_rest_is_kept(
    vault: Vault, wrong: dict[str, object], kept: dict[str, object]
) -> None:
    """A newer version (or an odd edit) must not cost the user their notes and ticks."""
    stored = {
        "current": "legal",
        "done": ["safety"],
        "checked": ["document/date-visible"],
        "notes": {"safety": "Talked to Sam."},
        "link_note_seen": True,
        "country": "US",
    }
    vault.put_json(*RECORD, {**stored, **wrong})
    progress = load_progress(vault)
    assert progress.unreadable is False
    expected = GuideProgress(
        current="legal",
        done={"safety"},
        checked={"document/date-visible"},
        notes={"safety": "Talked to Sam."},
        link_note_seen=True,
        country="US",
    )
    for key, value in kept.items():
        setattr(expected, key, value)
    assert progress == expected


def test_unknown_keys_and_missing_keys_are_fine(vault: Vault) -> None:
    vault.put_json(*RECORD, {"current": "legal", "future": {"x": [1]}, "done": ["legal"]})
    progress = load_progress(vault)
    assert progress.current == "legal" and progress.done == {"legal"}
    assert progress.unreadable is False


def test_saving_keeps_what_a_newer_version_stored(vault: Vault) -> None:
    newer = {"current": "legal", "done": ["legal"], "pins": {"x": [1, None]}, "v": 2}
    vault.put_json(*RECORD, newer)
    progress = load_progress(vault)
    assert progress.extra == {"pins": {"x": [1, None]}, "v": 2}
    progress.done.add("safety")
    save_progress(vault, progress)
    stored = json.loads(vault.get(*RECORD) or b"")
    assert stored["pins"] == {"x": [1, None]} and stored["v"] == 2
    assert stored["done"] == ["legal", "safety"]
    again = load_progress(vault)
    assert again.extra == progress.extra and again.done == {"legal", "safety"}


def test_extra_never_overrides_what_this_version_stores(vault: Vault) -> None:
    save_progress(vault, GuideProgress(current="legal", extra={"current": "x", "new": True}))
    stored = json.loads(vault.get(*RECORD) or b"")
    assert stored["current"] == "legal" and stored["new"] is True


def test_a_damaged_record_means_a_fresh_start_and_can_be_saved_again(
    new_vault: tuple[Path, str],
) -> None:
    path = new_vault[0]
    with open_vault(path) as v:
        save_progress(v, _sample())
    sql(path, "UPDATE record SET data = ? WHERE tbl = 'guide'", (os.urandom(60),))
    with open_vault(path) as v:
        assert has_progress(v)
        assert load_progress(v) == GuideProgress(unreadable=True)
        save_progress(v, GuideProgress(current="support"))
        assert load_progress(v) == GuideProgress(current="support")


def test_a_record_that_is_not_json_is_unreadable(vault: Vault) -> None:
    vault.put(*RECORD, b"\xff not json")
    assert load_progress(vault).unreadable is True


@pytest.mark.parametrize(
    ("progress", "words"),
    [
        (GuideProgress(notes={"safety": "x" * (MAX_TEXT + 1)}), "too long"),
        (GuideProgress(notes={"safety": 5}), "must be text"),  # type: ignore[dict-item]
        (GuideProgress(notes=["safety"]), "notes"),  # type: ignore[arg-type]
        (GuideProgress(notes={3: "x"}), "step"),  # type: ignore[dict-item]
        (GuideProgress(current=None), "current step"),  # type: ignore[arg-type]
        (GuideProgress(current="x" * 500), "current step"),
        (GuideProgress(done="safety"), "steps done"),  # type: ignore[arg-type]
        (GuideProgress(done={1}), "steps done"),  # type: ignore[arg-type]
        (GuideProgress(checked={None}), "checklist"),  # type: ignore[arg-type]
        (GuideProgress(country=1), "country"),  # type: ignore[arg-type]
        (GuideProgress(link_note_seen="yes"), "setting"),  # type: ignore[arg-type]
        (GuideProgress(extra=[1]), "setting"),  # type: ignore[arg-type]
        (GuideProgress(extra={1: "x"}), "setting"),  # type: ignore[dict-item]
    ],
)
def test_a_value_that_cannot_be_stored_is_refused_and_nothing_is_written(
    vault: Vault, progress: GuideProgress, words: str
) -> None:
    save_progress(vault, GuideProgress(current="safety"))
    with pytest.raises(InvalidInput) as caught:
        save_progress(vault, progress)
    assert words in caught.value.message
    assert load_progress(vault) == GuideProgress(current="safety")


def test_a_note_of_the_longest_length_is_kept(vault: Vault) -> None:
    note = "é" * MAX_TEXT
    save_progress(vault, GuideProgress(notes={"safety": note}))
    assert load_progress(vault).notes["safety"] == note


def test_the_passphrase_is_still_the_one_that_opens_it(new_vault: tuple[Path, str]) -> None:
    with LockedVault.open(new_vault[0]).unlock(PASSPHRASE) as v:
        save_progress(v, GuideProgress(current="support"))
    with open_vault(new_vault[0]) as v:
        assert load_progress(v).current == "support"
