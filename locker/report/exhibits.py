"""Exhibits: the items chosen for a report or a bundle, in court order and numbered (no Qt).

Court order is the order things happened: an item is placed by when it happened (its
``happened_at``, in its zone), or, when that is not known, by when it was added to the vault, the
same rule as the case timeline (locker.case.timeline). Ties go by when it was added, then by id,
so the same vault always gives the same numbers. Numbers run 1..N over the items chosen.

Exhibit files are named by number (``exhibit-001.png``), with the extension taken from the media
type the program detected, never from the original file name (which may reveal things).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from locker.case import when
from locker.case.evidence import EvidenceItem
from locker.case.sniff import EXTENSIONS
from locker.i18n import _
from locker.vault import Vault
from locker.vault.errors import Cancelled, InvalidInput

_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)  # items with no readable date at all: last

_SAFE_EXT = re.compile(r"\.[a-z0-9]{1,8}", re.ASCII)
_TYPE_RE = re.compile(r"[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*", re.ASCII)


@dataclass(frozen=True)
class Exhibit:
    number: int
    label: str  # "Exhibit 1"
    item: EvidenceItem


def extension_for(media_type: str) -> str:
    """``".png"`` for ``"image/png"``; ``".bin"`` for a type with no known, plain extension."""
    kind = media_type.split(";", 1)[0].strip().lower() if isinstance(media_type, str) else ""
    if kind in EXTENSIONS:
        return EXTENSIONS[kind]
    if kind and kind != "application/octet-stream" and _TYPE_RE.fullmatch(kind):
        guessed = mimetypes.guess_extension(kind, strict=True)
        if guessed and _SAFE_EXT.fullmatch(guessed.lower()):
            return guessed.lower()
    return ".bin"


def file_name(exhibit: Exhibit, total: int) -> str:
    """``exhibit-001.png``: three digits, more when there are over 999 exhibits."""
    width = max(3, len(str(total)))
    return f"exhibit-{exhibit.number:0{width}d}{extension_for(exhibit.item.media_type)}"


def _added(item: EvidenceItem) -> datetime | None:
    try:
        return datetime.strptime(item.added_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def placed_at(
    item: EvidenceItem, floating_zone: str = "UTC"
) -> tuple[datetime | None, date | None]:
    """When the item is placed (UTC instant, for ordering) and the date it is filed under (as
    written where it happened; the UTC date it was added when that is not known)."""
    moment = when.instant(item.happened_at, item.happened_tz, floating_zone=floating_zone)
    if moment is not None:
        return moment, date.fromisoformat(item.happened_at[:10])
    added = _added(item)
    return added, added.date() if added is not None else None


def _order_key(item: EvidenceItem, floating_zone: str) -> tuple[datetime, datetime, str]:
    moment, _day = placed_at(item, floating_zone)
    return (moment or _FAR_FUTURE, _added(item) or _FAR_FUTURE, item.id)


def number_exhibits(
    items: Iterable[EvidenceItem],
    *,
    ids: Collection[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    floating_zone: str = "UTC",
) -> list[Exhibit]:
    """The exhibits in court order, numbered 1..N.

    ``ids``: only these items (an id not in the vault is refused, so a typing mistake does not
    silently leave an exhibit out). ``start``/``end``: only items filed under a date in that range,
    both ends included (the date it happened as written there; the date it was added when that is
    not known). ``floating_zone``: where a time written with no zone is read (this computer's).
    """
    chosen = list(items)
    if ids is not None:
        wanted = set(ids)
        missing = wanted - {item.id for item in chosen}
        if missing:
            raise InvalidInput(
                _("There is no item with that id in this vault: {ids}.").format(
                    ids=", ".join(sorted(missing))
                )
            )
        chosen = [item for item in chosen if item.id in wanted]
    if start is not None or end is not None:
        kept = []
        for item in chosen:
            _moment, day = placed_at(item, floating_zone)
            if day is None:
                continue
            if (start is None or day >= start) and (end is None or day <= end):
                kept.append(item)
        chosen = kept
    chosen.sort(key=lambda item: _order_key(item, floating_zone))
    return [
        Exhibit(n, _("Exhibit {n}").format(n=n), item) for n, item in enumerate(chosen, start=1)
    ]


class Rehashed:
    """An exhibit's stored original, streamed from the vault and hashed as it passes (the
    bundle copies it, the integrity appendix only re-hashes it). Cancel is checked between
    chunks; ``matches()`` says whether size and SHA-256 are still those taken at import."""

    def __init__(
        self, vault: Vault, item: EvidenceItem, cancelled: Callable[[], bool] | None = None
    ) -> None:
        self.vault, self.item, self.cancelled = vault, item, cancelled
        self.digest = hashlib.sha256()
        self.size = 0

    def chunks(self) -> Iterator[bytes]:
        for chunk in self.vault.read_blob(self.item.blob, self.cancelled):
            if self.cancelled is not None and self.cancelled():
                raise Cancelled()
            self.digest.update(chunk)
            self.size += len(chunk)
            yield chunk

    def matches(self) -> bool:
        return self.size == self.item.size and self.digest.hexdigest() == self.item.sha256
