"""The vault's errors: each one distinct, each with a message a person can act on.

``exit_code`` follows the CLI contract in ARCHITECTURE.md: 2 usage or input/output problem,
3 wrong passphrase or key, 4 not a vault / unsupported version / damaged.
"""

from __future__ import annotations

from locker.i18n import _


class VaultError(Exception):
    """Base class. ``str(err)`` is one plain sentence meant for the user."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongKey(VaultError):
    """The passphrase or recovery key does not open this vault."""

    exit_code = 3


class NotAVault(VaultError):
    """The file is not an Evidence Locker vault at all."""

    exit_code = 4


class NewerFormat(VaultError):
    """The vault was written by a newer version of the program."""

    exit_code = 4


class Damaged(VaultError):
    """Part of the vault failed its integrity check. ``part`` names which part."""

    exit_code = 4

    def __init__(self, part: str, message: str | None = None) -> None:
        super().__init__(
            message
            or _("Part of the vault is damaged and could not be read: {part}.").format(part=part)
        )
        self.part = part
        # True when the message was written for this very case (and so already says what to do);
        # False for the generic "part of the vault is damaged" sentence.
        self.explained = message is not None


class KeySlotDamaged(Damaged):
    """A key slot is damaged or refused; ``slot`` says which (1 passphrase, 2 recovery key),
    so a caller can point to the other way in."""

    def __init__(self, slot: int, part: str, message: str | None = None) -> None:
        super().__init__(part, message)
        self.slot = slot


class StorageFull(VaultError):
    """The disk (or USB stick) ran out of space. The vault is left as it was."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "There is not enough free space on the disk. Nothing was changed in the vault; "
                "free some space and try again."
            )
        )


class StorageError(VaultError):
    """The vault file could not be read or written (removed drive, permissions, I/O error)."""


class Cancelled(VaultError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(_("Cancelled. Nothing was changed."))


class InvalidInput(VaultError):
    """A value given by the user cannot be used (too short passphrase, bad parameter...)."""
