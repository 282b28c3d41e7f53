"""The import pipeline (locker.case.importer): what a user notices after adding files."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from PIL import Image

from locker.case import evidence, imaging, importer, integrity
from locker.case.evidence import (
    PROVENANCE_CAPTURED,
    PROVENANCE_DESCRIPTION_ONLY,
    PROVENANCE_IMPORTED,
    PROVENANCE_PASTED,
)
from locker.vault import InvalidInput
from tests.conftest import open_vault, sha256_file
from tests.test_imaging import bomb_png, exif_jpeg


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
    bomb.write_bytes(bomb_png())
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


def test_exif_facts_and_the_exact_original_are_kept(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    photo = tmp_path / "IMG_0001.JPG"
    photo.write_bytes(exif_jpeg(orientation=6))
    with open_vault(path) as v:
        item = importer.import_file(v, photo, title="Photo of the message", intimate=True)
        assert b"".join(v.read_blob(item.blob)) == photo.read_bytes()  # EXIF and all
        stored = evidence.find_item(v, item.id)
    assert item.sha256 == sha256_file(photo)
    assert stored.facts["taken_at"] == "2026:05:03 21:14:07"
    assert stored.facts["camera"] == "Canon EOS R6"
    assert stored.facts["format"] == "JPEG"
    assert stored.title == "Photo of the message" and stored.intimate
    assert stored.source_modified.endswith("Z")


def test_heic_and_other_files_are_kept_without_a_thumbnail(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    heic = tmp_path / "IMG_0002.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + os.urandom(5000))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    with open_vault(path) as v:
        summary = importer.import_files(v, [heic, pdf])
        assert not summary.failed
        h, p = summary.added
        assert (h.media_type, h.has_thumbnail, h.facts) == ("image/heic", False, {})
        assert (p.media_type, p.has_thumbnail) == ("application/pdf", False)
        assert not evidence.is_image(h) and not evidence.is_image(p)
        assert evidence.load_thumbnail(v, h.id) is None


def test_an_image_too_large_to_check_in_memory_is_stored_unchecked(
    new_vault: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from locker.case import imaging

    monkeypatch.setattr(imaging, "MAX_IMAGE_BYTES", 3 * 1024 * 1024)
    path, _ = new_vault
    big = tmp_path / "huge-scan.png"
    big.write_bytes(png_bytes() + os.urandom(4 * 1024 * 1024))  # trailing bytes make it big
    with open_vault(path) as v:
        item = importer.import_file(v, big)
        assert item.sha256 == sha256_file(big) and item.size == big.stat().st_size
        assert (item.media_type, item.has_thumbnail) == ("image/png", False)
        assert not evidence.is_image(item)  # never decoded by a viewer unchecked
        assert integrity.verify_case(v).ok


def test_cancel_between_files_keeps_what_was_committed(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    files = []
    for i in range(5):
        f = tmp_path / f"{i}.png"
        f.write_bytes(png_bytes(colour=(i, i, i)))
        files.append(f)
    seen: list[importer.ImportProgress] = []
    with open_vault(path) as v:
        summary = importer.import_files(
            v,
            files,
            progress=seen.append,
            cancelled=lambda: bool(seen) and seen[-1].files_done >= 2,
        )
        assert summary.cancelled
        assert [i.original_name for i in summary.added] == ["0.png", "1.png"]
        assert summary.skipped == 3 and not summary.failed
        assert len(evidence.list_items(v)[0]) == 2
        assert integrity.verify_case(v).ok


def test_cancel_does_not_wait_for_a_picture_check_in_progress(
    new_vault: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quick exit cancels an import: it must not wait for Pillow to finish decoding."""
    path, _ = new_vault
    files = []
    for i in range(3):
        f = tmp_path / f"{i}.png"
        f.write_bytes(png_bytes(colour=(i, i, i)))
        files.append(f)
    checking, release = threading.Event(), threading.Event()
    real_prepare = importer.prepare_path

    def slow_prepare(p, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(p).name == "1.png":  # a long decode that cannot be interrupted
            checking.set()
            release.wait(120)
        return real_prepare(p, *args, **kwargs)

    monkeypatch.setattr(importer, "prepare_path", slow_prepare)
    stop = threading.Event()
    try:
        with open_vault(path) as v:
            result: list[importer.ImportSummary] = []
            waiting_for_1 = threading.Event()

            def progress(p: importer.ImportProgress) -> None:
                if p.files_done == 1:  # file 0 is committed; the import now waits for file 1
                    waiting_for_1.set()

            worker = threading.Thread(
                target=lambda: result.append(
                    importer.import_files(v, files, progress=progress, cancelled=stop.is_set)
                )
            )
            worker.start()
            assert checking.wait(30) and waiting_for_1.wait(30)
            stop.set()  # the user pressed Quick exit while file 1 is being checked
            worker.join(15)
            assert not worker.is_alive() and not release.is_set()  # returned, check still running
            summary = result[0]
            assert summary.cancelled
            assert [i.original_name for i in summary.added] == ["0.png"]
            assert len(evidence.list_items(v)[0]) == 1
            assert integrity.verify_case(v).ok
    finally:
        release.set()


def test_cancel_inside_a_file_rolls_that_file_back(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    small = tmp_path / "first.txt"
    small.write_text("kept")
    video = tmp_path / "video.mp4"
    video.write_bytes(os.urandom(6 * 1024 * 1024))
    last = tmp_path / "last.txt"
    last.write_text("never tried")
    seen: list[importer.ImportProgress] = []

    def cancelled() -> bool:  # the user presses Cancel while the video is half stored
        return bool(seen) and seen[-1].current_name == "video.mp4" and seen[-1].bytes_done > 3e6

    with open_vault(path) as v:
        before = counts(v)
        summary = importer.import_files(
            v, [small, video, last], progress=seen.append, cancelled=cancelled
        )
        assert summary.cancelled and summary.skipped == 2
        assert [i.original_name for i in summary.added] == ["first.txt"]
        after = counts(v)
        assert after["blob ids"] == before["blob ids"] + 1  # only the small file's blob
        assert after["chunks"] == before["chunks"] + 1
        assert after["log"] == before["log"] + 1
        assert integrity.verify_case(v).ok  # (adds a "verify" entry)
        after = counts(v)
        with pytest.raises(importer.Cancelled):
            importer.import_file(v, video, cancelled=lambda: True)
        assert counts(v) == after


def test_a_file_that_changes_while_read_is_not_added(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    growing = tmp_path / "still-being-saved.mp4"
    growing.write_bytes(os.urandom(3 * 1024 * 1024))

    def append(progress: importer.ImportProgress) -> None:  # it never stops growing
        with open(growing, "ab") as f:
            f.write(b"more")

    with open_vault(path) as v:
        before = counts(v)
        with pytest.raises(InvalidInput) as caught:
            importer.import_file(v, growing, progress=append)
        assert "changed while it was being read" in caught.value.message
        assert counts(v) == before


def test_non_utf8_and_hostile_names(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9 \x1b[31mred.png")
    with open(raw, "wb") as f:
        f.write(png_bytes())
    gone = os.path.join(os.fsencode(tmp_path), b"gone-\xff.png")
    with open_vault(path) as v:
        summary = importer.import_files(v, [raw, gone])
        (item,) = summary.added
        assert item.original_name == "caf\ufffd \x1b[31mred.png"  # stored as it was
        assert item.original_name_b64
        (failure,) = summary.failed
    assert failure.name == "gone-\ufffd.png" and "can't be found" in failure.message
    assert "\x1b" not in importer.clean_name(raw)  # what a summary shows is cleaned


def test_folders_pipes_and_missing_files_are_named(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    folder = tmp_path / "Screenshots"
    folder.mkdir()
    files = [folder, tmp_path / "missing.png"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.png")
        files.append(tmp_path / "pipe.png")
    with open_vault(path) as v:
        summary = importer.import_files(v, files)
    messages = {f.name: f.message for f in summary.failed}
    assert "folder" in messages["Screenshots"]
    assert "can't be found" in messages["missing.png"]
    if hasattr(os, "mkfifo"):
        assert "not an ordinary file" in messages["pipe.png"]
    assert not summary.added


def test_a_vault_problem_stops_the_bulk_and_says_so(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    from locker.vault import StorageFull

    path, _ = new_vault
    files = []
    for i in range(3):
        f = tmp_path / f"{i}.bin"
        f.write_bytes(os.urandom(3 * 1024 * 1024))
        files.append(f)
    with open_vault(path) as v:
        pages = v.conn.execute("PRAGMA page_count").fetchone()[0]
        v.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        summary = importer.import_files(v, files)
        assert not summary.added and summary.skipped == 2
        (failure,) = summary.failed
        assert failure.name == "0.bin"
        assert failure.message == StorageFull().message
    with open_vault(path) as v:
        assert not evidence.list_items(v)[0]
        assert integrity.verify_case(v).ok


def test_remove_original_refuses_links_and_changed_files(
    new_vault: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = new_vault
    target = tmp_path / "real.png"
    target.write_bytes(png_bytes())
    link = tmp_path / "shortcut.png"
    link.symlink_to(target)
    hard = tmp_path / "hard.png"
    hard.write_bytes(png_bytes(colour=(9, 9, 9)))
    os.link(hard, tmp_path / "hard-other-name.png")
    changed = tmp_path / "changed.png"
    changed.write_bytes(png_bytes(colour=(1, 1, 1)))
    real_remove = importer.remove_source

    def edit_first(p, st):  # type: ignore[no-untyped-def]
        if os.fspath(p) == os.fspath(changed):  # someone saves over it right after the import
            changed.write_bytes(png_bytes(colour=(2, 2, 2)))
        return real_remove(p, st)

    monkeypatch.setattr(importer, "remove_source", edit_first)
    with open_vault(path) as v:
        summary = importer.import_files(v, [link, hard, changed], remove_original=True)
    assert len(summary.added) == 3 and not summary.failed
    why = {f.name: f.message for f in summary.not_removed}
    assert "shortcut" in why["shortcut.png"] and "still there" in why["shortcut.png"]
    assert "other names" in why["hard.png"]
    assert "changed or replaced" in why["changed.png"]
    assert link.is_symlink() and target.exists() and hard.exists() and changed.exists()


def test_import_file_reports_an_original_it_could_not_remove(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    target = tmp_path / "real.png"
    target.write_bytes(png_bytes())
    link = tmp_path / "link.png"
    link.symlink_to(target)
    with open_vault(path) as v:
        with pytest.raises(importer.NotRemoved) as caught:
            importer.import_file(v, link, remove_original=True)
        assert evidence.find_item(v, caught.value.item.id).sha256 == sha256_file(target)
    assert target.exists()


def test_update_item_checks_when_it_happened(new_vault: tuple[Path, str]) -> None:
    path, _ = new_vault
    with open_vault(path) as v:
        item = importer.add_description_only(v, title="A post")
        for bad in (
            "2026-02-30",
            "03/05/2026",
            "2026-05-03 21:30",
            "2026-05-03T25:00",
            "2026",
            "\u0662\u0660\u0662\u0666-05-03",  # Arabic-Indic digits
            "2026-05-03T21:30:00",
        ):
            with pytest.raises(InvalidInput) as caught:
                evidence.update_item(v, item.id, happened_at=bad)
            assert "year-month-day" in caught.value.message
        with pytest.raises(InvalidInput) as caught:
            evidence.update_item(v, item.id, happened_tz="Europe/Atlantis")
        assert "time zone is not known" in caught.value.message
        with pytest.raises(InvalidInput):
            evidence.update_item(v, item.id, title=None)
        with pytest.raises(InvalidInput):
            evidence.update_item(v, item.id, intimate="yes")
        count = len(v.custody_log()[0])
        updated = evidence.update_item(
            v, item.id, happened_at="2026-05-03T21:30", happened_tz="America/Chicago"
        )
        assert (updated.happened_at, updated.happened_tz) == ("2026-05-03T21:30", "America/Chicago")
        entries = v.custody_log()[0]
        assert len(entries) == count + 1
        assert entries[-1].summary == "Changed: when it happened, time zone."
        assert "Chicago" not in entries[-1].summary  # field names, never values
        evidence.update_item(v, item.id, happened_at="2026-05-04", happened_tz="")
        assert evidence.find_item(v, item.id).happened_at == "2026-05-04"
        assert integrity.verify_case(v).ok


def test_old_item_records_still_load(new_vault: tuple[Path, str]) -> None:
    """Records written before these fields existed read with their defaults."""
    path, _ = new_vault
    old = {
        "title": "t",
        "original_name": "a.png",
        "size": 3,
        "sha256": "0" * 64,
        "media_type": "image/png",
        "added_at": "2026-11-20T10:00:00Z",
        "blob": "ab" * 16,
        "provenance": "imported",
    }
    item = evidence.EvidenceItem.from_json("0123456789abcdef", old)
    assert (item.happened_at, item.happened_tz, item.facts) == ("", "", {})
    assert not item.has_thumbnail and not item.original_removed
    assert not evidence.is_image(item)  # never checked at import: shown as a file card
    with pytest.raises(ValueError):
        evidence.EvidenceItem.from_json("0123456789abcdef", old | {"facts": []})


def test_cli_add_uses_the_pipeline_and_list_json_has_the_new_keys(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    import json

    from tests.conftest import PW, run_locker

    path, _ = new_vault
    good, broken, empty = tmp_path / "good.png", tmp_path / "broken.png", tmp_path / "empty.txt"
    good.write_bytes(png_bytes())
    broken.write_bytes(png_bytes((1500, 1500))[:3000])
    empty.write_bytes(b"")
    r = run_locker("add", path, broken, good, empty, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2  # an input problem (ARCHITECTURE.md); the good file still went in
    lines = r.stderr.splitlines()
    assert len(lines) == 2
    assert "broken.png" in lines[0] and "damaged or incomplete" in lines[0]
    assert "empty.txt" in lines[1] and "empty (0 bytes)" in lines[1]
    (item_id,) = r.stdout.split()
    r = run_locker("list", path, "--json", "--passphrase-stdin", stdin=PW)
    (listed,) = json.loads(r.stdout)
    assert listed["id"] == item_id
    assert (listed["happened_at"], listed["happened_tz"], listed["provenance"]) == (
        "",
        "",
        "imported",
    )
    assert {"title", "original_name", "size", "sha256", "media_type", "added_at"} <= set(listed)
    with open_vault(path) as v:
        assert evidence.find_item(v, item_id).has_thumbnail
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(bomb_png())
    r = run_locker("add", path, bomb, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.splitlines()) == 1 and "far larger" in r.stderr
    # Between our cap and Pillow's own error: Pillow would warn on stderr; the CLI says one line.
    side = int(imaging.MAX_PIXELS**0.5) + 2
    bomb.write_bytes(bomb_png(side, side))
    r = run_locker("add", path, bomb, "--passphrase-stdin", stdin=PW)
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1 and f"{side} × {side}" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_cli_add_reads_a_pipe_the_user_chose(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    """`locker add VAULT <(some command)` still works; the window refuses pipes (above)."""
    import threading

    from tests.conftest import PW, run_locker

    path, _ = new_vault
    fifo = tmp_path / "from-a-pipe"
    os.mkfifo(fifo)
    data = png_bytes()

    def feed() -> None:
        with open(fifo, "wb") as f:  # waits for the reader, like a shell pipeline
            f.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    r = run_locker("add", path, fifo, "--passphrase-stdin", stdin=PW, timeout=60)
    writer.join(timeout=30)
    assert r.returncode == 0, r.stderr
    with open_vault(path) as v:
        item = evidence.find_item(v, r.stdout.strip())
        assert b"".join(v.read_blob(item.blob)) == data
        assert item.has_thumbnail


def test_export_of_an_item_without_a_file_says_why(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    from locker.case import export

    path, _ = new_vault
    f = tmp_path / "a.png"
    f.write_bytes(png_bytes())
    with open_vault(path) as v:
        only = importer.add_description_only(v, title="Words only")
        removed = importer.remove_original(v, importer.import_file(v, f).id)
        log = len(v.custody_log()[0])
        with pytest.raises(InvalidInput) as caught:
            export.export_item(v, only.id, tmp_path / "out1")
        assert "description only" in caught.value.message
        with pytest.raises(InvalidInput) as caught:
            export.export_item(v, removed.id, tmp_path / "out2")
        assert "original was removed" in caught.value.message
        assert len(v.custody_log()[0]) == log
    assert not (tmp_path / "out1").exists() and not (tmp_path / "out2").exists()
