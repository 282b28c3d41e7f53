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

Every dialog here starts in the home folder, never in "the last folder used": remembering that
would be a trace of its own (and is exactly what QtProject.conf stores).

Tests replace these functions with monkeypatch (tests/gui/conftest.py, ``FakeDialogs``).
"""

from __future__ import annotations

import os

import shiboken6
from PySide6.QtCore import QCoreApplication, QDir, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from locker.text import clean_line

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


def _run_many(dialog: QFileDialog) -> list[str]:
    """Show ``dialog`` as Qt's own (never the native) dialog; the chosen paths, [] if cancelled."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return list(dialog.selectedFiles())
    finally:
        # Destroy it now (its settings write goes nowhere) rather than at some later time.
        # A quick exit may already have deleted it (closing every dialog of ours).
        if shiboken6.isValid(dialog):
            shiboken6.delete(dialog)


def _run(dialog: QFileDialog) -> str | None:
    files = _run_many(dialog)
    return files[0] if files else None


def _new_dialog(parent: QWidget | None, title: str, filters: str = "") -> QFileDialog:
    keep_qt_settings_off_disk()
    return QFileDialog(parent, title, QDir.homePath(), filters)


def _save_dialog(
    parent: QWidget | None, title: str, suggested_name: str, filters: str, suffix: str
) -> QFileDialog:
    """A save dialog that asks before replacing a file (the export is the user's own file)."""
    dialog = _new_dialog(parent, title, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(_safe_file_name(suggested_name))
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Save here"))
    return dialog


def _safe_file_name(name: str) -> str:
    """A suggested name that stays one file name: no folders, no control characters."""
    name = clean_line(os.path.basename(name.replace("\\", "/")), 200)
    name = name.replace("\ufffd", "_").strip()
    return name if name not in ("", ".", "..") else "evidence"


def choose_new_vault_path(parent: QWidget | None) -> str | None:
    """Ask where to save a new vault. Returns the path, or None if the user cancelled.

    Overwrite is not confirmed here: the caller refuses an existing file with a plain message.
    """
    dialog = _new_dialog(parent, _tr("Where to save the new vault"), _filters())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setDefaultSuffix(VAULT_SUFFIX)
    dialog.selectFile(DEFAULT_VAULT_NAME)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Save here"))
    return _run(dialog)


def choose_vault_to_open(parent: QWidget | None) -> str | None:
    """Ask which vault file to open. Returns the path, or None if the user cancelled."""
    dialog = _new_dialog(parent, _tr("Open a vault"), _filters())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Open"))
    return _run(dialog)


def choose_files_to_add(parent: QWidget | None) -> list[str]:
    """Ask which files to add to the vault (several at once). Returns [] if the user cancelled."""
    dialog = _new_dialog(parent, _tr("Choose the files to add"), _tr("All files (*)"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Add"))
    return _run_many(dialog)


def choose_export_path(parent: QWidget | None, suggested_name: str) -> str | None:
    """Ask where to save an unencrypted copy of an item. None if the user cancelled."""
    dialog = _save_dialog(
        parent, _tr("Where to save the copy"), suggested_name, _tr("All files (*)"), ""
    )
    return _run(dialog)


def choose_pdf_path(parent: QWidget | None, suggested_name: str) -> str | None:
    """Ask where to save a PDF. None if the user cancelled."""
    dialog = _save_dialog(
        parent,
        _tr("Where to save the PDF"),
        suggested_name,
        ";;".join((_tr("PDF documents (*.pdf)"), _tr("All files (*)"))),
        "pdf",
    )
    return _run(dialog)


def choose_bundle_path(parent: QWidget | None, suggested_name: str) -> str | None:
    """Ask where to save an originals bundle (a zip). None if the user cancelled."""
    dialog = _save_dialog(
        parent,
        _tr("Where to save the originals bundle"),
        suggested_name,
        ";;".join((_tr("Zip archives (*.zip)"), _tr("All files (*)"))),
        "zip",
    )
    return _run(dialog)
