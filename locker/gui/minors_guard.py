"""The minors guard (PRODUCT.md): before an item is kept as an intimate image, ask whether the
person shown was under 18 when it was made, and if so (or if the user is not sure) say plainly why
keeping the file can be dangerous, offer to keep only a description and the link, and point to
Take It Down and the CyberTipline (facts in RESOURCES.md).

Addresses are shown as text with Copy buttons: the program never opens a browser or the network.
:func:`ask` returns the user's decision; the caller does the saving (and the removal, with
``importer.remove_original``, off the UI thread). Tests replace :func:`run_modal`.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locker.gui.widgets import WrappingLabel, heading, paragraph, run_modal

TAKE_IT_DOWN_URL = "takeitdown.ncmec.org"
CYBERTIP_URL = "report.cybertip.org"
CYBERTIP_PHONE = "1-800-843-5678"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MinorsGuard", text)


class Choice(enum.Enum):
    CANCEL = "cancel"  # go back to the form; nothing is saved
    KEEP_FILE = "keep-file"  # save the intimate flag, keep the file
    DESCRIPTION_ONLY = "description-only"  # save the flag, then remove the stored file


class Age(enum.Enum):
    UNDER_18 = "under-18"
    ADULT = "adult"
    NOT_SURE = "not-sure"


def ask(parent: QWidget | None) -> Choice:
    """The whole guard: the age question, then (if needed) the advice and the confirmation."""
    age = ask_age(parent)
    if age is None:
        return Choice.CANCEL
    if age is Age.ADULT:
        return Choice.KEEP_FILE
    while True:
        advice = AdviceDialog(age, parent)
        run_modal(advice)
        if advice.choice is not Choice.DESCRIPTION_ONLY:
            return advice.choice
        if confirm_removal(parent):
            return Choice.DESCRIPTION_ONLY
        # "Go back": show the advice again, so nothing is removed by a slip.


def ask_age(parent: QWidget | None) -> Age | None:
    """Was the person shown under 18 when this was made? None if the user went back."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Before marking this as intimate"))
    box.setText(_tr("Was the person shown under 18 when this was made?"))
    box.setInformativeText(
        _tr(
            "This question matters for your safety. Your answer is not stored anywhere; it only "
            "decides what this program tells you next."
        )
    )
    yes = box.addButton(_tr("Yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_tr("No"), QMessageBox.ButtonRole.NoRole)
    unsure = box.addButton(_tr("I'm not sure"), QMessageBox.ButtonRole.ActionRole)
    back = box.addButton(_tr("Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(back)
    box.setDefaultButton(unsure)
    run_modal(box)
    clicked = box.clickedButton()
    answer = {id(yes): Age.UNDER_18, id(no): Age.ADULT, id(unsure): Age.NOT_SURE}
    return answer.get(id(clicked)) if clicked is not None else None


def confirm_removal(parent: QWidget | None) -> bool:
    """A clear last check before the stored file is removed for good."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Remove the stored file"))
    box.setText(_tr("Remove the stored file from the vault for good?"))
    box.setInformativeText(
        _tr(
            "The picture itself will be deleted from the vault and cannot be brought back. "
            "The item stays, with its SHA-256 fingerprint, size, description, link and notes, "
            "and the custody log records that the file was removed.\n\n"
            "Copies somewhere else (on a phone, in a Downloads folder, in a cloud backup) are "
            "not touched by this."
        )
    )
    remove = box.addButton(_tr("Remove the file"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(_tr("Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(back)
    box.setDefaultButton(back)
    run_modal(box)
    return box.clickedButton() is remove


class CopyRow(QWidget):
    """A piece of contact text with a Copy button (no link: nothing opens a browser)."""

    def __init__(self, caption: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.label = QLabel(f"{caption} {text}")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy {text}").format(text=text))
        self.copy_button.clicked.connect(self.copy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.copy_button)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.copy_button.setText(self.tr("Copied"))


class AdviceDialog(QDialog):
    """Why keeping the file can be dangerous, what we recommend, and where to get it removed."""

    def __init__(
        self, age: Age, parent: QWidget | None = None, *, before_adding: bool = False
    ) -> None:
        """``before_adding``: asked before files are added (nothing is stored yet), rather
        than about an item already in the vault."""
        super().__init__(parent)
        self.choice = Choice.CANCEL
        self.setWindowTitle(self.tr("Before you keep this file"))
        self.setModal(True)

        if age is Age.UNDER_18:
            opening = self.tr("Thank you for telling us. None of this is your fault.")
            danger = self.tr(
                "The law can treat an intimate image of someone who was under 18 when it was "
                "made as child sexual abuse material. That can be so even when you are the "
                "person in it, and even when you only want to keep it as evidence. Keeping a "
                "copy, even in this locked vault, could put you at risk."
            )
        else:
            opening = self.tr(
                "It is all right not to be sure. None of this is your fault, and you can take "
                "your time."
            )
            danger = self.tr(
                "If there is a chance the person shown was under 18 when it was made, the same "
                "caution applies: the law can treat such an image as child sexual abuse "
                "material, even when you are the person in it and only want to keep evidence. "
                "Keeping only a description and the link is the safer choice."
            )
        if before_adding:
            recommend = self.tr(
                "What we recommend: do not add the image itself. Add only a description of what "
                "it shows and the link where it was shared."
            )
        else:
            recommend = self.tr(
                "What we recommend: keep only a description of what it shows and the link where "
                "it was shared. The SHA-256 fingerprint taken when the file was added stays with "
                "the item, so it can still be shown which file it was."
            )
        take_it_down = self.tr(
            "Take It Down, from NCMEC (the National Center for Missing & Exploited Children), "
            "helps remove intimate images that were made before the person was 18, even if they "
            "are an adult now. You can use it without giving your name. It works from a "
            "fingerprint (hash) made on your own phone or computer, so the image itself is not "
            "sent. Do not download or share the image in order to use it."
        )
        cybertip = self.tr(
            "If you do not have the image, or want to report what happened, use NCMEC's "
            "CyberTipline."
        )
        no_browser = self.tr(
            "This program does not open web pages. Copy an address into a browser when you are "
            "ready; remember that a browser keeps a history of the pages you visit. This is "
            "information, not legal advice: an advocate or attorney can help."
        )

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(heading(self.tr("Before you keep this file"), 1.2))
        for text in (opening, danger, recommend):
            body_layout.addWidget(paragraph(text))
        body_layout.addWidget(heading(self.tr("Help to get it taken down"), 1.05))
        body_layout.addWidget(paragraph(take_it_down))
        self.take_it_down_row = CopyRow(self.tr("Take It Down:"), TAKE_IT_DOWN_URL)
        body_layout.addWidget(self.take_it_down_row)
        body_layout.addWidget(paragraph(cybertip))
        self.cybertip_row = CopyRow(self.tr("CyberTipline:"), CYBERTIP_URL)
        self.cybertip_phone_row = CopyRow(self.tr("CyberTipline phone:"), CYBERTIP_PHONE)
        body_layout.addWidget(self.cybertip_row)
        body_layout.addWidget(self.cybertip_phone_row)
        note = WrappingLabel(no_browser)
        note.setTextFormat(Qt.TextFormat.PlainText)
        body_layout.addWidget(note)
        body_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        if before_adding:
            self.description_only_button = QPushButton(
                self.tr("Add only a description and the link")
            )
            self.keep_button = QPushButton(self.tr("Add the files anyway"))
        else:
            self.description_only_button = QPushButton(
                self.tr("Keep only a description and the link")
            )
            self.keep_button = QPushButton(self.tr("Keep the file for now"))
        self.description_only_button.setAutoDefault(True)
        self.description_only_button.setDefault(True)
        self.keep_button.setAutoDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.description_only_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.description_only_button.clicked.connect(lambda: self._choose(Choice.DESCRIPTION_ONLY))
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_FILE))

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        """Esc or closing the window: go back to the form, nothing saved."""
        self.choice = Choice.CANCEL
        super().reject()
