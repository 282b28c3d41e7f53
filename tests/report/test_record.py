"""What the custody log says when a summary leaves the vault (no file name, ever), and saving
the PDF: never over an existing file unless asked, never a half-written file."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from locker.report.context import ReportOptions
from locker.report.document import build_report
from locker.report.record import BUNDLED, PRINTED, SAVED, record_report, write_pdf
from locker.vault import Argon2Params
from locker.vault.errors import InvalidInput, StorageError
from tests.report.report_vault import make_vault

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def test_record_report_adds_one_plain_entry_naming_no_file(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    with make_vault(tmp_path, floor_params) as vault:
        report = build_report(vault, ReportOptions(paper="a4"), now=NOW, floating_zone="UTC")
        before = vault.custody_log()[0]
        assert record_report(vault, report, SAVED) == ""
        after, problems = vault.custody_log()
    assert problems == []
    assert len(after) == len(before) + 1
    entry = after[-1]
    assert (entry.action, entry.item) == ("report", None)
    words = entry.summary
    assert "saved as a PDF" in words and "4 exhibits" in words
    assert f"{report.pages} pages" in words and "A4" in words
    assert hashlib.sha256(report.pdf).hexdigest() in words
    assert "No unredacted packet was made." in words
    for name in ("captura_de_pantalla.png", "photo.png", "chat.png", ".pdf", str(tmp_path)):
        assert name not in words


@pytest.mark.parametrize(("how", "words"), [(PRINTED, "printed"), (BUNDLED, "originals bundle")])
def test_record_says_how_it_left(
    tmp_path: Path, floor_params: Argon2Params, how: str, words: str
) -> None:
    with make_vault(tmp_path, floor_params, filled=False) as vault:
        report = build_report(vault, ReportOptions(), now=NOW, floating_zone="UTC")
        assert record_report(vault, report, how) == ""
        entry = vault.custody_log()[0][-1]
    assert words in entry.summary and "0 exhibits" in entry.summary


def test_record_report_says_why_when_the_log_cannot_be_written(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    with make_vault(tmp_path, floor_params, filled=False) as vault:
        report = build_report(vault, ReportOptions(), now=NOW, floating_zone="UTC")
        vault.delete("meta", "custody", "head")
        why = record_report(vault, report, PRINTED)
    assert why and "custody log" in why


def test_write_pdf_writes_whole_and_refuses_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    write_pdf(out, b"%PDF-1.4 first")
    assert out.read_bytes() == b"%PDF-1.4 first"
    with pytest.raises(InvalidInput) as caught:
        write_pdf(out, b"%PDF-1.4 second")
    assert "already exists" in caught.value.message
    assert out.read_bytes() == b"%PDF-1.4 first"
    write_pdf(out, b"%PDF-1.4 second", force=True)
    assert out.read_bytes() == b"%PDF-1.4 second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "summary.pdf"]


def test_write_pdf_refuses_a_folder_and_the_vault(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    with pytest.raises(InvalidInput, match="folder"):
        write_pdf(tmp_path, b"%PDF")
    vault = make_vault(tmp_path, floor_params, filled=False)
    vault.lock()
    with pytest.raises(InvalidInput, match="vault file itself"):
        write_pdf(tmp_path / "report.evl", b"%PDF", force=True, vault_path=tmp_path / "report.evl")


def test_write_pdf_into_a_missing_folder_is_a_plain_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        write_pdf(tmp_path / "no such folder" / "summary.pdf", b"%PDF")
    assert "could not be written" in caught.value.message
