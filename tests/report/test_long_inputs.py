"""A survivor's own words, however long or odd, never stop the summary from printing.

One vault where every free-text field the program accepts is long (far taller than a page in any
column it is printed in) in four kinds of text: Latin words, one unbroken word with no spaces (a
pasted token or address), Arabic and Chinese. The summary is built with the journal, the
declaration and the intimate packet, and each text is found again in it: whole where the
exhibit's page or the incidents part prints it, its start (cut at a word with "…") in the tables
that only point to it.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from locker.case import evidence, incidents, journal, takedowns
from locker.case.incident_record import Report, Witness
from locker.case.without_file import add_description_only
from locker.report.context import ReportOptions
from locker.report.document import build_report
from locker.vault import Argon2Params, Vault
from tests.report.pdftools import page_texts
from tests.report.report_vault import make_vault, png_bytes

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
LENGTH = 3_000  # characters: taller than a page in the narrowest cells, in every script
# The fields printed whole (the exhibit's page, the incidents part, the takedowns part's "in
# full" lines, the journal); every other field is found at least by its start.
WHOLE = ("NOTE", "DESCRIPTION", "DODESCRIPTION", "IDESCRIPTION", "RNOTE", "TURL", "JOURNAL")
NOT_PRINTED = ("TNOTE",)  # a takedown's notes may hold a StopNCII PIN: never printed

WORDS = {
    "latin": "threat message sent again late at night ",
    "token": "Zq9xK2mWv7",  # repeated with no space: a pasted token or web address
    "arabic": "رسالة تهديد من الحساب المزيف ",
    "chinese": "他说他知道我住在哪里",
}


def long_text(kind: str, tag: str, length: int = LENGTH) -> str:
    """``length`` characters of ``kind`` text starting with a marker made from ``tag`` (found
    again in the PDF's text; no marker is part of another)."""
    body = WORDS[kind] * (length // len(WORDS[kind]) + 1)
    sep = "" if kind == "token" else " "
    return (marker(tag) + sep + body)[:length].rstrip()


def marker(tag: str) -> str:
    return f"Q{tag}Q"


def fill_long(vault: Vault, kind: str, length: int = LENGTH) -> None:
    """Every free-text field of a picture, a description only, an incident (with a witness and
    a report), a takedown request and a journal entry: ``length`` characters of ``kind``."""

    def t(tag: str) -> str:
        return long_text(kind, tag, length)

    picture = evidence.add_stream(
        vault,
        io.BytesIO(png_bytes(60, 40, seed=5)),
        original_name=t("NAME") + ".png",
        title=t("TITLE"),
        note=t("NOTE"),
        url=t("URL"),
        platform=t("PLATFORM"),
        account=t("ACCOUNT"),
        intimate=True,
    )
    evidence.update_item(vault, picture.id, description=t("DESCRIPTION"), happened_at="2026-03-01")
    told = add_description_only(
        vault,
        title=t("DOTITLE"),
        description=t("DODESCRIPTION"),
        url=t("DOURL"),
        platform=t("DOPLATFORM"),
        account=t("DOACCOUNT"),
        intimate=True,
    )
    incident = incidents.add_incident(
        vault,
        title=t("ITITLE"),
        start_at="2026-03-02",
        platform=t("IPLATFORM"),
        urls=[t("IURL"), t("IURLB")],
        accounts=[t("IACCOUNT"), t("IACCOUNTB")],
        responsible=t("IRESPONSIBLE"),
        relationship=t("IRELATIONSHIP"),
        description=t("IDESCRIPTION"),
        witnesses=[Witness(t("WNAME"), t("WCONTACT"))],
        reports=[Report(t("RTO"), "2026-03-03", t("RNUMBER"), t("ROFFICER"), t("RNOTE"))],
        link=[picture.id, told.id],
    )
    takedowns.add_takedown(
        vault,
        t("TURL"),
        platform=t("TPLATFORM"),
        ticket=t("TTICKET"),
        note=t("TNOTE"),
        incident=incident.id,
    )
    journal.add_entry(vault, t("JOURNAL"), day="2026-03-04")


def squashed(text: str) -> str:
    for mark in ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"):
        text = text.replace(mark, "")
    return "".join(text.split())


def body(page: str) -> str:
    """The page without its furniture (no case title given: the label or part at the top, "Page
    X of Y" and the Bates number at the foot), so a text running over pages reads whole."""
    lines = [line for line in page.splitlines() if line.strip()]
    assert re.fullmatch(r"\s*Page \d+ of \d+\s+EL-\d{6}\s*", lines[-1]), lines[-1]
    return "\n".join(lines[1:-1])


@pytest.mark.parametrize("kind", sorted(WORDS))
def test_every_field_long_in_any_script_still_prints(
    kind: str, tmp_path: Path, floor_params: Argon2Params
) -> None:
    with make_vault(tmp_path, floor_params, filled=False) as vault:
        fill_long(vault, kind)
        options = ReportOptions(
            include_journal=True, include_declaration=True, include_intimate=True
        )
        report = build_report(vault, options, now=NOW, floating_zone="UTC")
    text = squashed("".join(body(page) for page in page_texts(report.pdf, tmp_path / "pdf")))
    fields = [
        "TITLE",
        "NOTE",
        "URL",
        "PLATFORM",
        "ACCOUNT",
        "DESCRIPTION",
        "DOTITLE",
        "DODESCRIPTION",
        "DOURL",
        "DOPLATFORM",
        "DOACCOUNT",
        "ITITLE",
        "IPLATFORM",
        "IURL",
        "IURLB",
        "IACCOUNT",
        "IACCOUNTB",
        "IRESPONSIBLE",
        "IRELATIONSHIP",
        "IDESCRIPTION",
        "WNAME",
        "WCONTACT",
        "RTO",
        "RNUMBER",
        "ROFFICER",
        "RNOTE",
        "TURL",
        "TPLATFORM",
        "TTICKET",
        "JOURNAL",
    ]
    missing = [tag for tag in fields if marker(tag) not in text]
    assert missing == []
    for tag in NOT_PRINTED:
        assert marker(tag) not in text
    for tag in WHOLE:
        whole = squashed(long_text(kind, tag))
        if kind == "arabic":  # shaped right to left: word by word
            assert marker(tag) in text and all(w in text for w in WORDS[kind].split())
        else:
            assert whole in text, tag
    assert report.packet is not None and report.packet_pages >= 2


def test_a_link_of_many_items_at_once_goes_on_under_its_custody_log_row(
    tmp_path: Path, floor_params: Argon2Params
) -> None:
    """Linking 120 items to an incident in one step is one custody entry naming every item: its
    row was taller than a page (LayoutError, no summary). It now goes on in rows under it."""
    with make_vault(tmp_path, floor_params, filled=False) as vault:
        ids = [add_description_only(vault, title=f"Call {n}").id for n in range(120)]
        incidents.add_incident(vault, title="Calls", link=ids)
        options = ReportOptions(ids=(ids[0],))
        report = build_report(vault, options, now=NOW, floating_zone="UTC")
    text = squashed("".join(body(page) for page in page_texts(report.pdf, tmp_path / "pdf")))
    assert all(item_id in text for item_id in ids)
