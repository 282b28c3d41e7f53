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

import contextlib
import csv
import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from locker import files
from locker.case.evidence import PROVENANCE_DESCRIPTION_ONLY, list_items, provenance_label
from locker.i18n import _, ngettext
from locker.report.exhibits import Exhibit, file_name, number_exhibits
from locker.vault import Vault
from locker.vault.errors import Cancelled, Damaged, InvalidInput, StorageError, VaultError

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
# Already compressed: deflating them again costs time and saves nothing.
_STORED_PREFIXES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/heic", "video/")
_STORED_TYPES = frozenset(
    {"application/pdf", "application/zip", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/flac"}
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class BundleResult:
    path: Path
    exhibits: int  # listed in the manifest
    files: int  # of them, with their original file in the bundle
    unlogged: str = ""  # why the custody log could not record the bundle, if it couldn't


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _compression(media_type: str) -> int:
    if media_type.startswith(_STORED_PREFIXES) or media_type in _STORED_TYPES:
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


def _no_file_note(exhibit: Exhibit) -> str:
    item = exhibit.item
    if item.original_removed:
        return _(
            "The original file was removed from the vault; its SHA-256 and description are kept."
        )
    if item.provenance == PROVENANCE_DESCRIPTION_ONLY:
        return _("A description only: no file was kept.")
    return _("No file is stored for this item.")


def _manifest(exhibits: list[Exhibit], names: dict[int, str]) -> bytes:
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
        note = item.note if name else " ".join(p for p in (_no_file_note(exhibit), item.note) if p)
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
        writer.writerow([_cell(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _readme(n_exhibits: int, n_files: int, with_pdf: bool) -> bytes:
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


def _check_target(vault: Vault, target: Path, force: bool) -> None:
    if target.is_dir():
        raise InvalidInput(_("That is a folder. Please give a file name for the bundle."))
    if files.is_same_file(target, vault.path):
        raise InvalidInput(
            _("That is the vault file itself. Please choose another name for the bundle.")
        )
    if target.exists() and not force:
        raise InvalidInput(
            _("A file with that name already exists. Choose another name, or use --force.")
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
    digest = hashlib.sha256()
    size = 0
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
            for chunk in vault.read_blob(item.blob, cancelled):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                dest.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                step(len(chunk))
        except Damaged as exc:
            raise refused from exc
    if size != item.size or digest.hexdigest() != item.sha256:
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
    _check_target(vault, target, force)
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

    partial = files.sibling_partial(target)
    try:
        fd = files.create_exclusive(partial)
    except OSError as exc:
        raise StorageError(
            _("The bundle could not be written there ({detail}).").format(
                detail=exc.strerror or exc
            )
        ) from exc
    try:
        with os.fdopen(fd, "w+b") as f:
            with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.writestr(
                    _entry("README.txt", zipfile.ZIP_DEFLATED),
                    _readme(total_count, len(names), pdf is not None),
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
                    _entry("manifest.csv", zipfile.ZIP_DEFLATED), _manifest(exhibits, names)
                )
                if pdf is not None:
                    zf.writestr(_entry("summary.pdf", zipfile.ZIP_STORED), pdf)
            f.flush()
            os.fsync(f.fileno())
        if cancelled is not None and cancelled():
            raise Cancelled()
        unlogged = ""
        try:
            vault.append_log(
                "bundle",
                None,
                ngettext(
                    "An originals bundle of {n} exhibit was written.",
                    "An originals bundle of {n} exhibits was written.",
                    total_count,
                ).format(n=total_count),
            )
        except VaultError as exc:
            # As for an export: a damaged log or read-only media must not keep a survivor from
            # their own intact evidence; the caller says this bundle was not recorded.
            unlogged = exc.message
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise StorageError(
            _("The bundle could not be written ({detail}). Nothing was left behind.").format(
                detail=exc.strerror or exc
            )
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    files.fsync_dir(target.parent)
    return BundleResult(target, total_count, len(names), unlogged)
