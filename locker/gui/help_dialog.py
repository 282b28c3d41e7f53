"""Where to get help, before any vault is open: every help line and website the guide knows,
from the start screen's "Where to get help" button (the guide is always one click away, even
for someone who has not made a vault yet, or cannot open theirs).

The resources come from the same file as the guide's (assets/guide/resources.toml, with the
guide's translation of their wording) and are shown as the same cards, grouped by country: the
user's own first when this computer's region is one of them, then the others in the file's
order, and those for anywhere last. Copy works as in the guide (what was copied is emptied from
the clipboard on quick exit). With no vault there is nowhere to remember that the note about
browser history was read, so "Open in browser…" shows it every time.

The dialog is a child of the window, so Quick exit closes it with the window's other dialogs;
it is deleted when it closes, with everything it showed. It is not modal, and it stands under
the window's Quick exit button, never over it: someone may read it for minutes, and the red
button must stay in sight and answer a click all that time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locker.gui.guide_links import Links, ask_before_opening, web_address
from locker.gui.guide_pane import SCROLL_GAP, left_column, reading_width
from locker.gui.guide_resources import ResourceCard
from locker.gui.guide_store import read_guide
from locker.gui.top_bar import QUICK_EXIT_NAME
from locker.gui.widgets import WrappingLabel, heading, paragraph
from locker.guide.content import GuideError, Resource, country_name

ANYWHERE = "WORLD"
GAP = 8  # px between the Quick exit button and the dialog under it


def home_country() -> str:
    """This computer's region as two capital letters ("GB"), or "" when it names none."""
    return QLocale.territoryToCode(QLocale().territory()) or ""


def by_country(resources: Iterable[Resource], home: str = "") -> list[tuple[str, list[Resource]]]:
    """The resources grouped by country: ``home`` first (when some are for it), then the other
    countries in the order they first appear, then those for anywhere."""
    groups: dict[str, list[Resource]] = {}
    for resource in resources:
        groups.setdefault(resource.country, []).append(resource)
    order = sorted(groups, key=lambda code: (code == ANYWHERE, code != home))  # stable
    return [(code, groups[code]) for code in order]


def shipped_resources() -> list[Resource]:
    """The resources the program ships, in the user's language when the guide has it. Raises
    GuideError when the files cannot be read, whatever went wrong (read as the guide page
    reads them: a content file must never stop the program)."""
    guide, problem = read_guide()
    if guide is None:
        raise problem if problem is not None else GuideError([])
    return list(guide.resources.values())


class NoteEveryTime(Links):
    """Opening a website with no vault open: the note about browser history comes every time
    (there is nowhere to remember that it was read)."""

    def open(self, url: str) -> bool:
        address = web_address(url)
        if address is None or not ask_before_opening(self._parent, address.host()):
            return False
        QDesktopServices.openUrl(address)
        return True


class HelpDialog(QDialog):
    """Every resource as a card (``cards``, in the order shown), under a heading per country
    (``headings``: country code → its heading). ``resources`` None: the shipped ones; when they
    cannot be read, ``problem`` says so kindly (and there are no cards)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        resources: Iterable[Resource] | None = None,
        home: str | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Where to get help"))
        self.cards: list[ResourceCard] = []
        self.headings: dict[str, QWidget] = {}
        self.problem: WrappingLabel | None = None
        self.links = NoteEveryTime(self)

        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, SCROLL_GAP, 0)
        layout.setSpacing(8)
        layout.addWidget(heading(self.tr("Where to get help")))
        try:
            found = list(resources) if resources is not None else shipped_resources()
        except GuideError:
            found = []
            self.problem = WrappingLabel(
                self.tr(
                    "The list of help lines and websites could not be read, so it cannot be "
                    "shown right now. Everything else in Evidence Locker works as usual. If you "
                    "are in danger right now, call your local emergency number. Whoever looks "
                    "after this program (an advocate, for example) can check its files with "
                    'the command "locker guide check".'
                )
            )
            layout.addWidget(self.problem)
        if found:
            layout.addWidget(
                paragraph(
                    self.tr(
                        "Help lines and websites, by country. You do not need a vault for any "
                        "of them. Copy a number or an address to use it on a phone, or on a "
                        "computer you feel safe using."
                    )
                )
            )
        chain: list[QWidget] = []
        for code, group in by_country(found, home_country() if home is None else home):
            layout.addSpacing(6)
            title = heading(country_name(code), 1.15)
            self.headings[code] = title
            layout.addWidget(title)
            for resource in group:
                card = ResourceCard(resource, self.links, today)
                self.cards.append(card)
                chain += card.focus_chain()
                layout.addWidget(card)
        layout.addStretch(1)
        column.setMaximumWidth(reading_width(self) + SCROLL_GAP)

        self.list_area = QScrollArea()
        self.list_area.setWidgetResizable(True)
        self.list_area.setFrameShape(QFrame.Shape.NoFrame)
        self.list_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.list_area.setAccessibleName(self.tr("Help lines and websites"))
        self.list_area.setWidget(left_column(column))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        outer = QVBoxLayout(self)
        outer.addWidget(self.list_area, 1)
        outer.addWidget(buttons)
        # Enter outside a button closes (else Qt makes the first Copy the default button, and
        # Enter in the list would copy the first number without a word). Once in the dialog:
        # only then does the dialog learn of it.
        self.close_button.setDefault(True)

        # Tab: the list (it scrolls), each card's buttons in reading order, Close.
        order: list[QWidget] = [self.list_area, *chain, self.close_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.list_area.setFocus()
        self._size_to(parent, outer)

    def _size_to(self, parent: QWidget | None, outer: QVBoxLayout) -> None:
        """As wide as the words need (a readable line), as tall as the window allows under
        its Quick exit button (the button stays in sight)."""
        margins = outer.contentsMargins()
        bar = self.list_area.verticalScrollBar().sizeHint().width()
        width = reading_width(self) + SCROLL_GAP + bar + margins.left() + margins.right()
        height = int(parent.window().height() * 0.9) if parent is not None else 640
        if not self.cards:
            height = 360  # only the message that the list could not be read
        if parent is None:
            self.resize(width, max(height, 360))
            return
        window = parent.window()
        width = min(width, window.width())
        top = window.mapToGlobal(QPoint(0, 0)).y()
        button = window.findChild(QPushButton, QUICK_EXIT_NAME)
        if button is not None and button.isVisible():
            top = button.mapToGlobal(QPoint(0, button.height())).y() + GAP
        bottom = window.mapToGlobal(QPoint(0, window.height())).y()
        height = min(height, max(bottom - top, 360))
        self.resize(width, max(height, 360))
        left = window.mapToGlobal(QPoint((window.width() - width) // 2, 0)).x()
        self.move(left, top)
