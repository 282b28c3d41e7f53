"""The integrity appendix as a judge reads it: the re-hash result first (a FAIL named by its
exhibit), every exhibit's full SHA-256 with PASS/FAIL/NO FILE, the custody log with every entry
and its head hash in full, the private journal kept off the paper unless asked, and how to
re-check the originals bundle with the names the bundle really uses."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from locker.case import evidence, incidents, journal, takedowns
from locker.report.bundle import write_bundle
from locker.report.context import ReportContext, ReportData, ReportOptions
from locker.report.custody_table import SHORT_HASH
from locker.report.exhibits import number_exhibits
from locker.report.facts import rehash_exhibits
from locker.report.fonts import register_fonts
from locker.report.integrity_section import integrity_story
from locker.report.styles import make_styles
from locker.vault import Argon2Params, Vault
from locker.vault.custody import LogEntry
from tests.report.pdftools import font_rows, page_texts, story_pdf, text_lines
from tests.report.report_vault import make_vault

JOURNAL_TEXT = "Hoy tuve miedo"  # report_vault's journal entry starts with this
CHICAGO = ZoneInfo("America/Chicago")


def context(
    vault: Vault,
    *,
    include_journal: bool = False,
    include_takedowns: bool = True,
    tamper: int | None = None,
    unreadable: list[str] | None = None,
) -> ReportContext:
    """Everything the appendix needs, read from ``vault`` as the document would. ``tamper``:
    the exhibit number whose recorded SHA-256 no longer matches its stored original."""
    fonts = register_fonts()
    exhibits = number_exhibits(evidence.list_items(vault)[0])
    if tamper is not None:
        exhibits[tamper - 1].item.sha256 = hashlib.sha256(b"something else").hexdigest()
    log = vault.custody_log()[0]
    data = ReportData(
        exhibits=exhibits,
        incidents=incidents.list_incidents(vault)[0],
        takedowns=takedowns.list_takedowns(vault)[0] if include_takedowns else [],
        journal=journal.list_entries(vault)[0] if include_journal else [],
        log=log,
        head_hash=log[-1].hash,
        checks=rehash_exhibits(vault, exhibits),
        unreadable=unreadable or [],
        printed_at=datetime(2026, 11, 21, 9, 30, tzinfo=CHICAGO),
        zone_name="America/Chicago",
        floating_zone="America/Chicago",
    )
    return ReportContext(
        ReportOptions(include_journal=include_journal, include_takedowns=include_takedowns),
        data,
        make_styles(fonts),
        fonts,
        (468.0, 648.0),
    )


def tokens(lines: list[str]) -> set[str]:
    return {word for line in lines for word in line.split()}


@pytest.fixture
def vault(tmp_path: Path, floor_params: Argon2Params):  # type: ignore[no-untyped-def]
    with make_vault(tmp_path, floor_params) as opened:
        yield opened


def test_every_exhibit_shows_its_full_sha256_and_passes(vault: Vault, tmp_path: Path) -> None:
    ctx = context(vault)
    lines = text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf")
    words = tokens(lines)
    assert lines[0] == "Integrity appendix"
    # the result is the first thing under the heading
    assert "3 of 4 exhibits PASS (1 has no file to check)" in lines[1:4]
    for exhibit in ctx.data.exhibits:
        row = next(line for line in lines if line.startswith(exhibit.label + " "))
        if exhibit.item.blob:
            assert exhibit.item.sha256 in row.split()  # in full, on one line, copyable
            assert row.endswith("PASS")
            assert f"exhibit-{exhibit.number:03d}.png" in words
        else:
            assert row.endswith("NO FILE")
    assert "FAIL" not in words and not any(re.match(r"\d+ FAILED", line) for line in lines)
    # the offset with a real minus sign, as the cover and every other time in the summary
    checked = "Checked 2026-11-21 09:30 (America/Chicago, UTC\u221206:00), when this summary"
    assert checked in " ".join(lines)


def test_a_failed_exhibit_is_named_before_anything_else(vault: Vault, tmp_path: Path) -> None:
    ctx = context(vault, tamper=4)
    lines = text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf")
    assert "1 FAILED: Exhibit 4" in lines[1:4]
    assert "Exhibits re-checked" in lines[1:3]
    row = next(line for line in lines if line.startswith("Exhibit 4 "))
    assert row.endswith("FAIL")
    passes = [line for line in lines if re.match(r"Exhibit \d+ .*PASS$", line)]
    assert len(passes) == 2  # exhibits 1 and 2 still pass; 3 has no file
    assert "no longer matches the SHA-256" in " ".join(lines)


def test_the_custody_log_lists_every_entry_and_the_head_hash_in_full(
    vault: Vault, tmp_path: Path
) -> None:
    ctx = context(vault)
    lines = text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf")
    log = ctx.data.log
    joined = " ".join(lines)
    assert ctx.data.head_hash in tokens(lines)
    assert f"The log has {len(log)} entries" in joined
    numbered = {int(line.split()[0]) for line in lines if re.match(r"\d+ 20\d\d-\d\d-\d\d ", line)}
    assert numbered == {entry.seq for entry in log}
    words = tokens(lines)
    for entry in log:
        assert entry.hash[:SHORT_HASH] in words
    # evidence actions name the exhibit, in words
    first = ctx.data.exhibits[0]
    added = next(e for e in log if e.action == "add" and e.item == first.item.id)
    row = next(line for line in lines if line.startswith(f"{added.seq} "))
    assert "added" in row and first.label in row
    assert added.at[11:19] in row  # the time on the same line as the date: a column wide enough


def test_incidents_and_takedowns_in_the_log_are_named_by_their_numbers(
    vault: Vault, tmp_path: Path
) -> None:
    """Not by an id a person cannot use: "Incident 2" as the incidents part heads it and
    "Takedown request 1" as the takedowns table numbers it."""
    ctx = context(vault)
    lines = text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf")
    log = ctx.data.log
    threats = next(i for i in ctx.data.incidents if i.title == "Threats after the break-up")
    added = next(e for e in log if e.action == "incident-add" and e.item == threats.id)
    # a cell may wrap, and its lines interleave with the row's other cells: word by word
    assert {"Incident", "1"} <= set(_entry_block(lines, added.seq).split())  # 2026-03-01
    phone = next(e for e in log if e.action == "incident-add" and e.item != threats.id)
    assert {"Incident", "2"} <= set(_entry_block(lines, phone.seq).split())
    takedown = next(e for e in log if e.action == "takedown-add")
    assert {"Takedown", "request", "1"} <= set(_entry_block(lines, takedown.seq).split())
    assert threats.id[:8] not in " ".join(lines)
    # without the takedowns part, the request is not in this summary, and says so
    ctx = context(vault, include_takedowns=False)
    lines = text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf2")
    block = _entry_block(lines, takedown.seq)
    assert {str(takedown.item)[:8], "(not", "summary)"} <= set(block.split())


def test_the_journal_stays_off_the_paper_unless_asked(vault: Vault, tmp_path: Path) -> None:
    """The log's journal summary is a fixed sentence ("A private journal entry was written.")
    and never the entry's text; without the journal only a stand-in is printed, but the line
    (its number and hash) is still there so the log can be counted against the vault."""
    entry = next(e for e in vault.custody_log()[0] if e.action == "journal")
    assert JOURNAL_TEXT not in entry.summary

    hidden = " ".join(text_lines(story_pdf(integrity_story(context(vault))), tmp_path / "a"))
    assert "A private journal entry (not printed)." in hidden
    assert entry.summary not in hidden
    assert JOURNAL_TEXT not in hidden
    assert entry.hash[:SHORT_HASH] in hidden.split()

    shown_ctx = context(vault, include_journal=True)
    shown = " ".join(text_lines(story_pdf(integrity_story(shown_ctx)), tmp_path / "b"))
    assert entry.summary in shown
    assert "(not printed)" not in shown
    assert JOURNAL_TEXT not in shown  # the log never held it


def test_how_to_recheck_names_what_is_really_in_the_bundle(vault: Vault, tmp_path: Path) -> None:
    ctx = context(vault)
    text = " ".join(text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf"))
    assert "sha256sum -c SHA256SUMS" in text
    assert "shasum -a 256 -c SHA256SUMS" in text
    assert "Get-FileHash -Algorithm SHA256 exhibits\\exhibit-001.png" in text
    assert "Every line should say OK." in text
    # the custody log: the command to run, and the entry whose hash is the printed head hash
    assert "locker log --json VAULT" in text
    last = ctx.data.log[-1]
    assert f'"seq" is {last.seq}: its "hash" is the head hash printed above' in text
    assert last.to_json()["hash"] == ctx.data.head_hash  # what --json prints for that entry
    bundle = write_bundle(vault, tmp_path / "b.zip", exhibits=ctx.data.exhibits)
    with zipfile.ZipFile(bundle.path) as zf:
        sums = zf.read("SHA256SUMS").decode().splitlines()
        names = set(zf.namelist())
    first = sums[0].split("  ", 1)
    assert first == [ctx.data.exhibits[0].item.sha256, "exhibits/exhibit-001.png"]
    assert "exhibits/exhibit-001.png" in names
    for line in sums:  # every bundle file name is in the appendix's table
        assert line.split("/")[-1] in text


def test_with_no_stored_file_no_command_that_would_fail(vault: Vault, tmp_path: Path) -> None:
    """Only description-only exhibits: SHA256SUMS is empty and 'sha256sum -c' would report an
    error, so the appendix says there is nothing to re-check rather than how to run it."""
    ctx = context(vault)
    described = [e for e in ctx.data.exhibits if not e.item.blob]
    assert described
    data = dataclasses.replace(ctx.data, exhibits=described, checks=[])
    one = ReportContext(ctx.options, data, ctx.styles, ctx.fonts, ctx.frame)
    text = " ".join(text_lines(story_pdf(integrity_story(one)), tmp_path / "pdf"))
    assert "so there are no original files to re-check." in text
    assert "sha256sum" not in text and "Get-FileHash" not in text
    assert "locker log --json VAULT" in text  # the custody log can still be checked


def test_records_that_could_not_be_read_are_listed(vault: Vault, tmp_path: Path) -> None:
    ctx = context(vault, unreadable=["Incident 3f2a91c0 could not be read (damaged record)."])
    text = " ".join(text_lines(story_pdf(integrity_story(ctx)), tmp_path / "pdf"))
    assert "Records that could not be read" in text
    assert "Incident 3f2a91c0 could not be read (damaged record)." in text
    clean = " ".join(text_lines(story_pdf(integrity_story(context(vault))), tmp_path / "c"))
    assert "Records that could not be read" not in clean


def test_three_thousand_log_entries_lay_out_with_the_header_on_every_page(
    vault: Vault, tmp_path: Path
) -> None:
    ctx = context(vault)
    log = [
        LogEntry(
            n,
            f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T07:01:00Z",
            "edit",
            ctx.data.exhibits[n % 4].item.id,
            "Changed: title, notes.",
            "0" * 64,
            None,
            hashlib.sha256(str(n).encode()).hexdigest(),
        )
        for n in range(1, 3001)
    ]
    data = dataclasses.replace(ctx.data, log=log, head_hash=log[-1].hash)
    big = ReportContext(ctx.options, data, ctx.styles, ctx.fonts, ctx.frame)
    pages = page_texts(story_pdf(integrity_story(big)), tmp_path / "pdf")
    assert len(pages) > 50
    row = re.compile(r"^\s*(\d+)\s+2026-", re.M)
    log_pages = [page for page in pages if row.search(page)]
    assert len(log_pages) > 50
    assert all("Entry hash" in page and "What the log says" in page for page in log_pages)
    numbers = {int(m.group(1)) for page in pages for m in row.finditer(page)}
    assert numbers == set(range(1, 3001))
    assert "The log has 3,000 entries" in pages[0] + pages[1]


def test_only_the_embedded_fonts(vault: Vault, tmp_path: Path) -> None:
    pdf = story_pdf(integrity_story(context(vault, tamper=1)))
    rows = font_rows(pdf, tmp_path / "pdf")
    assert rows
    assert not any("Helvetica" in row for row in rows)
    assert all(" yes " in row for row in rows)  # embedded


def test_nothing_to_check_is_said_plainly(vault: Vault, tmp_path: Path) -> None:
    ctx = context(vault)
    data = dataclasses.replace(ctx.data, exhibits=[], checks=[])
    empty = ReportContext(ctx.options, data, ctx.styles, ctx.fonts, ctx.frame)
    text = " ".join(text_lines(story_pdf(integrity_story(empty)), tmp_path / "pdf"))
    assert "There are no exhibits to check." in text
    assert ctx.data.head_hash in text.split()


def _entry_block(lines: list[str], seq: int) -> str:
    """The text of one custody-log row (its first line and the lines wrapped under it)."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{seq} 20"))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"(\d+ 20|No\. )", lines[i])),
        len(lines),
    )
    return " ".join(lines[start:end])


def test_links_and_items_outside_the_summary_are_named_plainly(
    vault: Vault, tmp_path: Path
) -> None:
    ctx = context(vault)
    log = ctx.data.log
    linking = next(e for e in log if e.action == "incident-add" and "Linked" in e.summary)
    linked = next(e for e in ctx.data.exhibits if e.item.id in linking.summary)
    left_out = next(e for e in ctx.data.exhibits if e is not linked and e.item.blob)
    data = dataclasses.replace(ctx.data, exhibits=[linked], checks=[])
    one = ReportContext(ctx.options, data, ctx.styles, ctx.fonts, ctx.frame)
    lines = text_lines(story_pdf(integrity_story(one)), tmp_path / "pdf")
    added = next(e for e in log if e.action == "add" and e.item == left_out.item.id)
    block = _entry_block(lines, added.seq)
    assert f"item {left_out.item.id[:8]}" in block and "(not" in block
    assert "summary)" in block
    # the incident that linked the exhibit names it by its exhibit number as well as its id
    block = _entry_block(lines, linking.seq)
    assert linked.item.id in block.replace(",", " ").split()
    assert f"({linked.label})" in block
