"""The printed timeline and chart as a judge reads them: incidents and exhibits interleaved in
the order they happened, exhibit numbers that match the exhibit list, a time with no zone placed
on this computer's clock, undated incidents last and said plainly, the chart's counts written
above its bars in an embedded font (never Helvetica), and kind sentences when there is nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from locker.case.evidence import EvidenceItem
from locker.case.incident_record import Incident
from locker.report.context import ReportContext, ReportData, ReportOptions
from locker.report.exhibits import number_exhibits
from locker.report.fonts import register_fonts
from locker.report.incidents_section import incidents_story
from locker.report.styles import make_styles
from locker.report.timeline_section import timeline_story
from tests.report.pdftools import font_rows, page_texts, story_pdf, text_lines

ZONE = "America/Chicago"


def item(n: int, title: str, happened: str = "", tz: str = "", **kw: object) -> EvidenceItem:
    return EvidenceItem(
        id=f"item{n}",
        title=title,
        original_name=f"IMG_{n}.png",
        size=10,
        sha256="a" * 64,
        media_type="image/png",
        added_at=str(kw.pop("added_at", "2026-05-01T10:00:00Z")),
        blob=f"blob{n}",
        happened_at=happened,
        happened_tz=tz,
        platform="Instagram",
        account="@fake_acct",
        **kw,  # type: ignore[arg-type]
    )


def context(items: Sequence[EvidenceItem], incidents: Sequence[Incident] = ()) -> ReportContext:
    fonts = register_fonts()
    data = ReportData(
        exhibits=number_exhibits(items, floating_zone=ZONE),
        incidents=list(incidents),
        takedowns=[],
        journal=[],
        log=[],
        head_hash="",
        checks=[],
        unreadable=[],
        printed_at=datetime(2026, 6, 20, 12, 0, tzinfo=UTC),
        zone_name=ZONE,
        floating_zone=ZONE,
    )
    return ReportContext(ReportOptions(), data, make_styles(fonts), fonts, (456, 636))


ITEMS = [
    item(1, "Threat message", "2026-05-03T21:30", "America/New_York"),
    item(2, "Posted picture", "2026-05-10T09:00", intimate=True),  # floating: Chicago time
    item(3, "Undated screenshot", added_at="2026-05-20T15:00:00Z"),
    item(4, "Not in the summary", "2026-05-04"),
]
INCIDENTS = [
    Incident(
        id="inc1",
        title="First threat by text",
        start_at="2026-05-03T20:00",
        start_tz="America/New_York",
        platform="SMS",
        accounts=["+1 555 0100"],
    ),
    # 14:30 UTC: after the picture posted at 09:00 Chicago (14:00 UTC), though written earlier
    Incident(
        id="inc2", title="Picture shared", start_at="2026-05-10T16:30", start_tz="Europe/Madrid"
    ),
    Incident(
        id="inc3", title="Posted again", start_at="2026-06-02T10:00", start_tz="Europe/Madrid"
    ),
    Incident(id="inc4", title="Second post", start_at="2026-06-03T10:00", start_tz="Europe/Madrid"),
    Incident(id="inc5", title="Calls at work", created_at="2026-06-01T00:00:00Z"),
]


def lines_of(tmp_path: Path, ctx: ReportContext) -> list[str]:
    return text_lines(story_pdf(timeline_story(ctx)), tmp_path)


def row_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


def test_incidents_and_exhibits_are_interleaved_in_time_order_undated_last(tmp_path: Path) -> None:
    ctx = context(ITEMS[:3], INCIDENTS)
    lines = lines_of(tmp_path, ctx)
    order = [
        "Incident 1: First threat by text",
        "Exhibit 1: Threat message",
        "Exhibit 2: Posted picture",
        "Incident 2: Picture shared",
        "Exhibit 3: Undated screenshot",
        "Incident 3: Posted again",
        "Incident 4: Second post",
        "No date recorded (listed last)",
        "Incident 5: Calls at work",
    ]
    rows = [row_of(lines, text) for text in order]
    assert rows == sorted(rows)
    assert "Date not known" in lines[rows[-1]]
    text = "\n".join(lines)
    assert "2026-05-03 21:30" in lines[rows[1]]  # the time as written, then its zone below
    # the zone below it, with the real minus sign (drawn from the mono font: Noto Sans lacks it)
    zone = " ".join(lines[rows[1] + 1 : rows[1] + 3])
    assert "(America/New_York, UTC\u221204:00)" in zone
    assert "2026-05-10 09:00 (zone not" in lines[rows[2]]  # the floating time says it had no zone
    assert "date added — when it" in text  # dated by when it was added, and says so
    assert "America/Chicago" in text


def test_exhibit_numbers_match_the_exhibit_list_and_only_exhibits_in_the_summary(
    tmp_path: Path,
) -> None:
    items = ITEMS
    ctx = context([i for i in items if i.id != "item4"], INCIDENTS[:1])
    lines = lines_of(tmp_path, ctx)
    for exhibit in ctx.data.exhibits:
        assert any(f"{exhibit.label}: {exhibit.item.title}" in line for line in lines)
    assert not any("Not in the summary" in line for line in lines)
    assert not any("IMG_2" in line for line in lines)  # an intimate item: its title only
    untitled = item(5, "", "2026-05-11", intimate=True)
    lines = lines_of(tmp_path, context([untitled]))
    assert any("Exhibit 1: (no title)" in line for line in lines)
    assert not any("IMG_5" in line for line in lines)


def test_chart_counts_are_written_above_the_bars_in_embedded_fonts(tmp_path: Path) -> None:
    ctx = context([], INCIDENTS)
    pdf = story_pdf(timeline_story(ctx))
    lines = text_lines(pdf, tmp_path)
    title = row_of(lines, "Incidents per week")
    axis = next(i for i, line in enumerate(lines) if line.startswith("27 Apr"))
    # the week of 1 June holds two incidents: its "2" is above the bars; the others read 1
    assert lines[title + 1].split()[-1] == "2"
    assert "3 May" not in lines[axis] and "4 May" in lines[axis] and "1 Jun" in lines[axis]
    assert "1 incident has no date and is not counted." in lines
    rows = font_rows(pdf, tmp_path)
    assert rows and not any("Helvetica" in row for row in rows)
    for row in rows:
        assert row.split()[-5:-3] == ["yes", "yes"], row  # embedded, subset


def test_a_long_span_is_counted_per_month(tmp_path: Path) -> None:
    incidents = [
        Incident(id=f"m{n}", title=f"Post {n}", start_at=f"2026-{n:02d}-15") for n in range(1, 9)
    ] + [Incident(id="m9", title="Another", start_at="2026-03-02")]
    lines = lines_of(tmp_path, context([], incidents))
    assert any("Incidents per month (Jan 2026 – Aug 2026)" in line for line in lines)
    assert "2" in lines[row_of(lines, "Incidents per month") + 1].split()


def test_nothing_to_show_says_so_kindly(tmp_path: Path) -> None:
    lines = lines_of(tmp_path, context([]))
    assert lines[0] == "Timeline"
    assert "There are no incidents or exhibits in this summary to put on a timeline." in lines
    lines = lines_of(tmp_path, context(ITEMS[:1]))
    assert any("No incidents are recorded, so there is no chart" in line for line in lines)


def test_a_long_timeline_repeats_its_header_row_on_every_page(tmp_path: Path) -> None:
    items = [
        item(n, f"Message {n}", f"2026-03-{n % 28 + 1:02d}T{n % 24:02d}:00") for n in range(80)
    ]
    pages = page_texts(story_pdf(timeline_story(context(items))), tmp_path)
    assert len(pages) >= 3
    header = "When What Platform Account(s)"
    assert any(" ".join(line.split()) == header for line in pages[0].splitlines())
    for page in pages[1:]:
        first = next(line for line in page.splitlines() if line.strip())
        assert " ".join(first.split()) == header


def test_incidents_carry_the_same_numbers_as_the_incidents_part(tmp_path: Path) -> None:
    ctx = context(ITEMS[:3], list(reversed(INCIDENTS)))
    timeline = [line for line in lines_of(tmp_path, ctx) if "Incident " in line]
    part = text_lines(story_pdf(incidents_story(ctx)), tmp_path)
    heads = [line for line in part if re.match(r"Incident \d+: ", line)]
    assert len(heads) == len(INCIDENTS)
    for head in heads:  # "Incident 2: Picture shared" reads the same in both parts
        assert any(head in line for line in timeline), head


def test_the_header_row_is_printed_once_per_page_never_again_mid_page(tmp_path: Path) -> None:
    """Rows of many heights: where a row does not fit at a page's foot the table goes on at the
    top of the next page, rather than repeating its header in the space left (reportlab's
    split between rows, then inside a row, did that)."""
    header = "When What Platform Account(s)"
    for extra in (0, 10, 11):  # each of these broke a row at a page's foot (a 4-page table)
        items = [
            item(
                n,
                "Message " + "word " * ((n * 7 + extra) % 31),
                f"2026-03-{n % 28 + 1:02d}T10:00",
                "Europe/Madrid",
            )
            for n in range(60)
        ]
        pages = page_texts(story_pdf(timeline_story(context(items))), tmp_path / str(extra))
        for n, page in enumerate(pages):
            heads = [line for line in page.splitlines() if " ".join(line.split()) == header]
            assert len(heads) == 1, (extra, n)


def test_a_title_of_any_length_is_shortened_at_a_word_and_the_timeline_still_prints(
    tmp_path: Path,
) -> None:
    """A 2,000-word title (and a pasted token with no spaces, a long platform and accounts) no
    longer makes the timeline's row taller than a page: the cell ends at a word with "…"; the
    exhibit's own page prints every word."""
    long_title = " ".join(f"word{n}" for n in range(2000))
    items = [
        item(1, long_title, "2026-05-03"),
        item(2, "x" * 20_000, "2026-05-04"),
    ]
    items[1].platform = "P" * 5000
    incident = Incident(
        id="inc1", title=long_title, start_at="2026-05-05", accounts=["@" + "a" * 3000] * 50
    )
    lines = lines_of(tmp_path, context(items, [incident]))
    text = " ".join(lines)
    assert "Exhibit 1: word0 word1" in text
    assert "Incident 1: word0 word1" in text
    assert "word1999" not in text
    assert text.count("…") >= 4
