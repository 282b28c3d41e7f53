"""Key-derivation for key slots (FORMAT.md §5): Argon2id for passphrases, HKDF for recovery keys.

Argon2id parameters are calibrated at creation to about one second on the creating machine,
never below the floor, and are *capped when read*, so a crafted vault cannot make the program
allocate gigabytes or spin for minutes before the passphrase is even checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from locker.i18n import _
from locker.vault.crypto import KEY_LEN, hkdf
from locker.vault.errors import InvalidInput, WrongKey

SALT_LEN = 16
KIB_PER_MIB = 1024

# The floor (ARCHITECTURE.md): never weaker than this, at creation or when read.
FLOOR_MEMORY_KIB = 64 * KIB_PER_MIB
FLOOR_ITERATIONS = 3
FLOOR_LANES = 4
# What calibration may choose at creation.
CREATE_MAX_MEMORY_KIB = 1024 * KIB_PER_MIB
CREATE_MAX_ITERATIONS = 12
# What a reader accepts (checked before running the KDF).
READ_MAX_MEMORY_KIB = 2048 * KIB_PER_MIB
READ_MAX_ITERATIONS = 64
READ_MAX_LANES = 16

CALIBRATION_TARGET_S = 1.0
MIN_PASSPHRASE_CHARS = 8

RECOVERY_KEY_BYTES = 20  # 160 bits
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_INFO = b"EVLK recovery slot v1"
_RECOVERY_CHECK = b"EVLK recovery check v1"


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters as stored in a passphrase slot."""

    memory_kib: int
    iterations: int
    lanes: int

    @classmethod
    def floor(cls) -> Argon2Params:
        return cls(FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, FLOOR_LANES)

    def check_for_creation(self) -> None:
        """Refuse parameters below the floor or above what we are willing to create."""
        if (
            self.memory_kib < FLOOR_MEMORY_KIB
            or self.iterations < FLOOR_ITERATIONS
            or self.lanes < FLOOR_LANES
        ):
            raise InvalidInput(
                _("The key-derivation cost can't be lower than 64 MiB, 3 iterations, 4 lanes.")
            )
        if (
            self.memory_kib > CREATE_MAX_MEMORY_KIB
            or self.iterations > CREATE_MAX_ITERATIONS
            or self.lanes > READ_MAX_LANES
        ):
            raise InvalidInput(
                _("The key-derivation cost can't be higher than 1024 MiB and 12 iterations.")
            )

    def within_read_caps(self) -> bool:
        """True if a reader may run these parameters (floor ≤ value ≤ cap)."""
        return (
            FLOOR_MEMORY_KIB <= self.memory_kib <= READ_MAX_MEMORY_KIB
            and FLOOR_ITERATIONS <= self.iterations <= READ_MAX_ITERATIONS
            and FLOOR_LANES <= self.lanes <= READ_MAX_LANES
        )


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC-normalise and UTF-8 encode, so the same words typed on any system give the same key."""
    try:
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates: bytes that were not text
        raise InvalidInput(
            _("The passphrase contains characters that are not text. Please type it again.")
        ) from exc


def check_new_passphrase(passphrase: str) -> None:
    """The rule for a new passphrase: at least 8 characters (spaces count)."""
    if not passphrase:
        raise InvalidInput(
            _("The passphrase is empty. Please choose one of at least 8 characters.")
        )
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput(
            _("The passphrase is too short. Please use at least {n} characters.").format(
                n=MIN_PASSPHRASE_CHARS
            )
        )


def argon2id(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """Derive the 32-byte key-encryption key from a passphrase."""
    return Argon2id(
        salt=salt,
        length=KEY_LEN,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(normalize_passphrase(passphrase))


def _time_kdf(params: Argon2Params) -> float:
    start = time.perf_counter()
    argon2id("calibration", os.urandom(SALT_LEN), params)
    return time.perf_counter() - start


def calibrate(target_s: float = CALIBRATION_TARGET_S) -> Argon2Params:
    """Choose Argon2id parameters costing about ``target_s`` seconds on this machine.

    Memory is doubled from the floor while the next step would stay under the target
    (memory is what hurts an attacker's GPUs most); then iterations fill the remaining time.
    """
    params = Argon2Params.floor()
    elapsed = _time_kdf(params)
    while params.memory_kib * 2 <= CREATE_MAX_MEMORY_KIB and elapsed * 2.2 <= target_s:
        params = Argon2Params(params.memory_kib * 2, params.iterations, params.lanes)
        elapsed = _time_kdf(params)
    if elapsed < target_s:
        per_iteration = elapsed / params.iterations
        iterations = int(target_s / per_iteration)
        iterations = max(FLOOR_ITERATIONS, min(CREATE_MAX_ITERATIONS, iterations))
        params = Argon2Params(params.memory_kib, iterations, params.lanes)
    return params


def params_json(kind: str, salt: bytes, params: Argon2Params | None) -> str:
    """The canonical JSON text stored in a slot's ``params`` column (§5)."""
    obj: dict[str, object]
    if kind == "passphrase":
        assert params is not None
        obj = {
            "kdf": "argon2id",
            "m": params.memory_kib,
            "t": params.iterations,
            "p": params.lanes,
            "salt": salt.hex(),
        }
    else:
        obj = {"kdf": "hkdf-sha256", "salt": salt.hex()}
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


# --- recovery keys -------------------------------------------------------------------------


def _b32(data: bytes, n_chars: int) -> str:
    value = int.from_bytes(data, "big")
    bits = len(data) * 8
    value <<= n_chars * 5 - bits
    return "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(n_chars)))


def _recovery_check(key: bytes) -> str:
    digest = hashlib.sha256(_RECOVERY_CHECK + key).digest()
    return _b32(digest[:3], 5)[:4]


def new_recovery_key() -> bytes:
    return os.urandom(RECOVERY_KEY_BYTES)


def format_recovery_key(key: bytes) -> str:
    """32 Crockford base-32 characters and a 4-character check, in groups of 4."""
    text = _b32(key, 32) + _recovery_check(key)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Parse what the user typed; tolerant of case, spaces, dashes, O/0 and I/L/1 mix-ups."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != 36 or any(ch not in _CROCKFORD for ch in cleaned):
        raise WrongKey(
            _(
                "That recovery key is not complete. It has 9 groups of 4 letters and digits, "
                "like the one printed when the vault was made."
            )
        )
    value = 0
    for ch in cleaned[:32]:
        value = value * 32 + _CROCKFORD.index(ch)
    key = value.to_bytes(RECOVERY_KEY_BYTES, "big")
    if _recovery_check(key) != cleaned[32:]:
        raise WrongKey(
            _("That recovery key has a typing mistake somewhere. Please check each group.")
        )
    return key


def recovery_kek(key: bytes, salt: bytes, vault_id: bytes) -> bytes:
    """Key-encryption key of a recovery slot: HKDF-SHA256(key, salt, info ‖ vault_id)."""
    return hkdf(key, salt, _RECOVERY_INFO + vault_id)
