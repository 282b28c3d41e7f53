"""The whole printable summary, read as a clerk would: every exhibit with its full SHA-256,
a Bates number and "Page X of Y" on every page, the exhibit list pointing at the right pages,
embedded fonts, no password; an empty vault, bad choices and a cancel handled plainly."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from locker.report.context import ReportOptions
from locker.report.document import Report, build_report
from locker.vault import Argon2Params
from locker.vault.errors import Cancelled, InvalidInput
from tests.report.pdftools import font_rows, page_texts, poppler
from tests.report.report_vault import Filled, fill_vault, make_vault

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
ZONE = "America/Chicago"


def _header(page: str) -> str:
    """The page's header: its first two lines of text (the case title and the label sit at the
    top, a line apart or on one line), whitespace collapsed."""
    lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    return " | ".join(lines[:2])


def _build(tmp_path: Path, floor_params: Argon2Params, **options: Any) -> tuple[Report, Filled]:
    vault = make_vault(tmp_path, floor_params, filled=False)
    with vault:
        filled = fill_vault(vault)
        report = build_report(
            vault,
            ReportOptions(**options),
            now=NOW,
            floating_zone=ZONE,
        )
    return report, filled


def _squashed(text: str) -> str:
    """The page's text with all whitespace removed, so a hash wrapped in a cell reads whole."""
    return re.sub(r"\s+", "", text)


def test_every_exhibit_its_hash_and_page_furniture_are_in_the_text(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    report, filled = _build(tmp_path, floor_params, title="Caso de María")
    pages = page_texts(report.pdf, tmp_path / "pdf")
    assert len(pages) == report.pages
    whole = _squashed("".join(pages))
    for item in filled.items:
        if item.sha256:
            assert item.sha256 in whole
    for n in range(1, len(filled.items) + 1):
        assert f"Exhibit {n}" in "\n".join(pages)
    for number, text in enumerate(pages, start=1):
        assert f"EL-{number:06d}" in text, f"page {number} has no Bates number"
        assert f"Page {number} of {report.pages}" in text
    assert not re.search(r"EL-\d{6}", pages[0].replace("EL-000001", ""))


def test_exhibit_list_page_numbers_lead_to_that_exhibits_header(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    report, _filled = _build(tmp_path, floor_params)
    pages = page_texts(report.pdf, tmp_path / "pdf")
    listed = _listed_pages(pages, report)
    assert len(listed) == len(report.exhibits)
    for label, page in listed.items():
        header = _header(pages[page - 1])
        assert re.search(rf"{label}\b", header), (label, page, header)
        assert f"EL-{page:06d}" in "".join(pages)


def _listed_pages(pages: list[str], report: Report) -> dict[str, int]:
    listing = next(p for p in pages if "Exhibit list" in p and "Date of the event" in p)
    found = {}
    for exhibit in report.exhibits:
        row = next(line for line in listing.splitlines() if exhibit.label + " " in line + " ")
        found[exhibit.label] = int(re.findall(r"\s(\d+)\s*$", row)[0])
    return found


def test_exhibit_label_heads_every_page_of_its_section(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    report, _filled = _build(tmp_path, floor_params)
    pages = page_texts(report.pdf, tmp_path / "pdf")
    headers = [_header(p) for p in pages]
    starts = sorted(_listed_pages(pages, report).items(), key=lambda kv: kv[1])
    for (label, first), (_next, following) in zip(starts, starts[1:], strict=False):
        for page in range(first, following):
            assert re.search(rf"{label}\b", headers[page - 1]), (label, page, headers[page - 1])
    last_label, last_first = starts[-1]
    assert last_label in headers[last_first - 1]
    exhibit_pages = [h for h in headers if re.search(r"Exhibit \d+\b", h)]
    assert len(exhibit_pages) >= len(report.exhibits)
    assert "Exhibit" not in headers[0]  # the cover is no exhibit's page
    assert "Exhibit list" in headers[1] and "Cover page" not in headers[1]


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842))])
def test_paper_size(
    tmp_path: Path, floor_params: Argon2Params, paper: str, size: tuple[int, int]
) -> None:
    import subprocess

    report, _filled = _build(tmp_path, floor_params, paper=paper)
    out = tmp_path / "r.pdf"
    out.write_bytes(report.pdf)
    info = subprocess.run(
        [poppler("pdfinfo"), "-f", "1", "-l", str(report.pages), str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == report.pages
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {size}
    assert re.search(r"Encrypted:\s+no", info)
    assert report.paper == paper


def test_fonts_embedded_and_no_helvetica_and_neutral_metadata(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    import subprocess

    report, _filled = _build(tmp_path, floor_params, title="Caso de María", prepared_by="Ana")
    rows = font_rows(report.pdf, tmp_path / "pdf")
    assert rows
    for row in rows:
        assert "Helvetica" not in row and "Times" not in row, row
        assert row.split()[-5] == "yes", f"not embedded: {row}"
    out = tmp_path / "m.pdf"
    out.write_bytes(report.pdf)
    info = subprocess.run(
        [poppler("pdfinfo"), str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "María" not in info and "Ana" not in info
    assert re.search(r"Title:\s+Evidence summary", info)


def test_empty_vault_gives_a_short_kind_report(tmp_path: Path, floor_params: Argon2Params) -> None:
    with make_vault(tmp_path, floor_params, filled=False) as vault:
        report = build_report(vault, ReportOptions(), now=NOW, floating_zone=ZONE)
    assert report.exhibits == [] and report.packet is None
    text = " ".join(" ".join(page_texts(report.pdf, tmp_path / "pdf")).split())
    assert "No evidence has been added to this vault yet." in text
    assert "Evidence summary" in text and "Integrity appendix" in text
    assert report.pages <= 6
    assert report.head_hash and report.head_hash in _squashed(text)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"paper": "legal"}, "Letter or A4"),
        ({"copies": 0}, "between 1 and"),
        ({"copies": 11}, "between 1 and"),
        ({"start": date(2026, 3, 5), "end": date(2026, 3, 1)}, "comes after"),
        ({"ids": ("nosuchid",)}, "no item with that id"),
        ({"title": "x" * 501}, "The case title is too long to print (501 characters; at most 500)"),
        ({"prepared_by": "y " * 300}, "name is too long to print"),
    ],
)
def test_bad_choices_are_refused_plainly(
    tmp_path: Path, floor_params: Argon2Params, options: dict[str, Any], words: str
) -> None:
    with make_vault(tmp_path, floor_params) as vault:
        before = len(vault.custody_log()[0])
        with pytest.raises(InvalidInput) as caught:
            build_report(vault, ReportOptions(**options), now=NOW, floating_zone=ZONE)
        assert words in caught.value.message
        assert len(vault.custody_log()[0]) == before


def test_cancel_stops_with_cancelled_and_logs_nothing(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    stages: list[str] = []
    with make_vault(tmp_path, floor_params) as vault:
        before = len(vault.custody_log()[0])
        with pytest.raises(Cancelled):
            build_report(
                vault,
                ReportOptions(),
                now=NOW,
                floating_zone=ZONE,
                progress=lambda done, total, stage: stages.append(stage),
                cancelled=lambda: "Laying out pages" in stages,
            )
        assert len(vault.custody_log()[0]) == before
    assert stages[0] == "Checking the originals"
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_date_range_keeps_only_those_exhibits(tmp_path: Path, floor_params: Argon2Params) -> None:
    report, filled = _build(tmp_path, floor_params, start=date(2026, 3, 2), end=date(2026, 3, 3))
    assert [e.item.id for e in report.exhibits] == [filled.intimate.id, filled.description.id]
    text = "".join(page_texts(report.pdf, tmp_path / "pdf"))
    assert "Exhibit 3" not in text


def test_the_unredacted_packet_is_a_separate_pdf_with_its_own_numbers(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    report, filled = _build(tmp_path, floor_params, include_intimate=True, copies=3)
    assert report.packet is not None
    # Three copies of the summary are offered when printing; the packet of intimate pictures
    # never asks for more than one.
    assert b"/NumCopies 3" in report.pdf and b"/NumCopies" not in report.packet
    packet = page_texts(report.packet, tmp_path / "packet")
    assert report.packet_pages == len(packet) >= 2
    for number, text in enumerate(packet, start=1):
        assert f"EL-U-{number:06d}" in text
        assert f"Page {number} of {len(packet)}" in text
    assert filled.intimate.sha256 in _squashed("".join(packet))
    for other in (filled.first, filled.last):
        assert other.sha256 not in _squashed("".join(packet))
    cover = " ".join(page_texts(report.pdf, tmp_path / "pdf")[0].split())
    assert f"separate packet of {len(packet)} pages" in cover
    assert f"(EL-U-000001 to EL-U-{len(packet):06d})" in cover


def test_no_packet_unless_asked_and_none_without_intimate_pictures(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    report, _filled = _build(tmp_path, floor_params)
    assert (report.packet, report.packet_pages) == (None, 0)
    (tmp_path / "c").mkdir()
    vault = make_vault(tmp_path / "c", floor_params, filled=False)
    with vault:
        only = fill_vault(vault)
        report = build_report(
            vault,
            ReportOptions(ids=(only.first.id, only.last.id), include_intimate=True),
            now=NOW,
            floating_zone=ZONE,
        )
    assert report.packet is None and len(report.exhibits) == 2


def test_parts_in_court_order_with_declaration_when_asked(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    report, _filled = _build(tmp_path, floor_params, include_declaration=True)
    pages = page_texts(report.pdf, tmp_path / "pdf")
    headers = [_header(p) for p in pages]
    order = ["Cover page", "Exhibit list", "Exhibit 1", "Integrity appendix"]
    found = [next(i for i, h in enumerate(headers) if name in h) for name in order]
    assert found == sorted(found)
    assert any("Declaration" in h for h in headers[found[-1] :])


def test_the_private_journal_only_when_asked_and_takedowns_unless_left_out(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    (tmp_path / "a").mkdir()
    plain, _filled = _build(tmp_path / "a", floor_params)
    text = " ".join(" ".join(page_texts(plain.pdf, tmp_path / "p1")).split())
    assert "Timeline" in text and "Incidents" in text and "Takedown requests" in text
    assert "Hoy tuve miedo" not in text
    (tmp_path / "b").mkdir()
    asked, _filled = _build(
        tmp_path / "b", floor_params, include_journal=True, include_takedowns=False
    )
    text = " ".join(" ".join(page_texts(asked.pdf, tmp_path / "p2")).split())
    assert "Hoy tuve miedo" in text
    assert "Takedown requests" not in text


def test_progress_names_each_stage_in_order(tmp_path: Path, floor_params: Argon2Params) -> None:
    seen: list[str] = []
    with make_vault(tmp_path, floor_params) as vault:
        build_report(
            vault,
            ReportOptions(),
            now=NOW,
            floating_zone=ZONE,
            progress=lambda done, total, stage: seen.append(stage) if stage not in seen else None,
        )
    assert seen == ["Checking the originals", "Preparing pictures", "Laying out pages"]
