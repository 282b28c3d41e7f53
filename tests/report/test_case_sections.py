"""The incidents, takedowns and journal parts as a judge reads them: each incident's form in
time order with the person's words in any script copied back out as typed, linked exhibits by
number, a StopNCII case number but never a PIN, overdue follow-ups in words, journal entries in
date order, a very long account split across pages, and kind sentences when there is nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from locker.case.evidence import EvidenceItem
from locker.case.incident_record import Incident, Report, Witness
from locker.case.journal import JournalEntry
from locker.case.takedowns import Takedown
from locker.report.context import ReportContext, ReportData, ReportOptions
from locker.report.exhibits import number_exhibits
from locker.report.fonts import register_fonts
from locker.report.incidents_section import incidents_story
from locker.report.journal_section import journal_story
from locker.report.styles import make_styles
from locker.report.takedowns_section import takedown_rows, takedowns_story
from tests.report.pdftools import font_rows, page_texts, story_pdf, text_lines

SPANISH = "Niño señaló el daño"
ARABIC = "رسالة تهديد من الحساب المزيف"
CHINESE = "他说他知道我住在哪里"
MIXED = "نشر الصورة على Instagram يوم 12 مايو"
URL = "https://www.instagram.com/p/Cx9_aBc/?igshid=MzRlODBiNWFlZA%3D%3D&utm=1"


def item(n: int, happened: str) -> EvidenceItem:
    return EvidenceItem(
        id=f"item{n}",
        title=f"Screenshot {n}",
        original_name=f"IMG_{n}.png",
        size=10,
        sha256="a" * 64,
        media_type="image/png",
        added_at="2026-05-01T10:00:00Z",
        blob=f"blob{n}",
        happened_at=happened,
        happened_tz="America/Chicago",
    )


ITEMS = [item(1, "2026-05-02"), item(2, "2026-05-05"), item(3, "2026-05-09")]


def context(
    incidents: list[Incident] | None = None,
    takedowns: list[Takedown] | None = None,
    journal: list[JournalEntry] | None = None,
) -> ReportContext:
    fonts = register_fonts()
    data = ReportData(
        exhibits=number_exhibits(ITEMS, floating_zone="America/Chicago"),
        incidents=incidents or [],
        takedowns=takedowns or [],
        journal=journal or [],
        log=[],
        head_hash="",
        checks=[],
        unreadable=[],
        printed_at=datetime(2026, 6, 20, 12, 0, tzinfo=UTC),
        zone_name="America/Chicago",
        floating_zone="America/Chicago",
    )
    return ReportContext(ReportOptions(), data, make_styles(fonts), fonts, (456, 636))


THREAT = Incident(
    id="inc1",
    title="Amenaza por mensaje",
    start_at="2026-05-03T20:00",
    start_tz="America/New_York",
    end_at="2026-05-03T23:00",
    end_tz="America/New_York",
    platform="SMS",
    urls=[URL],
    accounts=["@fake_acct"],
    responsible="Juan Pérez",
    relationship="ex-pareja",
    description=f"{SPANISH}\n{ARABIC}\n{CHINESE}\n{MIXED}",
    witnesses=[Witness("María", "555 0101")],
    reports=[Report(to="Police", date="2026-05-04", number="CR-2026-0042", officer="Lee #443")],
    evidence=["item3", "item1", "not-chosen"],
)
EARLIER = Incident(id="inc0", title="Earlier post", start_at="2026-05-01")
UNDATED = Incident(id="inc9", title="Calls at work", created_at="2026-06-01T00:00:00Z")


def test_incidents_in_time_order_with_every_field(tmp_path: Path) -> None:
    lines = text_lines(story_pdf(incidents_story(context([UNDATED, THREAT, EARLIER]))), tmp_path)
    heads = [line for line in lines if line.startswith("Incident ")]
    assert heads == [
        "Incident 1: Earlier post",
        "Incident 2: Amenaza por mensaje",
        "Incident 3: Calls at work",
    ]
    text = "\n".join(lines)
    for expected in (
        "When it started 2026-05-03 20:00 (America/New_York, UTC\u221204:00)",
        "When it ended 2026-05-03 23:00 (America/New_York, UTC\u221204:00)",
        "Who is believed Juan Pérez",
        "María — 555 0101",
        "Report or case number: CR-2026-0042",
        "Officer or person who took it: Lee #443",
        "Linked exhibits Exhibit 1, Exhibit 3; 1 item not in this summary",
    ):
        assert expected in text, expected
    assert URL in "".join(text.split())  # the full address, wrapped where it must be


def test_what_happened_in_any_script_copies_out_as_typed(tmp_path: Path) -> None:
    pdf = story_pdf(incidents_story(context([THREAT])))
    lines = text_lines(pdf, tmp_path)
    assert any(line.endswith(SPANISH) for line in lines)
    assert ARABIC in lines and CHINESE in lines
    text = " ".join(lines)
    for word in re.findall(r"\w+", MIXED):  # mixed directions: word by word
        assert word in text, word
    rows = font_rows(pdf, tmp_path)
    assert not any("Helvetica" in row for row in rows)
    assert all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)


def test_a_very_long_account_splits_across_pages(tmp_path: Path) -> None:
    words = [f"word{n:04d}" for n in range(3000)]
    long = Incident(id="long", title="Months of messages", description=" ".join(words))
    pages = page_texts(story_pdf(incidents_story(context([long]))), tmp_path)
    assert len(pages) >= 3
    text = " ".join(" ".join(pages).split())
    positions = [text.index(w) for w in words[::250]]
    assert positions == sorted(positions)  # every part printed, in order
    assert "Linked exhibits (none linked)" in " ".join(pages[-1].split())


def test_linked_exhibits_say_the_page_they_start_on(tmp_path: Path) -> None:
    ctx = replace(context([THREAT]), page_of={1: 4, 2: 6, 3: 9})
    text = " ".join(text_lines(story_pdf(incidents_story(ctx)), tmp_path))
    assert "Linked exhibits Exhibit 1 (page 4), Exhibit 3 (page 9); 1 item not in" in text


def test_an_incident_starts_where_the_last_ended_its_heading_never_alone(tmp_path: Path) -> None:
    second = Incident(id="inc2", title="Second incident", start_at="2026-05-20")
    for words in range(60, 700, 9):
        first = Incident(
            id="inc1",
            title="First incident",
            start_at="2026-05-01",
            description=" ".join(["threat"] * words),
        )
        pages = page_texts(story_pdf(incidents_story(context([first, second]))), tmp_path)
        on = next(i for i, page in enumerate(pages) if "Incident 2: Second incident" in page)
        after = pages[on].split("Incident 2: Second incident", 1)[1]
        assert "When it started" in after, words  # the heading has its form's rows under it
        if on > 0:  # moved on only when the page before had no room left for it
            before = pages[on - 1]
            assert len(before.rstrip().splitlines()) > 40, words


def test_takedowns_print_the_stopncii_case_number_and_never_a_pin(tmp_path: Path) -> None:
    takedowns = [
        Takedown(
            id="t1",
            url=URL,
            platform="Instagram",
            reported_at="2026-05-11T10:00",
            reported_tz="America/Chicago",
            ticket="IG-1234",
            follow_up="2026-06-01",
            incident="inc1",
            note="PIN 7731-9920 keep safe",
        ),
        Takedown(
            id="t2",
            url="https://stopncii.org",
            method="stopncii",
            ticket="SNC-889911",
            reported_at="2026-05-12",
            status="removed",
            follow_up="2026-06-01",
        ),
    ]
    lines = text_lines(story_pdf(takedowns_story(context([THREAT], takedowns))), tmp_path)
    text = "\n".join(lines)
    assert "SNC-889911" in text and "StopNCII case" in text
    assert "7731" not in text and "PIN" not in text
    first = next(i for i, line in enumerate(lines) if line.startswith("https://www.instagram"))
    assert "".join(line.split()[0] for line in lines[first : first + 4]).startswith(URL)
    assert "IG-1234" in text and "Platform's report" in text and "StopNCII.org" in text
    assert "Reported," in text and "waiting" in text and "Removed" in text
    assert text.count("overdue") == 1  # the removed one is not overdue
    # numbered oldest first, so the custody log can name them; the linked incident by the
    # number of its form in the incidents part and its title; none linked in plain words
    one, two = text.index("Request 1"), text.index("Request 2")
    assert one < two
    assert "Incident 1" in text[one:two] and "Amenaza" in text[one:two]
    rows = takedown_rows(context([THREAT], takedowns))
    assert [row[0] for row in rows] == ["Request 1", "Request 2"]
    assert rows[0][-1] == "Incident 1\nAmenaza por mensaje"
    assert rows[1][-1] == "(none linked)"
    assert "None" not in text


def test_a_long_takedowns_table_prints_its_header_once_per_page(tmp_path: Path) -> None:
    takedowns = [
        Takedown(
            id=f"t{n}",
            url=URL + "&n=" + "b" * (n * 37 % 160),  # rows of many heights
            reported_at=f"2026-05-{n % 28 + 1:02d}",
            follow_up="2026-06-01" if n % 2 else "",
        )
        for n in range(40)
    ]
    pages = page_texts(story_pdf(takedowns_story(context([THREAT], takedowns))), tmp_path)
    assert len(pages) > 3
    for n, page in enumerate(pages):
        heads = [line for line in page.splitlines() if line.split()[:2] == ["Web", "address"]]
        assert len(heads) == 1, n  # at the top, never again in the middle of the page


def test_journal_entries_in_date_order_with_the_private_note(tmp_path: Path) -> None:
    journal = [
        JournalEntry(id="b", day="2026-05-04", text=f"Couldn't sleep.\n{ARABIC}"),
        JournalEntry(id="a", day="2026-05-03", text=CHINESE),
    ]
    lines = text_lines(story_pdf(journal_story(context(journal=journal))), tmp_path)
    assert lines[0] == "Journal"
    assert "private notes, included in this summary at their request" in lines[1]
    assert lines[2:] == ["2026-05-03", CHINESE, "2026-05-04", "Couldn't sleep.", ARABIC]


def test_empty_parts_say_so_kindly(tmp_path: Path) -> None:
    ctx = context()
    assert text_lines(story_pdf(incidents_story(ctx)), tmp_path) == [
        "Incidents",
        "No incidents are recorded in this evidence locker.",
    ]
    assert text_lines(story_pdf(takedowns_story(ctx)), tmp_path)[1] == (
        "No requests to remove content have been recorded in this evidence locker."
    )
    assert text_lines(story_pdf(journal_story(ctx)), tmp_path)[-1] == (
        "There are no journal entries."
    )
