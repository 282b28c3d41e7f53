"""What happens to a finished summary: the custody log records that it left the vault, and
saving it to a file is done so no half-written PDF is ever left behind (no Qt).

The custody entry says in plain words how it left (saved, printed, put in a bundle), how many
exhibits and pages, the paper, the SHA-256 of the PDF (so a printed copy can be matched to the
log) and whether an unredacted packet was made. Never a file name or a path: names can reveal
things, and the log is shown to others.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from locker.case.export import CopyWords, check_target, log_or_say, writing_copy
from locker.i18n import _, ngettext
from locker.report.document import Report
from locker.vault import Vault

SAVED = "saved"
PRINTED = "printed"
BUNDLED = "bundled"
HOWS = (SAVED, PRINTED, BUNDLED)


def _how_words(how: str) -> str:
    if how == SAVED:
        return _("saved as a PDF")
    if how == PRINTED:
        return _("printed")
    if how == BUNDLED:
        return _("put in an originals bundle")
    raise ValueError(f"record_report: how must be one of {HOWS}, not {how!r}")


def _paper_words(paper: str) -> str:
    return _("A4") if paper == "a4" else _("US Letter")


def report_summary(report: Report, how: str) -> str:
    """The custody entry's words for ``report`` (no file name, no path)."""
    count = len(report.exhibits)
    words = ngettext(
        "A printable summary of {n} exhibit was {how}: {pages} pages, {paper}, SHA-256 {sha}.",
        "A printable summary of {n} exhibits was {how}: {pages} pages, {paper}, SHA-256 {sha}.",
        count,
    ).format(
        n=count,
        how=_how_words(how),
        pages=report.pages,
        paper=_paper_words(report.paper),
        sha=hashlib.sha256(report.pdf).hexdigest(),
    )
    if report.packet is not None:
        words += " " + _(
            "A separate packet of unredacted pictures was made too ({pages} pages, SHA-256 {sha})."
        ).format(pages=report.packet_pages, sha=hashlib.sha256(report.packet).hexdigest())
    else:
        words += " " + _("No unredacted packet was made.")
    return words


def record_report(vault: Vault, report: Report, how: str) -> str:
    """Record in the custody log that ``report`` left the vault (``how``: SAVED, PRINTED or
    BUNDLED). Returns "" or why it could not be recorded; the summary is not held back."""
    return log_or_say(vault, "report", None, report_summary(report, how))


def write_pdf(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
    vault_path: str | os.PathLike[str] | None = None,
) -> Path:
    """Write ``data`` (a PDF) to ``path`` under a hidden name first, renamed only when whole.

    Refuses a folder, an existing file unless ``force``, and the vault file itself
    (``vault_path``). A disk error is a StorageError in plain words and leaves nothing behind.
    """
    target = Path(path)
    words = CopyWords(
        folder=_("That is a folder. Please give a file name for the PDF."),
        itself=_("That is the vault file itself. Please choose another name for the PDF."),
        not_there=_("The PDF could not be written there ({detail})."),
        failed=_("The PDF could not be written ({detail}). Nothing was left behind."),
    )
    check_target(target, None if vault_path is None else Path(vault_path), force, words)
    with writing_copy(target, words) as f:
        f.write(data)
    return target
