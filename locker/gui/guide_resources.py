"""One support line or reporting site in a step of the guide, as a card.

What it is for and who it is for come first, then how to reach it: each phone number or text
line as selectable text with a Copy button, the web address as selectable text with Copy and
"Open in browser…" (through :class:`locker.gui.guide_links.Links`, which shows the one-time
note about browser history). Last, when the facts were checked, and, when that was more than a
year ago, that numbers may have changed.

Everything is plain text that wraps: the words come from a file an advocate can edit.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from locker.gui.guide_links import CopiedNote, Links, copy_and_say
from locker.gui.widgets import WrappingLabel, page_button, plain_tip
from locker.guide.content import Phone, Resource, checked_text, country_name, is_stale


class LineLabel(WrappingLabel):
    """Words that ask for one line when there is room, and wrap only when there is not (a
    word-wrapped QLabel beside a button otherwise asks for a guessed, narrower width, and a
    phone number breaks over three lines with the card half empty). The mouse can select the
    words; the Copy button beside them is the keyboard's way."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 4
        width += margins.left() + margins.right()
        return QSize(width, self.heightForWidth(self.width() if self.width() > 0 else width))


def number_words(phone: Phone) -> str:
    """ "844-878-2274 (844-878-CCRI)", or the number alone."""
    return f"{phone.number} ({phone.label})" if phone.label else phone.number


class ResourceCard(QFrame):
    """``copy_buttons`` by the text each copies (phone numbers, the web address);
    ``open_button`` None when the resource has no website."""

    def __init__(
        self,
        resource: Resource,
        links: Links,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.resource = resource
        self._links = links
        self.copy_buttons: dict[str, QPushButton] = {}
        self.open_button: QPushButton | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("resourceCard")
        self.setAccessibleName(resource.name)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 8, 10, 8)
        self._layout.setSpacing(4)
        name = WrappingLabel(resource.name)
        font = QFont(name.font())
        font.setBold(True)
        name.setFont(font)
        self._layout.addWidget(name)
        self._layout.addWidget(WrappingLabel(resource.purpose))
        if resource.who:
            self._layout.addWidget(WrappingLabel(self.tr("For: {who}").format(who=resource.who)))
        if resource.hours:
            self._layout.addWidget(
                WrappingLabel(self.tr("When: {hours}").format(hours=resource.hours))
            )
        where = country_name(resource.country)
        self._layout.addWidget(WrappingLabel(self.tr("Where: {country}").format(country=where)))
        self.copied_note = CopiedNote()

        for number, kind in self._numbers():
            self._number_row(number, kind)
        if resource.url:
            self._website(resource.url)

        checked = checked_text(resource)
        if is_stale(resource, today):
            checked += " " + self.tr(
                "That was more than a year ago, so a number or address may have changed. "
                "The organisation's own website will have the latest."
            )
        self.checked_label = WrappingLabel(checked)
        self._layout.addWidget(self.checked_label)
        self._layout.addWidget(self.copied_note)

    def focus_chain(self) -> list[QWidget]:
        """The card's buttons in reading order (the page sets the Tab order from this)."""
        chain: list[QWidget] = list(self.copy_buttons.values())
        if self.open_button is not None:
            chain.append(self.open_button)
        return chain

    # --- parts ------------------------------------------------------------------------------------

    def _numbers(self) -> list[tuple[Phone, str]]:
        """Each number once: one both called and texted (988) is one row, "Call or text"."""
        texted = {t.number for t in self.resource.texts}
        called = {p.number for p in self.resource.phones}
        rows: list[tuple[Phone, str]] = []
        for phone in self.resource.phones:
            rows.append((phone, "both" if phone.number in texted else "call"))
        for text in self.resource.texts:
            if text.number not in called:
                rows.append((text, "text"))
        return rows

    def _number_row(self, phone: Phone, kind: str) -> None:
        if phone.number in self.copy_buttons:
            return  # the same number twice in the file: one row is enough
        caption = {
            "call": self.tr("Call: {number}"),
            "text": self.tr("Text: {number}"),
            "both": self.tr("Call or text: {number}"),
        }[kind]
        # The number (and its label, "TTY") in the name: a card with a voice line and a TTY
        # line must not have two buttons a screen reader names alike.
        what = {
            "call": self.tr("Copy the phone number {number} of {name}"),
            "text": self.tr("Copy the text number {number} of {name}"),
            "both": self.tr("Copy the call or text number {number} of {name}"),
        }[kind]
        words = what.format(number=number_words(phone), name=self.resource.name)
        button = self._copy_button(phone.number, words)
        row = QHBoxLayout()  # the button beside the number (the words wrap when narrow)
        row.addWidget(LineLabel(caption.format(number=number_words(phone))))
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        self._layout.addLayout(row)

    def _website(self, url: str) -> None:
        # The address on a line of its own and the buttons under it: a long address then
        # has the card's whole width (it only breaks at its own punctuation).
        self._layout.addWidget(LineLabel(self.tr("Website: {url}").format(url=url)))
        copy = self._copy_button(
            url,
            self.tr("Copy the web address {url} of {name}").format(
                url=url, name=self.resource.name
            ),
        )
        self.open_button = page_button(self.tr("Open in browser…"))
        self.open_button.setAccessibleName(
            self.tr("Open the website of {name} in your browser").format(name=self.resource.name)
        )
        self.open_button.setToolTip(plain_tip(url))
        self.open_button.clicked.connect(lambda: self._links.open(url))
        row = QHBoxLayout()
        row.addWidget(copy)
        row.addWidget(self.open_button)
        row.addStretch(1)
        self._layout.addLayout(row)

    def _copy_button(self, text: str, accessible: str) -> QPushButton:
        button = page_button(self.tr("Copy"))
        button.setAccessibleName(accessible)
        button.setToolTip(plain_tip(accessible))  # the name comes from a file: never markup
        button.clicked.connect(lambda: copy_and_say(text, self.copied_note))
        self.copy_buttons[text] = button
        return button
