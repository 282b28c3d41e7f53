"""The user's settings kept inside the vault (so a shared computer remembers nothing): the
record ``settings/app/prefs`` (FORMAT.md §4), a JSON object. Unknown keys are ignored and a
missing, damaged or out-of-range value falls back to its default, so settings never stop a
survivor from opening their vault."""

from __future__ import annotations

from dataclasses import dataclass

from locker.i18n import _
from locker.vault import Vault
from locker.vault.errors import Damaged, InvalidInput

SETTINGS_TABLE, SETTINGS_ID, SETTINGS_FIELD = "settings", "app", "prefs"
AUTO_LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)  # minutes
DEFAULT_AUTO_LOCK = 5


@dataclass
class Settings:
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK


def load_settings(vault: Vault) -> Settings:
    """The stored settings; defaults for anything missing, unknown or damaged."""
    try:
        obj = vault.get_json(SETTINGS_TABLE, SETTINGS_ID, SETTINGS_FIELD)
    except Damaged:  # reported by verify; the defaults keep the vault usable
        obj = None
    settings = Settings()
    if isinstance(obj, dict):
        minutes = obj.get("auto_lock_minutes")
        if type(minutes) is int and minutes in AUTO_LOCK_CHOICES:
            settings.auto_lock_minutes = minutes
    return settings


def save_settings(vault: Vault, settings: Settings) -> None:
    """Store the settings (one transaction). Not a custody-log action: settings are not
    evidence. Raises InvalidInput for a value the program does not offer."""
    minutes = settings.auto_lock_minutes
    if type(minutes) is not int or minutes not in AUTO_LOCK_CHOICES:
        raise InvalidInput(
            _("Auto-lock can be set to {choices} minutes.").format(
                choices=", ".join(str(c) for c in AUTO_LOCK_CHOICES)
            )
        )
    with vault.transaction():
        vault.put_json(SETTINGS_TABLE, SETTINGS_ID, SETTINGS_FIELD, {"auto_lock_minutes": minutes})
