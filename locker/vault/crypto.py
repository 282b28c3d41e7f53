"""Cryptographic building blocks of the vault format (FORMAT.md §3–§6).

Only primitives from ``cryptography`` are used: AES-256-GCM, HKDF-SHA256 and (in kdf.py)
Argon2id. Nothing here invents a primitive; it only fixes how they are combined.
"""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT_VERSION = 1
AD_MAGIC = b"EVLK"
KEY_LEN = 32
NONCE_LEN = 12
TAG_LEN = 16
VAULT_ID_LEN = 16
BLOB_ID_LEN = 16
CHUNK_SIZE = 1024 * 1024  # plaintext bytes per blob chunk (FORMAT.md §6)

_RECORD_KEY_INFO = b"EVLK record key v1"
_BLOB_KEY_INFO = b"EVLK blob key v1"


class AuthenticationFailed(Exception):
    """An AEAD tag did not verify: wrong key, or bytes changed, moved or swapped."""


def _lp(text: str) -> bytes:
    data = text.encode("utf-8")
    if len(data) > 0xFFFF:
        raise ValueError("associated-data field too long")
    return struct.pack(">H", len(data)) + data


def associated_data(vault_id: bytes, table: str, record_id: str, field: str) -> bytes:
    """AD = "EVLK" ‖ u16be(version) ‖ vault_id ‖ lp(table) ‖ lp(record_id) ‖ lp(field) (§3)."""
    if len(vault_id) != VAULT_ID_LEN:
        raise ValueError("vault id must be 16 bytes")
    return (
        AD_MAGIC
        + struct.pack(">H", FORMAT_VERSION)
        + vault_id
        + _lp(table)
        + _lp(record_id)
        + _lp(field)
    )


def hkdf(ikm: bytes, salt: bytes, info: bytes, length: int = KEY_LEN) -> bytes:
    """HKDF-SHA256 (RFC 5869)."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def record_key(master_key: bytes, vault_id: bytes) -> bytes:
    """The key for every encrypted record (§4)."""
    return hkdf(master_key, vault_id, _RECORD_KEY_INFO)


def blob_key(master_key: bytes, vault_id: bytes, blob_id: bytes) -> bytes:
    """The per-blob key for chunk encryption (§6)."""
    if len(blob_id) != BLOB_ID_LEN:
        raise ValueError("blob id must be 16 bytes")
    return hkdf(master_key, vault_id, _BLOB_KEY_INFO + blob_id)


def seal(key: bytes, plaintext: bytes, ad: bytes, nonce: bytes | None = None) -> bytes:
    """Encrypt with a fresh random nonce; returns nonce ‖ ciphertext ‖ tag.

    ``nonce`` is only for test vectors; real callers never pass it.
    """
    nonce = os.urandom(NONCE_LEN) if nonce is None else nonce
    return nonce + AESGCM(key).encrypt(nonce, plaintext, ad)


def open_sealed(key: bytes, sealed: bytes, ad: bytes) -> bytes:
    """Inverse of :func:`seal`; raises :class:`AuthenticationFailed` on any mismatch."""
    if len(sealed) < NONCE_LEN + TAG_LEN:
        raise AuthenticationFailed("sealed value too short")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_LEN], sealed[NONCE_LEN:], ad)
    except InvalidTag as exc:
        raise AuthenticationFailed("authentication tag mismatch") from exc


def chunk_nonce(index: int, final: bool) -> bytes:
    """STREAM nonce: 11-byte big-endian chunk counter ‖ final flag (0x01 last chunk, else 0x00)."""
    if index < 0 or index >= 1 << 88:
        raise ValueError("chunk index out of range")
    return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class ChunkCipher:
    """Encrypts/decrypts the chunks of one blob under its own key (§6)."""

    def __init__(self, master_key: bytes, vault_id: bytes, blob_id: bytes) -> None:
        self._aead = AESGCM(blob_key(master_key, vault_id, blob_id))
        self._vault_id = vault_id
        self._blob_hex = blob_id.hex()

    def _ad(self, index: int) -> bytes:
        return associated_data(self._vault_id, "chunk", self._blob_hex, str(index))

    def encrypt(self, index: int, plaintext: bytes, final: bool) -> bytes:
        return self._aead.encrypt(chunk_nonce(index, final), plaintext, self._ad(index))

    def encrypt_into(self, index: int, plaintext: memoryview, final: bool, out: memoryview) -> None:
        """Like :meth:`encrypt`, writing ciphertext ‖ tag into ``out`` (len(plaintext) + 16)."""
        nonce, ad = chunk_nonce(index, final), self._ad(index)
        if hasattr(self._aead, "encrypt_into"):  # cryptography >= 45: no new buffer per chunk
            self._aead.encrypt_into(nonce, plaintext, ad, out)
        else:
            out[:] = self._aead.encrypt(nonce, bytes(plaintext), ad)

    def decrypt(self, index: int, ciphertext: bytes, final: bool) -> bytes:
        try:
            return self._aead.decrypt(chunk_nonce(index, final), ciphertext, self._ad(index))
        except InvalidTag as exc:
            raise AuthenticationFailed(f"chunk {index}") from exc
