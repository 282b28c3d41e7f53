"""The user's settings kept inside the vault (so a shared computer remembers nothing): the
record ``settings/app/prefs`` (FORMAT.md §4), a JSON object. Unknown keys are ignored and a
missing, damaged or out-of-range value falls back to its default, so settings never stop a
survivor from opening their vault."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from locker.i18n import _
from locker.vault import Vault
from locker.vault.errors import Damaged, InvalidInput, VaultError

SETTINGS_TABLE, SETTINGS_ID, SETTINGS_FIELD = "settings", "app", "prefs"
AUTO_LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)  # minutes
DEFAULT_AUTO_LOCK = 5
PAPER_CHOICES = ("letter", "a4")  # the printable summary's paper (locker.report.context.PAPERS)
DEFAULT_PAPER = "letter"


@dataclass
class Settings:
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK
    report_paper: str = DEFAULT_PAPER  # the paper the last summary was made on


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
        paper = obj.get("report_paper")
        if type(paper) is str and paper in PAPER_CHOICES:
            settings.report_paper = paper
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
    paper = settings.report_paper
    if type(paper) is not str or paper not in PAPER_CHOICES:
        raise InvalidInput(_("The summary can be printed on Letter or A4 paper."))
    obj: dict[str, Any] = {"auto_lock_minutes": minutes}
    if paper != DEFAULT_PAPER:  # (a vault never set to A4 keeps the record it always had)
        obj["report_paper"] = paper
    with vault.transaction():
        vault.put_json(SETTINGS_TABLE, SETTINGS_ID, SETTINGS_FIELD, obj)


def remember_report_paper(vault: Vault, paper: str) -> None:
    """Keep the paper a summary is made on, for the next one (in the vault, never on the
    computer). Never stops the summary: a value not offered or a failure changes nothing."""
    try:
        settings = load_settings(vault)
        if settings.report_paper != paper:
            save_settings(vault, replace(settings, report_paper=paper))
    except VaultError:
        pass
