"""Copying a resource's phone number or address, and opening its website in the browser.

The program never touches the network itself: a link is handed to the user's browser with
:meth:`QDesktopServices.openUrl`, and only after a one-time note that the browser keeps its own
history (anyone who can use this computer may see it) and that copying the address to use on a
safer device is an option. Whether the note was seen is kept in the vault, with the rest of the
guide's progress, so it is shown once per vault (the page saves it; see
:mod:`locker.gui.guide_page`).

What is copied is noted by :mod:`locker.gui.clipboard`, so
:func:`locker.gui.clipboard.clear_if_ours` empties the clipboard when the vault is locked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from locker.gui import clipboard
from locker.gui.editor_pane import ask
from locker.gui.widgets import WrappingLabel, run_modal
from locker.guide.validate import safe_web_address

COPIED_MS = 4000  # how long the "Copied" note stays


def _tr(text: str) -> str:
    return QCoreApplication.translate("guide_links", text)


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard, and have it emptied when the vault is locked: a helpline's
    number left there says what the user was looking for. (Remembered as well as owned: not
    every platform says reliably whose text the clipboard holds.)"""
    clipboard.remember_shown(text)
    QGuiApplication.clipboard().setText(text)


def web_address(url: str) -> QUrl | None:
    """``url`` as a QUrl, if it is a well-formed, plain https address (the core checks the
    files; this is the last look before anything is handed to the browser), else None."""
    if safe_web_address(url) is None:  # the core's rules for the files, once more
        return None
    # Read again by Qt's own parser (the one the browser hand-off uses): an address the two
    # parsers read differently must not slip through on urllib's reading alone.
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    if not parsed.isValid() or parsed.scheme() != "https" or not parsed.host():
        return None
    if parsed.userInfo() or not parsed.host().isascii():
        return None
    return parsed


class CopiedNote(WrappingLabel):
    """A short note under what was copied ("Copied: 844-878-2274"), gone after a few seconds.
    Hidden while it says nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.say(""))
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        if text:
            self._timer.start(COPIED_MS)
            self._announce(text)

    def _announce(self, text: str) -> None:
        """Have a screen reader say it: the focus stays on the Copy button, so a label that
        appears elsewhere is otherwise never read. (Qt 6.8 has the announcement; where it is
        missing or fails, the note is still shown and described.)"""
        from PySide6 import QtGui

        event_class = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
        if event_class is None or not QtGui.QAccessible.isActive():
            return
        try:
            QtGui.QAccessible.updateAccessibility(event_class(self, text))
        except Exception:  # noqa: BLE001 - a missed announcement must never stop the copy
            return


def copy_and_say(text: str, note: CopiedNote) -> None:
    """Copy ``text`` and say so under it for a few seconds."""
    copy_text(text)
    note.say(_tr("Copied: {text}. You can paste it where you need it.").format(text=text))


class Links(QObject):
    """Opening the resource cards' websites, for one page.

    ``note_seen``: the browser note was already answered with "Open in browser" for this
    vault (the page sets it from the saved progress). ``on_note_seen()`` runs when it is
    answered so for the first time, before the browser is asked (the page saves it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.note_seen = False
        self.on_note_seen: Callable[[], None] = lambda: None

    def open(self, url: str) -> bool:
        """Hand ``url`` to the browser, after the note the first time. True if it was handed
        over (False: the user chose Cancel, or the address is not a plain https address)."""
        address = web_address(url)
        if address is None:
            return False
        if not self.note_seen:
            if not self._ask(address.host()):
                return False  # asked again next time
            self.note_seen = True
            self.on_note_seen()
        QDesktopServices.openUrl(address)
        return True

    def _ask(self, site: str) -> bool:
        return ask_before_opening(
            self._parent,
            site,
            _tr(
                "You will not see this note again for this vault after you choose Open in browser."
            ),
        )


def ask_before_opening(parent: QWidget, site: str, last: str = "") -> bool:
    """The note about browser history before ``site`` (a host name, shown as plain text) is
    opened; ``last``: a closing sentence (whether the note comes back). True: open it."""
    words = _tr(
        "Your browser keeps its own history of the pages you visit, apart from this "
        "program. Anyone who can use this computer may be able to see that you opened "
        "this page.\n\n"
        "If that worries you, choose Cancel and use the Copy button instead: you can "
        "open the address later on a phone or computer you feel safer using."
    )
    return ask(
        parent,
        _tr("Your web browser will keep a record of this page (website: {site})").format(site=site),
        words + ("\n\n" + last if last else ""),
        (_tr("Open in browser"), _tr("Cancel")),
        default_yes=False,
        title=_tr("Before you open the website"),
        run=lambda box: run_modal(box),  # looked up when asked (tests stand in for it)
    )
