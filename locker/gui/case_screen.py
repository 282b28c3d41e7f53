"""The open vault as one screen of tabs: Guide, Evidence, Incidents, Takedowns, Timeline, Journal,
Summary.

The screen hands the vault to every page and asks a page to read the vault again when its tab is
shown and something changed since it last did (another page saved, evidence was added). Each
page keeps its own unsaved words when another tab is shown; leaving a tab with unsaved changes
asks first (the guide never asks: its notes save themselves). Ctrl+1 … Ctrl+7 go to the tabs.

A guide action that takes the user to another tab ("Add a screenshot…" → Evidence) leaves a
"← Back to the guide" button beside the tabs, so the way back to where they were reading is
plain to see (not only the small Guide tab); it goes once the guide is shown again, or on lock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QWidget

from locker.gui.guide_page import GuidePage
from locker.gui.incidents_page import IncidentsPage
from locker.gui.journal_page import JournalPage
from locker.gui.report_page import ReportPage
from locker.gui.reveal import RevealState
from locker.gui.takedowns_page import TakedownsPage
from locker.gui.tasks import TaskRunner
from locker.gui.timeline_page import TimelinePage
from locker.gui.vault_page import VaultPage
from locker.gui.widgets import page_button
from locker.vault import Vault


class CaseScreen(QTabWidget):
    """``guide``, ``evidence`` (the vault page), ``incidents``, ``takedowns``, ``timeline``,
    ``journal``, ``report`` (the printable summary); ``back_to_guide``: the button beside the
    tabs after a guide action."""

    def __init__(
        self, runner: TaskRunner, reveal: RevealState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.vault: Vault | None = None
        self.guide = GuidePage(runner)
        self.evidence = VaultPage(runner, reveal)
        self.incidents = IncidentsPage(runner)
        self.takedowns = TakedownsPage(runner)
        self.timeline = TimelinePage(runner)
        self.journal = JournalPage(runner)
        self.report = ReportPage(runner)
        # "&" marks Alt+letter. The tab bar is always shown, so its letters must not be used by
        # a label on any page: G, E, I, K and J are free. Every letter of "Timeline" is taken
        # (By &month, &Lock automatically, &Notes, …): that tab has Ctrl+5 only.
        tabs: list[tuple[QWidget, str, str]] = [
            (
                self.guide,
                self.tr("&Guide"),
                self.tr("What to do if your image is shared, step by step"),
            ),
            (self.evidence, self.tr("&Evidence"), self.tr("What you have kept: files and notes")),
            (self.incidents, self.tr("&Incidents"), self.tr("What happened, one event at a time")),
            (self.takedowns, self.tr("Ta&kedowns"), self.tr("Where you asked for removal")),
            (self.timeline, self.tr("Timeline"), self.tr("Incidents and evidence in time order")),
            (self.journal, self.tr("&Journal"), self.tr("Private notes, kept apart")),
            (self.report, self.tr("Summary"), self.tr("The printable summary: print or save it")),
        ]
        self._stale: set[QWidget] = set()  # pages to read the vault again when shown
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

        for source in (self.incidents, self.takedowns, self.journal):
            source.changed.connect(lambda source=source: self.mark_stale(source))
        # Evidence added or edited: the other pages show its titles and dates.
        self.evidence.import_flow.items_added.connect(lambda _items: self.mark_stale(self.evidence))
        self.evidence.detail.item_changed.connect(lambda _item: self.mark_stale(self.evidence))
        self.evidence.detail.incidents.changed.connect(lambda: self.mark_stale(self.evidence))
        self.timeline.open_incident.connect(self.show_incident)
        self.timeline.open_item.connect(self.show_item)
        self.currentChanged.connect(self._tab_changed)
        self._build_back_to_guide()

    def _build_back_to_guide(self) -> None:
        self.back_to_guide = page_button(self.tr("← Back to the guide"))
        self.back_to_guide.setAccessibleName(self.tr("Back to the guide"))
        self.back_to_guide.clicked.connect(self._back_to_guide_clicked)
        self.back_to_guide.hide()
        corner = QWidget()  # a little room around the button, at the tabs' right end
        row = QHBoxLayout(corner)
        row.setContentsMargins(4, 2, 8, 2)
        row.addWidget(self.back_to_guide)
        self.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        # After _tab_changed: a tab change it turns back never counts as the guide shown.
        self.currentChanged.connect(self._hide_back_on_guide)

    # --- the pages -------------------------------------------------------------------------------

    def pages(self) -> list[QWidget]:
        """Every tab's page, in tab order."""
        return [self.widget(i) for i in range(self.count())]

    def case_pages(
        self,
    ) -> list[GuidePage | IncidentsPage | TakedownsPage | TimelinePage | JournalPage | ReportPage]:
        """The pages other than Evidence (they follow the page contract of issue 4: set_vault,
        refresh, clear, has_unsaved_changes)."""
        return [
            self.guide,
            self.incidents,
            self.takedowns,
            self.timeline,
            self.journal,
            self.report,
        ]

    def set_vault(self, vault: Vault | None) -> None:
        """Hand the vault to every page (None once locked). The evidence page gets its items
        from the window (they came with the unlock); the current page reads the vault now,
        the others when they are shown."""
        self.vault = vault
        if vault is None:
            self.back_to_guide.hide()
        self.evidence.set_vault(vault)
        for page in self.case_pages():
            page.set_vault(vault)
        # (The guide reads its progress as soon as it has the vault: it is never stale.)
        readers = [page for page in self.case_pages() if page is not self.guide]
        self._stale = set(readers) if vault is not None else set()
        self._refresh_if_stale(self.currentWidget())

    def open_vault(self, vault: Vault, *, guide: bool = False) -> None:
        """A vault just opened: on its evidence, or with ``guide`` on the guide's first step
        (a new vault). Unsaved words from before cannot exist: nothing is asked."""
        if guide:
            self.show_guide()
        else:
            self.show_evidence()
        self.set_vault(vault)
        if guide:
            self.guide.start_at_beginning()  # once its progress is read

    def clear(self) -> None:
        """Drop everything decrypted on every page (lock, quick exit): no question asked."""
        self.evidence.clear()
        for page in self.case_pages():
            page.clear()
        self._stale.clear()
        self.back_to_guide.hide()

    def show_guide(self) -> None:
        """The Guide tab, without asking about unsaved changes elsewhere (they stay there)."""
        self._go_to(self.guide, ask=False)

    def show_evidence(self) -> None:
        """The Evidence tab, without asking about unsaved changes elsewhere (they stay there)."""
        self._go_to(self.evidence, ask=False)

    def mark_stale(self, source: QWidget) -> None:
        """``source`` changed the vault: every other page reads it again when next shown (the
        one showing now, at once: a save that finished after the user moved on)."""
        if self.vault is None:
            return
        # Not the guide: only the guide itself writes its progress, and reading it again
        # would only risk the words of a note being typed.
        self._stale.update(page for page in self.pages() if page not in (source, self.guide))
        self._refresh_if_stale(self.currentWidget())

    # --- going to one thing ------------------------------------------------------------------------

    def show_tab(self, page: QWidget) -> bool:
        """That tab, through the normal tab change: unsaved words on the tab shown are asked
        about first. False if the user stays there for now."""
        return self._go_to(page)

    def show_from_guide(self, page: QWidget) -> bool:
        """That tab, as :meth:`show_tab`, for a guide action: the tab then offers the way back
        to the guide ("← Back to the guide", at the step the user was on)."""
        if not self._go_to(page):
            return False
        if page is not self.guide:
            self._offer_back_to_guide()
        return True

    def show_incident(self, incident_id: str) -> bool:
        """The Incidents tab, with that incident chosen."""
        if not self._go_to(self.incidents):
            return False
        self.incidents.show_incident(incident_id)  # chosen now, or once the list is read
        return True

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

    # --- the way back to the guide -------------------------------------------------------------------

    def _offer_back_to_guide(self) -> None:
        view, guide = self.guide.step_view, self.guide.guide
        tip = self.tr("Back to the guide (Ctrl+1)")
        if view is not None and guide is not None:
            tip = self.tr("Back to step {number} of the guide, {title} (Ctrl+1)").format(
                number=guide.index(view.step.id) + 1, title=view.step.title
            )
        self.back_to_guide.setToolTip(tip)
        self.back_to_guide.setAccessibleDescription(tip)
        self.back_to_guide.show()

    def _back_to_guide_clicked(self) -> None:
        self.show_tab(self.guide)  # as its tab would; the guide keeps the step it was on
        if self.currentWidget() is self.guide:
            self.guide.step_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide_back_on_guide(self, _index: int) -> None:
        if self.currentWidget() is self.guide:
            self.back_to_guide.hide()

    # --- switching tabs ----------------------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        if self._switching_back:
            return
        left, shown = self._previous, self.currentWidget()
        if left is not None and left is not shown and not self._may_leave(left, shown):
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

    def _may_leave(self, page: QWidget, wanted: QWidget | None) -> bool:
        """Unsaved changes on ``page``: the page's own question (Save / Don't save, the one it
        asks before moving to another record). False to stay on it; after "Save" the case
        pages stay until the words are stored, then ``wanted`` is shown."""
        if self.vault is None or page is self.timeline:  # the timeline edits nothing
            return True
        if page is self.evidence:
            return self.evidence.detail.confirm_leave()
        if page is self.guide:
            return self.guide.confirm_leave()  # hands a note being typed to a save; never asks
        if page in (self.incidents, self.takedowns, self.journal):
            return page.confirm_leave(lambda: self._saved_on_leaving(page, wanted))  # type: ignore[attr-defined]
        return True

    def _saved_on_leaving(self, page: QWidget, wanted: QWidget | None) -> None:
        """What ``page`` saved on the way to ``wanted`` is stored: go on there, unless the user
        has gone somewhere else meanwhile."""
        if wanted is not None and self.vault is not None and self.currentWidget() is page:
            self.setCurrentWidget(wanted)

    def _refresh_if_stale(self, page: QWidget | None) -> None:
        if page is None or self.vault is None or page not in self._stale:
            return
        self._stale.discard(page)
        if page is self.evidence:
            # The list is the evidence page's own; what another tab changes there is which
            # incidents the chosen item is linked to.
            self.evidence.detail.incidents.reload()
            return
        for case_page in self.case_pages():
            if case_page is page:
                case_page.refresh()
