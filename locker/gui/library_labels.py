"""How an evidence item reads in the library: its type in words, its size, its times, the word on
its tile.

Plain functions of one :class:`EvidenceItem`, shared by the model's columns and its sort keys.
Every string taken from a record is cleaned before it is shown.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QTimeZone

from locker.case.evidence import PROVENANCE_DESCRIPTION_ONLY, EvidenceItem
from locker.gui.widgets import clean_text
from locker.text import clean_line

DESCRIPTION_ONLY = PROVENANCE_DESCRIPTION_ONLY

# The picture types in words, as the library and the detail pane name them.
IMAGE_NAMES = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/bmp": "BMP",
    "image/tiff": "TIFF",
    "image/webp": "WebP",
    "image/heic": "HEIC",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("library", text)


def human_size(size: int) -> str:
    """A size as people read it ("1.2 MB"), in the user's locale."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def local_time(iso_utc: str, limit: int = 300) -> str:
    """An ISO-8601 UTC time ("…Z") in local time as "2026-11-21 08:38": year first reads the
    same in every country, which matters on evidence. The cleaned raw text (at most ``limit``
    characters) if unreadable."""
    when = QDateTime.fromString(iso_utc, Qt.DateFormat.ISODate)
    if not when.isValid():
        return clean_line(iso_utc, limit)
    return when.toLocalTime().toString("yyyy-MM-dd HH:mm")


def iso_epoch(iso_utc: str) -> float:
    """An ISO-8601 time as seconds since 1970, for sorting (0 if unreadable)."""
    try:
        return datetime.fromisoformat(iso_utc).timestamp()
    except ValueError:
        return 0.0


def happened_epoch(item: EvidenceItem) -> float | None:
    """When it happened, as seconds since 1970 (its time zone, else this computer's)."""
    if not item.happened_at:
        return None
    try:
        when = datetime.fromisoformat(item.happened_at)
    except ValueError:
        return None
    if when.tzinfo is None and item.happened_tz:
        # An unknown zone: read as local time, good enough to sort.
        with contextlib.suppress(ValueError, OSError, KeyError):
            when = when.replace(tzinfo=ZoneInfo(item.happened_tz))
    try:
        return when.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def happened_text(item: EvidenceItem) -> str:
    """The wall time where it happened ("2026-11-20 21:40"), with its zone when that is not
    this computer's."""
    if not item.happened_at:
        return ""
    text = clean_text(item.happened_at.replace("T", " "), 40)
    zone = clean_text(item.happened_tz, 60)
    if zone and zone != bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace"):
        text += f" ({zone})"
    return text


def kind_of(item: EvidenceItem) -> str:
    """One word for the tile colour: image, pdf, video, audio, text, archive, other,
    description, removed."""
    if item.provenance == DESCRIPTION_ONLY:
        return "description"
    if item.original_removed:
        return "removed"
    media = item.media_type
    if media in IMAGE_NAMES:
        return "image"
    if media == "application/pdf":
        return "pdf"
    if media.startswith("video/"):
        return "video"
    if media.startswith("audio/"):
        return "audio"
    if media.startswith("text/"):
        return "text"
    if media == "application/zip":
        return "archive"
    return "other"


def type_label(item: EvidenceItem) -> str:
    """The item's type in words: "PNG image", "PDF document", "Video" …"""
    if item.provenance == DESCRIPTION_ONLY:
        return _tr("Description only")
    media = item.media_type
    if media in IMAGE_NAMES:
        label = _tr("%s image") % IMAGE_NAMES[media]
    else:
        label = {
            "application/pdf": _tr("PDF document"),
            "application/zip": _tr("ZIP archive"),
            "text/plain": _tr("Text"),
        }.get(media) or (
            _tr("Video")
            if media.startswith("video/")
            else _tr("Audio")
            if media.startswith("audio/")
            else _tr("File")
        )
    if item.original_removed:
        label = _tr("%s, original removed") % label
    return label


def tile_word(kind: str, item: EvidenceItem) -> str:
    return {
        "description": _tr("Description only"),
        "removed": _tr("Original removed"),
        "image": _tr("Image"),
        "pdf": _tr("PDF"),
        "video": _tr("Video"),
        "audio": _tr("Audio"),
        "text": _tr("Text"),
        "archive": _tr("Archive"),
    }.get(kind, _tr("File"))


def shows_thumbnail(item: EvidenceItem) -> bool:
    return item.has_thumbnail and not item.original_removed
