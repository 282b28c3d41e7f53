"""Before any page is laid out: the user's choices checked, and everything the summary prints
read from the vault once (items numbered as exhibits, incidents, takedowns, the journal only
when asked, the custody log and its head hash), every exhibit's original re-hashed (no Qt;
nothing written to disk). document.py lays out what this returns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from locker.case.evidence import list_items
from locker.case.fields import time_zones
from locker.case.incidents import list_incidents
from locker.case.journal import list_entries
from locker.case.takedowns import list_takedowns
from locker.i18n import _, ngettext
from locker.report.context import MAX_COPIES, MAX_WORDS_CHARS, PAPERS, ReportData, ReportOptions
from locker.report.exhibits import number_exhibits
from locker.report.facts import rehash_exhibits
from locker.vault import Vault
from locker.vault.errors import Cancelled, InvalidInput

Progress = Callable[[int, int, str], None]


def check_options(options: ReportOptions) -> None:
    """Refuse choices that cannot make a summary, each with a plain reason; nothing changes."""
    if options.paper not in PAPERS:
        raise InvalidInput(_("The paper size must be Letter or A4."))
    if isinstance(options.copies, bool) or not isinstance(options.copies, int):
        raise InvalidInput(_("The number of copies must be a whole number."))
    if not 1 <= options.copies <= MAX_COPIES:
        raise InvalidInput(
            _("The number of copies must be between 1 and {n}.").format(n=MAX_COPIES)
        )
    for text, what in (
        (options.title, _("case title")),
        (options.prepared_by, _("“Prepared by” name")),
    ):
        if len(text.strip()) > MAX_WORDS_CHARS:
            raise InvalidInput(
                _("The {what} is too long to print ({n} characters; at most {max}).").format(
                    what=what, n=len(text.strip()), max=MAX_WORDS_CHARS
                )
            )
    if options.start is not None and options.end is not None and options.start > options.end:
        raise InvalidInput(
            _("The first day ({start}) comes after the last day ({end}). Please swap them.").format(
                start=options.start.isoformat(), end=options.end.isoformat()
            )
        )


def stop_if(cancelled: Callable[[], bool] | None) -> None:
    """Raise Cancelled when the user has asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled()


def _zone_name(moment: datetime) -> str:
    if isinstance(moment.tzinfo, ZoneInfo):
        return moment.tzinfo.key
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def _printed_at(now: datetime | None, floating_zone: str) -> datetime:
    moment = now if now is not None and now.tzinfo is not None else None
    if moment is None:
        moment = (now or datetime.now()).astimezone()
    if floating_zone in time_zones() and floating_zone != "UTC":
        moment = moment.astimezone(ZoneInfo(floating_zone))
    return moment


def _damaged(kind: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    return [
        ngettext(
            "{n} {kind} record could not be read and is not in this summary: {ids}.",
            "{n} {kind} records could not be read and are not in this summary: {ids}.",
            len(ids),
        ).format(n=len(ids), kind=kind, ids=", ".join(ids))
    ]


def read_data(
    vault: Vault,
    options: ReportOptions,
    *,
    cancelled: Callable[[], bool] | None,
    progress: Progress | None,
    now: datetime | None,
    floating_zone: str,
) -> ReportData:
    """Everything the summary prints, read once; the originals re-hashed."""
    items, bad_items = list_items(vault)
    exhibits = number_exhibits(
        items, ids=options.ids, start=options.start, end=options.end, floating_zone=floating_zone
    )
    incidents, bad_incidents = list_incidents(vault)
    takedowns, bad_takedowns = list_takedowns(vault)
    journal, bad_journal = list_entries(vault) if options.include_journal else ([], [])
    log, log_problems = vault.custody_log()
    stop_if(cancelled)
    stage = _("Checking the originals")

    def rehashed(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, stage)

    checks = rehash_exhibits(vault, exhibits, cancelled=cancelled, progress=rehashed)
    printed_at = _printed_at(now, floating_zone)
    return ReportData(
        exhibits=exhibits,
        incidents=incidents,
        takedowns=takedowns if options.include_takedowns else [],
        journal=journal,
        log=log,
        head_hash=log[-1].hash if log else "",
        checks=checks,
        unreadable=[
            *_damaged(_("evidence"), bad_items),
            *_damaged(_("incident"), bad_incidents),
            *_damaged(_("takedown"), bad_takedowns),
            *_damaged(_("journal"), bad_journal),
            *log_problems,
        ],
        printed_at=printed_at,
        zone_name=_zone_name(printed_at),
        floating_zone=floating_zone,
    )
