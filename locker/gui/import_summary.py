"""What is happening and what happened to the user's files: the progress row while adding,
the summary after it, the calm line when all went well, and the honest note shown before
originals are deleted after import.

File names come from the user's disk (or a crafted USB stick): they are cleaned before they are
shown, and only ever shown, never logged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from locker.case.importer import ImportFailure, ImportSummary
from locker.gui.widgets import clean_text, heading, page_button, paragraph

STATUS_SHOWN_MS = 8000  # how long the calm "added" line stays before the row hides again


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("import_summary", text, "", n)


def _count(n: int, one: str, many: str) -> str:
    """A numerus string; English ships no .qm file, hence the explicit singular."""
    return _tr(one) if n == 1 else _tr(many, n)


def added_line(n: int) -> str:
    if n == 0:
        return _tr("No files were added.")
    return _count(n, "1 file was added to the vault.", "%n files were added to the vault.")


def status_line(summary: ImportSummary, removed_originals: bool) -> str:
    """The short, calm line shown (instead of a dialog) when everything went well."""
    n = len(summary.added)
    line = _count(n, "1 item added to the vault.", "%n items added to the vault.")
    if removed_originals and n:
        line += " " + _count(
            n, "The original file was deleted.", "The %n original files were deleted."
        )
    return line


def needs_dialog(summary: ImportSummary) -> bool:
    """True when the user must be told more than "it worked"."""
    return bool(summary.failed or summary.not_removed or summary.cancelled)


def merge(first: ImportSummary | None, second: ImportSummary) -> ImportSummary:
    """One summary for several runs (files added while an import was already running)."""
    if first is None:
        return second
    return ImportSummary(
        added=first.added + second.added,
        failed=first.failed + second.failed,
        not_removed=first.not_removed + second.not_removed,
        cancelled=first.cancelled or second.cancelled,
        skipped=first.skipped + second.skipped,
    )


class ImportSummaryDialog(QDialog):
    """Lists each file that could not be added (and why), each original that could not be
    deleted, and how many were added. Shown with :meth:`open` (never blocks the window)."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Adding files"))
        self.setMinimumWidth(520)
        self.failed_list: QListWidget | None = None
        self.not_removed_list: QListWidget | None = None

        if summary.cancelled:
            title = self.tr("Adding was stopped")
        elif summary.failed:
            title = self.tr("Some files could not be added")
        else:
            title = self.tr("The files were added, but some originals are still there")
        self.title_label = heading(title, 1.2)

        lines = [added_line(len(summary.added))]
        if summary.cancelled:
            lines.append(
                self.tr(
                    "You stopped the adding. Everything added before that is safe in the vault."
                )
            )
            if summary.skipped:
                lines.append(
                    _count(
                        summary.skipped,
                        "1 file was not added because of the stop. You can add it again later.",
                        "%n files were not added because of the stop. You can add them again "
                        "later.",
                    )
                )
        self.text_label = paragraph(" ".join(lines))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        if summary.failed:
            layout.addWidget(
                paragraph(
                    self.tr(
                        "These files could not be added. Nothing of them was written to the "
                        "vault, and the files themselves were not changed:"
                    )
                )
            )
            self.failed_list = _failure_list(summary.failed, self.tr("Files not added"))
            layout.addWidget(self.failed_list, 1)
        if summary.not_removed:
            layout.addWidget(
                paragraph(
                    self.tr(
                        "These files are safe in the vault, but the original file could not be "
                        "deleted. You may want to delete it yourself:"
                    )
                )
            )
            self.not_removed_list = _failure_list(
                summary.not_removed, self.tr("Originals not deleted")
            )
            layout.addWidget(self.not_removed_list, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)

    def failed_entries(self) -> list[tuple[str, str]]:
        """(name, reason) of each file listed as not added, as shown."""
        return _entries(self.failed_list)

    def failed_names(self) -> list[str]:
        return [name for name, _reason in self.failed_entries()]

    def not_removed_names(self) -> list[str]:
        return [name for name, _reason in _entries(self.not_removed_list)]


def _failure_list(failures: list[ImportFailure], label: str) -> QListWidget:
    """One entry per file: its name, and under it the reason, wrapped (never cut off)."""
    view = QListWidget()
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(False)
    view.setSpacing(3)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setAccessibleName(label)
    for failure in failures:
        # The core cleans these already; cleaning again costs nothing and keeps this widget safe
        # whatever calls it.
        name, reason = clean_text(failure.name, 120), clean_text(failure.message, 400)
        entry = QListWidgetItem(f"{name}\n    {reason}")
        entry.setData(Qt.ItemDataRole.UserRole, (name, reason))
        view.addItem(entry)
    return view


def _entries(view: QListWidget | None) -> list[tuple[str, str]]:
    if view is None:
        return []
    return [tuple(view.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(view.count())]


def remove_originals_note(parent: QWidget | None) -> QMessageBox:
    """The honest note shown when "delete the original files after adding" is turned on
    (OK turns it on, Cancel leaves it off). The caller opens it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_tr("Delete the original files?"))
    box.setText(_tr("Delete the original files after adding them?"))
    box.setInformativeText(
        _tr(
            "After each file is safely in the vault, the program deletes the original file. "
            "Copies may still exist in the trash or recycle bin, in backups, in cloud sync "
            "(OneDrive, iCloud, Google Drive, Dropbox) or on the phone it came from; deleting "
            "cannot be undone."
        )
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


class ImportProgressWidget(QFrame):
    """The row at the bottom of the vault page: "Adding 37 of 200 files…", a bar (by bytes)
    and Cancel while adding; a short line when done; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)  # per mille: byte counts overflow a QProgressBar's int
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(260)
        self.bar.setAccessibleName(self.tr("How much has been added"))
        self.cancel_button = page_button(self.tr("Cancel"))  # Enter presses it too
        self.cancel_button.setToolTip(
            self.tr("Stop adding. Files already added stay safely in the vault.")
        )
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.reset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def show_running(self, current: int, total: int, fraction: float, waiting: int) -> None:
        """Cheap enough to call on every progress report: a label, a bar value."""
        if total <= 1:
            text = self.tr("Adding 1 file…")
        else:
            text = self.tr("Adding {current} of {total} files…").format(
                current=min(current, total), total=total
            )
        if waiting:
            text += " " + self.tr("{n} more will follow.").format(n=waiting)
        if self.label.text() != text:
            self.label.setText(text)
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if not self.isVisible() or self.bar.isHidden():
            self._hide_timer.stop()
            self.bar.show()
            self.cancel_button.show()
            self.cancel_button.setEnabled(True)
            self.show()

    def show_stopping(self) -> None:
        self.label.setText(self.tr("Stopping after the current file…"))
        self.cancel_button.setEnabled(False)

    def show_status(self, text: str) -> None:
        """A calm line ("3 items added to the vault.") that goes away by itself."""
        self.bar.hide()
        self.cancel_button.hide()
        self.label.setText(text)
        self.show()
        self._hide_timer.start(STATUS_SHOWN_MS)

    def reset(self) -> None:
        self._hide_timer.stop()
        self.label.setText("")
        self.bar.setValue(0)
        self.hide()
