"""Cross-checks of the case against the custody log (FORMAT.md §9), run by ``locker verify``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from locker.case.evidence import (
    ITEM_TABLE,
    PROVENANCE_DESCRIPTION_ONLY,
    THUMB_FIELD,
    EvidenceItem,
    load_items,
)
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


def verify_case(
    vault: Vault,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VerifyReport:
    """``locker verify``: the vault's own checks plus :func:`check_items`; logged."""
    return verify(vault, progress, cancelled, checks=[check_items])
