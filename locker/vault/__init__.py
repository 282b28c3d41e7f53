"""The encrypted vault (no Qt). The byte-level contract is in FORMAT.md beside this file."""

from locker.vault.errors import (
    Cancelled,
    Damaged,
    InvalidInput,
    KeySlotDamaged,
    NewerFormat,
    NotAVault,
    StorageError,
    StorageFull,
    VaultError,
    WrongKey,
)
from locker.vault.kdf import Argon2Params
from locker.vault.maintenance import VerifyReport, backup, change_passphrase, rekey, verify
from locker.vault.vault import LockedVault, Vault

__all__ = [
    "Argon2Params",
    "Cancelled",
    "Damaged",
    "InvalidInput",
    "KeySlotDamaged",
    "LockedVault",
    "NewerFormat",
    "NotAVault",
    "StorageError",
    "StorageFull",
    "Vault",
    "VaultError",
    "VerifyReport",
    "WrongKey",
    "backup",
    "change_passphrase",
    "rekey",
    "verify",
]
