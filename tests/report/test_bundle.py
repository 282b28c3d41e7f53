"""The originals bundle as a court clerk would check it: `sha256sum -c` on the extracted folder,
the manifest read back, no original file names inside, nothing left behind when it is refused."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from locker.case import evidence
from locker.case.without_file import add_description_only
from locker.report.bundle import write_bundle
from locker.report.bundle_texts import COLUMNS
from locker.report.exhibits import number_exhibits
from locker.vault.errors import Cancelled, Damaged, InvalidInput
from tests.conftest import open_vault
from tests.helpers_tamper import content, fetch, flip, sql

SHA256SUM = shutil.which("sha256sum")
needs_sha256sum = pytest.mark.skipif(SHA256SUM is None, reason="sha256sum (coreutils) not found")

PNG = b"\x89PNG\r\n\x1a\n" + content(1, 3000)
TEXT = "Él dijo: «te voy a encontrar». مرحبا 你好\n".encode()
TITLES = ("Mensaje de él — amenaza", "رسالة تهديد", "威胁信息")


def _fill(path: Path) -> dict[str, evidence.EvidenceItem]:
    """Three files (happened on 3, 1, and an unknown date) and one description only."""
    with open_vault(path) as vault:
        a = evidence.add_stream(vault, io.BytesIO(PNG), original_name="maria-at-home.png")
        b = evidence.add_stream(vault, io.BytesIO(TEXT), original_name="chat with Sam.txt")
        c = evidence.add_stream(
            vault, io.BytesIO(content(2, 5000)), original_name="photo-from-phone.dat"
        )
        evidence.update_item(
            vault, a.id, title=TITLES[0], happened_at="2026-03-03", note="=HYPERLINK(1)"
        )
        evidence.update_item(vault, b.id, title=TITLES[1], happened_at="2026-03-01T21:30")
        evidence.update_item(vault, c.id, title=TITLES[2])
        d = add_description_only(vault, title="Voicemail (not kept)", happened_at="2026-03-02")
        return {"a": a, "b": b, "c": c, "d": d}


def _log_actions(path: Path) -> list[str]:
    with open_vault(path) as vault:
        entries, problems = vault.custody_log()
    assert problems == []
    return [e.action for e in entries]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _extract(bundle: Path, dest: Path) -> Path:
    with zipfile.ZipFile(bundle) as zf:
        assert zf.testzip() is None
        zf.extractall(dest)
    return dest


@needs_sha256sum
def test_sha256sum_passes_on_the_bundle_and_fails_after_one_byte_changes(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _fill(path)
    out = tmp_path / "bundle.zip"
    with open_vault(path) as vault:
        result = write_bundle(vault, out)
    assert (result.exhibits, result.files, result.unlogged) == (4, 3, "")
    folder = _extract(out, tmp_path / "x")
    ok = subprocess.run([SHA256SUM, "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(": OK") == 3

    target = folder / "exhibits" / "exhibit-001.txt"
    data = bytearray(target.read_bytes())
    data[10] ^= 0x01
    target.write_bytes(bytes(data))
    bad = subprocess.run(
        [SHA256SUM, "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "exhibits/exhibit-001.txt: FAILED" in bad.stdout


def test_contents_order_manifest_and_no_original_names(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    items = _fill(path)
    out = tmp_path / "bundle.zip"
    with open_vault(path) as vault:
        write_bundle(vault, out)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        # In court order: b (1 March), d (2 March, no file), a (3 March), c (no date: when added).
        assert sorted(names) == sorted(
            [
                "README.txt",
                "SHA256SUMS",
                "manifest.csv",
                "exhibits/exhibit-001.txt",
                "exhibits/exhibit-003.png",
                "exhibits/exhibit-004.bin",
            ]
        )
        assert zf.read("exhibits/exhibit-001.txt") == TEXT
        assert zf.read("exhibits/exhibit-003.png") == PNG
        sums = zf.read("SHA256SUMS").decode("ascii")
        raw_manifest = zf.read("manifest.csv")
        readme = zf.read("README.txt").decode("utf-8")
    for item in (items["a"], items["b"], items["c"]):
        for name in names:
            assert item.original_name not in name
            assert Path(item.original_name).stem not in name
    assert sums.splitlines() == [
        f"{items['b'].sha256}  exhibits/exhibit-001.txt",
        f"{items['a'].sha256}  exhibits/exhibit-003.png",
        f"{items['c'].sha256}  exhibits/exhibit-004.bin",
    ]

    # Excel needs the BOM to read UTF-8; Python reads it back with utf-8-sig.
    assert raw_manifest.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw_manifest.decode("utf-8-sig"), newline="")))
    assert list(rows[0].keys()) == list(COLUMNS)
    assert [r["exhibit"] for r in rows] == ["Exhibit 1", "Exhibit 2", "Exhibit 3", "Exhibit 4"]
    assert [r["title"] for r in rows] == [TITLES[1], "Voicemail (not kept)", TITLES[0], TITLES[2]]
    by_title = {r["title"]: r for r in rows}
    first = by_title[TITLES[1]]
    assert first["file"] == "exhibits/exhibit-001.txt"
    assert first["sha256"] == items["b"].sha256
    assert first["size"] == str(len(TEXT))
    assert first["original_name"] == "chat with Sam.txt"
    assert first["happened_at"] == "2026-03-01T21:30"
    # Description only: listed, with no file and a plain note.
    voicemail = by_title["Voicemail (not kept)"]
    assert voicemail["file"] == "" and voicemail["sha256"] == ""
    assert "no file was kept" in voicemail["note"]
    # A note that a spreadsheet would run as a formula is shown as text.
    assert by_title[TITLES[0]]["note"] == "'=HYPERLINK(1)"
    assert "sha256sum -c SHA256SUMS" in readme
    assert "NOT encrypted" in readme and "apostrophe" in readme
    assert "original_name" in readme


def test_the_custody_log_gains_one_bundle_entry(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _fill(path)
    before = _log_actions(path)
    with open_vault(path) as vault:
        write_bundle(vault, tmp_path / "b.zip", pdf=b"%PDF-1.4 test")
        entries, _problems = vault.custody_log()
    assert _log_actions(path) == [*before, "bundle"]
    assert entries[-1].summary == "An originals bundle of 4 exhibits was written."
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        assert zf.read("summary.pdf") == b"%PDF-1.4 test"


def test_a_tampered_original_is_refused_by_exhibit_and_nothing_is_left(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    items = _fill(path)
    stored = fetch(path, "SELECT data FROM chunk WHERE blob = ? AND idx = 0", (items["a"].blob,))
    sql(
        path,
        "UPDATE chunk SET data = ? WHERE blob = ? AND idx = 0",
        (flip(bytes(stored[0][0]), 40), items["a"].blob),
    )
    before = _log_actions(path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "bundle.zip"
    with open_vault(path) as vault, pytest.raises(Damaged) as caught:
        write_bundle(vault, out)
    assert "Exhibit 3" in caught.value.message and TITLES[0] in caught.value.message
    assert list(out_dir.iterdir()) == []
    assert _log_actions(path) == before


def test_an_original_that_differs_from_the_items_sha256_is_refused(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _fill(path)
    with open_vault(path) as vault:
        items, _damaged = evidence.list_items(vault)
        exhibits = number_exhibits(items)
        exhibits[0] = replace(exhibits[0], item=replace(exhibits[0].item, sha256="1" * 64))
        with pytest.raises(Damaged, match="Exhibit 1"):
            write_bundle(vault, tmp_path / "b.zip", exhibits=exhibits)
    assert _leftovers(tmp_path) == [] and not (tmp_path / "b.zip").exists()


def test_cancel_leaves_nothing_and_progress_is_reported(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _fill(path)
    before = _log_actions(path)
    seen: list[tuple[int, int]] = []
    with open_vault(path) as vault, pytest.raises(Cancelled):
        write_bundle(
            vault,
            tmp_path / "b.zip",
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: len(seen) > 1,
        )
    assert seen and seen[0] == (0, len(PNG) + len(TEXT) + 5000)
    assert not (tmp_path / "b.zip").exists() and _leftovers(tmp_path) == []
    assert _log_actions(path) == before


def test_out_that_exists_is_a_folder_or_the_vault_is_refused(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = new_vault
    _fill(path)
    existing = tmp_path / "old.zip"
    existing.write_bytes(b"keep me")
    with open_vault(path) as vault:
        with pytest.raises(InvalidInput, match="already exists"):
            write_bundle(vault, existing)
        assert existing.read_bytes() == b"keep me"
        with pytest.raises(InvalidInput, match="folder"):
            write_bundle(vault, tmp_path)
        with pytest.raises(InvalidInput, match="vault file itself"):
            write_bundle(vault, path, force=True)
        write_bundle(vault, existing, force=True)
    assert zipfile.is_zipfile(existing)


def test_an_empty_vault_is_refused_plainly(new_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = new_vault
    with open_vault(path) as vault, pytest.raises(InvalidInput, match="no exhibits"):
        write_bundle(vault, tmp_path / "b.zip")
    assert list(p.name for p in tmp_path.iterdir() if p.suffix == ".zip") == []
    assert _leftovers(tmp_path) == []


def test_a_bundle_of_descriptions_only_says_there_is_nothing_to_re_check(
    new_vault: tuple[Path, str], tmp_path: Path
) -> None:
    """An empty SHA256SUMS makes `sha256sum -c` exit 1; the README must not tell an advocate to
    run a check that seems to fail."""
    path, _ = new_vault
    with open_vault(path) as vault:
        add_description_only(vault, title="Voicemail (not kept)", happened_at="2026-03-02")
        write_bundle(vault, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        readme = zf.read("README.txt").decode("utf-8")
        assert zf.read("SHA256SUMS") == b""
    assert "nothing to re-check" in readme
    assert "sha256sum -c" not in readme
