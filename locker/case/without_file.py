"""Items without a stored file: a description only (nothing was ever kept), and an original
removed at the user's request (the minors guard). Both keep what the user wrote, and the custody
log says what happened; integrity.check_items knows both (FORMAT.md §9.2, §9.3).

Reached through locker.case.importer (the names the window and the CLI use).
"""

from __future__ import annotations

from locker.case import evidence
from locker.case.evidence import (
    ITEM_TABLE,
    PROVENANCE_DESCRIPTION_ONLY,
    THUMB_FIELD,
    EvidenceItem,
    find_item,
)
from locker.case.fields import check_fields
from locker.i18n import _
from locker.vault import Vault
from locker.vault.custody import now_utc
from locker.vault.errors import InvalidInput


def add_description_only(
    vault: Vault,
    *,
    title: str,
    description: str = "",
    url: str = "",
    platform: str = "",
    account: str = "",
    intimate: bool = False,
    happened_at: str = "",
    happened_tz: str = "",
) -> EvidenceItem:
    """An item with no file: what the user wrote about it (for example, when keeping the image
    itself would be dangerous). Size 0, no SHA-256, no blob."""
    values = {
        "title": title,
        "description": description,
        "url": url,
        "platform": platform,
        "account": account,
        "intimate": intimate,
        "happened_at": happened_at,
        "happened_tz": happened_tz,
    }
    check_fields(values)
    if not title.strip():
        raise InvalidInput(_("Please give it a short title, so you can find it again later."))
    with vault.transaction():
        item = EvidenceItem(
            id=evidence._new_item_id(vault),
            original_name="",
            size=0,
            sha256="",
            media_type="",
            added_at=now_utc(),
            blob="",
            provenance=PROVENANCE_DESCRIPTION_ONLY,
            **values,  # type: ignore[arg-type]
        )
        vault.append_log(
            "add",
            item.id,
            _("Added a description only (no file was kept)."),
            record=evidence._store_item(vault, item),
        )
    return item


def remove_original(vault: Vault, item_id: str) -> EvidenceItem:
    """Delete the stored original and its thumbnail; keep the item with its SHA-256, size and
    description, mark it ``original_removed`` and log it (one transaction).

    SQLite's secure_delete zeroes the freed pages in the vault file (FORMAT.md §9 says what that
    can and cannot promise). An item with no stored original is returned unchanged."""
    with vault.transaction():
        item = find_item(vault, item_id)
        if not item.blob:
            return item
        vault.delete_blob(item.blob)
        vault.delete(ITEM_TABLE, item.id, THUMB_FIELD)
        item.blob = ""
        item.has_thumbnail = False
        item.original_removed = now_utc()
        vault.append_log(
            "original-removed",
            item.id,
            _(
                "The original file was deleted from the vault at the user's request; its "
                "SHA-256 {sha}, size ({size} bytes) and description are kept."
            ).format(sha=item.sha256, size=item.size),
            record=evidence._store_item(vault, item),
        )
    return item
