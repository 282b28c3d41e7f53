"""The cover page as a judge reads it: who prepared it and when (with the zone), how many
exhibits and pages, the custody log's head hash in full, how intimate pictures are handled,
and a plain disclaimer; neutral words when no title or name was given."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from locker.report.context import ReportOptions
from locker.report.document import build_report
from locker.vault import Argon2Params
from tests.report.pdftools import page_texts
from tests.report.report_vault import make_vault

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def _cover(tmp_path: Path, floor_params: Argon2Params, **options: Any) -> tuple[str, object]:
    with make_vault(tmp_path, floor_params) as vault:
        report = build_report(
            vault,
            ReportOptions(**options),
            now=NOW,
            floating_zone="America/Chicago",
        )
        log = vault.custody_log()[0]
    assert report.head_hash == log[-1].hash
    text = page_texts(report.pdf, tmp_path / "pdf")[0]
    return " ".join(text.split()), report


def test_cover_names_the_case_the_person_the_time_and_the_counts(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    text, report = _cover(
        tmp_path, floor_params, title="Caso de María — amenazas", prepared_by="Ana Pérez"
    )
    assert "Caso de María — amenazas" in text
    assert "Prepared by Ana Pérez" in text
    # 15:30 UTC is 10:30 in Chicago on 10 March 2026 (daylight time began on the 8th)
    # with a real minus sign, as the exhibit pages write every time
    assert "2026-03-10 10:30 (America/Chicago, UTC\u221205:00)" in text
    assert re.search(r"Exhibits 4\b", text)
    assert re.search(rf"Pages {report.pages}\b", text)  # type: ignore[attr-defined]
    assert report.head_hash in re.sub(r"\s+", "", text)  # type: ignore[attr-defined]
    assert "1 exhibit is marked intimate. No intimate picture is shown in this summary" in text
    assert "No separate packet of unredacted pictures was made." in text


def test_cover_disclaimer_is_plain(tmp_path: Path, floor_params: Argon2Params) -> None:
    text, _report = _cover(tmp_path, floor_params, prepared_by="Ana Pérez")
    assert "This is a summary of evidence prepared by Ana Pérez." in text
    assert "Nothing here promises that a court will accept this evidence" in text
    assert "this summary is not legal advice" in text
    assert "kept unaltered in the encrypted vault" in text and "SHA-256" in text
    # what a hash does not prove is said, not left for the reader to assume
    assert "it does not show who made or sent what the file shows" in text


def test_cover_without_a_title_or_a_name_is_neutral(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    text, _report = _cover(tmp_path, floor_params)
    assert "Evidence summary" in text
    assert "Prepared by (not given)" in text
    assert "a summary of evidence prepared by the person who printed it." in text
