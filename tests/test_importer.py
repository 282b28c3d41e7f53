"""The import pipeline (locker.case.importer): what a user notices after adding files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from locker.case import evidence, importer, integrity
from locker.case.evidence import (
    PROVENANCE_CAPTURED,
    PROVENANCE_DESCRIPTION_ONLY,
    PROVENANCE_IMPORTED,
    PROVENANCE_PASTED,
)
from locker.vault import InvalidInput
from tests.conftest import open_vault, sha256_file


def png_bytes(
    size: tuple[int, int] = (640, 360), colour: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 200)).save(out, format="JPEG")
    return out.getvalue()


def counts(vault) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every kind of row an import writes, to prove a failed one left nothing behind."""
    q = vault.query
    return {
        "chunks": q("SELECT count(*) FROM chunk")[0][0],
        "blob ids": q("SELECT count(DISTINCT blob) FROM chunk")[0][0],
        "records": q("SELECT count(*) FROM record")[0][0],
        "log": q("SELECT count(*) FROM custody")[0][0],
    }


def test_bulk_import_good_files_go_in_and_bad_ones_are_named(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    good = []
    for i in range(3):
        f = tmp_path / f"shot-{i}.png"
        f.write_bytes(png_bytes(colour=(i * 60, 10, 10)))
        good.append(f)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_bytes())
    broken = tmp_path / "broken.png"
    broken.write_bytes(png_bytes((2000, 2000))[:4000])
    bomb = tmp_path / "bomb.png"
    Image.new("1", (30000, 30000)).save(bomb)
    assert bomb.stat().st_size < 200_000  # small on disk, 900 million pixels inside
    paths = [good[0], broken, good[1], bomb, photo, good[2]]
    seen: list[importer.ImportProgress] = []
    with open_vault(path) as v:
        before = counts(v)
        summary = importer.import_files(v, paths, progress=seen.append)
        after = counts(v)
        assert [i.original_name for i in summary.added] == [
            "shot-0.png",
            "shot-1.png",
            "photo.jpg",
            "shot-2.png",
        ]
        assert [f.name for f in summary.failed] == ["broken.png", "bomb.png"]
        assert "damaged or incomplete" in summary.failed[0].message
        assert "larger than any real photo" in summary.failed[1].message
        assert not summary.cancelled and summary.skipped == 0 and not summary.not_removed
        for item in summary.added:
            assert item.has_thumbnail
            thumb = evidence.load_thumbnail(v, item.id)
            assert thumb is not None
            with Image.open(io.BytesIO(thumb)) as t:
                assert t.format == "JPEG" and max(t.size) == 320
            assert item.facts["width"] in (640, 800)
            assert evidence.is_image(item)
            assert item.provenance == PROVENANCE_IMPORTED
        # Four items: 4 blobs (one chunk each), 4 items + 4 blob infos + 4 thumbs, 4 log entries.
        assert after["blob ids"] - before["blob ids"] == 4
        assert after["chunks"] - before["chunks"] == 4
        assert after["records"] - before["records"] == 12
        assert after["log"] - before["log"] == 4
        report = integrity.verify_case(v)
        assert report.ok, report.problems
    assert seen[-1].files_done == 6 and seen[-1].files_total == 6
    assert seen[-1].bytes_done == seen[-1].bytes_total == sum(p.stat().st_size for p in paths)
    assert {p.current_name for p in seen} >= {"shot-0.png", "bomb.png", "photo.jpg"}


def test_a_failed_import_leaves_nothing_behind(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    broken = tmp_path / "cut.png"
    broken.write_bytes(png_bytes((1500, 1500))[:2000])
    with open_vault(path) as v:
        before = counts(v)
        with pytest.raises(InvalidInput) as caught:
            importer.import_file(v, broken)
        assert "damaged or incomplete" in caught.value.message
        assert counts(v) == before


def test_zero_byte_file_is_refused_with_a_clear_message(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with open_vault(path) as v:
        before = counts(v)
        with pytest.raises(InvalidInput) as caught:
            importer.import_file(v, empty)
        assert "empty (0 bytes)" in caught.value.message
        summary = importer.import_files(v, [empty])
        assert [f.name for f in summary.failed] == ["empty.png"]
        with pytest.raises(InvalidInput):
            importer.import_bytes(v, b"", original_name="x.png", provenance=PROVENANCE_PASTED)
        assert counts(v) == before


def test_import_bytes_provenance_and_label(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        pasted = importer.import_bytes(
            v, png_bytes(), original_name="Pasted image.png", provenance=PROVENANCE_PASTED
        )
        captured = importer.import_bytes(
            v, png_bytes(), original_name="Screen.png", provenance=PROVENANCE_CAPTURED
        )
        stored = evidence.find_item(v, pasted.id)
    assert stored.provenance == PROVENANCE_PASTED and stored.has_thumbnail
    label = evidence.provenance_label(stored)
    assert label.startswith("Pasted into the program on ") and "UTC; SHA-256 taken then." in label
    assert evidence.provenance_label(captured).startswith("Captured from the screen by the program")
    assert (
        evidence.provenance_label(
            evidence.EvidenceItem(
                id="x",
                title="",
                original_name="",
                size=1,
                sha256="",
                media_type="",
                added_at="",
                blob="",
            )
        )
        == "Imported from a file; SHA-256 taken at import."
    )


def test_description_only_item(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        item = importer.add_description_only(
            v,
            title="Photo posted on a forum",
            description="A photo of me from 2019",
            url="https://example.org/t/1",
            intimate=True,
            happened_at="2026-05-03T21:30",
            happened_tz="Europe/Berlin",
        )
        assert (item.size, item.sha256, item.blob) == (0, "", "")
        assert item.provenance == PROVENANCE_DESCRIPTION_ONLY
        assert not evidence.is_image(item)
        assert evidence.load_thumbnail(v, item.id) is None
        report = integrity.verify_case(v)
        assert report.ok, report.problems
        with pytest.raises(InvalidInput):
            importer.add_description_only(v, title="  ")
        with pytest.raises(InvalidInput):
            importer.add_description_only(v, title="x", happened_tz="Mars/Olympus")


def test_remove_original_keeps_the_description_and_verifies(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    f = tmp_path / "image.png"
    f.write_bytes(png_bytes())
    with open_vault(path) as v:
        item = importer.import_file(v, f)
        evidence.update_item(v, item.id, description="what it showed", intimate=True)
        removed = importer.remove_original(v, item.id)
        assert removed.original_removed and not removed.blob and not removed.has_thumbnail
        assert (removed.sha256, removed.size) == (item.sha256, item.size)
        assert removed.description == "what it showed"
        assert v.query("SELECT count(*) FROM chunk")[0][0] == 0
        assert v.blob_ids() == []
        assert evidence.load_thumbnail(v, item.id) is None
        entries = v.custody_log()[0]
        assert entries[-1].action == "original-removed"
        assert item.sha256 in entries[-1].summary
        report = integrity.verify_case(v)
        assert report.ok, report.problems
        assert "The original was removed on" in evidence.provenance_label(removed)
        assert not evidence.is_image(removed)


def test_a_blob_deleted_without_the_log_is_still_caught(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    f = tmp_path / "image.png"
    f.write_bytes(png_bytes())
    with open_vault(path) as v:
        item = importer.import_file(v, f)
        with v.transaction():
            v.delete_blob(item.blob)
        problems = integrity.verify_case(v).problems
    assert any(item.id in p and "missing" in p for p in problems), problems


def test_remove_after_import_removes_only_the_unchanged_source(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    a.write_bytes(png_bytes())
    b.write_bytes(png_bytes(colour=(1, 2, 3)))
    with open_vault(path) as v:
        summary = importer.import_files(v, [a, b], remove_original=True)
    assert len(summary.added) == 2 and not summary.not_removed
    assert not a.exists() and not b.exists()


def test_settings_round_trip(new_vault: tuple[Path, str]) -> None:
    from locker.case.settings import AUTO_LOCK_CHOICES, Settings, load_settings, save_settings

    path, _ = new_vault
    with open_vault(path) as v:
        assert load_settings(v) == Settings(auto_lock_minutes=5)
        save_settings(v, Settings(auto_lock_minutes=15))
    with open_vault(path) as v:
        assert load_settings(v).auto_lock_minutes == 15
        assert 15 in AUTO_LOCK_CHOICES
        with pytest.raises(InvalidInput):
            save_settings(v, Settings(auto_lock_minutes=7))
        v.put_json("settings", "app", "prefs", {"auto_lock_minutes": 7, "other": 1})
        assert load_settings(v).auto_lock_minutes == 5


def test_remembered_round_trip(tmp_path: Path) -> None:
    from locker import paths, remembered

    assert remembered.remembered_vault() is None
    remembered.remember_vault(tmp_path / "case.evl")
    assert remembered.remembered_vault() == tmp_path / "case.evl"
    folder = paths.config_dir()
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert ((folder / remembered.FILE_NAME).stat().st_mode & 0o777) == 0o600
    remembered.forget_vault()
    assert remembered.remembered_vault() is None
    assert sha256_file  # imported for later tests
    assert os.listdir(folder) == []
