"""What one exhibit section says about its item, and the print-time re-hash of every original
(no Qt).

:func:`exhibit_facts` gives the labelled rows of an exhibit section in the order COURT.md §4
lists them. Values are the user's own words, unchanged (the report escapes and shapes them); an
empty field reads "(not recorded)", so a reader sees it was left blank rather than lost.

:func:`rehash_exhibits` is the integrity appendix's check: every stored original is read again
through the vault (streaming, as ``locker verify`` reads it, which also checks it against the
stored file's own record) and its SHA-256 is compared with the one the item was added with. One
damaged exhibit is a FAIL in the list, never an exception that stops the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from locker.case import when
from locker.case.evidence import EvidenceItem, provenance_label
from locker.case.fields import time_zones
from locker.i18n import _
from locker.report.exhibits import Exhibit, Rehashed
from locker.vault import Vault
from locker.vault.errors import Cancelled, VaultError

PASS = "PASS"
FAIL = "FAIL"
NO_FILE = "NO FILE"


def _not_recorded() -> str:
    return _("(not recorded)")


def _or_blank(value: str) -> str:
    return value if isinstance(value, str) and value.strip() else _not_recorded()


def size_words(size: int) -> str:
    """``"3,008 bytes (2.9 KB)"``; ``"512 bytes"`` under a kilobyte (1 KB = 1,000 bytes)."""
    exact = _("{n} bytes").format(n=f"{size:,}")
    if size < 1000:
        return exact
    value = size / 1000
    units = ["KB", "MB", "GB", "TB"]
    while value >= 999.95 and len(units) > 1:  # 999,999 bytes reads 1.0 MB, not 1000.0 KB
        value /= 1000
        units.pop(0)
    unit = units[0]
    return f"{exact} ({value:.1f} {unit})"


def _added_words(added_at: str, floating_zone: str) -> str:
    """``"2026-03-01 14:03 UTC; 2026-03-01 09:03 (America/Chicago, UTC−05:00)"``."""
    try:
        moment = datetime.strptime(added_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return _or_blank(added_at)
    utc = moment.strftime("%Y-%m-%d %H:%M") + " UTC"
    if floating_zone == "UTC" or floating_zone not in time_zones():
        return utc
    wall, offset = when.wall_time(moment, floating_zone)
    local = when.describe_when(wall, floating_zone, offset)
    return _("{utc}; {local}").format(utc=utc, local=local)


def _has_file_facts(item: EvidenceItem) -> bool:
    """Whether there ever was a file (a description only has no name, size, type or hash)."""
    return bool(item.sha256)


def _dimensions(item: EvidenceItem) -> str:
    width, height = item.facts.get("width"), item.facts.get("height")
    if isinstance(width, bool) or isinstance(height, bool):
        return ""
    if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
        return _("{w} × {h} pixels").format(w=width, h=height)
    return ""


def exhibit_facts(
    exhibit: Exhibit, *, floating_zone: str, redacted_shown: bool = False
) -> list[tuple[str, str]]:
    """The labelled rows of one exhibit section, in COURT.md §4 order.

    ``floating_zone``: the zone this computer's clock uses, for showing when the item was added
    on a local clock as well as in UTC. "Dimensions" appears only when the import measured them.
    ``redacted_shown``: a redacted picture of it is printed; an intimate item says so only then
    (a video, a description only, a picture that could not be read: "not shown").
    """
    item = exhibit.item
    with_file = _has_file_facts(item)
    happened = when.describe_when(item.happened_at, item.happened_tz)
    rows: list[tuple[str, str]] = [
        (_("Exhibit number"), exhibit.label),
        (_("Title"), _or_blank(item.title)),
        (_("What it shows"), _or_blank(item.description)),
        (_("Platform"), _or_blank(item.platform)),
        (_("Web address"), _or_blank(item.url)),
        (_("Account / handle"), _or_blank(item.account)),
        (_("When it happened"), happened or _not_recorded()),
        (_("When it was added"), _added_words(item.added_at, floating_zone)),
        (_("How it was added"), provenance_label(item)),
        (_("Original file name"), _or_blank(item.original_name) if with_file else _no_file()),
        (_("Type"), _or_blank(item.media_type) if with_file else _no_file()),
        (_("Size"), size_words(item.size) if with_file else _no_file()),
    ]
    dimensions = _dimensions(item)
    if dimensions:
        rows.append((_("Dimensions"), dimensions))
    rows += [
        (_("SHA-256"), item.sha256 if with_file else _no_file()),
        (_("Intimate"), _intimate_words(item, redacted_shown)),
        (_("Notes"), _or_blank(item.note)),
    ]
    return rows


def _intimate_words(item: EvidenceItem, redacted_shown: bool) -> str:
    if not item.intimate:
        return _("no")
    if redacted_shown:
        return _("yes — shown redacted")
    return _("yes — not shown in this summary")


def _no_file() -> str:
    return _("(no file was kept)")


@dataclass(frozen=True)
class Check:
    exhibit: Exhibit
    status: str  # PASS, FAIL or NO FILE
    detail: str  # one plain sentence


def _check_one(
    vault: Vault,
    exhibit: Exhibit,
    step: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
) -> Check:
    item = exhibit.item
    if not item.blob:
        if item.original_removed:
            detail = _("The original was removed at the user's request; its SHA-256 is kept above.")
        else:
            detail = _("A description only: no file was kept, so there is nothing to re-hash.")
        return Check(exhibit, NO_FILE, detail)
    original = Rehashed(vault, item, cancelled)
    try:
        for chunk in original.chunks():
            step(len(chunk))
    except Cancelled:
        raise
    except VaultError as exc:
        part = getattr(exc, "part", "") or exc.message
        return Check(
            exhibit,
            FAIL,
            _("The stored original could not be read back intact ({part}).").format(part=part),
        )
    if not original.matches():
        return Check(
            exhibit,
            FAIL,
            _(
                "The stored original no longer matches the SHA-256 taken when it was added "
                "(now {sha})."
            ).format(sha=original.digest.hexdigest()),
        )
    return Check(
        exhibit,
        PASS,
        _("Re-read now: {size}; the SHA-256 matches the one taken when it was added.").format(
            size=size_words(original.size)
        ),
    )


def rehash_exhibits(
    vault: Vault,
    exhibits: Sequence[Exhibit],
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Check]:
    """Re-read and re-hash every exhibit's stored original; one Check per exhibit, in order.

    ``progress(done, total)`` counts bytes of originals read (called once at 0 first);
    ``cancelled()`` true stops it with Cancelled."""
    total = sum(e.item.size for e in exhibits if e.item.blob)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    step(0)
    checks = []
    for exhibit in exhibits:
        if cancelled is not None and cancelled():
            raise Cancelled()
        checks.append(_check_one(vault, exhibit, step, cancelled))
    return checks
