"""The open vault as one screen of tabs: Evidence, Incidents, Takedowns, Timeline, Journal.

The screen hands the vault to every page and asks a page to read the vault again when its tab is
shown and something changed since it last did (another page saved, evidence was added). Each
page keeps its own unsaved words when another tab is shown; leaving a tab with unsaved changes
asks first. Ctrl+1 … Ctrl+5 go to the tabs.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from locker.gui.reveal import RevealState
from locker.gui.tasks import TaskRunner
from locker.gui.vault_page import VaultPage
from locker.gui.widgets import run_modal
from locker.vault import Vault


class CasePage(Protocol):
    """What every page but Evidence offers (see the issue-4 contract)."""

    def set_vault(self, vault: Vault | None) -> None: ...
    def refresh(self) -> None: ...
    def clear(self) -> None: ...
    def has_unsaved_changes(self) -> bool: ...


class CaseScreen(QTabWidget):
    """``evidence`` (the vault page), ``incidents``, ``takedowns``, ``timeline``, ``journal``."""

    def __init__(
        self, runner: TaskRunner, reveal: RevealState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.vault: Vault | None = None
        self.evidence = VaultPage(runner, reveal)
        self.incidents: QWidget = _page("incidents_page", "IncidentsPage", runner)
        self.takedowns: QWidget = _page("takedowns_page", "TakedownsPage", runner)
        self.timeline: QWidget = _page("timeline_page", "TimelinePage", runner)
        self.journal: QWidget = _page("journal_page", "JournalPage", runner)
        # "&" marks Alt+letter; the letters are not used by the evidence page's own labels
        # (T, W, P, U, A, H, N, S, L) nor by the top bar.
        tabs: list[tuple[QWidget, str, str]] = [
            (self.evidence, self.tr("&Evidence"), self.tr("What you have kept: files and notes")),
            (self.incidents, self.tr("&Incidents"), self.tr("What happened, one event at a time")),
            (self.takedowns, self.tr("Ta&kedowns"), self.tr("Where you asked for removal")),
            (self.timeline, self.tr("Ti&meline"), self.tr("Incidents and evidence in time order")),
            (self.journal, self.tr("&Journal"), self.tr("Private notes, kept apart")),
        ]
        self._stale: set[QWidget] = set()
        self._previous: QWidget | None = None
        self._switching_back = False
        self.shortcuts: list[QShortcut] = []
        for number, (page, text, tip) in enumerate(tabs, start=1):
            index = self.addTab(page, text)
            self.setTabToolTip(index, f"{tip} (Ctrl+{number})")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda i=index: self.setCurrentIndex(i))
            self.shortcuts.append(shortcut)
        self._previous = self.currentWidget()

        for page in self.case_pages():
            changed = getattr(page, "changed", None)
            if changed is not None:
                changed.connect(lambda *_args, source=page: self.mark_stale(source))
        # Evidence added or edited: the other pages show titles and dates of it.
        self.evidence.import_flow.items_added.connect(lambda *_a: self.mark_stale(self.evidence))
        self.evidence.detail.item_changed.connect(lambda *_a: self.mark_stale(self.evidence))
        open_incident = getattr(self.timeline, "open_incident", None)
        if open_incident is not None:
            open_incident.connect(self.show_incident)
        open_item = getattr(self.timeline, "open_item", None)
        if open_item is not None:
            open_item.connect(self.show_item)
        self.currentChanged.connect(self._tab_changed)

    # --- the pages -------------------------------------------------------------------------------

    def pages(self) -> list[QWidget]:
        """Every tab's page, in tab order."""
        return [self.widget(i) for i in range(self.count())]

    def case_pages(self) -> list[QWidget]:
        """The pages other than Evidence (they follow the page contract)."""
        return [p for p in self.pages() if p is not self.evidence]

    def set_vault(self, vault: Vault | None) -> None:
        """Hand the vault to every page (None once locked). The evidence page gets its items
        from the window (they came with the unlock); the current page reads the vault now,
        the others when they are shown."""
        self.vault = vault
        self.evidence.set_vault(vault)
        for page in self.case_pages():
            page.set_vault(vault)  # type: ignore[attr-defined]
        self._stale = set(self.case_pages()) if vault is not None else set()
        self._refresh_if_stale(self.currentWidget())

    def clear(self) -> None:
        """Drop everything decrypted on every page (lock, quick exit): no question asked."""
        self.evidence.clear()
        for page in self.case_pages():
            page.clear()  # type: ignore[attr-defined]
        self._stale.clear()

    def show_evidence(self) -> None:
        """The Evidence tab, without asking about unsaved changes elsewhere (they stay there)."""
        self._go_to(self.evidence, ask=False)

    def mark_stale(self, source: QWidget) -> None:
        """``source`` changed the vault: every other page reads it again when next shown."""
        for page in self.case_pages():
            if page is not source:
                self._stale.add(page)

    # --- going to one thing ------------------------------------------------------------------------

    def show_incident(self, incident_id: str) -> bool:
        """The Incidents tab, with that incident chosen."""
        if not self._go_to(self.incidents):
            return False
        show = getattr(self.incidents, "show_incident", None)
        return bool(show(incident_id)) if show is not None else False

    def show_item(self, item_id: str) -> bool:
        """The Evidence tab, with that item chosen."""
        if not self._go_to(self.evidence):
            return False
        return self.evidence.library.select_item(item_id)

    def _go_to(self, page: QWidget, *, ask: bool = True) -> bool:
        if self.currentWidget() is page:
            return True
        if not ask:
            self._switching_back = True  # no question: the words stay on their page
            try:
                self.setCurrentWidget(page)
            finally:
                self._switching_back = False
            self._previous = page
            self._refresh_if_stale(page)
            return True
        self.setCurrentWidget(page)
        return self.currentWidget() is page

    # --- switching tabs ----------------------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        if self._switching_back:
            return
        left, shown = self._previous, self.currentWidget()
        if left is not None and left is not shown and not self._may_leave(left):
            self._switching_back = True
            try:
                self.setCurrentWidget(left)
            finally:
                self._switching_back = False
            # Keep the focus on the words the user went back to.
            QTimer.singleShot(0, left.setFocus)
            return
        self._previous = shown
        self._refresh_if_stale(shown)

    def _may_leave(self, page: QWidget) -> bool:
        """Unsaved changes on ``page``: its own question if it has one, else a plain one."""
        if self.vault is None:
            return True
        confirm = getattr(page, "confirm_leave", None)
        if confirm is not None:
            return bool(confirm())
        unsaved = getattr(page, "has_unsaved_changes", None)
        if unsaved is None or not unsaved():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("You have changes here that are not saved yet."))
        box.setInformativeText(
            self.tr(
                "They stay on this tab while you look elsewhere, but they are lost when the "
                "vault is locked. Save them first?"
            )
        )
        stay = box.addButton(self.tr("Stay and save"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(self.tr("Go on, keep them unsaved"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        run_modal(box)
        return box.clickedButton() is not stay

    def _refresh_if_stale(self, page: QWidget | None) -> None:
        if page is None or self.vault is None or page not in self._stale:
            return
        self._stale.discard(page)
        page.refresh()  # type: ignore[attr-defined]


def _page(module: str, name: str, runner: TaskRunner) -> QWidget:
    """TEMPORARY while the other pages are being written: the page if its module exists."""
    import importlib

    try:
        cls = getattr(importlib.import_module(f"locker.gui.{module}"), name)
    except (ImportError, AttributeError):
        return _Placeholder()
    page: QWidget = cls(runner)
    return page


class _Placeholder(QWidget):
    """TEMPORARY: stands in for a page not written yet."""

    def set_vault(self, vault: Vault | None) -> None:
        pass

    def refresh(self) -> None:
        pass

    def clear(self) -> None:
        pass

    def has_unsaved_changes(self) -> bool:
        return False
