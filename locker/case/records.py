"""What the case records share (items, incidents, takedowns, journal entries; no Qt).

Each is one JSON record ``<table>/<id>/meta`` with a random 16-hex-digit id (incidents, takedowns
and journal entries also hold a random ``salt``, :func:`new_salt`). It is written with the SHA-256
of its exact plaintext for the custody log, read back with the damaged ones named
(the others stay readable), and found by its id or the first characters of it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from typing import Any, TypeVar

from locker.vault import Vault
from locker.vault.errors import Damaged, InvalidInput

R = TypeVar("R")


def new_id(vault: Vault, table: str) -> str:
    """A random id not yet used in ``table``."""
    while True:
        record_id = os.urandom(8).hex()
        if vault.get(table, record_id, "meta") is None:
            return record_id


def new_salt() -> str:
    """16 random bytes as hex, stored in each incident, takedown and journal record (FORMAT.md
    §9.5–9.7) so the custody log's hash of the record cannot confirm a guess of what it says."""
    return os.urandom(16).hex()


def store(vault: Vault, table: str, record_id: str, obj: dict[str, Any]) -> str:
    """Write ``table/<record_id>/meta``; returns the SHA-256 of its exact plaintext, for the
    custody entry written in the same transaction."""
    return hashlib.sha256(vault.put_json(table, record_id, "meta", obj)).hexdigest()


def load(
    vault: Vault, table: str, parse: Callable[[str, Any], R]
) -> tuple[list[tuple[R, bytes]], list[str]]:
    """Every record of ``table`` that ``parse(id, json)`` reads, with its exact plaintext (in the
    order stored), and the ids of the others (failing their check, or not what ``parse``
    expects: ValueError, TypeError, RecursionError)."""
    rows, damaged = vault.scan(table, "meta")
    loaded: list[tuple[R, bytes]] = []
    for record_id, data in rows:
        try:
            loaded.append((parse(record_id, json.loads(data)), data))
        except (ValueError, TypeError, RecursionError):
            damaged.append(record_id)
    return loaded, damaged


def find_record(
    vault: Vault,
    table: str,
    id_or_prefix: str,
    parse: Callable[[str, Any], R],
    *,
    damaged: str,
    missing: str,
    several: str,
) -> R:
    """The ``table/<id>/meta`` record with this id, or the only one whose id starts with it (at
    least 4 characters), read by ``parse(id, json)``. Raises Damaged (``damaged``: the part, with
    ``{id}``) or InvalidInput (``missing``: no such record; ``several``: the prefix is ambiguous).
    Shared by items, incidents and the other case records."""
    key = id_or_prefix.strip().lower() if isinstance(id_or_prefix, str) else ""
    obj = vault.get_json(table, key, "meta") if key else None
    if obj is not None:
        try:
            return parse(key, obj)
        except (ValueError, TypeError, RecursionError) as exc:
            raise Damaged(damaged.format(id=key)) from exc
    if len(key) >= 4:
        matches = [
            r[0]
            for r in vault.query(
                "SELECT id FROM record WHERE tbl = ? AND field = 'meta' AND substr(id, 1, ?) = ?",
                (table, len(key), key),
            )
        ]
        if len(matches) == 1:
            return find_record(
                vault, table, matches[0], parse, damaged=damaged, missing=missing, several=several
            )
        if len(matches) > 1:
            raise InvalidInput(several)
    raise InvalidInput(missing)
