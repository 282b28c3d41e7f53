"""The custody log (FORMAT.md §7): append-only, hash-chained, encrypted entries.

Each entry's plaintext is a canonical JSON object that includes the SHA-256 of the previous
entry's plaintext; the hash of the newest entry (the *head*) goes on every printout, so paper
anchors the log outside the computer. Changing, removing or reordering any entry breaks the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64

# Stable action names (stored; shown translated by the UI).
ACTIONS = (
    "vault-created",
    "add",
    "edit",
    "export",
    "verify",
    "passphrase-changed",
    "rekey",
    "backup",
    "recovery-key-used",
    "original-removed",  # minors guard: the stored file was deleted, its SHA-256 kept (§9.3)
    "incident-add",  # an incident was recorded (§9.5); item = the incident id
    "incident-edit",
    "incident-delete",  # record None
    "link",  # evidence linked to an incident; item = the incident id
    "unlink",
    "takedown-add",  # a takedown request was recorded (§9.6); item = the takedown id
    "takedown-edit",
    "takedown-delete",  # record None
    "journal",  # a private journal entry was written, changed or deleted (§9.7); generic summary
    "bundle",  # an originals bundle (plaintext zip) was written; summary: how many exhibits
    "report",  # a printable summary was printed or saved; summary: how many exhibits
)


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: str
    action: str
    item: str | None
    summary: str
    prev: str
    record: str | None
    hash: str

    def to_json(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "at": self.at,
            "action": self.action,
            "item": self.item,
            "summary": self.summary,
            "prev": self.prev,
            "record": self.record,
            "hash": self.hash,
        }


def now_utc() -> str:
    """Current time as ISO 8601 UTC with seconds, e.g. 2026-11-21T07:00:00Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical(obj: dict[str, object]) -> bytes:
    """Canonical JSON: sorted keys, no spaces, ASCII only (non-ASCII as \\uXXXX)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def entry_plaintext(
    seq: int,
    at: str,
    action: str,
    item: str | None,
    summary: str,
    prev: str,
    record: str | None = None,
) -> bytes:
    """``record``: SHA-256 (hex) of the item record this action wrote, binding the log to the
    exact version of the record, so an older version put back is noticed (FORMAT.md §7)."""
    return canonical(
        {
            "seq": seq,
            "at": at,
            "action": action,
            "item": item,
            "summary": summary,
            "prev": prev,
            "record": record,
        }
    )


def entry_hash(plaintext: bytes) -> str:
    return hashlib.sha256(plaintext).hexdigest()


def parse_entry(plaintext: bytes) -> LogEntry:
    """Parse a decrypted entry; raises ValueError if it is not a well-formed entry."""
    obj = json.loads(plaintext)
    if not isinstance(obj, dict):
        raise ValueError("entry is not an object")
    seq, at, action, item, summary, prev, record = (
        obj.get(k) for k in ("seq", "at", "action", "item", "summary", "prev", "record")
    )
    if "record" not in obj or not (record is None or isinstance(record, str)):
        raise ValueError("entry has no valid record field")
    if not (
        isinstance(seq, int)
        and isinstance(at, str)
        and isinstance(action, str)
        and (item is None or isinstance(item, str))
        and isinstance(summary, str)
        and isinstance(prev, str)
    ):
        raise ValueError("entry fields of wrong type")
    return LogEntry(seq, at, action, item, summary, prev, record, entry_hash(plaintext))
