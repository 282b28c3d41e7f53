"""The originals bundle: one zip with every exhibit's original bytes, named by exhibit number,
``SHA256SUMS`` to check them with, ``manifest.csv`` (exhibit ↔ file ↔ hash ↔ what it is), a
``README.txt`` in plain words and, when given, the summary PDF (no Qt).

The bundle is NOT encrypted: it is written only when the user asks, after the caller has said
so. As with an export (locker.case.export), it is written under a hidden name beside ``out``;
every original is re-hashed while it is copied in and compared with the SHA-256 taken when it
was added, and the bundle takes its name only once it is whole and the custody log recorded it.
A damaged exhibit, a cancel or a full disk leaves nothing behind.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from locker.case.evidence import list_items
from locker.case.export import CopyWords, check_target, log_or_say, writing_copy
from locker.i18n import _, ngettext
from locker.report import bundle_texts
from locker.report.bundle_texts import FOLDER
from locker.report.exhibits import Exhibit, Rehashed, file_name, number_exhibits
from locker.vault import Vault
from locker.vault.errors import Cancelled, Damaged, InvalidInput

# Already compressed: deflating them again costs time and saves nothing.
_STORED_PREFIXES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/heic", "video/")
_STORED_TYPES = frozenset(
    {"application/pdf", "application/zip", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/flac"}
)


@dataclass(frozen=True)
class BundleResult:
    path: Path
    exhibits: int  # listed in the manifest
    files: int  # of them, with their original file in the bundle
    unlogged: str = ""  # why the custody log could not record the bundle, if it couldn't


def _compression(media_type: str) -> int:
    if media_type.startswith(_STORED_PREFIXES) or media_type in _STORED_TYPES:
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


def _words() -> CopyWords:
    return CopyWords(
        folder=_("That is a folder. Please give a file name for the bundle."),
        itself=_("That is the vault file itself. Please choose another name for the bundle."),
        not_there=_("The bundle could not be written there ({detail})."),
        failed=_("The bundle could not be written ({detail}). Nothing was left behind."),
    )


def _entry(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, datetime.now(UTC).timetuple()[:6])
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def _copy_original(
    vault: Vault,
    zf: zipfile.ZipFile,
    exhibit: Exhibit,
    name: str,
    step: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
) -> None:
    """Stream one original into the zip, hashing it; Damaged (naming the exhibit) on a mismatch."""
    item = exhibit.item
    original = Rehashed(vault, item, cancelled)
    refused = Damaged(
        exhibit.label,
        _(
            "{label} ({title}) no longer matches the SHA-256 taken when it was added, so the "
            "bundle was not written. Run 'locker verify' to see what is wrong."
        ).format(label=exhibit.label, title=item.title),
    )
    info = _entry(f"{FOLDER}/{name}", _compression(item.media_type))
    with zf.open(info, "w", force_zip64=item.size >= zipfile.ZIP64_LIMIT) as dest:
        try:
            for chunk in original.chunks():
                dest.write(chunk)
                step(len(chunk))
        except Damaged as exc:
            raise refused from exc
    if not original.matches():
        raise refused


def write_bundle(
    vault: Vault,
    out: str | os.PathLike[str],
    *,
    exhibits: list[Exhibit] | None = None,
    pdf: bytes | None = None,
    force: bool = False,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    floating_zone: str = "UTC",
) -> BundleResult:
    """Write the originals bundle to ``out`` (NOT encrypted: the caller tells the user so).

    ``exhibits``: the numbered exhibits (number_exhibits); None: every item in the vault, in
    court order (``floating_zone``: where a time written with no zone is read). A vault with no items, or an empty choice, is refused: a bundle with nothing in
    it is no use to anyone, and an empty date range is more likely a mistake. ``progress(done,
    total)`` counts bytes of originals copied. If the custody log cannot be written, the bundle
    is still made and ``BundleResult.unlogged`` says why (as an export does).
    """
    target = Path(out)
    check_target(target, vault.path, force, _words())
    if exhibits is None:
        items, damaged = list_items(vault)
        if damaged:
            raise Damaged(
                ", ".join(damaged),
                ngettext(
                    "Item {ids} is damaged and could not be read, so no bundle was written. "
                    "Run 'locker verify' to see what is wrong.",
                    "Items {ids} are damaged and could not be read, so no bundle was written. "
                    "Run 'locker verify' to see what is wrong.",
                    len(damaged),
                ).format(ids=", ".join(damaged)),
            )
        exhibits = number_exhibits(items, floating_zone=floating_zone)
    if not exhibits:
        raise InvalidInput(
            _("There are no exhibits to put in a bundle: no evidence items were chosen.")
        )
    total_count = len(exhibits)
    names = {e.number: file_name(e, total_count) for e in exhibits if e.item.blob}
    total = sum(e.item.size for e in exhibits if e.number in names)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    unlogged = ""

    def record() -> None:
        nonlocal unlogged
        if cancelled is not None and cancelled():
            raise Cancelled()
        unlogged = log_or_say(
            vault,
            "bundle",
            None,
            ngettext(
                "An originals bundle of {n} exhibit was written.",
                "An originals bundle of {n} exhibits was written.",
                total_count,
            ).format(n=total_count),
        )

    with (
        writing_copy(target, _words(), before_rename=record, mode="w+b") as f,
        zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
    ):
        zf.writestr(
            _entry("README.txt", zipfile.ZIP_DEFLATED),
            bundle_texts.readme(total_count, len(names), pdf is not None),
        )
        step(0)
        sums = []
        for exhibit in exhibits:
            if exhibit.number in names:
                name = names[exhibit.number]
                _copy_original(vault, zf, exhibit, name, step, cancelled)
                sums.append(f"{exhibit.item.sha256}  {FOLDER}/{name}\n")
        zf.writestr(_entry("SHA256SUMS", zipfile.ZIP_DEFLATED), "".join(sums))
        zf.writestr(
            _entry("manifest.csv", zipfile.ZIP_DEFLATED),
            bundle_texts.manifest(exhibits, names),
        )
        if pdf is not None:
            zf.writestr(_entry("summary.pdf", zipfile.ZIP_STORED), pdf)
    return BundleResult(target, total_count, len(names), unlogged)
