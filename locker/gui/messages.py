"""What the GUI says when the core refuses something: the core's sentence, plus a next step
where the core's sentence alone would leave a frightened person with nowhere to go."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from locker.vault import Damaged, KeySlotDamaged, VaultError
from locker.vault.keyslots import PASSPHRASE_SLOT


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def describe(err: VaultError) -> str:
    """The sentence to show for ``err``."""
    if isinstance(err, Damaged):
        return damaged(err)
    return err.message


def damaged(err: Damaged) -> str:
    """A damaged vault: say that nothing was changed, what to try, and (last, for whoever
    helps) which part could not be read."""
    if isinstance(err, KeySlotDamaged) and err.slot == PASSPHRASE_SLOT:
        # The recovery key has its own slot: that is the way in, before any backup.
        next_step = _tr(
            'Nothing was changed. Your recovery key can still open it: tick "I forgot my '
            'passphrase: use my recovery key instead". A backup copy of the vault, if you '
            "have one, opens too."
        )
    else:
        next_step = _tr(
            "Nothing was changed. If you have a backup copy of the vault, try opening that one."
        )
    if err.explained:
        # The core wrote a sentence for this case (a cut-off copy, a refused cost): keep it.
        return f"{err.message} {next_step}"
    return " ".join(
        (
            _tr("This vault could not be opened because part of the file is damaged."),
            next_step,
            _tr("The part that could not be read: {part}.").format(part=err.part),
        )
    )


def wrong_recovery_key() -> str:
    """A well-formed recovery key (its check letters match) that does not open this vault."""
    return _tr(
        "That recovery key does not open this vault. Please check each group of four against "
        "your paper. Each recovery key opens only the vault it was made with, so if you have "
        "more than one vault file, this key may belong to another one."
    )
