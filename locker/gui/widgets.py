"""Small widgets shared by the screens: headings, a message box in the page, a busy row,
passphrase fields, and cleaning of untrusted text before it is shown."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

# Bidirectional overrides and isolates can make a file name read backwards ("gpj.exe").
_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(text: str, limit: int = 300) -> str:
    """Make an untrusted string (a file name, a title) safe to show on one line.

    Control characters and bidi overrides become U+FFFD; very long text is shortened.
    """
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            out.append("\ufffd")
        else:
            out.append(ch)
    cleaned = "".join(out)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


class WrappingLabel(QLabel):
    """A word-wrapped label whose size hint is its height *at its current width*.

    A plain QLabel hints a height for a guessed width (often three or four lines), and layouts
    inside a QStackedWidget use that hint, which leaves one-line text floating in a tall box.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._hinted_height = -1

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        height = self.heightForWidth(self.width())
        if height != self._hinted_height:  # re-layout only when the wrap really changed
            self._hinted_height = height
            self.updateGeometry()


def heading(text: str, scale: float = 1.5) -> QLabel:
    """A page title: larger, bold, wrapping."""
    label = WrappingLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def paragraph(text: str) -> QLabel:
    """Body text that wraps and can be selected with the keyboard or mouse."""
    label = WrappingLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class MessageLabel(WrappingLabel):
    """A calm, visible message inside a page (no pop-up): hidden while it has no text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Fixed light colours, so it reads the same in light and dark themes.
        self.setStyleSheet(
            "QLabel { background: #fdf3e1; color: #3d2c00; border: 1px solid #e2c58f;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class BusyRow(QWidget):
    """An indeterminate progress bar with a sentence saying what is happening."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(120)
        self.label = WrappingLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def stop(self) -> None:
        self.hide()


class PassphraseEdit(QLineEdit):
    """A line edit for a secret: hidden by default, no copying out, no input-method memory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.setMinimumWidth(420)  # a recovery key (44 characters) fits


class ShowTypedCheckBox(QCheckBox):
    """'Show what I type': switches the given fields between hidden and visible text."""

    def __init__(self, text: str, fields: list[QLineEdit], parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._fields = fields
        self.toggled.connect(self._apply)

    def _apply(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in self._fields:
            edit.setEchoMode(mode)
