"""Small widgets shared by the screens: headings, a message box in the page, a busy row,
passphrase fields, and cleaning of untrusted text before it is shown."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QClipboard,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from locker.gui import clipboard
from locker.text import clean_line


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` (a message box too) and wait for the user. Each module that asks imports
    it under this name, so tests replace it there to press a button."""
    return dialog.exec()


def warning_question(
    parent: QWidget | None, title: str, text: str, details: str, go_on: str = ""
) -> QMessageBox:
    """A warning that asks before something is written or shown unprotected. The safe answer
    is what Enter and Esc choose: No (with Yes), or Cancel beside the ``go_on`` button.
    The caller runs it with its own ``run_modal`` and reads :func:`went_on`."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(details)
    if go_on:
        box.go_on = box.addButton(go_on, QMessageBox.ButtonRole.AcceptRole)  # type: ignore[attr-defined]
        cancel = box.addButton(
            QCoreApplication.translate("widgets", "Cancel"), QMessageBox.ButtonRole.RejectRole
        )
        box.setEscapeButton(cancel)
        box.setDefaultButton(cancel)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.go_on = box.button(QMessageBox.StandardButton.Yes)  # type: ignore[attr-defined]
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


def went_on(box: QMessageBox) -> bool:
    """True only if the user pressed Yes / the go-on button of a :func:`warning_question`."""
    return box.clickedButton() is box.go_on  # type: ignore[attr-defined]


# Bidirectional overrides and isolates can make a file name read backwards ("gpj.exe").
def set_checked_quietly(target: QAction | QAbstractButton, on: bool) -> None:
    """Show ``on`` without emitting ``toggled`` (the state changed elsewhere, nobody asks)."""
    if target.isChecked() != on:
        target.blockSignals(True)
        target.setChecked(on)
        target.blockSignals(False)


def clean_text(text: str, limit: int = 300) -> str:
    """Make an untrusted string (a file name, a title) safe to show on one line: control
    characters and bidi overrides become U+FFFD; very long text is shortened. The rule itself is
    the core's (:func:`locker.text.clean_line`), shared with the CLI."""
    return clean_line(text, limit)


def plain_tip(text: str) -> str:
    """``text`` for a tooltip, shown as written. Qt reads a tooltip as rich text when it looks
    like HTML, so a title such as "<b>x</b>" or "<img src=…>" (which loads a file) would be
    drawn as markup: such text is escaped; any other text is left as it is."""
    if text and QtGui.Qt.mightBeRichText(text):
        return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
    return text


class WrappingLabel(QLabel):
    """A word-wrapped label whose size hint is its height *at its current width*. Plain text
    always (never Qt's rich-text guess): what it shows may come from a record.

    A plain QLabel hints a height for a guessed width (often three or four lines), and layouts
    inside a QStackedWidget use that hint, which leaves one-line text floating in a tall box.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
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
    """A page title: larger, bold, wrapping, plain text (it may show a record's title)."""
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
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self.show)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self.hide()

    def start(self, text: str, delay_ms: int = 0) -> None:
        """Show the row; after ``delay_ms`` if given, so a step that is usually instant does
        not make the page flicker."""
        self.label.setText(text)
        if delay_ms > 0:
            self._delay.start(delay_ms)
        else:
            self.show()

    def stop(self) -> None:
        self._delay.stop()
        self.hide()


class PassphraseEdit(QLineEdit):
    """A line edit for a secret: hidden by default, no input-method memory, and nothing of it
    kept after :meth:`wipe`.

    Even with "Show what I type" on, the text cannot be copied, cut or dragged out, and Undo
    and Redo are off: QLineEdit's undo history would otherwise hold every earlier text
    (``clear()`` itself is undoable), for anyone who ticks "Show what I type" and presses Ctrl+Z.
    """

    _BLOCKED_KEYS = (
        QKeySequence.StandardKey.Undo,
        QKeySequence.StandardKey.Redo,
        QKeySequence.StandardKey.Copy,
        QKeySequence.StandardKey.Cut,
    )
    # objectName()s Qt gives the matching entries of its standard context menu.
    _BLOCKED_ACTIONS = frozenset({"edit-undo", "edit-redo", "edit-cut", "edit-copy"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.setDragEnabled(False)
        self.setMinimumWidth(420)  # a recovery key (44 characters) fits

    def wipe(self) -> None:
        """Empty the field *and* its undo history. Use this, never ``clear()``: ``setText``
        resets the history, ``clear()`` records the removed text as an undoable step."""
        clipboard.remember_shown(self.text())
        self.setText("")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if any(event.matches(key) for key in self._BLOCKED_KEYS):
            event.accept()  # swallowed, so no other shortcut fires either
            return
        super().keyPressEvent(event)
        self._keep_off_selection()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        self._keep_off_selection()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def context_menu(self) -> QMenu:
        """Qt's menu without Undo, Redo, Cut and Copy (Paste, Delete, Select All stay)."""
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() in self._BLOCKED_ACTIONS:
                menu.removeAction(action)
        while menu.actions() and menu.actions()[0].isSeparator():
            menu.removeAction(menu.actions()[0])
        return menu

    def _keep_off_selection(self) -> None:
        # With the text shown, X11 puts a mouse or keyboard selection on the Selection
        # clipboard by itself (middle-click pastes it anywhere). Take ours back at once.
        board = QGuiApplication.clipboard()
        if (
            board.supportsSelection()
            and board.ownsSelection()
            and self.hasSelectedText()
            and board.text(QClipboard.Mode.Selection) == self.selectedText()
        ):
            board.clear(QClipboard.Mode.Selection)


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


def page_button(text: str) -> QPushButton:
    """A push button on a page (outside a dialog) that Enter and Return press when it has focus.

    Outside a QDialog, Qt presses a focused button on Enter only if it is "auto default";
    otherwise only Space works, and Enter silently does nothing.
    """
    button = QPushButton(text)
    button.setAutoDefault(True)
    return button
