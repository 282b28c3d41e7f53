"""What a printable summary is built from: the user's choices (ReportOptions), everything read
from the vault once (ReportData), and what every section needs to lay itself out
(ReportContext). No Qt; nothing here reads the vault (document.py does)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from locker.case.incident_record import Incident
from locker.case.journal import JournalEntry
from locker.case.takedowns import Takedown
from locker.report.exhibits import Exhibit
from locker.report.facts import Check
from locker.report.fonts import FontSet
from locker.report.images import PrintImage
from locker.report.styles import Styles
from locker.vault.custody import LogEntry

PAPERS = ("letter", "a4")  # US Letter by default (COURT.md), A4 selectable
BATES_PREFIX = "EL-"
PACKET_BATES_PREFIX = "EL-U-"  # the separate packet of unredacted pictures numbers its own pages
MAX_COPIES = 10
MAX_WORDS_CHARS = 500  # the case title and "prepared by": longer is refused, not cut unseen


@dataclass(frozen=True)
class ReportOptions:
    """The choices a survivor or advocate makes before printing (GUI form, CLI options)."""

    title: str = ""  # case title as typed; "" prints a neutral "Evidence summary"
    prepared_by: str = ""  # "" prints "(not given)"
    paper: str = "letter"  # one of PAPERS
    ids: tuple[str, ...] | None = None  # a selection of item ids; None: all items
    start: date | None = None  # keep exhibits that happened on or after this day
    end: date | None = None  # ... on or before this day
    include_journal: bool = False  # the private journal is not printed unless asked
    include_takedowns: bool = True
    include_declaration: bool = False
    include_intimate: bool = False  # also make the separate packet of unredacted pictures
    copies: int = 1  # how many copies to print (1..MAX_COPIES); a print setting, not pages


@dataclass(frozen=True)
class Picture:
    """What an exhibit section shows: ``shown`` is the picture placed in the summary (the
    redacted block for an intimate picture), ``unredacted`` the real picture for the separate
    packet (only with include_intimate), ``note`` a plain sentence when there is no picture
    (a video, a document, a picture that could not be read)."""

    shown: PrintImage | None = None
    unredacted: PrintImage | None = None
    note: str = ""


@dataclass(frozen=True)
class ReportData:
    """Everything the summary prints, read from the vault once before layout starts."""

    exhibits: list[Exhibit]
    incidents: list[Incident]
    takedowns: list[Takedown]
    journal: list[JournalEntry]
    log: list[LogEntry]
    head_hash: str  # the custody log's head hash when the summary was made ("" if no entries)
    checks: list[Check]  # one per exhibit, same order: re-hashed at print time
    unreadable: list[str]  # plain sentences: records that could not be read (still reported)
    printed_at: datetime  # aware, in this computer's zone
    zone_name: str  # e.g. "America/New_York" or "UTC+02:00"
    floating_zone: str  # the IANA zone used for times written without a zone
    pictures: Mapping[int, Picture] = field(default_factory=dict)  # by exhibit number


@dataclass(frozen=True)
class ReportContext:
    """What a section function gets. ``page_of`` maps an exhibit number to the page its section
    starts on (empty on the first layout pass; filled on the second). ``packet_page_of`` maps an
    intimate exhibit's number to its page in the separate packet of unredacted pictures (the
    packet is laid out first; empty when there is none). ``frame`` is the width and height
    (points) that flowables can use on one page."""

    options: ReportOptions
    data: ReportData
    styles: Styles
    fonts: FontSet
    frame: tuple[float, float]
    page_of: Mapping[int, int] = field(default_factory=dict)
    packet_page_of: Mapping[int, int] = field(default_factory=dict)
