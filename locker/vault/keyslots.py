"""Key slots (FORMAT.md §5): the master key wrapped once per way of opening the vault.

Slot 1 holds the passphrase slot (Argon2id), slot 2 the recovery-key slot (HKDF). Each slot's
wrapped value is AES-256-GCM(KEK, master key) with associated data binding the vault id, the
slot number, its kind and its full parameter text, so parameters cannot be weakened and a slot
cannot be moved into another vault.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass

from locker.i18n import _
from locker.vault import kdf
from locker.vault.container import slot_checksum
from locker.vault.crypto import (
    KEY_LEN,
    AuthenticationFailed,
    associated_data,
    open_sealed,
    seal,
)
from locker.vault.errors import KeySlotDamaged, WrongKey

PASSPHRASE_SLOT = 1
RECOVERY_SLOT = 2
MAX_PARAMS_CHARS = 1024  # ours are under 100; a longer one is refused before parsing


@dataclass(frozen=True)
class KeySlot:
    slot: int
    kind: str
    params: str
    wrapped: bytes
    checksum: bytes


def slot_ad(vault_id: bytes, slot: int, kind: str, params: str) -> bytes:
    return associated_data(vault_id, "key_slot", f"{slot}:{kind}", params)


def make_slot(
    vault_id: bytes, slot: int, kind: str, params: str, kek: bytes, master_key: bytes
) -> KeySlot:
    wrapped = seal(kek, master_key, slot_ad(vault_id, slot, kind, params))
    return KeySlot(
        slot, kind, params, wrapped, slot_checksum(vault_id, slot, kind, params, wrapped)
    )


def passphrase_slot(
    vault_id: bytes, passphrase: str, params: kdf.Argon2Params, master_key: bytes
) -> KeySlot:
    salt = os.urandom(kdf.SALT_LEN)
    kek = kdf.argon2id(passphrase, salt, params)
    text = kdf.params_json("passphrase", salt, params)
    return make_slot(vault_id, PASSPHRASE_SLOT, "passphrase", text, kek, master_key)


def recovery_slot(vault_id: bytes, recovery_key: bytes, master_key: bytes) -> KeySlot:
    salt = os.urandom(kdf.SALT_LEN)
    kek = kdf.recovery_kek(recovery_key, salt, vault_id)
    text = kdf.params_json("recovery", salt, None)
    return make_slot(vault_id, RECOVERY_SLOT, "recovery", text, kek, master_key)


def store(conn: sqlite3.Connection, slot: KeySlot) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO key_slot (slot, kind, params, wrapped, checksum) "
        "VALUES (?, ?, ?, ?, ?)",
        (slot.slot, slot.kind, slot.params, slot.wrapped, slot.checksum),
    )


def load(conn: sqlite3.Connection, vault_id: bytes, slot_no: int) -> KeySlot:
    """Read one slot and check it is whole and belongs to this vault."""
    name = _("passphrase key slot") if slot_no == PASSPHRASE_SLOT else _("recovery key slot")
    row = conn.execute(
        "SELECT slot, kind, params, wrapped, checksum FROM key_slot WHERE slot = ?", (slot_no,)
    ).fetchone()
    if row is None:
        raise KeySlotDamaged(slot_no, name)
    slot = KeySlot(*row)
    if (
        not isinstance(slot.params, str)
        or len(slot.params) > MAX_PARAMS_CHARS
        or not isinstance(slot.wrapped, bytes)
        or not isinstance(slot.kind, str)
        or slot.checksum != slot_checksum(vault_id, slot.slot, slot.kind, slot.params, slot.wrapped)
    ):
        raise KeySlotDamaged(slot_no, name)
    return slot


def _bad_params(slot: KeySlot, message: str | None = None) -> KeySlotDamaged:
    return KeySlotDamaged(slot.slot, _("key slot parameters"), message)


def _parse_params(slot: KeySlot) -> dict[str, object]:
    try:
        obj = json.loads(slot.params)
    except (ValueError, RecursionError) as exc:
        raise _bad_params(slot) from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("salt"), str):
        raise _bad_params(slot)
    return obj


def _salt(slot: KeySlot, obj: dict[str, object]) -> bytes:
    try:
        salt = bytes.fromhex(str(obj["salt"]))
    except ValueError as exc:
        raise _bad_params(slot) from exc
    if len(salt) != kdf.SALT_LEN:
        raise _bad_params(slot)
    return salt


def _argon2_params(slot: KeySlot, obj: dict[str, object]) -> kdf.Argon2Params:
    if obj.get("kdf") != "argon2id" or slot.kind != "passphrase":
        raise _bad_params(slot)
    values = [obj.get(k) for k in ("m", "t", "p")]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise _bad_params(slot)
    params = kdf.Argon2Params(*values)  # type: ignore[arg-type]
    if not params.within_read_caps():
        raise _bad_params(
            slot,
            _(
                "The vault asks for a key-derivation cost this program refuses to run "
                "({mib} MiB, {t} iterations). The file may have been tampered with."
            ).format(mib=params.memory_kib // 1024, t=params.iterations),
        )
    return params


def argon2_params(slot: KeySlot) -> kdf.Argon2Params:
    """The slot's Argon2id cost, refused (without running it) if outside the read caps."""
    return _argon2_params(slot, _parse_params(slot))


def validated(
    conn: sqlite3.Connection, vault_id: bytes, slot_no: int
) -> tuple[KeySlot, bytes, kdf.Argon2Params | None]:
    """Load a slot and check all that needs no secret (FORMAT.md §5.3 steps 1–2): checksum,
    KDF name, salt, and the Argon2id cost caps. Returns the slot, its salt and (for the
    passphrase slot) its Argon2id cost; raises KeySlotDamaged."""
    slot = load(conn, vault_id, slot_no)
    obj = _parse_params(slot)
    salt = _salt(slot, obj)
    if slot_no == PASSPHRASE_SLOT:
        return slot, salt, _argon2_params(slot, obj)
    if obj.get("kdf") != "hkdf-sha256" or slot.kind != "recovery":
        raise _bad_params(slot)
    return slot, salt, None


def check(conn: sqlite3.Connection, vault_id: bytes, slot_no: int) -> None:
    """Check a slot without its secret (KeySlotDamaged if it is not whole)."""
    validated(conn, vault_id, slot_no)


def unwrap(vault_id: bytes, slot: KeySlot, kek: bytes) -> bytes:
    try:
        key = open_sealed(kek, slot.wrapped, slot_ad(vault_id, slot.slot, slot.kind, slot.params))
    except AuthenticationFailed:
        key = b""
    if len(key) != KEY_LEN:
        if slot.kind == "passphrase":
            raise WrongKey(
                _(
                    "That passphrase does not open this vault. Check the keyboard layout and Caps Lock, and try again."
                )
            )
        raise WrongKey(_("That recovery key does not open this vault."))
    return key


def unwrap_with_passphrase(conn: sqlite3.Connection, vault_id: bytes, passphrase: str) -> bytes:
    slot, salt, params = validated(conn, vault_id, PASSPHRASE_SLOT)
    assert params is not None
    return unwrap(vault_id, slot, kdf.argon2id(passphrase, salt, params))


def unwrap_with_recovery_key(conn: sqlite3.Connection, vault_id: bytes, key_text: str) -> bytes:
    recovery_key = kdf.parse_recovery_key(key_text)
    slot, salt, _params = validated(conn, vault_id, RECOVERY_SLOT)
    return unwrap(vault_id, slot, kdf.recovery_kek(recovery_key, salt, vault_id))
