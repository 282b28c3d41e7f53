"""Pasting (Ctrl+V): what is on the clipboard, turning a picture into PNG bytes in memory, and
the small dialog for an item that is only a description (used for a pasted web address too).

Reading the clipboard happens on the UI thread (QClipboard is not thread-safe); encoding the
picture happens in the worker (QImage may be used off the UI thread). Nothing touches the disk.
"""

from __future__ import annotations

import os
import re
import sys
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from locker.gui.widgets import paragraph
from locker.vault import InvalidInput

# A web address on its own: "https://…", "http://…" or "www.…", one line, no spaces.
_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
URL_LIMIT = 4000  # longer than any real address; a pasted novel is not a link


def _tr(text: str) -> str:
    return QCoreApplication.translate("paste", text)


@dataclass
class Clip:
    """What the clipboard holds, as far as adding evidence goes."""

    kind: str  # "files", "image", "link" or "nothing"
    paths: list[str] = field(default_factory=list)
    image: QImage | None = None
    url: str = ""


def local_file(url: QUrl) -> str:
    """The path of a ``file:`` URL from a file manager ("" if it is not a local file).

    On Linux and macOS a file name is bytes, and a name that is not UTF-8 arrives
    percent-encoded byte by byte ("caf%E9.png"). ``QUrl.toLocalFile()`` decodes it as UTF-8 and
    turns such a byte into U+FFFD, naming a file that does not exist; here the bytes are kept
    (as Python's surrogate escapes, which ``open`` turns back into the same bytes)."""
    if not url.isLocalFile():
        return ""
    path = url.toLocalFile()
    if os.name != "posix" or not path or url.host():
        return path
    encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    return os.fsdecode(urllib.parse.unquote_to_bytes(encoded)) or path


def local_files(urls: list[QUrl]) -> list[str]:
    """The local files among ``urls`` (see :func:`local_file`), in order."""
    return [path for path in map(local_file, urls) if path]


def read_clipboard() -> Clip:
    """Look at the system clipboard (UI thread only)."""
    return classify(QGuiApplication.clipboard().mimeData())


def classify(mime: QMimeData | None) -> Clip:
    """Local files first (a file manager's copy may also carry an icon picture), then a
    picture, then a web address; anything else is "nothing" we can add."""
    if mime is None:
        return Clip("nothing")
    if mime.hasUrls():
        urls = mime.urls()
        paths = local_files(urls)
        if paths and len(paths) == len(urls):
            return Clip("files", paths=paths)
    if mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            return Clip("image", image=image)
    if mime.hasUrls():
        for url in mime.urls():
            text = url.toString()
            if url.scheme() in ("http", "https") and len(text) <= URL_LIMIT:
                return Clip("link", url=text)
    if mime.hasText():
        text = mime.text().strip()
        if len(text) <= URL_LIMIT and _WEB_ADDRESS.match(text):
            return Clip("link", url=text)
    return Clip("nothing")


def png_bytes(image: QImage) -> bytes:
    """The picture as PNG, encoded in memory (safe on a worker thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")
    buffer.close()
    if not ok or data.isEmpty():
        # A VaultError, so the user sees this sentence and not "something unexpected".
        raise InvalidInput(_tr("The picture could not be read. Nothing was added."))
    return bytes(data.data())


def local_stamp(when: datetime | None = None) -> str:
    """Local time for a file name: 2026-11-21 14-03-22 (no colons: names travel to Windows)."""
    return (when or datetime.now()).strftime("%Y-%m-%d %H-%M-%S")


def pasted_name(when: datetime | None = None) -> str:
    return _tr("Pasted image {when}.png").format(when=local_stamp(when))


def paste_help() -> str:
    """The kind note shown when there is nothing on the clipboard we can add."""
    paste = QKeySequence(QKeySequence.StandardKey.Paste).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    if sys.platform == "darwin":
        how = _tr(
            "On a Mac, press Cmd+Ctrl+Shift+4 and drag over what you want to keep; "
            "the picture goes straight to the clipboard."
        )
    elif sys.platform.startswith("win"):
        how = _tr(
            "On Windows, press PrtScn for the whole screen, or Win+Shift+S to choose a part of it."
        )
    else:
        how = _tr("On Linux, press PrtScn (some desktops then ask where the picture should go).")
    return " ".join(
        (
            _tr("There is no picture to paste right now."),
            _tr("To keep a screenshot, take it first:"),
            how,
            _tr("Then come back here and press {paste}.").format(paste=paste),
            _tr('You can also use "Capture screen", or add a saved file with "Add files".'),
        )
    )


class DescriptionDialog(QDialog):
    """An item without a file: what it shows, where it was (link, platform, account).

    For evidence that cannot be saved as a file, or that should not be kept (see the minors
    guard), and for a web address pasted from the clipboard (pre-filled).
    """

    def __init__(self, parent: QWidget | None = None, *, url: str = "", intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a description only"))
        self.setMinimumWidth(480)
        self.intro_label = paragraph(
            intro
            or self.tr(
                "Keep a record of something you saw without storing a file: say what it shows "
                "and where it was. You can fill in more later."
            )
        )
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("For example: Post on a forum"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(80)
        self.url_edit = QLineEdit(url)
        self.url_edit.setPlaceholderText(self.tr("https://…"))
        self.platform_edit = QLineEdit()
        self.account_edit = QLineEdit()

        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("What it shows:"), self.description_edit)
        form.addRow(self.tr("Link (full web address):"), self.url_edit)
        form.addRow(self.tr("Website or app:"), self.platform_edit)
        form.addRow(self.tr("Account or user name:"), self.account_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add to the vault"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._update_ok)
        self._update_ok()

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title_edit.setFocus()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.title_edit.text().strip()))

    def values(self) -> dict[str, str]:
        """The fields, trimmed, as keyword arguments for ``importer.add_description_only``."""
        return {
            "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "url": self.url_edit.text().strip(),
            "platform": self.platform_edit.text().strip(),
            "account": self.account_edit.text().strip(),
        }
