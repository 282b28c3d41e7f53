"""Choosing a vault file without leaving a trace of where it is (PRODUCT.md principle 2).

Two leaks are closed here, and tests/gui/test_filedialogs.py checks them:

- GTK's native dialog adds every chosen file to ``recently-used.xbel``. We always use Qt's own
  dialog (``DontUseNativeDialog``).
- Qt's own dialog, when it is destroyed, saves its history and the last folder visited into the
  user's ``QtProject.conf`` (QFileDialogPrivate::saveSettings, shared by every Qt program). No
  option turns that off, so before any dialog exists we point Qt's user-scope settings at a
  path that cannot be created; the write then fails quietly and nothing reaches the disk.
  This program keeps no QSettings of its own, so nothing else is lost.
  (On Windows and macOS Qt's native settings store is the registry / CFPreferences, which
  ``QSettings.setPath`` does not move; revisit before shipping there.)

Tests replace :func:`choose_new_vault_path` and :func:`choose_vault_to_open` with monkeypatch.
"""

from __future__ import annotations

import os

import shiboken6
from PySide6.QtCore import QCoreApplication, QDir, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

VAULT_SUFFIX = "evl"
DEFAULT_VAULT_NAME = "evidence." + VAULT_SUFFIX
# A child of /dev/null can never be created, so QSettings' write fails without a message.
NOWHERE = os.path.join(os.devnull, "evidence-locker-keeps-no-settings")


def _tr(text: str) -> str:
    return QCoreApplication.translate("filedialogs", text)


def keep_qt_settings_off_disk() -> None:
    """Send Qt's user-scope settings (the file dialog's history) nowhere. Idempotent."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, NOWHERE)


def _filters() -> str:
    return ";;".join(
        (
            _tr("Evidence Locker vaults (*.{suffix})").format(suffix=VAULT_SUFFIX),
            _tr("All files (*)"),
        )
    )


def _run(dialog: QFileDialog) -> str | None:
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return files[0] if files else None
    finally:
        # Destroy it now (its settings write goes nowhere) rather than at some later time.
        shiboken6.delete(dialog)


def choose_new_vault_path(parent: QWidget | None) -> str | None:
    """Ask where to save a new vault. Returns the path, or None if the user cancelled.

    Overwrite is not confirmed here: the caller refuses an existing file with a plain message.
    """
    keep_qt_settings_off_disk()
    dialog = QFileDialog(parent, _tr("Where to save the new vault"), QDir.homePath(), _filters())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setDefaultSuffix(VAULT_SUFFIX)
    dialog.selectFile(DEFAULT_VAULT_NAME)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Save here"))
    return _run(dialog)


def choose_vault_to_open(parent: QWidget | None) -> str | None:
    """Ask which vault file to open. Returns the path, or None if the user cancelled."""
    keep_qt_settings_off_disk()
    dialog = QFileDialog(parent, _tr("Open a vault"), QDir.homePath(), _filters())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Open"))
    return _run(dialog)
