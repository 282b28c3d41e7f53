"""Evidence items: add a file, list, describe, export (no Qt; used by the CLI and the GUI).

An item is one encrypted record ``item/<id>/meta`` (FORMAT.md §9) pointing at a blob holding the
original bytes, which are never altered: the SHA-256 is taken while they are first read.
"""

from __future__ import annotations

import base64
import os
import stat
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, BinaryIO

from locker.case import records, sniff
from locker.case.fields import FIELD_WORDS, check_fields
from locker.case.records import find_record
from locker.i18n import _
from locker.text import clean_line
from locker.vault import Vault
from locker.vault.blobs import read_into
from locker.vault.custody import now_utc
from locker.vault.errors import InvalidInput

ITEM_TABLE = "item"
THUMB_FIELD = "thumb"  # item/<id>/thumb: the JPEG thumbnail the program made (FORMAT.md §9)

# How the bytes came in (FORMAT.md §9). Stored; shown through provenance_label().
PROVENANCE_IMPORTED = "imported"  # "imported from a file; SHA-256 taken at import"
PROVENANCE_PASTED = "pasted"  # pasted into the program (clipboard)
PROVENANCE_CAPTURED = "captured"  # a screen capture the program took
PROVENANCE_DESCRIPTION_ONLY = "description-only"  # no file kept, only what the user wrote

EDITABLE = (
    "title",
    "description",
    "note",
    "url",
    "platform",
    "account",
    "intimate",
    "happened_at",
    "happened_tz",
)

# Types the program can show (decoded by Pillow from memory, checked at import).
IMAGE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp"}
)


# The fields of an item record that are not text, and their type (FORMAT.md §9); every other
# field must be a string.
_NOT_TEXT: dict[str, type] = {
    "size": int,
    "intimate": bool,
    "has_thumbnail": bool,
    "facts": dict,
}


@dataclass
class EvidenceItem:
    id: str
    title: str
    original_name: str
    size: int
    sha256: str
    media_type: str
    added_at: str
    blob: str
    provenance: str = PROVENANCE_IMPORTED
    description: str = ""
    note: str = ""
    url: str = ""
    platform: str = ""
    account: str = ""
    intimate: bool = False
    original_name_b64: str = ""  # set only when the name was not valid UTF-8
    source_modified: str = ""
    happened_at: str = ""  # wall time where it happened: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    happened_tz: str = ""  # IANA zone name ("America/Chicago"), or "" when unknown
    facts: dict[str, Any] = field(default_factory=dict)  # what the import found (cleaned)
    has_thumbnail: bool = False
    original_removed: str = ""  # UTC time the original bytes were removed (minors guard)

    @classmethod
    def from_json(cls, item_id: str, obj: Any) -> EvidenceItem:
        if not isinstance(obj, dict):
            raise ValueError("item record is not an object")
        # Keyed by the names of the fields themselves, not the record's copies of them: a call
        # with those keywords is matched several times faster. Unknown keys are ignored, and only
        # what the record holds is checked (a field it leaves out keeps its default, of the
        # right type).
        values: dict[str, Any] = {}
        right_types = isinstance(item_id, str)
        for name, kind in _FIELD_TYPES:
            if name in obj:
                value = values[name] = obj[name]
                if not isinstance(value, kind):
                    right_types = False
        item = cls(id=item_id, **values)
        if not right_types or isinstance(item.size, bool):
            # null or another type: listed as damaged, the others stay readable
            raise ValueError("item record has fields of the wrong type")
        return item

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["id"]
        return data


# The fields a record holds (all but the id) and the type each must have, worked out once (size:
# an int, and not a bool, which from_json checks apart).
_FIELD_TYPES: tuple[tuple[str, type], ...] = tuple(
    (f.name, _NOT_TEXT.get(f.name, str)) for f in fields(EvidenceItem) if f.name != "id"
)


def _new_item_id(vault: Vault) -> str:
    return records.new_id(vault, ITEM_TABLE)


def display_name(path: str | os.PathLike[str]) -> tuple[str, str]:
    """A file's base name for display, and its raw bytes in base64 if not valid UTF-8."""
    raw = os.path.basename(os.fsencode(path))
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), base64.b64encode(raw).decode("ascii")


def cannot_open(exc: OSError | ValueError) -> InvalidInput:
    """The plain message for a file that could not be opened (ValueError: a NUL in the name)."""
    if isinstance(exc, FileNotFoundError):
        return InvalidInput(_("The file can't be found. It may have been moved or deleted."))
    if isinstance(exc, IsADirectoryError):
        return is_a_folder()
    if isinstance(exc, PermissionError):
        return InvalidInput(_("The file can't be read: this account has no permission to open it."))
    return InvalidInput(
        _("The file can't be read ({detail}).").format(detail=getattr(exc, "strerror", None) or exc)
    )


def is_a_folder() -> InvalidInput:
    return InvalidInput(_("That is a folder, not a file. Please choose the files inside it."))


def _open_input(path: str | os.PathLike[str]) -> tuple[BinaryIO, os.stat_result]:
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except (OSError, ValueError) as exc:
        raise cannot_open(exc) from exc
    st = os.fstat(f.fileno())
    if stat.S_ISDIR(st.st_mode):
        f.close()
        raise is_a_folder()
    return f, st


def add_file(
    vault: Vault,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    note: str = "",
    url: str = "",
    platform: str = "",
    account: str = "",
    intimate: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> EvidenceItem:
    """Store one file's bytes as a new item, exactly as they are, in one transaction. The file
    itself is not touched.

    The low-level building block: no image check, no facts or thumbnail, and no refusal of
    empty files. What people add (the window, ``locker add``) goes through
    :mod:`locker.case.importer`, which does all of that."""
    name, name_b64 = display_name(path)
    f, st = _open_input(path)
    with f:
        modified = datetime.fromtimestamp(st.st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return add_stream(
            vault,
            f,
            original_name=name,
            original_name_b64=name_b64,
            source_modified=modified,
            title=title,
            note=note,
            url=url,
            platform=platform,
            account=account,
            intimate=intimate,
            progress=progress,
            cancelled=cancelled,
        )


class _Peek:
    """Wraps a stream to capture its first bytes for type sniffing while it is stored."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.head = b""

    def readinto(self, buffer: memoryview) -> int:
        n = read_into(self._stream, buffer)
        if n and len(self.head) < 64:
            self.head += bytes(buffer[: min(n, 64 - len(self.head))])
        return n


def add_stream(
    vault: Vault,
    stream: BinaryIO,
    *,
    original_name: str,
    original_name_b64: str = "",
    source_modified: str = "",
    provenance: str = PROVENANCE_IMPORTED,
    title: str | None = None,
    note: str = "",
    url: str = "",
    platform: str = "",
    account: str = "",
    intimate: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> EvidenceItem:
    """Store the bytes of ``stream`` as a new item (one transaction)."""
    peek = _Peek(stream)
    try:
        with vault.transaction():
            info = vault.write_blob(peek, progress, cancelled)  # type: ignore[arg-type]
            item = EvidenceItem(
                id=_new_item_id(vault),
                title=title if title is not None else original_name,
                original_name=original_name,
                original_name_b64=original_name_b64,
                size=info.size,
                sha256=info.sha256,
                media_type=sniff.media_type(peek.head),
                added_at=now_utc(),
                blob=info.blob_id,
                provenance=provenance,
                note=note,
                url=url,
                platform=platform,
                account=account,
                intimate=intimate,
                source_modified=source_modified,
            )
            vault.append_log(
                "add",
                item.id,
                _("Added a file of {size} bytes; SHA-256 {sha}.").format(
                    size=info.size, sha=info.sha256
                ),
                record=_store_item(vault, item),
            )
    except OSError as exc:
        raise InvalidInput(
            _("The file could not be read to the end ({detail}). Nothing was added.").format(
                detail=exc.strerror or exc
            )
        ) from exc
    return item


def _store_item(vault: Vault, item: EvidenceItem) -> str:
    """Write the item record; returns the SHA-256 of its exact plaintext for the custody log."""
    return records.store(vault, ITEM_TABLE, item.id, item.to_json())


def load_items(vault: Vault) -> tuple[list[tuple[EvidenceItem, bytes]], list[str]]:
    """Every readable item with the exact plaintext of its record, and the damaged ids."""
    return records.load(vault, ITEM_TABLE, EvidenceItem.from_json)


def list_items(vault: Vault) -> tuple[list[EvidenceItem], list[str]]:
    """Every readable item (oldest first) and the ids of records that are damaged."""
    loaded, damaged = load_items(vault)
    return [item for item, _data in loaded], damaged


def find_item(vault: Vault, id_or_prefix: str) -> EvidenceItem:
    """The item with this id, or the only item whose id starts with it (at least 4 characters)."""
    return find_record(
        vault,
        ITEM_TABLE,
        id_or_prefix,
        EvidenceItem.from_json,
        damaged=_("item {id}"),
        missing=_("There is no item with that id in this vault."),
        several=_("More than one item starts with that id; give more of it."),
    )


def update_item(vault: Vault, item_id: str, **changes: Any) -> EvidenceItem:
    """Change the describing fields of an item; the change is recorded in the custody log.

    Read, change and write happen in one transaction, so two windows editing at once cannot
    silently undo each other's change. The log entry names the fields that changed in plain
    words ("title, when it happened"), not their values."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(
            _("These fields can't be edited: {names}.").format(names=", ".join(sorted(unknown)))
        )
    check_fields(changes)
    with vault.transaction():
        item = find_item(vault, item_id)
        changed = [k for k in EDITABLE if k in changes and getattr(item, k) != changes[k]]
        if not changed:
            return item
        for k in changed:
            setattr(item, k, changes[k])
        record = _store_item(vault, item)
        summary = _("Changed: {fields}.").format(
            fields=", ".join(_(FIELD_WORDS[k]) for k in changed)
        )
        if "intimate" in changed:
            summary += " " + (
                _("Marked as an intimate image.")
                if item.intimate
                else _("No longer marked as an intimate image.")
            )
        vault.append_log("edit", item.id, summary, record=record)
    return item


def _utc_words(iso_utc: str) -> str:
    """ "2026-11-21T14:03:00Z" as "2026-11-21 at 14:03 UTC" (the raw text if unreadable)."""
    try:
        when = datetime.strptime(iso_utc, "%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return clean_line(str(iso_utc), 40)
    return _("{date} at {time} UTC").format(
        date=when.strftime("%Y-%m-%d"), time=when.strftime("%H:%M")
    )


def provenance_label(item: EvidenceItem) -> str:
    """Where the item came from and what that proves, in one or two honest sentences."""
    when = _utc_words(item.added_at)
    if item.provenance == PROVENANCE_PASTED:
        label = _("Pasted into the program on {when}; SHA-256 taken then.").format(when=when)
    elif item.provenance == PROVENANCE_CAPTURED:
        label = _("Captured from the screen by the program on {when}; SHA-256 taken then.").format(
            when=when
        )
    elif item.provenance == PROVENANCE_DESCRIPTION_ONLY:
        label = _("A description only, written on {when}; no file was kept.").format(when=when)
    elif item.provenance == PROVENANCE_IMPORTED:
        label = _("Imported from a file; SHA-256 taken at import.")
    else:
        label = _("Added on {when}; SHA-256 taken then.").format(when=when)
    if item.original_removed:
        label += " " + _(
            "The original was removed on {when}; its SHA-256, size and description are kept."
        ).format(when=_utc_words(item.original_removed))
    return label


def load_thumbnail(vault: Vault, item_id: str) -> bytes | None:
    """The JPEG thumbnail the program stored for the item, or None if it has none.

    Raises Damaged if the stored thumbnail fails its check."""
    return vault.get(ITEM_TABLE, item_id, THUMB_FIELD)


def is_image(item: EvidenceItem) -> bool:
    """True when the program can show the item as an image: a PNG, JPEG, GIF, BMP, TIFF or WebP
    whose original is still stored and whose import checked that it decodes within the limits
    (so a viewer never decodes a picture the import did not look at first)."""
    return (
        item.media_type in IMAGE_TYPES
        and bool(item.blob)
        and not item.original_removed
        and isinstance(item.facts.get("width"), int)
        and isinstance(item.facts.get("height"), int)
    )
