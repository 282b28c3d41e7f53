"""Cross-checks of the case against the custody log (FORMAT.md §9), run by ``locker verify``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from locker.case.evidence import (
    ITEM_TABLE,
    PROVENANCE_DESCRIPTION_ONLY,
    THUMB_FIELD,
    EvidenceItem,
    load_items,
)
from locker.case.incidents import INCIDENT_TABLE
from locker.case.journal import JOURNAL_TABLE
from locker.case.takedowns import TAKEDOWN_TABLE
from locker.i18n import _
from locker.vault import Vault, VerifyReport, verify
from locker.vault.custody import LogEntry
from locker.vault.errors import Damaged

# Custody actions that write an item's record (their entry holds the record's SHA-256).
RECORD_ACTIONS = ("add", "edit", "original-removed")


def check_items(vault: Vault, log: list[LogEntry]) -> list[str]:
    """Cross-check items, stored files and the custody log (used by ``verify``).

    Catches what per-record checks cannot (FORMAT.md §9): an item removed whole (its rows
    deleted), an item record put back from an older copy of the file, an item the log never saw
    added, an item pointing at a file that is not its own, a stored file that belongs to no item.
    """
    problems: list[str] = []
    loaded, damaged_ids = load_items(vault)  # damaged records are already reported by verify
    damaged = set(damaged_ids)
    present = {item.id for item, _data in loaded}
    latest: dict[str, LogEntry] = {}  # the newest entry that wrote each item's record
    removed_logged: set[str] = set()  # items whose original was removed, as the log says
    for entry in log:
        if entry.action in RECORD_ACTIONS and entry.item:
            latest[entry.item] = entry
            if entry.action == "original-removed":
                removed_logged.add(entry.item)
            if entry.action == "add" and entry.item not in present | damaged:
                problems.append(
                    _(
                        "Item {id} was added (custody-log entry {n}) but is no longer in the vault."
                    ).format(id=entry.item, n=entry.seq)
                )
    used_blobs: set[str] = set()
    thumbs = {
        str(r[0])
        for r in vault.query(
            "SELECT id FROM record WHERE tbl = ? AND field = ?", (ITEM_TABLE, THUMB_FIELD)
        )
    }
    for item, data in loaded:
        if item.blob:
            used_blobs.add(item.blob)
        last = latest.get(item.id)
        if last is None:
            problems.append(
                _("Item {id} is not in the custody log: nobody saw it being added.").format(
                    id=item.id
                )
            )
        elif last.record != hashlib.sha256(data).hexdigest():
            problems.append(
                _(
                    "Item {id} is not the version the custody log last recorded (entry {n}); "
                    "an older version may have been put back."
                ).format(id=item.id, n=last.seq)
            )
        if item.has_thumbnail and item.id not in thumbs:
            problems.append(_("Item {id}: its thumbnail is missing.").format(id=item.id))
        if not item.blob:
            problems.extend(_no_blob_problems(item, removed_logged))
            continue
        try:
            info = vault.blob_info(item.blob)
        except Damaged:
            problems.append(
                _("Item {id}: its stored file is missing or damaged.").format(id=item.id)
            )
            continue
        if info.sha256 != item.sha256 or info.size != item.size:
            problems.append(
                _("Item {id}: its stored file is not the one it was added with.").format(id=item.id)
            )
    for blob_hex in vault.blob_ids() if not damaged else ():  # a damaged item hides its blob
        if blob_hex not in used_blobs:
            problems.append(_("Stored file {id} belongs to no item.").format(id=blob_hex))
    return problems


def _no_blob_problems(item: EvidenceItem, removed_logged: set[str]) -> list[str]:
    """An item without a stored file is fine only as a description-only item, or when its
    original was removed and the custody log recorded that."""
    if item.original_removed:
        if item.id in removed_logged:
            return []
        return [
            _(
                "Item {id}: its original was removed, but the custody log has no entry saying so."
            ).format(id=item.id)
        ]
    if item.provenance == PROVENANCE_DESCRIPTION_ONLY and not item.sha256:
        return []
    return [_("Item {id}: its stored file is missing or damaged.").format(id=item.id)]


@dataclass(frozen=True)
class _CaseRecords:
    """One kind of case record (``<table>/<id>/meta``), the custody actions that write or delete
    it, and the sentences that report a mismatch (whole sentences, for translators)."""

    table: str
    actions: tuple[str, ...]  # entries with a record hash wrote it; with none, deleted it
    unlogged: str
    changed: str
    gone: str
    back: str


def _case_records() -> tuple[_CaseRecords, ...]:
    return (
        _CaseRecords(
            INCIDENT_TABLE,
            ("incident-add", "incident-edit", "incident-delete", "link", "unlink"),
            _("Incident {id} is not in the custody log: nobody saw it being added."),
            _(
                "Incident {id} is not the version the custody log last recorded (entry {n}); "
                "an older version may have been put back."
            ),
            _("Incident {id} was added (custody-log entry {n}) but is no longer in the vault."),
            _(
                "Incident {id} was deleted (custody-log entry {n}) but is in the vault again; "
                "an older copy may have been put back."
            ),
        ),
        _CaseRecords(
            TAKEDOWN_TABLE,
            ("takedown-add", "takedown-edit", "takedown-delete"),
            _("Takedown record {id} is not in the custody log: nobody saw it being added."),
            _(
                "Takedown record {id} is not the version the custody log last recorded "
                "(entry {n}); an older version may have been put back."
            ),
            _(
                "Takedown record {id} was added (custody-log entry {n}) but is no longer in "
                "the vault."
            ),
            _(
                "Takedown record {id} was deleted (custody-log entry {n}) but is in the vault "
                "again; an older copy may have been put back."
            ),
        ),
        _CaseRecords(
            JOURNAL_TABLE,
            ("journal",),
            _("Journal entry {id} is not in the custody log: nobody saw it being written."),
            _(
                "Journal entry {id} is not the version the custody log last recorded "
                "(entry {n}); an older version may have been put back."
            ),
            _(
                "Journal entry {id} was written (custody-log entry {n}) but is no longer in "
                "the vault."
            ),
            _(
                "Journal entry {id} was deleted (custody-log entry {n}) but is in the vault "
                "again; an older copy may have been put back."
            ),
        ),
    )


def check_case_records(vault: Vault, log: list[LogEntry]) -> list[str]:
    """Cross-check incidents, takedowns and journal entries against the custody log (used by
    ``verify``), as :func:`check_items` does for items (FORMAT.md §9.5–9.7).

    Each record must match the ``record`` hash of the newest custody entry naming it; a record
    the log never saw written, one the log saw written but that is gone without a delete entry,
    and one that is back after its delete entry are reported. Damaged records are already
    reported by ``verify`` and are not checked here."""
    problems: list[str] = []
    for kind in _case_records():
        rows, damaged = vault.scan(kind.table, "meta")
        present = {record_id: data for record_id, data in rows}
        latest: dict[str, LogEntry] = {}
        for entry in log:
            if entry.action in kind.actions and entry.item:
                latest[entry.item] = entry
        for record_id, data in present.items():
            last = latest.get(record_id)
            if last is None:
                problems.append(kind.unlogged.format(id=record_id))
            elif last.record is None:
                problems.append(kind.back.format(id=record_id, n=last.seq))
            elif last.record != hashlib.sha256(data).hexdigest():
                problems.append(kind.changed.format(id=record_id, n=last.seq))
        for record_id, last in latest.items():
            if last.record is not None and record_id not in present and record_id not in damaged:
                problems.append(kind.gone.format(id=record_id, n=last.seq))
    return problems


def verify_case(
    vault: Vault,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VerifyReport:
    """``locker verify``: the vault's own checks plus :func:`check_items` and
    :func:`check_case_records`; logged."""
    return verify(vault, progress, cancelled, checks=[check_items, check_case_records])
