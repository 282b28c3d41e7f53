"""What the originals bundle says in words (no Qt): ``manifest.csv`` (exhibit ↔ file ↔ hash ↔
what it is) and ``README.txt`` (what the bundle is and how to check it). The zip itself is
written by locker.report.bundle."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from locker.case.evidence import PROVENANCE_DESCRIPTION_ONLY, provenance_label
from locker.i18n import _, ngettext
from locker.report.exhibits import Exhibit

FOLDER = "exhibits"
COLUMNS = (
    "exhibit",
    "file",
    "sha256",
    "size",
    "media_type",
    "title",
    "what_it_shows",
    "platform",
    "url",
    "account",
    "happened_at",
    "happened_tz",
    "added_at",
    "provenance",
    "original_name",
    "intimate",
    "note",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def no_file_note(exhibit: Exhibit) -> str:
    item = exhibit.item
    if item.original_removed:
        return _(
            "The original file was removed from the vault; its SHA-256 and description are kept."
        )
    if item.provenance == PROVENANCE_DESCRIPTION_ONLY:
        return _("A description only: no file was kept.")
    return _("No file is stored for this item.")


def manifest(exhibits: list[Exhibit], names: dict[int, str]) -> bytes:
    # UTF-8 with a byte-order mark: Excel opens a double-clicked .csv in the computer's legacy
    # code page unless the file starts with the BOM, which turns Spanish, Arabic and Chinese text
    # into mojibake; with it, Excel and LibreOffice both read UTF-8 (and Python reads it with
    # "utf-8-sig"). Commas and CRLF line ends as RFC 4180 says; every cell that a spreadsheet
    # would run as a formula gets a leading apostrophe (README.txt says so).
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for exhibit in exhibits:
        item = exhibit.item
        name = names.get(exhibit.number, "")
        note = item.note if name else " ".join(p for p in (no_file_note(exhibit), item.note) if p)
        row = (
            exhibit.label,
            f"{FOLDER}/{name}" if name else "",
            item.sha256,
            item.size if item.sha256 else "",
            item.media_type,
            item.title,
            item.description,
            item.platform,
            item.url,
            item.account,
            item.happened_at,
            item.happened_tz,
            item.added_at,
            provenance_label(item),
            item.original_name,
            _("yes") if item.intimate else _("no"),
            note,
        )
        writer.writerow([cell(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _how_to_check(n_files: int) -> list[str]:
    """The re-check paragraph; with no file at all, SHA256SUMS is empty and sha256sum -c would
    fail ("no properly formatted checksum lines"), so it says there is nothing to check."""
    if n_files == 0:
        return [
            _(
                "No exhibit in this bundle has a stored file (only descriptions), so SHA256SUMS "
                "is empty and there is nothing to re-check."
            ),
            "",
        ]
    return [
        _("How to check that the files are unchanged:"),
        _(
            "SHA256SUMS holds the SHA-256 of each exhibit file, taken when it was first added to "
            "the vault. In this folder, run:"
        ),
        "    sha256sum -c SHA256SUMS",
        _(
            "Every line should end in OK. A file changed by even one byte shows FAILED. (On a Mac: "
            "shasum -a 256 -c SHA256SUMS.) A matching hash shows the file is unchanged since it "
            "was added; it does not show who made it or who wrote what it shows."
        ),
        "",
    ]


def readme(n_exhibits: int, n_files: int, with_pdf: bool) -> bytes:
    parts = [
        _("Evidence Locker: originals bundle"),
        _("Written {when} UTC.").format(when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M")),
        "",
        ngettext(
            "This bundle lists {n} exhibit. ", "This bundle lists {n} exhibits. ", n_exhibits
        ).format(n=n_exhibits)
        + ngettext(
            "{n} of them has its original file in the folder exhibits, exactly as it was "
            "stored: the same bytes, not a copy made smaller or changed in any way.",
            "{n} of them have their original files in the folder exhibits, exactly as they were "
            "stored: the same bytes, not copies made smaller or changed in any way.",
            n_files,
        ).format(n=n_files),
        "",
        _(
            "Files are named by exhibit number (exhibit-001, exhibit-002...). The names the files "
            "had before are not used here; they are listed only in manifest.csv, column "
            "original_name."
        ),
        "",
        *_how_to_check(n_files),
        _(
            "manifest.csv lists every exhibit: its file, SHA-256, size, type, title, what it "
            "shows, platform, web address, account, when it happened and when it was added. "
            "Exhibits with no file (a description only, or an original that was removed) are "
            "listed with an empty file column and a note, and have no line in SHA256SUMS."
        ),
        _(
            "In manifest.csv, a cell whose text begins with = + - or @ has an apostrophe (') put "
            "in front of it, so that a spreadsheet shows the text instead of running it as a "
            "formula. The apostrophe is not part of what was written."
        ),
    ]
    if with_pdf:
        parts += ["", _("summary.pdf is the printable evidence summary made with this bundle.")]
    parts += [
        "",
        _(
            "This bundle is NOT encrypted. Anyone who has it can open every file in it. Keep it "
            "somewhere safe and delete it when it is no longer needed."
        ),
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")
