"""What the detail pane says about an item's file: its facts (names, times, dimensions, camera,
provenance, SHA-256) and, for anything the viewer does not show, a card with its kind and size.

Every string that came from outside (file names, EXIF) is cleaned before it is shown.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt
from PySide6.QtGui import QFontDatabase, QFontMetricsF, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from locker.case import evidence
from locker.case.evidence import EvidenceItem
from locker.gui import library_labels
from locker.gui.widgets import heading
from locker.text import clean_line


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemFacts", text)


def human_size(size: int) -> str:
    """ "1.2 MB (1,234,567 bytes)" in the user's locale."""
    short = library_labels.human_size(size)
    return _tr("{short} ({n} bytes)").format(short=short, n=QLocale().toString(size))


def local_time(iso_utc: str) -> str:
    """A stored UTC time shown in local time, year first ("2026-11-21 08:38")."""
    return library_labels.local_time(iso_utc, 60)


def friendly_type(media_type: str) -> str:
    """The kind of file in plain words."""
    if media_type in library_labels.IMAGE_NAMES:
        return _tr("Picture ({format})").format(format=library_labels.IMAGE_NAMES[media_type])
    if media_type == "application/pdf":
        return _tr("PDF document")
    if media_type.startswith("video/"):
        return _tr("Video")
    if media_type.startswith("audio/"):
        return _tr("Sound recording")
    if media_type == "text/plain":
        return _tr("Text file")
    if media_type == "application/zip":
        return _tr("ZIP archive")
    return _tr("File of a kind this program does not know")


def is_description_only(item: EvidenceItem) -> bool:
    """No file was ever kept (not the same as a file removed later by the minors guard)."""
    return item.provenance == evidence.PROVENANCE_DESCRIPTION_ONLY or (
        not item.blob and not getattr(item, "original_removed", "")
    )


class HashField(QTextEdit):
    """The SHA-256: monospace, selectable, wrapping anywhere, exactly as tall as its text
    (a label cannot wrap a word with no spaces; copying must give the hash, nothing added)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.font().pointSizeF())  # as large as the text around it
        self.setFont(font)
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(0)  # lines up with the labels beside it
        self.setAccessibleName(_tr("SHA-256 fingerprint"))
        self.document().contentsChanged.connect(self.updateGeometry)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        # Monospace: every character is as wide as "0", so the line count is plain arithmetic.
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        pad = 2 * self.document().documentMargin()
        usable = width - margins.left() - margins.right() - pad - 2
        per_line = max(1, int(usable // max(1.0, metrics.horizontalAdvance("0"))))
        lines = max(1, math.ceil(len(self.toPlainText()) / per_line))
        return math.ceil(lines * metrics.lineSpacing() + pad) + margins.top() + margins.bottom() + 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = self.width() if self.width() > 0 else 400
        return QSize(super().sizeHint().width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(80, self.heightForWidth(max(self.width(), 80)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.height() < self.heightForWidth(self.width()):
            self.updateGeometry()


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FactsView(QWidget):
    """What is known about the file: names, times, dimensions, camera, provenance, SHA-256."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hash_field: HashField | None = None
        self.values: dict[str, str] = {}  # caption -> text shown, for tests and screen readers

    def show_item(self, item: EvidenceItem | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)  # deletes the row's widgets too
        self.values = {}
        self.hash_field = None
        if item is None:
            return
        facts: dict[str, Any] = getattr(item, "facts", {}) or {}
        rows: list[tuple[str, str]] = []
        if not is_description_only(item):
            rows.append((self.tr("Type"), friendly_type(item.media_type)))
            rows.append((self.tr("Size"), human_size(item.size)))
        if item.original_name and not is_description_only(item):
            rows.append((self.tr("Original file name"), clean_line(item.original_name, 300)))
        if item.source_modified:
            rows.append((self.tr("File last changed"), local_time(item.source_modified)))
        width, height = facts.get("width"), facts.get("height")
        if isinstance(width, int) and isinstance(height, int):
            rows.append(
                (self.tr("Dimensions"), self.tr("{w} × {h} pixels").format(w=width, h=height))
            )
        if facts.get("taken_at"):
            taken = clean_line(str(facts["taken_at"]), 40)
            if len(taken) >= 10 and taken[4] == ":" and taken[7] == ":":
                taken = taken[:4] + "-" + taken[5:7] + "-" + taken[8:]  # EXIF's "2024:05:01"
            offset = clean_line(str(facts.get("taken_offset", "")), 8)
            if offset:
                taken = self.tr("{when} (UTC offset {offset})").format(when=taken, offset=offset)
            rows.append((self.tr("Date in the picture (EXIF)"), taken))
        if facts.get("camera"):
            rows.append((self.tr("Camera"), clean_line(str(facts["camera"]), 120)))
        rows.append((self.tr("Added to the vault"), local_time(item.added_at)))
        rows.append((self.tr("How it got here"), evidence.provenance_label(item)))
        removed = getattr(item, "original_removed", "")
        if removed:
            rows.append(
                (
                    self.tr("Original removed"),
                    self.tr("The original was removed on {when}.").format(when=local_time(removed)),
                )
            )
        for caption, text in rows:
            self.values[caption] = text
            self.form.addRow(_caption(caption), _value_label(text))
        if item.sha256:
            self.values[self.tr("SHA-256")] = item.sha256
            self.hash_field = HashField()
            self.hash_field.setPlainText(clean_line(item.sha256, 128))
            self.form.addRow(_caption(self.tr("SHA-256")), self.hash_field)


class FileCard(QFrame):
    """For anything the viewer does not show: the kind of file, its size, and what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.kind = heading("", 1.2)
        self.size = _value_label("")
        self.text = _value_label("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(self.size)
        layout.addWidget(self.text)

    def show_item(self, item: EvidenceItem, note: str = "") -> None:
        removed = getattr(item, "original_removed", "")
        if is_description_only(item):
            self.kind.setText(self.tr("A description only"))
            self.size.setText("")
            text = self.tr("No file is kept for this item: only what you wrote about it.")
        else:
            self.kind.setText(friendly_type(item.media_type))
            self.size.setText(human_size(item.size))
            if removed:
                text = self.tr(
                    "The stored file was removed from the vault on {when}. Its SHA-256 "
                    "fingerprint, size and description are kept, so it can still be shown "
                    "which file it was."
                ).format(when=local_time(removed))
            else:
                text = note or self.tr(
                    "This program does not open this kind of file itself. To look at it, "
                    "export a copy and open it with another program."
                )
        self.size.setVisible(bool(self.size.text()))
        self.text.setText(text)
